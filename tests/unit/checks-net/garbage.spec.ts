import { describe, expect, it } from 'vitest';
import { HTTP_CHECK_IDS, NETWORK_CHECK_IDS } from '../../../shared/check-ids.js';
import { CAB, clientMachine, expectBilingual, get, remoteMachine, run, WINXP, WSUS, type Canned, type Results } from './fake-net.js';

/** A small deterministic generator, so a failure is reproducible from the seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 0x1_0000_0000;
  };
}

const enc = new TextEncoder();
const BAD_HTTP: unknown[] = [
  null,
  undefined,
  42,
  'a string',
  [],
  {},
  { outcome: 'response' },
  { outcome: 'response', status: Number.NaN },
  { outcome: 'response', status: 99_999, statusText: 42 },
  { outcome: 'response', status: -1 },
  { outcome: 'response', status: 200.5, body: CAB },
  { outcome: 'response', status: 200, headers: null, body: 'MSCF' },
  { outcome: 'response', status: 200, headers: { 'content-type': 123, 'content-length': ['1', '2'] }, body: CAB, contentLength: -5 },
  { outcome: 'response', status: 200, body: new Uint8Array([0x4d, 0x53, 0x43, 0x46]) },
  { outcome: 'response', status: 200, body: new Uint8Array(0), contentLength: Number.POSITIVE_INFINITY },
  { outcome: 'response', status: 200, body: CAB, bodyTruncated: 'yes', incomplete: 1, timings: null, hops: 'x' },
  { outcome: 'response', status: 200, body: enc.encode('\u0000\u0001<html>'.repeat(20_000)), headers: { 'content-type': 'x'.repeat(100_000) } },
  { outcome: 'response', status: 401, headers: { 'www-authenticate': ',,, =,  ,Negotiate oRswGaADCgEAoxIEEAEAAAB=, "x"' } },
  { outcome: 'response', status: 302, hops: [null, 1, { url: 5, status: 'x', location: {} }] },
  { outcome: 'banana', status: 200 },
  { outcome: 'timeout', message: { nested: true } },
  { outcome: 'error' },
  () => {
    throw new Error('adapter exploded');
  },
  () => {
    throw 'a thrown string';
  },
  () => Promise.reject(new TypeError('fetch failed')),
];

const BAD_NET: unknown[] = [null, undefined, 7, {}, { ok: true }, { ok: false }, { ok: true, addresses: 'x', ms: 'slow' }, { ok: false, code: 'weird', message: 5, ms: -1 }, { ok: true, alive: 'maybe', timeMs: Number.NaN }];

function asCanned(v: unknown): Canned {
  return typeof v === 'function' ? (v as Canned) : () => v;
}

const ALL = [...NETWORK_CHECK_IDS, ...HTTP_CHECK_IDS];

function expectSane(results: Results, where: string): void {
  for (const id of ALL) {
    const r = get(results, id);
    expect(r.status, `${where}: ${id}: ${r.summary.en}`).not.toBe('error');
    expectBilingual(r);
    for (const e of r.evidence) {
      expect(typeof e.value, `${where}: ${id}`).toBe('string');
      expect(e.value.length, `${where}: ${id} ${e.label.en}`).toBeLessThan(2_000);
    }
    expect(r.summary.en.length, `${where}: ${id}`).toBeLessThan(3_000);
  }
}

const URLS = (root: string) => {
  const host = new URL(root).hostname;
  return [
    `${root}/selfupdate/wuident.cab`,
    `http://${host}/selfupdate/wuident.cab`,
    `${root}/iuident.cab`,
    `${root}/selfupdate/AU/x86/XP/EN/wuaucomp.cab`,
    `${root}/ClientWebService/client.asmx`,
    `${root}/SimpleAuthWebService/SimpleAuth.asmx`,
    `${root}/Content/`,
  ];
};

describe('garbage from the adapters', () => {
  it('never makes a check throw: every odd HTTP answer on every address gives a verdict (client XP and remote)', async () => {
    for (const [i, bad] of BAD_HTTP.entries()) {
      const http = Object.fromEntries(URLS(WSUS).map((u) => [u, asCanned(bad)]));
      const { machine } = clientMachine({ system: WINXP, http });
      expectSane(await run('client', machine), `client #${i}`);
      const { machine: remote } = remoteMachine({ http });
      expectSane(await run('remote', remote, WSUS), `remote #${i}`);
    }
  });

  it('never makes a check throw on odd name, ping and TCP results', async () => {
    for (const [i, bad] of BAD_NET.entries()) {
      const { machine } = clientMachine({ dns: { 'wsus01.corp.example': bad }, ping: bad, tcp: { 'wsus01.corp.example:8530': bad } });
      expectSane(await run('client', machine), `net #${i}`);
    }
  });

  it('survives random mixes of good and bad answers', async () => {
    const next = rng(20261121);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    for (let round = 0; round < 60; round++) {
      const http = Object.fromEntries(URLS(WSUS).filter(() => next() < 0.7).map((u) => [u, asCanned(pick(BAD_HTTP))]));
      const { machine } = clientMachine({ system: next() < 0.5 ? WINXP : undefined, http, ping: pick(BAD_NET), route: pick(['direct', 'WinHTTP proxy p:8080', '', 'none (offline)']) });
      expectSane(await run('client', machine), `round ${round}`);
    }
  });
});
