/** The terminal summary of a run: grouped by flowchart step, worst news first in the tally. */
import { FLOWS } from '../../shared/flow.js';
import type { MergedFix } from '../fixes/executor.js';
import { describeChange } from '../../shared/change-text.js';
import type { CheckResult, RunResult } from '../../shared/results.js';
import { countStatuses } from '../../shared/status.js';
import { tr, type Lang } from '../../shared/text.js';
import { paint, safeTerminalText, statusLabel, type Out } from './terminal.js';

const T = {
  role: { en: 'role', ja: 'ロール' },
  simulated: { en: 'simulated machine', ja: 'シミュレーションのマシン' },
  registry: { en: 'Registry access', ja: 'レジストリへのアクセス' },
  elevated: { en: 'Administrator', ja: '管理者権限' },
  yes: { en: 'yes', ja: 'あり' },
  no: { en: 'no', ja: 'なし' },
  unknown: { en: 'unknown', ja: '不明' },
  summary: { en: 'Summary', ja: '集計' },
  fixes: { en: 'Fixes available', ja: '利用できる修復' },
  fixHint: {
    en: 'apply with --fix ID,... or --fix-all (automatic fixes of failed checks); add --dry-run to preview',
    ja: '--fix ID,... または --fix-all (不合格のチェックの自動修復) で適用。--dry-run で内容だけを表示',
  },
  manual: { en: 'manual', ja: '手動' },
  admin: { en: 'needs administrator', ja: '管理者権限が必要' },
  blocked: { en: 'not possible yet', ja: 'まだ実行できません' },
  noChecks: { en: 'No checks are available for this role yet.', ja: 'このロールで実行できるチェックはまだありません。' },
  other: { en: 'Other checks', ja: 'その他のチェック' },
  coveredBy: { en: '(the rest of its changes are made once, by:', ja: '(残りの変更は次の修復でまとめて 1 回だけ行います:' },
} as const;

function line(out: Out, r: CheckResult, lang: Lang, idWidth: number): string {
  return `  ${statusLabel(out, r.status, lang)}  ${r.id.padEnd(idWidth)}  ${safeTerminalText(tr(r.summary, lang))}\n`;
}

export function formatHeader(out: Out, run: RunResult, lang: Lang, toolVersion: string): string {
  const env = run.environment;
  const who = run.scenario ? `${tr(T.simulated, lang)} "${run.scenario}"` : run.role === 'remote' ? (env.wsusUrl ?? '') : env.computerName;
  const elevated = env.elevated === null ? tr(T.unknown, lang) : env.elevated ? tr(T.yes, lang) : tr(T.no, lang);
  let s = `${paint(out, 'bold', `WSUS Self-Update Doctor ${toolVersion}`)} — ${run.role} ${tr(T.role, lang)} — ${safeTerminalText(who)}`;
  if (env.computerName && run.scenario) s += ` (${safeTerminalText(env.computerName)})`;
  s += '\n';
  if (env.os) s += `${safeTerminalText(env.os)}\n`;
  if (env.wsusUrl) s += `WSUS: ${env.wsusUrl}\n`;
  if (run.role !== 'remote') s += `${tr(T.registry, lang)}: ${safeTerminalText(env.registryBackend)}   ${tr(T.elevated, lang)}: ${elevated}\n`;
  return s;
}

export function formatResults(out: Out, run: RunResult, lang: Lang): string {
  if (run.results.length === 0) return `\n${tr(T.noChecks, lang)}\n`;
  const idWidth = Math.max(...run.results.map((r) => r.id.length));
  const byId = new Map(run.results.map((r) => [r.id, r]));
  const shown = new Set<string>();
  let s = '';
  for (const step of FLOWS[run.role]) {
    const results = step.checks.map((id) => byId.get(id)).filter((r): r is CheckResult => r !== undefined);
    if (results.length === 0) continue;
    s += `\n${paint(out, 'bold', tr(step.title, lang))}\n`;
    for (const r of results) {
      s += line(out, r, lang, idWidth);
      shown.add(r.id);
    }
  }
  const rest = run.results.filter((r) => !shown.has(r.id));
  if (rest.length > 0) {
    s += `\n${paint(out, 'bold', tr(T.other, lang))}\n`;
    for (const r of rest) s += line(out, r, lang, idWidth);
  }
  const c = countStatuses(run.results.map((r) => r.status));
  s += `\n${tr(T.summary, lang)}: ${c.pass} pass, ${c.warn} warn, ${c.fail} fail, ${c.info} info, ${c.skip} skip, ${c.error} error  (${run.durationMs} ms)\n`;
  return s;
}

export function formatFixOffers(out: Out, run: RunResult, lang: Lang): string {
  const offers = run.results.filter((r) => r.status !== 'pass' && r.status !== 'skip').flatMap((r) => r.fixes.map((f) => ({ r, f })));
  if (offers.length === 0) return '';
  let s = `\n${paint(out, 'bold', tr(T.fixes, lang))} (${tr(T.fixHint, lang)}):\n`;
  for (const { r, f } of offers) {
    const tags = [f.automatic ? '' : tr(T.manual, lang), f.requiresAdmin && f.automatic ? tr(T.admin, lang) : '', f.blocked ? tr(T.blocked, lang) : ''].filter(Boolean);
    s += `  ${f.id}${tags.length ? `  [${tags.join(', ')}]` : ''}\n    ${tr(f.title, lang)}  (${statusLabel(out, r.status, lang).trim()} ${r.id})\n`;
    if (f.blocked) s += `    ${paint(out, 'yellow', tr(f.blocked, lang))}\n`;
  }
  return s;
}

export function formatPlan(out: Out, plans: readonly MergedFix[], lang: Lang): string {
  let s = '';
  for (const { fix, coveredBy } of plans) {
    s += `\n${paint(out, 'bold', fix.id)} — ${tr(fix.title, lang)}${fix.requiresAdmin ? `  [${tr(T.admin, lang)}]` : ''}\n`;
    fix.plan.forEach((c, i) => {
      s += `  ${i + 1}. ${safeTerminalText(tr(describeChange(c), lang))}\n`;
    });
    if (coveredBy.length > 0) s += `  ${tr(T.coveredBy, lang)} ${coveredBy.join(', ')})\n`;
  }
  return s;
}
