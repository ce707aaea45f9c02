/**
 * The machine's own network probes: name resolution (the OS resolver, as the update agent uses it),
 * ICMP echo through the `ping` package, and a TCP connect through a Dialer. Every call is bounded by
 * the caller's limits and never throws.
 */
import { promises as dns } from 'node:dns';
import net from 'node:net';
import type { NetFailure, NetworkAdapter, PingResult, ProbeLimits, ResolveResult, TcpResult } from '../types.js';
import type { Dialer } from './dialer.js';
import { AbortedError, bareHost, errorMessage, hostPort, NetError, raceLimit, since, systemCode } from './errors.js';

export interface LookupAddress {
  address: string;
  family: number;
}

/** dns.promises.lookup(host, { all: true }) or a stand-in. */
export type Lookup = (host: string) => Promise<LookupAddress[]>;

/**
 * One ICMP probe. The result is whatever the implementation returns (the `ping` package returns
 * `{ alive, time, ... }`); it is read defensively.
 */
export type PingProbe = (address: string, config: { timeout: number; min_reply: number }) => Promise<unknown>;

export interface NetworkAdapterOptions {
  dialer: Dialer;
  lookup?: Lookup;
  /** the ICMP implementation (default: the `ping` package, loaded on first use) */
  ping?: PingProbe;
  /** how to load it when `ping` is not given (default: dynamic import of the `ping` package) */
  loadPing?: () => Promise<PingProbe>;
}

export const systemLookup: Lookup = (host) => dns.lookup(host, { all: true, verbatim: true });

/** Loads `ping` (danielzzz/node-ping). Works with both the ESM-interop shape and a bundled CJS module. */
export async function loadPingPackage(): Promise<PingProbe> {
  const mod: unknown = await import('ping');
  const candidates = [(mod as { default?: unknown }).default, mod];
  for (const c of candidates) {
    const probe = (c as { promise?: { probe?: unknown } } | undefined)?.promise?.probe;
    if (typeof probe === 'function') {
      return (address, config) => (probe as (a: string, c: object) => Promise<unknown>)(address, config);
    }
  }
  throw new Error('the ping package has no promise.probe function');
}

/** The message for a failed lookup, by Node's error code. */
function lookupFailure(host: string, err: unknown): { code: 'not-found' | 'error'; message: string } {
  const code = systemCode(err);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
    case 'ENODATA':
      return { code: 'not-found', message: `The name ${host} could not be resolved: no DNS record or hosts-file entry (${code}).` };
    case 'EAI_AGAIN':
      return {
        code: 'not-found',
        message: `The name ${host} could not be resolved: temporary failure, the DNS server did not answer (EAI_AGAIN).`,
      };
    default:
      return { code: 'error', message: `Looking up ${host} failed: ${errorMessage(err)}${code ? ` (${code})` : ''}.` };
  }
}

/** Resolves a name through `lookup`, raced against the total timeout (a lookup cannot be cancelled). */
export async function resolveWith(lookup: Lookup, host: string, limits: ProbeLimits): Promise<ResolveResult> {
  const start = performance.now();
  const bare = bareHost(host.trim());
  if (net.isIP(bare)) return { ok: true, addresses: [bare], ms: since(start) };
  if (bare === '') return { ok: false, code: 'error', message: 'No host name was given.', ms: since(start) };
  try {
    const raced = await raceLimit(
      Promise.resolve().then(() => lookup(bare)),
      limits.totalTimeoutMs,
      limits.signal,
    );
    if (!raced.done) {
      return raced.why === 'timeout'
        ? {
            ok: false,
            code: 'timeout',
            message: `No answer from name resolution for ${bare} within ${limits.totalTimeoutMs} ms (the DNS server may be unreachable or slow).`,
            ms: since(start),
          }
        : { ok: false, code: 'error', message: 'The lookup was cancelled.', ms: since(start) };
    }
    const addresses = [...new Set((Array.isArray(raced.value) ? raced.value : []).map((a) => a?.address).filter((a): a is string => typeof a === 'string' && a !== ''))];
    if (addresses.length === 0) {
      return { ok: false, code: 'not-found', message: `The name ${bare} resolved to no address.`, ms: since(start) };
    }
    return { ok: true, addresses, ms: since(start) };
  } catch (err) {
    return { ok: false, ...lookupFailure(bare, err), ms: since(start) };
  }
}

/** Reads the `ping` package's result defensively: only `alive` and a numeric `time` are trusted. */
export function interpretPingResult(raw: unknown): { alive: boolean; timeMs?: number } | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const alive = (raw as { alive?: unknown }).alive;
  if (typeof alive !== 'boolean') return null;
  const time = (raw as { time?: unknown }).time;
  let timeMs: number | undefined;
  if (typeof time === 'number' && Number.isFinite(time) && time >= 0) timeMs = time;
  else if (typeof time === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(time)) timeMs = Number(time);
  return alive && timeMs !== undefined ? { alive, timeMs } : { alive };
}

/** The seconds to give ping.exe / ping(8) to wait for the reply: the connect timeout, at least 1 s. */
export function pingTimeoutSeconds(limits: ProbeLimits): number {
  return Math.max(1, Math.floor(limits.connectTimeoutMs / 1000));
}

export function createNetworkAdapter(options: NetworkAdapterOptions): NetworkAdapter {
  const lookup = options.lookup ?? systemLookup;
  let pingLoaded: Promise<PingProbe> | undefined = options.ping ? Promise.resolve(options.ping) : undefined;
  const loadPing = options.loadPing ?? loadPingPackage;

  async function ping(host: string, limits: ProbeLimits): Promise<PingResult> {
    const start = performance.now();
    let probe: PingProbe;
    try {
      pingLoaded ??= loadPing();
      probe = await pingLoaded;
    } catch (err) {
      return { ok: false, message: `ping unavailable: ${errorMessage(err)}`, ms: since(start) };
    }
    // Resolve first (the same resolver as net.dns), so the ping package only ever sees an address:
    // its host/numeric_host parsing breaks on localized Windows output.
    const resolved = await resolveWith(lookup, host, limits);
    if (!resolved.ok) return { ok: false, message: resolved.message, ms: since(start) };
    const address = resolved.addresses.find((a) => net.isIPv4(a)) ?? resolved.addresses[0]!;
    const remaining = Math.max(1, limits.totalTimeoutMs - since(start));
    try {
      const raced = await raceLimit(
        Promise.resolve().then(() => probe(address, { timeout: pingTimeoutSeconds(limits), min_reply: 1 })),
        remaining,
        limits.signal,
      );
      if (!raced.done) {
        return {
          ok: false,
          message: raced.why === 'timeout' ? `ping ${address} gave no result within ${limits.totalTimeoutMs} ms.` : 'The ping was cancelled.',
          ms: since(start),
        };
      }
      const read = interpretPingResult(raced.value);
      if (!read) return { ok: false, message: `ping ${address} returned a result that could not be read.`, ms: since(start) };
      return { ok: true, alive: read.alive, ...(read.timeMs !== undefined ? { timeMs: read.timeMs } : {}), ms: since(start) };
    } catch (err) {
      return { ok: false, message: `ping ${address} could not run: ${errorMessage(err)}`, ms: since(start) };
    }
  }

  async function tcpConnect(host: string, port: number, limits: ProbeLimits): Promise<TcpResult> {
    const start = performance.now();
    const timeoutMs = Math.min(limits.connectTimeoutMs, limits.totalTimeoutMs);
    try {
      const socket = await options.dialer(host, port, {
        timeoutMs,
        ...(limits.signal ? { signal: limits.signal } : {}),
      });
      const address = socket.remoteAddress ?? bareHost(host);
      socket.destroy();
      return { ok: true, address, port, ms: since(start) };
    } catch (err) {
      return { ...tcpFailure(host, port, timeoutMs, err), ms: since(start) };
    }
  }

  return {
    resolve: (host, limits) => resolveWith(lookup, host, limits),
    ping,
    tcpConnect,
  };
}

/** Plain-English text for a failed TCP connect. */
export function tcpFailure(host: string, port: number, timeoutMs: number, err: unknown): { ok: false; code: NetFailure; message: string } {
  const where = hostPort(host, port);
  if (err instanceof AbortedError) return { ok: false, code: 'error', message: `The connection to ${where} was cancelled.` };
  const e = err instanceof NetError ? err : null;
  const code = e?.code ?? 'error';
  const detail = e?.sysCode ? ` (${e.sysCode})` : '';
  switch (code) {
    case 'refused':
      return { ok: false, code, message: `The connection to ${where} was refused${detail}: nothing listens on that port, or a firewall rejects the connection.` };
    case 'timeout':
      return { ok: false, code, message: `Could not connect to ${where} within ${timeoutMs} ms: no answer to the connection attempt (the host may be down, or a firewall drops the packets).` };
    case 'unreachable':
      return { ok: false, code, message: `${where} is unreachable${detail}: there is no route to that host or network.` };
    case 'not-found':
      return { ok: false, code, message: `The name ${bareHost(host)} could not be resolved${detail}.` };
    case 'reset':
      return { ok: false, code, message: `The connection to ${where} was reset while connecting${detail}.` };
    default:
      return { ok: false, code, message: `Could not connect to ${where}: ${errorMessage(err)}${detail}.` };
  }
}
