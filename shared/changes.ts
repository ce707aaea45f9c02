import type { RegValue } from './registry-types.js';
import type { L10n } from './text.js';

export const START_TYPES = ['boot', 'system', 'auto', 'manual', 'disabled'] as const;
export type StartType = (typeof START_TYPES)[number];

/**
 * One concrete change a fix makes. Fixes are plans of these; the adapters carry them out,
 * the preview lists them, the backup records what each one replaces, and undo reverses them.
 */
export type Change =
  | { kind: 'registry.set'; key: string; name: string; value: RegValue }
  | { kind: 'registry.delete'; key: string; name: string }
  | { kind: 'service.start-type'; service: string; startType: StartType }
  | { kind: 'service.start'; service: string }
  | { kind: 'service.stop'; service: string }
  | { kind: 'service.restart'; service: string };

export type ChangeKind = Change['kind'];

/** A fix as a check offers it: automatic ones carry a plan, manual ones carry steps for a person. */
export interface FixOffer {
  /** stable, e.g. "client.policy.wuserver:set-server" */
  id: string;
  title: L10n;
  automatic: boolean;
  requiresAdmin: boolean;
  /** What a person does (manual fixes), or what the automatic fix does, in plain words. */
  steps: L10n[];
  /** The changes an automatic fix makes, in order. */
  plan: Change[];
  /** Set when the fix cannot be applied as things stand (e.g. no valid WSUS URL is known yet). */
  blocked?: L10n;
}

/** Same change, by value: used to merge plans that touch the same value twice. */
export function changeKey(c: Change): string {
  return JSON.stringify(c);
}
