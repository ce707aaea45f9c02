import { describe, expect, it } from 'vitest';
import { policyWuServer } from '../../../main/checks/client/policy-wuserver.check.js';
import { KEYS, findValue, type RegValue } from '../../../shared/registry-types.js';
import { applyAll, CLEAN_URL, clientMachine, dw, healthyPolicy, runOne, serverOption, sz, URL, writesOf } from './client-helpers.js';

function withWu(values: Record<string, RegValue>) {
  const registry = healthyPolicy();
  registry[KEYS.wuPolicy] = values;
  return clientMachine({ registry });
}

describe('client.policy.wuserver', () => {
  it('passes on a complete WSUS address and shows the self-update URL', async () => {
    const r = await runOne(policyWuServer, clientMachine());
    expect(r.status).toBe('pass');
    expect(r.evidence[0]).toEqual({ label: { en: `${KEYS.wuPolicy}\\WUServer`, ja: `${KEYS.wuPolicy}\\WUServer` }, value: `REG_SZ "${URL}"` });
    expect(r.evidence.map((e) => e.value)).toContain(`${URL}/selfupdate/wuident.cab`);
    expect(r.fixes).toEqual([]);
  });

  it('warns on a trailing slash and offers to write the cleaned address, after which it passes', async () => {
    const m = withWu({ WUServer: sz(`${URL}/`), WUStatusServer: sz(URL) });
    const r = await runOne(policyWuServer, m);
    expect(r.status).toBe('warn');
    expect(r.summary.en).toContain('//selfupdate');
    expect(writesOf(r.fixes)).toEqual([`${KEYS.wuPolicy}\\WUServer="${URL}"`]);
    expect(r.fixes[0]!.plan.at(-1)).toEqual({ kind: 'service.restart', service: 'wuauserv' });
    const before = m.dump();
    const { applied, undoAll } = await applyAll(m, r.fixes);
    expect(applied[0]!.result).toBe('applied');
    expect((await runOne(policyWuServer, m)).status).toBe('pass');
    expect(await undoAll()).toEqual([]);
    expect(m.dump()).toBe(before);
  });

  it('warns on REG_EXPAND_SZ and on spaces around the address', async () => {
    expect((await runOne(policyWuServer, withWu({ WUServer: { type: 'REG_EXPAND_SZ', data: URL } }))).status).toBe('warn');
    const spaced = await runOne(policyWuServer, withWu({ WUServer: sz(`  ${URL} `) }));
    expect(spaced.status).toBe('warn');
    expect(writesOf(spaced.fixes)).toEqual([`${KEYS.wuPolicy}\\WUServer="${URL}"`]);
  });

  it('fails when missing, with a blocked fix when no address is known', async () => {
    const r = await runOne(policyWuServer, withWu({}));
    expect(r.status).toBe('fail');
    expect(r.evidence[0]!.value).toBe('(not present)');
    const fix = r.fixes[0]!;
    expect(fix.id).toBe('client.policy.wuserver:set-server');
    expect(fix.automatic).toBe(true);
    expect(fix.requiresAdmin).toBe(true);
    expect(fix.plan).toEqual([]);
    expect(fix.blocked?.en).toContain('--server');
    expect(fix.blocked?.ja).toContain('--server');
  });

  it('says when the whole key is missing', async () => {
    const r = await runOne(policyWuServer, clientMachine({ registry: {} }));
    expect(r.status).toBe('fail');
    expect(r.evidence[0]!.value).toBe('(key not present)');
  });

  it('takes the address from --server first, then a misspelled value, then WUStatusServer', async () => {
    const all = withWu({ WSUServer: sz('http://wsus-typo.corp.example:8530'), WUStatusServer: sz('http://wsus-status.corp.example:8530') });
    const given = await runOne(policyWuServer, all, serverOption('http://WSUS-CLI.corp.example:8531'));
    expect(writesOf(given.fixes)).toEqual([`${KEYS.wuPolicy}\\WUServer="http://wsus-cli.corp.example:8531"`]);
    expect(given.fixes[0]!.steps[0]!.en).toContain('--server');

    const typo = await runOne(policyWuServer, all);
    expect(writesOf(typo.fixes)).toEqual([`${KEYS.wuPolicy}\\WUServer="http://wsus-typo.corp.example:8530"`]);

    const status = await runOne(policyWuServer, withWu({ WUStatusServer: sz('http://wsus-status.corp.example:8530/') }));
    expect(writesOf(status.fixes)).toEqual([`${KEYS.wuPolicy}\\WUServer="http://wsus-status.corp.example:8530"`]);
  });

  it('finds a misplaced WUServer under AU as a candidate too', async () => {
    const registry = healthyPolicy();
    registry[KEYS.wuPolicy] = {};
    registry[KEYS.auPolicy] = { ...registry[KEYS.auPolicy], WUServer: sz('http://wsus09.corp.example:8530') };
    const r = await runOne(policyWuServer, clientMachine({ registry }));
    expect(writesOf(r.fixes)).toEqual([`${KEYS.wuPolicy}\\WUServer="http://wsus09.corp.example:8530"`]);
  });

  it('ignores an invalid --server value instead of writing it', async () => {
    const r = await runOne(policyWuServer, withWu({}), serverOption('http://evil" & calc.exe'));
    expect(r.fixes[0]!.plan).toEqual([]);
    expect(r.fixes[0]!.blocked).toBeDefined();
  });

  const garbage: Array<[string, RegValue]> = [
    ['quotes', sz('"http://wsus01:8530"')],
    ['ampersand', sz('http://wsus01:8530/&calc.exe')],
    ['percent', sz('http://%COMPUTERNAME%:8530')],
    ['path', sz('http://wsus01:8530/ClientWebService')],
    ['no scheme', sz('wsus01.corp.example:8530')],
    ['ftp', sz('ftp://wsus01:8530')],
    ['port out of range', sz('http://wsus01:99999')],
    ['huge', sz(`http://${'a'.repeat(65_000)}`)],
    ['control characters', sz('http://wsus01:8530\u0000\r\nX')],
    ['empty', sz('')],
    ['only spaces', sz('    ')],
    ['unicode host', sz('http://ｗｓｕｓ01:8530')],
    ['numeric host', sz('http://12345:8530')],
    ['DWORD', dw(1)],
    ['MULTI_SZ', { type: 'REG_MULTI_SZ', data: [URL] }],
    ['BINARY', { type: 'REG_BINARY', data: '68747470' }],
    ['QWORD', { type: 'REG_QWORD', data: '18446744073709551615' }],
  ];
  for (const [name, value] of garbage) {
    it(`fails without throwing on garbage (${name}) and never copies it into a plan`, async () => {
      const r = await runOne(policyWuServer, withWu({ WUServer: value, WSUServer: value, WUStatusServer: value }));
      expect(r.status).toBe('fail');
      expect(r.evidence.length).toBeGreaterThan(1);
      for (const e of r.evidence) expect(e.value.length).toBeLessThan(1000);
      expect(r.fixes[0]!.plan).toEqual([]);
      expect(r.fixes[0]!.blocked).toBeDefined();
      // With --server, the plan writes that address and nothing from the garbage.
      const withServer = await runOne(policyWuServer, withWu({ WUServer: value, WSUServer: value }), serverOption(URL));
      const writes = withServer.fixes[0]!.plan.filter((c) => c.kind === 'registry.set');
      expect(writes).toHaveLength(1);
      expect(writes[0]!.kind === 'registry.set' && writes[0]!.value).toEqual({ type: 'REG_SZ', data: URL });
    });
  }

  it('shows exactly what was read and why it was rejected', async () => {
    const r = await runOne(policyWuServer, withWu({ WUServer: sz('http://wsus01:8530/&calc') }));
    expect(r.evidence[0]!.value).toBe('REG_SZ "http://wsus01:8530/&calc"');
    expect(r.evidence.find((e) => e.label.en === 'Why it is rejected')!.value).toContain('"&"');
    expect(r.summary.ja.length).toBeGreaterThan(10);
  });

  it('the fix makes the check pass on re-run, and undo restores the machine exactly', async () => {
    const m = withWu({ WUStatusServer: sz(URL) });
    const before = m.dump();
    const r = await runOne(policyWuServer, m);
    const { applied, undoAll } = await applyAll(m, r.fixes);
    expect(applied.map((a) => a.result)).toEqual(['applied']);
    expect(findValue(await m.registry.readKey(KEYS.wuPolicy), 'WUServer')?.value).toEqual(sz(URL));
    expect((await runOne(policyWuServer, m)).status).toBe('pass');
    expect(await undoAll()).toEqual([]);
    expect(m.dump()).toBe(before);
  });

  it('every written URL is a clean, validated address', async () => {
    const r = await runOne(policyWuServer, withWu({ WSUServer: sz('HTTP://Wsus01.Corp.Example:8530/') }));
    for (const w of r.fixes[0]!.plan) if (w.kind === 'registry.set' && w.value.type === 'REG_SZ') expect(w.value.data).toMatch(CLEAN_URL);
  });
});
