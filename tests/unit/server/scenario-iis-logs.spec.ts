// The IIS logs two built-in server scenarios carry (written by scripts/gen-scenario-iis-logs.ts):
// server.log.iis reads them through the simulated machine's files and tells the story they hold.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulatedMachine } from '../../../main/adapters/simulated/machine.js';
import { logIis } from '../../../main/checks/server/log-iis.check.js';
import { runChecks } from '../../../main/engine/runner.js';
import { ScenarioLibrary } from '../../../main/scenarios/loader.js';
import type { CheckResult } from '../../../shared/results.js';

const library = new ScenarioLibrary(join(import.meta.dirname, '../../../main/scenarios/data'));

async function logCheck(name: string, changedAt?: string): Promise<CheckResult> {
  const machine = createSimulatedMachine(await library.load(name));
  const run = await runChecks({ role: 'server', machine, implementations: [logIis], timeoutMs: 10_000, ...(changedAt ? { options: { changedAt } } : {}) });
  return run.results.find((r) => r.id === 'server.log.iis')!;
}

describe('server-anonymous-disabled: its IIS logs', () => {
  it('fail with 401.2 on SelfUpdate for every client since 03:00 UTC, and explain anonymous access', async () => {
    const r = await logCheck('server-anonymous-disabled');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toMatch(/^30 client\(s\) still fail to get the self-update files .*failing since 2026-11-20T03:00Z\. 401\.2: .*[Aa]nonymous authentication/);
    expect(r.summary.ja).toMatch(/匿名認証/);
    // both days' files of site 1384017035 were read, with the repeated header after the site restarted
    expect(r.evidence.find((e) => e.label.en.endsWith('W3SVC1384017035'))?.value).toMatch(/^2 log file\(s\); read the newest 2 .*u_ex261119\.log … u_ex261120\.log$/);
    expect(r.evidence.find((e) => e.label.en === 'Lines read')?.value).toMatch(/ 0 unparseable/);
  });

  it('only warns once this session changed the machine after the last failure in the log (a fix was just applied)', async () => {
    const after = await logCheck('server-anonymous-disabled', '2026-11-20T09:30:00.000Z');
    expect(after.status).toBe('warn');
    expect(after.summary.en).toMatch(/^Every failure in the log \(the last at 2026-11-20T09:2\d.*\) is older than the change made in this session \(2026-11-20T09:30:00\.000Z\)/);
    expect(after.summary.ja).toMatch(/このセッションで行った変更/);
    // a change made before the failures stopped changes nothing: they are not explained by it
    expect((await logCheck('server-anonymous-disabled', '2026-11-20T05:00:00.000Z')).status).toBe('fail');
  });

  it('has a chart that is clean before the change and fully failing after it', async () => {
    const r = await logCheck('server-anonymous-disabled');
    const points = r.evidence.find((e) => e.series)!.series!.points;
    expect(points[0]!.label).toBe('2026-11-19T22:00');
    expect(points.at(-1)!.label).toBe('2026-11-20T09:00');
    const before = points.filter((p) => p.label < '2026-11-20T03:00');
    const during = points.find((p) => p.label === '2026-11-20T03:00')!;
    const after = points.filter((p) => p.label > '2026-11-20T03:00');
    expect(before.length).toBe(5);
    for (const p of before) expect([p.label, p.value, p.total! > 0]).toEqual([p.label, 0, true]);
    expect(during.value).toBeGreaterThan(0);
    expect(during.value).toBeLessThan(during.total!);
    for (const p of after) expect([p.label, p.value]).toEqual([p.label, p.total]);
  });

  it('lists ten failing clients, each still failing with the explanation', async () => {
    const r = await logCheck('server-anonymous-disabled');
    const table = r.evidence.find((e) => e.table)!.table!;
    expect(table.rows).toHaveLength(10);
    for (const row of table.rows) {
      expect(row[0]!.en).toMatch(/^10\.20\.[12]\.\d+$/);
      expect(row[2]!.en).toMatch(/^401\.2\.5 \/selfupdate\/\* 2026-11-20T0\d:\d\d:\d\dZ$/);
      expect(row[3]).toEqual({ en: 'still failing', ja: '失敗が継続中' });
      expect(row[4]!.en).toMatch(/401/);
    }
  });
});

describe('server-healthy: its IIS log', () => {
  it('passes: only 200, 206 and 304 answers from 20 clients', async () => {
    const r = await logCheck('server-healthy');
    expect(r.status).toBe('pass');
    expect(r.summary.en).toMatch(/from 20 clients: no failure/);
    expect(r.evidence.some((e) => e.table)).toBe(false);
    expect(r.evidence.find((e) => e.series)!.series!.points.every((p) => p.value === 0)).toBe(true);
  });
});
