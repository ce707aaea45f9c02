import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { definitionsForRole } from '../../../shared/catalogue/index.js';
import { createSimulatedMachine } from '../../../main/adapters/simulated/machine.js';
import { CHECK_IMPLS } from '../../../main/checks/index.js';
import { runChecks } from '../../../main/engine/runner.js';
import { MemoryBackupStore } from '../../../main/fixes/backup-store.js';
import { MemoryJournal } from '../../../main/fixes/journal.js';
import { applyFixes, undoBackup } from '../../../main/fixes/executor.js';
import { ScenarioLibrary } from '../../../main/scenarios/loader.js';
import type { Scenario } from '../../../main/scenarios/schema.js';

const library = new ScenarioLibrary(join(import.meta.dirname, '../../../main/scenarios/data'));
// The client.* checks; net.* and http.* also run in the client role but are another area's scenarios.
const CLIENT_IDS = new Set(definitionsForRole('client').map((d) => d.id).filter((id) => id.startsWith('client.')));
const CLIENT_IMPLS = CHECK_IMPLS.filter((c) => CLIENT_IDS.has(c.id));

async function runClient(scenario: Scenario) {
  const machine = createSimulatedMachine(scenario);
  const run = await runChecks({ role: 'client', machine, implementations: CLIENT_IMPLS, scenario: scenario.name });
  return { machine, run };
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

const scenarios = await library.all();
const clientScenarios = scenarios.filter((s) => s.role === 'client');

describe('built-in client scenarios', () => {
  it('include every scenario the client training needs', async () => {
    expect(sorted(clientScenarios.map((s) => s.name))).toEqual([
      'client-au-disabled',
      'client-healthy',
      'client-legacy-sus',
      'client-misspelled-policy',
      'client-not-configured',
      'client-proxy-no-bypass',
      'client-server-unreachable',
      'client-service-disabled',
      'client-status-server-mismatch',
      'client-usewuserver-off',
    ]);
    for (const s of clientScenarios) expect(await library.load(s.name)).toEqual(s);
  });

  it('implements every client check of the catalogue', () => {
    expect(sorted(CLIENT_IMPLS.map((c) => c.id))).toEqual(sorted(CLIENT_IDS));
  });

  for (const scenario of clientScenarios) {
    describe(scenario.name, () => {
      it('fails and warns exactly on the checks it declares, and never errors', async () => {
        const { run } = await runClient(scenario);
        const by = (status: string) => sorted(run.results.filter((r) => r.status === status).map((r) => r.id));
        expect({ fail: by('fail'), warn: by('warn'), error: by('error') }).toEqual({
          fail: sorted(scenario.expect.fail.filter((id) => CLIENT_IDS.has(id))),
          warn: sorted(scenario.expect.warn.filter((id) => CLIENT_IDS.has(id))),
          error: [],
        });
      });

      it('gives every result a summary in both languages and exact evidence', async () => {
        const { run } = await runClient(scenario);
        for (const r of run.results) {
          expect(r.summary.en.length, r.id).toBeGreaterThan(10);
          expect(r.summary.ja.length, r.id).toBeGreaterThan(5);
          for (const f of r.fixes) {
            expect(f.id.startsWith(`${r.id}:`), f.id).toBe(true);
            expect(f.steps.length, f.id).toBeGreaterThan(0);
            if (f.automatic && !f.blocked) expect(f.plan.length, f.id).toBeGreaterThan(0);
            if (f.plan.some((c) => c.kind.startsWith('registry.') || c.kind.startsWith('service.'))) expect(f.requiresAdmin).toBe(true);
          }
        }
      });

      it('has a bilingual title and description and a consistent clock', () => {
        expect(scenario.title.en).not.toEqual(scenario.title.ja);
        expect(scenario.description.en).not.toEqual(scenario.description.ja);
        const machine = scenario.machine!;
        expect(machine).toBeDefined();
        expect(Number.isNaN(new Date(machine.now).getTime())).toBe(false);
        expect(Object.keys(machine.services).map((s) => s.toLowerCase()).sort()).toEqual(['bits', 'wuauserv']);
        const dll = Object.keys(machine.files).find((p) => /\\system32\\wuaueng\.dll$/i.test(p));
        expect(dll).toBeDefined();
        expect(dll!.toLowerCase().startsWith(machine.system.systemRoot.toLowerCase())).toBe(true);
      });
    });
  }
});

describe('--fix-all on client-misspelled-policy', () => {
  it('applies the automatic fixes of every failed check, after which every policy check passes; undo restores the machine', async () => {
    const scenario = await library.load('client-misspelled-policy');
    const { machine, run } = await runClient(scenario);
    const before = machine.dump();
    const fixes = run.results.filter((r) => r.status === 'fail').flatMap((r) => r.fixes.filter((f) => f.automatic && !f.blocked));
    expect(fixes.map((f) => f.id).sort()).toEqual([
      'client.policy.misspelled:rename-values',
      'client.policy.usewuserver:set-dword-1',
      'client.policy.wuserver:set-server',
      'client.policy.wustatusserver:set-status-server',
    ]);
    const backups = new MemoryBackupStore();
    const applied = await applyFixes(fixes, { machine, backups, journal: new MemoryJournal(), machineName: 'FS01' });
    expect(applied.map((a) => a.result)).toEqual(['applied', 'applied', 'applied', 'applied']);

    const again = await runChecks({ role: 'client', machine, implementations: CLIENT_IMPLS });
    const policy = again.results.filter((r) => r.id.startsWith('client.policy.'));
    expect(policy.map((r) => [r.id, r.status])).toEqual(policy.map((r) => [r.id, 'pass']));
    expect(again.results.filter((r) => r.status === 'fail' || r.status === 'warn' || r.status === 'error')).toEqual([]);

    const wu = await machine.registry.readKey('HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate');
    expect(wu?.values).toEqual({
      WUServer: { type: 'REG_SZ', data: 'http://wsus01.corp.example:8530' },
      WUStatusServer: { type: 'REG_SZ', data: 'http://wsus01.corp.example:8530' },
    });

    for (const a of [...applied].reverse()) expect(await undoBackup(a.backup, { machine, backups })).toEqual([]);
    expect(machine.dump()).toEqual(before);
  });
});
