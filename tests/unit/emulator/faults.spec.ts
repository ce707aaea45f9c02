import { request } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseCabHeader } from '../../../shared/cab.js';
import { faultFor, startEmulator, type RunningEmulator } from '../../../main/emulator/emulator.js';
import { CAB_CONTENT_TYPE, SHAREPOINT_VERSION } from '../../../main/emulator/iis-content.js';
import { EmulatedServerSchema, SiteSchema, type EmulatedServerInput, type FaultInput } from '../../../main/emulator/server-spec.js';
import { failureOf, fetch, raw, sleep } from './request.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});
afterAll(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function emulate(spec: EmulatedServerInput, log?: (line: string) => void): Promise<RunningEmulator> {
  const e = await startEmulator(EmulatedServerSchema.parse(spec), { log });
  running.push(e);
  return e;
}

/** An emulator whose /selfupdate tree has the fault; the rest of the site is healthy. */
function selfUpdateFault(fault: FaultInput, log?: (line: string) => void) {
  return emulate({ wsus: { paths: { '/selfupdate': fault } } }, log);
}

const WUIDENT = '/selfupdate/wuident.cab';

describe('emulator faults', () => {
  it.each([
    [503, 'HTTP Error 503. The service is unavailable.'],
    [401, '401 - Unauthorized: Access is denied due to invalid credentials.'],
    [403, '403 - Forbidden: Access is denied.'],
    [404, '404 - File or directory not found.'],
    [500, '500 - Internal server error.'],
    [418, '418 - '],
  ])('status %i: that status with an IIS-like page', async (status, text) => {
    const e = await selfUpdateFault({ kind: 'status', status });
    const r = await fetch(`${e.wsusUrl}${WUIDENT}`);
    expect(r.status).toBe(status);
    expect(r.headers.server).toBe('Microsoft-IIS/10.0');
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body.toString()).toContain(text);
    expect(r.headers['content-length']).toBe(String(r.body.length));
    expect(r.all('www-authenticate')).toEqual([]);
    // the rest of the site is untouched
    expect((await fetch(`${e.wsusUrl}/ClientWebService/client.asmx`)).status).toBe(200);
  });

  it('status: 304 has no body, and a 1xx status is an interim answer after which nothing comes', async () => {
    const e = await emulate({ wsus: { paths: { '/a': { kind: 'status', status: 304 }, '/b': { kind: 'status', status: 102 } } } });
    const r = await fetch(`${e.wsusUrl}/a`);
    expect(r.status).toBe(304);
    expect(r.body.length).toBe(0);
    const c = await raw(e.wsusPort, 'GET /b HTTP/1.1\r\nHost: x\r\n\r\n');
    await sleep(200);
    expect(c.received().toString()).toMatch(/^HTTP\/1\.1 102 Processing\r\n[^]*\r\n\r\n$/);
    expect(c.socket.destroyed).toBe(false);
    c.socket.destroy();
  });

  it('status: logs the substatus', async () => {
    const lines: string[] = [];
    const e = await selfUpdateFault({ kind: 'status', status: 401, subStatus: 3 }, (l) => lines.push(l));
    expect((await fetch(`${e.wsusUrl}${WUIDENT}`)).status).toBe(401);
    await sleep(20);
    expect(lines.at(-1)).toMatch(/ GET \/selfupdate\/wuident\.cab 401 3 5 \d+$/);
  });

  it('windows-auth: 401.2 with Negotiate and NTLM challenges', async () => {
    const lines: string[] = [];
    const e = await selfUpdateFault({ kind: 'windows-auth' }, (l) => lines.push(l));
    const r = await fetch(`${e.wsusUrl}${WUIDENT}`);
    expect(r.status).toBe(401);
    expect(r.all('www-authenticate')).toEqual(['Negotiate', 'NTLM']);
    expect(r.headers.server).toBe('Microsoft-IIS/10.0');
    expect(r.body.toString()).toContain('HTTP Error 401.2 - Unauthorized');
    await sleep(20);
    expect(lines.at(-1)).toMatch(/ 401 2 5 \d+$/);
    // the client web service stays anonymous: the mismatch the doctor looks for
    expect((await fetch(`${e.wsusUrl}/ClientWebService/client.asmx`)).status).toBe(200);
  });

  it('html (sharepoint): 200 with a SharePoint page, no cabinet', async () => {
    const e = await emulate({ port80: { paths: { '/selfupdate': { kind: 'html' } } } });
    const r = await fetch(`http://127.0.0.1:${e.port80Port}${WUIDENT}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers.microsoftsharepointteamservices).toBe(SHAREPOINT_VERSION);
    expect(r.body.toString()).toMatch(/<title>[^<]*SharePoint[^<]*<\/title>/);
    expect(parseCabHeader(r.body)).toMatchObject({ ok: false, reason: 'bad-signature' });
    // the WSUS site itself is healthy
    expect((await fetch(`${e.wsusUrl}${WUIDENT}`)).status).toBe(200);
  });

  it('html (generic): 200 with an HTML page that is not SharePoint', async () => {
    const e = await selfUpdateFault({ kind: 'html', product: 'generic' });
    const r = await fetch(`${e.wsusUrl}${WUIDENT}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers.microsoftsharepointteamservices).toBeUndefined();
    expect(r.body.toString()).not.toContain('SharePoint');
    expect(parseCabHeader(r.body).ok).toBe(false);
  });

  it('truncated-cab: fewer bytes than Content-Length, then the connection ends', async () => {
    const e = await selfUpdateFault({ kind: 'truncated-cab' });
    const r = await fetch(`${e.wsusUrl}${WUIDENT}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(CAB_CONTENT_TYPE);
    const announced = Number(r.headers['content-length']);
    expect(r.body.length).toBeGreaterThan(0);
    expect(r.body.length).toBeLessThan(announced);
    expect(r.complete).toBe(false);
    // what did arrive is the start of a real cabinet of the announced size
    expect(parseCabHeader(r.body)).toMatchObject({ ok: true, declaredSize: announced });

    const head = await fetch(`${e.wsusUrl}${WUIDENT}`, { method: 'HEAD' });
    expect(head.headers['content-length']).toBe(String(announced));
  });

  it('corrupt-cab (bad-signature): 200 octet-stream that is not a cabinet', async () => {
    const e = await selfUpdateFault({ kind: 'corrupt-cab' });
    const r = await fetch(`${e.wsusUrl}${WUIDENT}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(r.headers['content-length']).toBe(String(r.body.length));
    expect(parseCabHeader(r.body)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('corrupt-cab (size-mismatch): the header declares a size other than the bytes sent', async () => {
    const e = await selfUpdateFault({ kind: 'corrupt-cab', variant: 'size-mismatch' });
    const r = await fetch(`${e.wsusUrl}${WUIDENT}`);
    expect(r.status).toBe(200);
    expect(r.complete).toBe(true);
    expect(r.headers['content-length']).toBe(String(r.body.length));
    const h = parseCabHeader(r.body);
    expect(h.ok).toBe(true);
    if (h.ok) expect(h.declaredSize).not.toBe(r.body.length);
  });

  it('redirect-loop: 302 to the very URL asked for, every time', async () => {
    const e = await selfUpdateFault({ kind: 'redirect-loop' });
    const target = `${e.wsusUrl}/SelfUpdate/wuident.cab?ver=1`;
    const r = await fetch(target);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe(target);
    const again = await fetch(r.headers.location!);
    expect(again.status).toBe(302);
    expect(again.headers.location).toBe(target);
    // the Host header decides the authority, as on IIS
    const named = await fetch(target, { headers: { host: 'wsus01.corp.example:8530' } });
    expect(named.headers.location).toBe('http://wsus01.corp.example:8530/SelfUpdate/wuident.cab?ver=1');
  });

  it('hang: the connection is accepted and nothing ever comes back', async () => {
    const e = await selfUpdateFault({ kind: 'hang' });
    const c = await raw(e.wsusPort, `GET ${WUIDENT} HTTP/1.1\r\nHost: x\r\n\r\n`);
    await sleep(500);
    expect(c.chunks).toHaveLength(0);
    expect(c.socket.destroyed).toBe(false);
    c.socket.destroy();
    expect(await failureOf(`${e.wsusUrl}${WUIDENT}`, 300)).toBe('timeout');
    expect((await fetch(`${e.wsusUrl}/ClientWebService/client.asmx`)).status).toBe(200);
  });

  it('trickle: the first byte at once, then one byte per interval', async () => {
    const e = await selfUpdateFault({ kind: 'trickle', intervalMs: 300 });
    const sent = performance.now();
    const c = await raw(e.wsusPort, `GET ${WUIDENT} HTTP/1.1\r\nHost: x\r\n\r\n`);
    await sleep(450);
    expect(c.chunks.length).toBeGreaterThanOrEqual(1);
    expect(c.chunks.length).toBeLessThanOrEqual(3);
    expect(c.chunks[0]!.data.length).toBe(1);
    expect(c.chunks[0]!.at - sent).toBeLessThan(250);
    if (c.chunks.length > 1) expect(c.chunks[1]!.at - c.chunks[0]!.at).toBeGreaterThan(200);
    expect(c.received().toString()).toBe('HTTP/1.1 200 OK'.slice(0, c.received().length));
    c.socket.destroy();
  });

  it('trickle: what trickles is a complete, valid response', async () => {
    const e = await selfUpdateFault({ kind: 'trickle', intervalMs: 1 });
    const r = await fetch(`${e.wsusUrl}${WUIDENT}`, { timeoutMs: 15_000 });
    expect(r.status).toBe(200);
    expect(r.complete).toBe(true);
    expect(r.headers['content-length']).toBe(String(r.body.length));
    expect(parseCabHeader(r.body)).toMatchObject({ ok: true, declaredSize: r.body.length });
  });

  it('reset: the client sees ECONNRESET', async () => {
    const e = await selfUpdateFault({ kind: 'reset' });
    expect(await failureOf(`${e.wsusUrl}${WUIDENT}`)).toBe('ECONNRESET');
    expect((await fetch(`${e.wsusUrl}/`)).status).toBe(200);
  });

  it('huge-body: 5 MB and more keeps coming, until the client goes away', async () => {
    const e = await selfUpdateFault({ kind: 'huge-body' });
    const result = await new Promise<{ status: number; type: string | undefined; read: number; ended: boolean }>((resolve, reject) => {
      const req = request(`${e.wsusUrl}${WUIDENT}`, { agent: false }, (res) => {
        let read = 0;
        let ended = false;
        res.on('end', () => (ended = true));
        res.on('error', () => {});
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 6 * 1024 * 1024) {
            res.pause();
            setTimeout(() => {
              req.destroy();
              resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], read, ended });
            }, 50);
          }
        });
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ECONNRESET') reject(err);
      });
      req.end();
    });
    expect(result.status).toBe(200);
    expect(result.type).toBe('application/octet-stream');
    expect(result.read).toBeGreaterThan(5 * 1024 * 1024);
    expect(result.ended).toBe(false);
    // the emulator stops streaming and goes on serving
    expect((await fetch(`${e.wsusUrl}/`)).status).toBe(200);
  });

  it('all: 503 for every path and method of the site (application pool stopped)', async () => {
    const e = await emulate({ wsus: { all: { kind: 'status', status: 503 }, paths: { '/selfupdate': { kind: 'windows-auth' } } } });
    for (const p of ['/', WUIDENT, '/ClientWebService/client.asmx', '/SimpleAuthWebService/SimpleAuth.asmx', '/nothing']) {
      const r = await fetch(`${e.wsusUrl}${p}`);
      expect(r.status, p).toBe(503);
      expect(r.body.toString()).toContain('HTTP Error 503. The service is unavailable.');
    }
    expect((await fetch(`${e.wsusUrl}/ClientWebService/client.asmx`, { method: 'POST', body: '<soap/>' })).status).toBe(503);
    // the port-80 site is another site: healthy
    expect((await fetch(`http://127.0.0.1:${e.port80Port}${WUIDENT}`)).status).toBe(200);
  });

  it('picks the longest matching path prefix, by whole segments, case-insensitively', async () => {
    const e = await emulate({
      wsus: {
        paths: {
          '/SelfUpdate': { kind: 'status', status: 403 },
          '/selfupdate/WUIDENT.cab': { kind: 'windows-auth' },
          '/ClientWebService/': { kind: 'status', status: 500 },
        },
      },
    });
    expect((await fetch(`${e.wsusUrl}/selfupdate/wuident.cab`)).status).toBe(401);
    expect((await fetch(`${e.wsusUrl}/SELFUPDATE/wsus3setup.cab`)).status).toBe(403);
    expect((await fetch(`${e.wsusUrl}/selfupdate`)).status).toBe(403);
    expect((await fetch(`${e.wsusUrl}/clientwebservice/client.asmx`)).status).toBe(500);
    expect((await fetch(`${e.wsusUrl}/ClientWebService`)).status).toBe(500);
    expect((await fetch(`${e.wsusUrl}/SimpleAuthWebService/SimpleAuth.asmx`)).status).toBe(200);
    expect((await fetch(`${e.wsusUrl}/selfupdate2/x.cab`)).status).toBe(404);
  });

  it('faultFor: site-wide fault first, then the longest prefix', () => {
    const site = SiteSchema.parse({ paths: { '/a': { kind: 'hang' }, '/a/b': { kind: 'reset' }, '/': { kind: 'huge-body' } } });
    expect(faultFor(site, '/A/B/c')).toEqual({ kind: 'reset' });
    expect(faultFor(site, '/a/bc')).toEqual({ kind: 'hang' });
    expect(faultFor(site, '/x')).toEqual({ kind: 'huge-body' });
    expect(faultFor(SiteSchema.parse({ all: { kind: 'hang' }, paths: { '/a': { kind: 'reset' } } }), '/a')).toEqual({ kind: 'hang' });
    expect(faultFor(SiteSchema.parse({}), '/a')).toBeUndefined();
  });

  it('a fault on the port-80 site leaves the WSUS site alone', async () => {
    const e = await emulate({ port80: { all: { kind: 'windows-auth' } } });
    expect((await fetch(`${e.wsusUrl}${WUIDENT}`)).status).toBe(200);
    const r = await fetch(`http://127.0.0.1:${e.port80Port}${WUIDENT}`);
    expect(r.status).toBe(401);
    expect(r.all('www-authenticate')).toEqual(['Negotiate', 'NTLM']);
  });
});
