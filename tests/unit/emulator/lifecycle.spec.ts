import { request } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { emulatorUrl, isLoopbackHost, startEmulator } from '../../../main/emulator/emulator.js';
import { EmulatedServerSchema } from '../../../main/emulator/server-spec.js';
import { failureOf, fetch, raw, sleep } from './request.js';

const healthy = EmulatedServerSchema.parse({});

function timeouts(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

describe('emulator lifecycle', () => {
  it('with port80 null nothing listens for the port-80 site', async () => {
    const free = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    const e = await startEmulator(EmulatedServerSchema.parse({ port80: null }), { port80Port: free });
    try {
      expect(e.port80Port).toBeNull();
      expect(await failureOf(`http://127.0.0.1:${free}/selfupdate/wuident.cab`)).toBe('ECONNREFUSED');
      expect((await fetch(`${e.wsusUrl}/selfupdate/wuident.cab`)).status).toBe(200);
    } finally {
      await e.close();
    }
  });

  it.each(['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'wsus01.corp.example', '', '128.0.0.1'])('refuses the non-loopback host %j', async (host) => {
    await expect(startEmulator(healthy, { host })).rejects.toThrow(/loopback/);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['::ffff:10.0.0.1', false],
    ['0.0.0.0', false],
    ['::', false],
    ['1.2.3.4', false],
    ['example.com', false],
  ])('isLoopbackHost(%j) is %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('listens on ::1 when asked and puts brackets in the URL', async () => {
    let e;
    try {
      e = await startEmulator(healthy, { host: '::1' });
    } catch {
      return; // no IPv6 loopback on this machine
    }
    try {
      expect(e.wsusUrl).toBe(`http://[::1]:${e.wsusPort}`);
      expect((await fetch(`${e.wsusUrl}/selfupdate/wuident.cab`)).status).toBe(200);
    } finally {
      await e.close();
    }
  });

  it('allows a non-loopback address only when told to', async () => {
    const e = await startEmulator(healthy, { host: '0.0.0.0', allowNonLoopback: true, port80Port: 0 });
    try {
      expect((await fetch(`http://127.0.0.1:${e.wsusPort}/`)).status).toBe(200);
    } finally {
      await e.close();
    }
  });

  it('fails clearly when the port is taken, and leaves nothing listening', async () => {
    const first = await startEmulator(healthy);
    try {
      await expect(startEmulator(healthy, { wsusPort: first.port80Port! })).rejects.toThrow(/already in use/);
      await expect(startEmulator(healthy, { port80Port: first.wsusPort })).rejects.toThrow(/port-80 site.*already in use/);
    } finally {
      await first.close();
    }
  });

  it('close() ends within 1 s with hung, trickling and endless connections open, and leaves no timers', async () => {
    const timersBefore = timeouts();
    const e = await startEmulator(
      EmulatedServerSchema.parse({
        wsus: {
          paths: {
            '/hang': { kind: 'hang' },
            '/trickle': { kind: 'trickle', intervalMs: 50 },
            '/huge': { kind: 'huge-body' },
          },
        },
        port80: { all: { kind: 'hang' } },
      }),
    );
    const hung = await raw(e.wsusPort, 'GET /hang HTTP/1.1\r\nHost: x\r\n\r\n');
    const hung80 = await raw(e.port80Port!, 'GET /selfupdate/wuident.cab HTTP/1.1\r\nHost: x\r\n\r\n');
    const trickling = await raw(e.wsusPort, 'GET /trickle HTTP/1.1\r\nHost: x\r\n\r\n');
    const idle = await raw(e.wsusPort, '');
    // an endless body the client does not read: the server is blocked on backpressure
    const huge = request(`${e.wsusUrl}/huge`, { agent: false });
    huge.on('error', () => {});
    const gotHuge = new Promise<void>((resolve) => huge.on('response', (res) => { res.pause(); resolve(); }));
    huge.end();
    await gotHuge;
    await sleep(200);
    expect(trickling.chunks.length).toBeGreaterThan(1);

    const started = performance.now();
    await e.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await Promise.all([hung.closed, hung80.closed, trickling.closed, idle.closed]);
    await e.close(); // twice is fine

    expect(await failureOf(`${e.wsusUrl}/`)).toBe('ECONNREFUSED');
    await sleep(20);
    expect(timeouts()).toBeLessThanOrEqual(timersBefore);
  });

  it('formats URLs', () => {
    expect(emulatorUrl('127.0.0.1', 8530)).toBe('http://127.0.0.1:8530');
    expect(emulatorUrl('::1', 80)).toBe('http://[::1]:80');
  });
});
