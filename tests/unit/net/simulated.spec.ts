import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedNetwork, EMULATOR_ADDRESS, type EmulatorRoute } from '../../../main/adapters/net/simulated.js';
import { SimulatedNetworkSchema, type SimulatedNetwork } from '../../../main/emulator/server-spec.js';
import { LIMITS, Servers } from './servers.js';

const servers = new Servers();
let wsusPort = 0;
let port80Port = 0;
const requests: { site: string; url: string; host: string | undefined }[] = [];

function site(name: string): http.RequestListener {
  return (req, res) => {
    requests.push({ site: name, url: req.url ?? '', host: req.headers.host });
    if (req.url === '/redirect-to-80') {
      res.writeHead(302, { Location: 'http://WSUS.corp.example/selfupdate/wuident.cab' });
      res.end();
      return;
    }
    res.writeHead(200, { 'X-Site': name });
    res.end(name);
  };
}

beforeAll(async () => {
  wsusPort = await servers.http(site('wsus'));
  port80Port = await servers.http(site('port80'));
});
afterAll(() => servers.closeAll());

const table = SimulatedNetworkSchema.parse({
  hosts: {
    'wsus-alias': 'emulator',
    'dead.corp.example': 'refused',
    'gone.corp.example': 'unreachable',
    'slow.corp.example': 'timeout',
    'typo.corp.example': 'unresolvable',
    '192.168.7.7': 'refused',
  },
});

function sim(network: SimulatedNetwork = table, emulator: Partial<EmulatorRoute['target']> | null = {}) {
  return createSimulatedNetwork({
    network,
    emulator:
      emulator === null
        ? null
        : { wsusHost: 'wsus.corp.example', wsusPort: 8530, target: { host: '127.0.0.1', wsusPort, port80Port, ...emulator } },
  });
}

describe('simulated network: names', () => {
  it('the WSUS host and its aliases resolve to the made-up address; others by the table', async () => {
    const { network } = sim();
    expect(await network.resolve('wsus.corp.example', LIMITS)).toMatchObject({ ok: true, addresses: [EMULATOR_ADDRESS] });
    expect(await network.resolve('WSUS.Corp.Example.', LIMITS)).toMatchObject({ ok: true, addresses: [EMULATOR_ADDRESS] });
    expect(await network.resolve('wsus-alias', LIMITS)).toMatchObject({ ok: true, addresses: [EMULATOR_ADDRESS] });
    const dead = await network.resolve('dead.corp.example', LIMITS);
    const gone = await network.resolve('gone.corp.example', LIMITS);
    expect(dead).toMatchObject({ ok: true, addresses: [expect.stringMatching(/^10\.20\.31\.\d+$/)] });
    expect(gone.ok && dead.ok && gone.addresses[0] !== dead.addresses[0]).toBe(true);
    expect(await network.resolve('typo.corp.example', LIMITS)).toMatchObject({ ok: false, code: 'not-found' });
    expect(await network.resolve('unlisted.corp.example', LIMITS)).toMatchObject({ ok: false, code: 'not-found' });
    expect(await network.resolve('192.168.7.7', LIMITS)).toMatchObject({ ok: true, addresses: ['192.168.7.7'] });
  });

  it('without an emulator every unlisted host is unresolvable', async () => {
    const { network, http } = sim(table, null);
    expect(await network.resolve('wsus.corp.example', LIMITS)).toMatchObject({ ok: false, code: 'not-found' });
    const r = await http.get('http://wsus.corp.example:8530/selfupdate/wuident.cab', { ...LIMITS, maxBodyBytes: 1024 });
    expect(r.outcome).toBe('not-found');
  });

  it('a table entry for the WSUS host wins over the emulator', async () => {
    const { network } = sim(SimulatedNetworkSchema.parse({ hosts: { 'wsus.corp.example': 'unresolvable' } }));
    expect(await network.resolve('wsus.corp.example', LIMITS)).toMatchObject({ ok: false, code: 'not-found' });
  });
});

describe('simulated network: connections', () => {
  it('the WSUS port goes to the emulator WSUS site, 80 to the port-80 site, others are refused', async () => {
    const { network, dialer } = sim();
    expect(await network.tcpConnect('wsus.corp.example', 8530, LIMITS)).toMatchObject({ ok: true, address: EMULATOR_ADDRESS, port: 8530 });
    expect(await network.tcpConnect('wsus.corp.example', 80, LIMITS)).toMatchObject({ ok: true, address: EMULATOR_ADDRESS, port: 80 });
    expect(await network.tcpConnect('wsus.corp.example', 8531, LIMITS)).toMatchObject({ ok: false, code: 'refused' });
    const s = await dialer('wsus-alias', 80, { timeoutMs: 1000 });
    expect(s.remotePort).toBe(port80Port);
    s.destroy();
    // the made-up address itself reaches the emulator too
    expect(await network.tcpConnect(EMULATOR_ADDRESS, 8530, LIMITS)).toMatchObject({ ok: true, address: EMULATOR_ADDRESS });
  });

  it('nothing on port 80 (port80Port null): refused', async () => {
    const { network, http } = sim(table, { port80Port: null });
    expect(await network.tcpConnect('wsus.corp.example', 80, LIMITS)).toMatchObject({ ok: false, code: 'refused' });
    const r = await http.get('http://wsus.corp.example/selfupdate/wuident.cab', { ...LIMITS, maxBodyBytes: 1024 });
    expect(r.outcome).toBe('refused');
  });

  it('every HostBehaviour fails the way a real network does', async () => {
    const { network } = sim();
    let started = performance.now();
    expect(await network.tcpConnect('dead.corp.example', 8530, LIMITS)).toMatchObject({ ok: false, code: 'refused' });
    expect(await network.tcpConnect('192.168.7.7', 8530, LIMITS)).toMatchObject({ ok: false, code: 'refused' });
    expect(await network.tcpConnect('gone.corp.example', 8530, LIMITS)).toMatchObject({ ok: false, code: 'unreachable' });
    expect(await network.tcpConnect('typo.corp.example', 8530, LIMITS)).toMatchObject({ ok: false, code: 'not-found' });
    expect(await network.tcpConnect('10.99.99.99', 8530, LIMITS)).toMatchObject({ ok: false, code: 'unreachable' });
    expect(performance.now() - started).toBeLessThan(100);
    started = performance.now();
    const t = await network.tcpConnect('slow.corp.example', 8530, { connectTimeoutMs: 300, totalTimeoutMs: 5000 });
    const elapsed = performance.now() - started;
    expect(t).toMatchObject({ ok: false, code: 'timeout', message: expect.stringContaining('within 300 ms') });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(500);
  });

  it('HTTP through the simulation: the connection is redirected, names stay', async () => {
    const { http } = sim();
    requests.length = 0;
    const r = await http.get('http://wsus.corp.example:8530/redirect-to-80', { ...LIMITS, maxBodyBytes: 1024 });
    expect(r.outcome).toBe('response');
    expect(r.headers['x-site']).toBe('port80');
    expect(r.finalUrl).toBe('http://wsus.corp.example/selfupdate/wuident.cab');
    expect(r.hops).toEqual([{ url: 'http://wsus.corp.example:8530/redirect-to-80', status: 302, location: 'http://WSUS.corp.example/selfupdate/wuident.cab' }]);
    expect(requests).toEqual([
      { site: 'wsus', url: '/redirect-to-80', host: 'wsus.corp.example:8530' },
      { site: 'port80', url: '/selfupdate/wuident.cab', host: 'wsus.corp.example' },
    ]);
    expect(http.route).toBe('direct');
  });

  it('HTTP timeout behaviour waits for the connect timeout', async () => {
    const { http } = sim();
    const started = performance.now();
    const r = await http.get('http://slow.corp.example:8530/', { connectTimeoutMs: 250, totalTimeoutMs: 2000, maxBodyBytes: 10 });
    expect(r.outcome).toBe('timeout');
    expect(r.message).toContain('Could not connect to slow.corp.example:8530 within 250 ms');
    expect(performance.now() - started).toBeLessThan(450);
  });
});

describe('simulated network: ICMP', () => {
  it('reply: reachable hosts answer; unreachable and timeout hosts do not', async () => {
    const { network } = sim();
    const wsus = await network.ping('wsus.corp.example', LIMITS);
    expect(wsus).toMatchObject({ ok: true, alive: true });
    expect(wsus.ok && wsus.timeMs).toBeGreaterThan(0);
    expect(await network.ping('dead.corp.example', LIMITS)).toMatchObject({ ok: true, alive: true });
    expect(await network.ping('gone.corp.example', LIMITS)).toMatchObject({ ok: true, alive: false });
    expect(await network.ping('slow.corp.example', LIMITS)).toMatchObject({ ok: true, alive: false });
    expect(await network.ping('typo.corp.example', LIMITS)).toMatchObject({ ok: false, message: expect.stringContaining('could not be resolved') });
  });

  it('blocked: no echo replies at all', async () => {
    const { network } = sim(SimulatedNetworkSchema.parse({ icmp: 'blocked' }));
    const r = await network.ping('wsus.corp.example', LIMITS);
    expect(r).toMatchObject({ ok: true, alive: false });
    expect(r.ok && r.timeMs).toBeUndefined();
  });
});

describe('simulated network: WinHTTP proxy', () => {
  const emulator = (): EmulatorRoute => ({ wsusHost: 'wsus.corp.example', wsusPort: 8530, target: { host: '127.0.0.1', wsusPort, port80Port } });

  it('the proxy host is resolved through the same table', async () => {
    const unlisted = createSimulatedNetwork({ network: table, emulator: emulator(), proxy: { host: 'proxy.corp.example', port: 8080, bypass: '<local>' } });
    expect(unlisted.http.route).toBe('WinHTTP proxy proxy.corp.example:8080 (bypass: <local>)');
    const a = await unlisted.http.get('http://wsus.corp.example:8530/x', { ...LIMITS, maxBodyBytes: 10 });
    expect(a).toMatchObject({ outcome: 'not-found', proxy: 'proxy.corp.example:8080' });
    expect(a.message).toContain('proxy.corp.example (the proxy) could not be resolved');
    const refused = createSimulatedNetwork({ network: table, emulator: emulator(), proxy: { host: 'dead.corp.example', port: 8080, bypass: '' } });
    const b = await refused.http.get('http://wsus.corp.example:8530/x', { ...LIMITS, maxBodyBytes: 10 });
    expect(b).toMatchObject({ outcome: 'refused' });
    expect(b.message).toContain('the proxy dead.corp.example:8080 was refused');
  });

  it('a host on the bypass list goes direct to the emulator', async () => {
    const bypassed = createSimulatedNetwork({ network: table, emulator: emulator(), proxy: { host: 'dead.corp.example', port: 8080, bypass: '<local>;*.corp.example' } });
    const r = await bypassed.http.get('http://wsus.corp.example:8530/x', { ...LIMITS, maxBodyBytes: 10 });
    expect(r).toMatchObject({ outcome: 'response', status: 200 });
    expect(r.proxy).toBeUndefined();
  });
});
