import { describe, expect, it } from 'vitest';
import {
  buildRegFile,
  checkKeyPath,
  decodeRegFileBytes,
  encodeRegFileText,
  formatRegValueLine,
  joinMultiSz,
  parseRegFile,
  RegFileInputError,
  sameRegValue,
  snapshotFromRegFile,
  splitMultiSz,
} from '../../../main/adapters/windows/reg-file.js';
import type { RegValue } from '../../../shared/registry-types.js';
import { fixture } from './fake-runner.js';

const utf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

describe('.reg parser on realistic exports', () => {
  it('reads the Windows Update policy key and its AU subkey (UTF-16LE with BOM)', () => {
    const bytes = fixture('wu-policy-export.reg');
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    const wu = snapshotFromRegFile(bytes, 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate');
    expect(wu.format).toBe('regedit5');
    expect(wu.problems).toEqual([]);
    expect(wu.snapshot).toEqual({
      path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate',
      values: {
        WUServer: { type: 'REG_SZ', data: 'http://wsus01.contoso.local:8530' },
        WUStatusServer: { type: 'REG_SZ', data: 'http://wsus01.contoso.local:8530' },
        TargetGroup: { type: 'REG_SZ', data: 'Workstations;Pilot' },
        TargetGroupEnabled: { type: 'REG_DWORD', data: 1 },
        ElevateNonAdmins: { type: 'REG_DWORD', data: 0 },
        DoNotConnectToWindowsUpdateInternetLocations: { type: 'REG_DWORD', data: 1 },
      },
      subkeys: ['AU'],
    });
    const au = snapshotFromRegFile(bytes, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU');
    expect(au.snapshot?.values).toMatchObject({ UseWUServer: { type: 'REG_DWORD', data: 1 }, AUOptions: { type: 'REG_DWORD', data: 3 }, DetectionFrequency: { type: 'REG_DWORD', data: 22 } });
    expect(au.snapshot?.subkeys).toEqual([]);
  });

  it('reads a service key: hex(2) ImagePath, hex(7) lists, wrapped binary, direct children only', () => {
    const s = snapshotFromRegFile(fixture('wuauserv-export.reg'), 'hklm\\system\\currentcontrolset\\services\\WUAUSERV');
    expect(s.problems).toEqual([]);
    const snap = s.snapshot!;
    expect(snap.path).toBe('HKLM\\SYSTEM\\CurrentControlSet\\Services\\wuauserv');
    expect(snap.subkeys).toEqual(['Parameters', 'Security', 'TriggerInfo']);
    expect(snap.values.ImagePath).toEqual({ type: 'REG_EXPAND_SZ', data: '%systemroot%\\system32\\svchost.exe -k netsvcs -p' });
    expect(snap.values.DependOnService).toEqual({ type: 'REG_MULTI_SZ', data: ['rpcss'] });
    expect(snap.values.Description).toEqual({ type: 'REG_SZ', data: '@%systemroot%\\system32\\wuaueng.dll,-106' });
    expect(snap.values.Start).toEqual({ type: 'REG_DWORD', data: 2 });
    expect(snap.values.DelayedAutostart).toEqual({ type: 'REG_DWORD', data: 1 });
    expect(snap.values.FailureActions).toEqual({ type: 'REG_BINARY', data: '8051010000000000000000000300000014000000010000006000ea0000000000000000000000000000000000' });
    expect((snap.values.RequiredPrivileges as { data: string[] }).data).toHaveLength(18);
    // Values of child sections are not mixed in.
    expect(snap.values.ServiceDll).toBeUndefined();
    const params = snapshotFromRegFile(fixture('wuauserv-export.reg'), 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\wuauserv\\Parameters').snapshot!;
    expect(params.values.ServiceDll).toEqual({ type: 'REG_EXPAND_SZ', data: '%systemroot%\\system32\\wuaueng.dll' });
  });

  it('reads every type, escapes, the default value, Japanese text and a 10 000-character string', () => {
    const s = snapshotFromRegFile(fixture('all-types-export.reg'), 'HKCU\\Software\\WsusDoctorTest');
    expect(s.problems).toEqual([]);
    const v = s.snapshot!.values;
    expect(v['']).toEqual({ type: 'REG_SZ', data: 'the default value' });
    expect(v.String).toEqual({ type: 'REG_SZ', data: 'plain text' });
    expect(v.Path).toEqual({ type: 'REG_SZ', data: 'C:\\Program Files\\Update Services\\' });
    expect(v['Quotes & more']).toEqual({ type: 'REG_SZ', data: 'say "hi" & 100% %PATH% <tag> \'single\'' });
    expect(v.Empty).toEqual({ type: 'REG_SZ', data: '' });
    expect(v['日本語の名前']).toEqual({ type: 'REG_SZ', data: '自動更新を構成する' });
    expect(v.Long).toEqual({ type: 'REG_SZ', data: Array.from({ length: 10_000 }, (_, i) => String.fromCharCode(0x41 + (i % 26))).join('') });
    expect(v.Expand).toEqual({ type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\system32\\wuaueng.dll' });
    expect(v.Multi).toEqual({ type: 'REG_MULTI_SZ', data: ['first', 'second, with comma', '', '日本語'] });
    expect(v.EmptyMulti).toEqual({ type: 'REG_MULTI_SZ', data: [] });
    expect(v.Dword).toEqual({ type: 'REG_DWORD', data: 31 });
    expect(v.DwordMax).toEqual({ type: 'REG_DWORD', data: 4294967295 });
    expect(v.Qword).toEqual({ type: 'REG_QWORD', data: '18446744073709551615' });
    expect(v.QwordSmall).toEqual({ type: 'REG_QWORD', data: String(0x1d8c6a3e4f5a6b7n) });
    expect(v.Binary).toEqual({ type: 'REG_BINARY', data: '0102feff' });
    expect(v.EmptyBinary).toEqual({ type: 'REG_BINARY', data: '' });
    expect(v.None).toEqual({ type: 'REG_NONE', data: '0001' });
    expect(v.SzAsHex).toEqual({ type: 'REG_SZ', data: 'line one\r\nline two' });
    expect(v.WineEscapes).toEqual({ type: 'REG_SZ', data: 'tab\there? no: line1\nline2\r\nend' });
    expect(s.snapshot!.subkeys).toEqual(['Child One', 'child2']);
  });

  it('reads REGEDIT4 (ANSI) and UTF-8 files', () => {
    const ansi = snapshotFromRegFile(fixture('regedit4-ansi.reg'), 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate');
    expect(ansi.format).toBe('regedit4');
    expect(ansi.snapshot?.values).toEqual({
      WUServer: { type: 'REG_SZ', data: 'http://wsus01:8530' },
      Expand: { type: 'REG_EXPAND_SZ', data: '%windir%\\café' },
      Multi: { type: 'REG_MULTI_SZ', data: ['a', 'b'] },
    });
    const utf8 = snapshotFromRegFile(fixture('utf8-bom.reg'), 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU');
    expect(decodeRegFileBytes(fixture('utf8-bom.reg')).encoding).toBe('utf-8');
    expect(utf8.snapshot?.values).toEqual({ UseWUServer: { type: 'REG_DWORD', data: 1 }, Note: { type: 'REG_SZ', data: 'ü' } });
  });

  it('decodes UTF-16 without a BOM, UTF-16BE and ANSI', () => {
    const text = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"a"="é"\r\n';
    expect(decodeRegFileBytes(Buffer.from(text, 'utf16le'))).toEqual({ text, encoding: 'utf-16le' });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    expect(decodeRegFileBytes(be)).toEqual({ text, encoding: 'utf-16be' });
    expect(decodeRegFileBytes(Buffer.from(text, 'latin1'))).toEqual({ text, encoding: 'ansi' });
  });

  it('joins a string that holds raw line breaks, keeping CRLF and LF as they were', () => {
    const text = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"a"="one\r\ntwo\nthree"\r\n"b"=dword:00000002\r\n';
    const s = snapshotFromRegFile(utf16(text), 'HKLM\\X');
    expect(s.snapshot?.values).toEqual({ a: { type: 'REG_SZ', data: 'one\r\ntwo\nthree' }, b: { type: 'REG_DWORD', data: 2 } });
  });

  it('continuation lines with spaces, tabs and upper-case hex', () => {
    const text = 'Windows Registry Editor Version 5.00\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"b"=hex:01,02,\\\r\n    03,0A,\\\r\n\t  FF\r\n"d" = DWORD:0000001F\r\n';
    const s = snapshotFromRegFile(utf16(text), 'HKLM\\X');
    expect(s.snapshot?.values).toEqual({ b: { type: 'REG_BINARY', data: '0102030aff' }, d: { type: 'REG_DWORD', data: 31 } });
  });

  it('returns null when the file has no section for the key, and ignores deleted sections', () => {
    const text = 'Windows Registry Editor Version 5.00\r\n\r\n[-HKEY_LOCAL_MACHINE\\X]\r\n[HKEY_LOCAL_MACHINE\\Y]\r\n"a"="b"\r\n';
    expect(snapshotFromRegFile(utf16(text), 'HKLM\\X').snapshot).toBeNull();
    expect(snapshotFromRegFile(utf16(text), 'HKLM\\Z').snapshot).toBeNull();
    expect(parseRegFile(utf16(text)).sections.map((s) => [s.path, s.deleteKey])).toEqual([
      ['HKLM\\X', true],
      ['HKLM\\Y', false],
    ]);
  });

  it('treats value names case-insensitively (last write wins, first spelling kept) and keeps "__proto__" as a value', () => {
    const text = 'Windows Registry Editor Version 5.00\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"WUServer"="a"\r\n"wuserver"="b"\r\n"__proto__"="c"\r\n"gone"="x"\r\n"GONE"=-\r\n';
    const s = snapshotFromRegFile(utf16(text), 'HKLM\\X').snapshot!;
    expect(Object.keys(s.values)).toEqual(['WUServer', '__proto__']);
    expect(s.values.WUServer).toEqual({ type: 'REG_SZ', data: 'b' });
    expect(Object.getOwnPropertyDescriptor(s.values, '__proto__')?.value).toEqual({ type: 'REG_SZ', data: 'c' });
    expect(Object.getPrototypeOf(s.values)).toBe(Object.prototype);
  });

  it('keeps unknown types as REG_BINARY, and odd-sized dwords and qwords too, with a note', () => {
    const text = 'Windows Registry Editor Version 5.00\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"link"=hex(6):41,00\r\n"be"=hex(5):00,00,00,01\r\n"d"=hex(4):01,00,00,00\r\n"short"=hex(4):\r\n"q"=hex(b):01,02\r\n';
    const s = snapshotFromRegFile(utf16(text), 'HKLM\\X');
    expect(s.snapshot?.values).toEqual({
      link: { type: 'REG_BINARY', data: '4100' },
      be: { type: 'REG_BINARY', data: '00000001' },
      d: { type: 'REG_DWORD', data: 1 },
      short: { type: 'REG_BINARY', data: '' },
      q: { type: 'REG_BINARY', data: '0102' },
    });
    expect(s.problems).toHaveLength(4);
  });
});

describe('.reg parser on garbage', () => {
  const garbage: (string | Uint8Array)[] = [
    '',
    '\0\0\0',
    'REGEDIT4',
    '[',
    ']]]]',
    '[HKEY_LOCAL_MACHINE\\X',
    '[HKEY_LOCAL_MACHINE\\X]\n"unterminated=dword:1',
    '[HKEY_LOCAL_MACHINE\\X]\n"a"=dword:xyz\n"b"=hex:zz,01\n"c"=hex(2):0\n"d"=qword:5\n"e"\n@@@\n=\n"f"="never closed',
    '[HKEY_LOCAL_MACHINE\\X]\n"a"=hex:01,\\',
    '"value before any section"="x"',
    Buffer.from([0xff, 0xfe, 0x00]),
    Buffer.from([0xfe, 0xff, 0x00, 0x5b, 0x00]),
    new Uint8Array(1000).map((_, i) => (i * 7919) % 256),
  ];

  it.each(garbage.map((g, i) => [i, g] as const))('input %i never throws', (_i, input) => {
    expect(() => parseRegFile(input)).not.toThrow();
    const s = snapshotFromRegFile(input, 'HKLM\\X');
    expect(s.snapshot === null || typeof s.snapshot === 'object').toBe(true);
  });

  it('lists problems and still reads the good values', () => {
    const s = snapshotFromRegFile('[HKEY_LOCAL_MACHINE\\X]\n"a"=dword:xyz\n"ok"=dword:00000005\n"b"=hex:zz\n"e"\ngarbage line\n', 'HKLM\\X');
    expect(s.snapshot?.values).toEqual({ ok: { type: 'REG_DWORD', data: 5 } });
    expect(s.problems.length).toBeGreaterThanOrEqual(3);
    expect(s.problems.every((p) => /^line \d+: /.test(p))).toBe(true);
  });

  it('a broken string does not swallow the sections after it', () => {
    const text = '[HKEY_LOCAL_MACHINE\\X]\n"a"="unterminated\n"b"=dword:00000001\n[HKEY_LOCAL_MACHINE\\X\\Child]\n"c"="d"\n';
    const s = snapshotFromRegFile(text, 'HKLM\\X');
    expect(s.snapshot).toEqual({ path: 'HKLM\\X', values: { b: { type: 'REG_DWORD', data: 1 } }, subkeys: ['Child'] });
    expect(s.problems).toEqual(['line 2: the string value "a" has no closing quote']);
  });

  it('survives random truncation and corruption of a real export', () => {
    const base = fixture('all-types-export.reg');
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const bytes = Buffer.from(base.subarray(0, rand(base.length)));
      for (let k = 0; k < 5; k++) if (bytes.length) bytes[rand(bytes.length)] = rand(256);
      expect(() => snapshotFromRegFile(bytes, 'HKCU\\Software\\WsusDoctorTest')).not.toThrow();
    }
  });

  it('does not take non-strings and non-buffers', () => {
    expect(parseRegFile(42 as unknown as string).sections).toEqual([]);
    expect(snapshotFromRegFile(null as unknown as string, 'HKLM\\X').snapshot).toBeNull();
  });
});

describe('key paths', () => {
  it('normalises and expands hives', () => {
    expect(checkKeyPath('HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\')).toEqual({ ok: true, path: 'HKLM\\SOFTWARE\\Policies', longPath: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies' });
    expect(checkKeyPath('hkcu\\Software\\日本')).toEqual({ ok: true, path: 'HKCU\\Software\\日本', longPath: 'HKEY_CURRENT_USER\\Software\\日本' });
    expect(checkKeyPath('HKLM')).toMatchObject({ ok: true, path: 'HKLM' });
  });

  it.each([
    ['', 'empty'],
    ['SOFTWARE\\Policies', 'hive'],
    ['HKXX\\A', 'hive'],
    ['HKLM\\A\\\\B', 'empty key name'],
    ['HKLM\\A\nB', 'control'],
    ['HKLM\\A\0B', 'control'],
    ['HKLM/SOFTWARE', '"/"'],
    [`HKLM\\${'x'.repeat(256)}`, 'longer than 255'],
  ])('rejects %j', (path, why) => {
    const r = checkKeyPath(path);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(why);
  });

  it('refuses brackets and the bare hive for writing only', () => {
    expect(checkKeyPath('HKLM\\A]B').ok).toBe(true);
    expect(checkKeyPath('HKLM\\A]B', 'write').ok).toBe(false);
    expect(checkKeyPath('HKLM', 'write').ok).toBe(false);
  });
});

describe('.reg generator', () => {
  it('writes the exact file reg.exe import expects', () => {
    const text = buildRegFile([
      { kind: 'set', key: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate', name: 'WUServer', value: { type: 'REG_SZ', data: 'http://wsus01:8530' } },
      { kind: 'delete', key: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate', name: 'WSUServer' },
      { kind: 'set', key: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU', name: 'UseWUServer', value: { type: 'REG_DWORD', data: 1 } },
      { kind: 'delete', key: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU', name: '' },
    ]);
    expect(text).toBe(
      [
        'Windows Registry Editor Version 5.00',
        '',
        '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate]',
        '"WUServer"="http://wsus01:8530"',
        '"WSUServer"=-',
        '',
        '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU]',
        '"UseWUServer"=dword:00000001',
        '@=-',
        '',
        '',
      ].join('\r\n'),
    );
    const bytes = encodeRegFileText(text);
    expect([...bytes.subarray(0, 4)]).toEqual([0xff, 0xfe, 0x57, 0x00]);
    const parsed = parseRegFile(bytes);
    expect(parsed.problems).toEqual([]);
    expect(parsed.sections[0]!.deletedValues).toEqual(['WSUServer']);
    expect(parsed.sections[1]!.deletedValues).toEqual(['']);
  });

  it('escapes quotes and backslashes; sends control characters as hex(1)', () => {
    expect(formatRegValueLine('a"b\\c', { type: 'REG_SZ', data: 'C:\\x\\"y"\\' })).toBe('"a\\"b\\\\c"="C:\\\\x\\\\\\"y\\"\\\\"');
    expect(formatRegValueLine('n', { type: 'REG_SZ', data: 'a\nb' })).toBe('"n"=hex(1):61,00,0a,00,62,00,00,00');
    expect(formatRegValueLine('', { type: 'REG_DWORD', data: 0xffffffff })).toBe('@=dword:ffffffff');
    expect(formatRegValueLine('q', { type: 'REG_QWORD', data: '1' })).toBe('"q"=hex(b):01,00,00,00,00,00,00,00');
    expect(formatRegValueLine('b', { type: 'REG_BINARY', data: 'ABCDEF' })).toBe('"b"=hex:ab,cd,ef');
    expect(formatRegValueLine('e', { type: 'REG_BINARY', data: '' })).toBe('"e"=hex:');
    expect(formatRegValueLine('z', { type: 'REG_NONE', data: '00' })).toBe('"z"=hex(0):00');
  });

  it('wraps long hex data like regedit, every line at most 80 characters', () => {
    const line = formatRegValueLine('RequiredPrivileges', { type: 'REG_MULTI_SZ', data: ['SeAuditPrivilege', 'SeCreateGlobalPrivilege', 'SeTcbPrivilege'] });
    const lines = line.split('\r\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines.slice(0, -1).every((l) => l.endsWith(',\\'))).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith('  '))).toBe(true);
  });

  it.each([
    ['NUL in a string', 'n', { type: 'REG_SZ', data: 'a\0b' }],
    ['NUL in a list', 'n', { type: 'REG_MULTI_SZ', data: ['a\0'] }],
    ['line break in a name', 'a\nb', { type: 'REG_SZ', data: 'x' }],
    ['tab in a name', 'a\tb', { type: 'REG_SZ', data: 'x' }],
    ['negative dword', 'n', { type: 'REG_DWORD', data: -1 }],
    ['dword too big', 'n', { type: 'REG_DWORD', data: 2 ** 32 }],
    ['fractional dword', 'n', { type: 'REG_DWORD', data: 1.5 }],
    ['qword too big', 'n', { type: 'REG_QWORD', data: '18446744073709551616' }],
    ['qword not digits', 'n', { type: 'REG_QWORD', data: '-1' }],
    ['odd hex', 'n', { type: 'REG_BINARY', data: 'abc' }],
    ['not hex', 'n', { type: 'REG_BINARY', data: 'zz' }],
    ['unknown type', 'n', { type: 'REG_LINK', data: '' }],
    ['string as list', 'n', { type: 'REG_MULTI_SZ', data: 'a' }],
  ])('rejects %s', (_what, name, value) => {
    expect(() => formatRegValueLine(name, value as RegValue)).toThrow(RegFileInputError);
  });

  it('rejects bad key paths', () => {
    expect(() => buildRegFile([{ kind: 'set', key: 'HKLM', name: 'a', value: { type: 'REG_SZ', data: 'x' } }])).toThrow(RegFileInputError);
    expect(() => buildRegFile([{ kind: 'delete', key: 'SOFTWARE\\X', name: 'a' }])).toThrow(RegFileInputError);
    expect(() => buildRegFile([{ kind: 'delete', key: 'HKLM\\[X]', name: 'a' }])).toThrow(RegFileInputError);
  });
});

describe('generator → parser round trip', () => {
  const hostile = [
    '',
    'plain',
    'http://wsus01.contoso.local:8530',
    'C:\\Program Files\\Update Services\\',
    '\\',
    '\\\\server\\share\\',
    '"',
    '""=-',
    '"=-\r\n[HKEY_LOCAL_MACHINE\\Evil]\r\n"x"="y',
    'say "hi" & 100% %PATH% %SystemRoot%\\system32',
    '[HKEY_LOCAL_MACHINE\\Not\\A\\Section]',
    '; not a comment',
    '@',
    '  leading and trailing spaces  ',
    'line1\nline2',
    'line1\r\nline2\r\n',
    '\r',
    'tab\tseparated',
    'bell\u0007 and escape \u001b',
    'DEL\u007f',
    'next line\u0085 line separator\u2028 paragraph\u2029',
    '日本語の自動更新 ー WSUS サーバー',
    'emoji 🛠️ and 𝄞',
    'lone surrogate \ud800 here',
    'backslash n \\n and backslash r \\r and backslash zero \\0',
    'x'.repeat(10_000),
    `${'ü'.repeat(5000)}\n${'あ'.repeat(5000)}`,
  ];
  const names = ['', 'WUServer', 'a"b', 'back\\slash', 'equals=sign', '[section]', '@', '日本語', 'with space', '__proto__', 'x'.repeat(300)];

  function roundTrip(name: string, value: RegValue): RegValue | undefined {
    const text = buildRegFile([{ kind: 'set', key: 'HKLM\\SOFTWARE\\WsusDoctorTest', name, value }]);
    const s = snapshotFromRegFile(encodeRegFileText(text), 'HKLM\\SOFTWARE\\WsusDoctorTest');
    expect(s.problems).toEqual([]);
    expect(Object.keys(s.snapshot!.values)).toEqual([name]);
    return Object.getOwnPropertyDescriptor(s.snapshot!.values, name)?.value as RegValue | undefined;
  }

  it.each(hostile.map((s) => [JSON.stringify(s).slice(0, 60), s] as const))('REG_SZ and REG_EXPAND_SZ %s', (_label, s) => {
    expect(roundTrip('v', { type: 'REG_SZ', data: s })).toEqual({ type: 'REG_SZ', data: s });
    expect(roundTrip('v', { type: 'REG_EXPAND_SZ', data: s })).toEqual({ type: 'REG_EXPAND_SZ', data: s });
  });

  it('REG_MULTI_SZ, including empty lists, empty items and hostile items', () => {
    for (const data of [[], [''], ['', ''], ['a', '', 'b'], ['a,b', 'c'], hostile, ['x'.repeat(10_000)]]) {
      expect(roundTrip('m', { type: 'REG_MULTI_SZ', data })).toEqual({ type: 'REG_MULTI_SZ', data });
    }
  });

  it('REG_DWORD, REG_QWORD, REG_BINARY, REG_NONE', () => {
    for (const data of [0, 1, 22, 0x7fffffff, 0x80000000, 0xffffffff]) expect(roundTrip('d', { type: 'REG_DWORD', data })).toEqual({ type: 'REG_DWORD', data });
    for (const data of ['0', '1', '9007199254740993', '18446744073709551615']) expect(roundTrip('q', { type: 'REG_QWORD', data })).toEqual({ type: 'REG_QWORD', data });
    const big = Buffer.alloc(5000, 0xab).toString('hex');
    for (const data of ['', '00', '0102feff', big]) {
      expect(roundTrip('b', { type: 'REG_BINARY', data })).toEqual({ type: 'REG_BINARY', data });
      expect(roundTrip('n', { type: 'REG_NONE', data })).toEqual({ type: 'REG_NONE', data });
    }
    expect(roundTrip('b', { type: 'REG_BINARY', data: 'ABCDEF' })).toEqual({ type: 'REG_BINARY', data: 'abcdef' });
  });

  it.each(names.map((n) => [n.slice(0, 40), n] as const))('value name %j', (_label, name) => {
    expect(roundTrip(name, { type: 'REG_SZ', data: 'x' })).toEqual({ type: 'REG_SZ', data: 'x' });
  });

  it('many values in one file, one section per key', () => {
    const values: [string, RegValue][] = hostile.map((s, i) => [`v${i}`, { type: 'REG_SZ', data: s }]);
    const text = buildRegFile(values.map(([name, value]) => ({ kind: 'set' as const, key: 'HKCU\\Software\\T', name, value })));
    expect(text.match(/^\[/gm)).toHaveLength(1);
    const snap = snapshotFromRegFile(encodeRegFileText(text), 'HKCU\\Software\\T').snapshot!;
    expect(snap.values).toEqual(Object.fromEntries(values));
  });
});

describe('helpers', () => {
  it('splits and joins REG_MULTI_SZ text', () => {
    expect(splitMultiSz('')).toEqual([]);
    expect(splitMultiSz('\0')).toEqual([]);
    expect(splitMultiSz('a\0b\0\0')).toEqual(['a', 'b']);
    expect(splitMultiSz('a\0b')).toEqual(['a', 'b']);
    expect(joinMultiSz(['a', 'b'])).toBe('a\0b\0\0');
    expect(joinMultiSz([])).toBe('\0');
  });

  it('compares values as the registry stores them', () => {
    expect(sameRegValue({ type: 'REG_QWORD', data: '007' }, { type: 'REG_QWORD', data: '7' })).toBe(true);
    expect(sameRegValue({ type: 'REG_BINARY', data: 'AB' }, { type: 'REG_BINARY', data: 'ab' })).toBe(true);
    expect(sameRegValue({ type: 'REG_SZ', data: '1' }, { type: 'REG_DWORD', data: 1 })).toBe(false);
    expect(sameRegValue({ type: 'REG_MULTI_SZ', data: ['a'] }, { type: 'REG_MULTI_SZ', data: ['a', ''] })).toBe(false);
    expect(sameRegValue(undefined, { type: 'REG_SZ', data: '' })).toBe(false);
  });
});
