/**
 * Puts a client scenario's machine into the Wine prefix: policy and other registry values (one
 * generated .reg file + `reg import`), service start types (Services\<name>\Start) and states
 * (`net start` / `net stop`), the WinHTTP proxy (WinHttpSettings), text files, and name resolution
 * for the WSUS host (pointing at the emulator on 127.0.0.1:8530 and :80).
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { KEYS, normaliseKeyPath } from '../../shared/registry-types.js';
import type { RegValue } from '../../shared/registry-types.js';
import { encodeWinHttpSettings } from '../../shared/winhttp-settings.js';
import { parseWsusUrl } from '../../shared/wsus-url.js';
import { buildRegFile, encodeRegFileText, type RegFileChange } from '../../main/adapters/windows/reg-file.js';
import { startEmulator, type RunningEmulator } from '../../main/emulator/emulator.js';
import type { Scenario } from '../../main/scenarios/schema.js';
import type { TierContext } from './setup.js';
import { describeFailure, mustWine, runWine } from './wine.js';

const START_VALUES: Record<string, number> = { auto: 2, manual: 3, disabled: 4, boot: 0, system: 1 };
const WINHTTP_VALUE = 'WinHttpSettings';
/** Marks the lines this tier adds to /etc/hosts, so they can always be found and removed. */
const HOSTS_MARK = '# wsus-doctor-windows-tier';
/** TEST-NET-1 (RFC 5737): never routed, so connections to it time out or are unreachable. */
const BLACKHOLE = '192.0.2.1';
const SYSTEM_HOSTS = '/etc/hosts';

type Machine = NonNullable<Scenario['machine']>;

function isUnderPolicy(key: string): boolean {
  const k = normaliseKeyPath(key).toLowerCase();
  const policy = KEYS.wuPolicy.toLowerCase();
  return k === policy || k.startsWith(`${policy}\\`);
}

/** Every value outside the policy tree any of these scenarios writes, plus what the tier itself writes. */
export function valuesToReset(scenarios: readonly Scenario[]): { key: string; name: string }[] {
  const seen = new Map<string, { key: string; name: string }>();
  const add = (key: string, name: string): void => {
    seen.set(`${normaliseKeyPath(key).toLowerCase()}|${name.toLowerCase()}`, { key: normaliseKeyPath(key), name });
  };
  add(KEYS.winHttpConnections, WINHTTP_VALUE);
  for (const s of scenarios) {
    const machine = s.machine;
    if (!machine) continue;
    for (const [key, values] of Object.entries(machine.registry)) {
      if (isUnderPolicy(key)) continue;
      for (const name of Object.keys(values)) add(key, name);
    }
    for (const name of Object.keys(machine.services)) add(`${KEYS.services}\\${name}`, 'DelayedAutostart');
  }
  return [...seen.values()];
}

/** A Windows path (C:\...) → the Linux path in the prefix, matching existing folders case-insensitively as Windows does. */
export function driveCPath(ctx: TierContext, winPath: string): string {
  const m = /^[A-Za-z]:\\(.*)$/.exec(winPath);
  if (!m) throw new Error(`Not a C:\\ path: ${winPath}`);
  let current = ctx.driveC;
  for (const part of m[1]!.split('\\').filter(Boolean)) {
    let name = part;
    if (existsSync(current)) {
      const found = readdirSync(current).find((e) => e.toLowerCase() === part.toLowerCase());
      if (found) name = found;
    }
    current = join(current, name);
  }
  return current;
}

export interface AppliedScenario {
  /** notes about what could not be reproduced exactly */
  notes: string[];
  emulator: RunningEmulator | null;
  close(): Promise<void>;
}

export class WineMachineWriter {
  readonly #ctx: TierContext;
  readonly #reset: { key: string; name: string }[];
  #writtenFiles: string[] = [];

  constructor(ctx: TierContext, allScenarios: readonly Scenario[]) {
    this.#ctx = ctx;
    this.#reset = valuesToReset(allScenarios);
  }

  async #import(fileName: string, changes: RegFileChange[]): Promise<void> {
    if (changes.length === 0) return;
    await writeFile(join(this.#ctx.workDir, fileName), encodeRegFileText(buildRegFile(changes)));
    await mustWine(this.#ctx, ['reg', 'import', `${this.#ctx.workWin}\\${fileName}`], `reg import ${fileName}`);
  }

  /** (a) Removes everything a scenario may have set: the policy tree, the other values, the files. */
  async reset(): Promise<void> {
    const del = await runWine(this.#ctx, ['reg', 'delete', KEYS.wuPolicy, '/f']);
    if (del.code !== 0 && del.code !== 1) throw new Error(describeFailure('reg delete of the policy key', del));
    // A deletion .reg line ("Name"=-) needs the key to exist: create each key first with a harmless import of nothing.
    const keys = [...new Set(this.#reset.map((r) => r.key))];
    for (const key of keys) await mustWine(this.#ctx, ['reg', 'add', key, '/f'], `reg add ${key}`);
    await this.#import('reset.reg', this.#reset.map((r) => ({ kind: 'delete', key: r.key, name: r.name })));
    for (const file of this.#writtenFiles) await rm(file, { force: true });
    this.#writtenFiles = [];
  }

  /** (b) + (c): writes the scenario into the prefix and starts its WSUS server. */
  async apply(scenario: Scenario): Promise<AppliedScenario> {
    const machine = scenario.machine as Machine;
    const notes: string[] = [];

    // Service states first: services.exe reads start types only when it starts, so `net start`
    // works whatever Start value is written afterwards (as on Windows, where the start type does
    // not stop a running service).
    for (const [name, svc] of Object.entries(machine.services)) {
      const verb = svc.state === 'running' ? 'start' : svc.state === 'stopped' ? 'stop' : null;
      if (!verb) {
        notes.push(`${name}: state ${svc.state} is not reproduced`);
        continue;
      }
      await runWine(this.#ctx, ['net', verb, name]);
      const q = await runWine(this.#ctx, ['sc', 'query', name]);
      const state = /STATE\s*:\s*(\d+)/.exec(q.stdout)?.[1];
      const wanted = verb === 'start' ? '4' : '1';
      if (state !== wanted) notes.push(`${name}: wanted ${svc.state}, sc query says STATE ${state ?? '?'}`);
    }

    const changes: RegFileChange[] = [];
    for (const [key, values] of Object.entries(machine.registry)) {
      for (const [name, value] of Object.entries(values)) changes.push({ kind: 'set', key, name, value });
    }
    for (const [name, svc] of Object.entries(machine.services)) {
      const key = `${KEYS.services}\\${name}`;
      const start = START_VALUES[svc.startType];
      if (start !== undefined) changes.push({ kind: 'set', key, name: 'Start', value: { type: 'REG_DWORD', data: start } });
      if (svc.delayedAutoStart) changes.push({ kind: 'set', key, name: 'DelayedAutostart', value: { type: 'REG_DWORD', data: 1 } });
    }
    if (machine.winhttpProxy) {
      const p = machine.winhttpProxy;
      const proxy = p.proxy.trim() === '' ? ({ kind: 'direct' } as const) : ({ kind: 'proxy', proxy: p.proxy, bypass: p.bypass } as const);
      const value: RegValue = { type: 'REG_BINARY', data: encodeWinHttpSettings(proxy) };
      changes.push({ kind: 'set', key: KEYS.winHttpConnections, name: WINHTTP_VALUE, value });
    }
    await this.#import('scenario.reg', changes);

    for (const [winPath, file] of Object.entries(machine.files)) {
      if (file.directory) continue;
      if (file.text === undefined && file.base64 === undefined) {
        if (file.version) notes.push(`${winPath}: a file version resource (${file.version}) is not reproduced`);
        continue;
      }
      const path = driveCPath(this.#ctx, winPath);
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, file.text !== undefined ? Buffer.from(file.text, 'utf8') : Buffer.from(file.base64 ?? '', 'base64'));
      this.#writtenFiles.push(path);
    }

    const emulator = scenario.server ? await startScenarioEmulator(scenario) : null;
    if (emulator && emulator.port80Port !== 80 && scenario.server?.port80) notes.push('port 80 is taken: the port-80 site is not reachable');
    await writeHosts(this.#ctx, hostsFor(scenario));
    return {
      notes,
      emulator,
      close: async () => {
        await emulator?.close();
      },
    };
  }
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function startScenarioEmulator(scenario: Scenario): Promise<RunningEmulator> {
  const url = scenario.serverUrl !== undefined ? parseWsusUrl(scenario.serverUrl) : null;
  const wsusPort = url?.ok ? url.value.port : 8530;
  const port80Port = (await portFree(80)) ? 80 : 0;
  return startEmulator(scenario.server!, { host: '127.0.0.1', wsusPort, port80Port });
}

/** Host name → address for this scenario's network, as the real resolver should answer. */
export function hostsFor(scenario: Scenario): Map<string, string> {
  const map = new Map<string, string>();
  const url = scenario.serverUrl !== undefined ? parseWsusUrl(scenario.serverUrl) : null;
  if (url?.ok && !/^[\d.]+$|:/.test(url.value.host)) map.set(url.value.host.toLowerCase(), '127.0.0.1');
  for (const [host, behaviour] of Object.entries(scenario.network.hosts)) {
    const h = host.toLowerCase();
    if (behaviour === 'unresolvable') map.delete(h);
    else if (behaviour === 'timeout' || behaviour === 'unreachable') map.set(h, BLACKHOLE);
    // 'refused': loopback, where nothing listens on the scenario's ports other than the emulator's.
    else map.set(h, '127.0.0.1');
  }
  return map;
}

/**
 * Writes the names into the prefix's hosts file and, because Wine 8 resolves names with the Linux
 * resolver (it ignores drive_c\windows\system32\drivers\etc\hosts), into /etc/hosts between markers.
 */
async function writeHosts(ctx: TierContext, map: Map<string, string>): Promise<void> {
  const lines = [...map].map(([host, addr]) => `${addr} ${host}`);
  const prefixHosts = driveCPath(ctx, 'C:\\windows\\system32\\drivers\\etc\\hosts');
  await writeFile(prefixHosts, `127.0.0.1 localhost\r\n${lines.join('\r\n')}\r\n`);
  await removeSystemHostsEntries();
  if (lines.length === 0) return;
  const current = await readFile(SYSTEM_HOSTS, 'utf8');
  const sep = current.endsWith('\n') || current === '' ? '' : '\n';
  await writeFile(SYSTEM_HOSTS, `${current}${sep}${lines.map((l) => `${l} ${HOSTS_MARK}`).join('\n')}\n`);
}

/** Removes the lines this tier added to /etc/hosts (also those left by a run that was killed). */
export async function removeSystemHostsEntries(): Promise<void> {
  const current = await readFile(SYSTEM_HOSTS, 'utf8').catch(() => null);
  if (current === null || !current.includes(HOSTS_MARK)) return;
  const kept = current.split('\n').filter((l) => !l.includes(HOSTS_MARK));
  await writeFile(SYSTEM_HOSTS, kept.join('\n'));
}
