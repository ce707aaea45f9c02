import { describe, expect, it } from 'vitest';
import type { HttpResult } from '../../../main/adapters/types.js';
import type { CheckId } from '../../../shared/check-ids.js';
import { clientMachine, CWS, expectBilingual, failure, get, remoteMachine, response, run, SIMPLEAUTH, windowsAuth, WSUS } from './fake-net.js';

async function check(id: CheckId, url: string, answer: Partial<HttpResult>) {
  const { machine, calls } = clientMachine({ http: { [url]: answer } });
  const r = get(await run('client', machine), id);
  expectBilingual(r);
  return { r, calls };
}

describe.each<[CheckId, string, string]>([
  ['http.clientwebservice', CWS, 'ClientWebService'],
  ['http.simpleauth', SIMPLEAUTH, 'SimpleAuthWebService'],
])('%s', (id, url, vdir) => {
  it('passes for 200 (the service\'s help page is fine), reading at most 16 KiB', async () => {
    const { machine, calls } = clientMachine();
    const r = get(await run('client', machine), id);
    expect(r.status).toBe('pass');
    expect(r.summary.en).toContain('reachable without logging on');
    expect(calls.options[url]!.maxBodyBytes).toBe(16 * 1024);
  });

  it.each<[string, Partial<HttpResult>, string[], string]>([
    ['401', windowsAuth(), ['0x80244017', `Anonymous authentication is turned off on the ${vdir} virtual directory`], 'enable-anonymous'],
    ['404', response(404), ['0x80244019', `the ${vdir} virtual directory does not exist on the site that answers on port 8530`, 'check the port'], 'check-web-service'],
    ['503', response(503), ['0x80244022', 'WsusPool'], 'start-wsuspool'],
    ['500', response(500), ['0x8024401F', 'web.config'], 'read-server-logs'],
    ['403', response(403), ['0x80244018'], 'check-permissions'],
    ['timeout', failure('timeout'), ['0x80072EE2'], 'open-path'],
  ])('fails on %s', async (_name, answer, words, fix) => {
    const { r } = await check(id, url, answer);
    expect(r.status).toBe('fail');
    for (const w of words) expect(r.summary.en).toContain(w);
    expect(r.summary.en).toMatch(/neither detect/);
    expect(r.fixes.map((f) => f.id)).toEqual([`${id}:${fix}`]);
  });

  it('fails when SharePoint answers in place of the web service', async () => {
    const { r } = await check(id, url, response(200, { headers: { 'content-type': 'text/html', microsoftsharepointteamservices: '16.0.0.5000' }, body: '<html>Sign in</html>' }));
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('SharePoint answered instead of the WSUS web service');
    expect(r.summary.en).toContain('microsoftsharepointteamservices: 16.0.0.5000');
  });

  it('gives the same verdicts in the remote role', async () => {
    const { machine } = remoteMachine({ http: { [url]: response(503) } });
    expect(get(await run('remote', machine, WSUS), id).status).toBe('fail');
  });
});
