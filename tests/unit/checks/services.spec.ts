import { describe, expect, it } from 'vitest';
import { policyUseWuServer } from '../../../main/checks/client/policy-usewuserver.check.js';
import { serviceBits } from '../../../main/checks/client/service-bits.check.js';
import { serviceWuauserv } from '../../../main/checks/client/service-wuauserv.check.js';
import { KEYS } from '../../../shared/registry-types.js';
import { applyAll, clientMachine, dw, healthyPolicy, runOne, WIN10, WIN7, WIN81, WINXP, type MachineSpec } from './client-helpers.js';

type Svc = NonNullable<MachineSpec['services']>[string];
const svc = (wuauserv: Svc | null, bits: Svc | null, system = WIN10) => {
  const services: NonNullable<MachineSpec['services']> = {};
  if (wuauserv) services.wuauserv = wuauserv;
  if (bits) services.BITS = bits;
  return clientMachine({ system, services, files: { 'C:\\WINDOWS\\System32\\wuaueng.dll': { version: '7.6.7600.256' } } });
};
const running: Svc = { state: 'running', startType: 'manual' };

describe('client.service.wuauserv and client.service.bits', () => {
  it('pass when running, showing the state and start type by name and number', async () => {
    const r = await runOne(serviceWuauserv, svc({ state: 'running', startType: 'auto', delayedAutoStart: true }, running));
    expect(r.status).toBe('pass');
    expect(r.evidence.map((e) => e.value)).toEqual(['running (4)', 'automatic (delayed start) (2, AUTO_START (DELAYED))']);
    expect((await runOne(serviceBits, svc(running, running))).status).toBe('pass');
  });

  it('pass when stopped with a manual start on Windows 8 and later (started on demand)', async () => {
    const stopped: Svc = { state: 'stopped', startType: 'manual' };
    expect((await runOne(serviceWuauserv, svc(stopped, stopped, WIN10))).status).toBe('pass');
    expect((await runOne(serviceWuauserv, svc(stopped, stopped, WIN81))).status).toBe('pass');
    expect((await runOne(serviceBits, svc(stopped, stopped, WIN7))).status).toBe('pass');
  });

  it('warn when wuauserv is manual and stopped on Windows 7 or XP, where it must run all the time', async () => {
    const m = svc({ state: 'stopped', startType: 'manual' }, running, WIN7);
    const r = await runOne(serviceWuauserv, m);
    expect(r.status).toBe('warn');
    expect(r.fixes[0]!.plan).toEqual([
      { kind: 'service.start-type', service: 'wuauserv', startType: 'auto' },
      { kind: 'service.start', service: 'wuauserv' },
    ]);
    const before = m.dump();
    const { undoAll } = await applyAll(m, r.fixes);
    expect((await runOne(serviceWuauserv, m)).status).toBe('pass');
    expect(await undoAll()).toEqual([]);
    expect(m.dump()).toBe(before);
  });

  it('warn when stopped although automatic, with a fix that starts it', async () => {
    const m = svc({ state: 'stopped', startType: 'auto' }, running);
    const r = await runOne(serviceWuauserv, m);
    expect(r.status).toBe('warn');
    expect(r.fixes[0]!.plan).toEqual([{ kind: 'service.start', service: 'wuauserv' }]);
    await applyAll(m, r.fixes);
    expect((await runOne(serviceWuauserv, m)).status).toBe('pass');
    expect((await runOne(serviceBits, svc(running, { state: 'paused', startType: 'manual' }))).status).toBe('warn');
  });

  it('fail when the service does not exist, with manual steps only', async () => {
    const r = await runOne(serviceWuauserv, svc(null, running));
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('1060');
    expect(r.fixes[0]!.automatic).toBe(false);
    expect(r.fixes[0]!.plan).toEqual([]);
    expect((await runOne(serviceBits, svc(running, null))).status).toBe('fail');
  });

  for (const [system, expected] of [
    [WIN10, 'manual'],
    [WIN81, 'manual'],
    [WIN7, 'auto'],
    [WINXP, 'auto'],
  ] as const) {
    it(`fail when disabled; the fix restores the Windows default for ${system.productName} (${expected}); undo restores exactly`, async () => {
      const m = svc({ state: 'stopped', startType: 'disabled' }, { state: 'stopped', startType: 'disabled' }, system);
      const before = m.dump();
      const r = await runOne(serviceWuauserv, m);
      expect(r.status).toBe('fail');
      expect(r.fixes[0]!.id).toBe('client.service.wuauserv:enable');
      expect(r.fixes[0]!.plan).toEqual([
        { kind: 'service.start-type', service: 'wuauserv', startType: expected },
        { kind: 'service.start', service: 'wuauserv' },
        { kind: 'service.restart', service: 'wuauserv' },
      ]);
      const bits = await runOne(serviceBits, m);
      expect(bits.status).toBe('fail');
      expect(bits.fixes[0]!.plan).toEqual([
        { kind: 'service.start-type', service: 'BITS', startType: 'manual' },
        { kind: 'service.start', service: 'BITS' },
      ]);
      const { applied, undoAll } = await applyAll(m, [...r.fixes, ...bits.fixes]);
      expect(applied.map((a) => a.result)).toEqual(['applied', 'applied']);
      expect((await runOne(serviceWuauserv, m)).status).toBe('pass');
      expect((await runOne(serviceBits, m)).status).toBe('pass');
      expect(await undoAll()).toEqual([]);
      expect(m.dump()).toBe(before);
    });
  }

  it('when applied together with a policy fix, the shared wuauserv restart runs after the service is re-enabled', async () => {
    const registry = healthyPolicy();
    registry[KEYS.auPolicy] = { UseWUServer: dw(0) };
    const m = clientMachine({ registry, services: { wuauserv: { state: 'stopped', startType: 'disabled' }, BITS: running } });
    const policy = await runOne(policyUseWuServer, m);
    const service = await runOne(serviceWuauserv, m);
    const { applied } = await applyAll(m, [...policy.fixes, ...service.fixes]);
    expect(applied.map((a) => a.result)).toEqual(['applied', 'applied']);
    expect((await runOne(policyUseWuServer, m)).status).toBe('pass');
    expect((await runOne(serviceWuauserv, m)).status).toBe('pass');
  });
});
