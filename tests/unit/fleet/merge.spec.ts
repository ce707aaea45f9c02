import { rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fleetCsvChunks } from '../../../main/fleet/fleet-csv.js';
import { mergeReports } from '../../../main/fleet/merge-reports.js';
import { MAX_REPORT_BYTES, readReportFile } from '../../../main/fleet/read-report-file.js';
import { failingChecks } from '../../../main/fleet/machine-row.js';
import { freshDir, machineReport, writeReport } from './fleet-fixture.js';

const dirs: string[] = [];
function dir(name: string): string {
  const d = freshDir(name);
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const W1 = 'http://wsus01.corp.example:8530';
const W2 = 'https://wsus02.corp.example:8531';

describe('mergeReports: the fleet summary', () => {
  it('counts pass/warn/fail per check, lists failing machines, root causes and machines per WSUS server', async () => {
    const d = dir('basic');
    writeReport(d, 'PC-1.json', machineReport({ name: 'PC-1', wsusUrl: W1 })); // fixture: policy fails, log fails, http error
    writeReport(d, 'PC-2.json', machineReport({ name: 'PC-2', wsusUrl: W1, healthy: true }));
    writeReport(d, 'PC-3.json', machineReport({ name: 'PC-3', wsusUrl: W2, healthy: true, statuses: { 'net.dns': 'fail', 'http.selfupdate': 'fail' } }));
    writeReport(d, 'PC-4.json', machineReport({ name: 'PC-4', wsusUrl: W2, healthy: true, statuses: { 'net.dns': 'fail' } }));
    writeReport(d, 'PC-5.json', machineReport({ name: 'PC-5', healthy: true, statuses: { 'client.policy.usewuserver': 'warn' } }));

    const s = await mergeReports([d]);
    expect(s.rows.map((r) => r.name)).toEqual(['PC-1', 'PC-2', 'PC-3', 'PC-4', 'PC-5']);
    expect(s.healthy).toBe(2);
    expect(s.skipped).toEqual([]);

    const dns = s.checks.find((c) => c.id === 'net.dns')!;
    expect(dns.counts).toMatchObject({ pass: 3, fail: 2, warn: 0 });
    expect(dns.failing).toEqual(['PC-3', 'PC-4']);
    const use = s.checks.find((c) => c.id === 'client.policy.usewuserver')!;
    expect(use.counts).toMatchObject({ pass: 3, warn: 2 });
    expect(use.failing).toEqual([]);
    // http.selfupdate: PC-1 could not run it (error) and PC-3 failed it: both are "failing"
    expect(s.checks.find((c) => c.id === 'http.selfupdate')!.failing).toEqual(['PC-1', 'PC-3']);
    // checks that no report has are not listed
    expect(s.checks.some((c) => c.id.startsWith('server.'))).toBe(false);

    // Root cause: the first failing check in flowchart order (DNS before the HTTP checks).
    expect(s.rootCauses).toEqual([
      { id: 'net.dns', machines: ['PC-3', 'PC-4'] },
      { id: 'client.policy.wuserver', machines: ['PC-1'] },
    ]);
    expect(s.rows.find((r) => r.name === 'PC-3')!.rootCause).toBe('net.dns');
    expect(failingChecks(s.rows.find((r) => r.name === 'PC-3')!)).toEqual(['net.dns', 'http.selfupdate']);

    expect(s.servers).toEqual([
      { url: W1, machines: ['PC-1', 'PC-2'], failing: 1 },
      { url: W2, machines: ['PC-3', 'PC-4'], failing: 2 },
      { url: '', machines: ['PC-5'], failing: 0 },
    ]);
  });

  it('gives the same result whatever the number of files read at once', async () => {
    const d = dir('concurrency');
    for (let i = 0; i < 40; i++) writeReport(d, `M${i}.json`, machineReport({ name: `M${i}`, wsusUrl: i % 2 ? W1 : W2, healthy: i % 3 === 0 }));
    const one = await mergeReports([d], { concurrency: 1, now: new Date(0) });
    const many = await mergeReports([d], { concurrency: 16, now: new Date(0) });
    expect(many).toEqual(one);
    expect(one.rows).toHaveLength(40);
    expect(one.healthy).toBe(14);
  });
});

describe('mergeReports: files that are not reports are skipped and listed, never fatal', () => {
  it('skips foreign JSON, truncated JSON, another schema version, an empty file and a missing path', async () => {
    const d = dir('foreign');
    const good = machineReport({ name: 'GOOD', wsusUrl: W1 });
    writeReport(d, 'GOOD.json', good);
    writeReport(d, 'other-tool.json', JSON.stringify({ name: 'inventory', items: [1, 2] }));
    writeReport(d, 'array.json', '[1,2,3]');
    writeReport(d, 'truncated.json', JSON.stringify(good).slice(0, 400));
    writeReport(d, 'v7.json', JSON.stringify({ ...good, schemaVersion: 7 }));
    writeReport(d, 'bad-status.json', JSON.stringify({ ...good, checks: [{ ...good.checks[0], status: 'exploded' }] }));
    writeReport(d, 'empty.json', '');
    writeReport(d, 'notes.txt', 'not even looked at');
    writeReport(d, 'bom.json', `\uFEFF${JSON.stringify(machineReport({ name: 'BOM' }))}`);

    const s = await mergeReports([d, join(d, 'nope.json'), join(d, 'no-such-folder')]);
    expect(s.rows.map((r) => r.name)).toEqual(['BOM', 'GOOD']);
    const reasons = Object.fromEntries(s.skipped.map((f) => [f.file.split(/[\\/]/).pop(), f.reason.en]));
    expect(Object.keys(reasons).sort()).toEqual(['array.json', 'bad-status.json', 'empty.json', 'no-such-folder', 'nope.json', 'other-tool.json', 'truncated.json', 'v7.json']);
    expect(reasons['other-tool.json']).toMatch(/not a WSUS Self-Update Doctor report/);
    expect(reasons['array.json']).toMatch(/not a WSUS Self-Update Doctor report/);
    expect(reasons['truncated.json']).toMatch(/not valid JSON/);
    expect(reasons['v7.json']).toMatch(/schema version 7 is not supported/);
    expect(reasons['bad-status.json']).toMatch(/does not match the report schema \(checks\.0\.status/);
    expect(reasons['empty.json']).toBe('empty file');
    expect(reasons['nope.json']).toBe('no such file or folder');
    expect(s.skipped.every((f) => f.reason.ja.length > 0)).toBe(true);
  });

  it('skips a file larger than the limit without reading it', async () => {
    const d = dir('huge');
    const huge = join(d, 'huge.json');
    writeFileSync(huge, '{"schemaVersion":1,');
    truncateSync(huge, MAX_REPORT_BYTES + 1); // sparse: large on paper, nothing to read
    const outcome = await readReportFile(huge);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reason.en).toMatch(/too large for a report \(4\.0 MiB; the limit is 4\.0 MiB\)/);

    const small = writeReport(d, 'small.json', machineReport({ name: 'SMALL' }));
    const limited = await readReportFile(small, 1000);
    expect(limited.ok).toBe(false);
    expect((await readReportFile(small)).ok).toBe(true);
  });
});

describe('mergeReports: the same machine twice', () => {
  it('keeps the newest report of a machine (names compared without case) and lists the older one', async () => {
    const d = dir('dupes');
    const old = writeReport(d, 'pc-7-old.json', machineReport({ name: 'pc-7', startedAt: '2026-11-01T08:00:00.000Z' }));
    const fresh = writeReport(d, 'PC-7.json', machineReport({ name: 'PC-7', healthy: true, startedAt: '2026-11-20T08:00:00.000Z' }));
    writeReport(d, 'PC-7-other-domain.json', machineReport({ name: 'PC-7', domain: 'lab.example', startedAt: '2026-11-02T08:00:00.000Z' }));

    const s = await mergeReports([d]);
    expect(s.rows).toHaveLength(2);
    const corp = s.rows.find((r) => r.domain === 'corp.example')!;
    expect(corp.file).toBe(fresh);
    expect(corp.rootCause).toBeNull();
    expect(s.superseded).toEqual([{ file: old, machine: 'pc-7', startedAt: '2026-11-01T08:00:00.000Z', keptFile: fresh }]);
    // the older report's failures are not counted
    expect(s.checks.find((c) => c.id === 'client.policy.wuserver')!.failing).toEqual(['PC-7']);
    expect(s.rows.find((r) => r.domain === 'lab.example')!.rootCause).toBe('client.policy.wuserver');
  });

  it('does not merge the same file given twice into two machines', async () => {
    const d = dir('twice');
    const f = writeReport(d, 'PC-9.json', machineReport({ name: 'PC-9' }));
    const s = await mergeReports([f, d]);
    expect(s.rows).toHaveLength(1);
    expect(s.superseded).toHaveLength(1);
  });
});

describe('fleetCsv', () => {
  it('writes one row per machine and turns cells that start with = + - @ into text', async () => {
    const d = dir('csv');
    writeReport(d, 'a.json', machineReport({ name: '=HYPERLINK("http://evil.example","x")', domain: '@SUM(1+1)', os: '+cmd|calc', wsusUrl: W1 }));
    writeReport(d, 'b.json', machineReport({ name: '-2+3', domain: 'corp,example', os: 'Windows "10"', healthy: true }));
    const csv = [...fleetCsvChunks(await mergeReports([d]))].join('');
    expect(csv.startsWith('\uFEFFcomputer,domain,os,wsus_url,role,started_at,pass,warn,fail,error,info,skip,root_cause,failing_checks,')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^'-2\+3,"corp,example","Windows ""10""",,client,/);
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)",'@SUM\(1\+1\),'\+cmd\|calc,http:\/\/wsus01/);
    expect(lines[2]).toContain(',client.policy.wuserver,client.policy.wuserver client.log.windowsupdate http.selfupdate,');
    // no cell of any line starts with a formula character
    for (const line of lines.slice(1)) for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+\-@]/);
  });
});
