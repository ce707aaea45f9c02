/**
 * The HTTP probe: one GET the way the Windows Update agent sends it, every step bounded.
 *
 * - Connections go through a Dialer (so the simulated network can redirect them to the emulator);
 *   HTTPS is tls.connect over the dialed socket, so names, SNI and Host headers are the original ones.
 * - A connect timeout per connection (TCP, then the proxy tunnel and the TLS handshake each get the
 *   same allowance) and one total timeout over everything (redirects, slow bodies, hung servers).
 * - At most maxBodyBytes of a body are read; then the response is destroyed (memory stays flat).
 * - Redirects are followed and recorded; loops and long chains are reported as such.
 * - A WinHTTP-style proxy: absolute-URI requests for http, CONNECT tunnels for https.
 * - get() never throws, and leaves no socket or timer behind.
 */
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { bypassesProxy } from '../../../shared/winhttp-settings.js';
import type { HttpAdapter, HttpGetOptions, HttpHop, HttpOutcome, HttpResult, NetFailure, HttpRoute } from '../types.js';
import type { Dialer } from './dialer.js';
import { AbortedError, bareHost, errorMessage, hostPort, NetError, netFailureOf, since, systemCode, toNetError } from './errors.js';
import { noAnswer } from './http-result.js';

/** What the Windows Update agent sends. */
export const AGENT_USER_AGENT = 'Windows-Update-Agent/10.0.10011.16384 Client-Protocol/2.0';
export const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface ProxyEndpoint {
  host: string;
  port: number;
}

/** A proxy as WinHTTP applies it: one server for every scheme (host/port), or one per scheme. */
export interface HttpProxyConfig extends ProxyEndpoint {
  /** the bypass list ("<local>;*.corp.example"), matched with bypassesProxy */
  bypass: string;
  /**
   * From a per-scheme list such as "http=a:8080;https=b:8443": when present it decides, and a scheme
   * without an entry goes direct. host/port are then the first entry (for display).
   */
  byScheme?: { http: ProxyEndpoint | null; https: ProxyEndpoint | null };
  /** the proxy list as configured, for the route text (default "host:port") */
  list?: string;
}

/** Which certificate authorities HTTPS trusts. Default: Node.js's bundled list. */
export interface TlsTrust {
  ca?: string[];
  /** for messages, e.g. "the Windows certificate store and Node.js's bundled list" */
  description?: string;
}

export interface HttpAdapterOptions {
  dialer: Dialer;
  proxy?: HttpProxyConfig | null;
  /** overrides the route text (default "direct", or "proxy host:port (bypass: …)") */
  route?: string;
  tls?: TlsTrust;
}

/** "direct", or "<label> host:port (bypass: <list>)". */
export function describeRoute(proxy: HttpProxyConfig | null | undefined, label = 'proxy'): string {
  if (!proxy) return 'direct';
  const list = proxy.list ?? hostPort(proxy.host, proxy.port);
  return `${label} ${list} (${proxy.bypass.trim() ? `bypass: ${proxy.bypass.trim()}` : 'no bypass list'})`;
}

/** The proxy a request for `url` goes through, or null for a direct connection. */
export function proxyFor(proxy: HttpProxyConfig | null | undefined, url: URL): ProxyEndpoint | null {
  if (!proxy) return null;
  if (bypassesProxy(bareHost(url.hostname), proxy.bypass)) return null;
  if (proxy.byScheme) return url.protocol === 'https:' ? proxy.byScheme.https : proxy.byScheme.http;
  return { host: proxy.host, port: proxy.port };
}

// ---------------------------------------------------------------------------------------------

/** One get(): the total timer, the combined signal, and every socket opened (all destroyed at the end). */
class Run {
  readonly start = performance.now();
  readonly #controller = new AbortController();
  readonly signal = this.#controller.signal;
  why: 'timeout' | 'cancelled' | null = null;
  readonly #sockets = new Set<net.Socket>();
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #external: AbortSignal | undefined;
  readonly #onExternal = (): void => this.#abort('cancelled');

  constructor(readonly totalTimeoutMs: number, external: AbortSignal | undefined) {
    this.#timer = setTimeout(() => this.#abort('timeout'), Math.max(0, totalTimeoutMs));
    this.#external = external;
    if (external?.aborted) this.#abort('cancelled');
    else external?.addEventListener('abort', this.#onExternal, { once: true });
  }

  #abort(why: 'timeout' | 'cancelled'): void {
    if (this.why) return;
    this.why = why;
    this.#controller.abort();
  }

  remaining(): number {
    return Math.max(0, this.totalTimeoutMs - (performance.now() - this.start));
  }

  track(socket: net.Socket): void {
    this.#sockets.add(socket);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#external?.removeEventListener('abort', this.#onExternal);
    for (const s of this.#sockets) s.destroy();
    this.#sockets.clear();
  }
}

interface Leg {
  url: URL;
  host: string;
  port: number;
  https: boolean;
  proxy: ProxyEndpoint | null;
}

interface Reply {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: Uint8Array;
  bodyTruncated: boolean;
  contentLength?: number;
  incomplete?: boolean;
  location?: string;
}

type Once =
  | { kind: 'reply'; reply: Reply; connectMs: number; firstByteMs: number; note?: string }
  | { kind: 'failure'; outcome: HttpOutcome; message: string; reply?: Reply; connectMs?: number; firstByteMs?: number };

interface Settings {
  dialer: Dialer;
  trust: TlsTrust;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxBodyBytes: number;
}

function legFor(url: URL, proxy: HttpProxyConfig | null | undefined): Leg {
  const https = url.protocol === 'https:';
  return {
    url,
    host: bareHost(url.hostname),
    port: url.port ? Number(url.port) : https ? 443 : 80,
    https,
    proxy: proxyFor(proxy, url),
  };
}

/** Response headers with lower-case names; repeats joined with ", " (two WWW-Authenticate become one). */
export function headerMap(rawHeaders: readonly string[]): Record<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    const prev = map.get(name);
    map.set(name, prev === undefined ? value : `${prev}, ${value}`);
  }
  return Object.fromEntries(map);
}

function parseContentLength(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d{1,15}\s*$/.test(value)) return undefined;
  return Number(value);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const server = (leg: Leg): string => hostPort(leg.host, leg.port);
const proxyText = (p: ProxyEndpoint): string => hostPort(p.host, p.port);

/** Who sends the answer: the proxy for proxied http, else the server (through the tunnel, if any). */
function peer(leg: Leg): string {
  if (leg.proxy && !leg.https) return `the proxy ${proxyText(leg.proxy)}`;
  return leg.proxy ? `the server ${server(leg)} (through the proxy ${proxyText(leg.proxy)})` : `the server ${server(leg)}`;
}

type ConnectStage = 'connect' | 'tunnel' | 'tls';

function connectFailure(stage: ConnectStage, err: unknown, leg: Leg, run: Run, s: Settings, dialTimeoutMs: number): { outcome: HttpOutcome; message: string } {
  if (err instanceof AbortedError || run.why) {
    if (run.why === 'cancelled') return { outcome: 'error', message: 'The request was cancelled.' };
    const what =
      stage === 'connect'
        ? `Could not connect to ${leg.proxy ? `the proxy ${proxyText(leg.proxy)}` : server(leg)}`
        : stage === 'tunnel'
          ? `The proxy ${proxyText(leg.proxy!)} did not open a tunnel to ${server(leg)}`
          : `The TLS (HTTPS) handshake with ${server(leg)} did not complete`;
    return { outcome: 'timeout', message: `${what} within the ${s.totalTimeoutMs} ms allowed for the whole request.` };
  }
  const e = toNetError(err);
  const code: NetFailure = e.code;
  const sys = e.sysCode ? ` (${e.sysCode})` : '';
  if (stage === 'connect') {
    const target = leg.proxy ? `the proxy ${proxyText(leg.proxy)}` : server(leg);
    const name = leg.proxy ? leg.proxy.host : leg.host;
    switch (code) {
      case 'refused':
        return { outcome: code, message: `The connection to ${target} was refused${sys}: nothing listens on that port, or a firewall rejects the connection.` };
      case 'timeout':
        return {
          outcome: code,
          message: `Could not connect to ${target} within ${dialTimeoutMs} ms: no answer to the connection attempt (the host may be down, or a firewall drops the packets).`,
        };
      case 'unreachable':
        return { outcome: code, message: `${target} is unreachable${sys}: there is no route to that host or network.` };
      case 'not-found':
        return { outcome: code, message: `The name ${bareHost(name)}${leg.proxy ? ' (the proxy)' : ''} could not be resolved${sys}: no DNS record or hosts-file entry.` };
      case 'reset':
        return { outcome: code, message: `The connection to ${target} was reset while connecting${sys}.` };
      default:
        return { outcome: 'error', message: `Could not connect to ${target}: ${e.message}${sys}.` };
    }
  }
  if (stage === 'tunnel') {
    const p = proxyText(leg.proxy!);
    if (code === 'timeout') return { outcome: code, message: `The proxy ${p} did not answer the tunnel (CONNECT) request for ${server(leg)} within ${s.connectTimeoutMs} ms.` };
    if (code === 'reset') return { outcome: code, message: `The proxy ${p} closed the connection instead of answering the tunnel (CONNECT) request for ${server(leg)}${sys}.` };
    return { outcome: 'error', message: `The tunnel (CONNECT) request to the proxy ${p} for ${server(leg)} failed: ${e.message}${sys}.` };
  }
  // TLS
  if (code === 'timeout') return { outcome: code, message: `The TLS (HTTPS) handshake with ${server(leg)} did not complete within ${s.connectTimeoutMs} ms.` };
  if (code === 'reset') return { outcome: code, message: `${peer(leg)[0]!.toUpperCase()}${peer(leg).slice(1)} closed the connection during the TLS (HTTPS) handshake${sys}.` };
  const certProblem = e.sysCode !== undefined && /CERT|SELF_SIGNED|UNABLE_TO|DEPTH_ZERO|HOSTNAME|ALTNAME/.test(e.sysCode);
  const against = certProblem ? ` The certificate was checked against ${s.trust.description ?? "Node.js's bundled list of certificate authorities"}.` : '';
  return {
    outcome: 'tls',
    message: `The TLS (HTTPS) handshake with ${server(leg)} failed: ${e.message}${sys}. The update agent rejects such a connection too.${against}`,
  };
}

/** Opens a CONNECT tunnel through the proxy; a non-2xx answer comes back as the proxy's reply. */
function openTunnel(raw: net.Socket, leg: Leg, run: Run, timeoutMs: number): Promise<{ kind: 'open'; socket: net.Socket } | { kind: 'answered'; reply: Reply }> {
  return new Promise((resolve, reject) => {
    const authority = hostPort(leg.host, leg.port);
    let settled = false;
    const req = http.request({
      createConnection: () => raw,
      method: 'CONNECT',
      path: authority,
      setHost: false,
      headers: { Host: authority, 'User-Agent': AGENT_USER_AGENT },
    });
    const done = (err: Error | null, value?: { kind: 'open'; socket: net.Socket } | { kind: 'answered'; reply: Reply }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        raw.destroy();
        reject(err);
      } else resolve(value!);
    };
    const onAbort = (): void => done(new AbortedError());
    const timer = setTimeout(() => done(new NetError('timeout', `no answer to CONNECT within ${timeoutMs} ms`)), Math.max(0, timeoutMs));
    req.on('error', (err) => done(toNetError(err)));
    req.once('connect', (res: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        if (head.length > 0) socket.unshift(head);
        done(null, { kind: 'open', socket });
        return;
      }
      const headers = headerMap(res.rawHeaders);
      const contentLength = parseContentLength(headers['content-length']);
      const body = new Uint8Array(0);
      socket.destroy();
      done(null, {
        kind: 'answered',
        reply: {
          status,
          statusText: res.statusMessage ?? '',
          headers,
          body,
          bodyTruncated: (contentLength ?? 0) > 0,
          ...(contentLength !== undefined ? { contentLength } : {}),
        },
      });
    });
    if (run.signal.aborted) onAbort();
    else run.signal.addEventListener('abort', onAbort, { once: true });
    req.end();
  });
}

function handshake(raw: net.Socket, host: string, trust: TlsTrust, timeoutMs: number, run: Run): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const options: tls.ConnectionOptions = { socket: raw, host, rejectUnauthorized: true, ALPNProtocols: ['http/1.1'] };
    if (!net.isIP(host)) options.servername = host;
    if (trust.ca) options.ca = trust.ca;
    let settled = false;
    const socket = tls.connect(options);
    run.track(socket);
    const done = (err: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal.removeEventListener('abort', onAbort);
      socket.off('secureConnect', onSecure);
      socket.off('error', onError);
      socket.on('error', () => undefined);
      if (err) {
        socket.destroy();
        raw.destroy();
        reject(err);
      } else resolve(socket);
    };
    const onSecure = (): void => done(null);
    const onError = (err: Error): void => done(toNetError(err));
    const onAbort = (): void => done(new AbortedError());
    const timer = setTimeout(() => done(new NetError('timeout', `TLS handshake not complete within ${timeoutMs} ms`)), Math.max(0, timeoutMs));
    socket.once('secureConnect', onSecure);
    socket.on('error', onError);
    if (run.signal.aborted) onAbort();
    else run.signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Sends the GET on a ready connection and reads the answer within the limits. */
function exchange(socket: net.Socket, leg: Leg, run: Run, s: Settings, t0: number, connectMs: number): Promise<Once> {
  return new Promise<Once>((resolve) => {
    const baseline = socket.bytesRead;
    const viaHttpProxy = leg.proxy !== null && !leg.https;
    const path = viaHttpProxy ? `${leg.url.origin}${leg.url.pathname}${leg.url.search}` : `${leg.url.pathname}${leg.url.search}`;
    let settled = false;
    let res: http.IncomingMessage | undefined;
    let firstByteMs: number | undefined;
    let status = 0;
    let statusText = '';
    let headers: Record<string, string> = {};
    let contentLength: number | undefined;
    const chunks: Uint8Array[] = [];
    let received = 0;
    let truncated = false;

    const req = http.request({
      createConnection: () => socket,
      method: 'GET',
      path,
      setHost: false,
      headers: { Host: leg.url.host, 'User-Agent': AGENT_USER_AGENT, Accept: '*/*', Connection: 'close' },
    });

    const reply = (extra: Partial<Reply> = {}): Reply => ({
      status,
      statusText,
      headers,
      body: concat(chunks, received),
      bodyTruncated: truncated,
      ...(contentLength !== undefined ? { contentLength } : {}),
      ...extra,
    });

    const finish = (once: Once): void => {
      if (settled) return;
      settled = true;
      run.signal.removeEventListener('abort', onAbort);
      res?.destroy();
      req.destroy();
      socket.destroy();
      resolve(once);
    };

    const finishReply = (how: 'end' | 'limit' | 'closed'): void => {
      if (settled) return;
      const extra: Partial<Reply> = {};
      if (how === 'closed' && !res?.complete) extra.incomplete = true;
      if (how === 'end' && contentLength !== undefined && received < contentLength && !truncated) extra.incomplete = true;
      finish({ kind: 'reply', reply: reply(extra), connectMs, firstByteMs: firstByteMs ?? since(t0) });
    };

    const onAbort = (): void => {
      if (run.why === 'cancelled') {
        finish({ kind: 'failure', outcome: 'error', message: 'The request was cancelled.', connectMs, ...(res ? { reply: reply(), firstByteMs: firstByteMs! } : {}) });
        return;
      }
      const ms = s.totalTimeoutMs;
      if (res) {
        finish({
          kind: 'failure',
          outcome: 'timeout',
          message: `${cap(peer(leg))} answered (${status}${statusText ? ` ${statusText}` : ''}) but the body was still arriving after ${ms} ms (${received} bytes received): it sends very slowly.`,
          reply: reply(),
          connectMs,
          firstByteMs: firstByteMs!,
        });
        return;
      }
      const gotBytes = socket.bytesRead > baseline;
      finish({
        kind: 'failure',
        outcome: 'timeout',
        message: gotBytes
          ? `${cap(peer(leg))} started to answer but had not sent complete response headers within ${ms} ms (it answers very slowly).`
          : `No answer within ${ms} ms after the connection was made (${peer(leg)} accepted the connection but never replied).`,
        connectMs,
      });
    };

    req.on('error', (err: Error) => {
      if (settled) return;
      if (res) {
        finishReply('closed');
        return;
      }
      if (run.why) {
        onAbort();
        return;
      }
      const code = systemCode(err);
      const failure = netFailureOf(err);
      let message: string;
      if (code === 'ECONNRESET' && /hang up/i.test(err.message)) {
        message = `${cap(peer(leg))} closed the connection without answering (after the request was sent).`;
      } else if (failure === 'reset') {
        message = `${cap(peer(leg))} reset the connection without answering (after the request was sent)${code ? ` (${code})` : ''}.`;
      } else if (code?.startsWith('HPE_')) {
        message = `The answer from ${peer(leg)} is not valid HTTP: ${errorMessage(err)} (${code}).`;
      } else {
        message = `The request to ${peer(leg)} failed after the connection was made: ${errorMessage(err)}${code ? ` (${code})` : ''}.`;
      }
      finish({ kind: 'failure', outcome: failure === 'reset' ? 'reset' : failure === 'tls' ? 'tls' : 'error', message, connectMs });
    });

    req.on('response', (r: http.IncomingMessage) => {
      if (settled) {
        r.destroy();
        return;
      }
      res = r;
      firstByteMs = since(t0);
      status = r.statusCode ?? 0;
      statusText = r.statusMessage ?? '';
      headers = headerMap(r.rawHeaders);
      contentLength = parseContentLength(headers['content-length']);
      r.on('error', () => undefined);
      if (REDIRECT_STATUSES.has(status) && headers.location !== undefined) {
        finish({ kind: 'reply', reply: reply({ location: headers.location }), connectMs, firstByteMs });
        return;
      }
      if (contentLength !== undefined && contentLength > s.maxBodyBytes) {
        truncated = true;
        if (s.maxBodyBytes === 0) {
          finishReply('limit');
          return;
        }
      }
      r.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = s.maxBodyBytes - received;
        if (chunk.length > room) {
          if (room > 0) {
            chunks.push(chunk.subarray(0, room));
            received += room;
          }
          truncated = true;
          finishReply('limit');
          return;
        }
        chunks.push(chunk);
        received += chunk.length;
        if (received === s.maxBodyBytes && !r.complete) {
          if (contentLength !== undefined) {
            // Announced more than we read: stop now. Announced exactly this: the end is imminent.
            if (contentLength > received) finishReply('limit');
          } else {
            // No length: whether more follows is known once the parser has seen the rest of this read.
            setImmediate(() => {
              if (settled) return;
              if (!r.complete) truncated = true;
              finishReply(r.complete ? 'end' : 'limit');
            });
          }
        }
      });
      r.on('end', () => finishReply('end'));
      r.on('close', () => finishReply('closed'));
    });

    if (run.signal.aborted) onAbort();
    else run.signal.addEventListener('abort', onAbort, { once: true });
    req.end();
  });
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

async function fetchOnce(leg: Leg, run: Run, s: Settings): Promise<Once> {
  const t0 = performance.now();
  let stage: ConnectStage = 'connect';
  const dialTimeoutMs = Math.max(1, Math.min(s.connectTimeoutMs, Math.ceil(run.remaining())));
  let socket: net.Socket;
  try {
    const target = leg.proxy ?? { host: leg.host, port: leg.port };
    socket = await s.dialer(target.host, target.port, { timeoutMs: dialTimeoutMs, signal: run.signal });
    run.track(socket);
    if (leg.proxy && leg.https) {
      stage = 'tunnel';
      const tunnel = await openTunnel(socket, leg, run, s.connectTimeoutMs);
      if (tunnel.kind === 'answered') {
        return {
          kind: 'reply',
          reply: tunnel.reply,
          connectMs: since(t0),
          firstByteMs: since(t0),
          note: `The proxy ${proxyText(leg.proxy)} answered the tunnel (CONNECT) request for ${server(leg)} itself with ${tunnel.reply.status}${tunnel.reply.statusText ? ` ${tunnel.reply.statusText}` : ''}; the request never reached the server.`,
        };
      }
      socket = tunnel.socket;
      run.track(socket);
    }
    if (leg.https) {
      stage = 'tls';
      socket = await handshake(socket, leg.host, s.trust, s.connectTimeoutMs, run);
    }
  } catch (err) {
    return { kind: 'failure', ...connectFailure(stage, err, leg, run, s, dialTimeoutMs) };
  }
  return exchange(socket, leg, run, s, t0, since(t0));
}

/** The URL without its fragment: what "the same URL" means for loop detection. */
function urlKey(u: URL): string {
  const copy = new URL(u.href);
  copy.hash = '';
  return copy.href;
}

async function runGet(url: string, options: HttpGetOptions, base: HttpAdapterOptions, run: Run): Promise<HttpResult> {
  const hops: HttpHop[] = [];
  const empty = (outcome: HttpOutcome, message: string): HttpResult => ({
    url,
    finalUrl: url,
    outcome,
    hops,
    headers: {},
    body: new Uint8Array(0),
    bodyTruncated: false,
    timings: { totalMs: since(run.start) },
    message,
  });
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return empty('error', `"${url}" is not a valid URL.`);
  }
  if (current.protocol !== 'http:' && current.protocol !== 'https:') return empty('error', `Only http and https URLs can be fetched, not ${current.protocol}.`);

  const settings: Settings = {
    dialer: base.dialer,
    trust: base.tls ?? {},
    connectTimeoutMs: Math.max(1, options.connectTimeoutMs),
    totalTimeoutMs: options.totalTimeoutMs,
    maxBodyBytes: Math.max(0, Math.floor(options.maxBodyBytes)),
  };
  const maxRedirects = Math.max(0, options.maxRedirects ?? DEFAULT_MAX_REDIRECTS);
  const visited = new Set([urlKey(current)]);

  for (;;) {
    const leg = legFor(current, base.proxy);
    const once = await fetchOnce(leg, run, settings);
    const common = {
      url,
      finalUrl: current.href,
      hops,
      ...(leg.proxy ? { proxy: proxyText(leg.proxy) } : {}),
    };
    const fromReply = (r: Reply | undefined): Partial<HttpResult> & Pick<HttpResult, 'headers' | 'body' | 'bodyTruncated'> =>
      r
        ? {
            status: r.status,
            statusText: r.statusText,
            headers: r.headers,
            body: r.body,
            bodyTruncated: r.bodyTruncated,
            ...(r.contentLength !== undefined ? { contentLength: r.contentLength } : {}),
            ...(r.incomplete ? { incomplete: true } : {}),
          }
        : { headers: {}, body: new Uint8Array(0), bodyTruncated: false };
    const timings = (): HttpResult['timings'] => ({
      ...(once.connectMs !== undefined ? { connectMs: once.connectMs } : {}),
      ...(once.firstByteMs !== undefined ? { firstByteMs: once.firstByteMs } : {}),
      totalMs: since(run.start),
    });

    if (once.kind === 'failure') {
      return { ...common, outcome: once.outcome, ...fromReply(once.reply), timings: timings(), message: once.message };
    }
    const reply = once.reply;
    if (reply.location === undefined) {
      return { ...common, outcome: 'response', ...fromReply(reply), timings: timings(), ...(once.note ? { message: once.note } : {}) };
    }

    hops.push({ url: current.href, status: reply.status, location: reply.location });
    const redirected = (outcome: HttpOutcome, message: string): HttpResult => ({
      ...common,
      outcome,
      ...fromReply(reply),
      timings: timings(),
      message,
    });
    let next: URL;
    try {
      next = new URL(reply.location, current);
    } catch {
      return redirected('error', `${current.href} redirects (${reply.status}) to "${reply.location}", which is not a valid address.`);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      return redirected('error', `${current.href} redirects (${reply.status}) to ${next.href}: only http and https redirects are followed.`);
    }
    if (visited.has(urlKey(next))) {
      return redirected('redirect-loop', `The server redirects in a loop: ${current.href} sends the client back to ${next.href}, which was already visited (${hops.length} redirect${hops.length === 1 ? '' : 's'}).`);
    }
    if (hops.length > maxRedirects) {
      return redirected('too-many-redirects', `More than ${maxRedirects} redirects: gave up at ${current.href}, which redirects to ${next.href}.`);
    }
    visited.add(urlKey(next));
    current = next;
  }
}

/** The HTTP adapter over a dialer (direct, or through a proxy). */
export function createHttpAdapter(options: HttpAdapterOptions): HttpAdapter {
  const route = options.route ?? describeRoute(options.proxy);
  return {
    route,
    async routeFor(url: string): Promise<HttpRoute> {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return { proxy: null, description: route };
      }
      const p = proxyFor(options.proxy, parsed);
      return { proxy: p ? `${p.host}:${p.port}` : null, description: route };
    },
    async get(url: string, getOptions: HttpGetOptions): Promise<HttpResult> {
      const run = new Run(getOptions.totalTimeoutMs, getOptions.signal);
      try {
        return await runGet(url, getOptions, options, run);
      } catch (err) {
        return noAnswer(url, `The HTTP probe failed unexpectedly: ${errorMessage(err)}`, since(run.start));
      } finally {
        run.dispose();
      }
    },
  };
}
