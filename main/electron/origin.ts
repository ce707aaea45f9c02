/**
 * Where the app's own pages come from and which outside pages it may open. Pure: imported by the
 * main process and bundled into the preload.
 */
import { DOC_HOSTS } from '../../shared/docs.js';

/** The privileged scheme the renderer is served from (registered before `ready`). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'wsus-doctor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Sent with every file the app scheme serves. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > 4096) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for a URL of the app's own origin. Compared part by part: for a custom scheme the WHATWG
 * `URL.origin` is opaque ("null"), so it cannot be compared as a string.
 */
export function isAppUrl(url: unknown): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** True for an https link to one of the documentation hosts (exact host, default port, no credentials). */
export function isDocUrl(url: unknown): boolean {
  const u = parse(url);
  return u !== null && u.protocol === 'https:' && u.port === '' && u.username === '' && u.password === '' && DOC_HOSTS.includes(u.hostname);
}
