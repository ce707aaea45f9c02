/**
 * Reading an HTTP answer the way the update agent would: a defensive copy of whatever the adapter
 * returned (never trusting its shape), and a verdict on it (a usable cabinet or page, or what is wrong).
 */
import { parseCabHeader } from '../../../shared/cab.js';
import type { HttpHop, HttpOutcome } from '../../adapters/types.js';

const OUTCOMES: readonly HttpOutcome[] = [
  'response',
  'timeout',
  'refused',
  'unreachable',
  'reset',
  'not-found',
  'tls',
  'redirect-loop',
  'too-many-redirects',
  'error',
];

/** An HttpResult whose every field has been checked: safe to read without guards. */
export interface SafeResponse {
  url: string;
  finalUrl: string;
  outcome: HttpOutcome;
  hops: HttpHop[];
  /** an integer 100..999, or undefined when none (or nothing sensible) was received */
  status?: number;
  statusText: string;
  headers: Record<string, string>;
  body: Uint8Array;
  bodyTruncated: boolean;
  contentLength?: number;
  incomplete: boolean;
  timings: { connectMs?: number; firstByteMs?: number; totalMs?: number };
  proxy?: string;
  message: string;
}

function str(v: unknown, max = 2_000): string | undefined {
  if (typeof v !== 'string') return undefined;
  return v.length > max ? v.slice(0, max) : v;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Copies an adapter's answer into a SafeResponse. Never throws, whatever it is given. */
export function sanitize(raw: unknown, url: string): SafeResponse {
  const r: Record<string, unknown> = isRecord(raw) ? raw : {};
  const headers: Record<string, string> = {};
  if (isRecord(r.headers)) {
    for (const [k, v] of Object.entries(r.headers).slice(0, 200)) {
      const value = typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(', ') : undefined;
      if (value !== undefined) headers[k.toLowerCase()] = value.slice(0, 4_000);
    }
  }
  const hops: HttpHop[] = [];
  if (Array.isArray(r.hops)) {
    for (const h of r.hops.slice(0, 20)) {
      if (!isRecord(h)) continue;
      const hop: HttpHop = { url: str(h.url, 1_000) ?? '?', status: num(h.status) ?? 0 };
      const location = str(h.location, 1_000);
      if (location !== undefined) hop.location = location;
      hops.push(hop);
    }
  }
  const rawStatus = r.status;
  const status = typeof rawStatus === 'number' && Number.isInteger(rawStatus) && rawStatus >= 100 && rawStatus <= 999 ? rawStatus : undefined;
  const outcome = OUTCOMES.includes(r.outcome as HttpOutcome) ? (r.outcome as HttpOutcome) : 'error';
  const body = r.body instanceof Uint8Array ? r.body : new Uint8Array(0);
  const timings = isRecord(r.timings) ? r.timings : {};
  const out: SafeResponse = {
    url: str(r.url, 1_000) ?? url,
    finalUrl: str(r.finalUrl, 1_000) ?? str(r.url, 1_000) ?? url,
    outcome,
    hops,
    statusText: str(r.statusText, 200) ?? '',
    headers,
    body,
    bodyTruncated: r.bodyTruncated === true,
    incomplete: r.incomplete === true,
    timings: {},
    message: str(r.message, 1_000) ?? (isRecord(raw) ? '' : 'the network adapter returned no result'),
  };
  if (status !== undefined) out.status = status;
  const cl = num(r.contentLength);
  if (cl !== undefined && Number.isInteger(cl)) out.contentLength = cl;
  const t = { connectMs: num(timings.connectMs), firstByteMs: num(timings.firstByteMs), totalMs: num(timings.totalMs) };
  if (t.connectMs !== undefined) out.timings.connectMs = t.connectMs;
  if (t.firstByteMs !== undefined) out.timings.firstByteMs = t.firstByteMs;
  if (t.totalMs !== undefined) out.timings.totalMs = t.totalMs;
  const proxy = str(r.proxy, 300);
  if (proxy) out.proxy = proxy;
  // An adapter that says "response" but gives no status has not really answered.
  if (out.outcome === 'response' && out.status === undefined && !out.message) out.message = 'the answer had no readable HTTP status';
  return out;
}

/** Authentication schemes offered in WWW-Authenticate ("Negotiate, NTLM" → ["Negotiate", "NTLM"]). */
export function authSchemes(r: SafeResponse): string[] {
  const header = r.headers['www-authenticate'];
  if (!header) return [];
  const schemes: string[] = [];
  for (const piece of header.split(',')) {
    const token = piece.trim().split(/\s+/)[0] ?? '';
    if (/^[A-Za-z][A-Za-z0-9._-]{0,40}$/.test(token) && !schemes.some((s) => s.toLowerCase() === token.toLowerCase())) schemes.push(token);
  }
  return schemes;
}

/** Negotiate, NTLM or Kerberos: a Windows logon. */
export function isWindowsAuth(schemes: readonly string[]): boolean {
  return schemes.some((s) => /^(negotiate|ntlm|kerberos)$/i.test(s));
}

/** The body as text, for looking at an HTML page (lossy: invalid UTF-8 becomes U+FFFD). */
export function bodyText(r: SafeResponse, max = 16 * 1024): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(r.body.subarray(0, max));
}

/** The body looks like a web page: an HTML content type, or text starting with "<". */
export function looksLikeHtml(r: SafeResponse): boolean {
  if (/html|xml/i.test(r.headers['content-type'] ?? '')) return true;
  let i = 0;
  const b = r.body;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  return b[i] === 0x3c; // "<"
}

const SHAREPOINT_HEADERS = ['microsoftsharepointteamservices', 'sprequestguid', 'x-sharepointhealthscore', 'sprequestduration', 'spiislatency'];

/** What in an answer says SharePoint produced it: header names, the body, a redirect to /_layouts/. */
export function sharePointSigns(r: SafeResponse): string[] {
  const signs: string[] = [];
  for (const h of SHAREPOINT_HEADERS) {
    const v = r.headers[h];
    if (v !== undefined) signs.push(`header ${h}: ${v.slice(0, 80)}`);
  }
  const text = r.body.length > 0 ? bodyText(r) : '';
  if (/sharepoint/i.test(text)) signs.push('the page mentions SharePoint');
  else if (/\/_layouts\//i.test(text)) signs.push('the page links to /_layouts/ (SharePoint pages)');
  for (const hop of r.hops) if (/\/_layouts\//i.test(hop.location ?? '')) signs.push(`redirected to ${hop.location!.slice(0, 200)}`);
  return signs;
}

export type Verdict =
  | { ok: true; kind: 'cab'; declaredSize: number; files: number; sizeCheck: 'exact' | 'content-length' | 'partial' }
  | { ok: true; kind: 'page' }
  | { ok: false; kind: 'connection'; outcome: Exclude<HttpOutcome, 'response'> }
  | { ok: false; kind: 'no-status' }
  | { ok: false; kind: 'status'; status: number; schemes: string[] }
  | { ok: false; kind: 'html'; sharePoint: string[] }
  | { ok: false; kind: 'empty' }
  | { ok: false; kind: 'incomplete'; received: number; announced?: number }
  | { ok: false; kind: 'corrupt'; detail: string }
  | { ok: false; kind: 'size-mismatch'; declared: number; actual: number; basis: 'content-length' | 'body' };

export type Expect = 'cab' | 'page';

/** The verdict on one answer: what the agent would make of it. */
export function judge(r: SafeResponse, expect: Expect): Verdict {
  if (r.outcome !== 'response') return { ok: false, kind: 'connection', outcome: r.outcome };
  if (r.status === undefined) return { ok: false, kind: 'no-status' };
  if (r.status !== 200) return { ok: false, kind: 'status', status: r.status, schemes: authSchemes(r) };
  if (expect === 'page') {
    const signs = sharePointSigns(r);
    return signs.length > 0 ? { ok: false, kind: 'html', sharePoint: signs } : { ok: true, kind: 'page' };
  }
  const b = r.body;
  const startsMscf = b[0] === 0x4d && b[1] === 0x53 && b[2] === 0x43 && b[3] === 0x46;
  if (!startsMscf && b.length > 0 && looksLikeHtml(r)) return { ok: false, kind: 'html', sharePoint: sharePointSigns(r) };
  if (r.incomplete) {
    const v: Verdict = { ok: false, kind: 'incomplete', received: b.length };
    if (r.contentLength !== undefined) v.announced = r.contentLength;
    return v;
  }
  if (b.length === 0) return { ok: false, kind: 'empty' };
  const header = parseCabHeader(b);
  if (!header.ok) return { ok: false, kind: 'corrupt', detail: header.detail };
  const declared = header.declaredSize;
  if (r.contentLength !== undefined && r.contentLength !== declared)
    return { ok: false, kind: 'size-mismatch', declared, actual: r.contentLength, basis: 'content-length' };
  if (!r.bodyTruncated && b.length !== declared) return { ok: false, kind: 'size-mismatch', declared, actual: b.length, basis: 'body' };
  if (r.bodyTruncated && b.length > declared) return { ok: false, kind: 'size-mismatch', declared, actual: b.length, basis: 'body' };
  const sizeCheck = !r.bodyTruncated ? 'exact' : r.contentLength !== undefined ? 'content-length' : 'partial';
  return { ok: true, kind: 'cab', declaredSize: declared, files: header.files, sizeCheck };
}

/** A self-update address answered 200 with a web page instead of a file (or SharePoint answered). */
export function intercepted(r: SafeResponse, expect: Expect): { html: boolean; sharePoint: string[] } | null {
  const sharePoint = r.outcome === 'response' ? sharePointSigns(r) : [];
  const v = judge(r, expect);
  const html = expect === 'cab' && v.kind === 'html';
  if (!html && sharePoint.length === 0) return null;
  return { html, sharePoint };
}
