/**
 * Chooses how the registry is read and written: the regedit package while Windows Script Host works,
 * else reg.exe. The decision, and why, is in the adapter's `backend` string for the report.
 *
 * regedit is used only where it is exact: reads it marks lossy are confirmed with reg.exe, and writes
 * it cannot express (see regedit-registry.ts) go to reg.exe. A regedit failure that shows Windows
 * Script Host or WMI not working moves this call and every later one to reg.exe.
 */
import { findValue, KEYS, type RegKeySnapshot, type RegValue } from '../../../shared/registry-types.js';
import type { CommandRunner, RegistryAdapter } from '../types.js';
import { systemBinary } from './command-runner.js';
import { checkKeyPath, checkRegValue, checkValueName } from './reg-file.js';
import { RegExeRegistry, RegistryAccessError, type RegExeRegistryOptions } from './reg-exe-registry.js';
import {
  canRegeditDelete,
  classifyRegeditError,
  describeRegeditError,
  RegeditClient,
  regeditPutEntry,
  RegeditTimeoutError,
  snapshotFromRegedit,
  type RegeditArch,
  type RegeditLike,
} from './regedit-registry.js';

export const REGEDIT_BACKEND = 'regedit (Windows Script Host)';
export const DEFAULT_PROBE_TIMEOUT_MS = 10_000;
const HKCU_SCRIPT_HOST_SETTINGS = 'HKCU\\SOFTWARE\\Microsoft\\Windows Script Host\\Settings';

export interface RegistryBackendOptions {
  /** The regedit package (or a test double), a loader for it, or null when it is not available. */
  regedit?: RegeditLike | null | (() => Promise<RegeditLike | null>);
  /**
   * The regedit vbs folder from resolveVbsDir: passed to setExternalVBSLocation. null = not found
   * (regedit cannot work); undefined = leave regedit's own default.
   */
  vbsDir?: string | null;
  /** Does this file exist? Used for cscript.exe (default: no check). */
  fileExists?: (path: string) => boolean | Promise<boolean>;
  /** default %SystemRoot%\System32\cscript.exe */
  cscriptPath?: string;
  /**
   * Makes regedit run cscript.exe by its absolute path (pinRealRegeditCscript). Returns null when
   * done, else why not (then reg.exe is used). Not given: nothing is done (test doubles).
   */
  secureCscript?: (cscriptPath: string) => Promise<string | null> | string | null;
  /** 'auto' (default) decides; 'reg.exe' never uses regedit; 'regedit' skips the policy/cscript checks but still probes. */
  prefer?: 'auto' | 'regedit' | 'reg.exe';
  /** The probe list() call (default 10 s). */
  probeTimeoutMs?: number;
  /** Every later regedit call (default 30 s). */
  callTimeoutMs?: number;
  /** The small key the probe lists (default HKLM\SOFTWARE\Microsoft\Windows Script Host\Settings). */
  probeKey?: string;
  regeditArch?: RegeditArch;
  /** Options for the reg.exe backend (its path, temp folder, timeout). */
  regExe?: RegExeRegistryOptions;
}

export interface BackendDecision {
  backend: 'regedit' | 'reg.exe';
  /** why reg.exe is used ("fallback: ..." or "chosen by configuration"); undefined for regedit */
  reason?: string;
}

/** "regedit (Windows Script Host)", "reg.exe (fallback: <why>)" or "reg.exe (chosen by configuration)". */
export function backendLabel(decision: BackendDecision): string {
  if (decision.backend === 'regedit') return REGEDIT_BACKEND;
  return decision.reason ? `reg.exe (${decision.reason})` : 'reg.exe';
}

/** Is Windows Script Host turned off (Settings\Enabled = 0)? Accepts DWORD 0 and the string "0". */
export function scriptHostDisabledValue(key: RegKeySnapshot | null): boolean {
  const v = findValue(key, 'Enabled')?.value;
  if (!v) return false;
  if (v.type === 'REG_DWORD') return v.data === 0;
  if (v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ') return v.data.trim() === '0';
  return false;
}

function ignoresUserSettings(key: RegKeySnapshot | null): boolean {
  const v = findValue(key, 'IgnoreUserSettings')?.value;
  if (!v) return false;
  if (v.type === 'REG_DWORD') return v.data === 1;
  if (v.type === 'REG_SZ') return v.data.trim() === '1';
  return false;
}

/** The registry adapter: regedit where it is exact and working, reg.exe otherwise. */
export class HybridRegistry implements RegistryAdapter {
  readonly #reg: RegExeRegistry;
  #regedit: RegeditClient | null;
  #decision: BackendDecision;

  constructor(reg: RegExeRegistry, regedit: RegeditClient | null, decision: BackendDecision) {
    this.#reg = reg;
    this.#regedit = regedit;
    this.#decision = regedit ? decision : decision.backend === 'regedit' ? { backend: 'reg.exe' } : decision;
  }

  get backend(): string {
    return backendLabel(this.#decision);
  }

  get decision(): BackendDecision {
    return { ...this.#decision };
  }

  /** Backups are always `reg export` files, whichever backend reads: a format every administrator can import. */
  exportKey(path: string, file: string, signal?: AbortSignal): Promise<boolean> {
    return this.#reg.exportKey(path, file, signal);
  }

  /** After a regedit failure: throw, or run the call through reg.exe (and switch for good on a WSH failure). */
  async #fallback<T>(e: unknown, what: { verb: 'reading' | 'changing'; path: string }, viaRegExe: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw e;
    const kind = classifyRegeditError(e);
    if (kind === 'permission') {
      const hint = what.verb === 'changing' && /^HKLM\\/i.test(what.path) ? ' Changing HKLM needs administrator rights.' : '';
      throw new RegistryAccessError(`Access denied ${what.verb} ${what.path} (${describeRegeditError(e)}).${hint}`, { cause: e });
    }
    if (kind === 'wsh' && this.#regedit) {
      this.#regedit = null;
      const what = e instanceof RegeditTimeoutError ? describeRegeditError(e) : `cscript failed: ${describeRegeditError(e)}`;
      this.#decision = { backend: 'reg.exe', reason: `fallback: Windows Script Host stopped working during the run (${what})` };
    }
    return viaRegExe();
  }

  async readKey(path: string, signal?: AbortSignal): Promise<RegKeySnapshot | null> {
    const key = checkKeyPath(path, 'read');
    if (!key.ok) throw new RegistryAccessError(key.error);
    const client = this.#regedit;
    if (!client) return this.#reg.readKey(key.path, signal);
    let item: unknown;
    try {
      item = await client.list(key.path, signal);
    } catch (e) {
      return this.#fallback(e, { verb: 'reading', path: key.path }, () => this.#reg.readKey(key.path, signal), signal);
    }
    const mapped = snapshotFromRegedit(key.path, item);
    if (!mapped.ok) return this.#reg.readKey(key.path, signal);
    if (mapped.lossy.length === 0) return mapped.snapshot;
    // Something regedit cannot return exactly (expanded REG_EXPAND_SZ, line breaks, REG_NONE, big
    // QWORDs): read it exactly with reg.exe; if that fails, regedit's answer is still better than none.
    try {
      return await this.#reg.readKey(key.path, signal);
    } catch (e) {
      if (signal?.aborted) throw e;
      return mapped.snapshot;
    }
  }

  async setValue(path: string, name: string, value: RegValue, signal?: AbortSignal): Promise<void> {
    const key = checkKeyPath(path, 'write');
    if (!key.ok) throw new RegistryAccessError(key.error);
    const problem = checkValueName(name) ?? checkRegValue(value);
    if (problem) throw new RegistryAccessError(problem);
    const client = this.#regedit;
    const entry = client ? regeditPutEntry(name, value) : null;
    if (!client || !entry) return this.#reg.setValue(key.path, name, value, signal);
    try {
      await client.put(key.path, name, entry, signal);
    } catch (e) {
      return this.#fallback(e, { verb: 'changing', path: key.path }, () => this.#reg.setValue(key.path, name, value, signal), signal);
    }
  }

  async deleteValue(path: string, name: string, signal?: AbortSignal): Promise<void> {
    const key = checkKeyPath(path, 'write');
    if (!key.ok) throw new RegistryAccessError(key.error);
    const problem = checkValueName(name);
    if (problem) throw new RegistryAccessError(problem);
    const client = this.#regedit;
    if (!client || !canRegeditDelete(name)) return this.#reg.deleteValue(key.path, name, signal);
    try {
      await client.deleteValue(key.path, name, signal);
    } catch (e) {
      return this.#fallback(e, { verb: 'changing', path: key.path }, () => this.#reg.deleteValue(key.path, name, signal), signal);
    }
  }
}

async function resolveRegedit(option: RegistryBackendOptions['regedit']): Promise<RegeditLike | null> {
  if (typeof option === 'function') {
    try {
      return await option();
    } catch {
      return null;
    }
  }
  return option ?? null;
}

/**
 * Decides the backend and returns the adapter. Falls back to reg.exe when: told to; regedit cannot be
 * loaded; Windows Script Host is disabled by policy (Settings\Enabled = 0, read with reg.exe);
 * cscript.exe is missing; regedit's vbs folder is missing; or a probe list() fails or times out.
 */
export async function selectRegistryBackend(runner: CommandRunner, options: RegistryBackendOptions = {}): Promise<HybridRegistry> {
  const reg = new RegExeRegistry(runner, options.regExe);
  const fallback = (why: string): HybridRegistry => new HybridRegistry(reg, null, { backend: 'reg.exe', reason: `fallback: ${why}` });

  const prefer = options.prefer ?? 'auto';
  if (prefer === 'reg.exe') return new HybridRegistry(reg, null, { backend: 'reg.exe', reason: 'chosen by configuration' });

  const regedit = await resolveRegedit(options.regedit);
  if (!regedit) return fallback('the regedit package could not be loaded');

  if (prefer === 'auto') {
    try {
      const machine = await reg.readKey(KEYS.scriptHostSettings);
      if (scriptHostDisabledValue(machine)) return fallback('Windows Script Host is disabled by policy');
      if (!ignoresUserSettings(machine) && scriptHostDisabledValue(await reg.readKey(HKCU_SCRIPT_HOST_SETTINGS))) {
        return fallback('Windows Script Host is disabled for this user');
      }
    } catch {
      // Not decisive: the probe below finds out whether cscript works.
    }
    if (options.fileExists) {
      const cscript = options.cscriptPath ?? systemBinary('cscript.exe');
      let present = false;
      try {
        present = await options.fileExists(cscript);
      } catch {
        present = false;
      }
      if (!present) return fallback(`cscript.exe was not found (${cscript})`);
    }
  }

  if (options.secureCscript) {
    let refusal: string | null;
    try {
      refusal = await options.secureCscript(options.cscriptPath ?? systemBinary('cscript.exe'));
    } catch (e) {
      refusal = e instanceof Error ? e.message : String(e);
    }
    if (refusal) return fallback(refusal);
  }

  if (options.vbsDir === null) return fallback("regedit's VBScript files (vbs folder) were not found");
  if (options.vbsDir !== undefined) {
    let answer: string;
    try {
      answer = regedit.setExternalVBSLocation(options.vbsDir);
    } catch (e) {
      answer = e instanceof Error ? e.message : String(e);
    }
    if (answer !== 'Folder found and set') return fallback(`regedit's VBScript folder ${options.vbsDir} could not be used`);
  }

  const client = new RegeditClient(regedit, {
    timeoutMs: options.callTimeoutMs ?? 30_000,
    ...(options.regeditArch ? { arch: options.regeditArch } : {}),
  });
  const probeKey = options.probeKey ?? KEYS.scriptHostSettings;
  const probeTimeout = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  try {
    const item = await client.list(probeKey, undefined, probeTimeout);
    const mapped = snapshotFromRegedit(probeKey, item);
    if (!mapped.ok) return fallback(`cscript failed: ${mapped.error}`);
  } catch (e) {
    if (e instanceof RegeditTimeoutError) return fallback(describeRegeditError(e));
    return fallback(`cscript failed: ${describeRegeditError(e)}`);
  }
  return new HybridRegistry(reg, client, { backend: 'regedit' });
}
