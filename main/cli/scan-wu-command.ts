/** `wsus-doctor scan-wu-log FILE`: reads a client's Windows Update log and explains what it shows. */
import { stat, writeFile } from 'node:fs/promises';
import { tr, type Lang } from '../../shared/text.js';
import { codeLabel } from '../../shared/wu-error-codes.js';
import { UsageError } from '../app/errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../app/version.js';
import type { WuLogAnalysis } from '../logs/wu-log.js';
import { analyzeWindowsUpdateLogFile } from '../logs/wu-log-file.js';
import { assertWritable } from './output-paths.js';
import type { ScanWuArgs } from './scan-args.js';
import { paint, safeTerminalText, statusLabel, type Out } from './terminal.js';

const T = {
  file: { en: 'Log', ja: 'ログ' },
  format: { en: 'Format', ja: '形式' },
  period: { en: 'Period', ja: '期間' },
  servers: { en: 'WSUS servers in the log (latest first)', ja: 'ログに現れた WSUS サーバー (新しい順)' },
  none: { en: '(none)', ja: '(なし)' },
  policy: { en: 'Policy server compared', ja: 'ポリシーのサーバーとの比較' },
  selfUpdate: { en: 'Last self-update check', ja: '最後の自己更新チェック' },
  scan: { en: 'Last scan result', ja: '最後のスキャン結果' },
  errors: { en: 'Error codes (WSUS-related first)', ja: 'エラー コード (WSUS 関連を先に表示)' },
  wrote: { en: 'Wrote', ja: '書き込みました' },
  lines: { en: 'lines', ja: '行' },
  unparsable: { en: 'unparsable', ja: '解析できない行' },
} as const;

export function wuStatus(a: WuLogAnalysis): 'pass' | 'warn' | 'fail' | 'info' {
  if (a.verdict.wsusProblem) return 'fail';
  if (a.policy.mismatch) return 'warn';
  if (a.verdict.kind === 'empty' || a.verdict.kind === 'not-a-log') return 'info';
  return 'pass';
}

export function formatWuAnalysis(path: string, a: WuLogAnalysis, lang: Lang, out: Out): string {
  const L = (t: { en: string; ja: string }) => tr(t, lang);
  const s = safeTerminalText;
  const lines: string[] = [];
  lines.push(`${statusLabel(out, wuStatus(a), lang)} ${paint(out, 'bold', 'client.log.windowsupdate')}  ${L(a.verdict.summary)}`);
  lines.push('');
  lines.push(`${L(T.file)}: ${s(path)}  ${a.bytes} bytes`);
  lines.push(`${L(T.format)}: ${a.format}${a.separator ? ` (${a.separator})` : ''}, ${a.encoding}${a.codePage ? ` ${a.codePage}` : ''}, ${a.lines.total} ${L(T.lines)}, ${L(T.unparsable)} ${a.lines.unparsable}, ${a.lineEndings.toUpperCase()}`);
  if (a.firstTimestamp) lines.push(`${L(T.period)}: ${a.firstTimestamp} → ${a.lastTimestamp ?? a.firstTimestamp}`);
  lines.push(`${L(T.servers)}:`);
  if (a.servers.length === 0) lines.push(`  ${L(T.none)}`);
  for (const sv of [...a.servers].sort((x, y) => y.lastLine - x.lastLine).slice(0, 8)) {
    lines.push(`  ${s(sv.root)}  (${sv.sources.join('+')}, ${sv.count}×, ${sv.lastSeen ?? ''})`);
  }
  if (a.policy.given) lines.push(`${L(T.policy)}: ${s(a.policy.root ?? a.policy.raw ?? '')} ↔ ${s(a.currentServer ?? '-')}: ${a.policy.relation ?? '-'}`);
  const su = a.selfUpdate.last;
  if (su) {
    lines.push(`${L(T.selfUpdate)}: ${su.at ?? '?'} ${su.outcome}${su.code ? ` ${su.code}` : ''}${su.httpStatus ? ` HTTP ${su.httpStatus}` : ''}${su.url ? ` ${s(su.url)}` : ''}${su.scanSkipped ? ' (scan skipped)' : ''}`);
  }
  if (a.scan.lastExitCode) lines.push(`${L(T.scan)}: ${a.scan.lastAt ?? '?'} ${a.scan.lastExitCode}`);
  if (a.errors.length > 0) {
    lines.push('');
    lines.push(paint(out, 'bold', L(T.errors)));
    for (const e of a.errors.slice(0, 15)) {
      const x = e.explanation;
      lines.push(`  ${codeLabel(x)}  ${e.count}×  ${e.lastSeen ?? ''}${e.wsusCount > 0 ? '  [WSUS]' : ''}`);
      lines.push(`    ${L(x.short)}. ${L(x.forWsus)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function scanWuCommand(args: ScanWuArgs & { lang: Lang }, out: Out): Promise<number> {
  const json = args.json !== undefined ? await assertWritable('json', args.json) : undefined;
  const info = await stat(args.file).catch(() => null);
  if (!info) throw new UsageError(`${args.file}: not found.`);
  if (info.isDirectory()) throw new UsageError(`${args.file} is a folder; give the log file (WindowsUpdate.log).`);
  const a = await analyzeWindowsUpdateLogFile(args.file, args.server !== undefined ? { policyServer: args.server } : {});
  out.write(formatWuAnalysis(args.file, a, args.lang, out));
  if (json) {
    await writeFile(json, `${JSON.stringify({ tool: { name: TOOL_NAME, version: TOOL_VERSION }, kind: 'wu-log-scan', schemaVersion: 1, file: args.file, status: wuStatus(a), ...a }, null, 2)}\n`);
    out.write(`${tr(T.wrote, args.lang)} ${json}\n`);
  }
  return wuStatus(a) === 'fail' ? 1 : 0;
}
