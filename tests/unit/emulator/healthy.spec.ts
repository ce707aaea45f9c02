import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCabHeader } from '../../../shared/cab.js';
import { startEmulator, type RunningEmulator } from '../../../main/emulator/emulator.js';
import { CAB_CONTENT_TYPE } from '../../../main/emulator/iis-content.js';
import { EmulatedServerSchema } from '../../../main/emulator/server-spec.js';
import { fetch, raw, sleep } from './request.js';

let emu: RunningEmulator;
const lines: string[] = [];
const url = (path: string) => `${emu.wsusUrl}${path}`;

beforeAll(async () => {
  emu = await startEmulator(EmulatedServerSchema.parse({}), { wsusPort: 0, port80Port: 0, log: (l) => lines.push(l) });
});
afterAll(async () => {
  await emu.close();
});

function expectIisHeaders(headers: Record<string, unknown>) {
  expect(headers.server).toBe('Microsoft-IIS/10.0');
  expect(headers['x-powered-by']).toBe('ASP.NET');
}

function expectCabinet(body: Buffer, contentLength: string | undefined) {
  expect(Number(contentLength)).toBe(body.length);
  const h = parseCabHeader(body);
  expect(h).toMatchObject({ ok: true, declaredSize: body.length, version: '1.3' });
}

describe('emulator: a healthy WSUS site', () => {
  it('listens on loopback and reports its URL', () => {
    expect(emu.host).toBe('127.0.0.1');
    expect(emu.wsusPort).toBeGreaterThan(0);
    expect(emu.port80Port).toBeGreaterThan(0);
    expect(emu.port80Port).not.toBe(emu.wsusPort);
    expect(emu.wsusUrl).toBe(`http://127.0.0.1:${emu.wsusPort}`);
  });

  it('serves /selfupdate/wuident.cab as a valid cabinet holding wuident.txt', async () => {
    const r = await fetch(url('/selfupdate/wuident.cab'));
    expect(r.status).toBe(200);
    expect(r.complete).toBe(true);
    expect(r.headers['content-type']).toBe(CAB_CONTENT_TYPE);
    expectIisHeaders(r.headers);
    expectCabinet(r.body, r.headers['content-length']);
    expect(r.body.toString('latin1')).toContain('wuident.txt');
    expect(r.body.toString('latin1')).toContain('[SusClientUpdate]');
  });

  it('serves the same bytes every time and to HEAD the same headers without a body', async () => {
    const a = await fetch(url('/selfupdate/wuident.cab'));
    const b = await fetch(url('/selfupdate/wuident.cab'));
    expect(b.body.equals(a.body)).toBe(true);
    const head = await fetch(url('/selfupdate/wuident.cab'), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(a.body.length));
    expect(head.headers['content-type']).toBe(CAB_CONTENT_TYPE);
  });

  it('matches paths case-insensitively and canonicalizes them as IIS does', async () => {
    const reference = await fetch(url('/selfupdate/wuident.cab'));
    for (const p of ['/SelfUpdate/WUIDENT.CAB', '/SELFUPDATE/wuident.cab', '//selfupdate/wuident.cab', '/selfupdate/./x/../wuident.cab', '/selfupdate/%77uident.cab', '/selfupdate/wuident.cab?x=1']) {
      const r = await fetch(url(p));
      expect(r.status, p).toBe(200);
      expect(r.body.equals(reference.body), p).toBe(true);
    }
  });

  it('serves the legacy files at the site root', async () => {
    const iu = await fetch(url('/iuident.cab'));
    expect(iu.status).toBe(200);
    expect(iu.headers['content-type']).toBe(CAB_CONTENT_TYPE);
    expectCabinet(iu.body, iu.headers['content-length']);
    const wt = await fetch(url('/WUTrack.bin'));
    expect(wt.status).toBe(200);
    expect(wt.headers['content-type']).toBe('application/octet-stream');
    expect(wt.body.length).toBeGreaterThan(0);
    expect(wt.headers['content-length']).toBe(String(wt.body.length));
  });

  it.each([
    ['XP', 'EN'],
    ['W2K', 'DEU'],
    ['NetServer', 'JA'],
    ['xp', 'enu'],
    ['netserver', 'CHSX'],
  ])('serves the legacy wuaucomp.cab for %s/%s', async (os, lang) => {
    const r = await fetch(url(`/selfupdate/AU/x86/${os}/${lang}/wuaucomp.cab`));
    expect(r.status).toBe(200);
    expectCabinet(r.body, r.headers['content-length']);
    expect(r.body.toString('latin1')).toContain('wuaucomp.txt');
  });

  it.each(['/selfupdate/AU/x86/Vista/EN/wuaucomp.cab', '/selfupdate/AU/x86/XP/ENGLISH/wuaucomp.cab', '/selfupdate/AU/x86/XP/E/wuaucomp.cab', '/selfupdate/AU/x64/XP/EN/wuaucomp.cab', '/selfupdate/AU/x86/XP/EN/other.cab'])(
    'answers 404 for %s',
    async (p) => {
      const r = await fetch(url(p));
      expect(r.status).toBe(404);
    },
  );

  it('serves other files below /selfupdate as cabinets', async () => {
    const r = await fetch(url('/selfupdate/wsus3setup.cab'));
    expect(r.status).toBe(200);
    expectCabinet(r.body, r.headers['content-length']);
    expect(r.body.toString('latin1')).toContain('wsus3setup.txt');
    const deep = await fetch(url('/SelfUpdate/WSUS3/x86/Other/wsus3setup.cab'));
    expect(deep.status).toBe(200);
    expectCabinet(deep.body, deep.headers['content-length']);
  });

  it('redirects the SelfUpdate folder to its trailing slash and denies the directory listing', async () => {
    const r = await fetch(url('/SelfUpdate'));
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe(`${emu.wsusUrl}/SelfUpdate/`);
    const listing = await fetch(url('/selfupdate/'));
    expect(listing.status).toBe(403);
  });

  it('answers unknown paths and /Content with the IIS 404 page', async () => {
    for (const p of ['/nothing-here.txt', '/Content/01/ABCDEF.cab', '/selfupdatex/wuident.cab']) {
      const r = await fetch(url(p));
      expect(r.status, p).toBe(404);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expectIisHeaders(r.headers);
      expect(r.body.toString()).toContain('404 - File or directory not found.');
      expect(r.headers['content-length']).toBe(String(r.body.length));
    }
  });

  it.each([
    ['/ClientWebService/client.asmx', 'Client', 'GetCookie'],
    ['/SimpleAuthWebService/SimpleAuth.asmx', 'SimpleAuth', 'GetAuthorizationCookie'],
    ['/ReportingWebService/ReportingWebService.asmx', 'ReportingWebService', 'ReportEventBatch'],
    ['/DssAuthWebService/DssAuthWebService.asmx', 'DssAuthWebService', 'GetAuthorizationCookie'],
    ['/ServerSyncWebService/ServerSyncWebService.asmx', 'ServerSyncWebService', 'GetUpdateData'],
    ['/clientwebservice/CLIENT.ASMX', 'Client', 'SyncUpdates'],
  ])('serves the ASP.NET help page of %s', async (p, name, operation) => {
    const r = await fetch(url(p));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expectIisHeaders(r.headers);
    const html = r.body.toString();
    expect(html).toContain('The following operations are supported.');
    expect(html).toContain(`<p class="heading1">${name}</p>`);
    expect(html).toContain(operation);
    expect(parseCabHeader(r.body).ok).toBe(false);
  });

  it('serves wusserverversion.xml', async () => {
    const r = await fetch(url('/ClientWebService/wusserverversion.xml'));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/xml/);
    expect(r.body.toString()).toMatch(/^<\?xml/);
  });

  it('asks for Windows authentication on the administration API only', async () => {
    const r = await fetch(url('/ApiRemoting30/WebService.asmx'));
    expect(r.status).toBe(401);
    expect(r.all('www-authenticate')).toEqual(['Negotiate', 'NTLM']);
    expect(r.body.toString()).toContain('401.2');
  });

  it('serves an IIS default page at /', async () => {
    const r = await fetch(url('/'));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body.toString()).toContain('<title>IIS Windows Server</title>');
  });

  it('answers other methods with 405 and ignores request bodies', async () => {
    const r = await fetch(url('/selfupdate/wuident.cab'), { method: 'POST', body: 'x'.repeat(100_000), headers: { 'content-type': 'text/plain' } });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
    expect(r.body.toString()).toContain('405 - HTTP verb used to access this page is not allowed.');
    for (const method of ['PUT', 'DELETE', 'OPTIONS']) expect((await fetch(url('/'), { method })).status).toBe(405);
  });

  it('serves the same tree on the port-80 site', async () => {
    const r = await fetch(`http://127.0.0.1:${emu.port80Port}/selfupdate/wuident.cab`);
    expect(r.status).toBe(200);
    expectCabinet(r.body, r.headers['content-length']);
  });

  it('answers garbage with 400 and keeps serving', async () => {
    const garbage = await raw(emu.wsusPort, 'THIS IS NOT HTTP\r\n\x00\x01\x02\r\n\r\n');
    await garbage.closed;
    expect(garbage.received().toString()).toMatch(/^HTTP\/1\.1 400 /);

    const escape = await raw(emu.wsusPort, 'GET /../../windows/win.ini HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await escape.closed;
    expect(escape.received().toString()).toMatch(/^HTTP\/1\.1 400 /);

    const bigHeaders = await raw(emu.wsusPort, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`);
    await bigHeaders.closed;
    expect(bigHeaders.received().toString()).toMatch(/^HTTP\/1\.1 400 /);

    const binary = await raw(emu.wsusPort, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff)));
    await Promise.race([binary.closed, sleep(2000)]);
    binary.socket.destroy();

    const half = await raw(emu.wsusPort, 'GET /selfupdate/wuident.cab HTTP/1.1\r\nHost: x\r\n');
    half.socket.destroy();

    const r = await fetch(url('/selfupdate/wuident.cab'));
    expect(r.status).toBe(200);
  });

  it('answers absolute-form request targets (a client that treats it as a proxy)', async () => {
    const c = await raw(emu.wsusPort, `GET http://wsus01:8530/SelfUpdate/wuident.cab HTTP/1.1\r\nHost: wsus01:8530\r\nConnection: close\r\n\r\n`);
    await c.closed;
    expect(c.received().toString('latin1')).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it('counts requests and logs one IIS-like line per request', async () => {
    const before = emu.requests;
    const seen = lines.length;
    await fetch(url('/SelfUpdate/wuident.cab'));
    await fetch(url('/missing.cab'));
    expect(emu.requests).toBe(before + 2);
    await sleep(20);
    const mine = lines.slice(seen);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GET \/SelfUpdate\/wuident\.cab 200 0 0 \d+$/);
    expect(mine[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GET \/missing\.cab 404 0 2 \d+$/);
  });
});
