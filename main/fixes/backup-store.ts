/**
 * Where backups live. Before a fix changes anything, the store records the changes that undo it;
 * the report names the backup, and `wsus-doctor undo BACKUP` (or the wizard) restores it.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Change } from '../../shared/changes.js';
import { ChangeSchema } from '../../shared/schemas.js';

export interface Backup {
  fixId: string;
  createdAt: string;
  machine: string;
  /** Changes that restore the prior state, to be applied in order. */
  undo: Change[];
}

export const BackupSchema = z
  .object({
    fixId: z.string().max(200),
    createdAt: z.string().max(64),
    machine: z.string().max(300),
    undo: z.array(ChangeSchema).max(10_000),
  })
  .strict();

/**
 * The name of a fix's backup and of its journal entry: when it started and which fix,
 * "2026-11-20T10-00-00-000Z_client.policy.misspelled_rename-values", safe as a file name and an argument.
 */
export function fixRecordName(fixId: string, createdAt: string): string {
  return `${createdAt.replace(/[:.]/g, '-')}_${fixId.replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 160)}`;
}

export interface BackupStore {
  /** Saves the backup and returns where it is (a path, or a description for in-memory stores). */
  save(backup: Backup): Promise<string>;
  load(location: string): Promise<Backup>;
  /**
   * Where a file that belongs with a saved backup goes (the `reg export` of a key the fix changes),
   * or null when the store keeps no files.
   */
  companionPath(location: string, suffix: string): string | null;
}

/** For simulated machines: the backup lives as long as the run. */
export class MemoryBackupStore implements BackupStore {
  readonly #items = new Map<string, Backup>();

  async save(backup: Backup): Promise<string> {
    const location = `memory:${this.#items.size + 1}:${backup.fixId}`;
    this.#items.set(location, structuredClone(backup));
    return location;
  }

  async load(location: string): Promise<Backup> {
    const b = this.#items.get(location);
    if (!b) throw new Error(`No backup called ${location} in this run.`);
    return structuredClone(b);
  }

  companionPath(): null {
    return null;
  }
}

/** For real machines: one JSON file per fix in the app's data folder, written atomically. */
export class FileBackupStore implements BackupStore {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  async save(backup: Backup): Promise<string> {
    await mkdir(this.#dir, { recursive: true });
    const file = join(this.#dir, `${fixRecordName(backup.fixId, backup.createdAt)}.json`);
    const tmp = `${file}.tmp`;
    await writeFile(tmp, `${JSON.stringify(backup, null, 2)}\n`, { encoding: 'utf8', flag: 'wx' });
    await rename(tmp, file);
    return file;
  }

  companionPath(location: string, suffix: string): string {
    return `${location.replace(/\.json$/i, '')}.${suffix}`;
  }

  async load(location: string): Promise<Backup> {
    const text = await readFile(location, 'utf8');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new Error(`${location} is not a backup written by this tool (not JSON).`);
    }
    const parsed = BackupSchema.safeParse(data);
    if (!parsed.success) throw new Error(`${location} is not a backup written by this tool (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
    return parsed.data as Backup;
  }
}
