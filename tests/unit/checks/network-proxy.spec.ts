import { describe, expect, it } from 'vitest';
import { bypassEntryFor, netshCommand, networkProxy } from '../../../main/checks/client/network-proxy.check.js';
import { KEYS, type RegValue } from '../../../shared/registry-types.js';
import { encodeWinHttpSettings } from '../../../shared/winhttp-settings.js';
import { clientMachine, healthyPolicy, runOne, serverOption, sz, URL } from './client-helpers.js';

function proxyMachine(setting: RegValue | null, wu: Record<string, RegValue> = { WUServer: sz(URL), WUStatusServer: sz(URL) }) {
  const registry = healthyPolicy();
  registry[KEYS.wuPolicy] = wu;
  if (setting) registry[KEYS.winHttpConnections] = { WinHttpSettings: setting };
  return clientMachine({ registry });
}
const bin = (proxy: string, bypass: string): RegValue => ({
  type: 'REG_BINARY',
  data: encodeWinHttpSettings(proxy ? { kind: 'proxy', proxy, bypass } : { kind: 'direct' }),
});

describe('client.network.proxy', () => {
  it('passes when no WinHTTP proxy is stored or it is direct', async () => {
    expect((await runOne(networkProxy, proxyMachine(null))).status).toBe('pass');
    const direct = await runOne(networkProxy, proxyMachine(bin('', '')));
    expect(direct.status).toBe('pass');
    expect(direct.evidence[0]!.value).toBe('REG_BINARY 2800000000000000010000000000000000000000');
  });

  it('passes when the WSUS host is on the bypass list', async () => {
    expect((await runOne(networkProxy, proxyMachine(bin('proxy.corp.example:8080', '<local>;*.corp.example')))).status).toBe('pass');
    const single = await runOne(networkProxy, proxyMachine(bin('proxy:8080', '<local>'), { WUServer: sz('http://wsus01:8530') }));
    expect(single.status).toBe('pass');
  });

  it('warns when the WSUS host goes through the proxy, with a netsh command for that host', async () => {
    const r = await runOne(networkProxy, proxyMachine(bin('proxy.corp.example:8080', '<local>')));
    expect(r.status).toBe('warn');
    expect(r.summary.en).toContain('wsus01.corp.example');
    expect(r.summary.en).toContain('proxy.corp.example:8080');
    const fix = r.fixes[0]!;
    expect(fix.automatic).toBe(false);
    expect(fix.plan).toEqual([]);
    const text = fix.steps.map((s) => s.en).join('\n');
    expect(text).toContain('netsh winhttp set proxy proxy-server="proxy.corp.example:8080" bypass-list="<local>;*.corp.example"');
    expect(text).toContain('netsh winhttp reset proxy');
  });

  it('checks WUStatusServer\'s host as well', async () => {
    const r = await runOne(
      networkProxy,
      proxyMachine(bin('proxy:8080', '*.corp.example'), { WUServer: sz(URL), WUStatusServer: sz('http://report.other.example:8530') }),
    );
    expect(r.status).toBe('warn');
    expect(r.summary.en).toContain('report.other.example');
  });

  it('warns with the bytes shown when the value cannot be decoded, or has the wrong type', async () => {
    const r = await runOne(networkProxy, proxyMachine({ type: 'REG_BINARY', data: '2800000000' }));
    expect(r.status).toBe('warn');
    expect(r.evidence.map((e) => e.value)).toContain('2800000000');
    expect((await runOne(networkProxy, proxyMachine(sz('proxy:8080')))).status).toBe('warn');
    const huge = await runOne(networkProxy, proxyMachine({ type: 'REG_BINARY', data: 'ff'.repeat(60_000) }));
    expect(huge.status).toBe('warn');
    for (const e of huge.evidence) expect(e.value.length).toBeLessThan(1000);
  });

  it('is informational when there is no valid WSUS address to compare, unless --server gives one', async () => {
    const m = proxyMachine(bin('proxy.corp.example:8080', '<local>'), { WUServer: sz('not a url') });
    expect((await runOne(networkProxy, m)).status).toBe('info');
    expect((await runOne(networkProxy, m, serverOption('http://wsus01.corp.example:8530'))).status).toBe('warn');
  });

  it('never puts unsafe text from the registry into the suggested command', () => {
    expect(netshCommand('evil" & calc', '<local>', 'wsus01.corp.example')).toBe(
      'netsh winhttp set proxy proxy-server="<proxy:port>" bypass-list="<local>;*.corp.example"',
    );
    expect(netshCommand('proxy:8080', '%TEMP%;"x"', 'wsus01.corp.example')).toBe(
      'netsh winhttp set proxy proxy-server="proxy:8080" bypass-list="<local>;*.corp.example"',
    );
    expect(netshCommand('http=p:80;https=p:443', '<local> *.a.example', '10.0.0.5')).toBe(
      'netsh winhttp set proxy proxy-server="http=p:80;https=p:443" bypass-list="<local>;*.a.example;10.0.0.5"',
    );
    expect(bypassEntryFor('wsus01')).toBe('wsus01');
    expect(bypassEntryFor('[fe80::1]')).toBe('fe80::1');
  });
});
