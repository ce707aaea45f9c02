import { describe, expect, it } from 'vitest';
import { cabOk, clientMachine, CONTENT, CWS, evidenceText, expectBilingual, failure, fixText, get, HOST, IUIDENT, remoteMachine, response, run, SIMPLEAUTH, SU, SU80, windowsAuth, WSUS } from './fake-net.js';

const APPCMD_SELFUPDATE =
  '%windir%\\system32\\inetsrv\\appcmd.exe set config "WSUS Administration/SelfUpdate" -section:system.webServer/security/authentication/anonymousAuthentication /enabled:"True" /commit:apphost';

describe('http.auth-mismatch', () => {
  it('fails when SelfUpdate wants Windows authentication while the client web service is anonymous, reusing the shared answers', async () => {
    const { machine, calls } = clientMachine({ http: { [SU]: windowsAuth() } });
    const results = await run('client', machine);
    const r = get(results, 'http.auth-mismatch');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('asks for Windows authentication (Negotiate, NTLM) (401)');
    expect(r.summary.en).toContain('client web service (ClientWebService) lets anonymous requests through (HTTP 200)');
    expect(r.summary.en).toContain('0x80244017');
    expect(r.fixes.map((f) => f.id)).toEqual(['http.auth-mismatch:enable-anonymous']);
    expect(fixText(r)).toContain(APPCMD_SELFUPDATE);
    expect(fixText(r)).toContain('enable "Anonymous Authentication"');
    expectBilingual(r);
    // One request per URL for the whole run: http.selfupdate's and http.clientwebservice's answers were reused.
    expect(calls.get.filter((u) => u === SU)).toHaveLength(1);
    expect(calls.get.filter((u) => u === CWS)).toHaveLength(1);
    expect(calls.get).not.toContain(CONTENT);
    expect(get(results, 'http.selfupdate').status).toBe('fail');
  });

  it('compares with the Content folder when the client web service is not anonymous', async () => {
    const { machine, calls } = clientMachine({ http: { [SU]: windowsAuth(), [CWS]: windowsAuth(), [CONTENT]: response(403) } });
    const r = get(await run('client', machine), 'http.auth-mismatch');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('Content folder lets anonymous requests through (HTTP 403)');
    expect(calls.get.filter((u) => u === CONTENT)).toHaveLength(1);
    expect(evidenceText(r)).toContain(`GET ${CONTENT} → 403`);
  });

  it('is informational when the whole site asks for a logon (not a mismatch between folders)', async () => {
    const { machine } = clientMachine({ http: { [SU]: windowsAuth(), [CWS]: windowsAuth(), [CONTENT]: windowsAuth() } });
    const r = get(await run('client', machine), 'http.auth-mismatch');
    expect(r.status).toBe('info');
    expect(r.summary.en).toContain('anonymous access is off for the whole site');
    expect(fixText(r)).toContain('set config "WSUS Administration" -section');
  });

  it('is informational when nothing anonymous can be found to compare with', async () => {
    const { machine } = clientMachine({ http: { [SU]: windowsAuth(), [CWS]: response(503), [CONTENT]: failure('timeout') } });
    const r = get(await run('client', machine), 'http.auth-mismatch');
    expect(r.status).toBe('info');
    expect(r.summary.en).toContain('no other part of the site gave an anonymous answer');
  });

  it('passes when SelfUpdate does not ask for a logon', async () => {
    const { machine } = clientMachine();
    const r = get(await run('client', machine), 'http.auth-mismatch');
    expect(r.status).toBe('pass');
    expect(r.summary.en).toContain('answered HTTP 200');
    const { machine: m404 } = clientMachine({ http: { [SU]: response(404) } });
    expect(get(await run('client', m404), 'http.auth-mismatch').status).toBe('pass');
  });

  it('is informational when the self-update address gave no answer', async () => {
    const { machine } = clientMachine({ http: { [SU]: failure('reset') } });
    const r = get(await run('client', machine), 'http.auth-mismatch');
    expect(r.status).toBe('info');
    expect(r.summary.en).toContain('http.selfupdate');
  });

  it('fetches on its own when run without the checks it normally reuses', async () => {
    const { NET_CHECK_IMPLS } = await import('../../../main/checks/net/index.js');
    const { runChecks } = await import('../../../main/engine/runner.js');
    const { machine, calls } = clientMachine({ http: { [SU]: windowsAuth() } });
    const run1 = await runChecks({ role: 'client', machine, implementations: NET_CHECK_IMPLS.filter((c) => c.id === 'http.auth-mismatch') });
    expect(run1.results[0]!.status).toBe('fail');
    expect(calls.get.sort()).toEqual([CWS, SU].sort());
  });
});

describe('http.interception', () => {
  const sharePointPage = () =>
    response(200, {
      statusText: 'OK',
      headers: { 'content-type': 'text/html; charset=utf-8', microsoftsharepointteamservices: '15.0.0.4569', sprequestguid: 'a1b2c3' },
      body: '<!DOCTYPE html><html><head><title>Error</title></head><body>Microsoft SharePoint Foundation: file not found</body></html>',
    });

  it('passes when every self-update address answered with a file or a normal page, without fetching again', async () => {
    const { machine, calls } = clientMachine();
    const r = get(await run('client', machine), 'http.interception');
    expect(r.status).toBe('pass');
    expect(r.summary.en).toContain('no other product has taken over');
    expect(calls.get.filter((u) => u === SU)).toHaveLength(1);
    expect(evidenceText(r)).toContain(`GET ${SU}: 200 OK; content-type: application/vnd.ms-cab-compressed → no sign of another product`);
    expect(evidenceText(r)).toContain(`GET ${SU80}`);
  });

  it('fails naming SharePoint when its headers show, with the exclusions to make', async () => {
    const { machine } = clientMachine({ http: { [SU]: sharePointPage() } });
    const results = await run('client', machine);
    const r = get(results, 'http.interception');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('SharePoint has taken over WSUS paths');
    expect(r.summary.en).toContain(SU);
    expect(evidenceText(r)).toContain('header microsoftsharepointteamservices: 15.0.0.4569');
    expect(evidenceText(r)).toContain('Microsoft SharePoint Foundation');
    const steps = fixText(r);
    for (const p of ['/iuident.cab', '/wutrack.bin', '/clientwebservice', '/selfupdate']) expect(steps).toContain(p);
    expect(r.fixes[0]!.automatic).toBe(false);
    expectBilingual(r);
    expect(get(results, 'http.selfupdate').summary.en).toContain('SharePoint, judging by the answer');
  });

  it('fails for a plain HTML page without naming SharePoint', async () => {
    const { machine } = clientMachine({ http: { [SU]: response(200, { headers: { 'content-type': 'text/html' }, body: '<html><body>Intranet home</body></html>' }) } });
    const r = get(await run('client', machine), 'http.interception');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('Another web application has taken over');
    expect(r.summary.en).not.toContain('SharePoint has taken over');
  });

  it('fails when SharePoint answers with "access denied" (401) rather than a page', async () => {
    const { machine } = clientMachine({ http: { [SU]: response(401, { headers: { 'www-authenticate': 'NTLM', microsoftsharepointteamservices: '16.0.0.5000' } }) } });
    const r = get(await run('client', machine), 'http.interception');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('SharePoint');
  });

  it('notices a redirect to SharePoint\'s pages', async () => {
    const { machine } = clientMachine({
      http: { [SU]: { ...response(200, { headers: { 'content-type': 'text/html' }, body: '<html>sign in</html>' }), hops: [{ url: SU, status: 302, location: `http://${HOST}:8530/_layouts/15/Authenticate.aspx` }] } },
    });
    const r = get(await run('client', machine), 'http.interception');
    expect(r.status).toBe('fail');
    expect(evidenceText(r)).toContain('redirected to http://wsus01.corp.example:8530/_layouts/15/Authenticate.aspx');
  });

  it('examines the other addresses fetched earlier (legacy file, port 80, web services) in the remote role', async () => {
    const { machine, calls } = remoteMachine({ http: { [IUIDENT]: sharePointPage() } });
    const results = await run('remote', machine, WSUS);
    const r = get(results, 'http.interception');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain(IUIDENT);
    expect(r.summary.en).not.toContain(SU);
    expect(calls.get.filter((u) => u === IUIDENT)).toHaveLength(1);
    for (const u of [SU, SU80, CWS, SIMPLEAUTH]) expect(evidenceText(r)).toContain(`GET ${u}`);
  });

  it('does not flag a normal ASMX help page', async () => {
    const { machine } = clientMachine({ http: { [SU]: cabOk() } });
    expect(get(await run('client', machine), 'http.interception').status).toBe('pass');
  });
});
