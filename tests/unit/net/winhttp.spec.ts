import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directDialer } from '../../../main/adapters/net/dialer.js';
import { createWinHttpAdapter, parseProxyEndpoint, parseProxyList, platformTrust, winHttpProxyFromRegistry } from '../../../main/adapters/net/winhttp.js';
import { SimulatedRegistry } from '../../../main/adapters/simulated/machine.js';
import type { RegistryAdapter } from '../../../main/adapters/types.js';
import { createWindowsMachine } from '../../../main/adapters/windows/windows-machine.js';
import { KEYS } from '../../../shared/registry-types.js';
import { encodeWinHttpSettings } from '../../../shared/winhttp-settings.js';
import { FakeRegedit, FakeRunner, result } from '../windows/fake-runner.js';
import { LIMITS, Servers } from './servers.js';

const servers = new Servers();
let proxyPort = 0;
const proxied: string[] = [];

beforeAll(async () => {
  proxyPort = await servers.http((req, res) => {
    proxied.push(req.url ?? '');
    res.end('via proxy');
  });
});
afterAll(() => servers.closeAll());

function registryWith(settings: Parameters<typeof encodeWinHttpSettings>[0] | { raw: string; type?: 'REG_BINARY' | 'REG_SZ' } | null): SimulatedRegistry {
  const reg = new SimulatedRegistry('test');
  if (settings === null) return reg;
  if ('raw' in settings) {
    reg.load(KEYS.winHttpConnections, { WinHttpSettings: { type: settings.type ?? 'REG_BINARY', data: settings.raw } });
  } else {
    reg.load(KEYS.winHttpConnections, { winhttpsettings: { type: 'REG_BINARY', data: encodeWinHttpSettings(settings) } });
  }
  return reg;
}

describe('WinHTTP proxy lists', () => {
  it('parses endpoints', () => {
    expect(parseProxyEndpoint('proxy.corp.example:8080')).toEqual({ host: 'proxy.corp.example', port: 8080 });
    expect(parseProxyEndpoint('proxy')).toEqual({ host: 'proxy', port: 80 });
    expect(parseProxyEndpoint('http://proxy:3128/')).toEqual({ host: 'proxy', port: 3128 });
    expect(parseProxyEndpoint('[fd00::1]:3128')).toEqual({ host: 'fd00::1', port: 3128 });
    expect(parseProxyEndpoint('proxy:99999')).toBeNull();
    expect(parseProxyEndpoint('')).toBeNull();
  });

  it('parses single and per-scheme lists', () => {
    expect(parseProxyList('proxy.corp.example:8080', '<local>')).toEqual({ host: 'proxy.corp.example', port: 8080, bypass: '<local>', list: 'proxy.corp.example:8080' });
    expect(parseProxyList('http=a:8080;https=b:8443', '')).toEqual({
      host: 'a',
      port: 8080,
      bypass: '',
      list: 'http=a:8080;https=b:8443',
      byScheme: { http: { host: 'a', port: 8080 }, https: { host: 'b', port: 8443 } },
    });
    expect(parseProxyList('http=a:8080', '')?.byScheme).toEqual({ http: { host: 'a', port: 8080 }, https: null });
    expect(parseProxyList('socks=s:1080 c:3128', '')?.byScheme).toBeUndefined();
    expect(parseProxyList('socks=s:1080 https=b:1', '')?.byScheme).toEqual({ http: null, https: { host: 'b', port: 1 } });
    expect(parseProxyList(' ; ', '')).toBeNull();
  });

  it('reads the registry value through the adapter', async () => {
    expect(await winHttpProxyFromRegistry(registryWith(null))).toBeNull();
    expect(await winHttpProxyFromRegistry(registryWith({ kind: 'direct' }))).toBeNull();
    expect(await winHttpProxyFromRegistry(registryWith({ raw: 'zz' }))).toBeNull();
    expect(await winHttpProxyFromRegistry(registryWith({ raw: '00', type: 'REG_SZ' }))).toBeNull();
    expect(await winHttpProxyFromRegistry(registryWith({ kind: 'proxy', proxy: 'proxy.corp.example:8080', bypass: '<local>;*.corp.example' }))).toMatchObject({
      host: 'proxy.corp.example',
      port: 8080,
      bypass: '<local>;*.corp.example',
    });
  });

  it('platformTrust describes where certificates are checked', () => {
    const trust = platformTrust();
    expect(trust.description).toMatch(/certificate/);
    if (trust.ca) expect(trust.ca.length).toBeGreaterThan(0);
  });
});

describe('createWinHttpAdapter', () => {
  it('reads the proxy on the first get only, then sends requests through it', async () => {
    const reg = registryWith({ kind: 'proxy', proxy: `127.0.0.1:${proxyPort}`, bypass: '<local>' });
    let reads = 0;
    const counting: RegistryAdapter = {
      backend: 'test',
      readKey: (p, s) => {
        reads++;
        return reg.readKey(p, s);
      },
      setValue: (p, n, v, s) => reg.setValue(p, n, v, s),
      deleteValue: (p, n, s) => reg.deleteValue(p, n, s),
    };
    const http = createWinHttpAdapter({ registry: counting, dialer: directDialer, tls: {} });
    expect(http.route).toBe('WinHTTP proxy settings not read yet');
    expect(reads).toBe(0);
    proxied.length = 0;
    const r = await http.get('http://wsus.corp.example:8530/selfupdate/wuident.cab', { ...LIMITS, maxBodyBytes: 100 });
    expect(r).toMatchObject({ outcome: 'response', status: 200, proxy: `127.0.0.1:${proxyPort}` });
    expect(http.route).toBe(`WinHTTP proxy 127.0.0.1:${proxyPort} (bypass: <local>)`);
    await http.get('http://wsus.corp.example:8530/ClientWebService/client.asmx', { ...LIMITS, maxBodyBytes: 100 });
    expect(reads).toBe(1);
    expect(proxied).toEqual(['http://wsus.corp.example:8530/selfupdate/wuident.cab', 'http://wsus.corp.example:8530/ClientWebService/client.asmx']);
  });

  it('no proxy configured: direct', async () => {
    const http = createWinHttpAdapter({ registry: registryWith(null), dialer: directDialer, tls: {} });
    await http.configure();
    expect(http.route).toBe('direct');
  });

  it('a registry that fails or hangs gives an error result, and the next get tries again', async () => {
    let fail = true;
    const flaky: RegistryAdapter = {
      backend: 'test',
      readKey: async () => {
        if (fail) throw new Error('reg.exe timed out');
        return null;
      },
      setValue: async () => undefined,
      deleteValue: async () => undefined,
    };
    const http = createWinHttpAdapter({ registry: flaky, dialer: directDialer, tls: {} });
    const r = await http.get('http://127.0.0.1:1/', { ...LIMITS, maxBodyBytes: 10 });
    expect(r).toMatchObject({ outcome: 'error', message: expect.stringContaining('WinHTTP proxy settings could not be read (reg.exe timed out)') });
    fail = false;
    await http.configure();
    expect(http.route).toBe('direct');

    const hanging: RegistryAdapter = { ...flaky, readKey: () => new Promise(() => undefined) };
    const h = createWinHttpAdapter({ registry: hanging, dialer: directDialer, tls: {} });
    const started = performance.now();
    const t = await h.get('http://127.0.0.1:1/', { connectTimeoutMs: 100, totalTimeoutMs: 200, maxBodyBytes: 10 });
    expect(t).toMatchObject({ outcome: 'error', message: expect.stringContaining('could not be read within 200 ms') });
    expect(performance.now() - started).toBeLessThan(400);
  });
});

describe('createWindowsMachine', () => {
  let temp = '';
  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), 'wsus-doctor-net-'));
  });
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('has a network adapter and a lazily configured WinHTTP adapter', async () => {
    const runner = new FakeRunner(() => result(1, '', 'unexpected'));
    const machine = await createWindowsMachine({ runner, regedit: new FakeRegedit(), env: { SystemRoot: 'C:\\Windows' }, exists: () => true, tempDir: temp, resourcesPath: '' });
    expect(machine.http.route).toBe('WinHTTP proxy settings not read yet');
    expect(await machine.network.resolve('127.0.0.1', LIMITS)).toMatchObject({ ok: true, addresses: ['127.0.0.1'] });
  });
});
