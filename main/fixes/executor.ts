/**
 * Applies fixes safely: for each fix, read what its changes will replace and save that as a backup
 * first; then apply the changes in order; if one fails, undo the ones already made (newest first)
 * so the machine is never left half-changed. Undo applies a saved backup.
 */
import { changeKey, type Change, type FixOffer } from '../../shared/changes.js';
import { describeChange } from '../../shared/change-text.js';
import type { AppliedFix } from '../../shared/results.js';
import type { Machine } from '../adapters/types.js';
import { applyChange, inverseOf } from './apply-change.js';
import type { BackupStore } from './backup-store.js';

export interface ApplyOptions {
  machine: Machine;
  backups: BackupStore;
  machineName: string;
  signal?: AbortSignal;
  /** Called before each change, e.g. to show progress. */
  onChange?: (fixId: string, change: Change) => void;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Removes a change that a later fix in the list makes again (two checks may both offer to write
 * WUServer with the same URL, and several policy fixes end with the same service restart). The last
 * occurrence is kept, so a shared restart runs once, after every value has been written.
 */
export function mergePlans(fixes: readonly FixOffer[]): FixOffer[] {
  const seen = new Set<string>();
  const merged: FixOffer[] = [];
  for (let i = fixes.length - 1; i >= 0; i--) {
    const f = fixes[i]!;
    const plan: Change[] = [];
    for (let j = f.plan.length - 1; j >= 0; j--) {
      const k = changeKey(f.plan[j]!);
      if (seen.has(k)) continue;
      seen.add(k);
      plan.unshift(f.plan[j]!);
    }
    merged.unshift({ ...f, plan });
  }
  return merged;
}

const RUNTIME_KINDS = new Set<Change['kind']>(['service.start', 'service.stop', 'service.restart']);

/**
 * Undo runs newest first, except that configuration (registry values, start types) is restored
 * before runtime state (starting or stopping services): a service cannot be started again while
 * the start type the fix set is still "disabled".
 */
export function orderUndo(newestFirst: Change[]): Change[] {
  return [...newestFirst.filter((c) => !RUNTIME_KINDS.has(c.kind)), ...newestFirst.filter((c) => RUNTIME_KINDS.has(c.kind))];
}

async function rollBack(machine: Machine, undo: Change[], signal?: AbortSignal): Promise<string[]> {
  const problems: string[] = [];
  for (const c of undo) {
    try {
      await applyChange(machine, c, signal);
    } catch (e) {
      problems.push(`${describeChange(c).en}: ${message(e)}`);
    }
  }
  return problems;
}

export async function applyFix(fix: FixOffer, opts: ApplyOptions): Promise<AppliedFix> {
  const at = new Date().toISOString();
  const changes = fix.plan.map((c) => describeChange(c).en);
  if (!fix.automatic || fix.blocked) {
    return { id: fix.id, at, changes, backup: '', result: 'failed', message: fix.blocked?.en ?? 'This fix is manual.' };
  }
  // 1. Backup: what each change replaces, computed before anything changes.
  const undoPerChange: Change[][] = [];
  try {
    for (const c of fix.plan) undoPerChange.push(await inverseOf(opts.machine, c, opts.signal));
  } catch (e) {
    return { id: fix.id, at, changes, backup: '', result: 'failed', message: `Could not read the current state for the backup, nothing was changed: ${message(e)}` };
  }
  const fullUndo = orderUndo([...undoPerChange].reverse().flat());
  let backup: string;
  try {
    backup = await opts.backups.save({ fixId: fix.id, createdAt: at, machine: opts.machineName, undo: fullUndo });
  } catch (e) {
    return { id: fix.id, at, changes, backup: '', result: 'failed', message: `Could not save the backup, nothing was changed: ${message(e)}` };
  }
  // 2. Apply, undoing what was done if a change fails.
  for (let i = 0; i < fix.plan.length; i++) {
    const c = fix.plan[i]!;
    opts.onChange?.(fix.id, c);
    try {
      await applyChange(opts.machine, c, opts.signal);
    } catch (e) {
      const undoDone = orderUndo(undoPerChange.slice(0, i).reverse().flat());
      const problems = await rollBack(opts.machine, undoDone, opts.signal);
      return {
        id: fix.id,
        at,
        changes,
        backup,
        result: problems.length === 0 ? 'rolled-back' : 'failed',
        message:
          `"${describeChange(c).en}" failed: ${message(e)}. ` +
          (problems.length === 0
            ? 'The earlier changes of this fix were undone; the machine is as it was.'
            : `Undoing the earlier changes also failed (${problems.join('; ')}); restore from the backup ${backup}.`),
      };
    }
  }
  return { id: fix.id, at, changes, backup, result: 'applied' };
}

/** Applies fixes one after another; a fix that fails does not stop the next. */
export async function applyFixes(fixes: readonly FixOffer[], opts: ApplyOptions): Promise<AppliedFix[]> {
  const out: AppliedFix[] = [];
  for (const fix of mergePlans(fixes)) out.push(await applyFix(fix, opts));
  return out;
}

/** Restores a saved backup. Returns the problems met (empty when everything was restored). */
export async function undoBackup(location: string, opts: Omit<ApplyOptions, 'machineName'>): Promise<string[]> {
  const backup = await opts.backups.load(location);
  return rollBack(opts.machine, backup.undo, opts.signal);
}
