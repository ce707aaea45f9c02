/**
 * Serves the built renderer (dist/renderer) on `app://wsus-doctor/`. Only regular files inside that
 * folder are served, after resolving symbolic links; anything else is a 404. Every answer carries the
 * app's Content-Security-Policy.
 */
import { protocol } from 'electron';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, isAppUrl } from './origin.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface AppRequest {
  url: string;
  method: string;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * The file an app URL names inside `root`, or null: another scheme or host, a malformed escape, a NUL,
 * a backslash, a colon, a `.`/`..` segment (also when percent-encoded) or anything resolving outside `root`.
 */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const segments = (path === '/' || path === '' ? '/index.html' : path).split('/').filter((s) => s !== '');
  // ':' would be a drive letter or an NTFS stream name on Windows; built assets never contain one.
  if (segments.length === 0 || segments.some((s) => s === '.' || s === '..' || s.includes(':'))) return null;
  const base = resolve(root);
  const file = resolve(base, ...segments);
  return isInside(base, file) ? file : null;
}

function answer(status: number, body: Uint8Array | null, contentType = 'text/plain; charset=utf-8'): Response {
  return new Response(body, {
    status,
    headers: {
      'content-type': contentType,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  });
}

/** The `protocol.handle` handler for `rendererDir`. Never throws; failures are 404. */
export function createAppProtocolHandler(rendererDir: string): (request: AppRequest) => Promise<Response> {
  const root = resolve(rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, null);
    const file = resolveAppFile(root, request.url);
    if (file === null) return answer(404, null);
    try {
      const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
      if (!isInside(realRoot, realFile) || !(await stat(realFile)).isFile()) return answer(404, null);
      const type = MIME[extname(realFile).toLowerCase()] ?? 'application/octet-stream';
      return answer(200, request.method === 'HEAD' ? null : await readFile(realFile), type);
    } catch {
      return answer(404, null);
    }
  };
}

/** Installs the handler on the default session. Call once, after `ready`, before loading the window. */
export function registerAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
