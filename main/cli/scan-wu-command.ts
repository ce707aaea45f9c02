/**
 * `wsus-doctor scan-wu-log FILE`: reads a client's Windows Update log and explains what it shows.
 * `scan-wu-log --generate` (Windows only; the flag is the consent) first has Get-WindowsUpdateLog write the
 * log into the data folder, then reads that.
 */
import { stat, writeFile } from 'node:fs/promises';
import { tr, type Lang } from '../../shared/text.js';
import { codeLabel } from '../../shared/wu-error-codes.js';
import type { CommandRunner } from '../adapters/types.js';
import { createCommandRunner } from '../adapters/windows/command-runner.js';
import { UsageError } from '../app/errors.js';
import { defaultDataDir } from '../app/session.js';
import { TOOL_NAME, TOOL_VERSION } from '../app/version.js';
import { generateWindowsUpdateLog, planWuLogGeneration } from '../logs/generate-wu-log.js';
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
  generating: {
    en: 'Running Get-WindowsUpdateLog to write a readable Windows Update log to {path}. It converts every trace file and can take several minutes (at most 10).',
    ja: 'Get-WindowsUpdateLog を実行して、読み取り可能な Windows Update ログを {path} に書き込みます。すべてのトレース ファイルを変換するため数分 (最長 10 分) かかることがあります。',
  },
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

/** What `--generate` needs from the machine; tests give fakes. */
export interface ScanWuDeps {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  runner: CommandRunner;
  now: () => Date;
  /** the app's data folder (default: %ProgramData%\WSUS Self-Update Doctor) */
  dataDir?: string;
}

function realDeps(): ScanWuDeps {
  return { platform: process.platform, env: process.env, runner: createCommandRunner(), now: () => new Date() };
}

/** --generate: Get-WindowsUpdateLog writes the log into <data folder>\logs; returns its path. */
async function generate(lang: Lang, out: Out, deps: ScanWuDeps): Promise<string> {
  if (deps.platform !== 'win32') {
    throw new UsageError('scan-wu-log --generate runs Get-WindowsUpdateLog, which exists only on Windows 10 and later: run it on the client, or give a log file copied from it.');
  }
  const plan = planWuLogGeneration({ dataDir: deps.dataDir ?? defaultDataDir(deps.env), now: deps.now(), env: deps.env });
  out.write(`${tr(T.generating, lang).replace('{path}', () => safeTerminalText(plan.logPath))}\n`);
  return generateWindowsUpdateLog(plan, { runner: deps.runner });
}

export async function scanWuCommand(args: ScanWuArgs & { lang: Lang }, out: Out, deps: ScanWuDeps = realDeps()): Promise<number> {
  const json = args.json !== undefined ? await assertWritable('json', args.json) : undefined;
  const file = args.generate ? await generate(args.lang, out, deps) : args.file;
  if (file === undefined) throw new UsageError('scan-wu-log needs a log file, or --generate.');
  const info = await stat(file).catch(() => null);
  if (!info) throw new UsageError(`${file}: not found.`);
  if (info.isDirectory()) throw new UsageError(`${file} is a folder; give the log file (WindowsUpdate.log).`);
  const a = await analyzeWindowsUpdateLogFile(file, args.server !== undefined ? { policyServer: args.server } : {});
  out.write(formatWuAnalysis(file, a, args.lang, out));
  if (json) {
    await writeFile(json, `${JSON.stringify({ tool: { name: TOOL_NAME, version: TOOL_VERSION }, kind: 'wu-log-scan', schemaVersion: 1, file, status: wuStatus(a), ...a }, null, 2)}\n`);
    out.write(`${tr(T.wrote, args.lang)} ${json}\n`);
  }
  return wuStatus(a) === 'fail' ? 1 : 0;
}
