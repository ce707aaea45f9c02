import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegExeRegistry } from '../../../main/adapters/windows/reg-exe-registry.js';
import type { RegValue } from '../../../shared/registry-types.js';
import { FakeRegExe, FakeRunner, fixture, REG, result, StatefulRegExe } from './fake-runner.js';

const WU = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate';
let temp: string;

beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'wsus-doctor-test-'));
});
afterEach(() => {
  rmSync(temp, { recursive: true, force: true });
});

function fakeReg(): { reg: FakeRegExe; runner: FakeRunner; registry: RegExeRegistry } {
  const reg = new FakeRegExe();
  const runner = new FakeRunner(reg.handler);
  return { reg, runner, registry: new RegExeRegistry(runner, { regExe: REG, tempDir: temp }) };
}

function stateful(): { reg: StatefulRegExe; runner: FakeRunner; registry: RegExeRegistry } {
  const reg = new StatefulRegExe();
  const runner = new FakeRunner(reg.handler);
  return { reg, runner, registry: new RegExeRegistry(runner, { regExe: REG, tempDir: temp }) };
}

describe('reg.exe registry: export for a backup', () => {
  it('runs reg export KEY FILE /y into the given file, and says false for a key that does not exist', async () => {
    const { reg, runner, registry } = fakeReg();
    reg.setExport(WU, fixture('wu-policy-export.reg'));
    const file = join(temp, 'backup.1.reg');
    expect(await registry.exportKey(WU, file)).toBe(true);
    expect(runner.argvs()[0]).toEqual([REG, 'export', WU, file, '/y']);
    expect(await registry.exportKey(`${WU}\\AU`, join(temp, 'backup.2.reg'))).toBe(false);
    await expect(registry.exportKey('C:\\Windows\\System32', file)).rejects.toThrow();
    expect(runner.calls.every((c) => c.file === REG)).toBe(true);
  });
});

describe('reg.exe registry: reading', () => {
  it('exports the key to a private temporary file, parses it, and removes the file', async () => {
    const { reg, runner, registry } = fakeReg();
    reg.setExport(WU, fixture('wu-policy-export.reg'));
    const snap = await registry.readKey('HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\');
    expect(snap?.values.WUServer).toEqual({ type: 'REG_SZ', data: 'http://wsus01.contoso.local:8530' });
    expect(snap?.subkeys).toEqual(['AU']);
    expect(runner.calls).toHaveLength(1);
    const [call] = runner.calls;
    expect(call!.file).toBe(REG);
    expect(call!.args).toHaveLength(4);
    expect(call!.args.slice(0, 2)).toEqual(['export', WU]);
    expect(call!.args[2]).toMatch(/wsus-doctor-reg-[^/\\]+[/\\]export\.reg$/);
    expect(call!.args[2]!.startsWith(temp)).toBe(true);
    expect(call!.args[3]).toBe('/y');
    expect(call!.options?.timeoutMs).toBe(60_000);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('returns null for a missing key, decided by exit codes only', async () => {
    const { runner, registry } = fakeReg();
    expect(await registry.readKey(`${WU}\\AU`)).toBeNull();
    expect(runner.argvs().map((a) => a.filter((x) => !x.endsWith('export.reg')))).toEqual([
      [REG, 'export', `${WU}\\AU`, '/y'],
      [REG, 'query', `${WU}\\AU`],
      [REG, 'query', WU, '/k', '/f', 'AU', '/e'],
    ]);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('does not mistake a key it may not read for a missing one', async () => {
    const { reg, registry } = fakeReg();
    reg.unreadable.add(`${WU}\\AU`.toLowerCase());
    await expect(registry.readKey(`${WU}\\AU`)).rejects.toThrow(/exists but could not be read/);
  });

  it('reports an export failure when the key exists', async () => {
    const runner = new FakeRunner((_f, args) => (args[0] === 'export' ? result(1, '', 'ERROR: Access is denied.') : result(0)));
    const registry = new RegExeRegistry(runner, { regExe: REG, tempDir: temp });
    await expect(registry.readKey(WU)).rejects.toThrow(/could not export HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate \(exit code 1\): ERROR: Access is denied\./);
  });

  it('reports an export that has no section for the key', async () => {
    const { reg, registry } = fakeReg();
    reg.setExport(WU, Buffer.from('\ufeffWindows Registry Editor Version 5.00\r\n', 'utf16le'));
    await expect(registry.readKey(WU)).rejects.toThrow(/no section/);
  });

  it('rejects invalid key paths without running anything', async () => {
    const { runner, registry } = fakeReg();
    await expect(registry.readKey('SOFTWARE\\Policies')).rejects.toThrow(/known hive/);
    await expect(registry.readKey('HKLM\\a\nb')).rejects.toThrow(/control characters/);
    expect(runner.calls).toEqual([]);
  });

  it('cleans up when reg.exe cannot be started', async () => {
    const runner = new FakeRunner(() => {
      throw new Error('Could not start C:\\Windows\\System32\\reg.exe: ENOENT');
    });
    const registry = new RegExeRegistry(runner, { regExe: REG, tempDir: temp });
    await expect(registry.readKey(WU)).rejects.toThrow(/ENOENT/);
    expect(readdirSync(temp)).toEqual([]);
  });
});

describe('reg.exe registry: writing', () => {
  it('imports a UTF-16LE .reg file; data never appears on the command line', async () => {
    const { reg, runner, registry } = stateful();
    const secret = 'http://wsus01.contoso.local:8530/"quoted" & %PATH%';
    await registry.setValue(WU, 'WUServer', { type: 'REG_SZ', data: secret });
    const importCall = runner.calls.find((c) => c.args[0] === 'import')!;
    expect(importCall.file).toBe(REG);
    expect(importCall.args).toHaveLength(2);
    expect(importCall.args[1]).toMatch(/wsus-doctor-reg-[^/\\]+[/\\]change\.reg$/);
    expect(importCall.importedBytes!.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect(importCall.importedBytes!.subarray(2).toString('utf16le')).toBe(
      'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate]\r\n"WUServer"="http://wsus01.contoso.local:8530/\\"quoted\\" & %PATH%"\r\n\r\n',
    );
    for (const c of runner.calls) for (const a of c.args) expect(a).not.toContain('wsus01');
    expect(reg.get(WU, 'WUServer')?.data.toString('utf16le')).toBe(`${secret}\0`);
    // Read back to verify.
    expect(runner.calls.map((c) => c.args[0])).toEqual(['import', 'export']);
    expect(readdirSync(temp)).toEqual([]);
  });

  const values: [string, RegValue][] = [
    ['sz', { type: 'REG_SZ', data: 'C:\\Program Files\\Update Services\\' }],
    ['sz-newlines', { type: 'REG_SZ', data: 'line1\r\nline2\nline3' }],
    ['sz-empty', { type: 'REG_SZ', data: '' }],
    ['sz-japanese', { type: 'REG_SZ', data: '自動更新 "WSUS" \\ %windir%' }],
    ['sz-long', { type: 'REG_SZ', data: 'y'.repeat(10_000) }],
    ['expand', { type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\system32' }],
    ['multi', { type: 'REG_MULTI_SZ', data: ['a', 'b, c', '', 'd\ne'] }],
    ['multi-empty', { type: 'REG_MULTI_SZ', data: [] }],
    ['dword', { type: 'REG_DWORD', data: 0xffffffff }],
    ['qword', { type: 'REG_QWORD', data: '18446744073709551615' }],
    ['binary', { type: 'REG_BINARY', data: '0102feff' }],
    ['none', { type: 'REG_NONE', data: '' }],
  ];

  it.each(values)('writes %s and reads it back exactly', async (name, value) => {
    const { registry } = stateful();
    await registry.setValue(`${WU}\\AU`, name, value);
    const snap = await registry.readKey(`${WU}\\AU`);
    expect(snap?.values[name]).toEqual(value);
  });

  it('writes the default value', async () => {
    const { registry } = stateful();
    await registry.setValue('HKCU\\Software\\T', '', { type: 'REG_SZ', data: 'default' });
    expect((await registry.readKey('HKCU\\Software\\T'))?.values['']).toEqual({ type: 'REG_SZ', data: 'default' });
  });

  it('fails clearly when reg import fails (not elevated)', async () => {
    const { reg, registry } = stateful();
    reg.failImportWith = 1;
    await expect(registry.setValue(WU, 'WUServer', { type: 'REG_SZ', data: 'x' })).rejects.toThrow(/reg.exe import failed \(exit code 1\): ERROR: Error accessing the registry\. Changing HKLM needs administrator rights\./);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('notices an import that reported success but changed nothing', async () => {
    const { reg, registry } = stateful();
    reg.ensure(WU);
    reg.ignoreImports = true;
    await expect(registry.setValue(WU, 'WUServer', { type: 'REG_SZ', data: 'x' })).rejects.toThrow(/does not read back as written/);
  });

  it('rejects invalid input before running anything', async () => {
    const { runner, registry } = stateful();
    await expect(registry.setValue(WU, 'a\nb', { type: 'REG_SZ', data: 'x' })).rejects.toThrow(/control characters/);
    await expect(registry.setValue(WU, 'a', { type: 'REG_DWORD', data: -1 })).rejects.toThrow(/REG_DWORD/);
    await expect(registry.setValue('HKLM', 'a', { type: 'REG_SZ', data: 'x' })).rejects.toThrow(/root of a hive/);
    expect(runner.calls).toEqual([]);
  });
});

describe('reg.exe registry: deleting', () => {
  it('deletes a present value with "Name"=- (matching its case) and verifies', async () => {
    const { reg, runner, registry } = stateful();
    reg.set(WU, 'WSUServer', 1, Buffer.from('x\0', 'utf16le'));
    reg.set(WU, 'WUServer', 1, Buffer.from('y\0', 'utf16le'));
    await registry.deleteValue(WU, 'wsuserver');
    expect(reg.imports).toEqual(['Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate]\r\n"WSUServer"=-\r\n\r\n']);
    expect(reg.get(WU, 'WSUServer')).toBeUndefined();
    expect(reg.get(WU, 'WUServer')).toBeDefined();
    expect(runner.calls.map((c) => c.args[0])).toEqual(['export', 'import', 'export']);
  });

  it('succeeds without importing anything when the value is absent', async () => {
    const { reg, registry } = stateful();
    reg.ensure(WU);
    await registry.deleteValue(WU, 'Nope');
    expect(reg.imports).toEqual([]);
  });

  it('does not create a missing key', async () => {
    const { reg, registry } = stateful();
    await registry.deleteValue(`${WU}\\AU`, 'UseWUServer');
    expect(reg.imports).toEqual([]);
    expect(reg.keys.size).toBe(0);
  });
});
