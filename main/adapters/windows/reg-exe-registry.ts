/**
 * The registry through reg.exe: the fallback when Windows Script Host cannot be used, and the backend
 * under Wine. Reads are `reg.exe export <key> <tempfile> /y` parsed by reg-file.ts; writes and deletes
 * are a generated .reg file run through `reg.exe import <file>`. Data never appears on a command
 * line, only in a temporary file in a fresh private folder that is removed afterwards.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findValue, type RegKeySnapshot, type RegValue } from '../../../shared/registry-types.js';
import type { CommandResult, CommandRunner, RegistryAdapter } from '../types.js';
import { decodeConsoleText, summariseOutput, systemBinary } from './command-runner.js';
import {
  buildRegFile,
  checkKeyPath,
  checkRegValue,
  checkValueName,
  encodeRegFileText,
  type RegFileChange,
  sameRegValue,
  snapshotFromRegFile,
} from './reg-file.js';

export interface RegExeRegistryOptions {
  /** Absolute path of reg.exe (default: `%SystemRoot%\System32\reg.exe`). */
  regExe?: string;
  /** Folder for the temporary .reg files (default: os.tmpdir()). */
  tempDir?: string;
  /** Per reg.exe run (default 60 s: exporting a large key takes a while). */
  timeoutMs?: number;
  /** Read the value back after every write and delete (default true): reg import can skip lines silently. */
  verifyWrites?: boolean;
  /** Largest export file read (default 256 MiB). */
  maxExportBytes?: number;
}

export const DEFAULT_REG_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_EXPORT_BYTES = 256 * 1024 * 1024;

export class RegistryAccessError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RegistryAccessError';
  }
}

export class RegExeRegistry implements RegistryAdapter {
  readonly backend: string;
  readonly #runner: CommandRunner;
  readonly #regExe: string;
  readonly #tempDir: string | undefined;
  readonly #timeoutMs: number;
  readonly #verify: boolean;
  readonly #maxExport: number;

  constructor(runner: CommandRunner, options: RegExeRegistryOptions = {}, backend = 'reg.exe') {
    this.#runner = runner;
    this.#regExe = options.regExe ?? systemBinary('reg.exe');
    this.#tempDir = options.tempDir;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_REG_TIMEOUT_MS;
    this.#verify = options.verifyWrites ?? true;
    this.#maxExport = options.maxExportBytes ?? DEFAULT_MAX_EXPORT_BYTES;
    this.backend = backend;
  }

  async #withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(this.#tempDir ?? tmpdir(), 'wsus-doctor-reg-'));
    try {
      return await fn(dir);
    } finally {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  #run(args: readonly string[], signal?: AbortSignal): Promise<CommandResult> {
    return this.#runner.run(this.#regExe, args, { timeoutMs: this.#timeoutMs, ...(signal ? { signal } : {}) });
  }

  async readKey(path: string, signal?: AbortSignal): Promise<RegKeySnapshot | null> {
    const key = checkKeyPath(path, 'read');
    if (!key.ok) throw new RegistryAccessError(key.error);
    signal?.throwIfAborted();
    return this.#withTempDir(async (dir) => {
      const file = join(dir, 'export.reg');
      const res = await this.#run(['export', key.path, file, '/y'], signal);
      if (res.exitCode !== 0) {
        if (await this.#keyMissing(key.path, signal)) return null;
        throw new RegistryAccessError(`reg.exe could not export ${key.path} (exit code ${res.exitCode}): ${summariseOutput(res) || 'no message'}.`);
      }
      const size = (await stat(file)).size;
      if (size > this.#maxExport) throw new RegistryAccessError(`The export of ${key.path} is too large to read (${size} bytes).`);
      const parsed = snapshotFromRegFile(await readFile(file), key.path);
      if (!parsed.snapshot) {
        throw new RegistryAccessError(
          `reg.exe exported ${key.path} but the file has no section for it${parsed.problems.length ? ` (${parsed.problems.slice(0, 3).join('; ')})` : ''}.`,
        );
      }
      return parsed.snapshot;
    });
  }

  /**
   * `reg export KEY FILE /y`, for the backup taken before a fix (a file an administrator can import
   * by hand). false when the key does not exist (nothing to save).
   */
  async exportKey(path: string, file: string, signal?: AbortSignal): Promise<boolean> {
    const key = checkKeyPath(path, 'read');
    if (!key.ok) throw new RegistryAccessError(key.error);
    const res = await this.#run(['export', key.path, file, '/y'], signal);
    if (res.exitCode === 0) return true;
    if (await this.#keyMissing(key.path, signal)) return false;
    throw new RegistryAccessError(`reg.exe could not export ${key.path} (exit code ${res.exitCode}): ${summariseOutput(res) || 'no message'}.`);
  }

  /**
   * After a failed export: is the key really absent? Decided by exit codes, never by localized text:
   * `reg query <key>` succeeding means it exists (the export failed for another reason). If the query
   * fails too, the parent is listed (`reg query <parent> /k /f <leaf> /e`): a key the parent lists
   * exists but cannot be read (access denied), which must not be mistaken for "not configured".
   */
  async #keyMissing(path: string, signal?: AbortSignal): Promise<boolean> {
    const q = await this.#run(['query', path], signal);
    if (q.exitCode === 0) return false;
    const cut = path.lastIndexOf('\\');
    if (cut < 0) return true;
    const parent = path.slice(0, cut);
    const leaf = path.slice(cut + 1);
    if (leaf.startsWith('/') || leaf.startsWith('-')) return true;
    let listing: CommandResult;
    try {
      listing = await this.#run(['query', parent, '/k', '/f', leaf, '/e'], signal);
    } catch (e) {
      if (signal?.aborted) throw e;
      return true;
    }
    if (listing.exitCode !== 0) return true;
    const wanted = `\\${leaf}`.toLowerCase();
    const listed = decodeConsoleText(listing.stdout)
      .split(/\r?\n/)
      .some((line) => line.trim().toLowerCase().endsWith(wanted) && /^HKEY_/i.test(line.trim()));
    if (listed) throw new RegistryAccessError(`The registry key ${path} exists but could not be read (access denied?).`);
    return true;
  }

  async #import(changes: readonly RegFileChange[], signal?: AbortSignal): Promise<void> {
    const text = buildRegFile(changes);
    signal?.throwIfAborted();
    await this.#withTempDir(async (dir) => {
      const file = join(dir, 'change.reg');
      await writeFile(file, encodeRegFileText(text), { flag: 'wx' });
      const res = await this.#run(['import', file], signal);
      if (res.exitCode !== 0) {
        const target = changes[0]?.key ?? '';
        const hint = /^HKLM\\|^HKEY_LOCAL_MACHINE\\/i.test(target) ? ' Changing HKLM needs administrator rights.' : '';
        throw new RegistryAccessError(`reg.exe import failed (exit code ${res.exitCode}): ${summariseOutput(res) || 'no message'}.${hint}`);
      }
    });
  }

  async setValue(path: string, name: string, value: RegValue, signal?: AbortSignal): Promise<void> {
    const key = checkKeyPath(path, 'write');
    if (!key.ok) throw new RegistryAccessError(key.error);
    const problem = checkValueName(name) ?? checkRegValue(value);
    if (problem) throw new RegistryAccessError(problem);
    await this.#import([{ kind: 'set', key: key.path, name, value }], signal);
    if (!this.#verify) return;
    const after = findValue(await this.readKey(key.path, signal), name);
    if (!after || !sameRegValue(after.value, value)) {
      throw new RegistryAccessError(`reg.exe import reported success, but ${key.path}\\${name === '' ? '(Default)' : name} does not read back as written.`);
    }
  }

  async deleteValue(path: string, name: string, signal?: AbortSignal): Promise<void> {
    const key = checkKeyPath(path, 'write');
    if (!key.ok) throw new RegistryAccessError(key.error);
    const nameProblem = checkValueName(name);
    if (nameProblem) throw new RegistryAccessError(nameProblem);
    // Look first: a .reg section creates its key, so deleting from a missing key would create it.
    const before = findValue(await this.readKey(key.path, signal), name);
    if (!before) return;
    await this.#import([{ kind: 'delete', key: key.path, name: before.name }], signal);
    if (!this.#verify) return;
    if (findValue(await this.readKey(key.path, signal), name)) {
      throw new RegistryAccessError(`reg.exe import reported success, but ${key.path}\\${name === '' ? '(Default)' : name} is still there.`);
    }
  }
}
