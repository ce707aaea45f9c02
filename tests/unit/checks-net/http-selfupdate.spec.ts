import { describe, expect, it } from 'vitest';
import type { HttpResult } from '../../../main/adapters/types.js';
import { buildCabinet } from '../../../shared/cab.js';
import { CAB, cabOk, clientMachine, evidenceText, expectBilingual, failure, fixText, get, remoteMachine, response, run, SU, windowsAuth, WSUS } from './fake-net.js';

async function selfUpdate(answer: Partial<HttpResult>) {
  const { machine, calls } = clientMachine({ http: { [SU]: answer } });
  const r = get(await run('client', machine), 'http.selfupdate');
  expectBilingual(r);
  return { r, calls };
}

const html = (body: string, headers: Record<string, string> = {}) => response(200, { statusText: 'OK', headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body });

describe('http.selfupdate', () => {
  it('passes for 200 with a valid cabinet whose declared size matches, with the evidence of the exchange', async () => {
    const { r, calls } = await selfUpdate(cabOk());
    expect(r.status).toBe('pass');
    expect(r.summary.en).toContain(`${CAB.length} bytes, exactly the size the file declares`);
    const ev = evidenceText(r);
    expect(ev).toContain(`Request: GET ${SU}`);
    expect(ev).toContain('Answer (status): 200 OK');
    expect(ev).toContain('content-type: application/vnd.ms-cab-compressed');
    expect(ev).toContain('server: Microsoft-IIS/10.0');
    expect(ev).toContain('Timings: connect 2 ms, first byte 5 ms, total 9 ms');
    expect(ev).toContain('Route from this machine: direct');
    expect(ev).toContain(`MSCF, format 1.3, declares ${CAB.length} bytes`);
    expect(ev).not.toContain('First bytes');
    expect(r.fixes).toEqual([]);
    expect(calls.options[SU]!.maxBodyBytes).toBe(256 * 1024);
  });

  it('passes when only the start of a large cabinet was read but Content-Length matches the declared size', async () => {
    const big = buildCabinet([{ name: 'big.bin', data: new Uint8Array(300_000) }]);
    const head = big.subarray(0, 256 * 1024);
    const { r } = await selfUpdate(response(200, { body: head, bodyTruncated: true, contentLength: big.length }));
    expect(r.status).toBe('pass');
    expect(r.summary.en).toContain('the same as the server announced');
  });

  it('passes and mentions redirects that were followed', async () => {
    const { r } = await selfUpdate({ ...cabOk(), hops: [{ url: SU, status: 302, location: `${WSUS}/SelfUpdate/wuident.cab` }], finalUrl: `${WSUS}/SelfUpdate/wuident.cab` });
    expect(r.status).toBe('pass');
    expect(r.summary.en).toContain('redirected 1 time(s)');
    expect(evidenceText(r)).toContain(`302 ${SU} → ${WSUS}/SelfUpdate/wuident.cab`);
  });

  it.each<[string, Partial<HttpResult>, string[], string]>([
    ['404', response(404, { statusText: 'Not Found' }), ['0x80244019', '0x80190194', 'SelfUpdate virtual directory or the file in it is missing', 'port 8530'], 'http.selfupdate:restore-selfupdate'],
    ['401 Negotiate/NTLM', windowsAuth(), ['0x80244017', 'Windows logon', 'Negotiate, NTLM', 'Anonymous authentication is turned off on the SelfUpdate virtual directory'], 'http.selfupdate:enable-anonymous'],
    ['401 Basic', response(401, { headers: { 'www-authenticate': 'Basic realm="wsus01"' } }), ['0x80244017', 'user name and password', 'Basic'], 'http.selfupdate:enable-anonymous'],
    ['401 without a scheme', response(401), ['0x80244017', 'no WWW-Authenticate header'], 'http.selfupdate:enable-anonymous'],
    ['403', response(403, { statusText: 'Forbidden' }), ['0x80244018', 'anonymous account', 'IP address restriction'], 'http.selfupdate:check-permissions'],
    ['407', response(407, { headers: { 'proxy-authenticate': 'NTLM' } }), ['0x8024401B', 'proxy asked for a logon'], 'http.selfupdate:bypass-proxy'],
    ['500', response(500, { statusText: 'Internal Server Error' }), ['0x8024401F', 'web.config'], 'http.selfupdate:read-server-logs'],
    ['502', response(502), ['0x80244021', 'HTTP 502'], 'http.selfupdate:read-server-logs'],
    ['503', response(503, { statusText: 'Service Unavailable' }), ['0x80244022', 'WsusPool application pool has stopped'], 'http.selfupdate:start-wsuspool'],
    ['418 (no code of its own)', response(418, { statusText: "I'm a teapot" }), ['0x8024402B', 'HTTP 418'], 'http.selfupdate:read-server-logs'],
    ['206 (unexpected success)', response(206), ['HTTP 206', 'expects 200'], 'http.selfupdate:read-server-logs'],
    ['timeout', failure('timeout'), ['0x80072EE2', 'swallows the request'], 'http.selfupdate:open-path'],
    ['refused', failure('refused'), ['0x80072EFD', 'nothing listens on port 8530'], 'http.selfupdate:open-path'],
    ['reset', failure('reset'), ['0x80072EFE', 'reset'], 'http.selfupdate:open-path'],
    ['unreachable', failure('unreachable'), ['0x80072EFD', 'no route'], 'http.selfupdate:open-path'],
    ['tls', failure('tls'), ['0x80072F8F', 'certificate'], 'http.selfupdate:check-certificate'],
    ['redirect loop', { ...failure('redirect-loop'), hops: [{ url: SU, status: 302, location: SU }] }, ['kept redirecting (1 redirects, back to an address already visited)'], 'http.selfupdate:remove-redirect'],
    ['too many redirects', failure('too-many-redirects'), ['kept redirecting'], 'http.selfupdate:remove-redirect'],
  ])('fails on %s, naming the cause and the agent\'s error code', async (_name, answer, words, fixId) => {
    const { r } = await selfUpdate(answer);
    expect(r.status).toBe('fail');
    for (const w of words) expect(r.summary.en).toContain(w);
    expect(r.summary.en).toContain('neither updates nor reports');
    expect(r.fixes.map((f) => f.id)).toEqual([fixId]);
    for (const f of r.fixes) {
      expect(f.automatic).toBe(false);
      expect(f.plan).toEqual([]);
    }
  });

  it('shows the status line, the headers that matter and the first bytes when something is wrong', async () => {
    const { r } = await selfUpdate(windowsAuth());
    const ev = evidenceText(r);
    expect(ev).toContain('Answer (status): 401 Unauthorized');
    expect(ev).toContain('www-authenticate: Negotiate, NTLM');
    expect(ev).toContain('First bytes (hex): 3c 68 74 6d 6c 3e');
    expect(ev).toContain('First bytes as text: <html><body>401 - Unauthorized</body></html>');
  });

  it('gives the appcmd command that turns anonymous access on for SelfUpdate', async () => {
    const { r } = await selfUpdate(windowsAuth());
    expect(fixText(r)).toContain(
      '%windir%\\system32\\inetsrv\\appcmd.exe set config "WSUS Administration/SelfUpdate" -section:system.webServer/security/authentication/anonymousAuthentication /enabled:"True" /commit:apphost',
    );
    expect(r.fixes[0]!.requiresAdmin).toBe(true);
  });

  it('fails for 200 with a web page instead of the cabinet, pointing to http.interception', async () => {
    const { r } = await selfUpdate(html('<!DOCTYPE html><html><body>Welcome</body></html>'));
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('web page');
    expect(r.summary.en).toContain('http.interception');
    expect(r.fixes[0]!.id).toBe('http.selfupdate:exclude-from-sharepoint');
  });

  it('recognises a page by its first character even without a content type', async () => {
    const { r } = await selfUpdate(response(200, { body: '\ufeff  <html>hello</html>' }));
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('web page');
  });

  it('fails for a truncated download', async () => {
    const { r } = await selfUpdate(response(200, { body: CAB.subarray(0, 50), contentLength: CAB.length, incomplete: true }));
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain(`announced ${CAB.length} bytes, but the connection closed after 50`);
    expect(r.fixes[0]!.id).toBe('http.selfupdate:repair-download');
  });

  it('fails for a body that is not a cabinet, showing its bytes', async () => {
    const { r } = await selfUpdate(response(200, { headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]) }));
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('not a valid cabinet file (does not start with MSCF)');
    expect(evidenceText(r)).toContain('First bytes (hex): 50 4b 03 04 00 00 00 00');
  });

  it('fails for a cabinet whose declared size does not match what was sent or announced', async () => {
    const lying = CAB.slice();
    new DataView(lying.buffer).setUint32(8, CAB.length + 100, true);
    const { r } = await selfUpdate(response(200, { body: lying }));
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain(`says it is ${CAB.length + 100} bytes long, but the server announced ${CAB.length} bytes (Content-Length)`);
    const noLength = await selfUpdate(response(200, { body: lying, contentLength: undefined }));
    expect(noLength.r.status).toBe('fail');
    expect(noLength.r.summary.en).toContain(`the server sent ${CAB.length} bytes`);
  });

  it('fails for a cabinet header cut short, and for an empty body', async () => {
    expect((await selfUpdate(response(200, { body: CAB.subarray(0, 20) }))).r.summary.en).toContain('header cut after 20 bytes');
    const empty = await selfUpdate(response(200));
    expect(empty.r.status).toBe('fail');
    expect(empty.r.summary.en).toContain('sent no data');
  });

  it('judges the same way in the remote role', async () => {
    const { machine } = remoteMachine({ http: { [SU]: response(503) } });
    const r = get(await run('remote', machine, WSUS), 'http.selfupdate');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('0x80244022');
  });
});
