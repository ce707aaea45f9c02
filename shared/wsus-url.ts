/**
 * The WSUS server URL: validated before it is written anywhere, probed, or shown as a link.
 * Deliberately strict: scheme, host and optional port only. Quotes, ampersands, percent signs,
 * spaces and control characters are rejected outright, so a value can never smuggle anything
 * into a command line, a .reg file or HTML.
 */
import type { L10n } from './text.js';

declare const wsusUrlBrand: unique symbol;
/** A string that passed parseWsusUrl: "http://host[:port]" with no trailing slash. */
export type WsusUrl = string & { readonly [wsusUrlBrand]: true };

export interface ParsedWsusUrl {
  url: WsusUrl;
  scheme: 'http' | 'https';
  host: string;
  /** the explicit port, or the scheme's default */
  port: number;
  explicitPort: boolean;
  /** the input had a trailing slash (Windows then requests "//selfupdate/...") */
  hadTrailingSlash: boolean;
}

export type WsusUrlResult = { ok: true; value: ParsedWsusUrl } | { ok: false; reason: L10n };

const HOSTNAME = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_BRACKETED = /^\[[0-9A-Fa-f:.]{2,45}\]$/;
const SHAPE = /^(https?):\/\/(\[[^\]]*\]|[^/:?#]*)(?::(\d{1,5}))?(\/?)$/i;
const MAX_LENGTH = 300;

function fail(en: string, ja: string): WsusUrlResult {
  return { ok: false, reason: { en, ja } };
}

export function parseWsusUrl(input: unknown): WsusUrlResult {
  if (typeof input !== 'string') return fail('The WSUS URL is missing.', 'WSUS の URL がありません。');
  const raw = input.trim();
  if (raw.length === 0) return fail('The WSUS URL is empty.', 'WSUS の URL が空です。');
  if (raw.length > MAX_LENGTH)
    return fail(`The WSUS URL is longer than ${MAX_LENGTH} characters.`, `WSUS の URL が ${MAX_LENGTH} 文字を超えています。`);
  // Only printable ASCII URL characters; nothing a shell, a .reg file or HTML treats specially.
  if (!/^[A-Za-z0-9:/.\-[\]]+$/.test(raw))
    return fail(
      'The WSUS URL contains characters that do not belong in a server address (only letters, digits, ".", "-", ":", "/" and [ ] for IPv6 are allowed; no quotes, "&", "%", spaces, paths or queries).',
      'WSUS の URL にサーバー アドレスとして使えない文字が含まれています (使えるのは英数字、「.」「-」「:」「/」、IPv6 用の [ ] だけです。引用符、「&」「%」、空白、パスやクエリは使えません)。',
    );
  const m = SHAPE.exec(raw);
  if (!m)
    return fail(
      'The WSUS URL must look like http://server:8530 or https://server.example.com:8531 (scheme, server name and optional port, nothing after it).',
      'WSUS の URL は http://server:8530 や https://server.example.com:8531 の形式 (スキーム、サーバー名、省略可能なポートのみ) で指定してください。',
    );
  const scheme = m[1]!.toLowerCase() as 'http' | 'https';
  const host = m[2]!;
  const portText = m[3];
  if (!(HOSTNAME.test(host) && !/^\d+(\.\d+)*$/.test(host)) && !IPV4.test(host) && !IPV6_BRACKETED.test(host))
    return fail(`"${host}" is not a valid server name or IP address.`, `「${host}」はサーバー名または IP アドレスとして正しくありません。`);
  let port = scheme === 'https' ? 443 : 80;
  if (portText !== undefined) {
    port = Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      return fail(`Port ${portText} is out of range (1-65535).`, `ポート ${portText} は範囲外です (1～65535)。`);
  }
  const url = `${scheme}://${host.toLowerCase()}${portText !== undefined ? `:${port}` : ''}` as WsusUrl;
  return {
    ok: true,
    value: { url, scheme, host: host.toLowerCase(), port, explicitPort: portText !== undefined, hadTrailingSlash: m[4] === '/' },
  };
}
