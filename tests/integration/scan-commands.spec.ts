// `wsus-doctor scan-iis-log` and `scan-wu-log` run as a user would run them (the bundled command line).
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'wsus-scan-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const WU_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'wu-logs');

const FIELDS = '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const site = join(dir, 'W3SVC1');
mkdirSync(site);
writeFileSync(
  join(site, 'u_ex240501.log'),
  [FIELDS, ...[1, 2, 3].map((i) => `2024-05-01 10:0${i}:00 10.0.0.5 GET /selfupdate/wuident.cab - 8530 - 10.5.0.${i} WUA - 401 2 5 15`), 'garbage \u0001\u0002 line', ''].join('\r\n'),
);
writeFileSync(join(site, 'u_ex240502.log'), '');
writeFileSync(join(site, 'notes.txt'), 'not a log');

describe('wsus-doctor scan-iis-log', () => {
  it('reads a log folder, explains the failures, lists the clients and writes JSON (exit 1 on failure)', async () => {
    const json = join(dir, 'iis.json');
    const r = await runCli(['scan-iis-log', site, '--json', json, '--lang', 'en']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/401\.2: IIS refused anonymous requests/);
    expect(r.stdout).toMatch(/10\.5\.0\.3 .*STILL FAILING/);
    expect(r.stdout).toMatch(/unparseable 1/);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    expect(out).toMatchObject({ kind: 'iis-log-scan', schemaVersion: 1, verdict: { status: 'fail' } });
    expect(out.files).toHaveLength(2);
    expect(out.topClients).toHaveLength(3);
    expect(out.combos).toEqual([expect.objectContaining({ group: 'selfupdate', status: '401.2.5', count: 3 })]);
  });

  it('answers in Japanese and filters with --since', async () => {
    const r = await runCli(['scan-iis-log', site, '--since', '2024-05-01T10:02', '--lang', 'ja']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('匿名認証');
    expect(r.stdout).toContain('2024-05-01T10:02:00.000Z');
  });

  it('reads an empty file as nothing to report (exit 0)', async () => {
    const r = await runCli(['scan-iis-log', join(site, 'u_ex240502.log'), '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no requests/);
  });

  it.each([
    [['scan-iis-log'], /needs at least one log file/],
    [['scan-iis-log', join(dir, 'missing')], /not found/],
    [['scan-iis-log', site, '--since', 'yesterday'], /--since must be an ISO date/],
    [['scan-iis-log', site, '--threads', '99'], /--threads/],
  ])('rejects bad input with one clear line and exit 2: %j', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.cjs/);
  });
});

describe('wsus-doctor scan-wu-log', () => {
  it('finds the failed self-update in the real legacy log (404 → 0x80244019) and writes JSON', async () => {
    const json = join(dir, 'wu.json');
    const r = await runCli(['scan-wu-log', join(WU_FIXTURES, 'wu-01.log'), '--json', json, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/0x80244019 \(WU_E_PT_HTTP_STATUS_NOT_FOUND\)/);
    expect(r.stdout).toContain('http://colossus:8530');
    const out = JSON.parse(readFileSync(json, 'utf8'));
    expect(out).toMatchObject({ kind: 'wu-log-scan', status: 'fail', currentServer: 'http://colossus:8530' });
  });

  it('reports a healthy Windows 10 log as such (exit 0) and compares it with --server', async () => {
    const r = await runCli(['scan-wu-log', join(WU_FIXTURES, 'wu10-01.log'), '--server', 'https://SCCM01D.firm.saulewing.net:8531', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS/);
  });

  it('survives garbage and rejects folders and missing files', async () => {
    const junk = join(dir, 'junk.log');
    writeFileSync(junk, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff)));
    const g = await runCli(['scan-wu-log', junk]);
    expect(g.code).toBe(0);
    expect((await runCli(['scan-wu-log', dir])).stderr).toMatch(/is a folder/);
    expect((await runCli(['scan-wu-log', join(dir, 'nope.log')])).code).toBe(2);
  });
});
