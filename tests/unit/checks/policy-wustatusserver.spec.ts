import { describe, expect, it } from 'vitest';
import { policyWuStatusServer } from '../../../main/checks/client/policy-wustatusserver.check.js';
import { policyWuServer } from '../../../main/checks/client/policy-wuserver.check.js';
import { KEYS, type RegValue } from '../../../shared/registry-types.js';
import { applyAll, clientMachine, dw, healthyPolicy, runOne, serverOption, sz, URL, writesOf } from './client-helpers.js';

function withWu(values: Record<string, RegValue>) {
  const registry = healthyPolicy();
  registry[KEYS.wuPolicy] = values;
  return clientMachine({ registry });
}

describe('client.policy.wustatusserver', () => {
  it('passes when it equals WUServer, comparing normalised addresses', async () => {
    expect((await runOne(policyWuStatusServer, clientMachine())).status).toBe('pass');
    const r = await runOne(policyWuStatusServer, withWu({ WUServer: sz(URL), WUStatusServer: sz('HTTP://WSUS01.Corp.Example:8530') }));
    expect(r.status).toBe('pass');
  });

  it('fails when missing: the client never reports; the fix copies WUServer', async () => {
    const m = withWu({ WUServer: sz(URL) });
    const r = await runOne(policyWuStatusServer, m);
    expect(r.status).toBe('fail');
    expect(r.summary.en).toMatch(/report/i);
    expect(writesOf(r.fixes)).toEqual([`${KEYS.wuPolicy}\\WUStatusServer="${URL}"`]);
    const before = m.dump();
    const { undoAll } = await applyAll(m, r.fixes);
    expect((await runOne(policyWuStatusServer, m)).status).toBe('pass');
    expect(await undoAll()).toEqual([]);
    expect(m.dump()).toBe(before);
  });

  it('warns when it names another server, explaining that the sources disagree, and offers to align it', async () => {
    const r = await runOne(policyWuStatusServer, withWu({ WUServer: sz(URL), WUStatusServer: sz('http://wsus02.corp.example:8530') }));
    expect(r.status).toBe('warn');
    expect(r.summary.en).toContain('wsus02.corp.example');
    expect(r.summary.en).toMatch(/older/i);
    expect(r.summary.en).toMatch(/newer/i);
    expect(writesOf(r.fixes)).toEqual([`${KEYS.wuPolicy}\\WUStatusServer="${URL}"`]);
    expect(r.fixes[0]!.steps.some((s) => s.en.includes('intended'))).toBe(true);
  });

  it('treats a different port as a different server', async () => {
    const r = await runOne(policyWuStatusServer, withWu({ WUServer: sz(URL), WUStatusServer: sz('http://wsus01.corp.example') }));
    expect(r.status).toBe('warn');
  });

  it('warns on a trailing slash and writes the cleaned address', async () => {
    const r = await runOne(policyWuStatusServer, withWu({ WUServer: sz(URL), WUStatusServer: sz(`${URL}/`) }));
    expect(r.status).toBe('warn');
    expect(writesOf(r.fixes)).toEqual([`${KEYS.wuPolicy}\\WUStatusServer="${URL}"`]);
  });

  it('fails on an invalid or wrongly typed value without throwing', async () => {
    for (const bad of [sz('"http://wsus01"'), sz('x'.repeat(70_000).slice(0, 65_000)), dw(1), { type: 'REG_BINARY', data: '00ff' } as RegValue]) {
      const r = await runOne(policyWuStatusServer, withWu({ WUServer: sz(URL), WUStatusServer: bad }));
      expect(r.status).toBe('fail');
      expect(writesOf(r.fixes)).toEqual([`${KEYS.wuPolicy}\\WUStatusServer="${URL}"`]);
      for (const e of r.evidence) expect(e.value.length).toBeLessThan(1000);
    }
  });

  it('when WUServer is unusable, uses the same address the WUServer fix would write', async () => {
    const m = withWu({ WUServer: sz('http://bad server'), WSUServer: sz('http://wsus03.corp.example:8530') });
    const status = await runOne(policyWuStatusServer, m);
    const server = await runOne(policyWuServer, m);
    expect(writesOf(status.fixes)).toEqual([`${KEYS.wuPolicy}\\WUStatusServer="http://wsus03.corp.example:8530"`]);
    expect(writesOf(server.fixes)).toEqual([`${KEYS.wuPolicy}\\WUServer="http://wsus03.corp.example:8530"`]);
    const given = await runOne(policyWuStatusServer, withWu({}), serverOption(URL));
    expect(writesOf(given.fixes)).toEqual([`${KEYS.wuPolicy}\\WUStatusServer="${URL}"`]);
  });

  it('is blocked when no address is known anywhere', async () => {
    const r = await runOne(policyWuStatusServer, withWu({}));
    expect(r.status).toBe('fail');
    expect(r.fixes[0]!.plan).toEqual([]);
    expect(r.fixes[0]!.blocked?.ja).toContain('--server');
  });

  it('passes on its own when WUServer is broken but WUStatusServer is fine', async () => {
    const r = await runOne(policyWuStatusServer, withWu({ WUStatusServer: sz(URL) }));
    expect(r.status).toBe('pass');
    expect(r.summary.en).toContain('WUServer');
  });
});
