/**
 * `wsus-doctor merge FILES_OR_FOLDERS... [--html FILE] [--json FILE] [--csv FILE]`: one fleet report
 * from the JSON reports of many machines. Prints a short summary and the files it skipped; writes
 * each output atomically. Exit status: 0 no merged machine has a failed check, 1 at least one has,
 * 2 usage error or no readable report.
 */
import { definition } from '../../shared/catalogue/index.js';
import { tr, type L10n, type Lang } from '../../shared/text.js';
import { UsageError } from '../app/errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../app/version.js';
import { fleetCsvChunks } from '../fleet/fleet-csv.js';
import { renderFleetHtml } from '../fleet/fleet-html.js';
import { fleetJsonChunks } from '../fleet/fleet-json.js';
import { mergeReports } from '../fleet/merge-reports.js';
import type { FleetSummary } from '../fleet/fleet-summary.js';
import { writeTextFileAtomic } from '../report/write-report.js';
import type { MergeArgs } from './args.js';
import type { CliIo } from './check-command.js';
import { assertWritable } from './output-paths.js';
import { paint, ProgressLine, safeTerminalText, type Out } from './terminal.js';

/** Skipped files printed on the terminal; the HTML and JSON list more. */
const SKIPPED_SHOWN = 20;
const CAUSES_SHOWN = 5;

const T = {
  reading: { en: 'Reading reports', ja: 'レポートを読み込んでいます' },
  merged: { en: '{n} machines merged: {ok} with no failed check, {bad} with at least one.', ja: '{n} 台を集計しました: 不合格なし {ok} 台、不合格あり {bad} 台。' },
  causes: { en: 'Most common root causes (first failed check in the flowchart):', ja: '多い根本原因 (流れの中で最初に不合格になったチェック):' },
  servers: { en: 'WSUS servers: {n}', ja: 'WSUS サーバー: {n}' },
  skipped: { en: '{n} files skipped:', ja: '{n} 個のファイルをスキップしました:' },
  moreSkipped: { en: '… and {n} more (listed in the HTML and JSON fleet reports)', ja: '… ほか {n} 個 (HTML と JSON のフリート レポートに一覧があります)' },
  superseded: { en: '{n} older reports replaced by a newer one of the same machine.', ja: '同じコンピューターの新しいレポートで {n} 個の古いレポートを置き換えました。' },
  nothing: { en: 'No readable report was found in what was given.', ja: '指定されたファイルやフォルダーに、読み取れるレポートがありませんでした。' },
  wrote: { en: 'Wrote', ja: '書き込みました' },
} satisfies Record<string, L10n>;

function say(lang: Lang, l: L10n, values: Record<string, string | number> = {}): string {
  return tr(l, lang).replace(/\{(\w+)\}/g, (whole, k: string) => (k in values ? String(values[k]) : whole));
}

function printSummary(out: Out, s: FleetSummary, lang: Lang): void {
  const total = s.rows.length;
  out.write(`${say(lang, T.merged, { n: total, ok: paint(out, 'green', String(s.healthy)), bad: paint(out, total - s.healthy ? 'red' : 'green', String(total - s.healthy)) })}\n`);
  if (s.rootCauses.length) {
    out.write(`\n${paint(out, 'bold', say(lang, T.causes))}\n`);
    for (const c of s.rootCauses.slice(0, CAUSES_SHOWN)) {
      out.write(`  ${String(c.machines.length).padStart(6)}  ${c.id}  ${tr(definition(c.id).title, lang)}\n`);
    }
  }
  out.write(`\n${say(lang, T.servers, { n: s.servers.length })}\n`);
  for (const g of s.servers.slice(0, CAUSES_SHOWN)) out.write(`  ${String(g.machines.length).padStart(6)}  ${safeTerminalText(g.url || '-')}\n`);
  if (s.superseded.length) out.write(`\n${say(lang, T.superseded, { n: s.superseded.length })}\n`);
}

function printSkipped(io: CliIo, s: FleetSummary, lang: Lang): void {
  if (!s.skipped.length) return;
  const lines = [`${say(lang, T.skipped, { n: s.skipped.length })}`];
  for (const f of s.skipped.slice(0, SKIPPED_SHOWN)) lines.push(`  ${safeTerminalText(f.file)}: ${tr(f.reason, lang)}`);
  if (s.skipped.length > SKIPPED_SHOWN) lines.push(`  ${say(lang, T.moreSkipped, { n: s.skipped.length - SKIPPED_SHOWN })}`);
  io.stderr.write(`${lines.join('\n')}\n`);
}

export async function mergeCommand(args: MergeArgs, io: CliIo): Promise<number> {
  const lang = args.lang;
  // Check every output path before reading thousands of files.
  const paths: { html?: string; json?: string; csv?: string } = {};
  for (const name of ['html', 'json', 'csv'] as const) {
    const p = args[name];
    if (p !== undefined) paths[name] = await assertWritable(name, p);
  }

  const progress = new ProgressLine(io.stderr);
  let summary: FleetSummary;
  try {
    summary = await mergeReports(args.inputs, {
      onFile: (n) => {
        if (n % 250 === 0) progress.show(`${tr(T.reading, lang)}… ${n}`);
      },
    });
  } finally {
    progress.clear();
  }

  printSkipped(io, summary, lang);
  if (summary.rows.length === 0) throw new UsageError(tr(T.nothing, lang));
  printSummary(io.out, summary, lang);

  const tool = { name: TOOL_NAME, version: TOOL_VERSION };
  const outputs: [string | undefined, () => string | Iterable<string>][] = [
    [paths.json, () => fleetJsonChunks(summary, { lang, tool })],
    [paths.csv, () => fleetCsvChunks(summary)],
    [paths.html, () => renderFleetHtml(summary, { lang, toolVersion: TOOL_VERSION })],
  ];
  for (const [path, render] of outputs) {
    if (!path) continue;
    await writeTextFileAtomic(path, render());
    io.out.write(`${tr(T.wrote, lang)} ${path}\n`);
  }
  return summary.healthy === summary.rows.length ? 0 : 1;
}
