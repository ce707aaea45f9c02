/**
 * The HTML report: one self-contained file an administrator attaches to a ticket.
 *
 * No scripts, no external resources, inline CSS only, and a CSP that forbids everything else.
 * Every value from the report goes through escapeHtml (text and attributes alike); the only links
 * are http(s) URLs on the documentation hosts (shared/docs.ts DOC_HOSTS), plus in-page links from
 * the summary to the checks. Prints on A4; light and dark on screen.
 */
import type { CheckId } from '../../shared/check-ids.js';
import { DOC_HOSTS, DOCS } from '../../shared/docs.js';
import { FLOWS, stepStatus, type FlowStep } from '../../shared/flow.js';
import { problemsOf, type Report, type ReportAppliedFix, type ReportCheck, type ReportFix } from '../../shared/report-model.js';
import { STATUS_LABEL, STATUSES, type CheckStatus } from '../../shared/status.js';
import { tr, type L10n, type Lang } from '../../shared/text.js';
import { EVIDENCE_EXTRAS_CSS, renderEvidenceSeries, renderEvidenceTable } from './evidence-extras.js';

export interface HtmlReportOptions {
  /** When the file was written (shown in the footer); omitted by default so the output is reproducible. */
  generatedAt?: Date | string;
}

const PRODUCT = 'WSUS Self-Update Doctor';

/** A constant written into a double-quoted attribute as is (it has no `"`, `<` or `&`). */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// C0 controls except tab and line feed, DEL, C1 controls, bidirectional overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes any value safe as HTML text or as a quoted attribute value: & < > " ' become entities,
 * CR/CRLF become LF, other control characters (and bidi overrides) become U+FFFD.
 */
export function escapeHtml(value: unknown): string {
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  return text
    .replace(/\r\n?/g, '\n')
    .replace(UNSAFE_CHARS, '\uFFFD')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** The URL as it may appear in href, or null when it must stay plain text. */
export function allowedDocUrl(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (!DOC_HOSTS.includes(parsed.hostname.toLowerCase())) return null;
  return parsed.href;
}

const L = {
  reportTitle: { en: 'Diagnostic report', ja: '診断レポート' },
  toolVersion: { en: 'Tool version', ja: 'ツールのバージョン' },
  role: { en: 'Role', ja: '役割' },
  machine: { en: 'Machine', ja: 'コンピューター' },
  os: { en: 'Operating system', ja: 'OS' },
  domain: { en: 'Domain', ja: 'ドメイン' },
  user: { en: 'User', ja: 'ユーザー' },
  wsusServer: { en: 'WSUS server', ja: 'WSUS サーバー' },
  started: { en: 'Started', ja: '開始日時' },
  duration: { en: 'Duration', ja: '所要時間' },
  elevated: { en: 'Running as administrator', ja: '管理者として実行' },
  yes: { en: 'Yes', ja: 'はい' },
  no: { en: 'No', ja: 'いいえ' },
  unknown: { en: 'Unknown', ja: '不明' },
  registryBackend: { en: 'Registry access', ja: 'レジストリの読み取り方法' },
  scenario: { en: 'Simulated machine', ja: 'シミュレーションのマシン' },
  notRecorded: { en: '(not recorded)', ja: '(記録なし)' },
  simulatedNotice: {
    en: 'This report comes from a simulated machine (scenario “{name}”), not from a real computer.',
    ja: 'このレポートは実際のコンピューターではなく、シミュレーションのマシン (シナリオ「{name}」) の結果です。',
  },
  redactedNotice: {
    en: 'Redacted: host names, IP addresses and user names in this report were replaced by placeholders (host-1, ip-1, user-1 …). The same name has the same placeholder throughout.',
    ja: '匿名化済み: このレポートのホスト名、IP アドレス、ユーザー名はプレースホルダー (host-1、ip-1、user-1 …) に置き換えられています。同じ名前はレポート全体で同じプレースホルダーになります。',
  },
  summary: { en: 'Summary', ja: '概要' },
  counts: { en: 'Results by status', ja: '状態ごとの件数' },
  status: { en: 'Status', ja: '状態' },
  number: { en: 'Checks', ja: '件数' },
  noProblems: { en: 'No problems found: no check failed or warned.', ja: '問題は見つかりませんでした。不合格や警告のチェックはありません。' },
  problemsFound: { en: '{n} of {total} checks need attention, most serious first:', ja: '{total} 件のチェックのうち {n} 件に対応が必要です (重大なものから):' },
  checksHeading: { en: 'Checks, step by step', ja: 'ステップごとのチェック' },
  step: { en: 'Step {n}', ja: 'ステップ {n}' },
  otherChecks: { en: 'Other checks', ja: 'その他のチェック' },
  checkId: { en: 'Check id', ja: 'チェック ID' },
  whatWeCheck: { en: 'What is checked and why', ja: 'チェックの内容と理由' },
  evidence: { en: 'Evidence: what was read', ja: '根拠: 読み取った内容' },
  evidenceWhat: { en: 'Read from', ja: '読み取り元' },
  evidenceValue: { en: 'Value', ja: '値' },
  noEvidence: { en: 'No evidence recorded.', ja: '記録された根拠はありません。' },
  fixes: { en: 'How to fix', ja: '修復方法' },
  automatic: { en: 'Automatic fix', ja: '自動修復' },
  manual: { en: 'Manual steps', ja: '手動で行う手順' },
  requiresAdmin: { en: 'requires administrator rights', ja: '管理者権限が必要' },
  noAdmin: { en: 'no administrator rights needed', ja: '管理者権限は不要' },
  blocked: { en: 'Not available now:', ja: '現在は適用できません:' },
  steps: { en: 'Steps', ja: '手順' },
  changes: { en: 'Changes it makes', ja: '変更内容' },
  sources: { en: 'Sources', ja: '参考資料' },
  took: { en: 'Took {t}', ja: '所要時間 {t}' },
  fixesApplied: { en: 'Fixes applied', ja: '適用した修復' },
  noFixesApplied: { en: 'No fixes were applied during this run.', ja: 'この実行では修復を適用していません。' },
  appliedAt: { en: 'Applied at', ja: '適用日時' },
  appliedChanges: { en: 'Changes', ja: '変更内容' },
  noChanges: { en: 'No changes were made.', ja: '変更は行われていません。' },
  backup: { en: 'Backup (to undo)', ja: 'バックアップ (元に戻す場合)' },
  noBackup: { en: '(none: nothing was changed)', ja: '(なし: 何も変更されていません)' },
  message: { en: 'Details', ja: '詳細' },
  sourceArticles: { en: 'Source articles', ja: '元にした資料' },
  footer: {
    en: 'Generated by {product} {version}. This file contains no scripts and loads nothing from the network.',
    ja: '{product} {version} で作成しました。このファイルにはスクリプトが含まれず、ネットワークから何も読み込みません。',
  },
  generatedAt: { en: 'Written {t}.', ja: '{t} に保存しました。' },
} satisfies Record<string, L10n>;


const RESULT_LABEL: Record<ReportAppliedFix['result'], { text: L10n; cls: CheckStatus }> = {
  applied: { text: { en: 'APPLIED', ja: '適用済み' }, cls: 'pass' },
  failed: { text: { en: 'FAILED', ja: '失敗' }, cls: 'fail' },
  'rolled-back': { text: { en: 'ROLLED BACK', ja: '元に戻した' }, cls: 'warn' },
};

const ROLE_LABEL: Record<Report['role'], L10n> = {
  client: { en: 'Client (Windows Update client)', ja: 'クライアント (Windows Update クライアント)' },
  server: { en: 'WSUS server', ja: 'WSUS サーバー' },
  remote: { en: 'Remote (network and HTTP checks against a WSUS URL)', ja: 'リモート (WSUS の URL に対するネットワークと HTTP のチェック)' },
};

/** Readable names for the reference pages the checks cite. */
const DOC_TITLES: Record<string, L10n> = {
  [DOCS.clientSelfUpdate]: { en: 'Issues with Client Self-Update (WSUS 3.0)', ja: 'Issues with Client Self-Update (クライアントの自己更新の問題、WSUS 3.0、英語)' },
  [DOCS.kb920659]: {
    en: "KB 920659: WSUS SelfUpdate service doesn't send automatic updates",
    ja: 'KB 920659: WSUS の SelfUpdate サービスが自動更新を送信しない',
  },
  [DOCS.autoUpdateMustBeUpdatedJa]: { en: 'Automatic Updates must be updated (WSUS 2.0, Japanese)', ja: '自動更新を更新する必要がある (WSUS 2.0)' },
  [DOCS.wuSettings]: { en: 'Manage additional Windows Update settings', ja: 'Windows Update の追加設定の管理' },
  [DOCS.wsusGpo]: { en: 'Configure Group Policy settings for Automatic Updates', ja: '自動更新のグループ ポリシー設定の構成' },
  [DOCS.wuLogs]: { en: 'Windows Update log files', ja: 'Windows Update のログ ファイル' },
  [DOCS.wuErrors]: { en: 'Windows Update error codes', ja: 'Windows Update のエラー コード' },
  [DOCS.wuaNetworkingErrors]: { en: 'WUA networking error codes', ja: 'WUA のネットワーク エラー コード' },
  [DOCS.updatingWua]: { en: 'Updating the Windows Update Agent', ja: 'Windows Update エージェントの更新' },
  [DOCS.scanFailures]: { en: 'Troubleshoot software update scan failures', ja: 'ソフトウェア更新プログラムのスキャン エラーのトラブルシューティング' },
};

const SOURCE_ARTICLES: readonly string[] = [DOCS.clientSelfUpdate, DOCS.kb920659, DOCS.autoUpdateMustBeUpdatedJa];

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Escaped text in the report's language, with {placeholders} filled from (escaped) values. */
function t(lang: Lang, text: L10n, values: Record<string, string | number> = {}): string {
  const escaped: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) escaped[k] = escapeHtml(v);
  return fill(escapeHtml(tr(text, lang)), escaped);
}

function statusKey(status: string): CheckStatus | 'unknown' {
  return (STATUSES as readonly string[]).includes(status) ? (status as CheckStatus) : 'unknown';
}

function badge(lang: Lang, status: string): string {
  const key = statusKey(status);
  const label = key === 'unknown' ? escapeHtml(status.toUpperCase()) : t(lang, STATUS_LABEL[key]);
  return `<span class="badge st-${key}">${label}</span>`;
}

/** A fragment id for a check: only characters that need no escaping. */
function anchorOf(id: string): string {
  return `check-${id.toLowerCase().replace(/[^a-z0-9.-]/g, '-')}`;
}

function docLink(lang: Lang, url: string): string {
  const href = allowedDocUrl(url);
  const title = DOC_TITLES[url];
  if (href === null) return `<span class="url">${escapeHtml(url)}</span>`;
  const text = title ? t(lang, title) : escapeHtml(url);
  return `<a href="${escapeHtml(href)}" rel="noreferrer">${text}</a>`;
}

function formatTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]} ${m[2]} ${m[3] === 'Z' ? 'UTC' : `UTC${m[3]}`}`;
}

function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1000) return `${Math.round(ms * 10) / 10} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function metaRow(label: string, valueHtml: string): string {
  return `<div><dt>${label}</dt><dd>${valueHtml}</dd></div>`;
}

function renderHeader(report: Report): string {
  const lang = report.lang;
  const env = report.environment;
  const target = report.target;
  const text = (v: string | undefined) => (v !== undefined && v !== '' ? escapeHtml(v) : `<span class="muted">${t(lang, L.notRecorded)}</span>`);
  const elevated = env.elevated === true ? L.yes : env.elevated === false ? L.no : L.unknown;
  const rows = [
    metaRow(t(lang, L.toolVersion), escapeHtml(report.tool.version)),
    metaRow(t(lang, L.role), t(lang, ROLE_LABEL[report.role] ?? { en: report.role, ja: report.role })),
    metaRow(t(lang, L.machine), text(target.computerName ?? env.computerName)),
    metaRow(t(lang, L.os), text(target.os ?? env.os)),
  ];
  const domain = target.domain ?? env.domain;
  if (domain) rows.push(metaRow(t(lang, L.domain), escapeHtml(domain)));
  if (env.userName) rows.push(metaRow(t(lang, L.user), escapeHtml(env.userName)));
  const wsus = target.wsusUrl ?? env.wsusUrl;
  if (wsus) rows.push(metaRow(t(lang, L.wsusServer), `<code>${escapeHtml(wsus)}</code>`));
  rows.push(
    metaRow(t(lang, L.started), `<time datetime="${escapeHtml(report.startedAt)}">${escapeHtml(formatTime(report.startedAt))}</time>`),
    metaRow(t(lang, L.duration), escapeHtml(formatDuration(report.durationMs))),
    metaRow(t(lang, L.elevated), t(lang, elevated)),
    metaRow(t(lang, L.registryBackend), escapeHtml(env.registryBackend)),
  );
  if (report.scenario !== undefined) rows.push(metaRow(t(lang, L.scenario), escapeHtml(report.scenario)));

  const notices: string[] = [];
  if (report.scenario !== undefined) notices.push(`<p class="notice simulated">${t(lang, L.simulatedNotice, { name: report.scenario })}</p>`);
  if (report.redacted) notices.push(`<p class="notice redacted">${t(lang, L.redactedNotice)}</p>`);

  return `<header>
<p class="product">${escapeHtml(PRODUCT)}</p>
<h1>${t(lang, L.reportTitle)}</h1>
${notices.join('\n')}
<dl class="meta">${rows.join('')}</dl>
</header>`;
}

function renderSummary(report: Report): string {
  const lang = report.lang;
  const counts = STATUSES.map(
    (s) => `<tr class="st-row-${s}"><td>${badge(lang, s)}</td><td class="num">${escapeHtml(report.summary[s] ?? 0)}</td></tr>`,
  ).join('');
  const problems = problemsOf(report);
  const list = problems.length
    ? `<p>${t(lang, L.problemsFound, { n: problems.length, total: report.checks.length })}</p>
<ol class="problems">${problems
        .map(
          (c) =>
            `<li>${badge(lang, c.status)} <a href="#${escapeHtml(anchorOf(c.id))}" class="title">${escapeHtml(c.title)}</a><span class="sep"> — </span><span class="line">${escapeHtml(c.summary)}</span></li>`,
        )
        .join('')}</ol>`
    : `<p class="all-good">${t(lang, L.noProblems)}</p>`;
  return `<section class="summary" aria-labelledby="summary-h">
<h2 id="summary-h">${t(lang, L.summary)}</h2>
<div class="summary-grid">
<table class="counts"><caption>${t(lang, L.counts)}</caption><thead><tr><th scope="col">${t(lang, L.status)}</th><th scope="col" class="num">${t(lang, L.number)}</th></tr></thead><tbody>${counts}</tbody></table>
<div class="problem-list">${list}</div>
</div>
</section>`;
}

function renderFix(lang: Lang, fix: ReportFix): string {
  const kind = fix.automatic ? t(lang, L.automatic) : t(lang, L.manual);
  const admin = fix.requiresAdmin ? t(lang, L.requiresAdmin) : t(lang, L.noAdmin);
  const parts = [
    `<h6 class="fix-h"><span class="fix-kind">${kind}</span> ${escapeHtml(fix.title)}</h6>`,
    `<p class="fix-meta">${admin} · <code>${escapeHtml(fix.id)}</code></p>`,
  ];
  if (fix.blocked !== undefined) parts.push(`<p class="blocked"><strong>${t(lang, L.blocked)}</strong> ${escapeHtml(fix.blocked)}</p>`);
  if (fix.steps.length) parts.push(`<p class="sub">${t(lang, L.steps)}</p><ol class="steps">${fix.steps.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ol>`);
  if (fix.changes.length)
    parts.push(`<p class="sub">${t(lang, L.changes)}</p><ul class="changes">${fix.changes.map((c) => `<li><code>${escapeHtml(c)}</code></li>`).join('')}</ul>`);
  return `<div class="fix ${fix.automatic ? 'fix-auto' : 'fix-manual'}">${parts.join('')}</div>`;
}

function renderCheck(lang: Lang, c: ReportCheck): string {
  const key = statusKey(c.status);
  const evidence = c.evidence.length
    ? `<table class="evidence"><caption>${t(lang, L.evidence)}</caption><thead><tr><th scope="col">${t(lang, L.evidenceWhat)}</th><th scope="col">${t(lang, L.evidenceValue)}</th></tr></thead><tbody>${c.evidence
        .map((e) => {
          const row = `<tr><th scope="row">${escapeHtml(e.label)}</th><td><pre>${escapeHtml(e.value)}</pre></td></tr>`;
          // the data behind a row spans the table, so its own columns have room
          const data = `${renderEvidenceTable(e)}${renderEvidenceSeries(e, lang)}`;
          return data ? `${row}<tr class="evidence-data"><td colspan="2">${data}</td></tr>` : row;
        })
        .join('')}</tbody></table>`
    : `<p class="muted">${t(lang, L.noEvidence)}</p>`;
  const fixes = c.fixes.length ? `<div class="fixes"><h5 class="fixes-h">${t(lang, L.fixes)}</h5>${c.fixes.map((f) => renderFix(lang, f)).join('')}</div>` : '';
  const docs = c.docs.length
    ? `<p class="docs"><span class="sub">${t(lang, L.sources)}:</span> ${c.docs.map((d) => docLink(lang, d)).join('<span class="sep"> · </span>')}</p>`
    : '';
  return `<article class="check st-box-${key}" id="${escapeHtml(anchorOf(c.id))}">
<h4 class="check-h">${badge(lang, c.status)} <span class="title">${escapeHtml(c.title)}</span></h4>
<p class="check-id">${t(lang, L.checkId)}: <code>${escapeHtml(c.id)}</code> · ${t(lang, L.took, { t: formatDuration(c.durationMs) })}</p>
<p class="check-summary">${escapeHtml(c.summary)}</p>
${c.explanation ? `<div class="explanation"><p class="sub">${t(lang, L.whatWeCheck)}</p><p>${escapeHtml(c.explanation)}</p></div>` : ''}
${evidence}
${fixes}
${docs}
</article>`;
}

function groupByStep(report: Report): { step: FlowStep | null; checks: ReportCheck[] }[] {
  const steps = FLOWS[report.role] ?? [];
  const placed = new Set<string>();
  const groups: { step: FlowStep | null; checks: ReportCheck[] }[] = [];
  for (const step of steps) {
    const checks = report.checks.filter((c) => !placed.has(c.id) && step.checks.includes(c.id as CheckId));
    for (const c of checks) placed.add(c.id);
    if (checks.length) groups.push({ step, checks });
  }
  const rest = report.checks.filter((c) => !placed.has(c.id));
  if (rest.length) groups.push({ step: null, checks: rest });
  return groups;
}

function renderChecks(report: Report): string {
  const lang = report.lang;
  const byId = new Map(report.checks.map((c) => [c.id, c.status]));
  const sections = groupByStep(report).map(({ step, checks }, i) => {
    if (step === null) {
      return `<section class="step"><h3 class="step-h">${t(lang, L.otherChecks)}</h3>${checks.map((c) => renderCheck(lang, c)).join('\n')}</section>`;
    }
    const status = stepStatus(step, (id) => byId.get(id));
    return `<section class="step" aria-labelledby="step-${i + 1}">
<h3 class="step-h" id="step-${i + 1}"><span class="step-n">${t(lang, L.step, { n: i + 1 })}</span> ${t(lang, step.title)} ${status ? badge(lang, status) : ''}</h3>
<p class="question">${t(lang, step.question)}</p>
${checks.map((c) => renderCheck(lang, c)).join('\n')}
</section>`;
  });
  return `<section class="checks" aria-labelledby="checks-h"><h2 id="checks-h" class="part">${t(lang, L.checksHeading)}</h2>
${sections.join('\n')}
</section>`;
}

function renderApplied(report: Report): string {
  const lang = report.lang;
  const titles = new Map<string, string>();
  for (const c of report.checks) for (const f of c.fixes) titles.set(f.id, f.title);
  const items = report.fixesApplied.map((a) => {
    const result = RESULT_LABEL[a.result] ?? { text: { en: String(a.result), ja: String(a.result) }, cls: 'info' as const };
    const title = titles.get(a.id);
    const changes = a.changes.length
      ? `<ul class="changes">${a.changes.map((c) => `<li><code>${escapeHtml(c)}</code></li>`).join('')}</ul>`
      : `<p class="muted">${t(lang, L.noChanges)}</p>`;
    return `<article class="applied st-box-${result.cls}">
<h3 class="check-h"><span class="badge st-${result.cls}">${t(lang, result.text)}</span> ${title !== undefined ? escapeHtml(title) : ''} <code>${escapeHtml(a.id)}</code></h3>
<dl class="meta">
${metaRow(t(lang, L.appliedAt), `<time datetime="${escapeHtml(a.at)}">${escapeHtml(formatTime(a.at))}</time>`)}
${metaRow(t(lang, L.backup), a.backup ? `<code>${escapeHtml(a.backup)}</code>` : `<span class="muted">${t(lang, L.noBackup)}</span>`)}
</dl>
<p class="sub">${t(lang, L.appliedChanges)}</p>
${changes}
${a.message !== undefined && a.message !== '' ? `<p class="message"><strong>${t(lang, L.message)}:</strong> ${escapeHtml(a.message)}</p>` : ''}
</article>`;
  });
  return `<section class="fixes-applied" aria-labelledby="applied-h">
<h2 id="applied-h" class="part">${t(lang, L.fixesApplied)}</h2>
${items.length ? items.join('\n') : `<p class="muted">${t(lang, L.noFixesApplied)}</p>`}
</section>`;
}

function renderSources(lang: Lang): string {
  return `<section class="sources" aria-labelledby="sources-h">
<h2 id="sources-h" class="part">${t(lang, L.sourceArticles)}</h2>
<ul>${SOURCE_ARTICLES.map((u) => `<li>${docLink(lang, u)}<br><span class="url">${escapeHtml(u)}</span></li>`).join('')}</ul>
</section>`;
}

const CSS = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--link:#0b5cad;
--pass:#1a7f37;--warn:#9a6700;--fail:#d1242f;--error:#8250df;--info:#0969da;--skip:#6e7781;--unknown:#6e7781}
@media (prefers-color-scheme:dark){:root{--bg:#0f1419;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#171d24;--link:#78b4ff;
--pass:#4ac26b;--warn:#d4a72c;--fail:#ff7b72;--error:#c297ff;--info:#6cb6ff;--skip:#9198a1;--unknown:#9198a1}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0 auto;max-width:62rem;padding:2rem 1.5rem 3rem;font:15px/1.6 "Segoe UI","Yu Gothic UI","Meiryo UI",Meiryo,system-ui,-apple-system,"Hiragino Sans","Noto Sans CJK JP",sans-serif}
code,pre,.url{font-family:"Cascadia Mono",Consolas,"BIZ UDGothic","MS Gothic",ui-monospace,monospace;font-size:.88em}
pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}
code{overflow-wrap:anywhere}
a{color:var(--link)}
h1{font-size:1.7rem;margin:.1rem 0 1rem;font-weight:600}
h2{font-size:1.25rem;margin:2rem 0 .6rem;font-weight:600}
h2.part{border-bottom:2px solid var(--line);padding-bottom:.3rem;margin-top:2.5rem}
h3,h4,h5,h6{font-weight:600}
.step-h{font-size:1.15rem;margin:1.8rem 0 .4rem;display:flex;gap:.6rem;align-items:baseline;flex-wrap:wrap}
.check-h{font-size:1.05rem;margin:0 0 .25rem;display:flex;gap:.5rem;align-items:baseline;flex-wrap:wrap}
.fixes-h{font-size:.95rem;margin:1rem 0 .4rem}
.fix-h{font-size:.95rem;margin:0 0 .2rem}
.product{margin:0;color:var(--muted);font-weight:600;letter-spacing:.02em}
.muted,.check-id,.fix-meta,.question{color:var(--muted)}
.sub{margin:.7rem 0 .2rem;font-size:.8rem;font-weight:600;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.notice{border:1px solid var(--line);border-left:4px solid var(--info);background:var(--panel);padding:.5rem .8rem;border-radius:4px;margin:.5rem 0}
.notice.simulated{border-left-color:var(--warn)}
dl.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.2rem 1.5rem;margin:1rem 0}
dl.meta div{display:flex;gap:.6rem;border-bottom:1px dotted var(--line);padding:.2rem 0}
dl.meta dt{color:var(--muted);min-width:9.5rem;flex:none}
dl.meta dd{margin:0;overflow-wrap:anywhere}
.badge{display:inline-block;min-width:4.6em;padding:0 .45em;border:1.5px solid currentColor;border-radius:4px;font:700 .72rem/1.55 system-ui,"Segoe UI","Yu Gothic UI",sans-serif;letter-spacing:.05em;text-align:center;white-space:nowrap;vertical-align:.1em}
.st-pass{color:var(--pass)}.st-warn{color:var(--warn)}.st-fail{color:var(--fail)}.st-error{color:var(--error)}.st-info{color:var(--info)}.st-skip{color:var(--skip)}.st-unknown{color:var(--unknown)}
.summary-grid{display:grid;grid-template-columns:minmax(10rem,14rem) 1fr;gap:1.5rem;align-items:start}
@media (max-width:40rem){.summary-grid{grid-template-columns:1fr}}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:600;font-size:.85rem;color:var(--muted);padding:.2rem 0}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--panel);font-size:.85rem}
.num{text-align:right;font-variant-numeric:tabular-nums}
.counts td:first-child{width:1%}
.problems{padding-left:1.4rem;margin:.3rem 0}
.problems li{margin:.35rem 0}
.problems .title{font-weight:600}
.all-good{font-weight:600;color:var(--pass)}
.step{margin-top:1.5rem}
.step-n{color:var(--muted);font-weight:600}
.question{margin:-.3rem 0 .8rem}
.check,.applied{border:1px solid var(--line);border-left:5px solid var(--st,var(--line));border-radius:6px;padding:.8rem 1rem;margin:.8rem 0;background:var(--bg)}
.st-box-pass{--st:var(--pass)}.st-box-warn{--st:var(--warn)}.st-box-fail{--st:var(--fail)}.st-box-error{--st:var(--error)}.st-box-info{--st:var(--info)}.st-box-skip{--st:var(--skip)}.st-box-unknown{--st:var(--unknown)}
.check-id{margin:0 0 .4rem;font-size:.82rem}
.check-summary{margin:.3rem 0 .5rem;font-weight:500}
.explanation p{margin:.1rem 0}
.evidence{table-layout:fixed;margin:.8rem 0 .3rem}
.evidence th[scope=row]{width:38%;font-weight:normal;overflow-wrap:anywhere;font-size:.9rem}
.evidence td pre{font-size:.85rem}
${EVIDENCE_EXTRAS_CSS}
.fix{border:1px dashed var(--line);border-radius:4px;padding:.5rem .7rem;margin:.5rem 0;background:var(--panel)}
.fix-kind{font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin-right:.3rem}
.fix-meta{margin:0;font-size:.85rem}
.blocked{margin:.4rem 0;color:var(--warn)}
.steps,.changes{margin:.2rem 0;padding-left:1.4rem}
.docs{margin:.8rem 0 0;font-size:.9rem}
.sep{color:var(--muted)}
.message{margin:.4rem 0 0}
.sources li{margin:.4rem 0}
.sources .url{color:var(--muted);font-size:.8rem;overflow-wrap:anywhere}
footer{margin-top:3rem;border-top:1px solid var(--line);padding-top:.6rem;color:var(--muted);font-size:.85rem}
@page{size:A4;margin:15mm}
@media print{
:root{color-scheme:light;--bg:#fff;--fg:#000;--muted:#333;--line:#888;--panel:#fff;--link:#000;--pass:#000;--warn:#000;--fail:#000;--error:#000;--info:#000;--skip:#000;--unknown:#000}
html,body{background:#fff;color:#000}
body{max-width:none;padding:0;font-size:10pt;line-height:1.45}
a{text-decoration:none}
.docs a[href]::after{content:" <" attr(href) ">";font-size:8pt;overflow-wrap:anywhere}
.check,.applied,.fix,.notice,tr,.problems li,dl.meta div{break-inside:avoid;page-break-inside:avoid}
h1,h2,h3,h4,h5,h6,caption,.sub{break-after:avoid;page-break-after:avoid}
thead{display:table-header-group}
.check,.applied{border-left-width:3px}
.st-box-fail,.st-box-error{border-left-style:double;border-left-width:4px}
.summary-grid{grid-template-columns:12rem 1fr}
}
`;

/** The report's style sheet, shared with the fleet report (main/fleet/fleet-html.ts). */
export const REPORT_CSS = CSS;

/**
 * The start of every self-contained page the tool writes (report, fleet report): no scripts, the
 * CSP that allows only inline styles and data: images, no referrer, light and dark.
 */
export function documentHead(o: { lang: Lang; title: string; toolVersion: string; css: string }): string {
  return `<!DOCTYPE html>
<html lang="${o.lang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="${escapeHtml(`${PRODUCT} ${o.toolVersion}`)}">
<title>${escapeHtml(o.title)}</title>
<style>${o.css}</style>
</head>`;
}

/** Renders the whole report as one self-contained HTML document. */
export function renderHtmlReport(report: Report, opts: HtmlReportOptions = {}): string {
  const lang: Lang = report.lang === 'ja' ? 'ja' : 'en';
  const r: Report = { ...report, lang };
  const title = `${PRODUCT} — ${tr(L.reportTitle, lang)} — ${r.target.computerName ?? r.environment.computerName ?? ''}`.replace(/ — $/, '');
  const generated =
    opts.generatedAt !== undefined
      ? ` ${t(lang, L.generatedAt, { t: formatTime(typeof opts.generatedAt === 'string' ? opts.generatedAt : opts.generatedAt.toISOString()) })}`
      : '';
  return `${documentHead({ lang, title, toolVersion: r.tool.version, css: CSS })}
<body>
${renderHeader(r)}
<main>
${renderSummary(r)}
${renderChecks(r)}
${renderApplied(r)}
${renderSources(lang)}
</main>
<footer><p>${t(lang, L.footer, { product: PRODUCT, version: r.tool.version })}${generated}</p></footer>
</body>
</html>
`;
}
