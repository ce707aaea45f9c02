/**
 * Turns the bytes of a Windows text log into a string: UTF-8 (with or without BOM), UTF-16 LE/BE with a
 * BOM (and UTF-16 LE without one, recognised by its zero bytes), otherwise the machine's ANSI code page
 * (Windows-1252 unless told otherwise). Never throws.
 */

export type LogEncoding = 'empty' | 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16be-bom' | 'utf-16le' | 'ansi';

export interface DecodedText {
  text: string;
  encoding: LogEncoding;
  /** For 'ansi': the code page actually used, e.g. "windows-1252" or "shift_jis". */
  codePage?: string;
  /** The share of bytes that look like binary data (NUL and control characters other than tab/CR/LF). */
  binaryRatio: number;
}

/** Windows-1252 bytes 0x80..0x9F (the rest of the code page is Latin-1). Used only if TextDecoder lacks it. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeCp1252Manually(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const end = Math.min(bytes.length, i + CHUNK);
    const codes = new Array<number>(end - i);
    for (let j = i; j < end; j++) {
      const b = bytes[j]!;
      codes[j - i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

function isCp1252(label: string): boolean {
  return /^(?:windows-1252|cp1252|x-cp1252|iso-8859-1|latin1|ascii|us-ascii)$/i.test(label.trim());
}

const C1 = /[\u0080-\u009f]/g;
const fixC1 = (c: string): string => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!);

/**
 * Windows-1252. Some Node versions decode the "windows-1252" label as Latin-1 (0x80..0x9F become C1
 * controls instead of €, ‘ ’ “ ” – — …), so the C1 range is mapped afterwards; with a correct decoder
 * that step changes nothing.
 */
function decodeCp1252(bytes: Uint8Array): string {
  const text = tryDecoder('windows-1252', bytes);
  if (text === null) return decodeCp1252Manually(bytes);
  return text.replace(C1, fixC1);
}

/** The length of the bytes without an incomplete UTF-8 sequence at the very end. */
export function utf8CompleteLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 4 && back <= n; back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

function tryDecoder(label: string, bytes: Uint8Array, fatal = false): string | null {
  try {
    return new TextDecoder(label, { fatal }).decode(bytes);
  } catch {
    return null;
  }
}

function swapBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1]!;
    out[i + 1] = bytes[i]!;
  }
  return out;
}

function binaryRatioOf(bytes: Uint8Array, utf16: boolean): number {
  const n = Math.min(bytes.length, 65536);
  if (n === 0) return 0;
  let bad = 0;
  const step = utf16 ? 2 : 1;
  let seen = 0;
  for (let i = 0; i < n; i += step) {
    seen++;
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && !(utf16 && b === 0)) bad++;
    else if (!utf16 && b === 0) bad++;
  }
  return seen === 0 ? 0 : bad / seen;
}

/** UTF-16 LE without a BOM: ASCII text has a zero in (almost) every odd byte. */
function looksLikeUtf16LeWithoutBom(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 8) return false;
  let oddZero = 0;
  let evenZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  return oddZero / pairs > 0.6 && evenZero / pairs < 0.1;
}

/**
 * Decodes a log file's bytes.
 * @param ansiCodePage the machine's ANSI code page as a TextDecoder label ("windows-1252", "shift_jis" ...)
 */
export function decodeLogBytes(bytes: Uint8Array, ansiCodePage = 'windows-1252'): DecodedText {
  if (bytes.length === 0) return { text: '', encoding: 'empty', binaryRatio: 0 };
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (bytes.length >= 3 && b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    const text = tryDecoder('utf-8', bytes.subarray(3)) ?? '';
    return { text, encoding: 'utf-8-bom', binaryRatio: binaryRatioOf(bytes.subarray(3), false) };
  }
  if (bytes.length >= 2 && b0 === 0xff && b1 === 0xfe) {
    const body = bytes.subarray(2, bytes.length - (bytes.length % 2));
    return { text: tryDecoder('utf-16le', body) ?? '', encoding: 'utf-16le-bom', binaryRatio: binaryRatioOf(body, true) };
  }
  if (bytes.length >= 2 && b0 === 0xfe && b1 === 0xff) {
    const body = bytes.subarray(2, bytes.length - (bytes.length % 2));
    const swapped = swapBytes(body);
    const text = tryDecoder('utf-16be', body) ?? tryDecoder('utf-16le', swapped) ?? '';
    return { text, encoding: 'utf-16be-bom', binaryRatio: binaryRatioOf(swapped, true) };
  }
  if (looksLikeUtf16LeWithoutBom(bytes)) {
    const body = bytes.subarray(0, bytes.length - (bytes.length % 2));
    return { text: tryDecoder('utf-16le', body) ?? '', encoding: 'utf-16le', binaryRatio: binaryRatioOf(body, true) };
  }
  const binaryRatio = binaryRatioOf(bytes, false);
  // One strict pass. A file cut at a size limit may end inside a character: leave that out (shown as U+FFFD).
  const complete = utf8CompleteLength(bytes);
  const strict = tryDecoder('utf-8', complete === bytes.length ? bytes : bytes.subarray(0, complete), true);
  if (strict !== null) return { text: complete === bytes.length ? strict : `${strict}\uFFFD`, encoding: 'utf-8', binaryRatio };
  if (!isCp1252(ansiCodePage)) {
    const viaLabel = tryDecoder(ansiCodePage, bytes);
    if (viaLabel !== null) return { text: viaLabel, encoding: 'ansi', codePage: ansiCodePage, binaryRatio };
  }
  return { text: decodeCp1252(bytes), encoding: 'ansi', codePage: 'windows-1252', binaryRatio };
}

/**
 * The ANSI code page Windows most likely uses for a UI language (BCP 47). The real value is the system
 * locale, which usually matches the UI language on the machines this tool meets.
 */
export function ansiCodePageForLanguage(uiLanguage: string | undefined): string {
  const tag = (uiLanguage ?? '').toLowerCase();
  const lang = tag.split('-')[0] ?? '';
  if (lang === 'ja') return 'shift_jis';
  if (lang === 'ko') return 'euc-kr';
  if (lang === 'zh') return /-(tw|hk|mo|hant)/.test(tag) ? 'big5' : 'gbk';
  if (lang === 'th') return 'windows-874';
  if (lang === 'vi') return 'windows-1258';
  if (['ru', 'uk', 'be', 'bg', 'mk', 'kk'].includes(lang) || (lang === 'sr' && !tag.includes('latn'))) return 'windows-1251';
  if (['cs', 'pl', 'hu', 'sk', 'sl', 'hr', 'ro', 'bs', 'sq'].includes(lang)) return 'windows-1250';
  if (lang === 'el') return 'windows-1253';
  if (['tr', 'az'].includes(lang)) return 'windows-1254';
  if (lang === 'he') return 'windows-1255';
  if (['ar', 'fa', 'ur'].includes(lang)) return 'windows-1256';
  if (['et', 'lv', 'lt'].includes(lang)) return 'windows-1257';
  return 'windows-1252';
}
