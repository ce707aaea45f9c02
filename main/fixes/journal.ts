/**
 * The fix journal: a write-ahead record of a fix in progress, so a fix can never leave a machine
 * half-changed without anyone knowing.
 *
 * Before the first change of a fix, an entry is opened with the whole plan and, for each change, the
 * changes that undo it (read from the machine before anything changed). Before each change the entry
 * records which change is being applied; after the last one it is closed. If the process dies in
 * between (killed, power loss, a crash), the entry stays open, and the next start finds it and offers
 * to roll the fix back or to finish it (see recover.ts). Every change the tool makes is idempotent
 * (set a value, delete a value, set a start type, start or stop a service), so re-applying the change
 * that was in flight, or undoing it when it never happened, is harmless.
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { JOURNAL_ID_PATTERN } from '../../shared/api.js';
import type { Change } from '../../shared/changes.js';
import { ChangeSchema } from '../../shared/schemas.js';

export const JOURNAL_STATES = ['open', 'completed', 'rolled-back', 'failed'] as const;
export type JournalState = (typeof JOURNAL_STATES)[number];

export interface JournalEntry {
  /** the entry's own id: safe as a file name and on a command line */
  id: string;
  fixId: string;
  machine: string;
  createdAt: string;
  updatedAt: string;
  /** where the fix's backup was saved (undo restores it) */
  backup: string;
  /** the changes of the fix, in order */
  plan: Change[];
  /** for each change of the plan, the changes that undo it */
  undoPerChange: Change[][];
  /** index of the change being applied (or last applied); -1 before the first */
  applying: number;
  state: JournalState;
  /** why it ended as it did (rolled back, failed), in English for the log */
  message?: string;
}


export const JournalEntrySchema = z
  .object({
    id: z.string().regex(JOURNAL_ID_PATTERN),
    fixId: z.string().max(200),
    machine: z.string().max(300),
    createdAt: z.string().max(64),
    updatedAt: z.string().max(64),
    backup: z.string().max(2048),
    plan: z.array(ChangeSchema).max(1000),
    undoPerChange: z.array(z.array(ChangeSchema).max(100)).max(1000),
    applying: z.number().int().min(-1).max(1000),
    state: z.enum(JOURNAL_STATES),
    message: z.string().max(4000).optional(),
  })
  .strict()
  .refine((e) => e.undoPerChange.length === e.plan.length && e.applying < e.plan.length, {
    message: 'plan and undo do not match',
  });

export function isJournalId(id: string): boolean {
  return JOURNAL_ID_PATTERN.test(id);
}

export interface FixJournal {
  /** Records the entry durably; called before the first change. */
  open(entry: JournalEntry): Promise<void>;
  /** Records that change `index` of the entry is about to be applied. */
  applying(id: string, index: number): Promise<void>;
  /** Closes the entry. */
  close(id: string, state: Exclude<JournalState, 'open'>, message?: string): Promise<void>;
  /** Entries left open by a process that did not finish, oldest first. Unreadable files are reported, not fatal. */
  openEntries(): Promise<{ entries: JournalEntry[]; unreadable: string[] }>;
  get(id: string): Promise<JournalEntry>;
}

abstract class BaseJournal implements FixJournal {
  protected abstract read(id: string): Promise<JournalEntry>;
  protected abstract write(entry: JournalEntry): Promise<void>;
  abstract openEntries(): Promise<{ entries: JournalEntry[]; unreadable: string[] }>;

  open(entry: JournalEntry): Promise<void> {
    return this.write(entry);
  }

  get(id: string): Promise<JournalEntry> {
    if (!isJournalId(id)) return Promise.reject(new Error(`"${id}" is not a journal entry id.`));
    return this.read(id);
  }

  async applying(id: string, index: number): Promise<void> {
    const e = await this.read(id);
    await this.write({ ...e, applying: index, updatedAt: new Date().toISOString() });
  }

  async close(id: string, state: Exclude<JournalState, 'open'>, message?: string): Promise<void> {
    const e = await this.read(id);
    await this.write({ ...e, state, updatedAt: new Date().toISOString(), ...(message !== undefined ? { message } : {}) });
  }
}

/** For simulated machines: the journal lives as long as the run (tests share one across "restarts"). */
export class MemoryJournal extends BaseJournal {
  readonly #entries = new Map<string, JournalEntry>();

  protected async read(id: string): Promise<JournalEntry> {
    const e = this.#entries.get(id);
    if (!e) throw new Error(`No journal entry ${id}.`);
    return structuredClone(e);
  }

  protected async write(entry: JournalEntry): Promise<void> {
    this.#entries.set(entry.id, structuredClone(entry));
  }

  async openEntries(): Promise<{ entries: JournalEntry[]; unreadable: string[] }> {
    const entries = [...this.#entries.values()].filter((e) => e.state === 'open').map((e) => structuredClone(e));
    return { entries: entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt)), unreadable: [] };
  }
}

const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

/** For real machines: one JSON file per fix in the app's data folder, each write atomic (temp, then rename). */
export class FileJournal extends BaseJournal {
  readonly dir: string;

  constructor(dir: string) {
    super();
    this.dir = dir;
  }

  #file(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  protected async read(id: string): Promise<JournalEntry> {
    const file = this.#file(id);
    const text = await readFile(file, 'utf8');
    if (text.length > MAX_ENTRY_BYTES) throw new Error(`${file} is too large to be a journal entry.`);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new Error(`${file} is not a journal entry (not JSON; it may have been cut off).`);
    }
    const parsed = JournalEntrySchema.safeParse(data);
    if (!parsed.success) throw new Error(`${file} is not a journal entry (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
    if (parsed.data.id !== id) throw new Error(`${file} holds entry ${parsed.data.id}, not ${id}.`);
    return parsed.data as JournalEntry;
  }

  protected async write(entry: JournalEntry): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.#file(entry.id);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(entry, null, 2)}\n`, { encoding: 'utf8', flush: true });
    await rename(tmp, file);
  }

  async openEntries(): Promise<{ entries: JournalEntry[]; unreadable: string[] }> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], unreadable: [] };
      throw e;
    }
    const entries: JournalEntry[] = [];
    const unreadable: string[] = [];
    for (const name of names.sort()) {
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -'.json'.length);
      if (!isJournalId(id)) continue;
      try {
        const e = await this.read(id);
        if (e.state === 'open') entries.push(e);
      } catch (err) {
        unreadable.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return { entries, unreadable };
  }
}
