/**
 * Reads shared by several checks, done once per run. Checks run in parallel and ask for the same
 * registry keys; memoising the promise means one read however many checks ask.
 *
 * The network reads (name resolution, TCP connect, HTTP GET) are memoised the same way, so several
 * checks share one request: http.auth-mismatch and http.interception reuse the answer that
 * http.selfupdate got instead of asking the server again.
 */
import { noAnswer } from '../adapters/net/http-result.js';
import { findValue, KEYS, type RegKeySnapshot } from '../../shared/registry-types.js';
import { eraOf, parseWindowsVersion, type Era, type WindowsVersion } from '../../shared/os-era.js';
import type { Role } from '../../shared/status.js';
import { parseWsusUrl, type ParsedWsusUrl } from '../../shared/wsus-url.js';
import type {
  ElevationInfo,
  HttpResult,
  Machine,
  PingResult,
  ProbeLimits,
  ResolveResult,
  ServiceInfo,
  SystemInfo,
  TcpResult,
} from '../adapters/types.js';

export interface OsFacts extends SystemInfo {
  parsedVersion: WindowsVersion | null;
  era: Era | null;
}

// ---------------------------------------------------------------------------------------------
// Network limits: the one place the connect and total timeouts and the body bounds are set.

export interface NetLimits {
  /** time allowed to open a TCP connection (ms) */
  connectTimeoutMs: number;
  /** time allowed for a whole HTTP request, redirects included (ms) */
  totalTimeoutMs: number;
  /** time allowed for a name lookup (ms) */
  dnsTimeoutMs: number;
  /** time allowed for one ICMP echo (ms) */
  pingTimeoutMs: number;
  /** body bytes read from a cabinet (.cab, .bin): enough for the header and the size check */
  cabMaxBytes: number;
  /** body bytes read from any other page (.asmx help page, error pages) */
  pageMaxBytes: number;
  maxRedirects: number;
}

/** The limits before they are fitted into the engine's per-check timeout. */
export const NET_LIMITS: Readonly<NetLimits> = {
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 15_000,
  dnsTimeoutMs: 5_000,
  pingTimeoutMs: 4_000,
  cabMaxBytes: 256 * 1024,
  pageMaxBytes: 16 * 1024,
  maxRedirects: 5,
};

/** Mirrors DEFAULT_CHECK_TIMEOUT_MS in runner.ts (not imported: runner.ts imports this file). */
const DEFAULT_CHECK_BUDGET_MS = 30_000;
const MIN_TIMEOUT_MS = 250;

/**
 * Fits the limits inside one check's timeout. A network check makes at most two requests one after
 * the other (http.auth-mismatch: the shared answers, then the Content probe; or a shared request
 * cancelled by another check and started again), so a request may use half of the budget left after
 * a safety margin for the check's own work.
 */
export function netLimitsWithin(checkTimeoutMs: number, base: Readonly<NetLimits> = NET_LIMITS): NetLimits {
  const budget = Number.isFinite(checkTimeoutMs) && checkTimeoutMs > 0 ? checkTimeoutMs : DEFAULT_CHECK_BUDGET_MS;
  const margin = Math.min(2_000, Math.floor(budget / 5));
  const perRequest = Math.max(MIN_TIMEOUT_MS, Math.floor((budget - margin) / 2));
  const totalTimeoutMs = Math.min(base.totalTimeoutMs, perRequest);
  return {
    ...base,
    totalTimeoutMs,
    connectTimeoutMs: Math.min(base.connectTimeoutMs, totalTimeoutMs),
    dnsTimeoutMs: Math.min(base.dnsTimeoutMs, perRequest),
    pingTimeoutMs: Math.min(base.pingTimeoutMs, perRequest),
  };
}

/** How many body bytes a GET of this URL reads: cabinets get more room than pages. */
export function bodyLimitFor(url: string, limits: Readonly<NetLimits>): number {
  const path = url.replace(/[?#].*$/, '').toLowerCase();
  return /\.(cab|bin)$/.test(path) ? limits.cabMaxBytes : limits.pageMaxBytes;
}

// ---------------------------------------------------------------------------------------------
// The WSUS address under test

/** Why the client's own WUServer value could not be used. */
export type PolicyProblem = 'missing' | 'invalid' | 'unreadable';

export type WsusTarget =
  | {
      ok: true;
      parsed: ParsedWsusUrl;
      /** "policy": the client's WUServer value; "option": the address given to the tool */
      source: 'policy' | 'option';
      /** client role, source "option": what was wrong with WUServer */
      policyProblem?: PolicyProblem;
      /** client role, source "policy": the address given to the tool, when it differs from WUServer */
      ignoredOption?: string;
    }
  | { ok: false; policyProblem?: PolicyProblem };

/** A memoised value whose load may be cancelled by the check that started it. */
const CANCELLED: unique symbol = Symbol('cancelled');
type Shared<T> = Promise<T | typeof CANCELLED>;

export interface FactsOptions {
  /** the engine's per-check timeout, which the network limits must fit in (default 30 s) */
  checkTimeoutMs?: number;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

export class Facts {
  readonly #machine: Machine;
  readonly #cache = new Map<string, Promise<unknown>>();
  readonly #shared = new Map<string, Shared<unknown>>();
  /** The network limits every probe uses; the lead may tune NET_LIMITS or the check timeout. */
  readonly netLimits: Readonly<NetLimits>;

  constructor(machine: Machine, options: FactsOptions = {}) {
    this.#machine = machine;
    this.netLimits = Object.freeze(netLimitsWithin(options.checkTimeoutMs ?? DEFAULT_CHECK_BUDGET_MS));
  }

  #once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.#cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.#cache.set(key, p);
    }
    return p;
  }

  os(): Promise<OsFacts> {
    return this.#once('os', async () => {
      const info = await this.#machine.system.info();
      const parsedVersion = parseWindowsVersion(info.version);
      return { ...info, parsedVersion, era: parsedVersion ? eraOf(parsedVersion) : null };
    });
  }

  key(path: string): Promise<RegKeySnapshot | null> {
    return this.#once(`key:${path.toLowerCase()}`, () => this.#machine.registry.readKey(path));
  }

  service(name: string): Promise<ServiceInfo> {
    return this.#once(`service:${name.toLowerCase()}`, () => this.#machine.services.query(name));
  }

  elevation(): Promise<ElevationInfo> {
    return this.#once('elevation', () => this.#machine.elevation.check());
  }

  fileVersion(path: string): Promise<string | null> {
    return this.#once(`fileVersion:${path.toLowerCase()}`, () => this.#machine.files.fileVersion(path));
  }

  /**
   * The WSUS address the network and HTTP checks test. Remote role: the address given (--server).
   * Client role: the WUServer policy value when it is a valid address (that is what the agent uses),
   * otherwise the address given; with neither, none.
   */
  target(role: Role, given: string | undefined): Promise<WsusTarget> {
    return this.#once(`target:${role}:${given ?? ''}`, async (): Promise<WsusTarget> => {
      const option = given === undefined ? null : parseWsusUrl(given);
      const fromOption = (policyProblem?: PolicyProblem): WsusTarget => {
        if (option?.ok) return policyProblem ? { ok: true, parsed: option.value, source: 'option', policyProblem } : { ok: true, parsed: option.value, source: 'option' };
        return policyProblem ? { ok: false, policyProblem } : { ok: false };
      };
      if (role !== 'client') return fromOption();
      let key: RegKeySnapshot | null;
      try {
        key = await this.key(KEYS.wuPolicy);
      } catch {
        return fromOption('unreadable');
      }
      const found = findValue(key, 'WUServer');
      if (!found) return fromOption('missing');
      const v = found.value;
      const parsed = v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ' ? parseWsusUrl(v.data) : null;
      if (!parsed?.ok) return fromOption('invalid');
      const target: WsusTarget = { ok: true, parsed: parsed.value, source: 'policy' };
      if (option?.ok && option.value.url !== parsed.value.url) target.ignoredOption = option.value.url;
      return target;
    });
  }

  /**
   * One memoised network operation. The first caller's signal goes to the adapter; when that caller
   * is cancelled (its check timed out), the entry is dropped and a later caller starts its own.
   */
  async #net<T>(key: string, signal: AbortSignal | undefined, start: (signal?: AbortSignal) => Promise<T>, onError: (message: string) => T): Promise<T> {
    for (;;) {
      signal?.throwIfAborted();
      let entry = this.#shared.get(key) as Shared<T> | undefined;
      if (!entry) {
        const starter = signal;
        entry = (async (): Promise<T | typeof CANCELLED> => {
          try {
            const value = await start(starter);
            if (starter?.aborted) return CANCELLED;
            return typeof value === 'object' && value !== null ? value : onError('the network adapter returned no result');
          } catch (e) {
            return starter?.aborted ? CANCELLED : onError(errorText(e));
          }
        })();
        this.#shared.set(key, entry);
      }
      const value = await entry;
      if (value !== CANCELLED) return value;
      if (this.#shared.get(key) === entry) this.#shared.delete(key);
    }
  }

  #limits(signal: AbortSignal | undefined, timeoutMs: number): ProbeLimits {
    const limits: ProbeLimits = { connectTimeoutMs: Math.min(this.netLimits.connectTimeoutMs, timeoutMs), totalTimeoutMs: timeoutMs };
    if (signal) limits.signal = signal;
    return limits;
  }

  /** The machine's name resolution of a host (without IPv6 brackets). */
  resolve(host: string, signal?: AbortSignal): Promise<ResolveResult> {
    return this.#net(
      `resolve:${host.toLowerCase()}`,
      signal,
      (s) => this.#machine.network.resolve(host, this.#limits(s, this.netLimits.dnsTimeoutMs)),
      (message) => ({ ok: false, code: 'error', message, ms: 0 }),
    );
  }

  ping(host: string, signal?: AbortSignal): Promise<PingResult> {
    return this.#net(
      `ping:${host.toLowerCase()}`,
      signal,
      (s) => this.#machine.network.ping(host, this.#limits(s, this.netLimits.pingTimeoutMs)),
      (message) => ({ ok: false, message, ms: 0 }),
    );
  }

  tcp(host: string, port: number, signal?: AbortSignal): Promise<TcpResult> {
    return this.#net(
      `tcp:${host.toLowerCase()}:${port}`,
      signal,
      (s) => this.#machine.network.tcpConnect(host, port, this.#limits(s, this.netLimits.connectTimeoutMs)),
      (message) => ({ ok: false, code: 'error', message, ms: 0 }),
    );
  }

  /**
   * GET, shared by every check that asks for the same URL during the run. Never rejects except when
   * the caller itself is cancelled: an adapter that throws becomes outcome "error" with its message.
   */
  http(url: string, signal?: AbortSignal): Promise<HttpResult> {
    return this.#net(
      `http:${url}`,
      signal,
      (s) =>
        this.#machine.http.get(url, {
          ...this.#limits(s, this.netLimits.totalTimeoutMs),
          maxBodyBytes: bodyLimitFor(url, this.netLimits),
          maxRedirects: this.netLimits.maxRedirects,
        }),
      (message): HttpResult => noAnswer(url, message),
    );
  }

  /** The URLs fetched (or being fetched) so far in this run, in the order they were first asked for. */
  httpUrls(): string[] {
    return [...this.#shared.keys()].filter((k) => k.startsWith('http:')).map((k) => k.slice('http:'.length));
  }
}
