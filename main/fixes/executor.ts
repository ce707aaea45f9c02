/**
 * Applies fixes safely: for each fix, read what its changes will replace and save that as a backup
 * first, and open a journal entry (journal.ts); then apply the changes in order, recording each in
 * the journal; if one fails, undo the ones already made (newest first) so the machine is never left
 * half-changed; then close the entry. If the process dies in between, the open entry is found at the
 * next start (recover.ts). Undo applies a saved backup.
 */
import { changeKey, type Change, type FixOffer } from '../../shared/changes.js';
import { describeChange } from '../../shared/change-text.js';
import type { AppliedFix } from '../../shared/results.js';
import type { Machine } from '../adapters/types.js';
import { applyChange, inverseOf } from './apply-change.js';
import { fixRecordName, type BackupStore } from './backup-store.js';
import type { FixJournal } from './journal.js';

export interface ApplyOptions {
  machine: Machine;
  backups: BackupStore;
  journal: FixJournal;
  machineName: string;
  signal?: AbortSignal;
  /** Called before each change, e.g. to show progress. */
  onChange?: (fixId: string, change: Change) => void;
  /** Called after each change is made (the Windows tier uses it to kill the process between two changes). */
  afterChange?: (fixId: string, index: number) => Promise<void> | void;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
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

export interface MergedFix {
  /** the fix with only the changes it makes itself */
  fix: FixOffer;
  /** fixes in the same batch that make the rest of its changes */
  coveredBy: string[];
}

/**
 * Plans of several fixes, merged so each change runs once: a duplicated registry or start-type
 * change runs at its first occurrence, a duplicated service start, stop or restart at its last
 * (so a shared restart of wuauserv follows every value the batch writes). The preview shows these
 * merged plans, and applyFixes runs exactly them.
 */
export function mergePlans(fixes: readonly FixOffer[]): MergedFix[] {
  const owner = new Map<string, number>();
  fixes.forEach((f, i) =>
    f.plan.forEach((c) => {
      const k = changeKey(c);
      if (!owner.has(k) || RUNTIME_KINDS.has(c.kind)) owner.set(k, i);
    }),
  );
  return fixes.map((f, i) => {
    const seen = new Set<string>();
    const plan: Change[] = [];
    const coveredBy = new Set<string>();
    for (const c of f.plan) {
      const k = changeKey(c);
      if (seen.has(k)) continue;
      seen.add(k);
      const o = owner.get(k)!;
      if (o === i) plan.push(c);
      else coveredBy.add(fixes[o]!.id);
    }
    return { fix: { ...f, plan }, coveredBy: [...coveredBy] };
  });
}

export async function rollBack(machine: Machine, undo: readonly Change[], signal?: AbortSignal): Promise<string[]> {
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

/**
 * Beside a backup on disk, a `reg export` of every key the fix writes (<backup>.1.reg, ...): the same
 * state as the backup, in the form an administrator can inspect or import by hand.
 */
async function exportTouchedKeys(plan: readonly Change[], backup: string, opts: ApplyOptions): Promise<void> {
  const exportKey = opts.machine.registry.exportKey?.bind(opts.machine.registry);
  if (!exportKey) return;
  const keys = new Map<string, string>();
  for (const c of plan) if (c.kind === 'registry.set' || c.kind === 'registry.delete') keys.set(c.key.toLowerCase(), c.key);
  let n = 0;
  for (const key of keys.values()) {
    const file = opts.backups.companionPath(backup, `${n + 1}.reg`);
    if (!file) return;
    if (await exportKey(key, file, opts.signal)) n += 1;
  }
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
  try {
    await exportTouchedKeys(fix.plan, backup, opts);
  } catch (e) {
    return { id: fix.id, at, changes, backup, result: 'failed', message: `Could not export the registry keys for the backup, nothing was changed: ${message(e)}` };
  }
  const journalId = fixRecordName(fix.id, at);
  try {
    await opts.journal.open({
      id: journalId,
      fixId: fix.id,
      machine: opts.machineName,
      createdAt: at,
      updatedAt: at,
      backup,
      plan: fix.plan,
      undoPerChange,
      applying: -1,
      state: 'open',
    });
  } catch (e) {
    return { id: fix.id, at, changes, backup, result: 'failed', message: `Could not write the fix journal, nothing was changed: ${message(e)}` };
  }
  // 2. Apply, recording each change first, and undoing what was done if a change fails.
  for (let i = 0; i < fix.plan.length; i++) {
    const c = fix.plan[i]!;
    opts.onChange?.(fix.id, c);
    try {
      await opts.journal.applying(journalId, i);
      await applyChange(opts.machine, c, opts.signal);
    } catch (e) {
      const undoDone = orderUndo(undoPerChange.slice(0, i).reverse().flat());
      const problems = await rollBack(opts.machine, undoDone, opts.signal);
      const outcome: AppliedFix = {
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
      // Left open if this fails too: the next start then offers the rollback again.
      await opts.journal.close(journalId, problems.length === 0 ? 'rolled-back' : 'failed', outcome.message).catch(() => {});
      return outcome;
    }
    await opts.afterChange?.(fix.id, i);
  }
  try {
    await opts.journal.close(journalId, 'completed');
  } catch (e) {
    return { id: fix.id, at, changes, backup, result: 'applied', message: `Applied, but the journal entry ${journalId} could not be closed (${message(e)}); the next start will ask about it.` };
  }
  return { id: fix.id, at, changes, backup, result: 'applied' };
}

/**
 * Applies fixes one after another; a fix that fails does not stop the next. A fix whose changes were
 * all made by other fixes of the batch reports their outcome.
 */
export async function applyFixes(fixes: readonly FixOffer[], opts: ApplyOptions): Promise<AppliedFix[]> {
  const merged = mergePlans(fixes);
  const results = new Map<string, AppliedFix>();
  for (const { fix, coveredBy } of merged) {
    if (fix.plan.length === 0 && coveredBy.length > 0) continue;
    results.set(fix.id, await applyFix(fix, opts));
  }
  return merged.map(({ fix, coveredBy }, i) => {
    const own = results.get(fix.id);
    if (own) return own;
    const others = coveredBy.map((id) => results.get(id)).filter((r): r is AppliedFix => r !== undefined);
    const ok = others.length > 0 && others.every((r) => r.result === 'applied');
    return {
      id: fix.id,
      at: others[0]?.at ?? new Date().toISOString(),
      changes: fixes[i]!.plan.map((c) => describeChange(c).en),
      backup: others.map((r) => r.backup).filter(Boolean).join(', '),
      result: ok ? 'applied' : 'failed',
      message: ok
        ? `Its changes were made by ${coveredBy.join(', ')}.`
        : `Its changes belong to ${coveredBy.join(', ')}, which did not complete.`,
    };
  });
}

/** Restores a saved backup. Returns the problems met (empty when everything was restored). */
export async function undoBackup(location: string, opts: Pick<ApplyOptions, 'machine' | 'backups' | 'signal'>): Promise<string[]> {
  const backup = await opts.backups.load(location);
  return rollBack(opts.machine, backup.undo, opts.signal);
}
