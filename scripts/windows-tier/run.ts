/**
 * The Windows tier (`npm run test:windows`): the bundled CLI in a real Windows node.exe under
 * Wine, against a real registry and service manager.
 *   1. set up Wine, the Windows Node, a fresh prefix reporting Windows 10, the CLI;
 *   2. parity with the simulator for every client scenario;
 *   3. fixes for real, then undo, compared on `reg export`;
 *   4. hostile registry values through reads, evidence, the HTML report, fixes and undo;
 *   5. a fix killed between two changes, then rolled back or finished with `recover`.
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
import { exeTier } from './exe.js';
import { interruptedFix } from './interrupted.js';

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
    for (const u of r.unexpected) process.stdout.write(`    UNEXPECTED ${u.id}: wine ${u.wine}, simulator ${u.sim}${u.said ? ` (Wine said: ${u.said})` : ''}\n`);
  }
  const used = new Map<string, Set<string>>();
  for (const r of rows) for (const k of r.known) (used.get(k.id) ?? used.set(k.id, new Set()).get(k.id)!).add(`${k.wine}/${k.sim}`);
  process.stdout.write('\nKnown differences seen (wine/simulator):\n');
  for (const k of KNOWN_DIFFERENCES) {
    const seen = used.get(k.check);
    process.stdout.write(`  ${pad(k.check, 28)} ${seen ? [...seen].join(', ') : '(not seen this run)'}\n`);
  }
}

/** Sections to run: all by default, or those named on the command line (for working on one). */
const SECTIONS = ['parity', 'fixes', 'hostile', 'exe', 'interrupted'] as const;
const asked = process.argv.slice(2);
const unknownSection = asked.find((a) => !(SECTIONS as readonly string[]).includes(a));
const want = (section: (typeof SECTIONS)[number]): boolean => asked.length === 0 || asked.includes(section);

async function main(): Promise<number> {
  if (unknownSection) {
    process.stderr.write(`Unknown section "${unknownSection}"; the sections are: ${SECTIONS.join(', ')}.\n`);
    return 2;
  }
  if (asked.length > 0) process.stdout.write(`Running only: ${asked.join(', ')} (without arguments, every section runs)\n`);
  const started = Date.now();
  let ctx: TierContext | undefined;
  let passed = 0;
  let failed = 0;
  try {
    await removeSystemHostsEntries();
    ctx = await setUp(root);
    const scenarios = (await new ScenarioLibrary(join(root, 'main', 'scenarios', 'data')).all()).filter((s) => s.role === 'client');
    const writer = new WineMachineWriter(ctx, scenarios);

    if (want('parity')) process.stdout.write(`\n== Parity with the simulator (${scenarios.length} client scenarios)\n`);
    const rows: ParityOutcome[] = [];
    for (const scenario of want('parity') ? scenarios : []) {
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
    if (want('parity')) {
      printParity(rows);
      const backends = [...new Set(rows.map((r) => r.backend).filter((b): b is string => b !== undefined))];
      process.stdout.write(`\nRegistry backend reported under Wine: ${backends.map((b) => b.slice(0, 160)).join(' | ')}\n`);
    }

    if (want('fixes')) process.stdout.write('\n== Fixes for real, then undo\n');
    for (const name of want('fixes') ? FIX_SCENARIOS : []) {
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

    const report = (out: FixOutcome): void => {
      process.stdout.write(`  ${out.ok ? 'ok  ' : 'FAIL'} ${out.scenario}\n${out.lines.map((l) => `       ${l}`).join('\n')}\n`);
      if (out.ok) passed++;
      else failed++;
    };
    const attempt = async (name: string, scenarioName: string, work: (s: (typeof scenarios)[number]) => Promise<FixOutcome>): Promise<FixOutcome> => {
      const scenario = scenarios.find((s) => s.name === scenarioName);
      if (!scenario) return { scenario: name, ok: false, lines: [`FAIL no ${scenarioName} scenario`] };
      try {
        return await work(scenario);
      } catch (e) {
        return { scenario: name, ok: false, lines: [`FAIL ${e instanceof Error ? e.message : String(e)}`] };
      }
    };

    if (want('hostile')) {
      process.stdout.write('\n== Hostile registry values\n');
      report(await attempt('tier-hostile-values', 'client-healthy', (s) => hostileValues(ctx!, writer, s)));
    }

    if (want('exe')) {
      const exe = await exeTier(ctx, writer, scenarios);
      passed += exe.passed;
      failed += exe.failed;
    }

    if (want('interrupted')) {
      process.stdout.write('\n== A fix killed between two changes, then recovered\n');
      report(await attempt('interrupted', 'client-misspelled-policy', (s) => interruptedFix(ctx!, writer, s)));
    }
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
