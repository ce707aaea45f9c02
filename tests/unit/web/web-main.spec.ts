// `npm run web`: its arguments, its one-line refusals, the printed address, and the bundle as built
// by scripts/build-web.mjs, run as a user would, stopped with Ctrl+C (SIGINT).
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWebArgs, startWeb, type WebIo } from '../../../main/web/web-main.js';
import { INDEX_HTML, makeStaticDir } from './web-helpers.js';

const root = join(import.meta.dirname, '..', '..', '..');

function capture(): WebIo & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => void outLines.push(l), err: (l) => void errLines.push(l) };
}

describe('parseWebArgs', () => {
  it('reads --scenario and --port, in both spellings', () => {
    expect(parseWebArgs([])).toEqual({ port: 0, help: false });
    expect(parseWebArgs(['--scenario', 'client-healthy', '--port', '8080'])).toEqual({ scenario: 'client-healthy', port: 8080, help: false });
    expect(parseWebArgs(['--scenario=client-healthy', '--port=0'])).toEqual({ scenario: 'client-healthy', port: 0, help: false });
  });

  it.each([[['--port', '70000']], [['--port', 'abc']], [['--port']], [['--scenario']], [['--scenario', '--port', '1']], [['--fast']], [['extra']]])('refuses %j', (argv) => {
    expect(() => parseWebArgs(argv)).toThrow();
  });
});

describe('startWeb', () => {
  let staticDir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ staticDir, cleanup } = await makeStaticDir());
  });
  afterAll(() => cleanup());

  it('prints the address with the token, and &scenario=NAME when asked', async () => {
    const io = capture();
    const started = await startWeb(['--scenario', 'client-misspelled-policy'], io, { staticDir });
    if (!('harness' in started)) throw new Error(`did not start: ${io.errLines.join(' ')}`);
    try {
      expect(io.errLines).toEqual([]);
      expect(io.outLines).toEqual([`WSUS Self-Update Doctor web harness: ${started.url}`]);
      expect(started.url).toBe(`http://127.0.0.1:${started.harness.port}/#token=${started.harness.token}&scenario=client-misspelled-policy`);
      expect(await (await fetch(started.url)).text()).toBe(INDEX_HTML);
    } finally {
      await started.harness.close();
    }
  });

  it('an unknown scenario: one clear line, exit code 2, nothing started', async () => {
    const io = capture();
    expect(await startWeb(['--scenario', 'client-nope'], io, { staticDir })).toEqual({ code: 2 });
    expect(io.errLines).toHaveLength(1);
    expect(io.errLines[0]).toMatch(/^wsus-doctor web: unknown scenario "client-nope"\. Built-in scenarios: .*client-healthy/);
    expect(io.outLines).toEqual([]);
  });

  it('no built renderer: says to run npm run build:renderer, exit code 2', async () => {
    const io = capture();
    expect(await startWeb([], io, { staticDir: join(staticDir, 'assets') })).toEqual({ code: 2 });
    expect(io.errLines).toHaveLength(1);
    expect(io.errLines[0]).toMatch(/npm run build:renderer/);
  });

  it('bad arguments and a busy port: one line, exit code 2', async () => {
    const io = capture();
    expect(await startWeb(['--port', 'x'], io, { staticDir })).toEqual({ code: 2 });
    const first = await startWeb([], capture(), { staticDir });
    if (!('harness' in first)) throw new Error('did not start');
    try {
      expect(await startWeb(['--port', String(first.harness.port)], io, { staticDir })).toEqual({ code: 2 });
      expect(io.errLines).toHaveLength(2);
      expect(io.errLines[1]).toMatch(/port \d+ is in use/);
    } finally {
      await first.harness.close();
    }
    const help = capture();
    expect(await startWeb(['--help'], help, { staticDir })).toEqual({ code: 0 });
    expect(help.outLines.join('\n')).toMatch(/--scenario NAME/);
  });
});

describe('the bundle (scripts/build-web.mjs)', () => {
  let dir: string;
  beforeAll(async () => {
    // <dir>/web/web-harness.cjs with <dir>/renderer beside it, as dist/web and dist/renderer
    dir = await mkdtemp(join(tmpdir(), 'wsus-doctor-web-bundle-'));
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, [join(root, 'scripts', 'build-web.mjs'), '--out', join(dir, 'web')], (e) => (e ? reject(e) : resolve())),
    );
    const { staticDir, cleanup } = await makeStaticDir();
    await mkdir(join(dir, 'renderer'));
    await cp(staticDir, join(dir, 'renderer'), { recursive: true });
    await cleanup();
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the renderer beside it, runs a scenario, and stops cleanly on Ctrl+C', async () => {
    const child = spawn(process.execPath, [join(dir, 'web', 'web-harness.cjs'), '--scenario', 'client-misspelled-policy'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          stdout += c.toString();
          const m = /^WSUS Self-Update Doctor web harness: (\S+)$/m.exec(stdout);
          if (m) resolve(m[1]!);
        });
        void exited.then(() => reject(new Error(`exited early: ${stderr}`)));
      });
      const fragment = new URLSearchParams(new URL(url).hash.slice(1));
      expect(fragment.get('scenario')).toBe('client-misspelled-policy');
      const token = fragment.get('token')!;
      expect(await (await fetch(url)).text()).toBe(INDEX_HTML);
      const res = await fetch(new URL('/api/startSession', url), {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ args: [{ scenario: 'client-misspelled-policy' }] }),
      });
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);

      const stopAt = Date.now();
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(Date.now() - stopAt).toBeLessThan(3_000);
      expect(stdout).toMatch(/Stopped\.\n$/);
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('an unknown scenario exits 2 with one line', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [join(dir, 'web', 'web-harness.cjs'), '--scenario', 'nope-nope'], (e, _out, stderr) =>
        resolve({ code: e ? ((e as { code?: number }).code ?? null) : 0, stderr }),
      );
      child.stdin?.end();
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/unknown scenario "nope-nope"/);
  });
});
