/**
 * Merges many JSON reports into a fleet summary. Files are read a few at a time (bounded
 * concurrency); each report is turned into its machine row at once and dropped, so memory grows with
 * the number of machines (a few hundred bytes each), not with the size of the reports.
 */
import { basename } from 'node:path';
import { FleetCollector, type FleetSummary } from './fleet-summary.js';
import { rowFromReport, StringPool } from './machine-row.js';
import { MAX_REPORT_BYTES, readReportFile } from './read-report-file.js';
import { reportSources } from './report-sources.js';

export interface MergeOptions {
  /** files read at the same time (default 16) */
  concurrency?: number;
  /** larger files are skipped (default MAX_REPORT_BYTES) */
  maxBytes?: number;
  /** called after each file, for a progress line */
  onFile?: (done: number) => void;
  now?: Date;
}

export async function mergeReports(inputs: readonly string[], opts: MergeOptions = {}): Promise<FleetSummary> {
  const concurrency = Math.max(1, Math.min(64, opts.concurrency ?? 16));
  const maxBytes = opts.maxBytes ?? MAX_REPORT_BYTES;
  const collector = new FleetCollector();
  const pool = new StringPool();
  const sources = reportSources(inputs);
  let done = 0;

  // Each worker pulls the next file from the shared listing; an async generator hands out one at a time.
  const worker = async (): Promise<void> => {
    for (;;) {
      const next = await sources.next();
      if (next.done) return;
      const source = next.value;
      if ('skip' in source) collector.skip(source.file, source.skip);
      else {
        const outcome = await readReportFile(source.file, maxBytes);
        if (outcome.ok) collector.add(rowFromReport(outcome.report, source.file, basename(source.file).replace(/\.json$/i, ''), pool));
        else collector.skip(source.file, outcome.reason);
      }
      opts.onFile?.(++done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return collector.summarize(opts.now);
}
