/**
 * Parity with the simulator: the same scenario, run by the bundled CLI in Windows node.exe under Wine
 * against the real (Wine) registry, services and network, and by the simulator in-process. Statuses
 * are compared per check id; the only differences allowed are listed in KNOWN_DIFFERENCES.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DoctorSession, type SessionDeps } from '../../main/app/session.js';
import type { Scenario } from '../../main/scenarios/schema.js';
import { ScenarioLibrary } from '../../main/scenarios/loader.js';
import type { TierContext } from './setup.js';
import type { WineMachineWriter } from './scenario-to-wine.js';
import { runWineToFile, CHECK_TIMEOUT } from './wine.js';

export interface KnownDifference {
  check: string;
  /** the scenarios it applies to; omitted = every scenario */
  scenarios?: readonly string[];
  reason: string;
}

/**
 * Checks whose Wine result legitimately differs from the simulator. Keep this short: every entry is a
 * place where the tier proves nothing.
 */
export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    check: 'client.system.os',
    reason: "Wine reports Windows 10 (build 18362), not the scenario's Windows version, so the verdict on the OS follows Wine.",
  },
  {
    check: 'client.system.elevation',
    reason: 'whoami /groups under Wine prints no group SIDs, so elevation is unknown (info) where the scenario says elevated (pass).',
  },
  {
    check: 'client.agent.version',
    reason: "The agent's version comes from the version resource of wuaueng.dll; Wine's own DLL is read, not the scenario's version.",
  },
  {
    check: 'client.au.detection-timers',
    reason: "Applies only to pre-Windows 10 agents; Wine reports Windows 10, so it skips where an older scenario's machine runs it.",
  },
  {
    check: 'net.ping',
    reason:
      "The ping package runs ping.exe and parses its text; under Wine in this container ICMP echo gets no reply (no raw/ICMP sockets for Wine's IcmpSendEcho), so the check warns that ping is blocked where the scenario answers echo. TCP and HTTP on the same path are compared and equal.",
  },
  {
    check: 'http.iuident',
    reason: 'Which iuident.cab path a client asks for depends on its Windows version; Wine reports Windows 10.',
  },
  {
    check: 'http.wuaucomp',
    reason: 'Which wuaucomp.cab a client needs depends on its Windows version and architecture; Wine reports Windows 10 x64.',
  },
];

export interface StatusRow {
  id: string;
  status: string;
  /** what the check said (the report's summary), shown when a status differs unexpectedly */
  summary?: string;
}

export interface ParityOutcome {
  scenario: string;
  compared: number;
  equal: number;
  known: { id: string; wine: string; sim: string }[];
  unexpected: { id: string; wine: string; sim: string; said?: string }[];
  /** set when the run itself broke */
  error?: string;
  notes: string[];
  /** the registry backend the CLI reported */
  backend?: string;
}

/** Under Wine cscript runs but has no WMI, so the regedit package fails: the CLI must fall back to reg.exe. */
export const EXPECTED_BACKEND = /^reg\.exe \(fallback: /;

export function isKnown(check: string, scenario: string): KnownDifference | undefined {
  return KNOWN_DIFFERENCES.find((k) => k.check === check && (!k.scenarios || k.scenarios.includes(scenario)));
}

export function compareStatuses(scenario: string, wine: readonly StatusRow[], sim: readonly StatusRow[]): Omit<ParityOutcome, 'notes'> {
  const out: Omit<ParityOutcome, 'notes'> = { scenario, compared: 0, equal: 0, known: [], unexpected: [] };
  const simById = new Map(sim.map((r) => [r.id, r.status]));
  const wineById = new Map(wine.map((r) => [r.id, r.status]));
  const wineSaid = new Map(wine.map((r) => [r.id, r.summary]));
  for (const id of new Set([...simById.keys(), ...wineById.keys()])) {
    const w = wineById.get(id) ?? '(missing)';
    const s = simById.get(id) ?? '(missing)';
    out.compared++;
    if (w === s) out.equal++;
    else if (isKnown(id, scenario)) out.known.push({ id, wine: w, sim: s });
    else out.unexpected.push({ id, wine: w, sim: s, ...(wineSaid.get(id) ? { said: wineSaid.get(id)!.slice(0, 300) } : {}) });
  }
  return out;
}

export function simulatorDeps(root: string): SessionDeps {
  return {
    scenarios: new ScenarioLibrary(join(root, 'main', 'scenarios', 'data')),
    platform: 'linux',
    createWindowsMachine: () => Promise.reject(new Error('the simulator run never uses the real machine')),
  };
}

export async function runSimulator(root: string, scenario: string): Promise<StatusRow[]> {
  const session = await DoctorSession.open({ scenario, role: 'client' }, simulatorDeps(root));
  try {
    const run = await session.run({ timeoutMs: Number(CHECK_TIMEOUT) });
    return run.results.map((r) => ({ id: r.id, status: r.status }));
  } finally {
    await session.close();
  }
}

export interface CliReport {
  environment?: { registryBackend?: string };
  checks: { id: string; status: string }[];
  fixesApplied: { id: string; backup: string; result: string; changes: string[] }[];
}

/** Runs `wsus-doctor <args> --json C:\tier\<name>.json` in Windows node.exe and returns the report. */
export async function runCliUnderWine(ctx: TierContext, args: readonly string[], name: string): Promise<{ report: CliReport; output: string; code: number | null }> {
  const jsonLinux = join(ctx.workDir, `${name}.json`);
  await rm(jsonLinux, { force: true });
  const res = await runWineToFile(ctx, [ctx.nodeExe, ctx.cliWin, ...args, '--json', `${ctx.workWin}\\${name}.json`], join(ctx.workDir, `${name}.out.txt`), { timeoutMs: 120_000 });
  if (res.timedOut) throw new Error(`wsus-doctor ${args.join(' ')} timed out under Wine`);
  const text = await readFile(jsonLinux, 'utf8').catch(() => null);
  if (text === null) throw new Error(`wsus-doctor ${args.join(' ')} wrote no report (exit ${String(res.code)}):\n${res.stdout.split('\n').slice(-10).join('\n')}`);
  return { report: JSON.parse(text) as CliReport, output: res.stdout, code: res.code };
}

export async function parityForScenario(ctx: TierContext, writer: WineMachineWriter, scenario: Scenario): Promise<ParityOutcome> {
  await writer.reset();
  const applied = await writer.apply(scenario);
  try {
    const wine = await runCliUnderWine(ctx, ['check', '--role', 'client', '--timeout', CHECK_TIMEOUT], `check-${scenario.name}`);
    const sim = await runSimulator(ctx.root, scenario.name);
    const backend = wine.report.environment?.registryBackend ?? '(not reported)';
    const outcome: ParityOutcome = { ...compareStatuses(scenario.name, wine.report.checks, sim), notes: applied.notes, backend };
    if (!EXPECTED_BACKEND.test(backend)) outcome.error = `the registry backend is "${backend}", expected the reg.exe fallback (cscript cannot use WMI under Wine)`;
    return outcome;
  } finally {
    await applied.close();
  }
}
