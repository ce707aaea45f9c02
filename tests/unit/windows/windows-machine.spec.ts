import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWindowsMachine, systemClock } from '../../../main/adapters/windows/windows-machine.js';
import { KEYS } from '../../../shared/registry-types.js';
import { FakeRegedit, FakeRunner, fixture, REG, result, SC, StatefulRegExe, WHOAMI } from './fake-runner.js';

let temp: string;
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'wsus-doctor-test-'));
});
afterEach(() => {
  rmSync(temp, { recursive: true, force: true });
});

function fakeWindows() {
  const reg = new StatefulRegExe();
  const runner = new FakeRunner((file, args, call) => {
    if (file === REG) return reg.handler(file, args, call);
    if (file === SC) return result(0, fixture('sc-query-wuauserv-running.txt'));
    if (file === WHOAMI) return result(0, fixture('whoami-groups-elevated.txt'));
    return result(9009, '', `unexpected ${file}`);
  });
  const env = { SystemRoot: 'C:\\Windows', COMPUTERNAME: 'PC1', USERNAME: 'bob', PROCESSOR_ARCHITECTURE: 'AMD64' };
  return { reg, runner, env };
}

describe('createWindowsMachine', () => {
  it('composes the adapters on regedit when Windows Script Host works', async () => {
    const { reg, runner, env } = fakeWindows();
    const regedit = new FakeRegedit();
    const bundleDir = join('/', 'tools', 'wsus-doctor');
    const exists = (p: string): boolean => p === join(bundleDir, 'vbs', 'regList.wsf') || p === 'C:\\Windows\\System32\\cscript.exe';
    const machine = await createWindowsMachine({ runner, regedit, env, bundleDir, exists, tempDir: temp, resourcesPath: '' });
    expect(machine.kind).toBe('windows');
    expect(machine.registry.backend).toBe('regedit (Windows Script Host)');
    expect(regedit.vbsLocation).toBe(join(bundleDir, 'vbs'));

    regedit.items.set(`${KEYS.services}\\wuauserv`.toLowerCase(), { exists: true, keys: [], values: { Start: { type: 'REG_DWORD', value: 3 } } });
    expect(await machine.services.query('wuauserv')).toEqual({ exists: true, name: 'wuauserv', state: 'running', startType: 'manual', delayedAutoStart: false });
    expect(await machine.elevation.check()).toMatchObject({ elevated: true });
    expect((await machine.system.info()).computerName).toBe('PC1');
    expect(reg.imports).toEqual([]);
  });

  it('falls back to reg.exe when the vbs folder is missing, and everything still works', async () => {
    const { reg, runner, env } = fakeWindows();
    const machine = await createWindowsMachine({ runner, regedit: new FakeRegedit(), env, bundleDir: join('/', 'nowhere'), exists: () => false, tempDir: temp, resourcesPath: '' });
    expect(machine.registry.backend).toBe('reg.exe (fallback: cscript.exe was not found (C:\\Windows\\System32\\cscript.exe))');
    reg.set(`${KEYS.services}\\wuauserv`, 'Start', 4, Buffer.from([2, 0, 0, 0]));
    reg.set(`${KEYS.services}\\wuauserv`, 'DelayedAutostart', 4, Buffer.from([1, 0, 0, 0]));
    expect(await machine.services.query('wuauserv')).toMatchObject({ startType: 'auto', delayedAutoStart: true });
    await machine.registry.setValue(KEYS.auPolicy, 'UseWUServer', { type: 'REG_DWORD', data: 1 });
    expect((await machine.registry.readKey(KEYS.auPolicy))?.values).toEqual({ UseWUServer: { type: 'REG_DWORD', data: 1 } });
  });

  it('WSUS_DOCTOR_REGISTRY=reg.exe forces reg.exe', async () => {
    const { runner, env } = fakeWindows();
    const machine = await createWindowsMachine({ runner, regedit: new FakeRegedit(), env: { ...env, WSUS_DOCTOR_REGISTRY: 'reg.exe' }, exists: () => true, tempDir: temp });
    expect(machine.registry.backend).toBe('reg.exe (chosen by configuration)');
  });

  it('the clock is the real one', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    const at = new Date('2024-01-15T12:00:00Z');
    expect(systemClock.utcOffsetMinutes(at)).toBe(0 - at.getTimezoneOffset());
    expect(Object.is(systemClock.utcOffsetMinutes(at), -0)).toBe(false);
  });
});
