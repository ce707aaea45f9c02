import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulatedMachine } from '../../../main/adapters/simulated/machine.js';
import { logIis } from '../../../main/checks/server/log-iis.check.js';
import { runChecks } from '../../../main/engine/runner.js';
import { buildIisReport, type IisLogReport } from '../../../main/logs/iis/report.js';
import { scanIisFiles, type IisScanOptions } from '../../../main/logs/iis/scan-files.js';
import { scanIisFilesVia } from '../../../main/logs/iis/scan-via-files.js';
import { generateIisLog } from '../../../scripts/bench/gen-iis-log.js';
import { testScenario } from '../../helpers/machines.js';

const dir = mkdtempSync(join(tmpdir(), 'wsus-iis-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIELDS = '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
// the same requests with another field set: c-ip first, no referer, bytes added
const FIELDS_B = '#Fields: c-ip date time cs-method cs-uri-stem sc-status sc-substatus sc-win32-status sc-bytes time-taken';
const line = (t: string, stem: string, ip: string, st: string) => `2024-05-01 ${t} 10.0.0.5 GET ${stem} - 8530 - ${ip} Windows-Update-Agent/7.6 - ${st} 15`;
const lineB = (t: string, stem: string, ip: string, st: string) => `${ip} 2024-05-01 ${t} GET ${stem} ${st} 1234 15`;

let n = 0;
function file(content: string | Uint8Array, name?: string): string {
  const p = join(dir, name ?? `ex${String(240500 + n++).padStart(6, '0')}.log`);
  writeFileSync(p, content);
  return p;
}

async function scan(paths: string[], opts: IisScanOptions = {}): Promise<IisLogReport> {
  return buildIisReport(await scanIisFiles(paths, { threads: 1, ...opts }), opts.since ? { since: opts.since } : {});
}

const combo = (r: IisLogReport, group: string, status: string) => r.combos.find((c) => c.group === group && c.status === status)?.count ?? 0;

describe('IIS log scanner', () => {
  it('maps columns from the latest #Fields line when it changes mid-file', async () => {
    const text = [
      '#Software: Microsoft Internet Information Services 10.0',
      FIELDS,
      line('10:00:00', '/selfupdate/wuident.cab', '10.1.1.1', '200 0 0'),
      line('10:00:01', '/selfupdate/wuident.cab', '10.1.1.2', '404 0 2'),
      FIELDS_B,
      lineB('11:00:00', '/selfupdate/wuident.cab', '10.1.1.3', '401 2 5'),
      lineB('11:00:01', '/ClientWebService/client.asmx', '10.1.1.3', '503 0 0'),
      '',
    ].join('\n');
    const r = await scan([file(text)]);
    expect(r.files[0]!.layouts).toHaveLength(2);
    expect(combo(r, 'selfupdate', '200.0.0')).toBe(1);
    expect(combo(r, 'selfupdate', '404.0.2')).toBe(1);
    expect(combo(r, 'selfupdate', '401.2.5')).toBe(1);
    expect(combo(r, 'clientwebservice', '503.0.0')).toBe(1);
    expect(r.lines.unparseable).toBe(0);
    expect(r.topClients.map((c) => c.ip)).toContain('10.1.1.3');
    expect(r.period).toEqual({ first: '2024-05-01T10:00:00Z', last: '2024-05-01T11:00:01Z' });
  });

  it('gives the same counts for CRLF and LF line ends', async () => {
    const rows = [FIELDS, line('10:00:00', '/selfupdate/wuident.cab', '10.1.1.1', '200 0 0'), line('10:00:02', '/Content/AB/x.cab', '10.1.1.1', '404 0 2')];
    const lf = await scan([file(`${rows.join('\n')}\n`)]);
    const crlf = await scan([file(`${rows.join('\r\n')}\r\n`)]);
    expect(crlf.combos).toEqual(lf.combos);
    expect(crlf.lines).toEqual(lf.lines);
    expect(lf.lines.matched).toBe(2);
  });

  it('counts a truncated last line as unparseable and keeps the rest', async () => {
    const text = `${FIELDS}\n${line('10:00:00', '/selfupdate/wuident.cab', '10.1.1.1', '200 0 0')}\n2024-05-01 10:00:05 10.0.0.5 GET /selfupdate/wuident.cab - 8530 - 10.1.1.9 Windows-Upd`;
    const r = await scan([file(text)]);
    expect(r.lines.matched).toBe(1);
    expect(r.lines.unparseable).toBe(1);
    expect(r.files[0]!.endsWithNewline).toBe(false);
    expect(r.unparseableSamples[0]!.text).toContain('10.1.1.9');
  });

  it('survives binary garbage: counts and samples it, never fails', async () => {
    const garbage = new Uint8Array(20000);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) & 0xff;
    const good = new TextEncoder().encode(`${FIELDS}\n${line('10:00:00', '/selfupdate/wuident.cab', '10.1.1.1', '401 2 5')}\n`);
    const r = await scan([file(new Uint8Array([...good, ...garbage, 10, ...good.subarray(FIELDS.length + 1)]))]);
    expect(combo(r, 'selfupdate', '401.2.5')).toBe(2);
    expect(r.lines.unparseable).toBeGreaterThan(0);
    expect(r.unparseableSamples.length).toBeGreaterThan(0);
    expect(r.unparseableSamples.every((s) => [...s.text].every((ch) => ch.charCodeAt(0) >= 0x20))).toBe(true);
  });

  it('reads a 0-byte file as empty, with a clear verdict', async () => {
    const r = await scan([file('')]);
    expect(r.lines.total).toBe(0);
    expect(r.verdict.status).toBe('info');
    expect(r.verdict.summary.en).toMatch(/no requests/);
  });

  it('skips a line longer than 64 KiB (counted) and reads the lines after it', async () => {
    const huge = `2024-05-01 10:00:00 10.0.0.5 GET /selfupdate/${'a'.repeat(200_000)} - 8530 - 10.1.1.1 X - 200 0 0 1`;
    const text = `${FIELDS}\n${huge}\n${line('10:00:01', '/selfupdate/wuident.cab', '10.1.1.2', '404 3 50')}\n`;
    const r = await scan([file(text)]);
    expect(r.lines.tooLong).toBe(1);
    expect(combo(r, 'selfupdate', '404.3.50')).toBe(1);
    expect(r.findings.find((f) => f.kind === 'mime-missing')?.explanation.en).toMatch(/MIME/);
  });

  it('refuses UTF-16 files with a reason instead of reading garbage', async () => {
    const r = await scan([file(new Uint8Array([0xff, 0xfe, 0x23, 0x00, 0x46, 0x00]))]);
    expect(r.files[0]!.problem).toMatch(/UTF-16/);
    expect(r.verdict.status).toBe('info');
  });

  it('explains anonymous access turned off, repeated 401s and a stopped app pool, and who still fails', async () => {
    const rows = [FIELDS];
    for (let i = 0; i < 5; i++) rows.push(line(`10:0${i}:00`, '/selfupdate/wuident.cab', '10.2.0.1', '401 2 5'));
    rows.push(line('10:00:00', '/selfupdate/wuident.cab', '10.2.0.2', '401 0 0'), line('10:00:01', '/selfupdate/wuident.cab', '10.2.0.2', '200 0 0'));
    rows.push(line('10:00:00', '/ClientWebService/client.asmx', '10.2.0.3', '503 0 0'), line('10:30:00', '/ClientWebService/client.asmx', '10.2.0.3', '503 0 0'));
    const r = await scan([file(`${rows.join('\n')}\n`)]);
    expect(r.verdict.status).toBe('fail');
    const kinds = r.findings.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['anonymous-off', 'repeated-401', 'app-pool-down']));
    expect(r.findings.find((f) => f.kind === 'anonymous-off')!.explanation.ja).toMatch(/匿名認証/);
    // the 401 followed by a 200 is a handshake, not a failing client
    const c2 = r.topClients.find((c) => c.ip === '10.2.0.2');
    expect(c2?.stillFailing ?? false).toBe(false);
    expect(r.topClients[0]).toMatchObject({ ip: '10.2.0.1', stillFailing: true, kind: 'repeated-401' });
    expect(r.clients.stillFailingWebService).toBe(1);
    expect(r.failuresSince).toBe('2024-05-01T10:00Z');
  });

  it('says the problem is over when every client later succeeded (warn)', async () => {
    const rows = [FIELDS, line('09:00:00', '/selfupdate/wuident.cab', '10.3.0.1', '404 0 2'), line('12:00:00', '/selfupdate/wuident.cab', '10.3.0.1', '200 0 0')];
    const r = await scan([file(`${rows.join('\n')}\n`)]);
    expect(r.verdict.status).toBe('warn');
  });

  it('applies --since to the requests', async () => {
    const rows = [FIELDS, line('09:00:00', '/selfupdate/wuident.cab', '10.3.0.1', '404 0 2'), line('12:00:00', '/selfupdate/wuident.cab', '10.3.0.1', '200 0 0')];
    const r = await scan([file(`${rows.join('\n')}\n`)], { since: new Date('2024-05-01T10:00:00Z') });
    expect(r.lines.beforeSince).toBe(1);
    expect(r.lines.matched).toBe(1);
    expect(r.verdict.status).toBe('pass');
  });

  it('gives exactly the sequential counts when split over threads, across a field change', async () => {
    const p = join(dir, 'big.log');
    generateIisLog({ sizeBytes: 6 * 1024 * 1024, out: p, clients: 300 });
    const one = await scan([p], { threads: 1 });
    const raw = await scanIisFiles([p], { threads: 2, rangeBytes: 1024 * 1024 });
    const two = buildIisReport(raw);
    expect(raw.threads).toBe(2);
    expect(one.files[0]!.layouts.length).toBe(2);
    expect(two.combos).toEqual(one.combos);
    expect(two.lines).toEqual(one.lines);
    expect(two.topClients).toEqual(one.topClients);
    expect(two.hours).toEqual(one.hours);
  });

  it('reads the same through a machine file adapter in chunks', async () => {
    const text = `${FIELDS}\r\n${line('10:00:00', '/selfupdate/wuident.cab', '10.1.1.1', '401 2 5')}\r\n${line('10:00:01', '/iuident.cab', '10.1.1.2', '200 0 0')}\r\n`;
    const p = file(text);
    const machine = createSimulatedMachine(testScenario({ files: { 'C:\\logs\\ex240501.log': { text } } }));
    const via = buildIisReport(await scanIisFilesVia(machine.files, [{ path: 'C:\\logs\\ex240501.log', size: text.length }]));
    const direct = await scan([p]);
    expect(via.combos).toEqual(direct.combos);
    expect(via.lines).toEqual(direct.lines);
  });
});

describe('server.log.iis', () => {
  const setupKey = 'HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup';
  function serverMachine(files: Record<string, { text: string }>, siteIndex = 3) {
    const scenario = testScenario({
      registry: { [setupKey]: { TargetDir: { type: 'REG_SZ', data: 'C:\\Program Files\\Update Services' }, IISTargetWebsiteIndex: { type: 'REG_DWORD', data: siteIndex } } },
      files,
    });
    return createSimulatedMachine(scenario);
  }
  const run = async (machine: ReturnType<typeof serverMachine>) =>
    (await runChecks({ role: 'server', machine, implementations: [logIis], timeoutMs: 10_000 })).results.find((r) => r.id === 'server.log.iis')!;

  it('finds the W3SVC<IISTargetWebsiteIndex> folder, fails on 401.2 and shows the clients and the hours', async () => {
    const rows = [FIELDS];
    for (let i = 0; i < 4; i++) rows.push(line(`1${i}:00:00`, '/selfupdate/wuident.cab', `10.9.0.${i + 1}`, '401 2 5'));
    const r = await run(serverMachine({ 'C:\\inetpub\\logs\\LogFiles\\W3SVC3\\u_ex240501.log': { text: `${rows.join('\r\n')}\r\n` } }));
    expect(r.status).toBe('fail');
    expect(r.summary.en).toMatch(/anonymous/i);
    const table = r.evidence.find((e) => e.table);
    expect(table?.table?.rows).toHaveLength(4);
    const series = r.evidence.find((e) => e.series);
    expect(series?.series?.points.map((p) => p.value)).toEqual([1, 1, 1, 1]);
  });

  it('says plainly when there are no logs', async () => {
    const r = await run(serverMachine({}));
    expect(r.status).toBe('info');
    expect(r.summary.en).toMatch(/No IIS log files/);
  });
});
