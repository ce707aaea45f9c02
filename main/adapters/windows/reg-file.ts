/**
 * The .reg file format, both ways, as pure functions.
 *
 * Reading: what `reg.exe export` writes (UTF-16LE with BOM, "Windows Registry Editor Version 5.00"),
 * plus UTF-8 and ANSI "REGEDIT4" files. The parser never throws: garbage lines are skipped and listed
 * in `problems`.
 *
 * Writing: a file for `reg.exe import` (UTF-16LE with BOM). Strings made only of printable characters
 * are written quoted (with \\ and \" escaped); anything else goes as hex(1)/hex(2)/hex(7) so nothing
 * is lost. Deleting a value is `"Name"=-`.
 */
import { normaliseKeyPath, REG_TYPES, type RegKeySnapshot, type RegValue } from '../../../shared/registry-types.js';

// ---------------------------------------------------------------------------------------------------
// Key paths

export const HIVE_LONG_NAMES = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
} as const;
type Hive = keyof typeof HIVE_LONG_NAMES;

export type KeyPathCheck =
  | {
      ok: true;
      /** normalised, short hive name in upper case: `HKLM\SOFTWARE\...` */
      path: string;
      /** with the long hive name, as .reg files spell it: `HKEY_LOCAL_MACHINE\SOFTWARE\...` */
      longPath: string;
    }
  | { ok: false; error: string };

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const MAX_KEY_NAME = 255;
const MAX_KEY_PATH = 4096;
const MAX_VALUE_NAME = 16383;

/**
 * Validates and normalises a registry key path. `write` also refuses what cannot be written to a
 * .reg file section header (`[` and `]`) and the bare hive.
 */
export function checkKeyPath(path: unknown, purpose: 'read' | 'write' = 'read'): KeyPathCheck {
  if (typeof path !== 'string' || path.length === 0) return { ok: false, error: 'The registry key path is empty.' };
  if (path.length > MAX_KEY_PATH) return { ok: false, error: 'The registry key path is too long.' };
  if (CONTROL_CHARS.test(path)) return { ok: false, error: 'The registry key path contains control characters.' };
  if (path.includes('/')) {
    // A forward slash is legal inside a key name, but here it is almost always a mistyped separator.
    return { ok: false, error: `The registry key path "${path}" contains "/"; use "\\" between key names.` };
  }
  const norm = normaliseKeyPath(path);
  const parts = norm.split('\\');
  const hive = parts[0]!.toUpperCase();
  if (!(hive in HIVE_LONG_NAMES)) {
    return { ok: false, error: `The registry key path "${path}" does not start with a known hive (HKLM, HKCU, HKCR, HKU, HKCC).` };
  }
  const rest = parts.slice(1);
  for (const part of rest) {
    if (part.length === 0) return { ok: false, error: `The registry key path "${path}" has an empty key name ("\\\\").` };
    if (part.length > MAX_KEY_NAME) return { ok: false, error: `A key name in "${path}" is longer than ${MAX_KEY_NAME} characters.` };
    if (purpose === 'write' && /[[\]]/.test(part)) {
      return { ok: false, error: `The key name "${part}" contains "[" or "]", which this tool does not write.` };
    }
  }
  if (purpose === 'write' && rest.length === 0) return { ok: false, error: 'Values cannot be written at the root of a hive.' };
  const short = [hive, ...rest].join('\\');
  const longPath = [HIVE_LONG_NAMES[hive as Hive], ...rest].join('\\');
  return { ok: true, path: short, longPath };
}

/** Validates a value name for writing; '' is the key's default value. Returns an error or null. */
export function checkValueName(name: unknown): string | null {
  if (typeof name !== 'string') return 'The value name is not a string.';
  if (name.length > MAX_VALUE_NAME) return `The value name is longer than ${MAX_VALUE_NAME} characters.`;
  if (CONTROL_CHARS.test(name)) return 'The value name contains control characters (a line break, tab or NUL).';
  return null;
}

/** Validates a RegValue for writing. Returns an error message or null. */
export function checkRegValue(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'The value is missing.';
  const v = value as { type?: unknown; data?: unknown };
  if (typeof v.type !== 'string' || !(REG_TYPES as readonly string[]).includes(v.type)) return `Unknown registry type ${String(v.type)}.`;
  switch (v.type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      if (typeof v.data !== 'string') return `${v.type} data must be a string.`;
      if (v.data.includes('\0')) return `${v.type} data cannot contain NUL characters.`;
      return null;
    case 'REG_MULTI_SZ':
      if (!Array.isArray(v.data) || v.data.some((s) => typeof s !== 'string')) return 'REG_MULTI_SZ data must be an array of strings.';
      if ((v.data as string[]).some((s) => s.includes('\0'))) return 'REG_MULTI_SZ strings cannot contain NUL characters.';
      return null;
    case 'REG_DWORD':
      if (typeof v.data !== 'number' || !Number.isInteger(v.data) || v.data < 0 || v.data > 0xffffffff) {
        return 'REG_DWORD data must be a whole number from 0 to 4294967295.';
      }
      return null;
    case 'REG_QWORD':
      if (typeof v.data !== 'string' || !/^\d{1,20}$/.test(v.data) || BigInt(v.data) > 0xffffffffffffffffn) {
        return 'REG_QWORD data must be decimal digits from 0 to 18446744073709551615.';
      }
      return null;
    default:
      if (typeof v.data !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/.test(v.data)) return `${v.type} data must be hex digits, two a byte.`;
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------
// Decoding bytes

export type RegFileEncoding = 'utf-16le' | 'utf-16be' | 'utf-8' | 'ansi';

export function decodeRegFileBytes(bytes: Uint8Array): { text: string; encoding: RegFileEncoding } {
  const b = bytes instanceof Buffer ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  let encoding: RegFileEncoding;
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
    text = b.subarray(2).toString('utf16le');
    encoding = 'utf-16le';
  } else if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    const swapped = Buffer.from(b.subarray(2, 2 + ((b.length - 2) & ~1)));
    swapped.swap16();
    text = swapped.toString('utf16le');
    encoding = 'utf-16be';
  } else if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    text = b.subarray(3).toString('utf8');
    encoding = 'utf-8';
  } else if (b.length >= 4 && b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0) {
    text = b.toString('utf16le');
    encoding = 'utf-16le';
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(b);
      encoding = 'utf-8';
    } catch {
      text = new TextDecoder('windows-1252').decode(b);
      encoding = 'ansi';
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
}

// ---------------------------------------------------------------------------------------------------
// Parsing

export type RegFileFormat = 'regedit5' | 'regedit4' | 'unknown';

export interface RegFileSection {
  /** normalised (short hive name) */
  path: string;
  /** `[-HKEY_...]`: the key is to be deleted */
  deleteKey: boolean;
  values: Record<string, RegValue>;
  /** `"Name"=-` lines */
  deletedValues: string[];
}

export interface ParsedRegFile {
  format: RegFileFormat;
  sections: RegFileSection[];
  /** lines that could not be understood, with their line numbers; parsing went on */
  problems: string[];
}

type ParsedData = { kind: 'value'; value: RegValue } | { kind: 'delete' };

interface Visitor {
  /** Called for every section header; return true to have its values parsed. */
  section(path: string, deleteKey: boolean): boolean;
  value(name: string, data: ParsedData): void;
  problem(message: string): void;
}

const MAX_PROBLEMS = 50;
const MAX_STRING_JOIN_LINES = 10_000;

interface Line {
  text: string;
  /** the line break that ended it ('' at the end of the text) */
  eol: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ text: text.slice(start, m.index), eol: m[0] });
    start = m.index + m[0].length;
  }
  lines.push({ text: text.slice(start), eol: '' });
  return lines;
}

/** Reads a quoted .reg string starting at s[start] === '"'. Returns null when it is not terminated. */
function readQuoted(s: string, start: number): { value: string; end: number } | null {
  let out = '';
  let i = start + 1;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\') {
      const next = s[i + 1];
      if (next === '\\' || next === '"') {
        out += next;
        i += 2;
        continue;
      }
      // Wine's reg export writes CR and LF inside strings as \r and \n (and its import reads them back).
      if (next === 'n' || next === 'r' || next === '0') {
        out += next === 'n' ? '\n' : next === 'r' ? '\r' : '\0';
        i += 2;
        continue;
      }
      // An unknown escape: keep the backslash (hand-written files often have single backslashes).
      out += c;
      i += 1;
      continue;
    }
    if (c === '"') return { value: out, end: i + 1 };
    out += c;
    i += 1;
  }
  return null;
}

function parseHexBytes(list: string): Uint8Array | null {
  const compact = list.replace(/\s+/g, '');
  if (compact === '') return new Uint8Array(0);
  const tokens = compact.split(',');
  if (tokens[tokens.length - 1] === '') tokens.pop();
  const out = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!/^[0-9a-fA-F]{1,2}$/.test(t)) return null;
    out[i] = parseInt(t, 16);
  }
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function decodeStringBytes(bytes: Uint8Array, ansi: boolean): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!ansi) return b.toString('utf16le');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return new TextDecoder('windows-1252').decode(b);
  }
}

/** REG_MULTI_SZ text (items each ended by NUL, the list ended by one more NUL) to items. */
export function splitMultiSz(s: string): string[] {
  if (s === '' || s === '\0') return [];
  let body = s.endsWith('\0') ? s.slice(0, -1) : s;
  if (body.endsWith('\0')) body = body.slice(0, -1);
  return body.split('\0');
}

/** Items to REG_MULTI_SZ text: each item ended by NUL, then one more NUL. */
export function joinMultiSz(items: readonly string[]): string {
  return `${items.map((s) => `${s}\0`).join('')}\0`;
}

function valueFromHex(type: number, bytes: Uint8Array, ansi: boolean, note: (m: string) => void): RegValue {
  switch (type) {
    case 0:
      return { type: 'REG_NONE', data: bytesToHex(bytes) };
    case 1:
    case 2:
      return { type: type === 1 ? 'REG_SZ' : 'REG_EXPAND_SZ', data: decodeStringBytes(bytes, ansi).replace(/\0+$/, '') };
    case 3:
      return { type: 'REG_BINARY', data: bytesToHex(bytes) };
    case 4:
      if (bytes.length === 4) return { type: 'REG_DWORD', data: Buffer.from(bytes).readUInt32LE(0) };
      note(`a hex(4) value of ${bytes.length} bytes was kept as REG_BINARY`);
      return { type: 'REG_BINARY', data: bytesToHex(bytes) };
    case 7:
      return { type: 'REG_MULTI_SZ', data: splitMultiSz(decodeStringBytes(bytes, ansi)) };
    case 0xb:
      if (bytes.length === 8) return { type: 'REG_QWORD', data: Buffer.from(bytes).readBigUInt64LE(0).toString() };
      note(`a hex(b) value of ${bytes.length} bytes was kept as REG_BINARY`);
      return { type: 'REG_BINARY', data: bytesToHex(bytes) };
    default:
      note(`a value of registry type ${type} was kept as REG_BINARY`);
      return { type: 'REG_BINARY', data: bytesToHex(bytes) };
  }
}

function scan(text: string, visitor: Visitor): RegFileFormat {
  const lines = splitLines(typeof text === 'string' ? text : '');
  let format: RegFileFormat = 'unknown';
  let sawHeader = false;
  let wantValues = false;
  let inSection = false;
  let problems = 0;
  const problem = (lineNo: number, m: string): void => {
    if (problems++ < MAX_PROBLEMS) visitor.problem(`line ${lineNo}: ${m}`);
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.text;
    const t = raw.trim();
    if (t === '' || t.startsWith(';')) continue;
    if (!sawHeader) {
      sawHeader = true;
      if (t === 'Windows Registry Editor Version 5.00') {
        format = 'regedit5';
        continue;
      }
      if (t === 'REGEDIT4') {
        format = 'regedit4';
        continue;
      }
    }
    if (t.startsWith('[')) {
      const end = t.lastIndexOf(']');
      if (end < 1) {
        problem(i + 1, 'a section header without "]"');
        wantValues = false;
        inSection = false;
        continue;
      }
      let inner = t.slice(1, end);
      const del = inner.startsWith('-');
      if (del) inner = inner.slice(1);
      inSection = true;
      wantValues = visitor.section(normaliseKeyPath(inner.trim()), del) && !del;
      continue;
    }
    if (!wantValues) {
      // Lines of sections we do not read (continuation lines start with spaces and never with "[").
      if (!inSection && (t.startsWith('"') || t.startsWith('@'))) problem(i + 1, 'a value outside any section');
      continue;
    }
    if (!(t.startsWith('"') || t.startsWith('@'))) {
      if (!/^\s/.test(raw)) problem(i + 1, 'not a value line');
      continue;
    }
    i = parseValueLine(lines, i, format === 'regedit4', visitor, problem);
  }
  return format;
}

/** Parses the value starting at lines[i]; returns the index of its last line. */
function parseValueLine(
  lines: Line[],
  i: number,
  ansi: boolean,
  visitor: Visitor,
  problem: (lineNo: number, m: string) => void,
): number {
  const first = lines[i]!.text.trimStart();
  let name: string;
  let pos: number;
  if (first.startsWith('@')) {
    name = '';
    pos = 1;
  } else {
    const q = readQuoted(first, 0);
    if (!q) {
      problem(i + 1, 'a value name without its closing quote');
      return i;
    }
    name = q.value;
    pos = q.end;
  }
  while (first[pos] === ' ' || first[pos] === '\t') pos++;
  if (first[pos] !== '=') {
    problem(i + 1, 'a value line without "="');
    return i;
  }
  pos++;
  while (first[pos] === ' ' || first[pos] === '\t') pos++;
  const rest = first.slice(pos);

  if (rest.startsWith('"')) {
    let joined = rest;
    let q = readQuoted(joined, 0);
    let j = i;
    // A string holding raw line breaks (some exporters write them as is): join the following lines.
    while (!q && j + 1 < lines.length && j - i < MAX_STRING_JOIN_LINES) {
      joined += lines[j]!.eol + lines[j + 1]!.text;
      j++;
      q = readQuoted(joined, 0);
    }
    const after = q ? joined.slice(q.end).trim() : '';
    const clean = after === '' || after.startsWith(';');
    if (!q || (!clean && j > i)) {
      // Never let a broken string swallow the lines after it.
      problem(i + 1, `the string value "${name}" has no closing quote`);
      return i;
    }
    if (!clean) problem(i + 1, `unexpected text after the string value "${name}"`);
    visitor.value(name, { kind: 'value', value: { type: 'REG_SZ', data: q.value } });
    return j;
  }

  if (rest.trim() === '-') {
    visitor.value(name, { kind: 'delete' });
    return i;
  }

  // dword:, hex:, hex(N): with continuation lines ending in "\".
  let data = rest.trimEnd();
  let j = i;
  while (data.endsWith('\\') && j + 1 < lines.length) {
    data = data.slice(0, -1) + lines[j + 1]!.text.trim();
    j++;
  }
  if (data.endsWith('\\')) data = data.slice(0, -1);
  const m = /^(dword|hex(?:\(([0-9a-fA-F]{1,8})\))?)\s*:(.*)$/is.exec(data);
  if (!m) {
    problem(i + 1, `the value "${name}" has data this parser does not know`);
    return j;
  }
  const kind = m[1]!.toLowerCase();
  const payload = m[3]!;
  if (kind === 'dword') {
    const digits = payload.trim();
    if (!/^[0-9a-fA-F]{1,8}$/.test(digits)) {
      problem(i + 1, `the DWORD value "${name}" is not 1 to 8 hex digits`);
      return j;
    }
    visitor.value(name, { kind: 'value', value: { type: 'REG_DWORD', data: parseInt(digits, 16) >>> 0 } });
    return j;
  }
  const bytes = parseHexBytes(payload);
  if (!bytes) {
    problem(i + 1, `the value "${name}" has a malformed hex byte list`);
    return j;
  }
  const type = m[2] === undefined ? 3 : parseInt(m[2], 16);
  const value = valueFromHex(type, bytes, ansi, (note) => problem(i + 1, `"${name}": ${note}`));
  visitor.value(name, { kind: 'value', value });
  return j;
}

/** Sets an own property, so a value named "__proto__" is a value like any other. */
export function setOwnValue(values: Record<string, RegValue>, name: string, value: RegValue): void {
  Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true });
}

function toText(input: string | Uint8Array): string {
  if (typeof input === 'string') return input;
  if (input instanceof Uint8Array) return decodeRegFileBytes(input).text;
  return '';
}

/** Parses a whole .reg file (text, or bytes in any of the encodings above). Never throws. */
export function parseRegFile(input: string | Uint8Array): ParsedRegFile {
  const sections: RegFileSection[] = [];
  const problems: string[] = [];
  let current: RegFileSection | undefined;
  let format: RegFileFormat = 'unknown';
  try {
    format = scan(toText(input), {
      section(path, deleteKey) {
        current = { path, deleteKey, values: {}, deletedValues: [] };
        sections.push(current);
        return true;
      },
      value(name, data) {
        if (!current) return;
        const existing = Object.keys(current.values).find((n) => n.toLowerCase() === name.toLowerCase());
        if (data.kind === 'delete') {
          if (existing !== undefined) delete current.values[existing];
          current.deletedValues.push(name);
        } else {
          setOwnValue(current.values, existing ?? name, data.value);
        }
      },
      problem(message) {
        problems.push(message);
      },
    });
  } catch (e) {
    problems.push(`the file could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { format, sections, problems };
}

export interface RegFileSnapshot {
  /** null when the file has no section for the key */
  snapshot: RegKeySnapshot | null;
  format: RegFileFormat;
  problems: string[];
}

/**
 * The snapshot of one key from an export of it: only that key's values; the names of its direct
 * child sections as `subkeys`. Reads huge exports (a whole Services tree) without keeping the
 * other sections. Never throws.
 */
export function snapshotFromRegFile(input: string | Uint8Array, keyPath: string): RegFileSnapshot {
  const target = normaliseKeyPath(String(keyPath)).toLowerCase();
  const prefix = `${target}\\`;
  const problems: string[] = [];
  let snapshot: RegKeySnapshot | null = null;
  const subkeySeen = new Set<string>();
  let inTop = false;
  let format: RegFileFormat = 'unknown';
  try {
    format = scan(toText(input), {
      section(path, deleteKey) {
        const lower = path.toLowerCase();
        inTop = false;
        if (deleteKey) return false;
        if (lower === target) {
          if (!snapshot) snapshot = { path, values: {}, subkeys: [] };
          inTop = true;
          return true;
        }
        if (snapshot && lower.startsWith(prefix)) {
          const child = path.slice(prefix.length).split('\\')[0]!;
          if (child && !subkeySeen.has(child.toLowerCase())) {
            subkeySeen.add(child.toLowerCase());
            (snapshot as RegKeySnapshot).subkeys.push(child);
          }
        }
        return false;
      },
      value(name, data) {
        if (!inTop || !snapshot) return;
        const values = (snapshot as RegKeySnapshot).values;
        const existing = Object.keys(values).find((n) => n.toLowerCase() === name.toLowerCase());
        if (data.kind === 'delete') {
          if (existing !== undefined) delete values[existing];
        } else {
          setOwnValue(values, existing ?? name, data.value);
        }
      },
      problem(message) {
        problems.push(message);
      },
    });
  } catch (e) {
    problems.push(`the file could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { snapshot, format, problems };
}

// ---------------------------------------------------------------------------------------------------
// Generating

export type RegFileChange =
  | { kind: 'set'; key: string; name: string; value: RegValue }
  | { kind: 'delete'; key: string; name: string };

export class RegFileInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegFileInputError';
  }
}

export const REG_FILE_HEADER = 'Windows Registry Editor Version 5.00';
const EOL = '\r\n';
const WRAP_AT = 78;

/** True when a string can be written quoted: no control characters, no line separators, no lone surrogates. */
export function isPlainRegString(s: string): boolean {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(s)) return false;
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

export function quoteRegString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function hexValueLines(prefix: string, bytes: Uint8Array): string {
  const lines: string[] = [];
  let line = prefix;
  let tokensOnLine = 0;
  for (let k = 0; k < bytes.length; k++) {
    const piece = bytes[k]!.toString(16).padStart(2, '0') + (k < bytes.length - 1 ? ',' : '');
    if (tokensOnLine > 0 && line.length + piece.length > WRAP_AT) {
      lines.push(`${line}\\`);
      line = '  ';
      tokensOnLine = 0;
    }
    line += piece;
    tokensOnLine++;
  }
  lines.push(line);
  return lines.join(EOL);
}

function utf16(s: string): Uint8Array {
  return Buffer.from(s, 'utf16le');
}

/** One value's line(s) in a .reg file. Throws RegFileInputError for a value that cannot be written. */
export function formatRegValueLine(name: string, value: RegValue): string {
  const nameError = checkValueName(name);
  if (nameError) throw new RegFileInputError(nameError);
  const valueError = checkRegValue(value);
  if (valueError) throw new RegFileInputError(`${name === '' ? '(Default)' : name}: ${valueError}`);
  const lhs = name === '' ? '@' : quoteRegString(name);
  switch (value.type) {
    case 'REG_SZ':
      if (isPlainRegString(value.data)) return `${lhs}=${quoteRegString(value.data)}`;
      return hexValueLines(`${lhs}=hex(1):`, utf16(`${value.data}\0`));
    case 'REG_EXPAND_SZ':
      return hexValueLines(`${lhs}=hex(2):`, utf16(`${value.data}\0`));
    case 'REG_MULTI_SZ':
      return hexValueLines(`${lhs}=hex(7):`, utf16(joinMultiSz(value.data)));
    case 'REG_DWORD':
      return `${lhs}=dword:${value.data.toString(16).padStart(8, '0')}`;
    case 'REG_QWORD': {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(BigInt(value.data));
      return hexValueLines(`${lhs}=hex(b):`, b);
    }
    case 'REG_BINARY':
      return hexValueLines(`${lhs}=hex:`, hexToBytes(value.data));
    case 'REG_NONE':
      return hexValueLines(`${lhs}=hex(0):`, hexToBytes(value.data));
  }
}

/**
 * The text of a .reg file making these changes, in order (sections grouped by consecutive key).
 * Throws RegFileInputError when a key, name or value cannot be written.
 */
export function buildRegFile(changes: readonly RegFileChange[]): string {
  const out: string[] = [REG_FILE_HEADER, ''];
  let currentKey: string | undefined;
  for (const c of changes) {
    const key = checkKeyPath(c.key, 'write');
    if (!key.ok) throw new RegFileInputError(key.error);
    if (currentKey !== key.longPath) {
      if (currentKey !== undefined) out.push('');
      out.push(`[${key.longPath}]`);
      currentKey = key.longPath;
    }
    if (c.kind === 'delete') {
      const nameError = checkValueName(c.name);
      if (nameError) throw new RegFileInputError(nameError);
      out.push(`${c.name === '' ? '@' : quoteRegString(c.name)}=-`);
    } else {
      out.push(formatRegValueLine(c.name, c.value));
    }
  }
  out.push('', '');
  return out.join(EOL);
}

/** The bytes reg.exe import expects: UTF-16LE with a byte order mark. */
export function encodeRegFileText(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** Same value, compared the way the registry stores it. */
export function sameRegValue(a: RegValue | undefined, b: RegValue | undefined): boolean {
  if (!a || !b || a.type !== b.type) return false;
  switch (a.type) {
    case 'REG_MULTI_SZ': {
      const bd = b.data as string[];
      return a.data.length === bd.length && a.data.every((s, i) => s === bd[i]);
    }
    case 'REG_QWORD':
      return /^\d+$/.test(a.data) && /^\d+$/.test(b.data as string) && BigInt(a.data) === BigInt(b.data as string);
    case 'REG_BINARY':
    case 'REG_NONE':
      return a.data.toLowerCase() === (b.data as string).toLowerCase();
    default:
      return a.data === b.data;
  }
}
