/**
 * The web harness: serves the built renderer and the DoctorApi over HTTP on 127.0.0.1, so the real
 * renderer can be driven in a browser (Chromium in the e2e tests) where the desktop shell cannot run.
 *
 * Every API call goes through dispatch(); the only other service call is renderReport, because a
 * browser saves a report by downloading it. Calls need the per-run token (in the printed URL's
 * fragment, never sent to the server by the browser on its own), JSON, and no foreign Origin.
 *
 * HTTP statuses: a request the harness refuses before the API sees it gets 4xx (401 token, 403
 * origin/host, 405, 408, 413, 415, 400 unreadable body) with `{ok: false, error}`. Once it reaches
 * the API, the answer is 200 with the envelope, `{ok: false, error}` included: an API error is part
 * of the wizard's flow (and a 4xx would log a console error in the browser for each one).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { realpath, readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ApiError, type ApiErrorShape, type ProgressEvent } from '../../shared/api.js';
import { API_SCHEMAS } from '../../shared/api-schemas.js';
import type { L10n } from '../../shared/text.js';
import { dispatch, type DispatchContext, type DispatchResult } from '../app/api-dispatch.js';
import type { DoctorService } from '../app/doctor-service.js';

export interface HarnessOptions {
  service: DoctorService;
  /** the built renderer (dist/renderer): index.html and its assets */
  staticDir: string;
  host?: '127.0.0.1';
  /** 0 (the default) picks a free port */
  port?: number;
  /** default: 32 random bytes, base64url */
  token?: string;
  /** how long a client may take to send a request's body (default 15 s) */
  requestTimeoutMs?: number;
}

export interface Harness {
  /** http://127.0.0.1:PORT/#token=TOKEN */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** The policy of the renderer's index.html, sent as a header with everything the harness serves. */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const MAX_BODY_BYTES = 64 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': RENDERER_CSP,
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,256}$/;

const MESSAGES = {
  unauthorized: {
    en: 'Missing or wrong access token: open the address that `npm run web` printed.',
    ja: 'アクセス トークンがないか、正しくありません。`npm run web` が表示したアドレスを開いてください。',
  },
  foreign: {
    en: 'Requests from other sites or addresses are refused: open the address that `npm run web` printed.',
    ja: 'ほかのサイトやアドレスからの要求は拒否されます。`npm run web` が表示したアドレスを開いてください。',
  },
  tooLarge: { en: 'The request is too large.', ja: '要求が大きすぎます。' },
  notJson: { en: 'The request must be JSON (Content-Type: application/json).', ja: '要求は JSON (Content-Type: application/json) である必要があります。' },
  malformed: { en: 'The request body is not valid JSON of the form {"args": [...]}.', ja: '要求の本文が {"args": [...]} の形式の正しい JSON ではありません。' },
  method: { en: 'Use POST for the API.', ja: 'API には POST を使ってください。' },
  timeout: { en: 'The request took too long to arrive.', ja: '要求の受信に時間がかかりすぎました。' },
  saveInBrowser: {
    en: 'In the browser a report is downloaded: the page asks for it with renderReport.',
    ja: 'ブラウザーではレポートはダウンロードされます。ページは renderReport で要求します。',
  },
  internal: { en: 'The web harness failed to answer this request.', ja: 'Web ハーネスはこの要求に応答できませんでした。' },
} satisfies Record<string, L10n>;

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly shape: ApiErrorShape,
  ) {
    super(shape.message.en);
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time comparison, whatever the lengths (both sides are hashed first). */
function sameToken(given: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(given), expected);
}

function writeHead(res: ServerResponse, status: number, headers: Record<string, string>): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers });
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  writeHead(res, status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), ...extra });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  writeHead(res, status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), ...extra });
  res.end(text);
}

function sendFailure(res: ServerResponse, f: HttpFailure, extra: Record<string, string> = {}): void {
  sendJson(res, f.status, { ok: false, error: f.shape }, extra);
}

function badInput(detail: string): ApiErrorShape {
  return { code: 'bad-input', message: { en: `The request was not valid: ${detail}`, ja: `要求が正しくありません: ${detail}` } };
}

function readBody(req: IncomingMessage, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      reject(new HttpFailure(413, { code: 'bad-input', message: MESSAGES.tooLarge }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => finish(new HttpFailure(408, { code: 'bad-input', message: MESSAGES.timeout })), timeoutMs);
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      if (error) reject(error);
      else resolveBody(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) finish(new HttpFailure(413, { code: 'bad-input', message: MESSAGES.tooLarge }));
      else chunks.push(chunk);
    };
    const onEnd = (): void => finish();
    const onError = (e: Error): void => finish(e);
    const onAborted = (): void => finish(new Error('the client went away'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
}

function parseArgs(body: Buffer): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpFailure(400, { code: 'bad-input', message: MESSAGES.malformed });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !Array.isArray((data as { args?: unknown }).args)) {
    throw new HttpFailure(400, { code: 'bad-input', message: MESSAGES.malformed });
  }
  return (data as { args: unknown[] }).args;
}

function isJsonContentType(value: string | undefined): boolean {
  return (value ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const host = opts.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('The web harness listens on 127.0.0.1 only.');
  const token = opts.token ?? randomBytes(32).toString('base64url');
  if (!TOKEN_PATTERN.test(token)) throw new Error('The token must be 16 to 256 characters of A-Z a-z 0-9 _ -.');
  const tokenDigest = digest(token);
  const service = opts.service;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 15_000;
  const staticRoot = await realpath(resolve(opts.staticDir));
  let port = 0;
  let closing: Promise<void> | undefined;

  const ctx = (onProgress?: (event: ProgressEvent) => void): DispatchContext => ({
    ...(onProgress ? { onProgress } : {}),
    saveReport: () => Promise.reject(new ApiError('unavailable', MESSAGES.saveInBrowser)),
  });

  const foreign = (): HttpFailure => new HttpFailure(403, { code: 'not-allowed', message: MESSAGES.foreign });

  /** Every request must name this harness as its host: a page on another name (DNS rebinding) gets nothing. */
  function checkHost(req: IncomingMessage): void {
    if (req.headers.host !== `127.0.0.1:${port}`) throw foreign();
  }

  /** API calls come from the harness's own pages only: no foreign Origin, no cross-site fetch. */
  function checkOrigin(req: IncomingMessage): void {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}`) throw foreign();
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') throw foreign();
  }

  function checkToken(req: IncomingMessage): void {
    const match = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '');
    if (!match || !sameToken(match[1]!, tokenDigest)) {
      throw new HttpFailure(401, { code: 'not-allowed', message: MESSAGES.unauthorized });
    }
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET') {
      sendText(res, 405, 'Method not allowed\n', { Allow: 'GET' });
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      sendText(res, 400, 'Bad request\n');
      return;
    }
    if (decoded === '/') decoded = '/index.html';
    const segments = decoded.split(/[/\\]+/).filter((s) => s !== '');
    // No parent or hidden segments, no NUL, no drive letters: only plain relative names below staticDir.
    if (segments.length === 0 || segments.some((s) => s.startsWith('.') || s.includes('\0') || s.includes(':'))) {
      sendText(res, 404, 'Not found\n');
      return;
    }
    const candidate = resolve(staticRoot, ...segments);
    const inside = (p: string): boolean => {
      const rel = relative(staticRoot, p);
      return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
    };
    let file: string;
    try {
      if (!inside(candidate)) throw new Error('outside');
      file = await realpath(candidate);
      if (!inside(file) || !(await stat(file)).isFile()) throw new Error('not a file');
    } catch {
      // Browsers ask for /favicon.ico on their own; without one, "no content" keeps their console clean.
      if (decoded === '/favicon.ico') {
        writeHead(res, 204, {});
        res.end();
      } else sendText(res, 404, 'Not found\n');
      return;
    }
    const body = await readFile(file);
    if (res.destroyed) return;
    writeHead(res, 200, {
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(body.length),
    });
    res.end(body);
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') throw new HttpFailure(405, { code: 'bad-input', message: MESSAGES.method });
    checkOrigin(req);
    checkToken(req);
    if (!isJsonContentType(req.headers['content-type'])) throw new HttpFailure(415, { code: 'bad-input', message: MESSAGES.notJson });
    const args = parseArgs(await readBody(req, requestTimeoutMs));

    if (method === 'renderReport') {
      const parsed = API_SCHEMAS.saveReport.safeParse(args);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        sendJson(res, 200, { ok: false, error: badInput(`${issue?.path.join('.') || 'arguments'}: ${issue?.message ?? 'invalid'}`) });
        return;
      }
      try {
        sendJson(res, 200, { ok: true, value: service.renderReport(parsed.data[0], parsed.data[1]) });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        sendJson(res, 200, { ok: false, error: e.toShape() });
      }
      return;
    }

    if (method === 'runChecks') {
      // NDJSON: one line per progress event as it happens, then the outcome.
      writeHead(res, 200, { 'Content-Type': 'application/x-ndjson; charset=utf-8' });
      res.flushHeaders();
      const line = (value: unknown): void => {
        if (!res.destroyed && !res.writableEnded) res.write(`${JSON.stringify(value)}\n`);
      };
      const result = await dispatch(service, method, args, ctx((event) => line({ progress: event }))).catch(
        (): DispatchResult => ({ ok: false, error: { code: 'failed', message: MESSAGES.internal } }),
      );
      line(result);
      if (!res.destroyed && !res.writableEnded) res.end();
      return;
    }

    const result: DispatchResult = await dispatch(service, method, args, ctx());
    sendJson(res, 200, result.ok ? { ok: true, value: result.value } : result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.on('error', () => {});
    // Only origin-form targets ("/path?query"); the query is ignored.
    const target = req.url ?? '';
    if (!target.startsWith('/')) {
      sendText(res, 400, 'Bad request\n');
      return;
    }
    const pathname = target.split('?')[0]!.split('#')[0]!;
    const api = /^\/api(?:\/|$)/.test(pathname);
    try {
      checkHost(req);
      if (api) await serveApi(req, res, pathname.slice('/api/'.length));
      else await serveStatic(req, res, pathname);
    } catch (e) {
      if (res.headersSent) {
        res.destroy(); // mid-answer: the client sees a cut stream, which it reports as the backend stopping
        return;
      }
      const failure =
        e instanceof HttpFailure ? e : new HttpFailure(500, { code: 'failed', message: MESSAGES.internal });
      const extra: Record<string, string> = {};
      if (failure.status === 405) extra.Allow = api ? 'POST' : 'GET';
      // The client may still be sending (too large, too slow): answer, then drop the connection.
      if (failure.status === 413 || failure.status === 408) extra.Connection = 'close';
      if (api) sendFailure(res, failure, extra);
      else if (failure.status === 403) sendText(res, 403, `${MESSAGES.foreign.en}\n`);
      else sendText(res, failure.status, 'Request failed\n', extra);
      if (extra.Connection === 'close') {
        res.once('finish', () => req.socket.destroySoon());
        req.resume();
      }
    }
  }

  const sockets = new Set<Socket>();
  const server: Server = createServer({ requestTimeout: requestTimeoutMs * 2, headersTimeout: requestTimeoutMs, keepAliveTimeout: 5_000 }, (req, res) => {
    if (closing) {
      sendText(res, 503, 'Closing\n', { Connection: 'close' });
      return;
    }
    void handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Request failed\n');
      else res.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    socket.destroy();
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen({ host, port: opts.port ?? 0, exclusive: true }, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The web harness has no TCP address.');
  port = address.port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close(): Promise<void> {
      closing ??= (async () => {
        const stopped = new Promise<void>((done) => server.close(() => done()));
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        await stopped;
        await service.closeAll();
      })();
      return closing;
    },
  };
}

