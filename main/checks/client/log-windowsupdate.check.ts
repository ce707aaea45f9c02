/**
 * client.log.windowsupdate: reads the client's Windows Update log and reports, in plain words, whether it
 * shows a self-update failure or errors talking to the WSUS server, and whether the server it used is the
 * one the policy names.
 *
 * Legacy clients (XP to 8.1) write %windir%\WindowsUpdate.log as text. Windows 10 and later write ETW
 * traces; only a copy made with Get-WindowsUpdateLog is readable, so the check reads such a copy when one
 * exists at a known place (the newest one `wsus-doctor scan-wu-log --generate` wrote into the data folder
 * first) and otherwise explains how to make one.
 */
import type { FixOffer } from '../../../shared/changes.js';
import { KEYS, findValue } from '../../../shared/registry-types.js';
import type { Evidence } from '../../../shared/results.js';
import type { CheckStatus } from '../../../shared/status.js';
import { verbatim, type L10n } from '../../../shared/text.js';
import { codeLabel } from '../../../shared/wu-error-codes.js';
import type { FileInfo } from '../../adapters/types.js';
import type { CheckContext, CheckImpl, CheckOutcome } from '../../engine/check.js';
import type { OsFacts } from '../../engine/facts.js';
import { ansiCodePageForLanguage } from '../../logs/decode.js';
import { analyzeWindowsUpdateLog, type AnalyzeOptions, type ErrorWhere, type WuLogAnalysis, type WuLogError } from '../../logs/wu-log.js';
import { analyzeWindowsUpdateLogChunks } from '../../logs/wu-log-stream.js';
import { registryEvidence } from '../evidence.js';

/**
 * The most the check reads of a log when the machine cannot read files in parts (FileAdapter without
 * readRange); with readRange the whole file is read in chunks, whatever its size.
 */
export const WU_LOG_MAX_BYTES = 32 * 1024 * 1024;
/** Error codes listed one per evidence row; the rest are summed up in one row. */
export const WU_LOG_MAX_ERROR_ROWS = 10;

const FIX_MAKE_COPY = 'client.log.windowsupdate:make-readable-copy';

function trimSlash(p: string): string {
  return p.replace(/[\\/]+$/, '');
}

export function legacyLogPath(systemRoot: string): string {
  return `${trimSlash(systemRoot)}\\WindowsUpdate.log`;
}

/** Where a readable copy made by Get-WindowsUpdateLog is looked for on Windows 10 and later, in order. */
export function windows10LogCandidates(os: Pick<OsFacts, 'systemRoot' | 'userName'>): string[] {
  const root = trimSlash(os.systemRoot || 'C:\\Windows');
  const out = [`${root}\\Temp\\WindowsUpdate.log`];
  const drive = /^[A-Za-z]:/.exec(root)?.[0] ?? 'C:';
  const user = os.userName?.split('\\').pop()?.trim();
  if (user && /^[^\\/:*?"<>|]{1,104}$/.test(user)) out.push(`${drive}\\Users\\${user}\\Desktop\\WindowsUpdate.log`);
  // On Windows 10 this path usually holds only a note pointing to Get-WindowsUpdateLog; read it only if it is a real log.
  out.push(`${root}\\WindowsUpdate.log`);
  return out;
}

/** The folder where `scan-wu-log --generate` writes its copies (the data folder on the system drive). */
export function generatedLogFolder(systemRoot: string): string {
  const drive = /^[A-Za-z]:/.exec(systemRoot || 'C:\\Windows')?.[0] ?? 'C:';
  return `${drive}\\ProgramData\\WSUS Self-Update Doctor\\logs`;
}

/** The newest copy `scan-wu-log --generate` wrote (WindowsUpdate-YYYYMMDD-HHMMSS.log), if any. */
async function newestGeneratedCopy(ctx: CheckContext, systemRoot: string): Promise<string | null> {
  const folder = generatedLogFolder(systemRoot);
  const names = (await ctx.machine.files.listDir(folder, ctx.signal)).filter((n) => /^WindowsUpdate-\d{8}-\d{6}\.log$/i.test(n)).sort();
  const newest = names[names.length - 1];
  return newest ? `${folder}\\${newest}` : null;
}

/** Says how to make the log with this tool: one command, run with the user's consent. */
const GENERATE_HINT: L10n = {
  en: 'The log must be generated first: `wsus-doctor scan-wu-log --generate` does it for you (giving --generate is your consent; Get-WindowsUpdateLog takes a few minutes) and explains the result.',
  ja: 'まずログを生成する必要があります。`wsus-doctor scan-wu-log --generate` を実行すると生成して結果を説明します (--generate を付けることが実行への同意です。Get-WindowsUpdateLog には数分かかります)。',
};

function makeCopyFix(target: string): FixOffer {
  return {
    id: FIX_MAKE_COPY,
    title: { en: 'Make a readable copy of the Windows Update log', ja: 'Windows Update ログの読み取り可能なコピーを作成する' },
    automatic: false,
    requiresAdmin: true,
    steps: [
      {
        en: `Open PowerShell as administrator and run: Get-WindowsUpdateLog -LogPath "${target}"`,
        ja: `管理者として PowerShell を開き、次を実行します: Get-WindowsUpdateLog -LogPath "${target}"`,
      },
      {
        en: 'Wait until it finishes: it converts all the trace files and can take a few minutes. The copy does not update itself; make a new one after the problem happens again.',
        ja: '完了するまで待ちます。すべてのトレース ファイルを変換するため数分かかることがあります。コピーは自動では更新されないため、問題が再び起きた後に作り直してください。',
      },
      { en: 'Run the checks again: this check reads the copy.', ja: 'チェックをもう一度実行します。このチェックがコピーを読み取ります。' },
      {
        en: 'Instead of the steps above you can run, as administrator: wsus-doctor scan-wu-log --generate. It runs Get-WindowsUpdateLog for you, keeps the copy where this check finds it, and explains it.',
        ja: '上記の手順の代わりに、管理者として wsus-doctor scan-wu-log --generate を実行することもできます。Get-WindowsUpdateLog を代わりに実行し、このチェックが見つけられる場所にコピーを残して、その内容を説明します。',
      },
    ],
    plan: [],
  };
}

function whereText(where: Record<ErrorWhere, number>): string {
  return (Object.entries(where) as [ErrorWhere, number][])
    .filter(([, n]) => n > 0)
    .map(([w, n]) => `${w} ${n}`)
    .join(', ');
}

function errorRow(e: WuLogError): Evidence {
  const x = e.explanation;
  const span = e.firstSeen && e.lastSeen && e.firstSeen !== e.lastSeen ? `${e.firstSeen} → ${e.lastSeen}` : (e.lastSeen ?? '');
  const parts = [`${e.count}×`, span, e.components.join('/'), whereText(e.where)];
  if (e.url) parts.push(e.url);
  return {
    label: { en: `${codeLabel(x)}: ${x.short.en}. ${x.forWsus.en}`, ja: `${codeLabel(x)}: ${x.short.ja}。${x.forWsus.ja}` },
    value: parts.filter(Boolean).join(' · '),
  };
}

function describeFormat(a: WuLogAnalysis): string {
  const format =
    a.format === 'legacy'
      ? `legacy text log (${a.separator === 'tab' ? 'tab' : a.separator === 'space' ? 'space' : 'mixed'}-separated)`
      : a.format === 'windows10'
        ? 'Get-WindowsUpdateLog text (Windows 10 and later)'
        : a.format === 'mixed'
          ? 'mixed legacy and Windows 10 lines'
          : 'no known line format';
  const enc = a.encoding === 'ansi' ? `ANSI (${a.codePage ?? 'windows-1252'})` : a.encoding;
  const l = a.lines;
  return `${format} · ${enc} · ${l.total} lines: ${l.parsed} parsed, ${l.unparsable} unparsable, ${l.blank} blank${l.long ? `, ${l.long} very long` : ''} · ${a.lineEndings.toUpperCase()}${a.endsWithNewline || l.total === 0 ? '' : ' · last line not terminated'}`;
}

function describeSelfUpdate(a: WuLogAnalysis): string {
  const su = a.selfUpdate.last;
  if (!su) return a.selfUpdate.agentVersion ? `none in the log (agent ${a.selfUpdate.agentVersion})` : 'none in the log';
  const parts = [su.at ?? '?', su.outcome];
  if (su.code) parts.push(su.code);
  if (su.httpStatus) parts.push(`HTTP ${su.httpStatus}`);
  if (su.url) parts.push(su.url);
  if (su.scanSkipped) parts.push('scan skipped');
  parts.push(`${a.selfUpdate.checks} check(s), ${a.selfUpdate.failures} failed`);
  return parts.join(' · ');
}

function buildEvidence(path: string, info: FileInfo, readLength: number, a: WuLogAnalysis, policyKeyEvidence: Evidence): Evidence[] {
  const rows: Evidence[] = [];
  rows.push({ label: verbatim(path), value: `${info.size} bytes${info.modified ? ` · modified ${info.modified}` : ''}` });
  if (readLength < info.size) {
    rows.push({
      label: {
        en: `Only the first ${Math.round(WU_LOG_MAX_BYTES / 1048576)} MB were read (the file is larger); later entries are not included`,
        ja: `先頭の ${Math.round(WU_LOG_MAX_BYTES / 1048576)} MB だけを読み取りました (ファイルがそれより大きいため)。それ以降の記録は含まれていません`,
      },
      value: `${readLength} / ${info.size} bytes`,
    });
  }
  rows.push({ label: { en: 'Format and encoding', ja: '形式と文字コード' }, value: describeFormat(a) });
  if (a.firstTimestamp) {
    rows.push({ label: { en: 'Period covered by the log', ja: 'ログの期間' }, value: `${a.firstTimestamp} → ${a.lastTimestamp ?? a.firstTimestamp}` });
  }
  if (a.lines.parsed === 0) return rows;
  rows.push({
    label: { en: 'WSUS servers seen in the log (latest first)', ja: 'ログに現れた WSUS サーバー (新しい順)' },
    value:
      a.servers.length === 0
        ? a.microsoft.hosts.length > 0
          ? `(none; Microsoft endpoints: ${a.microsoft.hosts.join(', ')})`
          : '(none)'
        : [...a.servers]
            .sort((x, y) => y.lastLine - x.lastLine)
            .slice(0, 5)
            .map((s) => `${s.root} (${s.sources.join('+')}, ${s.count}×, last ${s.lastSeen ?? '?'})`)
            .join('; '),
  });
  rows.push(policyKeyEvidence);
  if (a.policy.given) {
    rows.push({
      label: { en: 'Policy server compared with the server in the log', ja: 'ポリシーのサーバーとログのサーバーの比較' },
      value: `${a.policy.root ?? a.policy.raw ?? ''} ↔ ${a.currentServer ?? '(none in the log)'}: ${a.policy.relation ?? 'not comparable'}`,
    });
  }
  rows.push({ label: { en: 'Last self-update check', ja: '最後の自己更新チェック' }, value: describeSelfUpdate(a) });
  if (a.scan.lastExitCode !== null) {
    rows.push({
      label: { en: 'Last scan result', ja: '最後のスキャン結果' },
      value: `${a.scan.lastAt ?? '?'} · ${a.scan.lastExitCode}${a.scan.lastSuccessAt && a.scan.lastSuccessAt !== a.scan.lastAt ? ` · last success ${a.scan.lastSuccessAt}` : ''}`,
    });
  }
  for (const e of a.errors.slice(0, WU_LOG_MAX_ERROR_ROWS)) rows.push(errorRow(e));
  const rest = a.errors.slice(WU_LOG_MAX_ERROR_ROWS);
  if (rest.length > 0 || a.droppedOccurrences > 0) {
    const count = rest.reduce((s, e) => s + e.count, 0) + a.droppedOccurrences;
    rows.push({
      label: {
        en: `${rest.length} more error code(s), not listed one by one`,
        ja: `その他 ${rest.length} 個のエラー コード (個別には表示していません)`,
      },
      value: `${rest.map((e) => e.code).join(', ')}${rest.length ? ' · ' : ''}${count} occurrence(s)`,
    });
  }
  const sample =
    (a.verdict.kind === 'selfupdate-failed' ? (a.selfUpdate.last?.sample ?? a.selfUpdate.lastFailure?.sample) : undefined) ??
    (a.verdict.codes.length > 0 ? a.errors.find((e) => e.code === a.verdict.codes[0])?.sample : undefined) ??
    a.errors[0]?.sample;
  if (sample) rows.push({ label: { en: 'Sample line from the log', ja: 'ログの該当行の例' }, value: sample });
  return rows;
}

function statusOf(a: WuLogAnalysis): CheckStatus {
  if (a.verdict.wsusProblem) return 'fail';
  if (a.policy.mismatch) return 'warn';
  if (a.verdict.kind === 'empty' || a.verdict.kind === 'not-a-log') return 'info';
  return 'pass';
}

/** Reads and analyzes the log at `path`: all of it in chunks when the adapter can, else its start. */
async function readLog(ctx: CheckContext, path: string, opts: AnalyzeOptions): Promise<{ info: FileInfo; readLength: number; analysis: WuLogAnalysis } | null> {
  const info = await ctx.machine.files.stat(path, ctx.signal);
  if (!info.exists || info.isDirectory) return null;
  const files = ctx.machine.files;
  const size = Math.max(info.size, 0);
  if (files.readRange) {
    const analysis = await analyzeWindowsUpdateLogChunks((offset, length) => files.readRange!(path, offset, length, ctx.signal), size, opts, ctx.signal);
    return { info, readLength: analysis.bytes, analysis };
  }
  const bytes = await files.readBytes(path, Math.min(size, WU_LOG_MAX_BYTES), ctx.signal);
  return { info, readLength: bytes.length, analysis: analyzeWindowsUpdateLog(bytes, opts) };
}

function withPrefix(prefix: L10n | null, text: L10n, suffix: L10n | null): L10n {
  return {
    en: [prefix?.en, text.en, suffix?.en].filter(Boolean).join(' '),
    ja: [prefix?.ja, text.ja, suffix?.ja].filter(Boolean).join(''),
  };
}

export const logWindowsUpdate: CheckImpl = {
  id: 'client.log.windowsupdate',
  async run(ctx): Promise<CheckOutcome> {
    const os = await ctx.facts.os();
    const wu = await ctx.facts.key(KEYS.wuPolicy);
    const wuServer = findValue(wu, 'WUServer')?.value;
    const policyServer = wuServer && (wuServer.type === 'REG_SZ' || wuServer.type === 'REG_EXPAND_SZ') ? wuServer.data : undefined;
    const policyEvidence = registryEvidence(KEYS.wuPolicy, 'WUServer', wu);
    const ansiCodePage = ansiCodePageForLanguage(os.uiLanguage);
    const isModern = os.era === 'nt10';
    const legacyPath = legacyLogPath(os.systemRoot || 'C:\\Windows');
    const candidates = isModern ? windows10LogCandidates(os) : os.era === null ? [legacyPath, ...windows10LogCandidates(os)] : [legacyPath];
    if (isModern) {
      const generated = await newestGeneratedCopy(ctx, os.systemRoot);
      if (generated) candidates.unshift(generated);
    }

    const looked: Evidence[] = [];
    for (const path of candidates) {
      const got = await readLog(ctx, path, policyServer === undefined ? { ansiCodePage } : { policyServer, ansiCodePage });
      if (!got) {
        looked.push({ label: verbatim(path), value: '(not found)' });
        continue;
      }
      const a = got.analysis;
      const isCopy = isModern || (os.era === null && path !== legacyPath);
      if (isCopy && a.lines.parsed === 0) {
        // e.g. the Windows 10 note in %windir%\WindowsUpdate.log that points to Get-WindowsUpdateLog
        looked.push({ label: verbatim(path), value: `${got.info.size} bytes · not a log (no log lines)` });
        continue;
      }
      const truncated = got.readLength < got.info.size;
      const prefix: L10n | null = isCopy
        ? {
            en: `Read the copy made by Get-WindowsUpdateLog at ${path}${got.info.modified ? ` (written ${got.info.modified})` : ''}; it shows the log as it was when the copy was made.`,
            ja: `Get-WindowsUpdateLog で作成されたコピー ${path}${got.info.modified ? ` (作成 ${got.info.modified})` : ''} を読み取りました。コピー作成時点のログの内容です。`,
          }
        : null;
      const suffix: L10n | null = truncated
        ? {
            en: `Only the first ${Math.round(WU_LOG_MAX_BYTES / 1048576)} MB of the ${got.info.size}-byte file were read, so the newest entries may be missing.`,
            ja: `${got.info.size} バイトのファイルのうち先頭 ${Math.round(WU_LOG_MAX_BYTES / 1048576)} MB だけを読み取ったため、最新の記録が含まれていない可能性があります。`,
          }
        : null;
      return {
        status: statusOf(a),
        summary: withPrefix(prefix, a.verdict.summary, suffix),
        evidence: [...looked, ...buildEvidence(path, got.info, got.readLength, a, policyEvidence)],
      };
    }

    if (isModern) {
      const target = windows10LogCandidates(os)[0]!;
      return {
        status: 'info',
        summary: {
          en: `On this version of Windows the update agent keeps its log as binary trace files (ETW, in ${trimSlash(os.systemRoot || 'C:\\Windows')}\\Logs\\WindowsUpdate), which cannot be read as text. A readable copy is made with the PowerShell command Get-WindowsUpdateLog, which takes a while; no copy was found. ${GENERATE_HINT.en} Or make one at ${target} and run the checks again: this check will read it.`,
          ja: `この Windows のバージョンでは、更新エージェントはログをバイナリのトレース ファイル (ETW、${trimSlash(os.systemRoot || 'C:\\Windows')}\\Logs\\WindowsUpdate) に記録するため、テキストとしては読めません。読み取り可能なコピーは PowerShell のコマンド Get-WindowsUpdateLog で作成できますが、時間がかかります。コピーは見つかりませんでした。${GENERATE_HINT.ja}または ${target} にコピーを作成してからチェックを再実行すると、このチェックがそれを読み取ります。`,
        },
        evidence: [...looked, policyEvidence],
        fixes: [makeCopyFix(target)],
      };
    }
    return {
      status: 'info',
      summary: {
        en: `The Windows Update log was not found at ${legacyPath}. Without it the tool cannot see the client's own account of its contacts with the server; the other checks still test the connection directly. The agent normally creates a new log the next time the Windows Update service runs.`,
        ja: `Windows Update ログが ${legacyPath} に見つかりませんでした。ログが無いと、サーバーとのやり取りについてのクライアント自身の記録は確認できませんが、他のチェックで接続は直接確認しています。通常、ログは Windows Update サービスが次に動作したときに新しく作成されます。`,
      },
      evidence: [...looked, policyEvidence],
    };
  },
};
