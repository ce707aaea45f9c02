/** `wsus-doctor check`: run the checks, show them, optionally fix (with preview, confirmation, backup), re-check, report. */
import { join } from 'node:path';
import type { FixOffer } from '../../shared/changes.js';
import { buildReport } from '../../shared/report-model.js';
import { redactReport } from '../../shared/redact.js';
import type { AppliedFix, RunResult } from '../../shared/results.js';
import { tr, type Lang } from '../../shared/text.js';
import { UsageError } from '../app/errors.js';
import type { DoctorSession, SessionDeps } from '../app/session.js';
import { DoctorSession as Session } from '../app/session.js';
import { TOOL_NAME, TOOL_VERSION } from '../app/version.js';
import { renderHtmlReport } from '../report/html-report.js';
import { writeHtmlReport, writeJsonReport } from '../report/write-report.js';
import type { CheckArgs } from './args.js';
import { formatFixOffers, formatHeader, formatPlan, formatResults } from './format-run.js';
import { reportFileName } from '../fleet/report-file-name.js';
import { assertWritable, assertWritableFolder } from './output-paths.js';
import { CHANGE_TEXT, consentToChange } from './prompt.js';
import { formatInterrupted } from './recover-command.js';
import { testHoldFromEnv } from '../app/test-hold.js';
import { paint, ProgressLine, safeTerminalText, type Out } from './terminal.js';

export interface CliIo {
  out: Out;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
}

const T = {
  planTitle: { en: 'The following changes will be made:', ja: '次の変更を行います:' },
  confirm: { en: 'Apply these changes? A backup is taken first. [y/N]', ja: 'これらの変更を適用しますか? 先にバックアップを取ります。[y/N]' },
  unknownFix: { en: 'No fix with that id was offered in this run', ja: 'この実行では、その ID の修復は提示されていません' },
  blocked: { en: 'Cannot apply', ja: '適用できません' },
  nothing: { en: 'No automatic fix applies to the failed checks.', ja: '不合格のチェックに適用できる自動修復はありません。' },
  needAdmin: {
    en: 'These fixes need an elevated (administrator) prompt; nothing was changed. Open "Command Prompt" with "Run as administrator" and run the same command:',
    ja: 'これらの修復には管理者として実行したプロンプトが必要です。何も変更していません。「管理者として実行」でコマンド プロンプトを開き、同じコマンドを実行してください:',
  },
  applied: { en: 'Fixes applied', ja: '適用した修復' },
  backup: { en: 'backup', ja: 'バックアップ' },
  recheck: { en: 'Checking again after the fixes…', ja: '修復後にもう一度チェックしています…' },
  wrote: { en: 'Wrote', ja: '書き込みました' },
  noFileName: {
    en: '--json-dir: the computer name "{name}" cannot be used as a file name (or the role has no computer); give --json FILE instead.',
    ja: '--json-dir: コンピューター名「{name}」はファイル名に使えません (またはこの役割にはコンピューターがありません)。代わりに --json FILE を指定してください。',
  },
  interrupted: {
    en: 'An earlier fix on this machine was interrupted before it finished. Roll it back (wsus-doctor recover --rollback) or finish it (--finish) before applying other fixes:',
    ja: 'このマシンで以前の修復が完了前に中断されています。他の修復を適用する前に、ロールバック (wsus-doctor recover --rollback) するか完了 (--finish) させてください:',
  },
} as const;

async function runWithProgress(session: DoctorSession, io: CliIo, timeoutMs: number | undefined): Promise<RunResult> {
  const progress = new ProgressLine(io.stderr);
  try {
    const run = await session.run({
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      onProgress: (e) => {
        if (e.type === 'start') progress.show(`[${e.index + 1}/${e.total}] ${e.id}…`);
      },
    });
    return run;
  } finally {
    progress.clear();
  }
}

function exitCodeOf(run: RunResult): number {
  return run.results.some((r) => r.status === 'fail' || r.status === 'error') ? 1 : 0;
}

async function chooseFixes(args: CheckArgs, session: DoctorSession, run: RunResult, io: CliIo, lang: Lang): Promise<FixOffer[]> {
  const { selected, unknown, blocked } = session.selectFixes(run, { all: args.fixAll, ids: args.fixIds });
  if (unknown.length > 0) {
    const offered = run.results.flatMap((r) => r.fixes.map((f) => f.id));
    throw new UsageError(`--fix: ${tr(T.unknownFix, lang)}: ${unknown.join(', ')}. Offered: ${offered.length ? offered.join(', ') : '(none)'}.`);
  }
  for (const f of blocked) {
    io.out.write(`${paint(io.out, 'yellow', tr(T.blocked, lang))} ${f.id}: ${tr(f.blocked ?? f.title, lang)}\n`);
  }
  return selected;
}

type ReportPaths = { json?: string; jsonDir?: string; html?: string };

async function writeReports(args: CheckArgs, run: RunResult, applied: AppliedFix[], io: CliIo, lang: Lang, paths: ReportPaths): Promise<void> {
  if (!paths.json && !paths.html && !paths.jsonDir) return;
  let report = buildReport({ run, fixesApplied: applied, lang, tool: { name: TOOL_NAME, version: TOOL_VERSION } });
  if (args.redact) report = redactReport(report);
  if (paths.json) {
    await writeJsonReport(paths.json, report);
    io.out.write(`${tr(T.wrote, lang)} ${paths.json}\n`);
  }
  if (paths.jsonDir) {
    const name = reportFileName(report.target.computerName);
    if (name === null) throw new UsageError(tr(T.noFileName, lang).replace('{name}', safeTerminalText(report.target.computerName ?? '')));
    const file = join(paths.jsonDir, name);
    await writeJsonReport(file, report);
    io.out.write(`${tr(T.wrote, lang)} ${file}\n`);
  }
  if (paths.html) {
    await writeHtmlReport(paths.html, renderHtmlReport(report));
    io.out.write(`${tr(T.wrote, lang)} ${paths.html}\n`);
  }
}

export async function checkCommand(args: CheckArgs, deps: SessionDeps, io: CliIo): Promise<number> {
  // Validate everything the user typed before doing any work.
  const paths: ReportPaths = {};
  if (args.json !== undefined) paths.json = await assertWritable('json', args.json);
  if (args.jsonDir !== undefined) paths.jsonDir = await assertWritableFolder('json-dir', args.jsonDir);
  if (args.html !== undefined) paths.html = await assertWritable('html', args.html);
  const session = await Session.open(
    { ...(args.role ? { role: args.role } : {}), ...(args.scenario !== undefined ? { scenario: args.scenario } : {}), ...(args.server !== undefined ? { server: args.server } : {}) },
    deps,
  );

  try {
    return await checkWithSession(args, session, io, paths);
  } finally {
    await session.close();
  }
}

async function checkWithSession(args: CheckArgs, session: DoctorSession, io: CliIo, paths: ReportPaths): Promise<number> {
  const lang = args.lang;
  const interrupted = await session.interruptedFixes();
  if (interrupted.entries.length > 0) {
    io.out.write(`${paint(io.out, 'red', tr(T.interrupted, lang))}\n${formatInterrupted(interrupted.entries, lang)}\n`);
  }
  let run = await runWithProgress(session, io, args.timeoutMs);
  io.out.write(formatHeader(io.out, run, lang, TOOL_VERSION));
  io.out.write(formatResults(io.out, run, lang));

  const wantsFixes = args.fixAll || args.fixIds.length > 0;
  if (!wantsFixes) {
    io.out.write(formatFixOffers(io.out, run, lang));
    await writeReports(args, run, [], io, lang, paths);
    return exitCodeOf(run);
  }

  const fixes = await chooseFixes(args, session, run, io, lang);
  if (fixes.length === 0) {
    io.out.write(`\n${tr(T.nothing, lang)}\n`);
    await writeReports(args, run, [], io, lang, paths);
    return exitCodeOf(run);
  }
  io.out.write(`\n${paint(io.out, 'bold', tr(T.planTitle, lang))}\n${formatPlan(io.out, session.preview(fixes), lang)}`);
  if (args.dryRun) {
    io.out.write(`\n${tr(CHANGE_TEXT.dryRun, lang)}\n`);
    await writeReports(args, run, [], io, lang, paths);
    return exitCodeOf(run);
  }
  const needAdmin = fixes.filter((f) => f.requiresAdmin);
  if (needAdmin.length > 0 && run.environment.elevated === false) {
    throw new UsageError(`${tr(T.needAdmin, lang)} ${needAdmin.map((f) => f.id).join(', ')}`);
  }
  if (!(await consentToChange({ yes: args.yes, question: tr(T.confirm, lang), stdin: io.stdin, stderr: io.stderr, lang }))) {
    io.out.write(`${tr(CHANGE_TEXT.declined, lang)}\n`);
    await writeReports(args, run, [], io, lang, paths);
    return exitCodeOf(run);
  }
  const hold = testHoldFromEnv();
  const applied = await session.apply(fixes, {
    // Each change as it is made, on a terminal (like the progress line of the checks).
    ...(io.stderr.isTTY ? { onChange: (id: string, description: string) => void io.stderr.write(`  ${safeTerminalText(id)}: ${safeTerminalText(description)}\n`) } : {}),
    ...(hold ? { afterChange: hold } : {}),
  });
  io.out.write(`\n${paint(io.out, 'bold', tr(T.applied, lang))}\n`);
  for (const a of applied) {
    const mark = a.result === 'applied' ? paint(io.out, 'green', 'OK') : paint(io.out, 'red', a.result.toUpperCase());
    io.out.write(`  ${mark}  ${a.id}${a.backup ? `  (${tr(T.backup, lang)}: ${a.backup})` : ''}\n`);
    if (a.message) io.out.write(`      ${safeTerminalText(a.message)}\n`);
  }
  io.out.write(`\n${tr(T.recheck, lang)}\n`);
  run = await runWithProgress(session, io, args.timeoutMs);
  io.out.write(formatResults(io.out, run, lang));
  io.out.write(formatFixOffers(io.out, run, lang));
  await writeReports(args, run, applied, io, lang, paths);
  return exitCodeOf(run);
}
