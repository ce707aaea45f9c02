/**
 * One troubleshooting session: a machine (real or simulated), a role, the runs of its checks, the
 * fixes applied and their backups. The CLI drives it today; the app's bridge drives the same class.
 */
import { join } from 'node:path';
import type { Change, FixOffer } from '../../shared/changes.js';
import { describeChange } from '../../shared/change-text.js';
import type { AppliedFix, CheckResult, RunResult } from '../../shared/results.js';
import type { Role } from '../../shared/status.js';
import { KEYS } from '../../shared/registry-types.js';
import { parseWsusUrl, type ParsedWsusUrl } from '../../shared/wsus-url.js';
import { createHttpAdapter } from '../adapters/net/http.js';
import { directDialer } from '../adapters/net/dialer.js';
import { createNetworkAdapter } from '../adapters/net/network.js';
import { createRemoteMachine } from '../adapters/remote-machine.js';
import type { HttpAdapter, Machine, NetworkAdapter } from '../adapters/types.js';
import { CHECK_IMPLS } from '../checks/index.js';
import type { CheckImpl } from '../engine/check.js';
import { runChecks, type ProgressEvent } from '../engine/runner.js';
import { FileBackupStore, MemoryBackupStore, type BackupStore } from '../fixes/backup-store.js';
import { applyFixes, mergePlans, undoBackup, type MergedFix } from '../fixes/executor.js';
import { FileJournal, MemoryJournal, type FixJournal, type JournalEntry } from '../fixes/journal.js';
import { recoverEntry, type RecoveryAction } from '../fixes/recover.js';
import { ScenarioError, type ScenarioLibrary } from '../scenarios/loader.js';
import type { Scenario } from '../scenarios/schema.js';
import { InterruptedFixError, UsageError } from './errors.js';
import { startScenarioWorld } from './scenario-world.js';

export interface SessionRequest {
  role?: Role;
  /** a built-in scenario name or a path to a scenario .json file */
  scenario?: string;
  /** the WSUS URL typed by the user; validated here */
  server?: string;
}

export interface SessionDeps {
  scenarios: ScenarioLibrary;
  platform: NodeJS.Platform;
  /** Builds the real machine; only called on Windows. */
  createWindowsMachine: () => Promise<Machine>;
  /** The app's data folder, holding backups\ and journal\ of real fixes (default: %ProgramData%\WSUS Self-Update Doctor). */
  dataDir?: string;
  implementations?: readonly CheckImpl[];
}

export interface FixSelection {
  selected: FixOffer[];
  /** requested ids that no check offered */
  unknown: string[];
  /** requested fixes that cannot be applied now, with why */
  blocked: FixOffer[];
}

export function validateServer(raw: string): ParsedWsusUrl {
  const parsed = parseWsusUrl(raw);
  if (!parsed.ok) throw new UsageError(`--server: ${parsed.reason.en}`);
  return parsed.value;
}

/** %ProgramData%\WSUS Self-Update Doctor: machine-wide, so an elevated run and a later one find the same journal. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const programData = env.ProgramData;
  const base = programData && /^[A-Za-z]:\\/.test(programData) ? programData : 'C:\\ProgramData';
  return join(base, 'WSUS Self-Update Doctor');
}

/** Backups and the fix journal of real fixes, in the data folder. */
export function fileFixStores(dataDir: string): { backups: BackupStore; journal: FixJournal } {
  return { backups: new FileBackupStore(join(dataDir, 'backups')), journal: new FileJournal(join(dataDir, 'journal')) };
}

/** For simulated machines: both live as long as the run. */
function memoryFixStores(): { backups: BackupStore; journal: FixJournal } {
  return { backups: new MemoryBackupStore(), journal: new MemoryJournal() };
}

export class DoctorSession {
  readonly role: Role;
  readonly machine: Machine;
  readonly scenario: Scenario | undefined;
  readonly server: ParsedWsusUrl | undefined;
  readonly #backups: BackupStore;
  readonly #journal: FixJournal;
  readonly #impls: readonly CheckImpl[];
  readonly #applied: AppliedFix[] = [];
  /** when this session last changed the machine, by its clock */
  #changedAt: string | undefined;
  readonly #close: () => Promise<void>;

  private constructor(parts: {
    role: Role;
    machine: Machine;
    backups: BackupStore;
    journal: FixJournal;
    impls: readonly CheckImpl[];
    scenario?: Scenario | undefined;
    server?: ParsedWsusUrl | undefined;
    close?: () => Promise<void>;
  }) {
    this.role = parts.role;
    this.machine = parts.machine;
    this.scenario = parts.scenario;
    this.server = parts.server;
    this.#backups = parts.backups;
    this.#journal = parts.journal;
    this.#impls = parts.impls;
    this.#close = parts.close ?? (async () => {});
  }

  static async open(req: SessionRequest, deps: SessionDeps): Promise<DoctorSession> {
    const server = req.server !== undefined ? validateServer(req.server) : undefined;
    const impls = deps.implementations ?? CHECK_IMPLS;
    if (req.scenario !== undefined) {
      let scenario: Scenario;
      try {
        scenario = await deps.scenarios.load(req.scenario);
      } catch (e) {
        if (e instanceof ScenarioError) throw new UsageError(e.message);
        throw e;
      }
      if (req.role && req.role !== scenario.role) {
        throw new UsageError(`--role ${req.role} does not match scenario ${scenario.name}, which simulates the ${scenario.role} role.`);
      }
      if (scenario.role === 'remote' && server) {
        throw new UsageError(`Scenario ${scenario.name} brings its own WSUS server; leave out --server.`);
      }
      const world = await startScenarioWorld(scenario);
      return new DoctorSession({
        role: scenario.role,
        machine: world.machine,
        ...memoryFixStores(),
        impls,
        scenario,
        server: server ?? (scenario.role === 'remote' ? world.server : undefined),
        close: world.close,
      });
    }
    if (deps.platform !== 'win32') {
      if (req.role === 'remote' || (req.role === undefined && server)) {
        if (!server) throw new UsageError('The remote role needs --server URL.');
        return new DoctorSession({ role: 'remote', machine: createRemoteMachine(realConnectivity()), ...memoryFixStores(), impls, server });
      }
      if (req.role === undefined) {
        throw new UsageError('This is not Windows: give --scenario NAME to practise on a simulated machine (see: wsus-doctor scenarios), or --server URL to test a WSUS server over the network.');
      }
      throw new UsageError(`The ${req.role} role reads this machine's registry and services, which needs Windows. Use --scenario NAME to simulate one.`);
    }
    const machine = await deps.createWindowsMachine();
    let role = req.role;
    if (role === undefined) {
      const wsusSetup = await machine.registry.readKey(KEYS.wsusSetup).catch(() => null);
      role = wsusSetup ? 'server' : 'client';
    }
    if (role === 'remote' && !server) throw new UsageError('The remote role needs --server URL.');
    return new DoctorSession({ role, machine, ...fileFixStores(deps.dataDir ?? defaultDataDir()), impls, server });
  }

  /** Stops what the session started (the WSUS emulator of a scenario). */
  close(): Promise<void> {
    return this.#close();
  }

  get applied(): readonly AppliedFix[] {
    return this.#applied;
  }

  run(opts: { timeoutMs?: number; onProgress?: (e: ProgressEvent) => void; signal?: AbortSignal } = {}): Promise<RunResult> {
    return runChecks({
      role: this.role,
      machine: this.machine,
      implementations: this.#impls,
      options: { ...(this.server ? { serverUrl: this.server.url } : {}), ...(this.#changedAt ? { changedAt: this.#changedAt } : {}) },
      ...(this.scenario ? { scenario: this.scenario.name } : {}),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    }).then((run) => {
      if (this.server) run.environment.wsusUrl = this.server.url;
      return run;
    });
  }

  /**
   * Picks fixes from a run. `all`: the automatic fixes of every failed check (warnings are left for
   * the user to choose by id). `ids`: fix ids, or check ids meaning all automatic fixes of that check.
   */
  selectFixes(run: RunResult, choice: { all?: boolean; ids?: readonly string[] }): FixSelection {
    const offered: { check: CheckResult; fix: FixOffer }[] = run.results.flatMap((check) => check.fixes.map((fix) => ({ check, fix })));
    const wanted: { check: CheckResult; fix: FixOffer }[] = [];
    const unknown: string[] = [];
    if (choice.all) wanted.push(...offered.filter((o) => o.check.status === 'fail' && o.fix.automatic));
    for (const id of choice.ids ?? []) {
      const byFix = offered.filter((o) => o.fix.id === id);
      const byCheck = offered.filter((o) => o.check.id === id && o.fix.automatic && o.check.status !== 'pass');
      const found = byFix.length > 0 ? byFix : byCheck;
      if (found.length === 0) unknown.push(id);
      for (const o of found) if (!wanted.includes(o)) wanted.push(o);
    }
    const selected = wanted.filter((o) => o.fix.automatic && !o.fix.blocked).map((o) => o.fix);
    const blocked = wanted.filter((o) => !o.fix.automatic || o.fix.blocked).map((o) => o.fix);
    return { selected, unknown, blocked };
  }

  /** Exactly what apply() will do with these fixes: each change once, in order. */
  preview(fixes: readonly FixOffer[]): MergedFix[] {
    return mergePlans(fixes);
  }

  async apply(
    fixes: readonly FixOffer[],
    hooks: { onChange?: (fixId: string, description: string) => void; afterChange?: (fixId: string, index: number) => Promise<void> | void } = {},
  ): Promise<AppliedFix[]> {
    const interrupted = await this.interruptedFixes();
    if (interrupted.entries.length > 0) {
      throw new InterruptedFixError(interrupted.entries.map((e) => e.id));
    }
    const info = await this.machine.system.info().catch(() => null);
    const { onChange, afterChange } = hooks;
    const applied = await applyFixes(fixes, {
      machine: this.machine,
      backups: this.#backups,
      journal: this.#journal,
      machineName: info?.computerName ?? 'unknown',
      ...(onChange ? { onChange: (id: string, c: Change) => onChange(id, describeChange(c).en) } : {}),
      ...(afterChange ? { afterChange } : {}),
    });
    this.#applied.push(...applied);
    if (applied.some((a) => a.backup !== '')) this.#noteChange();
    return applied;
  }

  /** Restores the backup of an applied fix (in this session, or a backup file from an earlier run). */
  async undo(backupLocation: string): Promise<string[]> {
    const problems = await undoBackup(backupLocation, { machine: this.machine, backups: this.#backups });
    this.#noteChange();
    return problems;
  }

  #noteChange(): void {
    this.#changedAt = this.machine.clock.now().toISOString();
  }

  /** Fixes an earlier process started on this machine and never finished (it was killed or crashed). */
  interruptedFixes(): Promise<{ entries: JournalEntry[]; unreadable: string[] }> {
    return this.#journal.openEntries();
  }

  /** Rolls back or finishes an interrupted fix; returns the problems met (empty: done, entry closed). */
  async recover(journalId: string, action: RecoveryAction): Promise<string[]> {
    const entry = await this.#journal.get(journalId);
    if (entry.state !== 'open') return [];
    const { problems } = await recoverEntry(entry, action, { machine: this.machine, journal: this.#journal });
    this.#noteChange();
    return problems;
  }
}

/** This machine's own network, for the remote role from any OS. */
function realConnectivity(): { network: NetworkAdapter; http: HttpAdapter } {
  return {
    network: createNetworkAdapter({ dialer: directDialer }),
    http: createHttpAdapter({ dialer: directDialer, proxy: null, route: 'direct' }),
  };
}
