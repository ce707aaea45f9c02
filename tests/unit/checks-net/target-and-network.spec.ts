import { describe, expect, it } from 'vitest';
import { HTTP_CHECK_IDS, NETWORK_CHECK_IDS } from '../../../shared/check-ids.js';
import { clientMachine, evidenceText, expectBilingual, failure, fixText, get, HOST, remoteMachine, run, SU, SU80, sz, WSUS } from './fake-net.js';

const ALL = [...NETWORK_CHECK_IDS, ...HTTP_CHECK_IDS];

describe('the WSUS address under test', () => {
  it('skips every network and HTTP check when there is no address at all (client and remote)', async () => {
    const { machine, calls } = clientMachine({ wuServer: null });
    const client = await run('client', machine);
    const { machine: remote } = remoteMachine();
    const remoteResults = await run('remote', remote);
    for (const results of [client, remoteResults]) {
      for (const id of ALL) {
        const r = get(results, id);
        expect(r.status, id).toBe('skip');
        expect(r.summary.en).toContain('fix WUServer first or give the server address with --server');
        expect(r.summary.ja).toContain('--server');
        expectBilingual(r);
      }
    }
    expect(calls.get).toEqual([]);
    expect(calls.resolve).toEqual([]);
  });

  it('uses the client\'s WUServer value, not --server, and says so', async () => {
    const { machine, calls } = clientMachine();
    const results = await run('client', machine, 'http://other.corp.example:8530');
    expect(get(results, 'http.selfupdate').status).toBe('pass');
    expect(calls.get).toContain(SU);
    expect(calls.get.some((u) => u.includes('other.corp.example'))).toBe(false);
    expect(evidenceText(get(results, 'net.dns'))).toContain('--server http://other.corp.example:8530 was not used');
  });

  it('falls back to --server when WUServer is missing or invalid, and says why', async () => {
    for (const wuServer of [null, sz('wsus01 8530'), { type: 'REG_DWORD' as const, data: 1 }]) {
      const { machine, calls } = clientMachine({ wuServer, http: { 'http://backup.corp.example:8530/selfupdate/wuident.cab': { outcome: 'timeout', message: 'timed out' } } });
      const results = await run('client', machine, 'http://backup.corp.example:8530');
      expect(calls.resolve).toEqual(['backup.corp.example']);
      const su = get(results, 'http.selfupdate');
      expect(su.status).toBe('fail');
      expect(su.summary.en).toContain('given with --server');
      expect(evidenceText(su)).toMatch(/given with --server, because WUServer (is not set|does not hold a valid address)/);
    }
  });

  it('never reads the local registry or system in the remote role', async () => {
    const { machine, calls } = remoteMachine();
    const results = await run('remote', machine, WSUS);
    for (const id of ALL) expect(get(results, id).status, id).not.toBe('error');
    expect(get(results, 'http.selfupdate').status).toBe('pass');
    expect(calls.get).toContain(SU);
  });
});

describe('net.dns', () => {
  it('passes with the addresses and the time taken', async () => {
    const { machine } = clientMachine({ dns: { [HOST]: { ok: true, addresses: ['10.0.0.5', 'fe80::5'], ms: 12 } } });
    const r = get(await run('client', machine), 'net.dns');
    expect(r.status).toBe('pass');
    expect(r.summary.en).toContain('10.0.0.5, fe80::5');
    expect(evidenceText(r)).toContain('Time taken: 12 ms');
    expectBilingual(r);
  });

  it('passes without a lookup when the address is an IP literal', async () => {
    const { machine, calls } = clientMachine({ wuServer: sz('http://10.1.2.3:8530'), http: {} });
    const r = get(await run('client', machine), 'net.dns');
    expect(r.status).toBe('pass');
    expect(r.summary.en).toContain('IP address (10.1.2.3)');
    expect(calls.resolve).toEqual([]);
    const { machine: m6, calls: c6 } = clientMachine({ wuServer: sz('http://[fe80::1]:8530'), http: {} });
    expect(get(await run('client', m6), 'net.dns').status).toBe('pass');
    expect(c6.resolve).toEqual([]);
    expect(c6.tcp).toEqual(['fe80::1:8530']);
  });

  it('fails for a name that does not exist, and the TCP, ping and HTTP checks on that host are skipped naming net.dns', async () => {
    const { machine, calls } = clientMachine({ dns: { [HOST]: { ok: false, code: 'not-found', message: 'getaddrinfo ENOTFOUND', ms: 8 } } });
    const results = await run('client', machine);
    const dns = get(results, 'net.dns');
    expect(dns.status).toBe('fail');
    expect(dns.summary.en).toContain('neither in DNS nor in the hosts file');
    expect(dns.summary.en).toContain('0x80072EE7');
    expect(dns.fixes[0]!.id).toBe('net.dns:check-name');
    expect(fixText(dns)).toContain(`nslookup ${HOST}`);
    expectBilingual(dns);
    for (const id of ['net.ping', 'net.tcp', 'http.selfupdate', 'http.selfupdate-port80', 'http.clientwebservice', 'http.simpleauth', 'http.auth-mismatch', 'http.interception'] as const) {
      const r = get(results, id);
      expect(r.status, id).toBe('skip');
      expect(r.summary.en, id).toContain('net.dns');
    }
    expect(calls.get).toEqual([]);
    expect(calls.tcp).toEqual([]);
    expect(calls.ping).toEqual([]);
  });

  it('fails on a DNS timeout, naming a slow or unreachable DNS server', async () => {
    const { machine } = clientMachine({ dns: { [HOST]: { ok: false, code: 'timeout', message: 'queryA ETIMEOUT', ms: 5000 } } });
    const r = get(await run('client', machine), 'net.dns');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('DNS server is slow or cannot be reached');
    expect(evidenceText(r)).toContain('timeout: queryA ETIMEOUT');
  });

  it('fails when the lookup succeeds with no address', async () => {
    const { machine } = clientMachine({ dns: { [HOST]: { ok: true, addresses: [], ms: 1 } } });
    expect(get(await run('client', machine), 'net.dns').status).toBe('fail');
  });
});

describe('net.ping', () => {
  it('passes with the round-trip time when the server answers', async () => {
    const { machine } = clientMachine({ ping: { ok: true, alive: true, timeMs: 0.8, ms: 3 } });
    const r = get(await run('client', machine), 'net.ping');
    expect(r.status).toBe('pass');
    expect(r.summary.en).toContain('0.8 ms');
  });

  it('only warns when there is no reply, pointing to net.tcp', async () => {
    const { machine } = clientMachine({ ping: { ok: true, alive: false, ms: 4000 } });
    const r = get(await run('client', machine), 'net.ping');
    expect(r.status).toBe('warn');
    expect(r.summary.en).toContain('proves nothing');
    expect(r.summary.en).toContain('net.tcp');
    expectBilingual(r);
  });

  it('is informational when ping cannot run here', async () => {
    const { machine } = clientMachine({ ping: { ok: false, message: 'ping.exe not found', ms: 0 } });
    const r = get(await run('client', machine), 'net.ping');
    expect(r.status).toBe('info');
    expect(evidenceText(r)).toContain('ping.exe not found');
  });
});

describe('net.tcp', () => {
  const tcpFail = (code: string, message: string) => ({ tcp: { [`${HOST}:8530`]: { ok: false, code, message, ms: 5000 } } });

  it('passes with the connection time', async () => {
    const { machine } = clientMachine();
    const r = get(await run('client', machine), 'net.tcp');
    expect(r.status).toBe('pass');
    expect(r.summary.en).toContain(`${HOST}:8530`);
    expect(evidenceText(r)).toContain('Connected to: 10.0.0.5:8530');
  });

  it.each([
    ['refused', 'nothing listens on port 8530', '0x80072EFD'],
    ['timeout', 'firewall silently drops', '0x80072EE2'],
    ['unreachable', 'no route to the server', '0x80072EFD'],
    ['reset', 'reset as soon as it was opened', '0x80072EFE'],
  ])('fails on %s with the cause and the agent\'s code', async (code, words, hr) => {
    const { machine } = clientMachine(tcpFail(code, `connect ${code}`));
    const r = get(await run('client', machine), 'net.tcp');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain(words);
    expect(r.summary.en).toContain(hr);
    expect(r.fixes[0]!.id).toBe('net.tcp:open-path');
    expect(fixText(r)).toContain(`Test-NetConnection ${HOST} -Port 8530`);
    expectBilingual(r);
  });

  it('makes the HTTP checks on that port skip naming net.tcp, while the port-80 check makes its own connection', async () => {
    const { machine, calls } = clientMachine(tcpFail('refused', 'ECONNREFUSED'));
    const results = await run('client', machine);
    for (const id of ['http.selfupdate', 'http.clientwebservice', 'http.simpleauth', 'http.auth-mismatch'] as const) {
      const r = get(results, id);
      expect(r.status, id).toBe('skip');
      expect(r.summary.en, id).toContain('net.tcp');
    }
    expect(get(results, 'http.selfupdate-port80').status).toBe('pass');
    // Interception still looks at the port-80 answer it already has.
    expect(get(results, 'http.interception').status).toBe('pass');
    expect(calls.get).toEqual([SU80]);
  });

  it('only warns, and the HTTP checks still run, when web requests go through a proxy', async () => {
    const { machine, calls } = clientMachine({ ...tcpFail('timeout', 'ETIMEDOUT'), route: 'WinHTTP proxy proxy.corp.example:8080 (bypass: <local>)', proxy: 'proxy.corp.example:8080' });
    const results = await run('client', machine);
    const tcp = get(results, 'net.tcp');
    expect(tcp.status).toBe('warn');
    expect(tcp.summary.en).toContain('through the proxy proxy.corp.example:8080');
    expect(get(results, 'http.selfupdate').status).toBe('pass');
    expect(calls.get).toContain(SU);
    expect(evidenceText(get(results, 'http.selfupdate'))).toContain('WinHTTP proxy proxy.corp.example:8080');
  });

  it('decides by the route, not by a description that merely mentions a proxy', async () => {
    const { machine } = clientMachine({ ...tcpFail('timeout', 'ETIMEDOUT'), route: 'WinHTTP proxy settings not read yet', proxy: null });
    expect(get(await run('client', machine), 'net.tcp').status).toBe('fail');
  });

  it('reports an HTTP connection failure on its own when no earlier check failed', async () => {
    const { machine } = clientMachine({ http: { [SU]: failure('refused', 'connect ECONNREFUSED') } });
    const r = get(await run('client', machine), 'http.selfupdate');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('0x80072EFD');
  });
});
