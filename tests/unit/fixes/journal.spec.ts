import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change, FixOffer } from '../../../shared/changes.js';
import { KEYS } from '../../../shared/registry-types.js';
import { FileBackupStore, fixRecordName } from '../../../main/fixes/backup-store.js';
import { applyFix } from '../../../main/fixes/executor.js';
import { FileJournal, type JournalEntry } from '../../../main/fixes/journal.js';
import { recoverEntry, recoveryPlan } from '../../../main/fixes/recover.js';
import { testMachine } from '../../helpers/machines.js';

const PLAN: Change[] = [
  { kind: 'registry.set', key: KEYS.wuPolicy, name: 'WUServer', value: { type: 'REG_SZ', data: 'http://wsus01:8530' } },
  { kind: 'registry.delete', key: KEYS.wuPolicy, name: 'WSUServer' },
  { kind: 'registry.set', key: KEYS.auPolicy, name: 'UseWUServer', value: { type: 'REG_DWORD', data: 1 } },
  { kind: 'service.restart', service: 'wuauserv' },
];

const fix: FixOffer = { id: 'client.policy.misspelled:rename', title: { en: 't', ja: 't' }, automatic: true, requiresAdmin: true, steps: [], plan: PLAN };

function machine() {
  return testMachine({
    registry: {
      [KEYS.wuPolicy]: { WSUServer: { type: 'REG_SZ', data: 'http://wsus01:8530' } },
      [KEYS.auPolicy]: { UseWUServer: { type: 'REG_DWORD', data: 0 } },
    },
    services: { wuauserv: { state: 'stopped', startType: 'manual' } },
  });
}

/** Thrown by a hook to stand for the process dying: nothing after it runs, no cleanup. */
class Killed extends Error {}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wsus-doctor-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Applies the fix and "kills the process" after `after` changes; returns the machine and the entry the next start finds. */
async function interrupted(after: number) {
  const m = machine();
  const before = m.dump();
  const run = applyFix(fix, {
    machine: m,
    backups: new FileBackupStore(join(dir, 'backups')),
    journal: new FileJournal(join(dir, 'journal')),
    machineName: 'PC-1',
    afterChange: (_id, index) => {
      if (index + 1 === after) throw new Killed();
    },
  });
  await expect(run).rejects.toBeInstanceOf(Killed);
  // The next start: a new journal object on the same folder.
  const journal = new FileJournal(join(dir, 'journal'));
  const { entries, unreadable } = await journal.openEntries();
  expect(unreadable).toEqual([]);
  expect(entries).toHaveLength(1);
  return { m, before, journal, entry: entries[0]! };
}

describe('fix journal', () => {
  it('is opened before the first change and closed after the last', async () => {
    const m = machine();
    const journal = new FileJournal(join(dir, 'journal'));
    const seen: Pick<JournalEntry, 'state' | 'applying'>[] = [];
    const r = await applyFix(fix, {
      machine: m,
      backups: new FileBackupStore(join(dir, 'backups')),
      journal,
      machineName: 'PC-1',
      afterChange: async () => {
        const open = (await journal.openEntries()).entries;
        seen.push(...open.map((e) => ({ state: e.state, applying: e.applying })));
      },
    });
    expect(r.result).toBe('applied');
    expect(seen).toEqual(PLAN.map((_, i) => ({ state: 'open', applying: i })));
    expect((await journal.openEntries()).entries).toEqual([]);
    const entry = await journal.get(fixRecordName(fix.id, r.at));
    expect(entry).toMatchObject({ state: 'completed', applying: PLAN.length - 1, backup: r.backup, fixId: fix.id });
  });

  it('a process killed between two changes leaves an open entry, and rolling back restores the machine exactly', async () => {
    const { m, before, journal, entry } = await interrupted(2);
    expect(m.dump()).not.toBe(before);
    expect(entry).toMatchObject({ state: 'open', applying: 1, fixId: fix.id });
    const r = await recoverEntry(entry, 'rollback', { machine: m, journal });
    expect(r.problems).toEqual([]);
    expect(m.dump()).toBe(before);
    expect((await journal.openEntries()).entries).toEqual([]);
    expect((await journal.get(entry.id)).state).toBe('rolled-back');
  });

  it('finishing an interrupted fix gives the same machine as an uninterrupted run', async () => {
    const whole = machine();
    await applyFix(fix, { machine: whole, backups: new FileBackupStore(join(dir, 'b2')), journal: new FileJournal(join(dir, 'j2')), machineName: 'PC-1' });
    const { m, journal, entry } = await interrupted(3);
    expect(recoveryPlan(entry, 'finish')).toEqual(PLAN.slice(2));
    expect((await recoverEntry(entry, 'finish', { machine: m, journal })).problems).toEqual([]);
    expect(m.dump()).toBe(whole.dump());
    expect((await journal.get(entry.id)).state).toBe('completed');
  });

  it('a process killed during a change (recorded, maybe not made) still rolls back exactly', async () => {
    const m = machine();
    const before = m.dump();
    const journal = new FileJournal(join(dir, 'journal'));
    const setValue = m.registry.setValue.bind(m.registry);
    let calls = 0;
    // The second registry write never returns: the process "dies" while it is in flight.
    m.registry.setValue = (...args) => (++calls === 2 ? new Promise<void>(() => {}) : setValue(...args));
    void applyFix(fix, { machine: m, backups: new FileBackupStore(join(dir, 'backups')), journal, machineName: 'PC-1' });
    await expect.poll(async () => (await journal.openEntries()).entries[0]?.applying).toBe(2);
    m.registry.setValue = setValue;
    const entry = (await new FileJournal(join(dir, 'journal')).openEntries()).entries[0]!;
    expect((await recoverEntry(entry, 'rollback', { machine: m, journal })).problems).toEqual([]);
    expect(m.dump()).toBe(before);
  });

  it('a failed recovery leaves the entry open so it can be tried again', async () => {
    const { m, journal, entry } = await interrupted(2);
    const setValue = m.registry.setValue.bind(m.registry);
    m.registry.setValue = () => Promise.reject(new Error('access denied'));
    const r = await recoverEntry(entry, 'rollback', { machine: m, journal });
    expect(r.problems.join(' ')).toContain('access denied');
    expect((await journal.openEntries()).entries.map((e) => e.id)).toEqual([entry.id]);
    m.registry.setValue = setValue;
    expect((await recoverEntry(entry, 'rollback', { machine: m, journal })).problems).toEqual([]);
  });

  it('lists unreadable entries (cut off, foreign, garbage) without failing, and ignores other files', async () => {
    const jdir = join(dir, 'journal');
    const { entry } = await interrupted(1);
    await writeFile(join(jdir, '2026-01-01T00-00-00-000Z_cut.json'), '{"id":"2026-01-01T00-00-00-000Z_cut","fix');
    await writeFile(join(jdir, '2026-01-01T00-00-00-000Z_foreign.json'), JSON.stringify({ hello: 'world' }));
    await writeFile(join(jdir, '2026-01-01T00-00-00-000Z_bin.json'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]));
    await writeFile(join(jdir, 'notes.txt'), 'not a journal');
    const { entries, unreadable } = await new FileJournal(jdir).openEntries();
    expect(entries.map((e) => e.id)).toEqual([entry.id]);
    expect(unreadable).toHaveLength(3);
    expect(unreadable.join('\n')).toMatch(/cut off/);
    expect((await readdir(jdir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses ids that are not journal ids (no path tricks)', async () => {
    const journal = new FileJournal(join(dir, 'journal'));
    await expect(journal.get('..\\..\\Windows\\win')).rejects.toThrow(/not a journal entry id/);
    await expect(journal.get('../x')).rejects.toThrow(/not a journal entry id/);
  });

  it('reports no open entries when the folder does not exist yet', async () => {
    expect(await new FileJournal(join(dir, 'none')).openEntries()).toEqual({ entries: [], unreadable: [] });
  });
});
