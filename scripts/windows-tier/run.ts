/**
 * The Windows tier (`npm run test:windows`): the bundled CLI in a real Windows node.exe under
 * Wine, against a real registry and service manager.
 *   1. set up Wine, the Windows Node, a fresh prefix reporting Windows 10, the CLI;
 *   2. parity with the simulator for every client scenario;
 *   3. fixes for real, then undo, compared on `reg export`.
 * Exit code 0 only when everything holds.
 */
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScenarioLibrary } from '../../main/scenarios/loader.js';
import { fixesForScenario, type FixOutcome } from './fixes.js';
import { KNOWN_DIFFERENCES, parityForScenario, type ParityOutcome } from './parity.js';
import { removeSystemHostsEntries, WineMachineWriter } from './scenario-to-wine.js';
import { setUp, tearDown, type TierContext } from './setup.js';
import { hostileValues } from './hostile.js';

/** Scenarios whose automatic fixes are applied for real, then undone. */
const FIX_SCENARIOS = ['client-misspelled-policy', 'client-usewuserver-off', 'client-au-disabled'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function printParity(rows: ParityOutcome[]): void {
  const head = ['scenario', 'compared', 'equal', 'known', 'unexpected'];
  const w = [34, 9, 6, 6, 10];
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? pad(c, w[i]!) : c.padStart(w[i]!))).join('  ');
  process.stdout.write(`\n${line(head)}\n${'-'.repeat(w.reduce((a, b) => a + b + 2, -2))}\n`);
  for (const r of rows) {
    if (r.error) {
      process.stdout.write(`${pad(r.scenario, w[0]!)}  ERROR ${r.error}\n`);
      continue;
    }
    process.stdout.write(`${line([r.scenario, String(r.compared), String(r.equal), String(r.known.length), String(r.unexpected.length)])}\n`);
    for (const u of r.unexpected) process.stdout.write(`    UNEXPECTED ${u.id}: wine ${u.wine}, simulator ${u.sim}\n`);
  }
  const used = new Map<string, Set<string>>();
  for (const r of rows) for (const k of r.known) (used.get(k.id) ?? used.set(k.id, new Set()).get(k.id)!).add(`${k.wine}/${k.sim}`);
  process.stdout.write('\nKnown differences seen (wine/simulator):\n');
  for (const k of KNOWN_DIFFERENCES) {
    const seen = used.get(k.check);
    process.stdout.write(`  ${pad(k.check, 28)} ${seen ? [...seen].join(', ') : '(not seen this run)'}\n`);
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  let ctx: TierContext | undefined;
  let passed = 0;
  let failed = 0;
  try {
    await removeSystemHostsEntries();
    ctx = await setUp(root);
    const scenarios = (await new ScenarioLibrary(join(root, 'main', 'scenarios', 'data')).all()).filter((s) => s.role === 'client');
    const writer = new WineMachineWriter(ctx, scenarios);

    process.stdout.write(`\n== Parity with the simulator (${scenarios.length} client scenarios)\n`);
    const rows: ParityOutcome[] = [];
    for (const scenario of scenarios) {
      let row: ParityOutcome;
      try {
        row = await parityForScenario(ctx, writer, scenario);
      } catch (e) {
        row = { scenario: scenario.name, compared: 0, equal: 0, known: [], unexpected: [], notes: [], error: e instanceof Error ? e.message : String(e) };
      }
      rows.push(row);
      const ok = !row.error && row.unexpected.length === 0;
      process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${scenario.name}${row.notes.length ? `  (${row.notes.join('; ')})` : ''}\n`);
      if (ok) passed++;
      else failed++;
    }
    printParity(rows);
    const backends = [...new Set(rows.map((r) => r.backend).filter((b): b is string => b !== undefined))];
    process.stdout.write(`\nRegistry backend reported under Wine: ${backends.map((b) => b.slice(0, 160)).join(' | ')}\n`);

    process.stdout.write('\n== Fixes for real, then undo\n');
    for (const name of FIX_SCENARIOS) {
      const scenario = scenarios.find((s) => s.name === name);
      let out: FixOutcome;
      if (!scenario) out = { scenario: name, ok: false, lines: ['FAIL no such scenario'] };
      else {
        try {
          out = await fixesForScenario(ctx, writer, scenario);
        } catch (e) {
          out = { scenario: name, ok: false, lines: [`FAIL ${e instanceof Error ? e.message : String(e)}`] };
        }
      }
      process.stdout.write(`  ${out.ok ? 'ok  ' : 'FAIL'} fixes ${name}\n${out.lines.map((l) => `       ${l}`).join('\n')}\n`);
      if (out.ok) passed++;
      else failed++;
    }

    process.stdout.write('\n== Hostile registry values\n');
    const healthy = scenarios.find((s) => s.name === 'client-healthy');
    let hostile: FixOutcome;
    try {
      hostile = healthy ? await hostileValues(ctx, writer, healthy) : { scenario: 'tier-hostile-values', ok: false, lines: ['FAIL no client-healthy scenario'] };
    } catch (e) {
      hostile = { scenario: 'tier-hostile-values', ok: false, lines: [`FAIL ${e instanceof Error ? e.message : String(e)}`] };
    }
    process.stdout.write(`  ${hostile.ok ? 'ok  ' : 'FAIL'} ${hostile.scenario}\n${hostile.lines.map((l) => `       ${l}`).join('\n')}\n`);
    if (hostile.ok) passed++;
    else failed++;
  } catch (e) {
    failed++;
    process.stdout.write(`\nFAIL setup: ${e instanceof Error ? e.message : String(e)}\n`);
  } finally {
    await removeSystemHostsEntries().catch(() => {});
    if (ctx) await tearDown(ctx).catch((e: unknown) => process.stdout.write(`cleanup: ${String(e)}\n`));
  }
  process.stdout.write(`\n${passed} passed, ${failed} failed  (wall time ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
