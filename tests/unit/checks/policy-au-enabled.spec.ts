import { describe, expect, it } from 'vitest';
import { policyAuEnabled } from '../../../main/checks/client/policy-au-enabled.check.js';
import { KEYS, type RegValue } from '../../../shared/registry-types.js';
import { applyAll, clientMachine, dw, runOne, SERVER2016, sz, URL, WIN10 } from './client-helpers.js';

function withAu(au: Record<string, RegValue>, system = WIN10) {
  return clientMachine({
    system,
    registry: { [KEYS.wuPolicy]: { WUServer: sz(URL), WUStatusServer: sz(URL) }, [KEYS.auPolicy]: { UseWUServer: dw(1), ...au } },
  });
}

describe('client.policy.au-enabled', () => {
  it('passes when NoAutoUpdate and AUOptions are absent (defaults) or documented', async () => {
    expect((await runOne(policyAuEnabled, withAu({}))).status).toBe('pass');
    for (const n of [2, 3, 4, 5]) expect((await runOne(policyAuEnabled, withAu({ NoAutoUpdate: dw(0), AUOptions: dw(n) }))).status).toBe('pass');
    expect((await runOne(policyAuEnabled, clientMachine({ registry: {} }))).status).toBe('pass');
  });

  it('fails on NoAutoUpdate = 1 (DWORD or text) and the fix turns it back on; undo restores', async () => {
    const m = withAu({ NoAutoUpdate: dw(1), AUOptions: dw(3) });
    const before = m.dump();
    const r = await runOne(policyAuEnabled, m);
    expect(r.status).toBe('fail');
    expect(r.evidence.map((e) => e.value)).toEqual(['REG_DWORD 0x00000001 (1)', 'REG_DWORD 0x00000003 (3)']);
    expect(r.fixes.map((f) => f.id)).toEqual(['client.policy.au-enabled:enable-au']);
    expect(r.fixes[0]!.plan).toEqual([
      { kind: 'registry.set', key: KEYS.auPolicy, name: 'NoAutoUpdate', value: dw(0) },
      { kind: 'service.restart', service: 'wuauserv' },
    ]);
    expect(r.fixes[0]!.steps.some((s) => s.en.includes('GPO'))).toBe(true);
    const { undoAll } = await applyAll(m, r.fixes);
    expect((await runOne(policyAuEnabled, m)).status).toBe('pass');
    expect(await undoAll()).toEqual([]);
    expect(m.dump()).toBe(before);
    expect((await runOne(policyAuEnabled, withAu({ NoAutoUpdate: sz('1') }))).status).toBe('fail');
  });

  it('fails on AUOptions = 1, which one source calls "disabled", and offers AUOptions = 3', async () => {
    const m = withAu({ NoAutoUpdate: dw(0), AUOptions: dw(1) });
    const r = await runOne(policyAuEnabled, m);
    expect(r.status).toBe('fail');
    expect(r.fixes.map((f) => f.id)).toEqual(['client.policy.au-enabled:set-auoptions-3']);
    await applyAll(m, r.fixes);
    expect((await runOne(policyAuEnabled, m)).status).toBe('pass');
  });

  it('accepts AUOptions = 7 only on Windows Server 2016 and later', async () => {
    expect((await runOne(policyAuEnabled, withAu({ AUOptions: dw(7) }, SERVER2016))).status).toBe('pass');
    const client = await runOne(policyAuEnabled, withAu({ AUOptions: dw(7) }, WIN10));
    expect(client.status).toBe('warn');
    expect(client.summary.en).toContain('2016');
  });

  it('warns on undocumented or unreadable values without throwing', async () => {
    for (const v of [dw(0), dw(6), dw(0xffffffff), sz('four'), sz('x'.repeat(65_000)), { type: 'REG_BINARY', data: '04' } as RegValue]) {
      const r = await runOne(policyAuEnabled, withAu({ AUOptions: v }));
      expect(r.status, JSON.stringify(v).slice(0, 40)).toBe('warn');
      for (const e of r.evidence) expect(e.value.length).toBeLessThan(1000);
    }
    expect((await runOne(policyAuEnabled, withAu({ NoAutoUpdate: dw(2) }))).status).toBe('warn');
    expect((await runOne(policyAuEnabled, withAu({ AUOptions: sz('4') }))).status).toBe('warn');
  });

  it('reports both problems at once, with both fixes', async () => {
    const r = await runOne(policyAuEnabled, withAu({ NoAutoUpdate: dw(1), AUOptions: dw(9) }));
    expect(r.status).toBe('fail');
    expect(r.fixes.map((f) => f.id)).toEqual(['client.policy.au-enabled:enable-au', 'client.policy.au-enabled:set-auoptions-3']);
  });
});
