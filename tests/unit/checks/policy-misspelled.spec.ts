import { describe, expect, it } from 'vitest';
import {
  AU_POLICY_NAMES,
  findMisspellings,
  levenshtein,
  WU_POLICY_NAMES,
} from '../../../main/checks/client/misspelling.js';
import { policyMisspelled } from '../../../main/checks/client/policy-misspelled.check.js';
import { policyUseWuServer } from '../../../main/checks/client/policy-usewuserver.check.js';
import { policyWuServer } from '../../../main/checks/client/policy-wuserver.check.js';
import { policyWuStatusServer } from '../../../main/checks/client/policy-wustatusserver.check.js';
import { KEYS, type RegValue } from '../../../shared/registry-types.js';
import { applyAll, clientMachine, dw, runOne, serverOption, sz, URL, writesOf } from './client-helpers.js';

function machine(wu: Record<string, RegValue> | null, au: Record<string, RegValue> | null) {
  const registry: Record<string, Record<string, RegValue>> = {};
  if (wu) registry[KEYS.wuPolicy] = wu;
  if (au) registry[KEYS.auPolicy] = au;
  return clientMachine({ registry });
}

const snapshot = (wu: Record<string, RegValue>, au: Record<string, RegValue>) => ({
  wu: { path: KEYS.wuPolicy, values: wu, subkeys: [] },
  au: { path: KEYS.auPolicy, values: au, subkeys: [] },
});

describe('levenshtein', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('wuserver', 'wuserver')).toBe(0);
    expect(levenshtein('wsuserver', 'wuserver')).toBe(1);
    expect(levenshtein('wuservr', 'wuserver')).toBe(1);
    expect(levenshtein('wusrever', 'wuserver')).toBe(2);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
  });
  it('stops early above the cap', () => {
    expect(levenshtein('a'.repeat(10_000), 'wuserver', 2)).toBe(3);
    expect(levenshtein('zzzzzzzz', 'wuserver', 2)).toBe(3);
  });
});

describe('findMisspellings', () => {
  it('finds the three misspellings of the Japanese article', () => {
    const found = findMisspellings(snapshot({ WSUServer: sz(URL), WSUStatusServer: sz(URL) }, { UseWSUServer: dw(1) }));
    expect(found.map((m) => [m.name, m.target, m.reason])).toEqual([
      ['WSUServer', 'WUServer', 'article'],
      ['WSUStatusServer', 'WUStatusServer', 'article'],
      ['UseWSUServer', 'UseWUServer', 'article'],
    ]);
  });

  it('finds near-misses within two edits, whatever the case, including a trailing space', () => {
    const found = findMisspellings(
      snapshot({ WUServr: sz(URL), 'WUStatusServer ': sz(URL), wustatussrever: sz(URL) }, { UseWUSever: dw(1), USEWUSERVERS: dw(1) }),
    );
    expect(found.map((m) => [m.name, m.target, m.reason])).toEqual([
      ['WUServr', 'WUServer', 'near-miss'],
      ['WUStatusServer ', 'WUStatusServer', 'near-miss'],
      ['wustatussrever', 'WUStatusServer', 'near-miss'],
      ['UseWUSever', 'UseWUServer', 'near-miss'],
      ['USEWUSERVERS', 'UseWUServer', 'near-miss'],
    ]);
    // Two edits away is still a typo of WUServer by this rule (a bare "Server" is not a policy name).
    expect(findMisspellings(snapshot({ Server: sz(URL) }, {})).map((m) => m.target)).toEqual(['WUServer']);
  });

  it('finds correct names in the wrong key', () => {
    const found = findMisspellings(snapshot({ UseWUServer: dw(1) }, { WUServer: sz(URL), wustatusserver: sz(URL) }));
    expect(found.map((m) => [m.key, m.name, m.target, m.reason])).toEqual([
      [KEYS.wuPolicy, 'UseWUServer', 'UseWUServer', 'wrong-key'],
      [KEYS.auPolicy, 'WUServer', 'WUServer', 'wrong-key'],
      [KEYS.auPolicy, 'wustatusserver', 'WUStatusServer', 'wrong-key'],
    ]);
  });

  it('reports no real policy name, in any case, and nothing far from the three names', () => {
    const wu = Object.fromEntries(WU_POLICY_NAMES.map((n) => [n, dw(1)]));
    const au = Object.fromEntries(AU_POLICY_NAMES.map((n) => [n, dw(1)]));
    expect(findMisspellings(snapshot(wu, au))).toEqual([]);
    const upper = Object.fromEntries(WU_POLICY_NAMES.map((n) => [n.toUpperCase(), dw(1)]));
    expect(findMisspellings(snapshot(upper, { usewuserver: dw(1), NOAUTOUPDATE: dw(0) }))).toEqual([]);
    expect(findMisspellings(snapshot({ ProxyServer: sz(URL), UpdateServer: sz(URL), '': sz('default'), ['x'.repeat(16_000)]: sz('y') }, { AU: dw(1) }))).toEqual([]);
    expect(findMisspellings({ wu: null, au: null })).toEqual([]);
  });
});

describe('client.policy.misspelled', () => {
  it('passes on a clean policy and lists the names it looked at', async () => {
    const r = await runOne(policyMisspelled, clientMachine());
    expect(r.status).toBe('pass');
    expect(r.evidence[0]!.value).toBe('WUServer, WUStatusServer');
  });

  it('fails on the article misspellings with exact evidence and the expected names', async () => {
    const r = await runOne(policyMisspelled, machine({ WSUServer: sz(URL), WSUStatusServer: sz(URL) }, { UseWSUServer: dw(1) }));
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('Japanese');
    expect(r.evidence.map((e) => e.label.en)).toEqual([
      `${KEYS.wuPolicy}\\WSUServer`,
      `${KEYS.wuPolicy}\\WSUStatusServer`,
      `${KEYS.auPolicy}\\UseWSUServer`,
    ]);
    expect(r.evidence[0]!.value).toContain(`REG_SZ "${URL}"`);
    expect(r.evidence[0]!.value).toContain(`${KEYS.wuPolicy}\\WUServer`);
    expect(r.evidence[2]!.value).toContain('REG_DWORD 0x00000001 (1)');
    expect(r.evidence[2]!.value).toContain(`${KEYS.auPolicy}\\UseWUServer`);
  });

  it('the fix moves the values to the right names and deletes the wrong ones; all policy checks then pass; undo restores', async () => {
    const m = machine({ WSUServer: sz(`${URL}/`), WSUStatusServer: sz(URL) }, { UseWSUServer: sz('1'), NoAutoUpdate: dw(0) });
    const before = m.dump();
    const r = await runOne(policyMisspelled, m);
    const fix = r.fixes[0]!;
    expect(fix.id).toBe('client.policy.misspelled:rename-values');
    expect(fix.blocked).toBeUndefined();
    expect(fix.plan).toEqual([
      { kind: 'registry.set', key: KEYS.wuPolicy, name: 'WUServer', value: sz(URL) },
      { kind: 'registry.set', key: KEYS.wuPolicy, name: 'WUStatusServer', value: sz(URL) },
      { kind: 'registry.set', key: KEYS.auPolicy, name: 'UseWUServer', value: dw(1) },
      { kind: 'registry.delete', key: KEYS.wuPolicy, name: 'WSUServer' },
      { kind: 'registry.delete', key: KEYS.wuPolicy, name: 'WSUStatusServer' },
      { kind: 'registry.delete', key: KEYS.auPolicy, name: 'UseWSUServer' },
      { kind: 'service.restart', service: 'wuauserv' },
    ]);
    const { applied, undoAll } = await applyAll(m, [fix]);
    expect(applied[0]!.result).toBe('applied');
    for (const check of [policyMisspelled, policyWuServer, policyWuStatusServer, policyUseWuServer]) {
      expect((await runOne(check, m)).status, check.id).toBe('pass');
    }
    expect(await undoAll()).toEqual([]);
    expect(m.dump()).toBe(before);
  });

  it('only deletes when the correct value already exists, and keeps the existing one', async () => {
    const r = await runOne(policyMisspelled, machine({ WUServer: sz(URL), WSUServer: sz('http://other.corp.example:8530') }, { UseWUServer: dw(1) }));
    expect(r.fixes[0]!.plan).toEqual([
      { kind: 'registry.delete', key: KEYS.wuPolicy, name: 'WSUServer' },
      { kind: 'service.restart', service: 'wuauserv' },
    ]);
  });

  it('moves a value found in the wrong key', async () => {
    const r = await runOne(policyMisspelled, machine({ WUServer: sz(URL), WUStatusServer: sz(URL), UseWUServer: dw(1) }, {}));
    expect(r.status).toBe('fail');
    expect(writesOf(r.fixes)).toEqual([`${KEYS.auPolicy}\\UseWUServer=1`]);
    expect(r.fixes[0]!.plan).toContainEqual({ kind: 'registry.delete', key: KEYS.wuPolicy, name: 'UseWUServer' });
  });

  it('does not copy an UseWSUServer that is not 1', async () => {
    const r = await runOne(policyMisspelled, machine({ WUServer: sz(URL) }, { UseWSUServer: dw(0) }));
    expect(writesOf(r.fixes)).toEqual([]);
    expect(r.fixes[0]!.plan).toContainEqual({ kind: 'registry.delete', key: KEYS.auPolicy, name: 'UseWSUServer' });
    expect(r.fixes[0]!.blocked).toBeUndefined();
  });

  it('never copies an invalid address: blocked without --server, the given address with it', async () => {
    const bad = sz('"http://wsus01:8530" & del C:\\*');
    const blocked = await runOne(policyMisspelled, machine({ WSUServer: bad }, { UseWUServer: dw(1) }));
    expect(blocked.fixes[0]!.blocked?.en).toContain('--server');
    expect(blocked.fixes[0]!.plan).toEqual([]);

    const given = await runOne(policyMisspelled, machine({ WSUServer: bad }, { UseWUServer: dw(1) }), serverOption(URL));
    expect(given.fixes[0]!.blocked).toBeUndefined();
    expect(writesOf(given.fixes)).toEqual([`${KEYS.wuPolicy}\\WUServer="${URL}"`]);
    expect(JSON.stringify(given.fixes[0]!.plan)).not.toContain('del C');

    const existing = await runOne(policyMisspelled, machine({ WUServer: sz(URL), WSUServer: bad }, { UseWUServer: dw(1) }));
    expect(existing.fixes[0]!.blocked).toBeUndefined();
    expect(writesOf(existing.fixes)).toEqual([]);
  });

  it('copies the first valid value when two wrong values point to the same name', async () => {
    const r = await runOne(policyMisspelled, machine({ WSUServer: sz(URL) }, { WUServer: sz('http://wsus02.corp.example:8530'), UseWUServer: dw(1) }));
    expect(writesOf(r.fixes)).toEqual([`${KEYS.wuPolicy}\\WUServer="${URL}"`]);
    expect(r.fixes[0]!.plan.filter((c) => c.kind === 'registry.delete')).toHaveLength(2);
  });

  it('never throws on odd names and data', async () => {
    const r = await runOne(
      policyMisspelled,
      machine(
        { 'WSUServer\u0000': { type: 'REG_BINARY', data: 'ff'.repeat(5000) }, WUSERVERX: { type: 'REG_MULTI_SZ', data: ['a', 'b'] } },
        { UseWSUServer: { type: 'REG_QWORD', data: '1' } },
      ),
    );
    expect(r.status).toBe('fail');
    for (const e of r.evidence) expect(e.value.length).toBeLessThan(1000);
  });
});
