import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directDialer } from '../../../main/adapters/net/dialer.js';
import { AbortedError, NetError, netFailureOf } from '../../../main/adapters/net/errors.js';
import { createNetworkAdapter, interpretPingResult, loadPingPackage, type Lookup, type PingProbe } from '../../../main/adapters/net/network.js';
import { LIMITS, Servers } from './servers.js';

const servers = new Servers();
let port = 0;
let accepted = 0;

beforeAll(async () => {
  port = await servers.tcp((socket) => {
    accepted++;
    socket.resume();
  });
});
afterAll(() => servers.closeAll());

function sysError(code: string): Error {
  return Object.assign(new Error(`getaddrinfo ${code} example`), { code });
}

describe('error mapping', () => {
  it('maps Node codes to NetFailure', () => {
    expect(netFailureOf(sysError('ECONNREFUSED'))).toBe('refused');
    expect(netFailureOf(sysError('ETIMEDOUT'))).toBe('timeout');
    expect(netFailureOf(sysError('EHOSTUNREACH'))).toBe('unreachable');
    expect(netFailureOf(sysError('ENETUNREACH'))).toBe('unreachable');
    expect(netFailureOf(sysError('ENOTFOUND'))).toBe('not-found');
    expect(netFailureOf(sysError('EAI_AGAIN'))).toBe('not-found');
    expect(netFailureOf(sysError('ECONNRESET'))).toBe('reset');
    expect(netFailureOf(sysError('DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe('tls');
    expect(netFailureOf(sysError('EACCES'))).toBe('error');
    expect(netFailureOf(new Error('plain'))).toBe('error');
    // autoSelectFamily reports an AggregateError whose members carry the codes
    expect(netFailureOf(new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')], ''))).toBe('refused');
  });
});

describe('directDialer', () => {
  it('connects, and maps refused and unresolvable', async () => {
    const socket = await directDialer('127.0.0.1', port, { timeoutMs: 2000 });
    expect(socket.remotePort).toBe(port);
    socket.destroy();
    const closed = await servers.closedPort();
    await expect(directDialer('127.0.0.1', closed, { timeoutMs: 2000 })).rejects.toMatchObject({ name: 'NetError', code: 'refused', sysCode: 'ECONNREFUSED' });
    await expect(directDialer('wsus.nonexistent.invalid', 8530, { timeoutMs: 5000 })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('stops at once when the signal has fired', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(directDialer('127.0.0.1', port, { timeoutMs: 2000, signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('createNetworkAdapter: resolve', () => {
  it('IP literals resolve to themselves without a lookup', async () => {
    const calls: string[] = [];
    const lookup: Lookup = async (h) => {
      calls.push(h);
      return [];
    };
    const net = createNetworkAdapter({ dialer: directDialer, lookup });
    expect(await net.resolve('10.1.2.3', LIMITS)).toMatchObject({ ok: true, addresses: ['10.1.2.3'] });
    expect(await net.resolve('[fd00::5]', LIMITS)).toMatchObject({ ok: true, addresses: ['fd00::5'] });
    expect(calls).toEqual([]);
  });

  it('returns the looked-up addresses without duplicates', async () => {
    const lookup: Lookup = async () => [
      { address: '10.0.0.5', family: 4 },
      { address: '10.0.0.5', family: 4 },
      { address: 'fd00::5', family: 6 },
    ];
    const net = createNetworkAdapter({ dialer: directDialer, lookup });
    const r = await net.resolve('wsus.corp.example', LIMITS);
    expect(r).toMatchObject({ ok: true, addresses: ['10.0.0.5', 'fd00::5'] });
  });

  it('a slow lookup is abandoned at the total timeout', async () => {
    let release: () => void = () => undefined;
    const lookup: Lookup = () =>
      new Promise((resolve) => {
        release = () => resolve([{ address: '10.0.0.5', family: 4 }]);
      });
    const net = createNetworkAdapter({ dialer: directDialer, lookup });
    const started = performance.now();
    const r = await net.resolve('slow.corp.example', { connectTimeoutMs: 100, totalTimeoutMs: 250 });
    const elapsed = performance.now() - started;
    expect(r).toMatchObject({ ok: false, code: 'timeout' });
    expect(r.ok === false && r.message).toContain('within 250 ms');
    expect(elapsed).toBeGreaterThanOrEqual(240);
    expect(elapsed).toBeLessThan(450);
    release();
  });

  it('maps lookup failures', async () => {
    const failing = (code: string): Lookup => async () => {
      throw sysError(code);
    };
    const notFound = await createNetworkAdapter({ dialer: directDialer, lookup: failing('ENOTFOUND') }).resolve('wsus', LIMITS);
    expect(notFound).toMatchObject({ ok: false, code: 'not-found' });
    expect(notFound.ok === false && notFound.message).toContain('could not be resolved');
    const again = await createNetworkAdapter({ dialer: directDialer, lookup: failing('EAI_AGAIN') }).resolve('wsus', LIMITS);
    expect(again.ok === false && again.message).toContain('temporary failure');
    expect(await createNetworkAdapter({ dialer: directDialer, lookup: failing('EPERM') }).resolve('wsus', LIMITS)).toMatchObject({ ok: false, code: 'error' });
    expect(await createNetworkAdapter({ dialer: directDialer, lookup: async () => [] }).resolve('wsus', LIMITS)).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('uses the system resolver by default', async () => {
    const net = createNetworkAdapter({ dialer: directDialer });
    const r = await net.resolve('localhost', LIMITS);
    expect(r.ok).toBe(true);
    expect(r.ok && r.addresses.some((a) => a === '127.0.0.1' || a === '::1')).toBe(true);
    expect(await net.resolve('wsus.nonexistent.invalid', LIMITS)).toMatchObject({ ok: false, code: 'not-found' });
  });
});

describe('createNetworkAdapter: tcpConnect', () => {
  it('connects and closes at once', async () => {
    const before = accepted;
    const net = createNetworkAdapter({ dialer: directDialer });
    const r = await net.tcpConnect('127.0.0.1', port, LIMITS);
    expect(r).toMatchObject({ ok: true, address: '127.0.0.1', port });
    expect(accepted).toBe(before + 1);
  });

  it('explains failures', async () => {
    const net = createNetworkAdapter({ dialer: directDialer });
    const closed = await servers.closedPort();
    const refused = await net.tcpConnect('127.0.0.1', closed, LIMITS);
    expect(refused).toMatchObject({ ok: false, code: 'refused' });
    expect(refused.ok === false && refused.message).toContain(`127.0.0.1:${closed} was refused`);
    const slow = createNetworkAdapter({
      dialer: (_h, _p, { timeoutMs }) => new Promise((_r, reject) => setTimeout(() => reject(new NetError('timeout', 'x')), timeoutMs)),
    });
    const t = await slow.tcpConnect('wsus.corp.example', 8530, { connectTimeoutMs: 50, totalTimeoutMs: 1000 });
    expect(t).toMatchObject({ ok: false, code: 'timeout', message: expect.stringContaining('within 50 ms') });
  });
});

describe('createNetworkAdapter: ping', () => {
  const lookup: Lookup = async (h) => {
    if (h === 'wsus.corp.example') return [{ address: 'fd00::5', family: 6 }, { address: '10.0.0.5', family: 4 }];
    throw sysError('ENOTFOUND');
  };
  const fake = (result: unknown) => {
    const calls: { address: string; config: { timeout: number; min_reply: number } }[] = [];
    const probe: PingProbe = async (address, config) => {
      calls.push({ address, config });
      return result;
    };
    return { calls, net: createNetworkAdapter({ dialer: directDialer, lookup, ping: probe }) };
  };

  it('alive with a numeric time; pings the IPv4 address with the connect timeout in seconds', async () => {
    const { calls, net } = fake({ alive: true, time: 3.25, host: '???', output: 'garbled' });
    expect(await net.ping('wsus.corp.example', { connectTimeoutMs: 3000, totalTimeoutMs: 5000 })).toMatchObject({ ok: true, alive: true, timeMs: 3.25 });
    expect(calls).toEqual([{ address: '10.0.0.5', config: { timeout: 3, min_reply: 1 } }]);
    await net.ping('wsus.corp.example', { connectTimeoutMs: 200, totalTimeoutMs: 5000 });
    expect(calls[1]?.config.timeout).toBe(1);
  });

  it('reads string and unknown times defensively', async () => {
    expect(await fake({ alive: true, time: '12.500' }).net.ping('wsus.corp.example', LIMITS)).toMatchObject({ ok: true, alive: true, timeMs: 12.5 });
    const unknown = await fake({ alive: true, time: 'unknown' }).net.ping('wsus.corp.example', LIMITS);
    expect(unknown).toMatchObject({ ok: true, alive: true });
    expect(unknown.ok && unknown.timeMs).toBeUndefined();
    const blocked = await fake({ alive: false, time: 'unknown', packetLoss: '100.000' }).net.ping('wsus.corp.example', LIMITS);
    expect(blocked).toMatchObject({ ok: true, alive: false });
    expect(interpretPingResult({ alive: true, time: '６ ms' })).toEqual({ alive: true });
    expect(interpretPingResult({ alive: true, time: -1 })).toEqual({ alive: true });
  });

  it('garbage results are not trusted', async () => {
    for (const garbage of [null, undefined, 'alive', 42, { alive: 'true' }, {}]) {
      const r = await fake(garbage).net.ping('wsus.corp.example', LIMITS);
      expect(r).toMatchObject({ ok: false, message: expect.stringContaining('could not be read') });
    }
  });

  it('an unresolvable host is not pinged', async () => {
    const { calls, net } = fake({ alive: true, time: 1 });
    const r = await net.ping('nowhere.corp.example', LIMITS);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('could not be resolved') });
    expect(calls).toEqual([]);
  });

  it('a probe that throws or never finishes', async () => {
    const throwing = createNetworkAdapter({
      dialer: directDialer,
      lookup,
      ping: async () => {
        throw new Error('there was an error while executing the ping program.');
      },
    });
    expect(await throwing.ping('wsus.corp.example', LIMITS)).toMatchObject({ ok: false, message: expect.stringContaining('could not run') });
    const hanging = createNetworkAdapter({ dialer: directDialer, lookup, ping: () => new Promise(() => undefined) });
    const started = performance.now();
    const r = await hanging.ping('wsus.corp.example', { connectTimeoutMs: 100, totalTimeoutMs: 200 });
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('no result within 200 ms') });
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('when the ping package cannot be loaded', async () => {
    let loads = 0;
    const net = createNetworkAdapter({
      dialer: directDialer,
      lookup,
      loadPing: async () => {
        loads++;
        throw new Error("Cannot find package 'ping'");
      },
    });
    expect(await net.ping('wsus.corp.example', LIMITS)).toMatchObject({ ok: false, message: "ping unavailable: Cannot find package 'ping'" });
    await net.ping('wsus.corp.example', LIMITS);
    expect(loads).toBe(1);
  });

  it('the ping package, when installed, exposes promise.probe', async () => {
    const probe = await loadPingPackage();
    expect(typeof probe).toBe('function');
  });
});
