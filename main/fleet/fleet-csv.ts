/**
 * The fleet as CSV, one row per machine, for a spreadsheet. Every text cell is written by
 * csv-stringify with formula escaping: a cell starting with = + - @ (or tab or CR) gets a leading
 * apostrophe, so a computer name like "=HYPERLINK(...)" stays text in Excel. UTF-8 with a BOM so
 * Excel reads Japanese text correctly; CRLF line ends.
 */
import { stringify } from 'csv-stringify/sync';
import type { FleetSummary } from './fleet-summary.js';
import { failingChecks } from './machine-row.js';

export const CSV_COLUMNS = [
  'computer',
  'domain',
  'os',
  'wsus_url',
  'role',
  'started_at',
  'pass',
  'warn',
  'fail',
  'error',
  'info',
  'skip',
  'root_cause',
  'failing_checks',
  'scenario',
  'tool_version',
  'file',
] as const;

const CSV_OPTIONS = { escape_formulas: true, record_delimiter: 'windows' } as const;

/** The CSV a row at a time (BOM and header first), so a large fleet is written without building it whole. */
export function* fleetCsvChunks(summary: Pick<FleetSummary, 'rows'>): Generator<string> {
  yield stringify([[...CSV_COLUMNS]], { ...CSV_OPTIONS, bom: true });
  for (const r of summary.rows) yield stringify([recordOf(r)], CSV_OPTIONS);
}

function recordOf(r: FleetSummary['rows'][number]): (string | number)[] {
  return [
    r.name,
    r.domain,
    r.os,
    r.wsusUrl,
    r.role,
    r.startedAt,
    r.summary.pass,
    r.summary.warn,
    r.summary.fail,
    r.summary.error,
    r.summary.info,
    r.summary.skip,
    r.rootCause ?? '',
    failingChecks(r).join(' '),
    r.scenario,
    r.toolVersion,
    r.file,
  ];
}
