import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../main/cli/args.js';
import { UsageError } from '../../../main/app/errors.js';
import { FLEET_KIND, fleetJsonChunks } from '../../../main/fleet/fleet-json.js';
import { NAME_LIMIT, renderFleetHtml } from '../../../main/fleet/fleet-html.js';
import { mergeReports } from '../../../main/fleet/merge-reports.js';
import { reportFileName } from '../../../main/fleet/report-file-name.js';
import { writeJsonReport, writeTextFileAtomic } from '../../../main/report/write-report.js';
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

describe('renderFleetHtml', () => {
  it('is self-contained: no script, a CSP of default-src none, every value escaped', async () => {
    const d = dir('html');
    writeReport(d, 'x.json', machineReport({ name: '<script>alert(1)</script>', wsusUrl: 'http://wsus01.corp.example:8530/"><img src=x onerror=alert(1)>' }));
    writeReport(d, 'junk.json', '{"oops": "<b>not a report</b>"}');
    writeReport(d, '<b>odd&name.json', 'garbage');
    const html = renderFleetHtml(await mergeReports([d]), { lang: 'en', toolVersion: '0.1.0' });
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(html).not.toMatch(/<script|<img|<b>|<[^>]*\son\w+=/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;odd&amp;name.json');
    expect(html).toContain('Most common root causes');
    expect(html).toContain('WSUS server in policy (WUServer)');
    expect(html).not.toMatch(/https?:\/\/(?!wsus01\.corp\.example)[^"<\s]*"/); // no external resource
  });

  it('speaks Japanese with lang ja, and cuts long name lists (the CSV has them all)', async () => {
    const d = dir('html-ja');
    for (let i = 0; i < NAME_LIMIT + 5; i++) writeReport(d, `PC-${i}.json`, machineReport({ name: `PC-${String(i).padStart(4, '0')}`, wsusUrl: 'http://w:8530' }));
    const s = await mergeReports([d]);
    const html = renderFleetHtml(s, { lang: 'ja', toolVersion: '0.1.0' });
    expect(html).toContain('<html lang="ja"');
    expect(html).toContain('多い根本原因');
    expect(html).toContain('ほか 5 台');
    expect(html).toContain('PC-0199');
    expect(html).not.toContain('PC-0200,');
  });
});

describe('fleetJson', () => {
  it('lists every machine with its failing checks and the skipped files in the chosen language', async () => {
    const d = dir('json');
    writeReport(d, 'A.json', machineReport({ name: 'A', wsusUrl: 'http://w:8530' }));
    writeReport(d, 'B.json', machineReport({ name: 'B', healthy: true }));
    writeReport(d, 'C.json', '{');
    const out = JSON.parse([...fleetJsonChunks(await mergeReports([d]), { lang: 'ja', tool: { name: 't', version: '1' } })].join(''));
    expect(out.kind).toBe(FLEET_KIND);
    expect(out.machines).toBe(2);
    expect(out.healthy).toBe(1);
    expect(out.rows.map((r: { computerName: string }) => r.computerName)).toEqual(['A', 'B']);
    expect(out.rows[0].failingChecks).toEqual(['client.policy.wuserver', 'client.log.windowsupdate', 'http.selfupdate']);
    expect(out.rootCauses).toEqual([{ id: 'client.policy.wuserver', count: 1, machines: ['A'] }]);
    expect(out.skipped[0].reason).toMatch(/正しい JSON ではありません/);
  });
});

describe('reportFileName (check --json-dir)', () => {
  it('accepts computer names as Windows has them', () => {
    expect(reportFileName('PC-0142')).toBe('PC-0142.json');
    expect(reportFileName('ws_build01')).toBe('ws_build01.json');
    expect(reportFileName('pc1.corp.example')).toBe('pc1.corp.example.json');
    expect(reportFileName('A'.repeat(63))).toBe(`${'A'.repeat(63)}.json`);
  });

  it('refuses names that would escape the folder, are device names or are not names at all', () => {
    for (const bad of [undefined, '', ' ', '..', '../etc/passwd', '..\\..\\x', 'a/b', 'a\\b', 'C:x', 'PC 1', 'CON', 'nul', 'com1', 'LPT9.txt', 'a..b', 'x.', '.hidden', 'A'.repeat(64), 'PC\u0000', 'pc*', '名前']) {
      expect(reportFileName(bad), String(bad)).toBeNull();
    }
  });
});

describe('parsing merge and --json-dir', () => {
  it('parses merge with inputs and outputs', () => {
    expect(parseCommandLine(['merge', 'a.json', 'dir', '--html', 'f.html', '--csv', 'f.csv', '--json', 'f.json', '--lang', 'ja'])).toEqual({
      command: 'merge',
      inputs: ['a.json', 'dir'],
      html: 'f.html',
      csv: 'f.csv',
      json: 'f.json',
      lang: 'ja',
    });
  });

  it('rejects a merge with nothing to read, the same file twice, or an unknown option', () => {
    expect(() => parseCommandLine(['merge', '--html', 'f.html'])).toThrow(/at least one JSON report/);
    expect(() => parseCommandLine(['merge', 'd', '--html', 'x', '--csv', 'x'])).toThrow(/must be different files/);
    expect(() => parseCommandLine(['merge', 'd', '--xml', 'x'])).toThrow(UsageError);
  });

  it('takes --json-dir for check, but not together with --redact', () => {
    expect(parseCommandLine(['check', '--scenario', 'client-healthy', '--json-dir', 'out'])).toMatchObject({ jsonDir: 'out' });
    expect(() => parseCommandLine(['check', '--json-dir', 'out', '--redact'])).toThrow(/--redact/);
    expect(() => parseCommandLine(['check', '--json-dir', ''])).toThrow(/needs a value/);
  });
});

describe('atomic report writes', () => {
  it('never lets a reader see half a report while it is being replaced', async () => {
    const d = dir('atomic');
    const path = join(d, 'PC-1.json');
    const small = machineReport({ name: 'PC-1' });
    const big = machineReport({ name: 'PC-1', os: 'x'.repeat(2_000_000) });
    await writeJsonReport(path, small);
    let reads = 0;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const text = readFileSync(path, 'utf8');
        expect(() => JSON.parse(text)).not.toThrow();
        reads++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let i = 0; i < 10; i++) await writeJsonReport(path, i % 2 ? small : big);
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(path, 'utf8')).target.os).toBe(small.target.os);
    expect(readdirSync(d)).toEqual(['PC-1.json']);
  });

  it('leaves the old file untouched and no temporary file when the write fails', async () => {
    const d = dir('atomic-fail');
    const path = join(d, 'fleet.csv');
    await writeTextFileAtomic(path, 'old\n');
    // a path through a file cannot be written: the error names it, nothing is left behind
    await expect(writeTextFileAtomic(join(path, 'child.csv'), 'new\n')).rejects.toThrow(/Cannot write/);
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    expect(readdirSync(d)).toEqual(['fleet.csv']);
  });
});
