/**
 * The JSON report (schema version 1): the contract of `wsus-doctor check --json`, the source of the
 * HTML report, and what an administrator attaches to a ticket. Pure: zod only.
 *
 * Contract fields (PRODUCT.md, "Command line") are never removed or renamed; fields added here
 * (lang, environment, redacted, per check `explanation`, per fix `blocked`/`changes`, per applied
 * fix `message`) only add information. All text is rendered in one language, the report's `lang`.
 * shared/report.schema.json is generated from ReportSchema (scripts/gen-report-schema.mjs) and a
 * test keeps the two equal.
 */
import { z } from 'zod';
import { describeChange } from './change-text.js';
import { ALL_CHECK_IDS } from './check-ids.js';
import type { AppliedFix, RunResult } from './results.js';
import { countStatuses, ROLES, STATUSES } from './status.js';
import { LANGS, tr, type Lang } from './text.js';

export const REPORT_SCHEMA_VERSION = 1 as const;
export const REPORT_SCHEMA_ID = 'urn:wsus-selfupdate-doctor:report:1';

/** ISO 8601 with an explicit offset ("2026-11-20T09:30:00.000Z"), as Date#toISOString writes it. */
const Timestamp = z.iso.datetime({ offset: true });
const Count = z.number().int().nonnegative();
const Duration = z.number().nonnegative().describe('milliseconds');

export const ReportToolSchema = z.strictObject({
  name: z.string().min(1),
  version: z.string().min(1),
});

/** The machine (or, for the remote role, the WSUS server) that was diagnosed. */
export const ReportTargetSchema = z
  .strictObject({
    computerName: z.string().min(1).optional().describe('NetBIOS name of the machine that was checked (absent for the remote role)'),
    os: z.string().min(1).optional().describe('e.g. "Windows 10 Enterprise 10.0.19045.6456 x64"'),
    domain: z.string().min(1).optional(),
    wsusUrl: z.string().min(1).optional().describe('the WSUS server URL the checks used'),
  })
  .describe('What was diagnosed');

export const ReportEnvironmentSchema = z
  .strictObject({
    registryBackend: z.string().describe('how the registry was read, e.g. "simulated (scenario client-healthy)"'),
    elevated: z.boolean().nullable().describe('running as administrator; null when unknown'),
    computerName: z.string(),
    domain: z.string().optional(),
    userName: z.string().optional(),
    os: z.string().optional(),
    wsusUrl: z.string().optional(),
  })
  .describe('Facts about the run of the tool itself');

export const ReportEvidenceSchema = z.strictObject({
  label: z.string(),
  value: z.string().describe('exactly what was read'),
  table: z
    .strictObject({ columns: z.array(z.string()), rows: z.array(z.array(z.string())) })
    .optional()
    .describe('structured data behind the row, e.g. the clients that fail most'),
  series: z
    .strictObject({
      unit: z.string(),
      totalUnit: z.string().optional(),
      points: z.array(z.strictObject({ label: z.string(), value: z.number(), total: z.number().optional() })),
    })
    .optional()
    .describe('counts over time, oldest first, e.g. self-update failures per hour'),
});

export const ReportFixSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  automatic: z.boolean(),
  requiresAdmin: z.boolean(),
  steps: z.array(z.string()).describe('what a person does (manual fixes), or what the automatic fix does'),
  changes: z.array(z.string()).describe('the exact changes an automatic fix makes, in order (empty for manual fixes)'),
  blocked: z.string().min(1).optional().describe('why the fix cannot be applied as things stand'),
});

export const ReportCheckSchema = z.strictObject({
  id: z.enum(ALL_CHECK_IDS),
  status: z.enum(STATUSES),
  title: z.string().min(1),
  summary: z.string().describe('what was found, in one or two sentences'),
  explanation: z.string().describe('what is checked and why'),
  evidence: z.array(ReportEvidenceSchema),
  fixes: z.array(ReportFixSchema),
  docs: z.array(z.url({ protocol: /^https?$/ }).meta({ pattern: '^https?://' })).describe('reference pages (http or https URLs)'),
  durationMs: Duration,
});

export const ReportAppliedFixSchema = z.strictObject({
  id: z.string().min(1),
  at: Timestamp,
  changes: z.array(z.string()),
  backup: z.string().describe('where the backup of the replaced values is (empty when nothing was changed)'),
  result: z.enum(['applied', 'failed', 'rolled-back']),
  message: z.string().optional(),
});

export const ReportSummarySchema = z.strictObject({
  pass: Count,
  warn: Count,
  fail: Count,
  info: Count,
  skip: Count,
  error: Count,
});

export const ReportSchema = z
  .strictObject({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    tool: ReportToolSchema,
    lang: z.enum(LANGS).describe('the language every text in the report is written in'),
    role: z.enum(ROLES),
    target: ReportTargetSchema,
    scenario: z.string().min(1).optional().describe('set when the machine was simulated'),
    startedAt: Timestamp,
    durationMs: Duration,
    environment: ReportEnvironmentSchema,
    redacted: z.boolean().describe('host names, IP addresses and user names were replaced by placeholders'),
    summary: ReportSummarySchema,
    checks: z.array(ReportCheckSchema),
    fixesApplied: z.array(ReportAppliedFixSchema),
  })
  .meta({
    $id: REPORT_SCHEMA_ID,
    title: 'WSUS Self-Update Doctor report',
    description:
      'Result of one run of WSUS Self-Update Doctor (wsus-doctor check --json): every check with its status, evidence and fixes, and the fixes that were applied. Schema version 1.',
  });

export type Report = z.infer<typeof ReportSchema>;
export type ReportCheck = z.infer<typeof ReportCheckSchema>;
export type ReportFix = z.infer<typeof ReportFixSchema>;
export type ReportAppliedFix = z.infer<typeof ReportAppliedFixSchema>;
export type ReportTarget = z.infer<typeof ReportTargetSchema>;
export type ReportEnvironment = z.infer<typeof ReportEnvironmentSchema>;
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

/** The JSON Schema (draft 2020-12) shipped as shared/report.schema.json. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ReportSchema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'throw' }) as Record<string, unknown>;
}

export interface BuildReportInput {
  run: RunResult;
  fixesApplied: AppliedFix[];
  lang: Lang;
  tool: { name: string; version: string };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Turns a run into the report: every text in `lang`, counts computed, check order kept. */
export function buildReport(input: BuildReportInput): Report {
  const { run, lang } = input;
  const env = run.environment;

  const target: Report['target'] = {};
  const computerName = nonEmpty(env.computerName);
  const os = nonEmpty(env.os);
  const domain = nonEmpty(env.domain);
  const wsusUrl = nonEmpty(env.wsusUrl);
  if (computerName !== undefined) target.computerName = computerName;
  if (os !== undefined) target.os = os;
  if (domain !== undefined) target.domain = domain;
  if (wsusUrl !== undefined) target.wsusUrl = wsusUrl;

  const environment: Report['environment'] = {
    registryBackend: env.registryBackend,
    elevated: env.elevated,
    computerName: env.computerName,
  };
  if (env.domain !== undefined) environment.domain = env.domain;
  if (env.userName !== undefined) environment.userName = env.userName;
  if (env.os !== undefined) environment.os = env.os;
  if (env.wsusUrl !== undefined) environment.wsusUrl = env.wsusUrl;

  const checks: ReportCheck[] = run.results.map((r) => ({
    id: r.id,
    status: r.status,
    title: tr(r.title, lang),
    summary: tr(r.summary, lang),
    explanation: tr(r.explanation, lang),
    evidence: r.evidence.map((e) => {
      const row: ReportCheck['evidence'][number] = { label: tr(e.label, lang), value: e.value };
      if (e.table) row.table = { columns: e.table.columns.map((c) => tr(c, lang)), rows: e.table.rows.map((r) => r.map((c) => tr(c, lang))) };
      if (e.series) {
        row.series = { unit: tr(e.series.unit, lang), points: e.series.points.map((p) => ({ ...p })) };
        if (e.series.totalUnit) row.series.totalUnit = tr(e.series.totalUnit, lang);
      }
      return row;
    }),
    fixes: r.fixes.map((f) => {
      const fix: ReportFix = {
        id: f.id,
        title: tr(f.title, lang),
        automatic: f.automatic,
        requiresAdmin: f.requiresAdmin,
        steps: f.steps.map((s) => tr(s, lang)),
        changes: f.plan.map((c) => tr(describeChange(c), lang)),
      };
      if (f.blocked) fix.blocked = tr(f.blocked, lang);
      return fix;
    }),
    docs: [...r.docs],
    durationMs: r.durationMs,
  }));

  const fixesApplied: ReportAppliedFix[] = input.fixesApplied.map((a) => {
    const applied: ReportAppliedFix = { id: a.id, at: a.at, changes: [...a.changes], backup: a.backup, result: a.result };
    if (a.message !== undefined) applied.message = a.message;
    return applied;
  });

  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: input.tool.name, version: input.tool.version },
    lang,
    role: run.role,
    target,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    environment,
    redacted: false,
    summary: countStatuses(run.results.map((r) => r.status)),
    checks,
    fixesApplied,
  };
  if (run.scenario) report.scenario = run.scenario;
  return report;
}

/** Checks that need attention, worst first (error, fail, then warn), in report order within a status. */
export function problemsOf(report: Pick<Report, 'checks'>): ReportCheck[] {
  const rank: Partial<Record<ReportCheck['status'], number>> = { error: 0, fail: 1, warn: 2 };
  // Array#sort is stable: checks of the same status keep the report's order.
  return report.checks.filter((c) => rank[c.status] !== undefined).sort((a, b) => rank[a.status]! - rank[b.status]!);
}
