/**
 * The WSUS emulator: a real HTTP server on loopback that answers as a WSUS server's IIS sites do
 * (the WSUS site and, optionally, the port-80 site that older clients use for self-update), with
 * the faults a scenario describes. HTTP checks run against it unchanged, so a simulation exercises
 * the same code, sockets and timeouts as a real machine.
 *
 * Safety: listens on loopback only (unless told otherwise), bounds request headers and the number
 * of connections, discards request bodies, never throws on garbage, streams endless bodies with
 * backpressure, and close() destroys every open connection and timer.
 */
import { Buffer } from 'node:buffer';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { EmulatedServerSchema, type EmulatedServer, type Fault, type Site } from './server-spec.js';
import {
  BINARY_CONTENT_TYPE,
  baseHeaders,
  buildStaticContent,
  cabinetReply,
  errorReply,
  fallbackCabinet,
  garbageBytes,
  healthyReply,
  interceptionReply,
  methodNotAllowedReply,
  redirectReply,
  windowsAuthReply,
  type Reply,
} from './iis-content.js';

export interface EmulatorOptions {
  /** default 127.0.0.1; anything that is not a loopback address is refused unless allowNonLoopback */
  host?: string;
  /** 0 = any free port (the default) */
  wsusPort?: number;
  /** 0 = any free port (the default); ignored when spec.port80 is null */
  port80Port?: number;
  allowNonLoopback?: boolean;
  /** one line per request, IIS W3C-like: date time method path status substatus win32 time-taken */
  log?: (line: string) => void;
  /**
   * Decides a request's fault from live state (a simulated server's IIS configuration, which fixes
   * change): a Fault to apply, null for a healthy answer, undefined to use the spec's faults.
   */
  dynamicFault?: (request: DynamicFaultRequest) => Fault | null | undefined;
}

export interface DynamicFaultRequest {
  /** which of the emulator's sites was asked */
  site: 'wsus' | 'port80';
  /** canonical path, e.g. /selfupdate/wuident.cab */
  path: string;
  /** the Host header as sent ("127.0.0.1:8530", "localhost", "wsus01.corp.example"), or "" */
  host: string;
}

export interface RunningEmulator {
  host: string;
  wsusPort: number;
  port80Port: number | null;
  /** e.g. http://127.0.0.1:18530 */
  wsusUrl: string;
  /** requests received so far, both sites */
  requests: number;
  close(): Promise<void>;
}

/** http.sys's default MaxRequestBytes / MaxFieldLength. */
export const MAX_REQUEST_HEADER_BYTES = 16 * 1024;
const MAX_CONNECTIONS = 512;
/** The size of each write of an endless body. */
const HUGE_CHUNK = Buffer.alloc(64 * 1024, 0x5a);
/** What size-mismatch cabinets declare beyond the bytes they carry. */
const SIZE_MISMATCH_EXTRA = 4096;

// ---------------------------------------------------------------------------------------------
// Addresses and paths

/** true for 127.0.0.0/8, ::1, ::ffff:127.x.y.z and "localhost". */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  const version = isIP(h);
  if (version === 4) return h.startsWith('127.');
  if (version === 6) {
    let normalized: string;
    try {
      normalized = new URL(`http://[${h}]/`).hostname; // compresses zeros, maps ::ffff:a.b.c.d to hex
    } catch {
      return false;
    }
    return normalized === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(normalized);
  }
  return false;
}

/** "http://127.0.0.1:8530" or "http://[::1]:8530". */
export function emulatorUrl(host: string, port: number): string {
  const h = isIP(host) === 6 ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

/**
 * The path as IIS sees it after HTTP.sys canonicalization: absolute-form targets reduced to their
 * path, query removed, percent-escapes decoded, backslashes and repeated slashes made single
 * slashes, "." and ".." resolved. Null when the target is not a valid path (a 400).
 */
export function canonicalPath(target: string): { path: string; query: string } | null {
  let t = target;
  const absolute = /^https?:\/\/[^/?#]*/i.exec(t);
  if (absolute) t = t.slice(absolute[0].length) || '/';
  if (!t.startsWith('/')) return null;
  const hash = t.indexOf('#');
  if (hash >= 0) t = t.slice(0, hash);
  const q = t.indexOf('?');
  const query = q >= 0 ? t.slice(q + 1) : '';
  let raw = q >= 0 ? t.slice(0, q) : t;
  try {
    raw = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) return null;
  raw = raw.replace(/\\/g, '/');
  const segments: string[] = [];
  for (const s of raw.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (segments.length === 0) return null;
      segments.pop();
      continue;
    }
    segments.push(s);
  }
  const trailing = raw.endsWith('/') && segments.length > 0 ? '/' : '';
  return { path: `/${segments.join('/')}${trailing}`, query };
}

interface CompiledSite {
  all: Fault | undefined;
  /** longest first */
  paths: Array<{ prefix: string; fault: Fault }>;
}

function normalizeKey(key: string): string {
  let p = key.toLowerCase().replace(/\/{2,}/g, '/');
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

function compileSite(site: Site): CompiledSite {
  const paths = Object.entries(site.paths)
    .map(([key, fault]) => ({ prefix: normalizeKey(key), fault }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return { all: site.all, paths };
}

/**
 * The fault that applies to a path: the site-wide one when there is one, else the one with the
 * longest matching path prefix. Prefixes match whole segments, case-insensitively ("/selfupdate"
 * covers "/SelfUpdate/wuident.cab" but not "/selfupdate2").
 */
export function faultFor(site: Site, path: string): Fault | undefined {
  return findFault(compileSite(site), path);
}

function findFault(site: CompiledSite, path: string): Fault | undefined {
  if (site.all) return site.all;
  const p = path.toLowerCase();
  for (const { prefix, fault } of site.paths) {
    if (prefix === '/' || p === prefix || p.startsWith(`${prefix}/`)) return fault;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The server

interface LogEntry {
  method: string;
  path: string;
  status: number | undefined;
  subStatus: number;
  win32: number;
  /** the emulator cut the connection on purpose */
  abortedByUs: boolean;
  /** a raw response was written completely */
  completed: boolean;
  logged: boolean;
  started: number;
}

const noop = (): void => {};

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function w3cTime(d: Date): string {
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

function w3cField(s: string): string {
  return s === '' ? '-' : s.replace(/\s/g, '+');
}

/** Bytes outside printable ASCII percent-encoded, so a request target can go back into a header. */
function headerSafe(s: string): string {
  return s.replace(/[^\x21-\x7e]/g, (c) => `%${(c.charCodeAt(0) & 0xff).toString(16).toUpperCase().padStart(2, '0')}`);
}

const HOST_HEADER = /^(?:[A-Za-z0-9._~-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export async function startEmulator(spec: EmulatedServer, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  if (!options.allowNonLoopback && !isLoopbackHost(host))
    throw new Error(`The WSUS emulator listens on loopback only; refusing host "${host}" (use 127.0.0.1 or ::1).`);
  const parsed = EmulatedServerSchema.parse(spec);
  const content = buildStaticContent();
  const log = options.log;

  const sockets = new Set<Socket>();
  const busy = new WeakSet<Duplex>();
  const timers = new Set<NodeJS.Timeout>();
  let requests = 0;
  let closing = false;
  let closed = false;

  const writeLog = (e: LogEntry, win32?: number): void => {
    if (e.logged) return;
    e.logged = true;
    if (!log || closed) return;
    const ms = Math.round(performance.now() - e.started);
    const status = e.status === undefined ? '-' : String(e.status);
    const line = `${w3cTime(new Date())} ${w3cField(e.method)} ${w3cField(e.path)} ${status} ${e.subStatus} ${win32 ?? e.win32} ${ms}`;
    try {
      log(line);
    } catch {
      // a failing logger must not break the server
    }
  };

  const originOf = (req: IncomingMessage): string => {
    const h = req.headers.host;
    if (typeof h === 'string' && HOST_HEADER.test(h)) return `http://${h}`;
    const s = req.socket;
    return emulatorUrl(s.localAddress ?? host, s.localPort ?? 0);
  };

  const send = (req: IncomingMessage, res: ServerResponse, reply: Reply, entry: LogEntry): void => {
    entry.status = reply.status;
    entry.subStatus = reply.subStatus;
    entry.win32 = reply.win32;
    res.statusCode = reply.status;
    for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
    const bodyless = reply.status === 204 || reply.status === 304;
    if (!bodyless) res.setHeader('Content-Length', reply.body.length);
    if (req.method === 'HEAD' || bodyless) res.end();
    else res.end(reply.body);
  };

  /** Writes a response to the socket itself, one byte every intervalMs (status line and headers included). */
  const trickle = (req: IncomingMessage, reply: Reply, intervalMs: number, entry: LogEntry): void => {
    const socket = req.socket;
    entry.status = reply.status;
    const lines = [`HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? 'Unknown'}`];
    for (const [name, value] of Object.entries(reply.headers)) {
      for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${v}`);
    }
    lines.push(`Date: ${new Date().toUTCString()}`, `Content-Length: ${reply.body.length}`, 'Connection: close');
    const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
    const bytes = req.method === 'HEAD' ? head : Buffer.concat([head, reply.body]);
    let at = 0;
    let timer: NodeJS.Timeout | undefined;
    const stop = (): void => {
      if (timer) clearTimeout(timer);
      if (timer) timers.delete(timer);
      timer = undefined;
    };
    socket.once('close', stop);
    const step = (): void => {
      if (timer) timers.delete(timer);
      timer = undefined;
      if (closing || socket.destroyed || !socket.writable) return;
      socket.write(bytes.subarray(at, at + 1));
      at++;
      if (at >= bytes.length) {
        entry.completed = true;
        socket.end();
        return;
      }
      timer = setTimeout(step, intervalMs);
      timers.add(timer);
    };
    step();
  };

  const endless = (req: IncomingMessage, res: ServerResponse, entry: LogEntry): void => {
    entry.status = 200;
    res.statusCode = 200;
    for (const [name, value] of Object.entries(baseHeaders())) res.setHeader(name, value);
    res.setHeader('Content-Type', BINARY_CONTENT_TYPE);
    // no Content-Length: chunked, never ends
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    let stopped = false;
    res.once('close', () => {
      stopped = true;
    });
    const pump = (): void => {
      while (!stopped && !closing && !res.destroyed && res.writable) {
        if (!res.write(HUGE_CHUNK)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    pump();
  };

  const applyFault = (req: IncomingMessage, res: ServerResponse, fault: Fault, path: string, entry: LogEntry): void => {
    const socket = req.socket;
    const healthy = (): Reply => healthyReply(path, content, originOf(req));
    switch (fault.kind) {
      case 'status': {
        if (fault.status < 200) {
          // an interim response only: the client waits for a final one that never comes
          entry.status = fault.status;
          socket.write(`HTTP/1.1 ${fault.status} ${STATUS_CODES[fault.status] ?? 'Unknown'}\r\nServer: ${String(baseHeaders().Server)}\r\n\r\n`);
          return;
        }
        send(req, res, errorReply(fault.status, fault.subStatus ?? 0), entry);
        return;
      }
      case 'windows-auth':
        send(req, res, windowsAuthReply(), entry);
        return;
      case 'html':
        send(req, res, interceptionReply(fault.product, path), entry);
        return;
      case 'truncated-cab': {
        const reply = cabinetReply(fallbackCabinet(healthy(), content));
        if (req.method === 'HEAD') {
          send(req, res, reply, entry);
          return;
        }
        const cab = reply.body;
        entry.status = 200;
        entry.abortedByUs = true;
        res.statusCode = 200;
        for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
        res.setHeader('Content-Length', cab.length);
        res.write(cab.subarray(0, Math.floor(cab.length / 2)), () => socket.destroy());
        return;
      }
      case 'corrupt-cab': {
        const cab = fallbackCabinet(healthy(), content);
        if (fault.variant === 'bad-signature') {
          send(req, res, { status: 200, subStatus: 0, win32: 0, headers: { ...baseHeaders(), 'Content-Type': BINARY_CONTENT_TYPE }, body: garbageBytes(cab.length), cabinet: false }, entry);
          return;
        }
        const lying = Buffer.from(cab);
        lying.writeUInt32LE(cab.length + SIZE_MISMATCH_EXTRA, 8);
        send(req, res, cabinetReply(lying), entry);
        return;
      }
      case 'redirect-loop': {
        const target = req.url ?? '/';
        const location = /^https?:\/\//i.test(target) ? headerSafe(target) : `${originOf(req)}${headerSafe(target)}`;
        send(req, res, redirectReply(location, 302), entry);
        return;
      }
      case 'hang':
        return;
      case 'trickle': {
        const h = healthy();
        trickle(req, h.status === 200 ? h : cabinetReply(content.wuident), fault.intervalMs, entry);
        return;
      }
      case 'reset':
        entry.abortedByUs = true;
        if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
        else socket.destroy();
        return;
      case 'huge-body':
        endless(req, res, entry);
        return;
    }
  };

  const handle = (site: CompiledSite, label: 'wsus' | 'port80', req: IncomingMessage, res: ServerResponse): void => {
    requests++;
    req.on('error', noop);
    res.on('error', noop);
    req.resume(); // request bodies are read and thrown away
    const socket = req.socket;
    busy.add(socket);
    const method = req.method ?? '-';
    const target = canonicalPath(req.url ?? '');
    const entry: LogEntry = {
      method,
      path: target?.path ?? (req.url ?? '-'),
      status: undefined,
      subStatus: 0,
      win32: 0,
      abortedByUs: false,
      completed: false,
      logged: false,
      started: performance.now(),
    };
    res.once('finish', () => {
      busy.delete(socket);
      writeLog(entry);
    });
    res.once('close', () => {
      busy.delete(socket);
      writeLog(entry, entry.completed ? 0 : entry.abortedByUs ? 1236 : 64);
    });
    try {
      if (!target) {
        send(req, res, errorReply(400, 0), entry);
        return;
      }
      const hostHeader = typeof req.headers.host === 'string' && HOST_HEADER.test(req.headers.host) ? req.headers.host : '';
      const dynamic = options.dynamicFault?.({ site: label, path: target.path, host: hostHeader });
      const fault = dynamic === undefined ? findFault(site, target.path) : (dynamic ?? undefined);
      if (fault) {
        applyFault(req, res, fault, target.path, entry);
        return;
      }
      if (method !== 'GET' && method !== 'HEAD') {
        send(req, res, methodNotAllowedReply(), entry);
        return;
      }
      send(req, res, healthyReply(target.path, content, originOf(req)), entry);
    } catch {
      entry.abortedByUs = true;
      if (!res.headersSent && !socket.destroyed) {
        try {
          send(req, res, errorReply(500, 0), entry);
          return;
        } catch {
          // fall through
        }
      }
      socket.destroy();
    }
  };

  const onClientError = (err: NodeJS.ErrnoException, socket: Duplex): void => {
    const code = err.code ?? '';
    const parseError = code.startsWith('HPE_');
    const timeout = code === 'ERR_HTTP_REQUEST_TIMEOUT';
    if (!socket.writable || busy.has(socket) || !(parseError || timeout)) {
      socket.destroy();
      return;
    }
    const [status, title, message] =
      code === 'HPE_HEADER_OVERFLOW'
        ? [400, 'Bad Request - Request Too Long', 'HTTP Error 400. The size of the request headers is too long.']
        : timeout
          ? [408, 'Request Timeout', 'HTTP Error 408. The request timed out.']
          : [400, 'Bad Request', 'HTTP Error 400. The request is badly formed.'];
    const body = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n<HTML><HEAD><TITLE>${title}</TITLE>\r\n<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n<BODY><h2>${title}</h2>\r\n<hr><p>${message}</p>\r\n</BODY></HTML>\r\n`;
    const head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/html; charset=us-ascii\r\nServer: Microsoft-HTTPAPI/2.0\r\nDate: ${new Date().toUTCString()}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    try {
      socket.end(head + body);
      socket.once('finish', () => socket.destroy());
    } catch {
      socket.destroy();
    }
  };

  const makeServer = (site: Site, label: 'wsus' | 'port80'): Server => {
    const compiled = compileSite(site);
    const server = createServer({ maxHeaderSize: MAX_REQUEST_HEADER_BYTES, requestTimeout: 120_000, headersTimeout: 60_000 }, (req, res) =>
      handle(compiled, label, req, res),
    );
    server.maxHeadersCount = 200;
    server.maxConnections = MAX_CONNECTIONS;
    server.on('connection', (socket: Socket) => {
      if (closing) {
        socket.destroy();
        return;
      }
      sockets.add(socket);
      socket.on('error', noop);
      socket.once('close', () => sockets.delete(socket));
    });
    server.on('clientError', onClientError);
    return server;
  };

  const servers: Server[] = [];
  const stopServers = async (): Promise<void> => {
    closing = true;
    for (const t of timers) clearTimeout(t);
    timers.clear();
    const done = servers.map((s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve())));
    for (const s of sockets) s.destroy();
    sockets.clear();
    for (const s of servers) s.closeAllConnections();
    await Promise.all(done);
    closed = true;
  };

  const wsusServer = makeServer(parsed.wsus, 'wsus');
  servers.push(wsusServer);
  let wsusPort: number;
  let port80Port: number | null = null;
  try {
    wsusPort = await listen(wsusServer, options.wsusPort ?? 0, host, 'WSUS site');
    if (parsed.port80) {
      const port80Server = makeServer(parsed.port80, 'port80');
      servers.push(port80Server);
      port80Port = await listen(port80Server, options.port80Port ?? 0, host, 'port-80 site');
    }
  } catch (err) {
    await stopServers();
    throw err;
  }
  for (const s of servers) s.on('error', noop);

  let closingPromise: Promise<void> | undefined;
  return {
    host,
    wsusPort,
    port80Port,
    wsusUrl: emulatorUrl(host, wsusPort),
    get requests() {
      return requests;
    },
    close() {
      closingPromise ??= stopServers();
      return closingPromise;
    },
  };
}

function listen(server: Server, port: number, host: string, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const why =
        err.code === 'EADDRINUSE'
          ? `port ${port} is already in use`
          : err.code === 'EACCES'
            ? `no permission to listen on port ${port}`
            : err.code === 'EADDRNOTAVAIL'
              ? `address ${host} is not available on this machine`
              : err.message;
      reject(new Error(`The WSUS emulator cannot listen for the ${what} on ${host}:${port}: ${why}.`, { cause: err }));
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host, exclusive: true });
  });
}
