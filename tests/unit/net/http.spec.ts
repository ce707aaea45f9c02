import type http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directDialer, type Dialer } from '../../../main/adapters/net/dialer.js';
import { AGENT_USER_AGENT, createHttpAdapter, headerMap } from '../../../main/adapters/net/http.js';
import { LIMITS, Servers, TEST_CERT } from './servers.js';

const servers = new Servers();
const adapter = createHttpAdapter({ dialer: directDialer });
let port = 0;
let base = '';
const seen: http.IncomingMessage[] = [];

function opts(extra: Partial<{ maxBodyBytes: number; maxRedirects: number; connectTimeoutMs: number; totalTimeoutMs: number; signal: AbortSignal }> = {}) {
  return { ...LIMITS, maxBodyBytes: 64 * 1024, ...extra };
}

beforeAll(async () => {
  port = await servers.http((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname;
    if (p !== '/endless') seen.push(req);
    if (p === '/auth') {
      res.writeHead(401, 'Unauthorized', [
        ['Content-Type', 'text/html'],
        ['WWW-Authenticate', 'Negotiate'],
        ['WWW-Authenticate', 'NTLM'],
      ]);
      res.end('denied');
    } else if (p === '/teapot') {
      res.writeHead(418, 'I Am A Teapot', { 'X-Custom': 'yes' });
      res.end();
    } else if (p === '/big') {
      res.writeHead(200, { 'Content-Length': 10_000 });
      res.end(Buffer.alloc(10_000, 0x41));
    } else if (p === '/exact') {
      res.writeHead(200, { 'Content-Length': 1000 });
      res.end(Buffer.alloc(1000, 0x42));
    } else if (p === '/chunked-exact') {
      res.writeHead(200);
      res.write(Buffer.alloc(600, 0x43));
      res.end(Buffer.alloc(400, 0x43));
    } else if (p === '/chunked-big') {
      res.writeHead(200);
      res.write(Buffer.alloc(600, 0x43));
      setTimeout(() => res.end(Buffer.alloc(600, 0x43)), 20);
    } else if (p === '/truncated') {
      res.writeHead(200, { 'Content-Length': 5000, 'Content-Type': 'application/vnd.ms-cab-compressed' });
      res.write(Buffer.alloc(1000, 0x4d), () => setTimeout(() => res.socket?.destroy(), 20));
    } else if (p === '/chain/a') {
      res.writeHead(302, { Location: `http://127.0.0.1:${port}/chain/b` });
      res.end();
    } else if (p === '/chain/b') {
      res.writeHead(301, { Location: 'c?x=1' });
      res.end();
    } else if (p === '/chain/c') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`final ${url.search}`);
    } else if (p === '/rel/deep/start') {
      res.writeHead(307, { Location: '../target' });
      res.end();
    } else if (p === '/rel/target') {
      res.end('relative ok');
    } else if (p === '/loop') {
      res.writeHead(302, { Location: '/loop' });
      res.end();
    } else if (p === '/ping') {
      res.writeHead(302, { Location: '/pong' });
      res.end();
    } else if (p === '/pong') {
      res.writeHead(303, { Location: `http://127.0.0.1:${port}/ping#frag` });
      res.end();
    } else if (p.startsWith('/n/')) {
      const n = Number(p.slice(3));
      res.writeHead(308, { Location: `/n/${n + 1}` });
      res.end();
    } else if (p === '/ftp') {
      res.writeHead(302, { Location: 'ftp://example.org/file' });
      res.end();
    } else if (p === '/no-location') {
      res.writeHead(302);
      res.end('no location');
    } else if (p === '/endless') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 0x5a);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk)) {
          /* keep writing until the socket buffer is full */
        }
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    } else {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('hello');
    }
  });
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => servers.closeAll());

describe('HTTP adapter: responses', () => {
  it('sends what the update agent sends and returns status, text and lower-cased headers (repeats joined)', async () => {
    seen.length = 0;
    const r = await adapter.get(`${base}/auth`, opts());
    expect(r.outcome).toBe('response');
    expect(r.status).toBe(401);
    expect(r.statusText).toBe('Unauthorized');
    expect(r.headers['www-authenticate']).toBe('Negotiate, NTLM');
    expect(r.headers['content-type']).toBe('text/html');
    expect(new TextDecoder().decode(r.body)).toBe('denied');
    expect(r.bodyTruncated).toBe(false);
    expect(r.message).toBeUndefined();
    expect(r.url).toBe(`${base}/auth`);
    expect(r.finalUrl).toBe(`${base}/auth`);
    expect(r.hops).toEqual([]);
    expect(r.proxy).toBeUndefined();
    expect(r.timings.connectMs).toBeGreaterThanOrEqual(0);
    expect(r.timings.firstByteMs).toBeGreaterThanOrEqual(r.timings.connectMs!);
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(r.timings.firstByteMs!);
    const req = seen[0]!;
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/auth');
    expect(req.headers['user-agent']).toBe(AGENT_USER_AGENT);
    expect(req.headers.accept).toBe('*/*');
    expect(req.headers.connection).toBe('close');
    expect(req.headers.host).toBe(`127.0.0.1:${port}`);
  });

  it('keeps any status and reason phrase', async () => {
    const r = await adapter.get(`${base}/teapot`, opts());
    expect(r).toMatchObject({ outcome: 'response', status: 418, statusText: 'I Am A Teapot', bodyTruncated: false });
    expect(r.body.length).toBe(0);
    expect(r.headers['x-custom']).toBe('yes');
  });

  it('headerMap joins repeats and lower-cases names', () => {
    expect(headerMap(['Set-Cookie', 'a=1', 'SET-COOKIE', 'b=2', 'X', ''])).toEqual({ 'set-cookie': 'a=1, b=2', x: '' });
    expect(Object.getPrototypeOf(headerMap(['__proto__', 'x']))).toBe(Object.prototype);
  });
});

describe('HTTP adapter: bodies', () => {
  it('reads at most maxBodyBytes and says the body was truncated', async () => {
    const r = await adapter.get(`${base}/big`, opts({ maxBodyBytes: 1000 }));
    expect(r.outcome).toBe('response');
    expect(r.body.length).toBe(1000);
    expect(r.body.every((b) => b === 0x41)).toBe(true);
    expect(r.bodyTruncated).toBe(true);
    expect(r.contentLength).toBe(10_000);
    expect(r.incomplete).toBeUndefined();
  });

  it('a body of exactly maxBodyBytes is not truncated (with and without Content-Length)', async () => {
    const a = await adapter.get(`${base}/exact`, opts({ maxBodyBytes: 1000 }));
    expect(a).toMatchObject({ outcome: 'response', bodyTruncated: false, contentLength: 1000 });
    expect(a.body.length).toBe(1000);
    const b = await adapter.get(`${base}/chunked-exact`, opts({ maxBodyBytes: 1000 }));
    expect(b).toMatchObject({ outcome: 'response', bodyTruncated: false });
    expect(b.contentLength).toBeUndefined();
    expect(b.body.length).toBe(1000);
    const c = await adapter.get(`${base}/chunked-big`, opts({ maxBodyBytes: 1000 }));
    expect(c).toMatchObject({ outcome: 'response', bodyTruncated: true });
    expect(c.body.length).toBe(1000);
  });

  it('maxBodyBytes 0 reads no body but reports what was announced', async () => {
    const r = await adapter.get(`${base}/big`, opts({ maxBodyBytes: 0 }));
    expect(r).toMatchObject({ outcome: 'response', status: 200, bodyTruncated: true, contentLength: 10_000 });
    expect(r.body.length).toBe(0);
  });

  it('a connection closed before Content-Length bytes arrived is incomplete', async () => {
    const r = await adapter.get(`${base}/truncated`, opts());
    expect(r.outcome).toBe('response');
    expect(r.status).toBe(200);
    expect(r.contentLength).toBe(5000);
    expect(r.incomplete).toBe(true);
    expect(r.bodyTruncated).toBe(false);
    expect(r.body.length).toBe(1000);
  });

  it('memory stays flat reading 100+ MB worth of endless bodies (64 KiB each)', async () => {
    const max = 64 * 1024;
    // Warm up (so buffer pools and the allocator reach their steady size), then measure.
    for (let i = 0; i < 300; i++) await adapter.get(`${base}/endless`, opts({ maxBodyBytes: max }));
    global.gc?.();
    const before = process.memoryUsage().rss;
    let read = 0;
    let peak = before;
    const started = performance.now();
    while (read < 100 * 1024 * 1024) {
      const r = await adapter.get(`${base}/endless`, opts({ maxBodyBytes: max }));
      expect(r.outcome).toBe('response');
      expect(r.bodyTruncated).toBe(true);
      expect(r.body.length).toBe(max);
      read += r.body.length;
      if (read % (8 * 1024 * 1024) === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const growthMb = (peak - before) / 1024 / 1024;
    console.log(`endless bodies: ${(read / 1024 / 1024).toFixed(0)} MB read in ${Math.round(performance.now() - started)} ms, RSS growth ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(50);
  }, 120_000);
});

describe('HTTP adapter: redirects', () => {
  it('follows a chain (absolute and relative Location) and records the hops', async () => {
    const r = await adapter.get(`${base}/chain/a`, opts());
    expect(r.outcome).toBe('response');
    expect(r.status).toBe(200);
    expect(r.finalUrl).toBe(`${base}/chain/c?x=1`);
    expect(r.hops).toEqual([
      { url: `${base}/chain/a`, status: 302, location: `http://127.0.0.1:${port}/chain/b` },
      { url: `${base}/chain/b`, status: 301, location: 'c?x=1' },
    ]);
    expect(new TextDecoder().decode(r.body)).toBe('final ?x=1');
  });

  it('resolves a relative Location against the current URL', async () => {
    const r = await adapter.get(`${base}/rel/deep/start`, opts());
    expect(r.finalUrl).toBe(`${base}/rel/target`);
    expect(new TextDecoder().decode(r.body)).toBe('relative ok');
  });

  it('reports a loop when a URL comes back (self and two-step, fragment ignored)', async () => {
    const self = await adapter.get(`${base}/loop`, opts());
    expect(self.outcome).toBe('redirect-loop');
    expect(self.hops).toHaveLength(1);
    expect(self.status).toBe(302);
    expect(self.message).toContain('loop');
    const two = await adapter.get(`${base}/ping`, opts());
    expect(two.outcome).toBe('redirect-loop');
    expect(two.hops.map((h) => h.status)).toEqual([302, 303]);
    expect(two.finalUrl).toBe(`${base}/pong`);
  });

  it('gives up after maxRedirects (default 5)', async () => {
    const three = await adapter.get(`${base}/n/0`, opts({ maxRedirects: 3 }));
    expect(three.outcome).toBe('too-many-redirects');
    expect(three.hops).toHaveLength(4);
    expect(three.message).toContain('More than 3 redirects');
    const dflt = await adapter.get(`${base}/n/0`, opts());
    expect(dflt.outcome).toBe('too-many-redirects');
    expect(dflt.hops).toHaveLength(6);
    expect(dflt.finalUrl).toBe(`${base}/n/5`);
    const enough = await adapter.get(`${base}/n/0`, opts({ maxRedirects: 0 }));
    expect(enough.outcome).toBe('too-many-redirects');
  });

  it('refuses a Location that is not http or https; a 3xx without Location is a plain response', async () => {
    const ftp = await adapter.get(`${base}/ftp`, opts());
    expect(ftp.outcome).toBe('error');
    expect(ftp.message).toContain('only http and https');
    const none = await adapter.get(`${base}/no-location`, opts());
    expect(none).toMatchObject({ outcome: 'response', status: 302 });
  });
});

describe('HTTP adapter: failures', () => {
  it('a closed port is refused', async () => {
    const closed = await servers.closedPort();
    const r = await adapter.get(`http://127.0.0.1:${closed}/selfupdate/wuident.cab`, opts());
    expect(r.outcome).toBe('refused');
    expect(r.message).toContain(`127.0.0.1:${closed} was refused`);
    expect(r.status).toBeUndefined();
  });

  it('a server that accepts and never answers: the total timeout is honoured', async () => {
    const hang = await servers.tcp(() => undefined);
    const started = performance.now();
    const r = await adapter.get(`http://127.0.0.1:${hang}/`, opts({ totalTimeoutMs: 500 }));
    const elapsed = performance.now() - started;
    console.log(`hung server: gave up after ${Math.round(elapsed)} ms (total timeout 500 ms)`);
    expect(r.outcome).toBe('timeout');
    expect(r.message).toBe(`No answer within 500 ms after the connection was made (the server 127.0.0.1:${hang} accepted the connection but never replied).`);
    expect(r.timings.connectMs).toBeDefined();
    expect(elapsed).toBeGreaterThanOrEqual(490);
    expect(elapsed).toBeLessThan(700);
  });

  it('a server trickling its headers byte by byte times out with a message saying so', async () => {
    const trickle = await servers.tcp((socket) => {
      const text = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello');
      let i = 0;
      const timer = setInterval(() => {
        if (socket.destroyed || i >= text.length) {
          clearInterval(timer);
          return;
        }
        socket.write(text.subarray(i, ++i));
      }, 30);
      socket.on('close', () => clearInterval(timer));
    });
    const started = performance.now();
    const r = await adapter.get(`http://127.0.0.1:${trickle}/`, opts({ totalTimeoutMs: 400 }));
    const elapsed = performance.now() - started;
    expect(r.outcome).toBe('timeout');
    expect(r.message).toContain('had not sent complete response headers within 400 ms');
    expect(elapsed).toBeLessThan(600);
  });

  it('a trickling body: the total timeout covers the body too, and what arrived is kept', async () => {
    const trickle = await servers.tcp((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n');
      const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('x')), 20);
      socket.on('close', () => clearInterval(timer));
    });
    const started = performance.now();
    const r = await adapter.get(`http://127.0.0.1:${trickle}/`, opts({ totalTimeoutMs: 400 }));
    const elapsed = performance.now() - started;
    console.log(`trickling body: gave up after ${Math.round(elapsed)} ms with ${r.body.length} bytes (total timeout 400 ms)`);
    expect(r.outcome).toBe('timeout');
    expect(r.status).toBe(200);
    expect(r.contentLength).toBe(1000);
    expect(r.body.length).toBeGreaterThan(3);
    expect(r.body.length).toBeLessThan(1000);
    expect(r.message).toContain('the body was still arriving after 400 ms');
    expect(elapsed).toBeLessThan(600);
  });

  it('a reset as soon as the request arrives', async () => {
    const reset = await servers.tcp((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const r = await adapter.get(`http://127.0.0.1:${reset}/selfupdate/wuident.cab`, opts());
    expect(r.outcome).toBe('reset');
    expect(r.message).toMatch(/reset the connection|closed the connection/);
  });

  it('a server that closes without answering', async () => {
    const close = await servers.tcp((socket) => socket.once('data', () => socket.end()));
    const r = await adapter.get(`http://127.0.0.1:${close}/`, opts());
    expect(r.outcome).toBe('reset');
    expect(r.message).toContain('closed the connection without answering');
  });

  it('an answer that is not HTTP', async () => {
    const junk = await servers.tcp((socket) => socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.6\r\n')));
    const r = await adapter.get(`http://127.0.0.1:${junk}/`, opts());
    expect(r.outcome).toBe('error');
    expect(r.message).toContain('not valid HTTP');
  });

  it('a name that does not resolve', async () => {
    const r = await adapter.get('http://wsus.nonexistent.invalid:8530/selfupdate/wuident.cab', opts());
    expect(r.outcome).toBe('not-found');
    expect(r.message).toContain('wsus.nonexistent.invalid could not be resolved');
  });

  it('the connect timeout bounds the dial (injected dialer that never connects)', async () => {
    // Ignores its own timeout: only the adapter's total timer (through the signal) can end it.
    const never: Dialer = (_host, _port, { signal }) =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      });
    const a = createHttpAdapter({ dialer: never });
    const started = performance.now();
    const r = await a.get('http://wsus.corp.example:8530/', opts({ connectTimeoutMs: 300, totalTimeoutMs: 300 }));
    expect(r.outcome).toBe('timeout');
    expect(r.message).toBe('Could not connect to wsus.corp.example:8530 within the 300 ms allowed for the whole request.');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('an external abort cancels the request', async () => {
    const hang = await servers.tcp(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const r = await adapter.get(`http://127.0.0.1:${hang}/`, opts({ signal: controller.signal }));
    expect(r.outcome).toBe('error');
    expect(r.message).toBe('The request was cancelled.');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('bad URLs are reported, not thrown', async () => {
    expect(await adapter.get('not a url', opts())).toMatchObject({ outcome: 'error', message: '"not a url" is not a valid URL.' });
    expect(await adapter.get('ftp://wsus/x', opts())).toMatchObject({ outcome: 'error' });
  });

  it('leaves no socket or timer behind', async () => {
    // This server reads (so its side of the connection closes when the client goes) but never answers.
    const hang = await servers.tcp((socket) => socket.resume());
    const count = (): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
      return out;
    };
    await new Promise((r) => setTimeout(r, 50));
    const before = count();
    await adapter.get(`http://127.0.0.1:${hang}/`, opts({ totalTimeoutMs: 200 }));
    await adapter.get(`${base}/endless`, opts({ maxBodyBytes: 1024 }));
    await adapter.get(`${base}/chain/a`, opts());
    await adapter.get(`http://127.0.0.1:${await servers.closedPort()}/`, opts());
    await new Promise((r) => setTimeout(r, 100));
    const after = count();
    expect(after.TCPSocketWrap ?? 0).toBeLessThanOrEqual(before.TCPSocketWrap ?? 0);
    expect(after.Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
  });
});

describe('HTTP adapter: HTTPS', () => {
  let tlsPort = 0;
  const sni: (string | false)[] = [];
  beforeAll(async () => {
    tlsPort = await servers.https((req, res) => {
      sni.push((req.socket as unknown as { servername?: string | false }).servername ?? false);
      res.writeHead(200, { 'Content-Type': 'application/vnd.ms-cab-compressed' });
      res.end('MSCF');
    });
  });

  it('a self-signed certificate fails as the agent would fail: outcome tls', async () => {
    const r = await adapter.get(`https://127.0.0.1:${tlsPort}/selfupdate/wuident.cab`, opts());
    expect(r.outcome).toBe('tls');
    expect(r.message).toContain(`TLS (HTTPS) handshake with 127.0.0.1:${tlsPort} failed`);
    expect(r.message).toMatch(/self[- ]signed/i);
    expect(r.message).toContain("Node.js's bundled list");
  });

  it('with the certificate trusted, the name goes in SNI and the request succeeds', async () => {
    const mapped: Dialer = (_host, _port, o) => directDialer('127.0.0.1', tlsPort, o);
    const a = createHttpAdapter({ dialer: mapped, tls: { ca: [TEST_CERT], description: 'the test CA' } });
    sni.length = 0;
    const r = await a.get(`https://wsus.corp.example:8531/selfupdate/wuident.cab`, opts());
    expect(r.outcome).toBe('response');
    expect(r.status).toBe(200);
    expect(new TextDecoder().decode(r.body)).toBe('MSCF');
    expect(sni).toEqual(['wsus.corp.example']);
  });

  it('a certificate for another name fails with outcome tls', async () => {
    const mapped: Dialer = (_host, _port, o) => directDialer('127.0.0.1', tlsPort, o);
    const a = createHttpAdapter({ dialer: mapped, tls: { ca: [TEST_CERT], description: 'the test CA' } });
    const r = await a.get(`https://other.corp.example/`, opts());
    expect(r.outcome).toBe('tls');
    expect(r.message).toContain('the test CA');
  });

  it('https to a plain http port fails in the handshake', async () => {
    const r = await adapter.get(`https://127.0.0.1:${port}/`, opts());
    expect(['tls', 'reset']).toContain(r.outcome);
    expect(r.message).toContain('TLS (HTTPS) handshake');
  });

  it('a server that never completes the handshake: connect timeout', async () => {
    const silent = await servers.tcp(() => undefined);
    const started = performance.now();
    const r = await adapter.get(`https://127.0.0.1:${silent}/`, opts({ connectTimeoutMs: 300, totalTimeoutMs: 5000 }));
    expect(r.outcome).toBe('timeout');
    expect(r.message).toBe(`The TLS (HTTPS) handshake with 127.0.0.1:${silent} did not complete within 300 ms.`);
    expect(performance.now() - started).toBeLessThan(600);
  });
});

describe('HTTP adapter: proxy', () => {
  let proxyPort = 0;
  let tlsPort = 0;
  const proxied: { method: string; url: string; host: string | undefined }[] = [];
  const tunnels: string[] = [];

  beforeAll(async () => {
    tlsPort = await servers.https((_req, res) => res.end('through the tunnel'));
    proxyPort = await servers.http((req, res) => {
      proxied.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host });
      res.writeHead(200, { 'Content-Type': 'text/plain', Via: '1.1 test-proxy' });
      res.end('from the proxy');
    });
  });

  it('sends the absolute URI to the proxy for http and reports it', async () => {
    proxied.length = 0;
    const a = createHttpAdapter({ dialer: directDialer, proxy: { host: '127.0.0.1', port: proxyPort, bypass: '<local>' } });
    expect(a.route).toBe(`proxy 127.0.0.1:${proxyPort} (bypass: <local>)`);
    const r = await a.get('http://wsus.corp.example:8530/selfupdate/wuident.cab?x=1', opts());
    expect(r.outcome).toBe('response');
    expect(r.proxy).toBe(`127.0.0.1:${proxyPort}`);
    expect(r.headers.via).toBe('1.1 test-proxy');
    expect(proxied).toEqual([{ method: 'GET', url: 'http://wsus.corp.example:8530/selfupdate/wuident.cab?x=1', host: 'wsus.corp.example:8530' }]);
  });

  it('respects the bypass list', async () => {
    proxied.length = 0;
    seen.length = 0;
    const a = createHttpAdapter({ dialer: directDialer, proxy: { host: '127.0.0.1', port: proxyPort, bypass: '<local>;127.0.0.*' } });
    const r = await a.get(`${base}/hello`, opts());
    expect(r.outcome).toBe('response');
    expect(r.proxy).toBeUndefined();
    expect(proxied).toEqual([]);
    expect(seen.map((s) => s.url)).toEqual(['/hello']);
    // "<local>" covers a plain name: mapped to the local server by the dialer.
    const mapped: Dialer = (host, p, o) => directDialer(host === 'wsus' ? '127.0.0.1' : host, host === 'wsus' ? port : p, o);
    const b = createHttpAdapter({ dialer: mapped, proxy: { host: '127.0.0.1', port: proxyPort, bypass: '<local>' } });
    const r2 = await b.get('http://wsus:8530/hello', opts());
    expect(r2.proxy).toBeUndefined();
    expect(proxied).toEqual([]);
    expect(seen.at(-1)?.headers.host).toBe('wsus:8530');
  });

  it('a per-scheme proxy list without an https entry sends https direct', async () => {
    proxied.length = 0;
    const a = createHttpAdapter({
      dialer: directDialer,
      proxy: { host: '127.0.0.1', port: proxyPort, bypass: '', byScheme: { http: { host: '127.0.0.1', port: proxyPort }, https: null } },
    });
    const r = await a.get(`http://wsus.corp.example/x`, opts());
    expect(r.proxy).toBe(`127.0.0.1:${proxyPort}`);
    const s = await a.get(`https://127.0.0.1:${tlsPort}/`, opts());
    expect(s.proxy).toBeUndefined();
    expect(s.outcome).toBe('tls');
  });

  it('uses CONNECT for https through the proxy', async () => {
    const tunnelPort = await servers.tcp((client) => {
      let head = '';
      const onData = (d: Buffer): void => {
        head += d.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        client.off('data', onData);
        const target = /^CONNECT (\S+) HTTP/.exec(head)?.[1] ?? '';
        tunnels.push(target);
        if (target.startsWith('denied.')) {
          client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        const upstream = net.connect(tlsPort, '127.0.0.1', () => {
          client.write('HTTP/1.1 200 Connection established\r\n\r\n');
          upstream.pipe(client);
          client.pipe(upstream);
        });
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
      };
      client.on('data', onData);
    });
    const a = createHttpAdapter({ dialer: directDialer, proxy: { host: '127.0.0.1', port: tunnelPort, bypass: '' }, tls: { ca: [TEST_CERT] } });
    tunnels.length = 0;
    const r = await a.get('https://wsus.corp.example:8531/selfupdate/wuident.cab', opts());
    expect(r.outcome).toBe('response');
    expect(new TextDecoder().decode(r.body)).toBe('through the tunnel');
    expect(r.proxy).toBe(`127.0.0.1:${tunnelPort}`);
    expect(tunnels).toEqual(['wsus.corp.example:8531']);

    const denied = await a.get('https://denied.corp.example/', opts());
    expect(denied).toMatchObject({ outcome: 'response', status: 407, proxy: `127.0.0.1:${tunnelPort}` });
    expect(denied.headers['proxy-authenticate']).toBe('Negotiate');
    expect(denied.message).toContain('answered the tunnel (CONNECT) request');
  });

  it('an unreachable proxy is named in the message', async () => {
    const closed = await servers.closedPort();
    const a = createHttpAdapter({ dialer: directDialer, proxy: { host: '127.0.0.1', port: closed, bypass: '' } });
    const r = await a.get('http://wsus.corp.example:8530/', opts());
    expect(r.outcome).toBe('refused');
    expect(r.message).toContain(`the proxy 127.0.0.1:${closed} was refused`);
  });
});
