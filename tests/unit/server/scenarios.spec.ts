import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startScenarioWorld, type ScenarioWorld } from '../../../main/app/scenario-world.js';
import type { SimulatedMachine } from '../../../main/adapters/simulated/machine.js';
import { SERVER_CHECK_IMPLS } from '../../../main/checks/server/index.js';
import { logIis } from '../../../main/checks/server/log-iis.check.js';
import { runChecks } from '../../../main/engine/runner.js';
import { MemoryBackupStore } from '../../../main/fixes/backup-store.js';
import { applyFixes, undoBackup } from '../../../main/fixes/executor.js';
import { MemoryJournal } from '../../../main/fixes/journal.js';
import { ScenarioLibrary } from '../../../main/scenarios/loader.js';

const library = new ScenarioLibrary(join(import.meta.dirname, '../../../main/scenarios/data'));
const scenarios = (await library.all()).filter((s) => s.role === 'server');
// with server.log.iis, which reads the IIS logs some scenarios carry beside them
const ALL_SERVER_IMPLS = [...SERVER_CHECK_IMPLS, logIis];
const IDS = new Set(ALL_SERVER_IMPLS.map((c) => c.id));
const sorted = (ids: Iterable<string>) => [...ids].sort();

let world: ScenarioWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

async function run(name: string, implementations = SERVER_CHECK_IMPLS) {
  world = await startScenarioWorld(await library.load(name));
  const machine = world.machine as SimulatedMachine;
  return { machine, run: await runChecks({ role: 'server', machine, implementations, timeoutMs: 5000 }) };
}

describe('built-in server scenarios', () => {
  it('cover every server situation of the issue', () => {
    expect(sorted(scenarios.map((s) => s.name))).toEqual([
      'server-acl-broken',
      'server-anonymous-disabled',
      'server-apppool-stopped',
      'server-auth-mismatch',
      'server-healthy',
      'server-healthy-custom-site',
      'server-ip-binding',
      'server-iusr-not-in-users',
      'server-no-port80-site',
      'server-selfupdate-files-missing',
      'server-selfupdate-vdir-missing',
      'server-sharepoint',
    ]);
  });

  for (const scenario of scenarios) {
    it(`${scenario.name}: fails and warns exactly on the checks it declares, over real HTTP to the emulator`, async () => {
      const { run: r } = await run(scenario.name, ALL_SERVER_IMPLS);
      const by = (status: string) => sorted(r.results.filter((x) => x.status === status).map((x) => x.id));
      expect({ fail: by('fail'), warn: by('warn'), error: by('error') }).toEqual({
        fail: sorted(scenario.expect.fail.filter((id) => IDS.has(id))),
        warn: sorted(scenario.expect.warn.filter((id) => IDS.has(id))),
        error: [],
      });
      for (const x of r.results) {
        expect(x.summary.en.length, x.id).toBeGreaterThan(10);
        expect(x.summary.ja, x.id).not.toEqual(x.summary.en);
        for (const f of x.fixes) {
          expect(f.id.startsWith(`${x.id}:`), f.id).toBe(true);
          if (f.automatic) expect(f.plan.length, f.id).toBeGreaterThan(0);
        }
      }
    });
  }
});

describe('--fix-all on the fixable server scenarios', () => {
  for (const [name, fixIds] of [
    ['server-anonymous-disabled', ['server.iis.anonymous-auth:enable']],
    ['server-ip-binding', ['server.iis.ip-binding:add-loopback']],
    ['server-acl-broken', ['server.fs.selfupdate-acl:repair']],
    ['server-apppool-stopped', ['server.iis.apppool:start']],
    ['server-iusr-not-in-users', ['server.account.iusr:grant-read']],
    ['server-selfupdate-vdir-missing', ['server.iis.selfupdate-vdir:add']],
  ] as const) {
    it(`${name}: the fixes turn every failed check green; undo restores the machine byte for byte`, async () => {
      const { machine, run: r } = await run(name);
      const before = machine.dump();
      const fixes = r.results.filter((x) => x.status === 'fail').flatMap((x) => x.fixes.filter((f) => f.automatic && !f.blocked));
      expect(fixes.map((f) => f.id).sort()).toEqual([...fixIds]);
      const backups = new MemoryBackupStore();
      const applied = await applyFixes(fixes, { machine, backups, journal: new MemoryJournal(), machineName: 'WSUS01' });
      expect(applied.map((a) => a.result)).toEqual(fixIds.map(() => 'applied'));
      expect(machine.dump()).not.toEqual(before);
      const again = await runChecks({ role: 'server', machine, implementations: SERVER_CHECK_IMPLS, timeoutMs: 5000 });
      expect(again.results.filter((x) => x.status === 'fail' || x.status === 'error').map((x) => x.id)).toEqual([]);
      for (const a of [...applied].reverse()) expect(await undoBackup(a.backup, { machine, backups })).toEqual([]);
      expect(machine.dump()).toEqual(before);
      const undone = await runChecks({ role: 'server', machine, implementations: SERVER_CHECK_IMPLS, timeoutMs: 5000 });
      expect(sorted(undone.results.filter((x) => x.status === 'fail').map((x) => x.id))).toEqual(sorted(r.results.filter((x) => x.status === 'fail').map((x) => x.id)));
    });
  }
});
