/**
 * The machine-wide WinHTTP proxy as Windows stores it in
 * HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections\WinHttpSettings (REG_BINARY):
 * DWORD header (0x18 or 0x28), DWORD counter, DWORD flags (1 direct, 3 named proxy),
 * DWORD length + ANSI proxy list, DWORD length + ANSI bypass list. Reading the bytes avoids parsing
 * the localized text of `netsh winhttp show proxy`.
 */
export type WinHttpProxy = { kind: 'direct' } | { kind: 'proxy'; proxy: string; bypass: string };

const PROXY_FLAG = 0x2;
const MAX_FIELD = 32_768;

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function dword(b: Uint8Array, at: number): number | null {
  if (at + 4 > b.length) return null;
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

function latin1(b: Uint8Array, at: number, len: number): string {
  let s = '';
  for (let i = at; i < at + len; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Decodes the stored bytes (hex, as the registry adapters return REG_BINARY); null when malformed. */
export function decodeWinHttpSettings(hex: string): WinHttpProxy | null {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return null;
  const b = hexToBytes(hex.toLowerCase());
  const flags = dword(b, 8);
  const proxyLen = dword(b, 12);
  if (flags === null || proxyLen === null || proxyLen > MAX_FIELD || 16 + proxyLen > b.length) return null;
  const proxy = latin1(b, 16, proxyLen);
  const bypassLen = dword(b, 16 + proxyLen);
  if (bypassLen === null || bypassLen > MAX_FIELD || 20 + proxyLen + bypassLen > b.length) return null;
  const bypass = latin1(b, 20 + proxyLen, bypassLen);
  if ((flags & PROXY_FLAG) === 0 || proxy.trim() === '') return { kind: 'direct' };
  return { kind: 'proxy', proxy: proxy.trim(), bypass: bypass.trim() };
}

/** Encodes settings the way `netsh winhttp set proxy` stores them (header 0x28). */
export function encodeWinHttpSettings(p: WinHttpProxy): string {
  const proxy = p.kind === 'proxy' ? p.proxy : '';
  const bypass = p.kind === 'proxy' ? p.bypass : '';
  const parts: number[] = [];
  const pushDword = (n: number) => parts.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
  pushDword(0x28);
  pushDword(0);
  pushDword(p.kind === 'proxy' ? 0x3 : 0x1);
  pushDword(proxy.length);
  for (const ch of proxy) parts.push(ch.charCodeAt(0) & 0xff);
  pushDword(bypass.length);
  for (const ch of bypass) parts.push(ch.charCodeAt(0) & 0xff);
  return parts.map((n) => n.toString(16).padStart(2, '0')).join('');
}

/**
 * Does a host bypass the proxy? Entries are separated by ";" or whitespace; "<local>" matches names
 * without a dot; "*" wildcards match any run of characters; comparison ignores case.
 */
export function bypassesProxy(host: string, bypassList: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of bypassList.split(/[;\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '<local>') {
      if (!h.includes('.') && !h.includes(':')) return true;
      continue;
    }
    const withoutScheme = entry.replace(/^[a-z]+:\/\//, '');
    const pattern = new RegExp(
      `^${withoutScheme.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`,
    );
    if (pattern.test(h)) return true;
  }
  return false;
}
