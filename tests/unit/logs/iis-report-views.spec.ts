// The IIS log findings in the JSON and HTML reports: the clients table and the failures-per-hour chart
// survive into both, validate against the shipped schema, and read without colour.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { createSimulatedMachine } from '../../../main/adapters/simulated/machine.js';
import { logIis } from '../../../main/checks/server/log-iis.check.js';
import { runChecks } from '../../../main/engine/runner.js';
import { renderHtmlReport } from '../../../main/report/html-report.js';
import { buildReport, ReportSchema } from '../../../shared/report-model.js';
import type { RunResult } from '../../../shared/results.js';
import type { Lang } from '../../../shared/text.js';
import { testScenario } from '../../helpers/machines.js';

const FIELDS = '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const rows = [FIELDS];
for (let h = 0; h < 3; h++) {
  rows.push(`2024-05-01 1${h}:00:00 10.0.0.5 GET /selfupdate/wuident.cab - 8530 - 10.7.0.${h + 1} WUA - 401 2 5 15`);
  rows.push(`2024-05-01 1${h}:10:00 10.0.0.5 GET /selfupdate/wuident.cab - 8530 - 10.7.1.${h + 1} WUA - 200 0 0 15`);
}

async function run(): Promise<RunResult> {
  const machine = createSimulatedMachine(
    testScenario({
      registry: { 'HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup': { IISTargetWebsiteIndex: { type: 'REG_DWORD', data: 1 } } },
      files: { 'C:\\inetpub\\logs\\LogFiles\\W3SVC1\\u_ex240501.log': { text: `${rows.join('\r\n')}\r\n` } },
    }),
  );
  return runChecks({ role: 'server', machine, implementations: [logIis], timeoutMs: 10_000 });
}

const report = async (lang: Lang) => buildReport({ run: await run(), fixesApplied: [], lang, tool: { name: 'WSUS Self-Update Doctor', version: '0.1.0' } });

describe('IIS log views in the reports', () => {
  it('keeps the table and the series in the JSON report, valid against the schema', async () => {
    const r = await report('en');
    const check = r.checks.find((c) => c.id === 'server.log.iis')!;
    expect(check.status).toBe('fail');
    const table = check.evidence.find((e) => e.table)!.table!;
    expect(table.columns).toContain('Cause (explained above)');
    expect(table.rows.map((x) => x[0])).toEqual(['10.7.0.1', '10.7.0.2', '10.7.0.3']);
    const series = check.evidence.find((e) => e.series)!.series!;
    expect(series.points).toEqual([
      { label: '2024-05-01T10:00', value: 1, total: 2 },
      { label: '2024-05-01T11:00', value: 1, total: 2 },
      { label: '2024-05-01T12:00', value: 1, total: 2 },
    ]);
    expect(ReportSchema.safeParse(r).success).toBe(true);
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'report.schema.json'), 'utf8')) as object);
    expect(validate(JSON.parse(JSON.stringify(r))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('draws them in the HTML report as tables with the numbers written out, in Japanese too', async () => {
    const html = renderHtmlReport(await report('ja'));
    expect(html).toContain('<table class="ev-data"><caption>失敗の多いクライアント</caption>');
    expect(html).toMatch(/<table class="ev-chart"><caption>1 時間ごとの自己更新の失敗 \(UTC\)/);
    expect(html).toMatch(/<th scope="row">2024-05-01T10:00<\/th>.*?<td class="num">1 \/ 2<\/td>/s);
    expect(html).toContain('斜線'); // the legend names the pattern, not a colour
    expect(html).not.toMatch(/<script/i);
  });
});
