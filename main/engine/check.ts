/** The shape of a check implementation: checks are data plus one async diagnose function. */
import type { FixOffer } from '../../shared/changes.js';
import type { CheckId } from '../../shared/check-ids.js';
import type { CheckResult, Evidence } from '../../shared/results.js';
import type { CheckStatus, Role } from '../../shared/status.js';
import type { L10n } from '../../shared/text.js';
import type { WsusUrl } from '../../shared/wsus-url.js';
import type { Machine } from '../adapters/types.js';
import type { Facts } from './facts.js';

export interface RunOptions {
  /** The WSUS URL the user gave (--server or the wizard), already validated. */
  serverUrl?: WsusUrl;
  /**
   * When this session last changed the machine (a fix, an undo, a recovery), by the machine's clock
   * (ISO). Checks that read history (logs) use it to tell failures from before a fix from new ones.
   */
  changedAt?: string;
}

export interface CheckContext {
  readonly machine: Machine;
  readonly facts: Facts;
  readonly options: RunOptions;
  readonly role: Role;
  /** Aborted when the check times out or the run is cancelled; pass it to every adapter call. */
  readonly signal: AbortSignal;
  /** The check's time budget (ms); network probes must finish well inside it. */
  readonly timeoutMs: number;
  /** The result of a check listed in this check's `after`. */
  resultOf(id: CheckId): CheckResult | undefined;
}

export interface CheckOutcome {
  status: CheckStatus;
  summary: L10n;
  evidence?: Evidence[];
  fixes?: FixOffer[];
}

export interface CheckImpl {
  id: CheckId;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}
