/** URLs in Windows Update log lines: server roots, Microsoft endpoints, and comparison with the policy's WUServer. */
import { parseWsusUrl, type ParsedWsusUrl } from '../../shared/wsus-url.js';

/** Microsoft's own update, delivery and sign-in endpoints: errors against these are never WSUS problems. */
const MICROSOFT_SUFFIXES = [
  'microsoft.com',
  'windowsupdate.com',
  'windows.com',
  'windows.net',
  'msft.net',
  'msedge.net',
  'live.com',
  'microsoftonline.com',
  'office.com',
  'office.net',
  'bing.com',
  'xboxlive.com',
];

export function isMicrosoftHost(host: string): boolean {
  const h = host.toLowerCase();
  return MICROSOFT_SUFFIXES.some((s) => h === s || h.endsWith(`.${s}`));
}

export type UrlKind = 'selfupdate' | 'wsus-service' | 'wsus-content' | 'microsoft' | 'other';

export interface UrlInfo {
  /** the URL as found, trailing punctuation removed, at most 300 characters */
  url: string;
  /** "http://host[:port]" normalised by parseWsusUrl, or null when the host part is not a valid server name */
  root: string | null;
  host: string;
  kind: UrlKind;
}

const URL_PARTS = /^(https?):\/\/(\[[0-9A-Fa-f:.]+\]|[^/:?#\s\\]+)(?::(\d{1,5}))?(.*)$/i;
const SELFUPDATE_PATH = /^\/+(?:selfupdate(?:\/|$)|iuident\.cab|wutrack\.bin)/i;
const SERVICE_PATH = /^\/+(?:clientwebservice|simpleauthwebservice|reportingwebservice|serversyncwebservice|dssauthwebservice|apiremoting30|inventory)(?:\/|$)/i;
const CONTENT_PATH = /^\/+content(?:\/|$)/i;

/** The server root of a URL ("http://colossus:8530/selfupdate/x" → "http://colossus:8530"), or null. */
export function rootOfUrl(url: string): string | null {
  const m = URL_PARTS.exec(url);
  if (!m) return null;
  const parsed = parseWsusUrl(`${m[1]}://${m[2]}${m[3] !== undefined ? `:${m[3]}` : ''}`);
  return parsed.ok ? parsed.value.url : null;
}

export function classifyUrl(raw: string): UrlInfo | null {
  const url = raw.replace(/[.,;:)\]>'"]+$/, '').slice(0, 300);
  const m = URL_PARTS.exec(url);
  if (!m) return null;
  const host = m[2]!.toLowerCase();
  const path = m[4] ?? '';
  const parsed = parseWsusUrl(`${m[1]}://${m[2]}${m[3] !== undefined ? `:${m[3]}` : ''}`);
  const root = parsed.ok ? parsed.value.url : null;
  let kind: UrlKind = 'other';
  if (isMicrosoftHost(host)) kind = 'microsoft';
  else if (SELFUPDATE_PATH.test(path)) kind = 'selfupdate';
  else if (SERVICE_PATH.test(path)) kind = 'wsus-service';
  else if (CONTENT_PATH.test(path)) kind = 'wsus-content';
  return { url, root, host, kind };
}

/**
 * How a server root seen in the log relates to the policy's WUServer:
 * - same: scheme, name and port agree;
 * - name-variant: same scheme and port, one name is the short form of the other ("wsus01" / "wsus01.corp.example");
 * - same-host-other-port: the same server on another port or scheme;
 * - different: another server.
 */
export type ServerRelation = 'same' | 'name-variant' | 'same-host-other-port' | 'different';

function sameHostLoosely(a: string, b: string): 'same' | 'variant' | null {
  if (a === b) return 'same';
  const [shortA, shortB] = [a.split('.')[0], b.split('.')[0]];
  const aIsShort = !a.includes('.');
  const bIsShort = !b.includes('.');
  if ((aIsShort || bIsShort) && shortA === shortB && !/^\d+$/.test(shortA ?? '')) return 'variant';
  return null;
}

export function compareServers(a: ParsedWsusUrl, b: ParsedWsusUrl): ServerRelation {
  const host = sameHostLoosely(a.host, b.host);
  if (!host) return 'different';
  if (a.scheme === b.scheme && a.port === b.port) return host === 'same' ? 'same' : 'name-variant';
  return 'same-host-other-port';
}

export function parseRoot(root: string): ParsedWsusUrl | null {
  const p = parseWsusUrl(root);
  return p.ok ? p.value : null;
}

/** The policy value as a server root: strictly valid, or leniently the root of a URL with a path. */
export function policyRoot(raw: string | undefined): ParsedWsusUrl | null {
  if (raw === undefined) return null;
  const strict = parseWsusUrl(raw);
  if (strict.ok) return strict.value;
  const root = rootOfUrl(raw.trim());
  return root ? parseRoot(root) : null;
}
