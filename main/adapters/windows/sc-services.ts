/**
 * Services through sc.exe. The state comes from `sc query` (the NUMBER on the STATE line, never the
 * localized word); the start type from the registry (Services\<name>: Start, DelayedAutostart), which
 * also works under Wine where `sc qc` is missing; `sc qc` is only a fallback.
 */
import type { StartType } from '../../../shared/changes.js';
import { findValue, KEYS } from '../../../shared/registry-types.js';
import {
  SERVICE_STATE_CODES,
  START_TYPE_CODES,
  type CommandResult,
  type CommandRunner,
  type RegistryAdapter,
  type ServiceAdapter,
  type ServiceInfo,
  type ServiceState,
} from '../types.js';
import { summariseOutput, systemBinary } from './command-runner.js';

/**
 * Service key names: letters, digits, `_ . -`, plus `$` and `#` (SQL Server instances such as the
 * WSUS database "MSSQL$MICROSOFT##WID"). No spaces, quotes or separators.
 */
export const SERVICE_NAME_PATTERN = /^[A-Za-z0-9_.$#-]{1,256}$/;

export function isValidServiceName(name: unknown): name is string {
  return typeof name === 'string' && SERVICE_NAME_PATTERN.test(name);
}

function checkName(name: unknown): string {
  if (!isValidServiceName(name)) throw new Error(`"${String(name)}" is not a valid service name.`);
  return name;
}

/** sc.exe / Win32 error codes that matter here, in our own words. */
const SC_ERRORS: Record<number, string> = {
  5: 'access denied (administrator rights are needed)',
  1051: 'other running services depend on it',
  1052: 'the request is not valid for this service',
  1053: 'the service did not respond in time',
  1056: 'it is already running',
  1058: 'it is disabled',
  1060: 'the service does not exist',
  1061: 'the service cannot accept control messages now',
  1062: 'it is not started',
  1068: 'a service it depends on could not start',
  1069: 'its logon account failed to log on',
  1072: 'the service is marked for deletion',
  1639: 'sc.exe does not accept this command line here (Wine\'s sc.exe has no "config" command)',
};

export const SC_SERVICE_DOES_NOT_EXIST = 1060;
export const SC_ALREADY_RUNNING = 1056;
export const SC_NOT_STARTED = 1062;

function latin1(b: Buffer): string {
  return Buffer.isBuffer(b) ? b.toString('latin1') : String(b ?? '');
}

/** The lines `LABEL : <number> ...` of sc output, in order: TYPE, STATE/START_TYPE, ... */
function numberedFields(text: string): { label: string; code: number; line: string }[] {
  const out: { label: string; code: number; line: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s+([^:]+?)\s*:\s*(\d+)\s+\S/.exec(line);
    if (m) out.push({ label: m[1]!.trim().toUpperCase(), code: Number(m[2]), line });
  }
  return out;
}

export type ScQueryParse = { ok: true; serviceName?: string; code: number; state: ServiceState } | { ok: false; error: string };

/**
 * `sc query <name>` output → the state. Takes the number of the STATE line; when the label is not
 * English, the second numbered field (TYPE comes first). Never throws.
 */
export function parseScQuery(text: unknown): ScQueryParse {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, error: 'sc query printed nothing' };
  const fields = numberedFields(text);
  const field = fields.find((f) => f.label === 'STATE') ?? fields[1];
  if (!field) return { ok: false, error: 'sc query printed no STATE line' };
  const state = SERVICE_STATE_CODES[field.code];
  if (!state) return { ok: false, error: `sc query printed an unknown state ${field.code}` };
  const nameMatch = /^\s*SERVICE_NAME\s*:\s*(\S+)\s*$/m.exec(text);
  return nameMatch ? { ok: true, serviceName: nameMatch[1]!, code: field.code, state } : { ok: true, code: field.code, state };
}

export type ScQcParse = { ok: true; startType: StartType; delayed: boolean } | { ok: false; error: string };

/** `sc qc <name>` output → start type (the number on START_TYPE, else the second numbered field). Never throws. */
export function parseScQc(text: unknown): ScQcParse {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, error: 'sc qc printed nothing' };
  const fields = numberedFields(text);
  const field = fields.find((f) => f.label === 'START_TYPE') ?? fields[1];
  if (!field) return { ok: false, error: 'sc qc printed no START_TYPE line' };
  const startType = START_TYPE_CODES[field.code];
  if (!startType) return { ok: false, error: `sc qc printed an unknown start type ${field.code}` };
  return { ok: true, startType, delayed: startType === 'auto' && /\(DELAYED\)/i.test(field.line) };
}

/** A failed sc run means "no such service": exit code 1060, or 1060 in its error output. */
export function isMissingServiceResult(result: CommandResult): boolean {
  if (result.exitCode === SC_SERVICE_DOES_NOT_EXIST) return true;
  if (result.exitCode === 0) return false;
  return /\b1060\b/.test(`${latin1(result.stdout)}\n${latin1(result.stderr)}`);
}

/** The value sc.exe expects after `start=`. */
export function scStartValue(startType: StartType | 'delayed-auto'): string {
  switch (startType) {
    case 'boot':
      return 'boot';
    case 'system':
      return 'system';
    case 'auto':
      return 'auto';
    case 'delayed-auto':
      return 'delayed-auto';
    case 'manual':
      return 'demand';
    case 'disabled':
      return 'disabled';
    default:
      throw new Error(`Unknown start type ${String(startType)}.`);
  }
}

export interface ScServicesOptions {
  /** default %SystemRoot%\System32\sc.exe */
  scExe?: string;
  /** How long start/stop wait for RUNNING/STOPPED (default 30 s). */
  waitTimeoutMs?: number;
  /** Between polls of `sc query` (default 500 ms). */
  pollIntervalMs?: number;
  /** For tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('cancelled'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function scError(what: string, name: string, result: CommandResult): Error {
  const known = SC_ERRORS[result.exitCode];
  const detail = known ?? (summariseOutput(result, 200) || 'no message');
  return new Error(`${what} ${name} failed (error ${result.exitCode}): ${detail}.`);
}

export class ScServices implements ServiceAdapter {
  readonly #runner: CommandRunner;
  readonly #registry: RegistryAdapter;
  readonly #sc: string;
  readonly #waitTimeoutMs: number;
  readonly #pollMs: number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #now: () => number;

  constructor(runner: CommandRunner, registry: RegistryAdapter, options: ScServicesOptions = {}) {
    this.#runner = runner;
    this.#registry = registry;
    this.#sc = options.scExe ?? systemBinary('sc.exe');
    this.#waitTimeoutMs = options.waitTimeoutMs ?? 30_000;
    this.#pollMs = options.pollIntervalMs ?? 500;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#now = options.now ?? Date.now;
  }

  #run(args: string[], signal?: AbortSignal): Promise<CommandResult> {
    return this.#runner.run(this.#sc, args, { timeoutMs: 15_000, maxOutputBytes: 256 * 1024, ...(signal ? { signal } : {}) });
  }

  /** The state only (null when the service does not exist). */
  async #state(name: string, signal?: AbortSignal): Promise<{ state: ServiceState; serviceName?: string } | null> {
    const res = await this.#run(['query', name], signal);
    if (isMissingServiceResult(res)) return null;
    if (res.exitCode !== 0) throw scError('sc query', name, res);
    const parsed = parseScQuery(latin1(res.stdout));
    if (!parsed.ok) throw new Error(`Could not read the state of ${name}: ${parsed.error}.`);
    return parsed.serviceName ? { state: parsed.state, serviceName: parsed.serviceName } : { state: parsed.state };
  }

  async #startType(name: string, signal?: AbortSignal): Promise<{ startType: StartType; delayed: boolean }> {
    try {
      const key = await this.#registry.readKey(`${KEYS.services}\\${name}`, signal);
      const start = findValue(key, 'Start')?.value;
      if (start?.type === 'REG_DWORD' && START_TYPE_CODES[start.data]) {
        const startType = START_TYPE_CODES[start.data]!;
        const delayedValue = findValue(key, 'DelayedAutostart')?.value;
        const delayed = startType === 'auto' && delayedValue?.type === 'REG_DWORD' && delayedValue.data === 1;
        return { startType, delayed };
      }
    } catch (e) {
      if (signal?.aborted) throw e;
    }
    const res = await this.#run(['qc', name], signal);
    if (res.exitCode !== 0) throw scError('sc qc', name, res);
    const parsed = parseScQc(latin1(res.stdout));
    if (!parsed.ok) throw new Error(`Could not read the start type of ${name}: ${parsed.error}.`);
    return { startType: parsed.startType, delayed: parsed.delayed };
  }

  async query(name: string, signal?: AbortSignal): Promise<ServiceInfo> {
    checkName(name);
    const st = await this.#state(name, signal);
    if (!st) return { exists: false, name };
    const { startType, delayed } = await this.#startType(name, signal);
    const shown = st.serviceName && st.serviceName.toLowerCase() === name.toLowerCase() ? st.serviceName : name;
    return { exists: true, name: shown, state: st.state, startType, delayedAutoStart: delayed };
  }

  async setStartType(name: string, startType: StartType, signal?: AbortSignal): Promise<void> {
    checkName(name);
    const value = scStartValue(startType);
    const res = await this.#run(['config', name, 'start=', value], signal);
    if (res.exitCode !== 0) throw scError('Changing the start type of', name, res);
  }

  /**
   * Starting and stopping trust the service's numeric state, not sc.exe's exit code: Windows reports
   * "already running" as 1056 and "not started" as 1062, Wine's sc.exe says 1 for both. After a
   * non-zero exit the state decides; the exit code only explains a real failure.
   */
  async start(name: string, signal?: AbortSignal): Promise<void> {
    checkName(name);
    const res = await this.#run(['start', name], signal);
    if (res.exitCode !== 0 && res.exitCode !== SC_ALREADY_RUNNING) {
      const st = await this.#state(name, signal).catch(() => null);
      if (st?.state !== 'running' && st?.state !== 'start-pending') throw scError('Starting', name, res);
    }
    await this.#waitFor(name, 'running', signal);
  }

  async stop(name: string, signal?: AbortSignal): Promise<void> {
    checkName(name);
    const res = await this.#run(['stop', name], signal);
    if (res.exitCode === SC_NOT_STARTED) return;
    if (res.exitCode !== 0) {
      const st = await this.#state(name, signal).catch(() => null);
      if (st?.state === 'stopped') return;
      if (st?.state !== 'stop-pending') throw scError('Stopping', name, res);
    }
    await this.#waitFor(name, 'stopped', signal);
  }

  async #waitFor(name: string, target: 'running' | 'stopped', signal?: AbortSignal): Promise<void> {
    const deadline = this.#now() + this.#waitTimeoutMs;
    let polls = 0;
    let last: ServiceState | undefined;
    for (;;) {
      const st = await this.#state(name, signal);
      if (!st) throw new Error(`The service ${name} disappeared while waiting for it to be ${target}.`);
      last = st.state;
      if (last === target) return;
      // sc start returns once the service is START_PENDING: STOPPED after that means it failed.
      if (target === 'running' && last === 'stopped' && polls > 0) {
        throw new Error(`The service ${name} stopped again while starting; see the System event log for why.`);
      }
      if (this.#now() >= deadline) {
        throw new Error(`The service ${name} did not become ${target} within ${Math.round(this.#waitTimeoutMs / 1000)} s (it is ${last}).`);
      }
      polls++;
      await this.#sleep(this.#pollMs, signal);
    }
  }
}
