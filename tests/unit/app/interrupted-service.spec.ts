// The app's side of an interrupted fix: a journal entry left open on disk by a killed process is
// offered on the next start with both plans, blocks other fixes, and is recovered through the service.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FixOffer } from '../../../shared/changes.js';
import { KEYS } from '../../../shared/registry-types.js';
import { DoctorService } from '../../../main/app/doctor-service.js';
import { fileFixStores } from '../../../main/app/session.js';
import { applyFix } from '../../../main/fixes/executor.js';
import { ScenarioLibrary } from '../../../main/scenarios/loader.js';
import { builtInScenarioDir } from '../../../main/app/paths.js';
import { testMachine } from '../../helpers/machines.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wsus-doctor-service-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fix: FixOffer = {
  id: 'client.policy.misspelled:rename',
  title: { en: 't', ja: 't' },
  automatic: true,
  requiresAdmin: true,
  steps: [],
  plan: [
    { kind: 'registry.set', key: KEYS.wuPolicy, name: 'WUServer', value: { type: 'REG_SZ', data: 'http://wsus01:8530' } },
    { kind: 'registry.delete', key: KEYS.wuPolicy, name: 'WSUServer' },
  ],
};

describe('interrupted fixes through the app services', () => {
  it('lists the open entry with both plans, refuses other fixes, and rolls it back', async () => {
    const machine = testMachine({
      registry: { [KEYS.wuPolicy]: { WSUServer: { type: 'REG_SZ', data: 'http://wsus01:8530' } } },
      services: { wuauserv: { state: 'running', startType: 'manual' } },
    });
    const before = machine.dump();
    // A killed process: the first change made, then nothing.
    await expect(
      applyFix(fix, {
        machine,
        ...fileFixStores(dir),
        machineName: 'PC-1',
        afterChange: () => {
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');

    const service = new DoctorService({
      scenarios: new ScenarioLibrary(builtInScenarioDir()),
      platform: 'win32',
      createWindowsMachine: async () => machine,
      dataDir: dir,
    });
    const { sessionId } = await service.startSession({ role: 'client' });
    const found = await service.interruptedFixes(sessionId);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ fixId: fix.id, stoppedAt: 1, total: 2 });
    expect(found[0]!.rollback.map((c) => c.en)).toEqual(['Delete the value HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\WUServer']);
    expect(found[0]!.finish.map((c) => c.en)).toHaveLength(2);

    const run = await service.runChecks(sessionId);
    const offered = run.results.flatMap((r) => r.fixes).find((f) => f.automatic && !f.blocked);
    expect(offered).toBeDefined();
    await expect(service.applyFixes(sessionId, [offered!.id])).rejects.toMatchObject({ code: 'not-allowed', l10n: { en: expect.stringMatching(/interrupted/) } });

    await expect(service.recoverFix(sessionId, '2020-01-01T00-00-00-000Z_nothing', 'rollback')).rejects.toMatchObject({ code: 'not-found' });
    const { problems } = await service.recoverFix(sessionId, found[0]!.id, 'rollback');
    expect(problems).toEqual([]);
    expect(machine.dump()).toBe(before);
    expect(await service.interruptedFixes(sessionId)).toEqual([]);
    await service.closeAll();
  });
});
