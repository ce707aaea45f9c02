/**
 * Fixes for real: a scenario's automatic fixes applied by the bundled CLI under Wine must change the
 * registry exactly as the preview planned (compared on `reg export` before and after), leave
 * wuauserv running (read from `sc query`'s numeric STATE), and undo must restore the export byte for byte.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Change } from '../../shared/changes.js';
import { describeChange } from '../../shared/change-text.js';
import { formatRegValue, KEYS, normaliseKeyPath, type RegValue } from '../../shared/registry-types.js';
import { parseRegFile, sameRegValue } from '../../main/adapters/windows/reg-file.js';
import { DoctorSession } from '../../main/app/session.js';
import type { Scenario } from '../../main/scenarios/schema.js';
import { runCliUnderWine, simulatorDeps } from './parity.js';
import { driveCPath, type WineMachineWriter } from './scenario-to-wine.js';
import type { TierContext } from './setup.js';
import { mustWine, runWine, runWineToFile, CHECK_TIMEOUT } from './wine.js';

export interface FixOutcome {
  scenario: string;
  ok: boolean;
  lines: string[];
}

type KeyModel = Map<string, { path: string; values: Map<string, { name: string; value: RegValue }> }>;

export function modelOf(bytes: Uint8Array): KeyModel {
  const parsed = parseRegFile(bytes);
  if (parsed.problems.length > 0) throw new Error(`reg export could not be parsed: ${parsed.problems.join('; ')}`);
  const model: KeyModel = new Map();
  for (const section of parsed.sections) {
    const path = normaliseKeyPath(section.path);
    const entry = model.get(path.toLowerCase()) ?? { path, values: new Map() };
    for (const [name, value] of Object.entries(section.values)) entry.values.set(name.toLowerCase(), { name, value });
    model.set(path.toLowerCase(), entry);
  }
  return model;
}

export function applyPlan(model: KeyModel, changes: readonly Change[]): KeyModel {
  const out: KeyModel = new Map([...model].map(([k, v]) => [k, { path: v.path, values: new Map(v.values) }]));
  for (const c of changes) {
    if (c.kind !== 'registry.set' && c.kind !== 'registry.delete') continue;
    const path = normaliseKeyPath(c.key);
    const entry = out.get(path.toLowerCase()) ?? { path, values: new Map() };
    if (c.kind === 'registry.set') entry.values.set(c.name.toLowerCase(), { name: c.name, value: c.value });
    else entry.values.delete(c.name.toLowerCase());
    out.set(path.toLowerCase(), entry);
  }
  return out;
}

export function diffModels(expected: KeyModel, actual: KeyModel): string[] {
  const problems: string[] = [];
  for (const key of new Set([...expected.keys(), ...actual.keys()])) {
    const e = expected.get(key);
    const a = actual.get(key);
    if (!e || !a) {
      problems.push(`key ${(e ?? a)!.path}: ${e ? 'expected but missing' : 'present but not expected'}`);
      continue;
    }
    for (const name of new Set([...e.values.keys(), ...a.values.keys()])) {
      const ev = e.values.get(name);
      const av = a.values.get(name);
      if (!sameRegValue(ev?.value, av?.value)) {
        problems.push(`${e.path}\\${ev?.name ?? av?.name}: expected ${formatRegValue(ev?.value)}, found ${formatRegValue(av?.value)}`);
      }
    }
  }
  return problems;
}

export async function exportKey(ctx: TierContext, key: string, name: string): Promise<Buffer> {
  await mustWine(ctx, ['reg', 'export', key, `${ctx.workWin}\\${name}`, '/y'], `reg export ${key}`);
  return readFile(join(ctx.workDir, name));
}

async function serviceState(ctx: TierContext, name: string): Promise<number | null> {
  const res = await runWine(ctx, ['sc', 'query', name]);
  const m = /STATE\s*:\s*(\d+)/.exec(res.stdout);
  return m ? Number(m[1]) : null;
}

/** What the prefix says it is (checks such as AUOptions 7 depend on the edition and build). */
async function wineSystem(ctx: TierContext): Promise<{ productName: string; version: string }> {
  const res = await mustWine(ctx, ['reg', 'query', 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion'], 'reg query CurrentVersion');
  const field = (name: string): string | undefined => new RegExp(`^\\s{4}${name}\\s{4}REG_\\w+\\s{4}(.*)$`, 'm').exec(res.stdout)?.[1]?.trim();
  return { productName: field('ProductName') ?? 'Windows 10 Pro', version: `10.0.${field('CurrentBuildNumber') ?? '18362'}` };
}

/**
 * The plan the preview shows for --fix-all on this scenario, computed by the simulator on the
 * scenario as Wine's machine is: the same registry and services, Wine's product name and build.
 */
export async function previewPlan(
  ctx: TierContext,
  scenario: Scenario,
  choice: { all?: boolean; ids?: string[] } = { all: true },
): Promise<{ ids: string[]; changes: Change[]; text: Map<string, string[]> }> {
  const system = await wineSystem(ctx);
  const asWine = { ...scenario, machine: { ...scenario.machine!, system: { ...scenario.machine!.system, productName: system.productName, version: system.version, arch: 'x64' as const } } };
  const file = join(ctx.root, '.cache', `preview-${process.pid}-${scenario.name}.json`);
  await writeFile(file, JSON.stringify(asWine));
  const session = await DoctorSession.open({ scenario: file, role: 'client' }, simulatorDeps(ctx.root)).finally(() => rm(file, { force: true }));
  try {
    const run = await session.run({ timeoutMs: Number(CHECK_TIMEOUT) });
    const { selected } = session.selectFixes(run, choice);
    const merged = session.preview(selected);
    return {
      ids: merged.map((m) => m.fix.id),
      changes: merged.flatMap((m) => m.fix.plan),
      text: new Map(merged.map((m) => [m.fix.id, m.fix.plan.map((c) => describeChange(c).en)])),
    };
  } finally {
    await session.close();
  }
}

export async function fixesForScenario(ctx: TierContext, writer: WineMachineWriter, scenario: Scenario): Promise<FixOutcome> {
  const lines: string[] = [];
  const fail = (text: string): FixOutcome => ({ scenario: scenario.name, ok: false, lines: [...lines, `FAIL ${text}`] });
  await writer.reset();
  const applied = await writer.apply(scenario);
  try {
    const key = KEYS.wuPolicy;
    const plan = await previewPlan(ctx, scenario);
    lines.push(`preview: ${plan.ids.join(', ')} (${plan.changes.length} changes)`);
    const outside = plan.changes.filter((c) => (c.kind === 'registry.set' || c.kind === 'registry.delete') && !normaliseKeyPath(c.key).toLowerCase().startsWith(key.toLowerCase()));
    if (outside.length > 0) return fail(`the plan changes keys outside ${key}, which this test does not export`);

    const before = await exportKey(ctx, key, 'before.reg');
    const dry = await runCliUnderWine(ctx, ['check', '--role', 'client', '--fix-all', '--dry-run', '--timeout', CHECK_TIMEOUT], `dry-${scenario.name}`);
    if (dry.report.fixesApplied.length !== 0) return fail('--dry-run reported applied fixes');
    const afterDry = await exportKey(ctx, key, 'after-dry-run.reg');
    if (!afterDry.equals(before)) return fail('--dry-run changed the registry (reg export differs)');
    lines.push(`--dry-run changed nothing (reg export byte-for-byte the same, ${before.length} bytes)`);
    const fixRun = await runCliUnderWine(ctx, ['check', '--role', 'client', '--fix-all', '--yes', '--timeout', CHECK_TIMEOUT], `fix-${scenario.name}`);
    const fixes = fixRun.report.fixesApplied;
    lines.push(`applied: ${fixes.map((f) => `${f.id}=${f.result}`).join(', ') || '(none)'}`);
    if (fixes.length === 0) return fail(`no fix was applied:\n${fixRun.output.split('\n').slice(-15).join('\n')}`);
    if (fixes.some((f) => f.result !== 'applied')) return fail('a fix did not apply');
    const appliedIds = fixes.map((f) => f.id).sort().join(',');
    if (appliedIds !== [...plan.ids].sort().join(',')) return fail(`applied fixes ${appliedIds} differ from the preview ${plan.ids.join(',')}`);
    for (const f of fixes) {
      const previewed = plan.text.get(f.id) ?? [];
      if (JSON.stringify(f.changes) !== JSON.stringify(previewed)) return fail(`${f.id} made [${f.changes.join('; ')}], the preview said [${previewed.join('; ')}]`);
    }
    lines.push('each applied fix made exactly the changes of its preview');

    const after = await exportKey(ctx, key, 'after.reg');
    const problems = diffModels(applyPlan(modelOf(before), plan.changes), modelOf(after));
    if (problems.length > 0) return fail(`reg export after the fixes differs from the plan:\n  ${problems.join('\n  ')}`);
    lines.push('reg export after = reg export before + the previewed changes, nothing else');

    const restarts = plan.changes.filter((c) => c.kind === 'service.restart' || c.kind === 'service.start').map((c) => (c as { service: string }).service);
    for (const svc of new Set(restarts)) {
      const state = await serviceState(ctx, svc);
      if (state !== 4) return fail(`sc query ${svc} says STATE ${String(state)} after the restart, expected 4 (RUNNING)`);
      lines.push(`sc query ${svc}: STATE 4 (RUNNING) after the restart`);
    }

    // Beside the first fix's backup: `reg export` of the key it changes first, taken before any change.
    const firstKey = plan.changes.find((c): c is Extract<Change, { key: string }> => c.kind === 'registry.set' || c.kind === 'registry.delete')?.key;
    const firstBackup = fixes.find((f) => f.id === plan.ids[0])?.backup ?? '';
    if (firstKey && normaliseKeyPath(firstKey).toLowerCase() === key.toLowerCase() && firstBackup.endsWith('.json')) {
      const companion = await readFile(driveCPath(ctx, `${firstBackup.slice(0, -'.json'.length)}.1.reg`)).catch(() => null);
      if (!companion) return fail(`no reg export beside the backup ${firstBackup}`);
      if (!companion.equals(before)) return fail('the reg export saved with the backup is not the state before the fix');
      lines.push(`backup: ${firstBackup} with its reg export (.1.reg), byte-for-byte the state before the fix`);
    }

    const backups = fixes.map((f) => f.backup).filter((b) => b !== '');
    for (const backup of [...backups].reverse()) {
      const res = await runWineToFile(ctx, [ctx.nodeExe, ctx.cliWin, 'undo', backup, '--yes'], join(ctx.workDir, 'undo.out.txt'), { timeoutMs: 120_000 });
      if (res.code !== 0) return fail(`wsus-doctor undo ${backup} exited ${String(res.code)}:\n${res.stdout}`);
    }
    lines.push(`undo: ${backups.length} backups restored, newest first`);
    const restored = await exportKey(ctx, key, 'restored.reg');
    if (!restored.equals(before)) {
      const why = diffModels(modelOf(before), modelOf(restored));
      return fail(`reg export after undo is not byte-for-byte the export before (${before.length} vs ${restored.length} bytes)${why.length ? `:\n  ${why.join('\n  ')}` : ''}`);
    }
    lines.push(`reg export after undo is byte-for-byte identical (${before.length} bytes)`);
    return { scenario: scenario.name, ok: true, lines };
  } finally {
    await applied.close();
  }
}
