import type { FixOffer } from './changes.js';
import type { CheckId } from './check-ids.js';
import type { CheckStatus, Role } from './status.js';
import type { L10n } from './text.js';

/** Something the check read, exactly as it was read. */
export interface Evidence {
  /** A registry path or file path stays as-is in both languages. */
  label: L10n;
  value: string;
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
