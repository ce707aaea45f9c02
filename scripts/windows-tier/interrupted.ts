/**
 * A fix interrupted for real: the bundled CLI under Wine applies a scenario's fixes and is killed
 * (SIGKILL, no cleanup) between two changes of one fix. The next start must find the open journal
 * entry (`check` warns, `recover` lists it, other fixes are refused), and `recover --rollback` must
 * return the registry to its prior state, `reg export` byte for byte; `recover --finish` must leave it
 * exactly as an uninterrupted fix would.
 */
import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { KEYS } from '../../shared/registry-types.js';
import type { Scenario } from '../../main/scenarios/schema.js';
import { applyPlan, diffModels, exportKey, modelOf, previewPlan, type FixOutcome } from './fixes.js';
import type { WineMachineWriter } from './scenario-to-wine.js';
import type { TierContext } from './setup.js';
import { runBounded, runWineToFile, CHECK_TIMEOUT } from './wine.js';

const HOLD_FILE = 'hold.txt';

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Starts `check --fix ID --yes`, waits until the CLI has made `after` changes, kills it. */
async function killAfter(ctx: TierContext, fixId: string, after: number, name: string): Promise<string> {
  const hold = join(ctx.workDir, HOLD_FILE);
  await rm(hold, { force: true });
  let child: ChildProcess | undefined;
  const run = runWineToFile(ctx, [ctx.nodeExe, ctx.cliWin, 'check', '--role', 'client', '--fix', fixId, '--yes', '--timeout', CHECK_TIMEOUT], join(ctx.workDir, `${name}.out.txt`), {
    timeoutMs: 180_000,
    env: { WSUS_DOCTOR_TEST_HOLD_AFTER_CHANGES: String(after), WSUS_DOCTOR_TEST_HOLD_FILE: `${ctx.workWin}\\${HOLD_FILE}` },
    onStart: (c) => {
      child = c;
    },
  });
  const deadline = Date.now() + 150_000;
  while (!(await exists(hold))) {
    if (Date.now() > deadline) throw new Error('the CLI never reached the change it was to be killed after');
    await new Promise((r) => setTimeout(r, 250));
  }
  const where = (await readFile(hold, 'utf8')).trim();
  child?.kill('SIGKILL');
  const res = await run;
  const alive = await runBounded('/usr/bin/pgrep', ['-f', `${ctx.cliWin.replace(/\\/g, '\\\\')}`], { timeoutMs: 5000 });
  if (alive.code === 0 && alive.stdout.trim() !== '') throw new Error(`the killed CLI is still running (pids ${alive.stdout.trim()})`);
  return `killed (exit ${String(res.code)}) right after change ${where}`;
}

async function cli(ctx: TierContext, args: string[], name: string): Promise<{ code: number | null; out: string }> {
  const res = await runWineToFile(ctx, [ctx.nodeExe, ctx.cliWin, ...args], join(ctx.workDir, `${name}.out.txt`), { timeoutMs: 120_000 });
  return { code: res.code, out: res.stdout };
}

export async function interruptedFix(ctx: TierContext, writer: WineMachineWriter, scenario: Scenario): Promise<FixOutcome> {
  const lines: string[] = [];
  const fail = (text: string): FixOutcome => ({ scenario: `${scenario.name} (killed mid-fix)`, ok: false, lines: [...lines, `FAIL ${text}`] });
  const key = KEYS.wuPolicy;
  // The fix with the most changes, applied alone: killed after its first change.
  const all = await previewPlan(ctx, scenario);
  const first = [...all.ids].sort((a, b) => (all.text.get(b)?.length ?? 0) - (all.text.get(a)?.length ?? 0))[0];
  if (!first) return fail(`${scenario.name} offers no automatic fix`);
  const plan = await previewPlan(ctx, scenario, { ids: [first] });
  const firstChanges = plan.text.get(first) ?? [];
  if (firstChanges.length < 2) return fail(`the largest fix of ${scenario.name} has ${firstChanges.length} change(s); this test needs two`);
  lines.push(`fix: ${first} alone (${firstChanges.length} changes: ${firstChanges.join('; ')})`);

  for (const action of ['rollback', 'finish'] as const) {
    await writer.reset();
    const applied = await writer.apply(scenario);
    try {
      const before = await exportKey(ctx, key, `interrupted-before-${action}.reg`);
      lines.push(`${action}: ${await killAfter(ctx, first, 1, `interrupted-${action}`)}`);
      const mid = await exportKey(ctx, key, `interrupted-mid-${action}.reg`);
      if (mid.equals(before)) return fail('the killed fix had changed nothing; the kill came too early to test anything');
      lines.push(`  reg export after the kill differs from before (${before.length} → ${mid.length} bytes): the machine is half-changed`);

      const listed = await cli(ctx, ['recover'], `recover-list-${action}`);
      if (listed.code !== 1 || !listed.out.includes(first)) return fail(`wsus-doctor recover should list the interrupted ${first} and exit 1; exit ${String(listed.code)}:\n${listed.out}`);
      lines.push(`  next start: \`wsus-doctor recover\` lists it (exit 1)`);
      const refused = await cli(ctx, ['check', '--role', 'client', '--fix-all', '--yes', '--timeout', CHECK_TIMEOUT], `refused-${action}`);
      if (refused.code !== 2 || !/interrupted/i.test(refused.out)) return fail(`another --fix-all should be refused (exit 2) while the entry is open; exit ${String(refused.code)}:\n${refused.out.slice(-800)}`);
      lines.push('  `check --fix-all --yes` warns and refuses to apply other fixes (exit 2)');
      const mid2 = await exportKey(ctx, key, `interrupted-mid2-${action}.reg`);
      if (!mid2.equals(mid)) return fail('the refused run changed the registry');

      const rec = await cli(ctx, ['recover', `--${action}`, '--yes'], `recover-${action}`);
      if (rec.code !== 0) return fail(`wsus-doctor recover --${action} --yes exited ${String(rec.code)}:\n${rec.out}`);
      const after = await exportKey(ctx, key, `interrupted-after-${action}.reg`);
      if (action === 'rollback') {
        if (!after.equals(before)) {
          const why = diffModels(modelOf(before), modelOf(after));
          return fail(`reg export after the rollback is not the export before (${before.length} vs ${after.length} bytes):\n  ${why.join('\n  ')}`);
        }
        lines.push(`  recover --rollback: reg export byte-for-byte identical to before the fix (${before.length} bytes)`);
      } else {
        const problems = diffModels(applyPlan(modelOf(before), plan.changes), modelOf(after));
        if (problems.length > 0) return fail(`after recover --finish the registry is not what the whole fix makes:\n  ${problems.join('\n  ')}`);
        lines.push('  recover --finish: reg export = before + every change of the fix, as an uninterrupted run');
      }
      const again = await cli(ctx, ['recover'], `recover-again-${action}`);
      if (again.code !== 0) return fail(`after recovery, wsus-doctor recover should find nothing (exit 0); exit ${String(again.code)}:\n${again.out}`);
    } finally {
      await applied.close();
    }
  }
  lines.push('the journal entry is closed after each recovery (`recover` finds nothing, exit 0)');
  return { scenario: `${scenario.name} (killed mid-fix)`, ok: true, lines };
}
