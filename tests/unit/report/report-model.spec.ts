import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildReport, problemsOf, REPORT_SCHEMA_ID, reportJsonSchema, ReportSchema, type Report } from '../../../shared/report-model.js';
import { sampleApplied, sampleRun, TOOL } from './report-fixture.js';

const root = join(import.meta.dirname, '..', '..', '..');
const committedSchema = JSON.parse(readFileSync(join(root, 'shared', 'report.schema.json'), 'utf8')) as Record<string, unknown>;

function ajvValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(committedSchema);
}

function build(lang: 'en' | 'ja' = 'en'): Report {
  return buildReport({ run: sampleRun(), fixesApplied: sampleApplied(), lang, tool: TOOL });
}

describe('report schema file', () => {
  it('is exactly what ReportSchema generates (run node scripts/gen-report-schema.mjs after changing the model)', () => {
    expect(committedSchema).toEqual(reportJsonSchema());
  });

  it('is a draft 2020-12 schema with an id, a title and a description', () => {
    expect(committedSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(committedSchema.$id).toBe(REPORT_SCHEMA_ID);
    expect(committedSchema.title).toBe('WSUS Self-Update Doctor report');
    expect(String(committedSchema.description)).toMatch(/Schema version 1/);
  });

  it('lists every contract field as required', () => {
    expect(committedSchema.required).toEqual(
      expect.arrayContaining(['schemaVersion', 'tool', 'role', 'target', 'startedAt', 'durationMs', 'summary', 'checks', 'fixesApplied']),
    );
  });
});

describe('buildReport', () => {
  it('produces a report that both the JSON Schema (ajv) and ReportSchema accept', () => {
    const validate = ajvValidator();
    for (const lang of ['en', 'ja'] as const) {
      const report = JSON.parse(JSON.stringify(build(lang))) as unknown;
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
      expect(ReportSchema.safeParse(report).success).toBe(true);
    }
  });

  it('keeps the contract fields and adds only documented ones', () => {
    const report = build();
    expect(Object.keys(report).sort()).toEqual(
      ['schemaVersion', 'tool', 'lang', 'role', 'target', 'startedAt', 'durationMs', 'environment', 'redacted', 'summary', 'checks', 'fixesApplied'].sort(),
    );
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual(TOOL);
    expect(report.role).toBe('client');
    expect(report.startedAt).toBe('2026-11-20T09:30:00.000Z');
    expect(report.durationMs).toBe(30_412);
    expect(report.redacted).toBe(false);
    expect(Object.keys(report.checks[0]!).sort()).toEqual(['docs', 'durationMs', 'evidence', 'explanation', 'fixes', 'id', 'status', 'summary', 'title'].sort());
  });

  it('describes the target machine and the environment', () => {
    const report = build();
    expect(report.target).toEqual({
      computerName: 'PC-0142',
      domain: 'corp.example',
      os: 'Windows 10 Enterprise 10.0.19045.6456 x64',
      wsusUrl: 'http://wsus01.corp.example:8530',
    });
    expect(report.environment).toMatchObject({ registryBackend: 'regedit (Windows Script Host)', elevated: true, userName: 'CORP\\tanaka' });
    expect(report).not.toHaveProperty('scenario');
  });

  it('keeps the order of the run and counts every status', () => {
    const run = sampleRun();
    const report = build();
    expect(report.checks.map((c) => c.id)).toEqual(run.results.map((r) => r.id));
    expect(report.summary).toEqual({ pass: 4, warn: 2, fail: 2, info: 0, skip: 1, error: 1 });
    const total = Object.values(report.summary).reduce((a, b) => a + b, 0);
    expect(total).toBe(report.checks.length);
  });

  it('renders every text in the chosen language', () => {
    const en = build('en');
    const ja = build('ja');
    expect(en.lang).toBe('en');
    expect(ja.lang).toBe('ja');
    const wu = (r: Report) => r.checks.find((c) => c.id === 'client.policy.wuserver')!;
    expect(wu(en).title).toBe('WSUS server in policy (WUServer)');
    expect(wu(ja).title).toBe('ポリシーの WSUS サーバー (WUServer)');
    expect(wu(ja).summary).toMatch(/^WUServer が設定されていません/);
    expect(wu(ja).explanation).toMatch(/エージェントに WSUS サーバーの場所/);
    expect(en.checks[0]!.evidence[1]).toEqual({ label: 'Computer name', value: 'PC-0142 (PC-0142.corp.example)' });
    expect(ja.checks[0]!.evidence[1]).toEqual({ label: 'コンピューター名', value: 'PC-0142 (PC-0142.corp.example)' });
    expect(wu(ja).fixes[0]!.title).toBe('WUServer と WUStatusServer を書き込む');
  });

  it('turns fix offers into strings: steps, the exact changes, the blocked reason', () => {
    const report = build();
    const fix = report.checks.find((c) => c.id === 'client.policy.wuserver')!.fixes[0]!;
    expect(fix).toEqual({
      id: 'client.policy.wuserver:set-server',
      title: 'Write WUServer and WUStatusServer',
      automatic: true,
      requiresAdmin: true,
      steps: ['Set WUServer and WUStatusServer to http://wsus01.corp.example:8530.', 'Delete the misspelled value WSUServer.'],
      changes: [
        'Set HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\WUServer to REG_SZ "http://wsus01.corp.example:8530"',
        'Set HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\WUStatusServer to REG_SZ "http://wsus01.corp.example:8530"',
        'Delete the value HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\WSUServer',
      ],
    });
    const blocked = report.checks.find((c) => c.id === 'client.policy.usewuserver')!.fixes[0]!;
    expect(blocked.blocked).toBe('WUServer must be fixed first.');
    const manual = report.checks.find((c) => c.id === 'client.network.proxy')!.fixes[0]!;
    expect(manual.automatic).toBe(false);
    expect(manual.changes).toEqual([]);
    expect(manual).not.toHaveProperty('blocked');
  });

  it('copies the applied fixes with their backup, result and message', () => {
    const report = build();
    expect(report.fixesApplied).toEqual(sampleApplied());
  });

  it('sets the scenario of a simulated run and leaves out an empty computer name (remote role)', () => {
    const run = sampleRun();
    run.scenario = 'client-misspelled-policy';
    const simulated = buildReport({ run, fixesApplied: [], lang: 'en', tool: TOOL });
    expect(simulated.scenario).toBe('client-misspelled-policy');

    const remote = sampleRun();
    remote.role = 'remote';
    remote.environment = { registryBackend: 'none (remote role)', elevated: null, computerName: '', wsusUrl: 'https://wsus01.corp.example:8531' };
    remote.results = remote.results.filter((r) => r.id.startsWith('net.') || r.id.startsWith('http.'));
    const report = buildReport({ run: remote, fixesApplied: [], lang: 'en', tool: TOOL });
    expect(report.target).toEqual({ wsusUrl: 'https://wsus01.corp.example:8531' });
    expect(ReportSchema.safeParse(report).success).toBe(true);
    expect(ajvValidator()(JSON.parse(JSON.stringify(report)))).toBe(true);
  });

  it('lists problems worst first: error, fail, then warn, in report order', () => {
    expect(problemsOf(build()).map((c) => `${c.status} ${c.id}`)).toEqual([
      'error http.selfupdate',
      'fail client.policy.wuserver',
      'fail client.log.windowsupdate',
      'warn client.policy.usewuserver',
      'warn client.network.proxy',
    ]);
  });
});

describe('schema rejects invalid reports', () => {
  const cases: [string, (r: Record<string, unknown>) => void][] = [
    ['an unknown status', (r) => ((r.checks as Record<string, unknown>[])[0]!.status = 'ok')],
    ['an unknown check id', (r) => ((r.checks as Record<string, unknown>[])[0]!.id = 'client.nope')],
    ['a missing summary', (r) => delete r.summary],
    ['a negative count', (r) => ((r.summary as Record<string, number>).fail = -1)],
    ['another schema version', (r) => (r.schemaVersion = 2)],
    ['an extra top-level field', (r) => (r.secret = 'x')],
    ['a timestamp without a time zone', (r) => (r.startedAt = '2026-11-20 09:30')],
    ['a docs entry that is not an http(s) URL', (r) => ((r.checks as Record<string, unknown>[])[0]!.docs = ['javascript:alert(1)'])],
    ['an unknown applied-fix result', (r) => ((r.fixesApplied as Record<string, unknown>[])[0]!.result = 'maybe')],
  ];
  it.each(cases)('rejects %s (ajv and zod agree)', (_name, mutate) => {
    const report = JSON.parse(JSON.stringify(build())) as Record<string, unknown>;
    mutate(report);
    expect(ajvValidator()(report)).toBe(false);
    expect(ReportSchema.safeParse(report).success).toBe(false);
  });
});
