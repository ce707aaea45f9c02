import type { FixOffer } from './changes.js';
import type { CheckId } from './check-ids.js';
import type { CheckStatus, Role } from './status.js';
import type { L10n } from './text.js';

/** A small table of data attached to an evidence row (e.g. the clients that fail most). Data cells use verbatim(). */
export interface EvidenceTable {
  columns: L10n[];
  rows: L10n[][];
}

/** Counts over time for a small chart, oldest first (e.g. self-update failures per hour). */
export interface EvidenceSeries {
  /** what `value` counts, e.g. "self-update failures" */
  unit: L10n;
  /** what `total` counts, when given, e.g. "self-update requests" */
  totalUnit?: L10n;
  points: { label: string; value: number; total?: number }[];
}

/** Something the check read, exactly as it was read. */
export interface Evidence {
  /** A registry path or file path stays as-is in both languages. */
  label: L10n;
  value: string;
  /** optional structured data behind the row, shown as a table */
  table?: EvidenceTable;
  /** optional counts over time, shown as a chart */
  series?: EvidenceSeries;
}

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  title: L10n;
  /** One or two sentences: what we found. */
  summary: L10n;
  /** What we check and why, from the catalogue. */
  explanation: L10n;
  evidence: Evidence[];
  fixes: FixOffer[];
  docs: string[];
  durationMs: number;
}

/** Facts about the run that belong in every report's header. */
export interface RunEnvironment {
  /** e.g. "simulated (scenario client-healthy)", "regedit (Windows Script Host)", "reg.exe (fallback: …)" */
  registryBackend: string;
  elevated: boolean | null;
  computerName: string;
  domain?: string;
  userName?: string;
  os?: string;
  wsusUrl?: string;
}

export interface RunResult {
  role: Role;
  scenario?: string;
  startedAt: string;
  durationMs: number;
  environment: RunEnvironment;
  results: CheckResult[];
}

/** A fix as it was applied: what changed, where the backup is, how it ended. */
export interface AppliedFix {
  id: string;
  at: string;
  changes: string[];
  backup: string;
  result: 'applied' | 'failed' | 'rolled-back';
  message?: string;
}
