/**
 * A fake CommandRunner for the Windows adapters: records every call (file, argv, options) and answers
 * from a handler. Helpers build a fake reg.exe backed by an in-memory registry of .reg exports.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandResult, CommandRunner } from '../../../main/adapters/types.js';
import type { RegeditArch, RegeditItem, RegeditLike } from '../../../main/adapters/windows/regedit-registry.js';

export const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'fixtures', 'windows');

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export interface RecordedCall {
  file: string;
  args: string[];
  options: { timeoutMs?: number; maxOutputBytes?: number; signal?: AbortSignal; input?: Buffer } | undefined;
  /** For `reg import`: the bytes of the file at the time of the call. */
  importedBytes?: Buffer;
}

export type Handler = (file: string, args: string[], call: RecordedCall) => CommandResult | Promise<CommandResult>;

export function result(exitCode: number, stdout: string | Buffer = '', stderr: string | Buffer = ''): CommandResult {
  return {
    exitCode,
    stdout: Buffer.isBuffer(stdout) ? stdout : Buffer.from(stdout, 'latin1'),
    stderr: Buffer.isBuffer(stderr) ? stderr : Buffer.from(stderr, 'latin1'),
  };
}

export class FakeRunner implements CommandRunner {
  readonly calls: RecordedCall[] = [];
  handler: Handler;

  constructor(handler: Handler = () => result(0)) {
    this.handler = handler;
  }

  async run(file: string, args: readonly string[], options?: RecordedCall['options']): Promise<CommandResult> {
    const call: RecordedCall = { file, args: [...args], options };
    if (args[0] === 'import' && args[1]) {
      try {
        call.importedBytes = readFileSync(args[1]);
      } catch {
        // the adapter under test did not write it
      }
    }
    this.calls.push(call);
    return this.handler(file, [...args], call);
  }

  argvs(): string[][] {
    return this.calls.map((c) => [c.file, ...c.args]);
  }
}

export const REG = 'C:\\Windows\\System32\\reg.exe';
export const SC = 'C:\\Windows\\System32\\sc.exe';
export const WHOAMI = 'C:\\Windows\\System32\\whoami.exe';

/**
 * A fake reg.exe: `export` writes the export registered for the key (exit 1 when there is none),
 * `query` answers 0/1 by presence, `import` calls onImport with the file's bytes.
 */
export class FakeRegExe {
  readonly exports = new Map<string, Buffer>();
  onImport: (bytes: Buffer) => number = () => 0;
  /** Keys `reg query <parent> /k /f <leaf>` lists although they cannot be exported (access denied). */
  readonly unreadable = new Set<string>();

  setExport(key: string, bytes: Buffer): void {
    this.exports.set(key.toLowerCase(), bytes);
  }

  handler: Handler = (file, args) => {
    if (file !== REG) return result(1, '', `unexpected program ${file}`);
    const [verb, key = ''] = args;
    if (verb === 'export') {
      const bytes = this.exports.get(key.toLowerCase());
      if (!bytes) return result(1, '', 'ERROR: The system was unable to find the specified registry key or value.\r\n');
      writeFileSync(args[2]!, bytes);
      return result(0, 'The operation completed successfully.\r\n');
    }
    if (verb === 'query') {
      if (args.includes('/f')) {
        const leaf = args[args.indexOf('/f') + 1]!;
        const full = `${key}\\${leaf}`;
        if (this.unreadable.has(full.toLowerCase())) return result(0, `\r\n${full.replace(/^HKLM/, 'HKEY_LOCAL_MACHINE')}\r\nEnd of search: 1 match(es) found.\r\n`);
        return result(1, 'End of search: 0 match(es) found.\r\n');
      }
      return this.exports.has(key.toLowerCase()) ? result(0, `\r\n${key}\r\n`) : result(1, '', 'ERROR: ...');
    }
    if (verb === 'import') {
      const code = this.onImport(readFileSync(args[1]!));
      return code === 0 ? result(0, '', 'The operation completed successfully.\r\n') : result(code, '', 'ERROR: Error accessing the registry.\r\n');
    }
    return result(1, '', 'ERROR: Invalid syntax.');
  };
}

/** Writes a .reg export the way Wine's reg.exe does (programs/reg/export.c), independent of our generator. */
export function wineStyleExport(keys: Map<string, { path: string; values: Map<string, { name: string; type: number; data: Buffer }> }>, top: string): Buffer {
  const long = (p: string): string => p.replace(/^HKLM(?=\\|$)/i, 'HKEY_LOCAL_MACHINE').replace(/^HKCU(?=\\|$)/i, 'HKEY_CURRENT_USER');
  const esc = (s: string): string => s.replace(/[\\"\r\n]/g, (c) => (c === '\r' ? '\\r' : c === '\n' ? '\\n' : `\\${c}`));
  let out = '\ufeffWindows Registry Editor Version 5.00\r\n';
  const lowerTop = top.toLowerCase();
  const selected = [...keys.values()].filter((k) => k.path.toLowerCase() === lowerTop || k.path.toLowerCase().startsWith(`${lowerTop}\\`));
  selected.sort((a, b) => a.path.localeCompare(b.path));
  for (const k of selected) {
    out += `\r\n[${long(k.path)}]\r\n`;
    for (const v of k.values.values()) {
      let line = v.name === '' ? '@=' : `"${esc(v.name)}"=`;
      if (v.type === 1) {
        const s = v.data.toString('utf16le').replace(/\0.*$/s, '');
        line += `"${esc(s)}"`;
      } else if (v.type === 4 && v.data.length === 4) {
        line += `dword:${v.data.readUInt32LE(0).toString(16).padStart(8, '0')}`;
      } else {
        line += v.type === 3 ? 'hex:' : `hex(${v.type.toString(16)}):`;
        let len = line.length;
        const bytes = [...v.data];
        bytes.forEach((b, i) => {
          line += b.toString(16).padStart(2, '0');
          if (i === bytes.length - 1) return;
          line += ',';
          len += 3;
          if (len >= 77) {
            line += '\\\r\n  ';
            len = 2;
          }
        });
      }
      out += `${line}\r\n`;
    }
  }
  out += '\r\n';
  return Buffer.from(out, 'utf16le');
}

type FakeValue = { name: string; type: number; data: Buffer };
type FakeKey = { path: string; values: Map<string, FakeValue> };

/**
 * A fake reg.exe with state: `import` applies a .reg file with its own small importer (modelled on
 * Wine's programs/reg/import.c, not on our parser), `export` writes Wine-style exports of the state.
 */
export class StatefulRegExe {
  readonly keys = new Map<string, FakeKey>();
  imports: string[] = [];
  failImportWith = 0;
  /** Simulates "reg import said OK but did nothing". */
  ignoreImports = false;

  static short(path: string): string {
    return path.replace(/^HKEY_LOCAL_MACHINE(?=\\|$)/i, 'HKLM').replace(/^HKEY_CURRENT_USER(?=\\|$)/i, 'HKCU');
  }

  ensure(path: string): FakeKey {
    const p = StatefulRegExe.short(path);
    const parts = p.split('\\');
    let key: FakeKey | undefined;
    for (let i = 1; i <= parts.length; i++) {
      const sub = parts.slice(0, i).join('\\');
      key = this.keys.get(sub.toLowerCase());
      if (!key) {
        key = { path: sub, values: new Map() };
        this.keys.set(sub.toLowerCase(), key);
      }
    }
    return key!;
  }

  set(path: string, name: string, type: number, data: Buffer): void {
    this.ensure(path).values.set(name.toLowerCase(), { name, type, data });
  }

  get(path: string, name: string): FakeValue | undefined {
    return this.keys.get(StatefulRegExe.short(path).toLowerCase())?.values.get(name.toLowerCase());
  }

  importText(text: string): void {
    const unescape = (s: string, start: number): [string, number] => {
      let out = '';
      for (let i = start; i < s.length; i++) {
        const c = s[i]!;
        if (c === '\\') {
          const n = s[++i];
          out += n === 'n' ? '\n' : n === 'r' ? '\r' : (n ?? '');
        } else if (c === '"') return [out, i + 1];
        else out += c;
      }
      throw new Error('unterminated string');
    };
    const lines = text.split(/\r\n|\n|\r/);
    if (lines[0] !== 'Windows Registry Editor Version 5.00') throw new Error(`bad header ${JSON.stringify(lines[0])}`);
    let key: FakeKey | undefined;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!.trimStart();
      if (line === '') continue;
      if (line.startsWith('[')) {
        key = this.ensure(line.slice(1, line.lastIndexOf(']')));
        continue;
      }
      let name: string;
      let pos: number;
      if (line.startsWith('@')) [name, pos] = ['', 1];
      else [name, pos] = unescape(line, 1);
      if (line[pos] !== '=') throw new Error(`no "=" in ${line}`);
      let data = line.slice(pos + 1);
      if (!key) throw new Error('value outside a key');
      if (data === '-') {
        key.values.delete(name.toLowerCase());
        continue;
      }
      if (data.startsWith('"')) {
        const [s, end] = unescape(data, 1);
        if (data.slice(end).trim() !== '') throw new Error('garbage after string');
        key.values.set(name.toLowerCase(), { name, type: 1, data: Buffer.from(`${s}\0`, 'utf16le') });
        continue;
      }
      if (data.startsWith('dword:')) {
        const b = Buffer.alloc(4);
        b.writeUInt32LE(parseInt(data.slice(6), 16) >>> 0);
        key.values.set(name.toLowerCase(), { name, type: 4, data: b });
        continue;
      }
      const m = /^hex(?:\(([0-9a-f]+)\))?:(.*)$/.exec(data);
      if (!m) throw new Error(`unknown data ${data}`);
      let list = m[2]!;
      while (list.endsWith('\\')) list = list.slice(0, -1) + lines[++i]!.trim();
      data = list;
      const bytes = data === '' ? Buffer.alloc(0) : Buffer.from(data.split(',').map((h) => parseInt(h, 16)));
      key.values.set(name.toLowerCase(), { name, type: m[1] === undefined ? 3 : parseInt(m[1], 16), data: bytes });
    }
  }

  handler: Handler = (file, args) => {
    if (file !== REG) return result(1, '', `unexpected program ${file}`);
    const [verb, key = ''] = args;
    const exists = this.keys.has(StatefulRegExe.short(key).toLowerCase());
    if (verb === 'export') {
      if (!exists) return result(1, '', 'ERROR: The system was unable to find the specified registry key or value.\r\n');
      writeFileSync(args[2]!, wineStyleExport(this.keys, StatefulRegExe.short(key)));
      return result(0, 'The operation completed successfully.\r\n');
    }
    if (verb === 'query') return result(exists ? 0 : 1);
    if (verb === 'import') {
      if (this.failImportWith) return result(this.failImportWith, '', 'ERROR: Error accessing the registry.\r\n');
      const bytes = readFileSync(args[1]!);
      if (bytes[0] !== 0xff || bytes[1] !== 0xfe) return result(1, '', 'not UTF-16LE');
      const text = bytes.subarray(2).toString('utf16le');
      this.imports.push(text);
      if (!this.ignoreImports) this.importText(text);
      return result(0, '', 'The operation completed successfully.\r\n');
    }
    return result(1, '', 'ERROR: Invalid syntax.');
  };
}

/** A regedit-like double: records calls, answers from overridable functions. */
export class FakeRegedit implements RegeditLike {
  readonly calls: { method: string; args: unknown[] }[] = [];
  vbsFolderExists = true;
  vbsLocation: string | undefined;
  items = new Map<string, RegeditItem>();
  list: (keys: readonly string[], arch?: RegeditArch) => Promise<Record<string, RegeditItem>> = async (keys) => {
    const out: Record<string, RegeditItem> = {};
    for (const k of keys) out[k] = this.items.get(k.toLowerCase()) ?? { exists: false, keys: [], values: {} };
    return out;
  };
  putValue: (map: Record<string, Record<string, { type: string; value: unknown }>>) => Promise<void> = async () => undefined;
  deleteValue: (keys: readonly string[]) => Promise<void> = async () => undefined;
  createKey: (keys: readonly string[]) => Promise<void> = async () => undefined;

  setExternalVBSLocation(dir: string): string {
    this.calls.push({ method: 'setExternalVBSLocation', args: [dir] });
    if (!this.vbsFolderExists) return 'Folder not found';
    this.vbsLocation = dir;
    return 'Folder found and set';
  }

  readonly promisified = {
    list: (keys: readonly string[], arch?: RegeditArch) => {
      this.calls.push({ method: 'list', args: [[...keys], arch] });
      return this.list(keys, arch);
    },
    putValue: (map: Record<string, Record<string, { type: string; value: unknown }>>, arch?: RegeditArch) => {
      this.calls.push({ method: 'putValue', args: [map, arch] });
      return this.putValue(map);
    },
    deleteValue: (keys: readonly string[], arch?: RegeditArch) => {
      this.calls.push({ method: 'deleteValue', args: [[...keys], arch] });
      return this.deleteValue(keys);
    },
    createKey: (keys: readonly string[], arch?: RegeditArch) => {
      this.calls.push({ method: 'createKey', args: [[...keys], arch] });
      return this.createKey(keys);
    },
  };

  methods(): string[] {
    return this.calls.map((c) => c.method);
  }
}

/** An error like the ones regedit rejects with (errors.js: an Error with a numeric code). */
export function regeditError(message: string, code?: number, description?: string): Error {
  const e = new Error(message) as Error & { code?: number; description?: string };
  if (code !== undefined) e.code = code;
  if (description !== undefined) e.description = description;
  return e;
}
