/**
 * One machine of a fleet, as much of its report as the fleet report needs: who it is, which WSUS
 * server it uses, its counts, every check's status (one byte each) and its root cause. A row is a
 * few hundred bytes, so 20,000 of them fit easily while the reports themselves are dropped.
 */
import { ALL_CHECK_IDS, type CheckId } from '../../shared/check-ids.js';
import { FLOWS } from '../../shared/flow.js';
import type { Report } from '../../shared/report-model.js';
import { STATUSES, type CheckStatus, type Role, type StatusCounts } from '../../shared/status.js';

export interface MachineRow {
  /** the computer name, or for a report without one the file name */
  name: string;
  domain: string;
  os: string;
  /** the WSUS server URL the checks used; '' when the report names none */
  wsusUrl: string;
  role: Role;
  startedAt: string;
  summary: StatusCounts;
  /** one character per ALL_CHECK_IDS[i]: STATUS_CODES[status], or '-' when the check is not in the report */
  statuses: string;
  /** the first failed (or errored) check in the order of the role's flowchart: what to fix first */
  rootCause: CheckId | null;
  scenario: string;
  toolVersion: string;
  redacted: boolean;
  /** the file it was read from */
  file: string;
}

const CHECK_INDEX = new Map<CheckId, number>(ALL_CHECK_IDS.map((id, i) => [id, i]));
/** A status as one character: a row stays a short one-byte string instead of a map. */
const STATUS_CODES = 'pwfise';
const ABSENT = '-';

/**
 * Texts most machines share (OS, domain, server, tool version) are kept once: 20,000 rows then hold
 * 20,000 references to a few strings, not 20,000 copies.
 */
export class StringPool {
  readonly #pool = new Map<string, string>();

  get(text: string): string {
    const seen = this.#pool.get(text);
    if (seen !== undefined) return seen;
    if (this.#pool.size < 50_000) this.#pool.set(text, text);
    return text;
  }
}

export function isFailing(status: CheckStatus | undefined): boolean {
  return status === 'fail' || status === 'error';
}

/** The status of a check in a row, or undefined when the machine's report does not have it. */
export function statusIn(row: Pick<MachineRow, 'statuses'>, index: number): CheckStatus | undefined {
  const code = STATUS_CODES.indexOf(row.statuses[index] ?? ABSENT);
  return code < 0 ? undefined : STATUSES[code];
}

/** Failed or errored checks of a row, in catalogue order. */
export function failingChecks(row: Pick<MachineRow, 'statuses'>): CheckId[] {
  const out: CheckId[] = [];
  ALL_CHECK_IDS.forEach((id, i) => {
    if (isFailing(statusIn(row, i))) out.push(id);
  });
  return out;
}

function rootCauseOf(role: Role, statusOf: Map<CheckId, CheckStatus>, reportOrder: readonly CheckId[]): CheckId | null {
  for (const step of FLOWS[role]) {
    for (const id of step.checks) if (isFailing(statusOf.get(id))) return id;
  }
  // A check outside the flow (should not happen): fall back to the report's order.
  return reportOrder.find((id) => isFailing(statusOf.get(id))) ?? null;
}

/** The row of a validated report. */
export function rowFromReport(report: Report, file: string, fallbackName: string, pool: StringPool = new StringPool()): MachineRow {
  const codes: string[] = ALL_CHECK_IDS.map(() => ABSENT);
  const statusOf = new Map<CheckId, CheckStatus>();
  for (const c of report.checks) {
    statusOf.set(c.id, c.status);
    codes[CHECK_INDEX.get(c.id)!] = STATUS_CODES[STATUSES.indexOf(c.status)]!;
  }
  const env = report.environment;
  const name = report.target.computerName ?? (env.computerName.trim() || fallbackName);
  return {
    name,
    domain: pool.get(report.target.domain ?? env.domain ?? ''),
    os: pool.get(report.target.os ?? env.os ?? ''),
    wsusUrl: pool.get(report.target.wsusUrl ?? env.wsusUrl ?? ''),
    role: report.role,
    startedAt: report.startedAt,
    summary: { ...report.summary },
    statuses: pool.get(codes.join('')),
    rootCause: rootCauseOf(
      report.role,
      statusOf,
      report.checks.map((c) => c.id),
    ),
    scenario: pool.get(report.scenario ?? ''),
    toolVersion: pool.get(report.tool.version),
    redacted: report.redacted,
    file,
  };
}
