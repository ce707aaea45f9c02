import { describe, expect, it } from 'vitest';
import { cabOk, clientMachine, CONTENT, evidenceText, expectBilingual, failure, fixText, get, HOST, IUIDENT, notFound, remoteMachine, run, SU80, sz, WIN10, WIN2000, WIN2003_JA, WIN7, WINXP, WSUS, WUAUCOMP_XP_EN } from './fake-net.js';

describe('http.selfupdate-port80', () => {
  it('passes when port 80 serves the cabinet too', async () => {
    const { machine, calls } = clientMachine();
    const r = get(await run('client', machine), 'http.selfupdate-port80');
    expect(r.status).toBe('pass');
    expect(calls.get).toContain(SU80);
    expect(evidenceText(r)).toContain('WSUS uses port 8530');
  });

  it('is skipped when the WSUS address already uses port 80', async () => {
    const { machine, calls } = clientMachine({ wuServer: sz(`http://${HOST}`), http: { [SU80]: cabOk() } });
    const results = await run('client', machine);
    const r = get(results, 'http.selfupdate-port80');
    expect(r.status).toBe('skip');
    expect(r.summary.en).toContain('same request as http.selfupdate');
    expect(get(results, 'http.selfupdate').status).toBe('pass');
    expect(calls.get.filter((u) => u === SU80)).toHaveLength(1);
  });

  it('fails on a Windows XP client, which needs it', async () => {
    const { machine } = clientMachine({ system: WINXP, http: { [SU80]: notFound() } });
    const r = get(await run('client', machine), 'http.selfupdate-port80');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('Windows 2000, XP or Server 2003');
    expect(r.fixes[0]!.id).toBe('http.selfupdate-port80:add-port80-selfupdate');
    expect(fixText(r)).toContain('InstallSelfupdateOnPort80.vbs');
    expectBilingual(r);
  });

  it.each([
    ['Windows 10', WIN10],
    ['Windows 7', WIN7],
  ])('only warns on a %s client, explaining who still needs it', async (_name, system) => {
    const { machine } = clientMachine({ system, http: { [SU80]: failure('refused') } });
    const r = get(await run('client', machine), 'http.selfupdate-port80');
    expect(r.status).toBe('warn');
    expect(r.summary.en).toContain('Only a warning here');
    expect(r.summary.en).toContain('legacy Windows 2000, XP and Server 2003 clients');
    // Nothing listens on port 80: the fix is a port-80 site, not a firewall hunt.
    expect(r.fixes[0]!.id).toBe('http.selfupdate-port80:add-port80-selfupdate');
    expectBilingual(r);
  });

  it('only warns in the remote role, where the clients are not known', async () => {
    const { machine } = remoteMachine({ http: { [SU80]: notFound() } });
    const r = get(await run('remote', machine, WSUS), 'http.selfupdate-port80');
    expect(r.status).toBe('warn');
    expect(r.summary.en).toContain('current clients use the WSUS port itself');
  });

  it('is skipped when the name does not resolve', async () => {
    const { machine, calls } = clientMachine({ dns: { [HOST]: { ok: false, code: 'not-found', message: 'ENOTFOUND', ms: 1 } } });
    expect(get(await run('client', machine), 'http.selfupdate-port80').status).toBe('skip');
    expect(calls.get).toEqual([]);
  });
});

describe('http.iuident', () => {
  it('does not apply to clients newer than Windows 2000/XP/2003', async () => {
    for (const system of [WIN10, WIN7]) {
      const { machine, calls } = clientMachine({ system });
      const r = get(await run('client', machine), 'http.iuident');
      expect(r.status).toBe('skip');
      expect(r.summary.en).toContain('only legacy Windows 2000, XP and Server 2003 clients');
      expect(calls.get).not.toContain(IUIDENT);
    }
  });

  it('fails on an XP client when the file is missing, and passes when it is there', async () => {
    const { machine } = clientMachine({ system: WINXP, http: { [IUIDENT]: notFound() } });
    const r = get(await run('client', machine), 'http.iuident');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('0x80244019');
    expect(r.summary.en).toContain('depends on this file');
    expectBilingual(r);
    const { machine: ok } = clientMachine({ system: WINXP });
    expect(get(await run('client', ok), 'http.iuident').status).toBe('pass');
  });

  it('runs in the remote role and only warns on failure', async () => {
    const { machine, calls } = remoteMachine({ http: { [IUIDENT]: notFound() } });
    const r = get(await run('remote', machine, WSUS), 'http.iuident');
    expect(r.status).toBe('warn');
    expect(r.summary.en).toContain('matters only where such clients remain');
    expect(calls.get).toContain(IUIDENT);
  });
});

describe('http.wuaucomp', () => {
  it.each([
    ['Windows XP, en-US', WINXP, 'XP/EN'],
    ['Windows Server 2003, ja-JP', WIN2003_JA, 'NetServer/JA'],
    ['Windows 2000, de-DE', WIN2000, 'W2K/DE'],
  ])('requests the variant derived from the client (%s)', async (_name, system, variant) => {
    const { machine, calls } = clientMachine({ system });
    const r = get(await run('client', machine), 'http.wuaucomp');
    expect(r.status).toBe('pass');
    expect(calls.get).toContain(`${WSUS}/selfupdate/AU/x86/${variant}/wuaucomp.cab`);
    expect(evidenceText(r)).toContain(`${variant}: derived from version ${system.version} and display language ${system.uiLanguage}`);
  });

  it('fails on a legacy client whose package is missing', async () => {
    const { machine } = clientMachine({ system: WINXP, http: { [WUAUCOMP_XP_EN]: notFound() } });
    const r = get(await run('client', machine), 'http.wuaucomp');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('needs this package');
    expectBilingual(r);
  });

  it('does not apply to newer clients', async () => {
    const { machine, calls } = clientMachine({ system: WIN7 });
    expect(get(await run('client', machine), 'http.wuaucomp').status).toBe('skip');
    expect(calls.get.some((u) => u.includes('wuaucomp'))).toBe(false);
  });

  it('probes the XP/EN variant in the remote role and only warns on failure', async () => {
    const { machine, calls } = remoteMachine({ http: { [WUAUCOMP_XP_EN]: notFound() } });
    const r = get(await run('remote', machine, WSUS), 'http.wuaucomp');
    expect(r.status).toBe('warn');
    expect(calls.get).toContain(WUAUCOMP_XP_EN);
    expect(evidenceText(r)).toContain('XP/EN: the English Windows XP package, as an example');
    const { machine: ok } = remoteMachine();
    expect(get(await run('remote', ok, WSUS), 'http.wuaucomp').status).toBe('pass');
  });

  it('is informational when the variant cannot be derived', async () => {
    const { machine, calls } = clientMachine({ system: { ...WINXP, productName: 'Windows NT 4.0', version: '4.0.1381' } });
    const r = get(await run('client', machine), 'http.wuaucomp');
    expect(r.status).toBe('info');
    expect(r.summary.en).toContain('could not be derived');
    expect(calls.get.some((u) => u.includes('wuaucomp'))).toBe(false);
  });

  it('never asks for the Content folder unless the authentication comparison needs it', async () => {
    const { machine, calls } = clientMachine({ system: WINXP });
    await run('client', machine);
    expect(calls.get).not.toContain(CONTENT);
  });
});
