import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FixOffer } from '../../../shared/changes.js';
import { KEYS } from '../../../shared/registry-types.js';
import { FileBackupStore } from '../../../main/fixes/backup-store.js';
import { applyFix } from '../../../main/fixes/executor.js';
import { MemoryJournal } from '../../../main/fixes/journal.js';
import type { RegistryAdapter } from '../../../main/adapters/types.js';
import { testMachine } from '../../helpers/machines.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wsus-doctor-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fix: FixOffer = {
  id: 'client.policy.misspelled:rename-values',
  title: { en: 't', ja: 't' },
  automatic: true,
  requiresAdmin: true,
  steps: [],
  plan: [
    { kind: 'registry.set', key: KEYS.wuPolicy, name: 'WUServer', value: { type: 'REG_SZ', data: 'http://wsus01:8530' } },
    { kind: 'registry.delete', key: KEYS.wuPolicy, name: 'WSUServer' },
    { kind: 'registry.set', key: KEYS.auPolicy, name: 'UseWUServer', value: { type: 'REG_DWORD', data: 1 } },
    { kind: 'service.restart', service: 'wuauserv' },
  ],
};

function machineWithExport(exported: string[], fail = false) {
  const m = testMachine({
    registry: { [KEYS.wuPolicy]: { WSUServer: { type: 'REG_SZ', data: 'http://wsus01:8530' } } },
    services: { wuauserv: { state: 'running', startType: 'manual' } },
  });
  (m.registry as RegistryAdapter).exportKey = async (key: string, file: string) => {
    if (fail) throw new Error('reg.exe could not export (exit code 1)');
    if (!(await m.registry.readKey(key))) return false;
    exported.push(key);
    await writeFile(file, `Windows Registry Editor Version 5.00\r\n\r\n[${key}]\r\n`);
    return true;
  };
  return m;
}

describe('reg export beside the backup', () => {
  it('exports each key the fix writes (once, existing keys only) before the first change', async () => {
    const exported: string[] = [];
    const m = machineWithExport(exported);
    const r = await applyFix(fix, { machine: m, backups: new FileBackupStore(dir), journal: new MemoryJournal(), machineName: 'PC-1' });
    expect(r.result).toBe('applied');
    // the AU key did not exist before the fix: nothing to export for it
    expect(exported).toEqual([KEYS.wuPolicy]);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([expect.stringMatching(/_client\.policy\.misspelled_rename-values\.1\.reg$/), expect.stringMatching(/_client\.policy\.misspelled_rename-values\.json$/)]);
    expect(r.backup.endsWith('.json')).toBe(true);
    expect(await readFile(join(dir, files[0]!), 'utf8')).toContain(`[${KEYS.wuPolicy}]`);
  });

  it('changes nothing when the export fails', async () => {
    const m = machineWithExport([], true);
    const before = m.dump();
    const r = await applyFix(fix, { machine: m, backups: new FileBackupStore(dir), journal: new MemoryJournal(), machineName: 'PC-1' });
    expect(r.result).toBe('failed');
    expect(r.message).toMatch(/Could not export the registry keys for the backup, nothing was changed/);
    expect(m.dump()).toBe(before);
  });
});
