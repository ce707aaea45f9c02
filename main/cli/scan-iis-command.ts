/** `wsus-doctor scan-iis-log FILE_OR_FOLDER...`: reads IIS W3C logs of a WSUS site and explains what they show. */
import { writeFile } from 'node:fs/promises';
import { tr, type Lang } from '../../shared/text.js';
import { UsageError } from '../app/errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../app/version.js';
import { expandIisInputs } from '../logs/iis/inputs.js';
import { buildIisReport, type IisLogReport } from '../logs/iis/report.js';
import { scanIisFiles } from '../logs/iis/scan-files.js';
import { assertWritable } from './output-paths.js';
import type { ScanIisArgs } from './scan-args.js';
import { paint, safeTerminalText, statusLabel, type Out } from './terminal.js';

const T = {
  files: { en: 'IIS log files', ja: 'IIS ログ ファイル' },
  lines: { en: 'lines', ja: '行' },
  unparseable: { en: 'unparseable', ja: '解析できない行' },
  period: { en: 'Period (UTC)', ja: '期間 (UTC)' },
  since: { en: 'only requests since', ja: '次の時刻以降の要求のみ' },
  byPath: { en: 'Requests by path (failed)', ja: 'パス別の要求数 (失敗)' },
  findings: { en: 'What the failures mean', ja: '失敗の意味' },
  noFindings: { en: 'No failures.', ja: '失敗はありません。' },
  noise: { en: 'usually harmless', ja: '通常は問題なし' },
  requests: { en: 'requests', ja: '件' },
  clients: { en: 'clients', ja: '台' },
  top: { en: 'Clients that fail most', ja: '失敗の多いクライアント' },
  still: { en: 'STILL FAILING', ja: '失敗が継続中' },
  recovered: { en: 'recovered', ja: '回復済み' },
  chart: { en: 'Self-update failures per hour (UTC; # = failures, . = other requests)', ja: '1 時間ごとの自己更新の失敗 (UTC。# = 失敗、. = その他の要求)' },
  samples: { en: 'Samples of lines that could not be read', ja: '読み取れなかった行の例' },
  notRead: { en: 'not read', ja: '読み取っていません' },
  fieldsChanged: { en: 'field sets (#Fields changed inside the file)', ja: 'フィールド構成 (ファイルの途中で #Fields が変更)' },
  noNewline: { en: 'last line not terminated (file still being written or cut off)', ja: '最終行が改行で終わっていません (書き込み中または途中で切れたファイル)' },
  wrote: { en: 'Wrote', ja: '書き込みました' },
  failingSince: { en: 'failing since', ja: '失敗の開始' },
} as const;

const CHART_HOURS = 48;
const BAR = 40;

function n(x: number): string {
  return x.toLocaleString('en-US');
}

function mb(bytes: number): string {
  return bytes >= 1024 * 1024 * 1024 ? `${(bytes / 1024 ** 3).toFixed(2)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

export function formatIisReport(r: IisLogReport, lang: Lang, out: Out): string {
  const L = (t: { en: string; ja: string }) => tr(t, lang);
  const s = (x: string) => safeTerminalText(x);
  const lines: string[] = [];
  lines.push(`${statusLabel(out, r.verdict.status, lang)} ${paint(out, 'bold', 'server.log.iis')}  ${L(r.verdict.summary)}`);
  lines.push('');
  lines.push(`${L(T.files)}: ${r.files.length}, ${mb(r.bytes)}, ${n(r.lines.total)} ${L(T.lines)}, ${L(T.unparseable)} ${n(r.lines.unparseable)}`);
  for (const f of r.files) {
    const notes: string[] = [];
    if (f.problem) notes.push(`${L(T.notRead)}: ${f.problem}`);
    if (f.layouts.length > 1) notes.push(`${f.layouts.length} ${L(T.fieldsChanged)}`);
    if (!f.endsWithNewline) notes.push(L(T.noNewline));
    if (notes.length > 0 || r.files.length <= 10) lines.push(`  ${s(f.path)}  ${mb(f.size)}${notes.length ? `  (${notes.join('; ')})` : ''}`);
  }
  if (r.since) lines.push(`${L(T.since)} ${r.since}`);
  lines.push(`${L(T.period)}: ${r.period.first ?? '-'} → ${r.period.last ?? '-'}`);
  lines.push('');
  lines.push(paint(out, 'bold', L(T.byPath)));
  for (const g of r.groups) if (g.requests > 0) lines.push(`  ${g.path.padEnd(24)} ${n(g.requests).padStart(12)}  (${n(g.failures)})`);
  lines.push('');
  lines.push(paint(out, 'bold', L(T.findings)));
  if (r.findings.length === 0) lines.push(`  ${L(T.noFindings)}`);
  for (const f of r.findings) {
    const when = f.firstSeen ? `  ${f.firstSeen} → ${f.lastSeen ?? ''}` : '';
    lines.push(`  ${f.matters ? '!' : '-'} ${f.combos.map(s).join(', ')}  [${n(f.requests)} ${L(T.requests)}, ${n(f.clients)} ${L(T.clients)}]${f.matters ? '' : ` (${L(T.noise)})`}${when}`);
    lines.push(`    ${L(f.explanation)}`);
  }
  if (r.topClients.length > 0) {
    lines.push('');
    lines.push(paint(out, 'bold', `${L(T.top)} (${n(r.clients.failing)} / ${n(r.clients.total)})`));
    for (const c of r.topClients.slice(0, 10)) {
      lines.push(
        `  ${s(c.ip).padEnd(16)} ${n(c.failures).padStart(8)} / ${n(c.requests).padEnd(8)} ${s(c.lastFailure ?? '')}  ${c.lastFailureAt ?? ''}  ${c.stillFailing ? L(T.still) : L(T.recovered)}`,
      );
    }
  }
  const hours = r.hours.slice(-CHART_HOURS);
  if (hours.some((h) => h.selfUpdateFailures > 0)) {
    lines.push('');
    lines.push(paint(out, 'bold', L(T.chart)));
    if (r.failuresSince) lines.push(`  ${L(T.failingSince)}: ${r.failuresSince}`);
    const max = Math.max(1, ...hours.map((h) => h.selfUpdateRequests));
    for (const h of hours) {
      const fail = Math.round((h.selfUpdateFailures / max) * BAR);
      const ok = Math.round(((h.selfUpdateRequests - h.selfUpdateFailures) / max) * BAR);
      lines.push(`  ${h.hour}  ${'#'.repeat(fail)}${'.'.repeat(ok)}${' '.repeat(Math.max(0, BAR - fail - ok))} ${n(h.selfUpdateFailures)}/${n(h.selfUpdateRequests)}`);
    }
  }
  if (r.unparseableSamples.length > 0) {
    lines.push('');
    lines.push(paint(out, 'bold', L(T.samples)));
    for (const x of r.unparseableSamples.slice(0, 5)) lines.push(`  ${s(x.file)} @${x.offset} (${x.reason}): ${s(x.text)}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function scanIisCommand(args: ScanIisArgs & { lang: Lang }, out: Out, stderr: { write(t: string): unknown }): Promise<number> {
  const json = args.json !== undefined ? await assertWritable('json', args.json) : undefined;
  const inputs = await expandIisInputs(args.inputs);
  for (const p of inputs.problems) stderr.write(`wsus-doctor: ${safeTerminalText(p.path)}: ${p.message}\n`);
  if (inputs.files.length === 0) throw new UsageError('no IIS log file to read.');
  const raw = await scanIisFiles(inputs.files, { ...(args.since ? { since: args.since } : {}), ...(args.threads ? { threads: args.threads } : {}) });
  const report = buildIisReport(raw, args.since ? { since: args.since } : {});
  out.write(formatIisReport(report, args.lang, out));
  if (json) {
    await writeFile(json, `${JSON.stringify({ tool: { name: TOOL_NAME, version: TOOL_VERSION }, kind: 'iis-log-scan', schemaVersion: 1, ...report }, null, 2)}\n`);
    out.write(`${tr(T.wrote, args.lang)} ${json}\n`);
  }
  return report.verdict.status === 'fail' ? 1 : 0;
}
