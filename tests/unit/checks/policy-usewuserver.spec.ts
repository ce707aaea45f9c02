import { describe, expect, it } from 'vitest';
import { policyUseWuServer } from '../../../main/checks/client/policy-usewuserver.check.js';
import { KEYS, type RegValue } from '../../../shared/registry-types.js';
import { applyAll, clientMachine, dw, healthyPolicy, runOne, sz } from './client-helpers.js';

function withUse(value: RegValue | undefined) {
  const registry = healthyPolicy();
  const au = { ...registry[KEYS.auPolicy] };
  delete au.UseWUServer;
  if (value) au.UseWUServer = value;
  registry[KEYS.auPolicy] = au;
  return clientMachine({ registry });
}

describe('client.policy.usewuserver', () => {
  it('passes on DWORD 1, warns on the text "1", fails on 0, on garbage and when missing', async () => {
    expect((await runOne(policyUseWuServer, withUse(dw(1)))).status).toBe('pass');
    expect((await runOne(policyUseWuServer, withUse(sz('1')))).status).toBe('warn');
    expect((await runOne(policyUseWuServer, withUse(dw(0)))).status).toBe('fail');
    expect((await runOne(policyUseWuServer, withUse(sz('yes')))).status).toBe('fail');
    expect((await runOne(policyUseWuServer, withUse({ type: 'REG_BINARY', data: '01000000' }))).status).toBe('fail');
    expect((await runOne(policyUseWuServer, withUse(sz('9'.repeat(60_000))))).status).toBe('fail');
    expect((await runOne(policyUseWuServer, withUse(undefined))).status).toBe('fail');
  });

  it('the fix writes DWORD 1, the check then passes, and undo restores the machine', async () => {
    const m = withUse(sz('1'));
    const before = m.dump();
    const r = await runOne(policyUseWuServer, m);
    const { applied, undoAll } = await applyAll(m, r.fixes);
    expect(applied[0]!.result).toBe('applied');
    expect((await runOne(policyUseWuServer, m)).status).toBe('pass');
    expect(await undoAll()).toEqual([]);
    expect(m.dump()).toBe(before);
  });
});
