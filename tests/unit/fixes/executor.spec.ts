import { describe, expect, it } from 'vitest';
import type { FixOffer } from '../../../shared/changes.js';
import { KEYS, findValue } from '../../../shared/registry-types.js';
import { MemoryBackupStore } from '../../../main/fixes/backup-store.js';
import { MemoryJournal } from '../../../main/fixes/journal.js';
import { applyFix, applyFixes, mergePlans, undoBackup } from '../../../main/fixes/executor.js';
import { testMachine } from '../../helpers/machines.js';

function machineWithPolicy() {
  return testMachine({
    registry: {
      [KEYS.wuPolicy]: { WSUServer: { type: 'REG_SZ', data: 'http://wsus01:8530' } },
      [KEYS.auPolicy]: { UseWUServer: { type: 'REG_DWORD', data: 0 } },
    },
    services: { wuauserv: { state: 'running', startType: 'manual' } },
  });
}

const fix = (id: string, plan: FixOffer['plan']): FixOffer => ({
  id,
  title: { en: id, ja: id },
  automatic: true,
  requiresAdmin: true,
  steps: [],
  plan,
});

describe('fix executor', () => {
  it('applies a plan, and undo restores the machine exactly', async () => {
    const m = machineWithPolicy();
    const before = m.dump();
    const backups = new MemoryBackupStore();
    const result = await applyFix(
      fix('t', [
        { kind: 'registry.set', key: KEYS.wuPolicy, name: 'WUServer', value: { type: 'REG_SZ', data: 'http://wsus01:8530' } },
        { kind: 'registry.delete', key: KEYS.wuPolicy, name: 'WSUServer' },
        { kind: 'registry.set', key: KEYS.auPolicy, name: 'UseWUServer', value: { type: 'REG_DWORD', data: 1 } },
        { kind: 'service.start-type', service: 'wuauserv', startType: 'disabled' },
        { kind: 'service.stop', service: 'wuauserv' },
      ]),
      { machine: m, backups, journal: new MemoryJournal(), machineName: 'PC-TEST' },
    );
    expect(result.result).toBe('applied');
    expect(m.dump()).not.toBe(before);
    const wu = await m.registry.readKey(KEYS.wuPolicy);
    expect(findValue(wu, 'WUServer')?.value).toEqual({ type: 'REG_SZ', data: 'http://wsus01:8530' });
    expect(findValue(wu, 'WSUServer')).toBeUndefined();
    expect(await undoBackup(result.backup, { machine: m, backups })).toEqual([]);
    expect(m.dump()).toBe(before);
  });

  it('undoes the changes already made when a later change fails, leaving the machine as it was', async () => {
    const m = machineWithPolicy();
    const before = m.dump();
    const result = await applyFix(
      fix('t', [
        { kind: 'registry.set', key: KEYS.auPolicy, name: 'UseWUServer', value: { type: 'REG_DWORD', data: 1 } },
        { kind: 'service.start', service: 'no-such-service' },
      ]),
      { machine: m, backups: new MemoryBackupStore(), journal: new MemoryJournal(), machineName: 'PC-TEST' },
    );
    expect(result.result).toBe('rolled-back');
    expect(result.message).toContain('no-such-service');
    expect(m.dump()).toBe(before);
  });

  it('refuses a blocked fix without touching anything', async () => {
    const m = machineWithPolicy();
    const before = m.dump();
    const blocked = { ...fix('t', [{ kind: 'registry.delete', key: KEYS.wuPolicy, name: 'WSUServer' }]), blocked: { en: 'no URL', ja: 'URL なし' } } as FixOffer;
    const r = await applyFix(blocked, { machine: m, backups: new MemoryBackupStore(), journal: new MemoryJournal(), machineName: 'x' });
    expect(r.result).toBe('failed');
    expect(m.dump()).toBe(before);
  });

  it('merges duplicate changes: writes run at their first occurrence, a shared restart once at the end', () => {
    const restart = { kind: 'service.restart', service: 'wuauserv' } as const;
    const setA = { kind: 'registry.set', key: KEYS.wuPolicy, name: 'WUServer', value: { type: 'REG_SZ', data: 'http://a:1' } } as const;
    const setB = { kind: 'registry.set', key: KEYS.auPolicy, name: 'UseWUServer', value: { type: 'REG_DWORD', data: 1 } } as const;
    const merged = mergePlans([fix('a', [setA, restart]), fix('b', [setA, setB, restart]), fix('c', [setB])]);
    expect(merged.map((m) => m.fix.plan)).toEqual([[setA], [setB, restart], []]);
    expect(merged.map((m) => m.coveredBy)).toEqual([['b'], ['a'], ['b']]);
  });

  it('a fix whose changes another fix made reports that fix\'s outcome', async () => {
    const m = machineWithPolicy();
    const setB = { kind: 'registry.set', key: KEYS.auPolicy, name: 'UseWUServer', value: { type: 'REG_DWORD', data: 1 } } as const;
    const ok = await applyFixes([fix('b', [setB]), fix('c', [setB])], { machine: m, backups: new MemoryBackupStore(), journal: new MemoryJournal(), machineName: 'x' });
    expect(ok.map((r) => [r.id, r.result])).toEqual([
      ['b', 'applied'],
      ['c', 'applied'],
    ]);
    expect(ok[1]!.message).toContain('made by b');
    const failing = await applyFixes(
      [fix('d', [setB, { kind: 'service.start', service: 'missing-service' }]), fix('e', [setB])],
      { machine: m, backups: new MemoryBackupStore(), journal: new MemoryJournal(), machineName: 'x' },
    );
    expect(failing.map((r) => [r.id, r.result])).toEqual([
      ['d', 'rolled-back'],
      ['e', 'failed'],
    ]);
    expect(failing[1]!.message).toContain('did not complete');
  });

  it('applies several fixes and reports each', async () => {
    const m = machineWithPolicy();
    const results = await applyFixes(
      [
        fix('one', [{ kind: 'registry.set', key: KEYS.auPolicy, name: 'UseWUServer', value: { type: 'REG_DWORD', data: 1 } }]),
        fix('two', [{ kind: 'service.restart', service: 'wuauserv' }]),
      ],
      { machine: m, backups: new MemoryBackupStore(), journal: new MemoryJournal(), machineName: 'x' },
    );
    expect(results.map((r) => [r.id, r.result])).toEqual([
      ['one', 'applied'],
      ['two', 'applied'],
    ]);
    expect((await m.services.query('wuauserv')).exists).toBe(true);
  });
});

describe('undo of a service restart', () => {
  it('stops a service the fix started by restarting it, so undo restores it exactly', async () => {
    const m = testMachine({ services: { wuauserv: { state: 'stopped', startType: 'manual' } } });
    const before = m.dump();
    const backups = new MemoryBackupStore();
    const r = await applyFix(fix('t', [{ kind: 'service.restart', service: 'wuauserv' }]), { machine: m, backups, journal: new MemoryJournal(), machineName: 'x' });
    expect(r.result).toBe('applied');
    expect(await m.services.query('wuauserv')).toMatchObject({ state: 'running' });
    expect(await undoBackup(r.backup, { machine: m, backups })).toEqual([]);
    expect(m.dump()).toBe(before);
  });
});
