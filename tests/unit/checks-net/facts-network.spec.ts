import { describe, expect, it } from 'vitest';
import type { HttpGetOptions, HttpResult } from '../../../main/adapters/types.js';
import { bodyLimitFor, Facts, NET_LIMITS, netLimitsWithin } from '../../../main/engine/facts.js';
import { cabOk, clientMachine, CWS, fakeConnectivity, SU } from './fake-net.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function machineWith(get: (url: string, o: HttpGetOptions) => Promise<unknown>) {
  const { machine } = clientMachine();
  return { ...machine, http: { route: 'direct', routeFor: async () => ({ proxy: null, description: 'direct' }), get: get as (url: string, o: HttpGetOptions) => Promise<HttpResult> } };
}

describe('network limits', () => {
  it('keep the defaults inside the engine\'s 30 s per-check timeout, two requests in a row included', () => {
    const l = netLimitsWithin(30_000);
    expect(l).toMatchObject({ totalTimeoutMs: 14_000, connectTimeoutMs: 5_000, dnsTimeoutMs: 5_000, pingTimeoutMs: 4_000 });
    expect(l.cabMaxBytes).toBe(256 * 1024);
    expect(l.pageMaxBytes).toBe(16 * 1024);
    expect(2 * l.totalTimeoutMs).toBeLessThan(30_000);
  });

  it('shrink to fit a shorter check timeout (--timeout), never below a floor', () => {
    expect(netLimitsWithin(5_000)).toMatchObject({ totalTimeoutMs: 2_000, connectTimeoutMs: 2_000, dnsTimeoutMs: 2_000, pingTimeoutMs: 2_000 });
    for (const budget of [600, 1_000, 3_000, 10_000, 60_000]) {
      const l = netLimitsWithin(budget);
      expect(2 * l.totalTimeoutMs, `budget ${budget}`).toBeLessThan(budget);
      expect(l.connectTimeoutMs).toBeLessThanOrEqual(l.totalTimeoutMs);
    }
    expect(netLimitsWithin(100).totalTimeoutMs).toBe(250);
    expect(netLimitsWithin(120_000).totalTimeoutMs).toBe(NET_LIMITS.totalTimeoutMs);
    expect(netLimitsWithin(Number.NaN)).toEqual(netLimitsWithin(30_000));
  });

  it('read more of a cabinet than of a page', () => {
    expect(bodyLimitFor('http://w:8530/selfupdate/wuident.cab', NET_LIMITS)).toBe(256 * 1024);
    expect(bodyLimitFor('http://w/wutrack.bin?x=1', NET_LIMITS)).toBe(256 * 1024);
    expect(bodyLimitFor('http://w:8530/ClientWebService/client.asmx', NET_LIMITS)).toBe(16 * 1024);
  });

  it('are passed to every adapter call, with the caller\'s signal', async () => {
    const { network, http, calls } = fakeConnectivity({ http: { [SU]: cabOk() } });
    const { machine } = clientMachine();
    const facts = new Facts({ ...machine, network, http }, { checkTimeoutMs: 10_000 });
    const signal = new AbortController().signal;
    await facts.resolve('wsus01', signal);
    await facts.tcp('wsus01', 8530, signal);
    await facts.ping('wsus01', signal);
    await facts.http(SU, signal);
    await facts.http(CWS, signal);
    expect(calls.limits.map((l) => [l.connectTimeoutMs, l.totalTimeoutMs])).toEqual([
      [4_000, 4_000],
      [4_000, 4_000],
      [4_000, 4_000],
    ]);
    expect(calls.limits.every((l) => l.signal === signal)).toBe(true);
    expect(calls.options[SU]).toMatchObject({ connectTimeoutMs: 4_000, totalTimeoutMs: 4_000, maxBodyBytes: 256 * 1024, maxRedirects: 5, signal });
    expect(calls.options[CWS]!.maxBodyBytes).toBe(16 * 1024);
  });
});

describe('shared HTTP requests', () => {
  it('make one request however many callers ask at once, and remember the answer', async () => {
    let n = 0;
    const gate = deferred<void>();
    const facts = new Facts(
      machineWith(async (url) => {
        n++;
        await gate.promise;
        return { ...cabOk(), url, finalUrl: url, hops: [] };
      }),
    );
    const a = facts.http(SU);
    const b = facts.http(SU);
    gate.resolve();
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toBe(rb);
    expect(await facts.http(SU)).toBe(ra);
    expect(n).toBe(1);
    expect(facts.httpUrls()).toEqual([SU]);
  });

  it('start again for a later caller when the check that started the request was cancelled', async () => {
    const started: AbortSignal[] = [];
    const facts = new Facts(
      machineWith(
        (url, o) =>
          new Promise((resolve, reject) => {
            started.push(o.signal!);
            if (started.length > 1) return resolve({ ...cabOk(), url, finalUrl: url, hops: [] });
            o.signal!.addEventListener('abort', () => reject(new Error('aborted')));
          }),
      ),
    );
    const first = new AbortController();
    const second = new AbortController();
    const a = facts.http(SU, first.signal);
    const b = facts.http(SU, second.signal);
    first.abort(new Error('check timed out'));
    await expect(a).rejects.toThrow('check timed out');
    const rb = await b;
    expect(rb.outcome).toBe('response');
    expect(started).toHaveLength(2);
    expect(started[1]).toBe(second.signal);
  });

  it('turn an adapter that throws or returns nothing into an "error" answer, once', async () => {
    let n = 0;
    const facts = new Facts(
      machineWith(async (url) => {
        n++;
        if (url === SU) throw new Error('socket hang up');
        return null;
      }),
    );
    const r = await facts.http(SU);
    expect(r).toMatchObject({ url: SU, outcome: 'error', message: 'socket hang up', headers: {}, hops: [] });
    expect((await facts.http(SU)).message).toBe('socket hang up');
    expect((await facts.http(CWS)).outcome).toBe('error');
    expect(n).toBe(2);
  });
});

describe('the address under test', () => {
  it('is the WUServer value on a client and the given address in the remote role', async () => {
    const { machine } = clientMachine();
    const facts = new Facts(machine);
    const client = await facts.target('client', 'http://other:8530');
    expect(client).toMatchObject({ ok: true, source: 'policy', ignoredOption: 'http://other:8530' });
    const remote = await facts.target('remote', 'http://other:8530');
    expect(remote).toMatchObject({ ok: true, source: 'option' });
    expect(await facts.target('remote', undefined)).toEqual({ ok: false });
  });

  it('falls back to the given address when the registry cannot be read', async () => {
    const { machine } = clientMachine();
    const facts = new Facts({
      ...machine,
      registry: { ...machine.registry, backend: 'x', readKey: async () => Promise.reject(new Error('WSH disabled')), setValue: machine.registry.setValue, deleteValue: machine.registry.deleteValue },
    });
    expect(await facts.target('client', 'http://other:8530')).toMatchObject({ ok: true, source: 'option', policyProblem: 'unreadable' });
    expect(await facts.target('client', undefined)).toEqual({ ok: false, policyProblem: 'unreadable' });
  });
});
