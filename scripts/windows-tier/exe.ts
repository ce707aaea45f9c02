/**
 * The Windows tier for dist/exe/wsus-doctor.exe, the single executable: built here (npm run
 * build:exe's script), copied into the prefix with vbs/ and scenarios/ beside it, then run under Wine
 * with no node.exe and no bundle next to it:
 *   1. the simulated path (--scenario client-healthy --json): the exe's built-in scenarios work;
 *   2. every client scenario written into the real (Wine) registry, checked by the exe and compared
 *      with the simulator exactly as the bundled CLI is (parity.ts: same known differences, same
 *      expected registry backend).
 * Prints one line per run and returns the counts for run.ts.
 */
import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scenario } from '../../main/scenarios/schema.js';
import { buildExe } from '../build-exe.mjs';
import { compareStatuses, EXPECTED_BACKEND, runSimulator, type CliReport } from './parity.js';
import type { WineMachineWriter } from './scenario-to-wine.js';
import type { TierContext } from './setup.js';
import { step } from './setup.js';
import { runWineToFile, CHECK_TIMEOUT } from './wine.js';

const EXE_DIR_WIN = 'C:\\wsus-doctor-exe';

interface ExeRun {
  report: CliReport & { target?: Record<string, string> };
  text: string;
  output: string;
  code: number | null;
}

/** Runs `wsus-doctor.exe <args> --json C:\tier\<name>.json` (stdout to a file: Wine) and reads the report. */
async function runExe(ctx: TierContext, args: readonly string[], name: string): Promise<ExeRun> {
  const jsonLinux = join(ctx.workDir, `${name}.json`);
  await rm(jsonLinux, { force: true });
  const res = await runWineToFile(ctx, [`${EXE_DIR_WIN}\\wsus-doctor.exe`, ...args, '--json', `${ctx.workWin}\\${name}.json`], join(ctx.workDir, `${name}.out.txt`), { timeoutMs: 120_000 });
  if (res.timedOut) throw new Error(`wsus-doctor.exe ${args.join(' ')} timed out under Wine`);
  const text = await readFile(jsonLinux, 'utf8').catch(() => null);
  if (text === null) throw new Error(`wsus-doctor.exe ${args.join(' ')} wrote no report (exit ${String(res.code)}):\n${res.stdout.split('\n').slice(-10).join('\n')}`);
  return { report: JSON.parse(text) as ExeRun['report'], text, output: res.stdout, code: res.code };
}

export async function exeTier(ctx: TierContext, writer: WineMachineWriter, scenarios: readonly Scenario[]): Promise<{ passed: number; failed: number }> {
  process.stdout.write('\n== The single executable (dist/exe/wsus-doctor.exe) under Wine\n');
  let passed = 0;
  let failed = 0;
  const report = (ok: boolean, line: string, detail: string[] = []): void => {
    process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${line}\n${detail.map((l) => `       ${l}`).join('\n')}${detail.length ? '\n' : ''}`);
    if (ok) passed++;
    else failed++;
  };
  try {
    step('building the single executable (scripts/build-exe.mjs)');
    await buildExe(ctx.root);
    await cp(join(ctx.root, 'dist', 'exe'), join(ctx.driveC, 'wsus-doctor-exe'), { recursive: true });
  } catch (e) {
    report(false, `build or copy of wsus-doctor.exe: ${e instanceof Error ? e.message : String(e)}`);
    return { passed, failed };
  }

  // 1. The simulated path: the scenarios folder beside the exe is found; the JSON is shown in full.
  try {
    const sim = await runExe(ctx, ['check', '--scenario', 'client-healthy'], 'exe-scenario-client-healthy');
    const ok = sim.code === 0 && sim.report.checks.length > 0 && sim.report.target?.computerName === 'PC-0142';
    const head = sim.text.split('\n').slice(0, 24);
    report(ok, `wsus-doctor.exe check --scenario client-healthy --json (exit ${String(sim.code)}, ${sim.report.checks.length} checks)`, ok ? head : [...head, ...sim.output.split('\n').slice(-10)]);
  } catch (e) {
    report(false, `wsus-doctor.exe check --scenario client-healthy: ${e instanceof Error ? e.message : String(e)}`);
  }

  // 2. Parity with the simulator on the real (Wine) registry, like the bundled CLI.
  for (const scenario of scenarios) {
    try {
      await writer.reset();
      const applied = await writer.apply(scenario);
      try {
        const exe = await runExe(ctx, ['check', '--role', 'client', '--timeout', CHECK_TIMEOUT], `exe-check-${scenario.name}`);
        const sim = await runSimulator(ctx.root, scenario.name);
        const outcome = compareStatuses(scenario.name, exe.report.checks, sim);
        const backend = exe.report.environment?.registryBackend ?? '(not reported)';
        const problems = [
          ...outcome.unexpected.map((u) => `UNEXPECTED ${u.id}: exe ${u.wine}, simulator ${u.sim}${u.said ? ` (the exe said: ${u.said})` : ''}`),
          ...(EXPECTED_BACKEND.test(backend) ? [] : [`registry backend "${backend.slice(0, 160)}", expected the reg.exe fallback`]),
        ];
        report(problems.length === 0, `exe parity ${scenario.name}: ${outcome.equal}/${outcome.compared} equal, ${outcome.known.length} known differences`, problems);
      } finally {
        await applied.close();
      }
    } catch (e) {
      report(false, `exe parity ${scenario.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { passed, failed };
}
