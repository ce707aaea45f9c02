/**
 * Hostile registry data on the real registry: quotes, "&", %VAR%, CR/LF, Japanese and very long
 * strings must pass through reads, evidence, fixes and undo unchanged, and never reach a plan.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KEYS } from '../../shared/registry-types.js';
import { escapeHtml } from '../../main/report/html-report.js';
import { ScenarioSchema, type Scenario } from '../../main/scenarios/schema.js';
import { fixesForScenario, type FixOutcome } from './fixes.js';
import { runCliUnderWine } from './parity.js';
import type { WineMachineWriter } from './scenario-to-wine.js';
import type { TierContext } from './setup.js';
import { CHECK_TIMEOUT } from './wine.js';

/** A WUServer nobody should ever write anywhere, and a huge target group nothing should touch. */
export const HOSTILE_WUSERVER = `http://wsus"&calc.exe&"01:8530/%PATH%\r\n日本語のサーバー ${'x'.repeat(120)}`;
export const HOSTILE_TARGET_GROUP = `Dept "A" & B; %USERNAME%; 営業部\r\n${'y'.repeat(10_000)}`;

export function hostileScenario(base: Scenario): Scenario {
  const registry = structuredClone(base.machine!.registry);
  registry[KEYS.wuPolicy] = {
    ...registry[KEYS.wuPolicy],
    WUServer: { type: 'REG_SZ', data: HOSTILE_WUSERVER },
    TargetGroup: { type: 'REG_SZ', data: HOSTILE_TARGET_GROUP },
    TargetGroupEnabled: { type: 'REG_DWORD', data: 1 },
  };
  return ScenarioSchema.parse({ ...base, name: 'tier-hostile-values', machine: { ...base.machine, registry } });
}

export async function hostileValues(ctx: TierContext, writer: WineMachineWriter, base: Scenario): Promise<FixOutcome> {
  const scenario = hostileScenario(base);
  await writer.reset();
  const applied = await writer.apply(scenario);
  let check;
  try {
    check = await runCliUnderWine(ctx, ['check', '--role', 'client', '--timeout', CHECK_TIMEOUT, '--html', `${ctx.workWin}\\hostile.html`], 'hostile-check');
  } finally {
    await applied.close();
  }
  const lines: string[] = [];
  const fail = (text: string): FixOutcome => ({ scenario: scenario.name, ok: false, lines: [...lines, `FAIL ${text}`] });
  const wuserver = (check.report as unknown as { checks: { id: string; status: string; evidence: { value: string }[] }[] }).checks.find((c) => c.id === 'client.policy.wuserver');
  if (wuserver?.status !== 'fail') return fail(`client.policy.wuserver is ${String(wuserver?.status)}, expected fail for a WUServer with quotes and &`);
  // Evidence shows the value exactly as read (JSON-escaped, as formatRegValue writes REG_SZ data).
  if (!wuserver.evidence.some((e) => e.value.includes(JSON.stringify(HOSTILE_WUSERVER)))) return fail('the evidence does not show the WUServer value exactly as it is in the registry');
  lines.push('read back through reg.exe and shown in the evidence unchanged (quotes, &, %PATH%, CR/LF, Japanese)');
  // The HTML report shows it as text: every character escaped, nothing that could become markup.
  const html = await readFile(join(ctx.workDir, 'hostile.html'), 'utf8').catch(() => '');
  if (html === '') return fail('the HTML report was not written');
  const shown = escapeHtml(JSON.stringify(HOSTILE_WUSERVER));
  if (!html.includes(shown)) return fail('the HTML report does not show the WUServer value, escaped, exactly as read');
  if (html.includes('"&calc.exe&"') || /<script/i.test(html)) return fail('the HTML report contains the value unescaped');
  lines.push(`the HTML report (${html.length} bytes) shows it escaped as text, with no script`);
  // The fix takes the valid WUStatusServer as the address; the hostile value goes only into the backup.
  const fixed = await fixesForScenario(ctx, writer, scenario);
  if (!fixed.ok) return { ...fixed, lines: [...lines, ...fixed.lines] };
  return { scenario: scenario.name, ok: true, lines: [...lines, ...fixed.lines, `the 10 000-character TargetGroup with quotes, &, %USERNAME%, CR/LF and Japanese survived fix and undo`] };
}
