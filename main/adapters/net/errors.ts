/**
 * Network errors in the vocabulary of the checks (NetFailure), plus the small timing helpers every
 * probe shares. Node reports failures as system error codes (ECONNREFUSED, ENOTFOUND, ...) and, with
 * autoSelectFamily, sometimes as an AggregateError whose first member carries the code.
 */
import type { NetFailure } from '../types.js';

/** A connection-level failure, already classified. `sysCode` keeps what Node said (e.g. "ECONNREFUSED"). */
export class NetError extends Error {
  readonly code: NetFailure;
  readonly sysCode: string | undefined;

  constructor(code: NetFailure, message: string, options: { sysCode?: string; cause?: unknown } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'NetError';
    this.code = code;
    this.sysCode = options.sysCode;
  }
}

/** Thrown by every waiting step when its AbortSignal fires; the caller knows why it aborted. */
export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

/** The system error code of an error (or of the first error inside an AggregateError). */
export function systemCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code !== '') return code;
  const inner = (err as { errors?: unknown }).errors;
  if (Array.isArray(inner)) {
    for (const e of inner) {
      const c = systemCode(e);
      if (c) return c;
    }
  }
  return undefined;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    if (err.message) return err.message;
    const inner = (err as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner[0] instanceof Error) return inner[0].message;
    return err.name;
  }
  return String(err);
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_|HOSTNAME_MISMATCH|EPROTO$)/;

/** Maps a Node error to a NetFailure. */
export function netFailureOf(err: unknown): NetFailure {
  if (err instanceof NetError) return err.code;
  const code = systemCode(err);
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ETIMEDOUT':
    case 'ETIMEOUT':
    case 'ESOCKETTIMEDOUT':
      return 'timeout';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return 'unreachable';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
    case 'EAI_FAIL':
    case 'ENODATA':
      return 'not-found';
    case 'ECONNRESET':
    case 'ECONNABORTED':
    case 'EPIPE':
      return 'reset';
    default:
      return code !== undefined && TLS_CODE.test(code) ? 'tls' : 'error';
  }
}

/** Wraps any error as a NetError (a NetError passes through). */
export function toNetError(err: unknown): NetError {
  if (err instanceof NetError) return err;
  const sysCode = systemCode(err);
  return new NetError(netFailureOf(err), errorMessage(err), { ...(sysCode ? { sysCode } : {}), cause: err });
}

/** Milliseconds since `start` (a performance.now() reading), rounded. */
export function since(start: number): number {
  return Math.max(0, Math.round(performance.now() - start));
}

/** "[::1]" → "::1"; names and IPv4 unchanged. */
export function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** "host:port", with brackets around IPv6 literals. */
export function hostPort(host: string, port: number): string {
  const bare = bareHost(host);
  return `${bare.includes(':') ? `[${bare}]` : bare}:${port}`;
}

/** Waits for `ms`, or rejects with AbortedError when the signal fires. Leaves no timer behind. */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortedError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Races a promise that cannot be cancelled against a time limit and a signal. The loser is ignored
 * (its eventual rejection is swallowed), and the timer is always cleared.
 */
export function raceLimit<T>(work: Promise<T>, ms: number, signal?: AbortSignal): Promise<{ done: true; value: T } | { done: false; why: 'timeout' | 'aborted' }> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      f();
    };
    const onAbort = (): void => finish(() => resolve({ done: false, why: 'aborted' }));
    const timer = setTimeout(() => finish(() => resolve({ done: false, why: 'timeout' })), Math.max(0, ms));
    if (signal?.aborted) {
      onAbort();
    } else {
      signal?.addEventListener('abort', onAbort, { once: true });
    }
    work.then(
      (value) => finish(() => resolve({ done: true, value })),
      (err: unknown) => finish(() => reject(err)),
    );
  });
}
