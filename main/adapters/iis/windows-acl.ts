/**
 * NTFS permissions on the real machine through icacls.exe, by SID only. Reading: `icacls PATH /save
 * FILE` in a private temporary folder, then the SDDL from that file. Backups: the same /save into the
 * tool's data folder; undo: `icacls PARENT /restore FILE`. Grants: `icacls PATH /grant *SID:(OI)(CI)(R)`.
 */
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AclRights } from '../../../shared/changes.js';
import { icaclsSave, isWindowsPath, serverCommandFor, SID } from '../../../shared/server-commands.js';
import type { AclAdapter, CommandRunner } from '../types.js';
import { sddlFromIcaclsSave } from './sddl.js';
import { runOrThrow } from './windows-run.js';

export interface WindowsAclOptions {
  icaclsExe: string;
  /** Where saved ACLs are kept for undo, e.g. C:\ProgramData\WSUS Self-Update Doctor\acl-backups */
  backupDir: string;
  tempDir?: string;
}

function checkPath(path: string): string {
  if (!isWindowsPath(path)) throw new Error(`"${path.slice(0, 100)}" is not a Windows folder path.`);
  return path;
}

export class WindowsAcl implements AclAdapter {
  readonly #runner: CommandRunner;
  readonly #opts: WindowsAclOptions;

  constructor(runner: CommandRunner, options: WindowsAclOptions) {
    this.#runner = runner;
    this.#opts = options;
  }

  async readSddl(path: string, signal?: AbortSignal): Promise<string> {
    checkPath(path);
    const dir = await mkdtemp(join(this.#opts.tempDir ?? tmpdir(), 'wsus-doctor-acl-'));
    try {
      const file = join(dir, 'acl.txt');
      const cmd = icaclsSave(path, file);
      await runOrThrow(this.#runner, this.#opts.icaclsExe, cmd.args, `Reading the permissions of ${path} (icacls /save)`, signal ? { signal } : {});
      const size = (await stat(file)).size;
      if (size > 1024 * 1024) throw new Error('icacls saved more than 1 MB of permissions for one folder.');
      return sddlFromIcaclsSave(await readFile(file));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async save(path: string, signal?: AbortSignal): Promise<string> {
    checkPath(path);
    await mkdir(this.#opts.backupDir, { recursive: true });
    const file = `${this.#opts.backupDir.replace(/\\+$/, '')}\\${new Date().toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}.acl`;
    const cmd = icaclsSave(path, file);
    await runOrThrow(this.#runner, this.#opts.icaclsExe, cmd.args, `Saving the permissions of ${path} (icacls /save)`, signal ? { signal } : {});
    return file;
  }

  async restore(path: string, saved: string, signal?: AbortSignal): Promise<void> {
    checkPath(path);
    checkPath(saved);
    const cmd = serverCommandFor({ kind: 'acl.restore', path, saved })!;
    await runOrThrow(this.#runner, this.#opts.icaclsExe, cmd.args, `Restoring the permissions of ${path} (icacls /restore)`, signal ? { signal } : {});
  }

  async grant(path: string, sid: string, rights: AclRights, signal?: AbortSignal): Promise<void> {
    checkPath(path);
    if (!SID.test(sid)) throw new Error(`"${sid.slice(0, 60)}" is not a SID.`);
    const cmd = serverCommandFor({ kind: 'acl.grant', path, sid, rights })!;
    await runOrThrow(this.#runner, this.#opts.icaclsExe, cmd.args, `Granting ${rights} to ${sid} on ${path} (icacls /grant)`, signal ? { signal } : {});
  }
}
