import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegistryAccessError } from '../../../main/adapters/windows/reg-exe-registry.js';
import { scriptHostDisabledValue, selectRegistryBackend, type RegistryBackendOptions } from '../../../main/adapters/windows/registry-backend.js';
import { KEYS } from '../../../shared/registry-types.js';
import { FakeRegedit, FakeRunner, REG, regeditError, StatefulRegExe } from './fake-runner.js';

const WU = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate';
const CSCRIPT = 'C:\\Windows\\System32\\cscript.exe';
let temp: string;

beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'wsus-doctor-test-'));
});
afterEach(() => {
  rmSync(temp, { recursive: true, force: true });
});

function setup(options: Partial<RegistryBackendOptions> = {}) {
  const reg = new StatefulRegExe();
  const runner = new FakeRunner(reg.handler);
  const regedit = new FakeRegedit();
  const opts = (): RegistryBackendOptions => ({
    regedit,
    vbsDir: 'C:\\tool\\vbs',
    fileExists: (p) => p === CSCRIPT,
    cscriptPath: CSCRIPT,
    regExe: { regExe: REG, tempDir: temp },
    ...options,
  });
  return { reg, runner, regedit, select: () => selectRegistryBackend(runner, opts()) };
}

const dword = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

describe('choosing the backend', () => {
  it('uses regedit when Windows Script Host works', async () => {
    const { regedit, runner, select } = setup();
    const registry = await select();
    expect(registry.backend).toBe('regedit (Windows Script Host)');
    expect(registry.decision).toEqual({ backend: 'regedit' });
    expect(regedit.vbsLocation).toBe('C:\\tool\\vbs');
    expect(regedit.calls.find((c) => c.method === 'list')?.args).toEqual([[KEYS.scriptHostSettings], 'A']);
    // The policy check read HKLM and HKCU Script Host settings with reg.exe.
    // (Both keys are missing here: export fails, then the key and its parent's listing are queried.)
    expect(runner.calls.map((c) => [c.args[0], c.args[1]])).toEqual([
      ['export', KEYS.scriptHostSettings],
      ['query', KEYS.scriptHostSettings],
      ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows Script Host'],
      ['export', 'HKCU\\SOFTWARE\\Microsoft\\Windows Script Host\\Settings'],
      ['query', 'HKCU\\SOFTWARE\\Microsoft\\Windows Script Host\\Settings'],
      ['query', 'HKCU\\SOFTWARE\\Microsoft\\Windows Script Host'],
    ]);
  });

  it('falls back when Windows Script Host is disabled by policy (DWORD 0)', async () => {
    const { reg, regedit, select } = setup();
    reg.set(KEYS.scriptHostSettings, 'Enabled', 4, dword(0));
    const registry = await select();
    expect(registry.backend).toBe('reg.exe (fallback: Windows Script Host is disabled by policy)');
    expect(regedit.methods()).toEqual([]);
  });

  it('falls back when it is disabled as the string "0"', async () => {
    const { reg, select } = setup();
    reg.set(KEYS.scriptHostSettings, 'Enabled', 1, Buffer.from('0\0', 'utf16le'));
    expect((await select()).backend).toBe('reg.exe (fallback: Windows Script Host is disabled by policy)');
  });

  it('falls back when it is disabled for the user, unless the machine ignores user settings', async () => {
    const a = setup();
    a.reg.set('HKCU\\SOFTWARE\\Microsoft\\Windows Script Host\\Settings', 'Enabled', 4, dword(0));
    expect((await a.select()).backend).toBe('reg.exe (fallback: Windows Script Host is disabled for this user)');
    const b = setup();
    b.reg.set('HKCU\\SOFTWARE\\Microsoft\\Windows Script Host\\Settings', 'Enabled', 4, dword(0));
    b.reg.set(KEYS.scriptHostSettings, 'IgnoreUserSettings', 4, dword(1));
    expect((await b.select()).backend).toBe('regedit (Windows Script Host)');
  });

  it('Enabled = 1 does not disable it', () => {
    expect(scriptHostDisabledValue({ path: 'x', subkeys: [], values: { enabled: { type: 'REG_DWORD', data: 1 } } })).toBe(false);
    expect(scriptHostDisabledValue({ path: 'x', subkeys: [], values: { ENABLED: { type: 'REG_DWORD', data: 0 } } })).toBe(true);
    expect(scriptHostDisabledValue(null)).toBe(false);
  });

  it('falls back when cscript.exe is missing', async () => {
    const { regedit, select } = setup({ fileExists: () => false });
    expect((await select()).backend).toBe('reg.exe (fallback: cscript.exe was not found (C:\\Windows\\System32\\cscript.exe))');
    expect(regedit.methods()).toEqual([]);
  });

  it("falls back when regedit's vbs folder is missing", async () => {
    expect((await setup({ vbsDir: null }).select()).backend).toBe("reg.exe (fallback: regedit's VBScript files (vbs folder) were not found)");
    const s = setup();
    s.regedit.vbsFolderExists = false;
    expect((await s.select()).backend).toBe("reg.exe (fallback: regedit's VBScript folder C:\\tool\\vbs could not be used)");
  });

  it('falls back when cscript.exe cannot be pinned to its absolute path', async () => {
    const s = setup({ secureCscript: (p) => `regedit can run cscript.exe safely only from c:\\windows\\system32\\cscript.exe, and this system's is ${p}`, cscriptPath: 'D:\\Windows\\System32\\cscript.exe', fileExists: () => true });
    expect((await s.select()).backend).toBe(
      "reg.exe (fallback: regedit can run cscript.exe safely only from c:\\windows\\system32\\cscript.exe, and this system's is D:\\Windows\\System32\\cscript.exe)",
    );
    expect(s.regedit.methods()).toEqual([]);
    const ok = setup({ secureCscript: async () => null });
    expect((await ok.select()).backend).toBe('regedit (Windows Script Host)');
  });

  it('falls back when the probe fails, quoting cscript’s error', async () => {
    const s = setup();
    s.regedit.list = async () => {
      console.error('Windows Script Host access is disabled on this machine.');
      throw new Error('vbscript process reported unknown error code 1');
    };
    const printed: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]): void => void printed.push(a);
    try {
      const registry = await s.select();
      expect(registry.backend).toBe('reg.exe (fallback: cscript failed: vbscript process reported unknown error code 1)');
    } finally {
      console.error = original;
    }
    expect(printed).toEqual([]);
  });

  it('falls back when the probe times out', async () => {
    const s = setup({ probeTimeoutMs: 20 });
    s.regedit.list = () => new Promise(() => undefined);
    expect((await s.select()).backend).toBe('reg.exe (fallback: cscript did not answer within 20 ms)');
  });

  it('falls back when the probe answers nonsense', async () => {
    const s = setup();
    s.regedit.list = async () => ({}) as never;
    expect((await s.select()).backend).toBe('reg.exe (fallback: cscript failed: regedit returned no entry for the key)');
  });

  it('falls back when regedit cannot be loaded', async () => {
    expect((await setup({ regedit: null }).select()).backend).toBe('reg.exe (fallback: the regedit package could not be loaded)');
    expect((await setup({ regedit: async () => null }).select()).backend).toBe('reg.exe (fallback: the regedit package could not be loaded)');
    const failing = async (): Promise<null> => {
      throw new Error('Cannot find module');
    };
    expect((await setup({ regedit: failing }).select()).backend).toBe('reg.exe (fallback: the regedit package could not be loaded)');
  });

  it('reg.exe when configured so, without probing', async () => {
    const s = setup({ prefer: 'reg.exe' });
    expect((await s.select()).backend).toBe('reg.exe (chosen by configuration)');
    expect(s.regedit.methods()).toEqual([]);
    expect(s.runner.calls).toEqual([]);
  });
});

describe('the hybrid registry at run time', () => {
  it('reads through regedit', async () => {
    const s = setup();
    const registry = await s.select();
    s.regedit.items.set(WU.toLowerCase(), { exists: true, keys: ['AU'], values: { WUServer: { type: 'REG_SZ', value: 'http://wsus01:8530' } } });
    s.runner.calls.length = 0;
    expect(await registry.readKey(WU)).toEqual({ path: WU, values: { WUServer: { type: 'REG_SZ', data: 'http://wsus01:8530' } }, subkeys: ['AU'] });
    expect(await registry.readKey(`${WU}\\AU`)).toBeNull();
    expect(s.runner.calls).toEqual([]);
  });

  it('confirms a lossy regedit read with reg.exe', async () => {
    const s = setup();
    const registry = await s.select();
    s.regedit.items.set('hklm\\software\\t', { exists: true, keys: [], values: { P: { type: 'REG_EXPAND_SZ', value: 'C:\\Windows\\x' } } });
    s.reg.set('HKLM\\SOFTWARE\\T', 'P', 2, Buffer.from('%SystemRoot%\\x\0', 'utf16le'));
    expect((await registry.readKey('HKLM\\SOFTWARE\\T'))?.values.P).toEqual({ type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\x' });
    expect(registry.backend).toBe('regedit (Windows Script Host)');
  });

  it('switches to reg.exe for good when Windows Script Host fails during the run', async () => {
    const s = setup();
    const registry = await s.select();
    s.regedit.list = async () => {
      console.log('noise that must not reach stdout');
      throw regeditError('wbemErrProviderFailure', 2147749892, 'The provider has failed at some time other than during initialization.');
    };
    s.reg.set(WU, 'WUServer', 1, Buffer.from('http://wsus01:8530\0', 'utf16le'));
    expect((await registry.readKey(WU))?.values.WUServer).toEqual({ type: 'REG_SZ', data: 'http://wsus01:8530' });
    expect(registry.backend).toBe(
      'reg.exe (fallback: Windows Script Host stopped working during the run (cscript failed: wbemErrProviderFailure (The provider has failed at some time other than during initialization.) [code 2147749892]))',
    );
    const before = s.regedit.calls.length;
    await registry.readKey(WU);
    await registry.setValue(WU, 'WUStatusServer', { type: 'REG_SZ', data: 'http://wsus01:8530' });
    await registry.deleteValue(WU, 'WUStatusServer');
    expect(s.regedit.calls.length).toBe(before);
  });

  it('uses reg.exe for one call when regedit cannot parse its own output, and keeps regedit', async () => {
    const s = setup();
    const registry = await s.select();
    const normal = s.regedit.list;
    s.regedit.list = async () => {
      throw new SyntaxError('Unexpected token \t in JSON at position 40');
    };
    s.reg.set(WU, 'Tab', 1, Buffer.from('a\tb\0', 'utf16le'));
    expect((await registry.readKey(WU))?.values.Tab).toEqual({ type: 'REG_SZ', data: 'a\tb' });
    expect(registry.backend).toBe('regedit (Windows Script Host)');
    s.regedit.list = normal;
  });

  it('writes plain values through regedit (create key, put value)', async () => {
    const s = setup();
    const registry = await s.select();
    s.regedit.calls.length = 0;
    s.runner.calls.length = 0;
    await registry.setValue('HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU', 'UseWUServer', { type: 'REG_DWORD', data: 1 });
    expect(s.regedit.calls).toEqual([
      { method: 'createKey', args: [[`${WU}\\AU`], 'A'] },
      { method: 'putValue', args: [{ [`${WU}\\AU`]: { UseWUServer: { type: 'REG_DWORD', value: 1 } } }, 'A'] },
    ]);
    expect(s.runner.calls).toEqual([]);
  });

  it('writes what regedit would mangle through reg.exe', async () => {
    const s = setup();
    const registry = await s.select();
    s.regedit.calls.length = 0;
    await registry.setValue(WU, 'TargetGroups', { type: 'REG_MULTI_SZ', data: ['a,b', 'c'] });
    await registry.setValue(WU, '', { type: 'REG_SZ', data: 'default' });
    await registry.setValue(WU, 'Empty', { type: 'REG_SZ', data: '' });
    expect(s.regedit.calls).toEqual([]);
    expect(s.reg.imports).toHaveLength(3);
    expect(s.reg.get(WU, 'TargetGroups')?.data.toString('utf16le')).toBe('a,b\0c\0\0');
  });

  it('deletes through regedit, and names with a backslash through reg.exe', async () => {
    const s = setup();
    const registry = await s.select();
    s.regedit.calls.length = 0;
    await registry.deleteValue(WU, 'WSUServer');
    expect(s.regedit.calls).toEqual([{ method: 'deleteValue', args: [[`${WU}\\WSUServer`], 'A'] }]);
    s.reg.set(WU, 'a\\b', 1, Buffer.from('x\0', 'utf16le'));
    await registry.deleteValue(WU, 'a\\b');
    expect(s.reg.get(WU, 'a\\b')).toBeUndefined();
    expect(s.regedit.calls).toHaveLength(1);
  });

  it('an access-denied write is an error, not a fallback', async () => {
    const s = setup();
    const registry = await s.select();
    s.regedit.putValue = async () => {
      throw regeditError('access is denied', 5);
    };
    await expect(registry.setValue(WU, 'WUServer', { type: 'REG_SZ', data: 'http://x' })).rejects.toBeInstanceOf(RegistryAccessError);
    await expect(registry.setValue(WU, 'WUServer', { type: 'REG_SZ', data: 'http://x' })).rejects.toThrow(/administrator rights/);
    expect(s.reg.imports).toEqual([]);
    expect(registry.backend).toBe('regedit (Windows Script Host)');
  });

  it('an access-denied read says so (and does not talk about changing anything)', async () => {
    const s = setup();
    const registry = await s.select();
    s.regedit.list = async () => {
      throw regeditError('access is denied', 5);
    };
    await expect(registry.readKey(`${WU}\\AU`)).rejects.toThrow(`Access denied reading ${WU}\\AU (access is denied [code 5]).`);
  });

  it('validates before calling anything', async () => {
    const s = setup();
    const registry = await s.select();
    s.regedit.calls.length = 0;
    s.runner.calls.length = 0;
    await expect(registry.readKey('WindowsUpdate')).rejects.toThrow(/known hive/);
    await expect(registry.setValue(WU, 'x', { type: 'REG_DWORD', data: 1.5 })).rejects.toThrow(/REG_DWORD/);
    await expect(registry.deleteValue(WU, 'a\0b')).rejects.toThrow(/control characters/);
    expect(s.regedit.calls).toEqual([]);
    expect(s.runner.calls).toEqual([]);
  });
});
