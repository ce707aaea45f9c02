/**
 * The registry through the `regedit` npm package (cscript.exe + WMI StdRegProv), the backend preferred
 * while Windows Script Host works. registry-backend.ts decides when to use it and falls back to
 * reg.exe; this file only talks to regedit and translates its results.
 *
 * Known limits of regedit 5.1.4 that this code routes around (see node_modules/regedit/vbs):
 * - list() returns REG_EXPAND_SZ already expanded, REG_NONE as 0, QWORDs as JSON numbers (precision
 *   lost above 2^53), and writes CR/LF inside strings as the two characters "\r" / "\n" (so a string
 *   with a backslash followed by r or n is ambiguous). Such reads are marked lossy.
 * - putValue() splits REG_MULTI_SZ on commas, cannot write empty strings, empty lists or arrays,
 *   or the default value (an empty name ends its stdin protocol). deleteValue() splits the value
 *   name on backslashes. Such writes go to reg.exe (canRegeditPut / canRegeditDelete).
 * - On failure it prints cscript's output with console.log/console.error; calls are wrapped so that
 *   noise never reaches our stdout, and it has no timeout of its own, so every call gets one.
 */
import { stat } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import type { RegKeySnapshot, RegValue } from '../../../shared/registry-types.js';
import { bytesToHex, setOwnValue } from './reg-file.js';

/** regedit's architecture argument: A = agnostic, S = detect, 32 / 64 = that view. */
export type RegeditArch = 'A' | 'S' | '32' | '64';

export interface RegeditValue {
  type: string;
  value: unknown;
}

export interface RegeditItem {
  exists: boolean;
  keys: string[];
  values: Record<string, RegeditValue>;
}

/** The part of the regedit package this tool uses (regedit.d.ts omits promisified.deleteValue). */
export interface RegeditLike {
  setExternalVBSLocation(dir: string): string;
  promisified: {
    list(keys: readonly string[], architecture?: RegeditArch): Promise<Record<string, RegeditItem>>;
    putValue(map: Record<string, Record<string, { type: string; value: unknown }>>, architecture?: RegeditArch): Promise<void>;
    deleteValue(keys: readonly string[], architecture?: RegeditArch): Promise<void>;
    createKey(keys: readonly string[], architecture?: RegeditArch): Promise<void>;
  };
}

/** Loads the real regedit package, or null when it cannot be loaded. */
export async function loadRegedit(): Promise<RegeditLike | null> {
  try {
    const mod = (await import('regedit')) as unknown as { default?: unknown };
    const candidate = (mod.default ?? mod) as Partial<RegeditLike>;
    if (typeof candidate.setExternalVBSLocation !== 'function' || typeof candidate.promisified?.list !== 'function') return null;
    return candidate as RegeditLike;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------
// Which cscript.exe regedit runs

/** The only absolute path regedit 5.1.4 itself knows for cscript.exe (lib/cscript.js). */
export const REGEDIT_CSCRIPT_PATH = 'c:\\windows\\system32\\cscript.exe';

interface CscriptLocator {
  _mock?: (fs: unknown, execFile: unknown, init: boolean) => void;
}

/**
 * regedit finds cscript by running plain "cscript.exe", which Windows also looks for in the current
 * folder: a planted cscript.exe there would run with our (administrator) rights. This makes regedit's
 * locator skip that search and take its absolute fallback, c:\windows\system32\cscript.exe, and
 * only when that is the real system binary (`cscriptPath`, from %SystemRoot%). Returns null when done,
 * else why it could not be done (then regedit must not be used).
 */
export function pinRegeditCscript(locator: unknown, cscriptPath: string): string | null {
  const mock = (locator as CscriptLocator | null)?._mock;
  if (typeof mock !== 'function') return "regedit's cscript locator could not be told to use an absolute path";
  if (cscriptPath.toLowerCase() !== REGEDIT_CSCRIPT_PATH) {
    return `regedit can run cscript.exe safely only from ${REGEDIT_CSCRIPT_PATH}, and this system's is ${cscriptPath}`;
  }
  const notFound = (...args: unknown[]): void => {
    const callback = args[args.length - 1];
    const e = Object.assign(new Error('searching for cscript.exe is disabled'), { code: 'ENOENT' });
    if (typeof callback === 'function') setImmediate(() => (callback as (err: Error) => void)(e));
  };
  const fsLike = {
    stat: (p: string, callback: (err: NodeJS.ErrnoException | null) => void): void => {
      if (typeof p === 'string' && p.toLowerCase() === cscriptPath.toLowerCase()) stat(p, (err) => callback(err));
      else setImmediate(() => callback(Object.assign(new Error('not allowed'), { code: 'ENOENT' })));
    },
  };
  try {
    mock.call(locator, fsLike, notFound, false);
  } catch (e) {
    return `regedit's cscript locator failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  return null;
}

/** Loads regedit's cscript locator module and pins it (see pinRegeditCscript). */
export async function pinRealRegeditCscript(cscriptPath: string): Promise<string | null> {
  try {
    const mod = (await import('regedit/lib/cscript.js')) as unknown as { default?: unknown };
    return pinRegeditCscript(mod.default ?? mod, cscriptPath);
  } catch (e) {
    return `regedit's cscript locator could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
  }
}

// ---------------------------------------------------------------------------------------------------
// Where the VBScript files are

export interface VbsDirInput {
  /** Electron's process.resourcesPath in a packaged app; undefined otherwise. */
  resourcesPath?: string | undefined;
  /** The folder of the running bundle (dist/cli for the single-file CLI) or of this source file. */
  bundleDir: string;
  exists: (path: string) => boolean;
}

/** The folders tried, in order. */
export function vbsDirCandidates(input: Pick<VbsDirInput, 'resourcesPath' | 'bundleDir'>): string[] {
  const out: string[] = [];
  if (input.resourcesPath) {
    out.push(join(input.resourcesPath, 'regedit', 'vbs'));
    out.push(join(input.resourcesPath, 'vbs'));
    out.push(join(input.resourcesPath, 'app.asar.unpacked', 'node_modules', 'regedit', 'vbs'));
  }
  if (input.bundleDir) {
    out.push(join(input.bundleDir, 'vbs'));
    // Development: node_modules/regedit/vbs in this folder or above it.
    let dir = input.bundleDir;
    for (let i = 0; i < 10; i++) {
      out.push(join(dir, 'node_modules', 'regedit', 'vbs'));
      const parent = join(dir, '..');
      if (parent === dir) break;
      dir = parent;
    }
  }
  return [...new Set(out)];
}

/**
 * The regedit `vbs` folder for this layout: a packaged Electron app (`<resources>/regedit/vbs`, or
 * `app.asar.unpacked/node_modules/regedit/vbs`), the bundled CLI (`<bundle dir>/vbs`), or development
 * (`node_modules/regedit/vbs`). A folder counts when it holds regList.wsf. Folders inside app.asar are
 * never returned: Electron's fs sees them but cscript.exe cannot read them. Null when none is found.
 */
export function resolveVbsDir(input: VbsDirInput): string | null {
  for (const dir of vbsDirCandidates(input)) {
    if (dir.split(/[\\/]/).includes('app.asar')) continue;
    let found = false;
    try {
      found = input.exists(join(dir, 'regList.wsf'));
    } catch {
      found = false;
    }
    if (found) return dir;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Translating results

export type RegeditSnapshot =
  | { ok: true; snapshot: RegKeySnapshot | null; lossy: string[] }
  | { ok: false; error: string };

const AMBIGUOUS_ESCAPE = /\\[rn]/;

/** regedit's list() result for one key → our snapshot, with the reasons it may not be exact. Never throws. */
export function snapshotFromRegedit(path: string, item: unknown): RegeditSnapshot {
  if (typeof item !== 'object' || item === null) return { ok: false, error: 'regedit returned no entry for the key' };
  const it = item as Partial<RegeditItem>;
  if (it.exists === false) return { ok: true, snapshot: null, lossy: [] };
  if (it.exists !== true) return { ok: false, error: 'regedit returned an entry without "exists"' };
  const lossy: string[] = [];
  const values: Record<string, RegValue> = {};
  const rawValues = typeof it.values === 'object' && it.values !== null ? it.values : {};
  for (const [name, raw] of Object.entries(rawValues)) {
    const v = raw as Partial<RegeditValue> | null;
    const type = typeof v?.type === 'string' ? v.type.toUpperCase() : '';
    const data = v?.value;
    switch (type) {
      case 'REG_SZ':
      case 'REG_DEFAULT':
      case 'REG_EXPAND_SZ': {
        if (typeof data !== 'string') {
          lossy.push(`${name}: ${type} without a string`);
          break;
        }
        const regType = type === 'REG_EXPAND_SZ' ? 'REG_EXPAND_SZ' : 'REG_SZ';
        if (regType === 'REG_EXPAND_SZ') lossy.push(`${name}: REG_EXPAND_SZ is returned expanded`);
        if (AMBIGUOUS_ESCAPE.test(data)) lossy.push(`${name}: "\\r"/"\\n" may have been line breaks`);
        setOwnValue(values, name, { type: regType, data });
        break;
      }
      case 'REG_MULTI_SZ': {
        if (!Array.isArray(data) || data.some((s) => typeof s !== 'string')) {
          lossy.push(`${name}: REG_MULTI_SZ without a list of strings`);
          break;
        }
        if (data.some((s: string) => AMBIGUOUS_ESCAPE.test(s))) lossy.push(`${name}: "\\r"/"\\n" may have been line breaks`);
        setOwnValue(values, name, { type: 'REG_MULTI_SZ', data: [...(data as string[])] });
        break;
      }
      case 'REG_DWORD': {
        if (typeof data !== 'number' || !Number.isInteger(data) || data < 0 || data > 0xffffffff) {
          lossy.push(`${name}: REG_DWORD out of range`);
          break;
        }
        setOwnValue(values, name, { type: 'REG_DWORD', data });
        break;
      }
      case 'REG_QWORD': {
        if (typeof data === 'string' && /^\d{1,20}$/.test(data)) {
          setOwnValue(values, name, { type: 'REG_QWORD', data: BigInt(data).toString() });
        } else if (typeof data === 'number' && Number.isSafeInteger(data) && data >= 0) {
          setOwnValue(values, name, { type: 'REG_QWORD', data: BigInt(data).toString() });
        } else {
          lossy.push(`${name}: REG_QWORD beyond 2^53 loses precision`);
        }
        break;
      }
      case 'REG_BINARY': {
        if (!Array.isArray(data) || data.some((b) => typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 255)) {
          lossy.push(`${name}: REG_BINARY without a list of bytes`);
          break;
        }
        setOwnValue(values, name, { type: 'REG_BINARY', data: bytesToHex(Uint8Array.from(data as number[])) });
        break;
      }
      case 'REG_NONE':
        lossy.push(`${name}: REG_NONE data is not returned`);
        setOwnValue(values, name, { type: 'REG_NONE', data: '' });
        break;
      default:
        lossy.push(`${name}: unsupported type ${type || '(none)'}`);
    }
  }
  const keys = Array.isArray(it.keys) ? it.keys.filter((k): k is string => typeof k === 'string') : [];
  return { ok: true, snapshot: { path, values, subkeys: keys }, lossy };
}

/** The putValue entry for a value regedit writes exactly, or null when it must go through reg.exe. */
export function regeditPutEntry(name: string, value: RegValue): { type: string; value: unknown } | null {
  if (name === '') return null;
  switch (value.type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return value.data === '' ? null : { type: value.type, value: value.data };
    case 'REG_DWORD':
      return Number.isInteger(value.data) && value.data >= 0 && value.data < 0x80000000 ? { type: 'REG_DWORD', value: value.data } : null;
    case 'REG_MULTI_SZ':
      return value.data.length > 0 && value.data.every((s) => s !== '' && !s.includes(',')) ? { type: 'REG_MULTI_SZ', value: [...value.data] } : null;
    case 'REG_BINARY':
      return value.data.length > 0 ? { type: 'REG_BINARY', value: Array.from(Buffer.from(value.data, 'hex')) } : null;
    default:
      return null;
  }
}

/** regedit's deleteValue splits "key\name" on every backslash: names with one go through reg.exe. */
export function canRegeditDelete(name: string): boolean {
  return name !== '' && !name.includes('\\');
}

// ---------------------------------------------------------------------------------------------------
// Errors

export class RegeditTimeoutError extends Error {
  constructor(ms: number) {
    super(`cscript did not answer within ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`}`);
    this.name = 'RegeditTimeoutError';
  }
}

/**
 * What a regedit failure means: `permission` (access denied: reg.exe would fail too), `data` (this one
 * call could not be expressed or parsed: use reg.exe for it), `wsh` (Windows Script Host or WMI is not
 * working: use reg.exe from now on).
 */
export function classifyRegeditError(e: unknown): 'permission' | 'data' | 'wsh' {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 5 || code === 2147749891) return 'permission';
  if (e instanceof SyntaxError) return 'data';
  if (typeof code === 'number' && code >= 25121 && code <= 25127) return 'data';
  const message = e instanceof Error ? e.message : String(e);
  if (/^invalid Registry Value Type/i.test(message)) return 'data';
  return 'wsh';
}

export function describeRegeditError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: unknown }).code;
  const description = (e as { description?: unknown }).description;
  let text = e.message.replace(/\s+/g, ' ').trim();
  if (typeof description === 'string' && description && description !== 'undefined') text += ` (${description})`;
  if (typeof code === 'number' && !text.includes(String(code))) text += ` [code ${code}]`;
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

// ---------------------------------------------------------------------------------------------------
// Keeping regedit's console output off our stdout

const sinks = new Set<string[]>();
let saved: { log: typeof console.log; error: typeof console.error; warn: typeof console.warn } | undefined;

function capture(...args: unknown[]): void {
  const text = format(...args);
  for (const s of sinks) s.push(text);
}

/**
 * Runs fn with console.log/error/warn captured (restored in finally, also when calls overlap).
 * A failure gets what was captured as `regeditOutput`; after a success the captured lines cannot be
 * regedit's (it prints only on failure), so they are passed on to the real console.
 */
export async function withQuietConsole<T>(fn: () => Promise<T>): Promise<T> {
  const sink: string[] = [];
  if (sinks.size === 0) {
    saved = { log: console.log, error: console.error, warn: console.warn };
    console.log = capture;
    console.error = capture;
    console.warn = capture;
  }
  sinks.add(sink);
  let ok = false;
  try {
    const result = await fn();
    ok = true;
    return result;
  } catch (e) {
    if (e instanceof Error && sink.length > 0) {
      (e as Error & { regeditOutput?: string }).regeditOutput = sink.join('\n').slice(0, 4000);
    }
    throw e;
  } finally {
    sinks.delete(sink);
    const original = saved;
    if (sinks.size === 0 && saved) {
      console.log = saved.log;
      console.error = saved.error;
      console.warn = saved.warn;
      saved = undefined;
    }
    if (ok && original && sink.length > 0) for (const line of sink) original.log(line);
  }
}

// ---------------------------------------------------------------------------------------------------
// The client

export interface RegeditClientOptions {
  /** Per call (default 30 s); regedit itself has no timeout. */
  timeoutMs?: number;
  arch?: RegeditArch;
}

export const DEFAULT_REGEDIT_TIMEOUT_MS = 30_000;

/** The registry view regedit should use: 64 when a 32-bit process runs on 64-bit Windows, else agnostic. */
export function regeditArchFor(arch: string = process.arch, env: NodeJS.ProcessEnv = process.env): RegeditArch {
  return arch === 'ia32' && env.PROCESSOR_ARCHITEW6432 ? '64' : 'A';
}

/** One regedit call at a time, each with a timeout and a quiet console. */
export class RegeditClient {
  readonly #regedit: RegeditLike;
  readonly #timeoutMs: number;
  readonly #arch: RegeditArch;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(regedit: RegeditLike, options: RegeditClientOptions = {}) {
    this.#regedit = regedit;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_REGEDIT_TIMEOUT_MS;
    this.#arch = options.arch ?? 'A';
  }

  #call<T>(fn: () => Promise<T>, signal?: AbortSignal, timeoutMs = this.#timeoutMs): Promise<T> {
    const run = async (): Promise<T> => {
      signal?.throwIfAborted();
      return withQuietConsole(
        () =>
          new Promise<T>((resolve, reject) => {
            const timer = setTimeout(() => {
              cleanup();
              reject(new RegeditTimeoutError(timeoutMs));
            }, timeoutMs);
            const onAbort = (): void => {
              cleanup();
              reject(signal?.reason instanceof Error ? signal.reason : new Error('cancelled'));
            };
            const cleanup = (): void => {
              clearTimeout(timer);
              signal?.removeEventListener('abort', onAbort);
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            let p: Promise<T>;
            try {
              p = fn();
            } catch (e) {
              cleanup();
              reject(e);
              return;
            }
            p.then(
              (v) => {
                cleanup();
                resolve(v);
              },
              (e: unknown) => {
                cleanup();
                reject(e);
              },
            );
          }),
      );
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** The key's entry from regedit's list(), or undefined when the answer has none. */
  async list(path: string, signal?: AbortSignal, timeoutMs?: number): Promise<unknown> {
    const result = await this.#call(() => this.#regedit.promisified.list([path], this.#arch), signal, timeoutMs);
    if (typeof result !== 'object' || result === null) return undefined;
    const record = result as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(record, path)) return record[path];
    const lower = path.toLowerCase();
    const match = Object.keys(record).find((k) => k.toLowerCase() === lower);
    return match === undefined ? undefined : record[match];
  }

  async put(path: string, name: string, entry: { type: string; value: unknown }, signal?: AbortSignal): Promise<void> {
    await this.#call(() => this.#regedit.promisified.createKey([path], this.#arch), signal);
    const map: Record<string, Record<string, { type: string; value: unknown }>> = {};
    const values: Record<string, { type: string; value: unknown }> = {};
    Object.defineProperty(values, name, { value: entry, enumerable: true, writable: true, configurable: true });
    map[path] = values;
    await this.#call(() => this.#regedit.promisified.putValue(map, this.#arch), signal);
  }

  /** Deleting an absent value (or from an absent key) succeeds. */
  async deleteValue(path: string, name: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.#call(() => this.#regedit.promisified.deleteValue([`${path}\\${name}`], this.#arch), signal);
    } catch (e) {
      if ((e as { code?: unknown } | null)?.code === 2) return;
      throw e;
    }
  }
}
