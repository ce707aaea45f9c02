import { describe, expect, it } from 'vitest';
import { CLIENT_CHECK_IMPLS } from '../../../main/checks/client/index.js';
import { runChecks } from '../../../main/engine/runner.js';
import { KEYS, type RegValue } from '../../../shared/registry-types.js';
import { clientMachine, CLEAN_URL, WIN10, WIN7, WINXP } from './client-helpers.js';

/** A small deterministic generator, so a failure is reproducible from the seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 0x1_0000_0000;
  };
}

const STRINGS = [
  '',
  ' ',
  '"',
  "'",
  '&',
  '%SystemRoot%',
  'http://',
  'http://wsus01.corp.example:8530/',
  'http://wsus01.corp.example:8530',
  'https://[fe80::1]:8531',
  'http://wsus01:8530" & calc.exe & "',
  'http://wsus01:0',
  'javascript:alert(1)',
  '<script>alert(1)</script>',
  '2026.11.21 09.25.00',
  '2026.11.21 09:25:00',
  '2026.99.99 99.99.99',
  '1',
  '0',
  '\u0000\u0001\u0002',
  '\r\n\t',
  'ｗｓｕｓ',
  'x'.repeat(65_000),
];
const NAMES = {
  [KEYS.wuPolicy]: ['WUServer', 'WUStatusServer', 'WSUServer', 'WSUStatusServer', 'UseWUServer', 'WUServr', 'TargetGroup'],
  [KEYS.auPolicy]: ['UseWUServer', 'UseWSUServer', 'NoAutoUpdate', 'AUOptions', 'WUServer', 'WUStatusServer '],
  [KEYS.autoUpdate]: ['AUState', 'DetectionStartTime', 'LastWaitTimeout'],
  [KEYS.winHttpConnections]: ['WinHttpSettings'],
};

function randomValue(next: () => number): RegValue {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  switch (Math.floor(next() * 6)) {
    case 0:
      return { type: 'REG_DWORD', data: pick([0, 1, 2, 3, 7, 8, 99, 0xffffffff]) };
    case 1:
      return { type: 'REG_EXPAND_SZ', data: pick(STRINGS) };
    case 2:
      return { type: 'REG_MULTI_SZ', data: [pick(STRINGS), pick(STRINGS)] };
    case 3:
      return { type: 'REG_BINARY', data: pick(['', '00', 'ff'.repeat(2000), '2800000000000000030000000500000070726f7879', '28000000000000000300000005000000']) };
    case 4:
      return { type: 'REG_QWORD', data: pick(['0', '1', '18446744073709551615']) };
    default:
      return { type: 'REG_SZ', data: pick(STRINGS) };
  }
}

// The log check belongs to another area and has its own tests; these are the registry-driven checks.
const CHECKS = CLIENT_CHECK_IMPLS.filter((c) => c.id !== 'client.log.windowsupdate');

describe('client checks on garbage registry data', () => {
  for (let seed = 1; seed <= 60; seed++) {
    it(`seed ${seed}: no check errors, evidence stays bounded, plans hold only validated URLs`, async () => {
      const next = rng(seed);
      const registry: Record<string, Record<string, RegValue>> = {};
      for (const [key, names] of Object.entries(NAMES)) {
        registry[key] = {};
        for (const n of names) if (next() < 0.7) registry[key][n] = randomValue(next);
      }
      const system = [WIN10, WIN7, WINXP][seed % 3]!;
      const machine = clientMachine({ system, registry });
      const run = await runChecks({ role: 'client', machine, implementations: CHECKS });
      for (const r of run.results) {
        expect(r.status, `${r.id}: ${r.summary.en}`).not.toBe('error');
        expect(r.summary.en.length, r.id).toBeLessThan(3000);
        for (const e of r.evidence) expect(e.value.length, r.id).toBeLessThan(1000);
        for (const f of r.fixes) {
          for (const c of f.plan) {
            if (c.kind !== 'registry.set') continue;
            if (c.name === 'WUServer' || c.name === 'WUStatusServer') {
              expect(c.value.type).toBe('REG_SZ');
              expect(String(c.value.data)).toMatch(CLEAN_URL);
            } else {
              expect(c.value.type, `${f.id} ${c.name}`).toBe('REG_DWORD');
            }
          }
        }
      }
    });
  }
});
