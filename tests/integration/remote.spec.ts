import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';

interface ReportCheck {
  id: string;
  status: string;
  summary: string;
}

async function report(path: string): Promise<Map<string, ReportCheck>> {
  const r = JSON.parse(await readFile(path, 'utf8')) as { checks: ReportCheck[] };
  return new Map(r.checks.map((c) => [c.id, c]));
}

/** A port on loopback that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('wsus-doctor emulate, then a remote check against it', () => {
  it('finds the 401 on SelfUpdate and names anonymous access as the cause', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wsus-remote-'));
    const emulator = spawn(process.execPath, [CLI, 'emulate', '--scenario', 'wsus-selfupdate-401', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        emulator.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        emulator.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
      });
      const out = join(dir, 'out.json');
      const r = await runCli(['check', '--role', 'remote', '--server', url, '--json', out]);
      expect(r.code).toBe(1);
      const checks = await report(out);
      expect(checks.get('http.selfupdate')!.status).toBe('fail');
      expect(checks.get('http.auth-mismatch')!.status).toBe('fail');
      expect(checks.get('http.selfupdate')!.summary).toMatch(/Anonymous authentication is turned off/);
      expect(checks.get('http.clientwebservice')!.status).toBe('pass');
    } finally {
      emulator.kill('SIGINT');
    }
    const code = await new Promise<number | null>((resolve) => emulator.once('exit', resolve));
    expect(code).toBe(0);
  });
});

describe('--server pointing at nothing useful', () => {
  it('a name that does not resolve fails net.dns and skips what depends on it', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'wsus-remote-')), 'dns.json');
    const r = await runCli(['check', '--server', 'http://no-such-wsus.invalid:8530', '--json', out, '--timeout', '4000']);
    expect(r.code).toBe(1);
    const checks = await report(out);
    expect(checks.get('net.dns')!.status).toBe('fail');
    expect(checks.get('http.selfupdate')!.status).toBe('skip');
    expect(checks.get('http.selfupdate')!.summary).toMatch(/net\.dns/);
  });

  it('a port nothing listens on fails net.tcp as "refused"', async () => {
    const port = await closedPort();
    const out = join(await mkdtemp(join(tmpdir(), 'wsus-remote-')), 'tcp.json');
    const r = await runCli(['check', '--server', `http://127.0.0.1:${port}`, '--json', out, '--timeout', '4000']);
    expect(r.code).toBe(1);
    const checks = await report(out);
    expect(checks.get('net.tcp')!.status).toBe('fail');
    expect(checks.get('net.tcp')!.summary).toMatch(/refused|nothing listens/i);
    expect(checks.get('http.selfupdate')!.status).toBe('skip');
  });
});

describe('wsus-doctor emulate refuses what it should', () => {
  it.each([
    [['emulate'], /--scenario/],
    [['emulate', '--scenario', 'wsus-selfupdate-401', '--host', '0.0.0.0'], /loopback/],
    [['emulate', '--scenario', 'wsus-selfupdate-401', '--port', '70000'], /port number/],
    [['emulate', '--scenario', 'nope'], /Unknown scenario/],
  ])('%j', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
