/**
 * Recovery of a fix interrupted by the death of the process (see journal.ts): roll it back to the
 * state before it started, or finish it. Both start from the change that was in flight, since it may
 * or may not have been made; every change is idempotent, so doing or undoing it again is harmless.
 */
import type { Change } from '../../shared/changes.js';
import type { Machine } from '../adapters/types.js';
import { applyChange } from './apply-change.js';
import { orderUndo, rollBack } from './executor.js';
import type { FixJournal, JournalEntry } from './journal.js';

export type RecoveryAction = 'rollback' | 'finish';

/** The changes each action would make, in order, for the preview. */
export function recoveryPlan(entry: JournalEntry, action: RecoveryAction): Change[] {
  const reached = entry.applying + 1; // changes 0..applying may have been made
  if (action === 'rollback') return orderUndo(entry.undoPerChange.slice(0, reached).reverse().flat());
  return entry.plan.slice(Math.max(entry.applying, 0));
}

export interface RecoveryResult {
  action: RecoveryAction;
  problems: string[];
}

/** Carries out the action and closes the entry; the entry stays open if something failed, so it can be tried again. */
export async function recoverEntry(
  entry: JournalEntry,
  action: RecoveryAction,
  opts: { machine: Machine; journal: FixJournal; signal?: AbortSignal },
): Promise<RecoveryResult> {
  const plan = recoveryPlan(entry, action);
  let problems: string[];
  if (action === 'rollback') {
    problems = await rollBack(opts.machine, plan, opts.signal);
  } else {
    problems = [];
    for (const c of plan) {
      try {
        await applyChange(opts.machine, c, opts.signal);
      } catch (e) {
        problems.push(e instanceof Error ? e.message : String(e));
        break;
      }
    }
  }
  if (problems.length === 0) {
    await opts.journal.close(
      entry.id,
      action === 'rollback' ? 'rolled-back' : 'completed',
      action === 'rollback' ? 'Interrupted, then rolled back at the next start.' : 'Interrupted, then finished at the next start.',
    );
  }
  return { action, problems };
}
