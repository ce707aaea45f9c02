import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeFault, runEmulateCommand } from '../../../main/emulator/emulate-main.js';
import { EmulatedServerSchema } from '../../../main/emulator/server-spec.js';
import { failureOf, fetch, sleep } from './request.js';

async function waitFor(lines: string[], pattern: RegExp): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const hit = lines.find((l) => pattern.test(l));
    if (hit) return hit;
    await sleep(10);
  }
  throw new Error(`no line matching ${pattern} in:\n${lines.join('\n')}`);
}

describe('wsus-doctor emulate', () => {
  it('prints the URLs, logs requests, and stops with 0 when aborted', async () => {
    const lines: string[] = [];
    const controller = new AbortController();
    const spec = EmulatedServerSchema.parse({ wsus: { paths: { '/selfupdate': { kind: 'windows-auth' } } } });
    const run = runEmulateCommand({ spec, scenarioName: 'wsus-selfupdate-401', host: '127.0.0.1', port: 0, out: (l) => lines.push(l), signal: controller.signal });

    const banner = await waitFor(lines, /^WSUS emulator for scenario/);
    const m = /^WSUS emulator for scenario wsus-selfupdate-401: (http:\/\/127\.0\.0\.1:(\d+)) \(port-80 site: (http:\/\/127\.0\.0\.1:\d+)\)$/.exec(banner);
    expect(m).not.toBeNull();
    await waitFor(lines, /^Press Ctrl\+C to stop\.$/);
    expect(lines).toContain('  WSUS site, /selfupdate: 401.2 Windows authentication only (WWW-Authenticate: Negotiate, NTLM)');

    const r = await fetch(`${m![1]}/selfupdate/wuident.cab`);
    expect(r.status).toBe(401);
    await waitFor(lines, / GET \/selfupdate\/wuident\.cab 401 2 5 \d+$/);
    expect((await fetch(`${m![3]}/selfupdate/wuident.cab`)).status).toBe(200);

    controller.abort();
    expect(await run).toBe(0);
    expect(await failureOf(`${m![1]}/`)).toBe('ECONNREFUSED');
  });

  it('says "none" when nothing listens on port 80, and honours the ports asked for', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const lines: string[] = [];
    const controller = new AbortController();
    const run = runEmulateCommand({
      spec: EmulatedServerSchema.parse({ wsus: { all: { kind: 'status', status: 503 } }, port80: null }),
      scenarioName: 'server-apppool-stopped',
      host: '127.0.0.1',
      port,
      out: (l) => lines.push(l),
      signal: controller.signal,
    });
    await waitFor(lines, /^Press Ctrl\+C/);
    expect(lines[0]).toBe(`WSUS emulator for scenario server-apppool-stopped: http://127.0.0.1:${port} (port-80 site: none)`);
    expect(lines).toContain('  WSUS site, every path: HTTP 503 (application pool stopped)');
    controller.abort();
    expect(await run).toBe(0);
  });

  it('returns 2 with a message when it cannot start', async () => {
    const lines: string[] = [];
    const code = await runEmulateCommand({
      spec: EmulatedServerSchema.parse({}),
      scenarioName: 'x',
      host: '192.168.1.10',
      port: 0,
      out: (l) => lines.push(l),
      signal: new AbortController().signal,
    });
    expect(code).toBe(2);
    expect(lines.join('\n')).toMatch(/^Cannot start the WSUS emulator: .*loopback/);
  });

  it('stops at once when the signal is already aborted', async () => {
    const lines: string[] = [];
    const code = await runEmulateCommand({ spec: EmulatedServerSchema.parse({}), scenarioName: 'x', host: '127.0.0.1', port: 0, out: (l) => lines.push(l), signal: AbortSignal.abort() });
    expect(code).toBe(0);
    expect(lines).toContain('  no faults: answers as a healthy WSUS server');
  });

  it('describes every fault kind in one line', () => {
    const kinds = [
      { kind: 'status', status: 404 },
      { kind: 'windows-auth' },
      { kind: 'html' },
      { kind: 'truncated-cab' },
      { kind: 'corrupt-cab', variant: 'size-mismatch' },
      { kind: 'redirect-loop' },
      { kind: 'hang' },
      { kind: 'trickle' },
      { kind: 'reset' },
      { kind: 'huge-body' },
    ];
    const spec = EmulatedServerSchema.parse({ wsus: { paths: Object.fromEntries(kinds.map((k, i) => [`/p${i}`, k])) } });
    for (const fault of Object.values(spec.wsus.paths)) expect(describeFault(fault)).toMatch(/^\S.*\S$/);
    expect(describeFault(spec.wsus.paths['/p7']!)).toBe('answers one byte every 200 ms');
  });
});
