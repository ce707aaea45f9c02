// Reports of made-up machines for the fleet tests, built from the hand-written run of the report tests.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, type Report } from '../../../shared/report-model.js';
import type { CheckStatus } from '../../../shared/status.js';
import { sampleRun, TOOL } from '../report/report-fixture.js';

export interface MachineSpec {
  name: string;
  domain?: string;
  wsusUrl?: string;
  startedAt?: string;
  /** statuses to set per check id; the rest keep the fixture's (which has client.policy.wuserver failing) */
  statuses?: Record<string, CheckStatus>;
  /** every check passes (except those in statuses) */
  healthy?: boolean;
  os?: string;
}

export function machineReport(spec: MachineSpec): Report {
  const run = sampleRun();
  run.environment.computerName = spec.name;
  run.environment.domain = spec.domain ?? 'corp.example';
  if (spec.os !== undefined) run.environment.os = spec.os;
  if (spec.wsusUrl === undefined) delete run.environment.wsusUrl;
  else run.environment.wsusUrl = spec.wsusUrl;
  if (spec.startedAt) run.startedAt = spec.startedAt;
  for (const r of run.results) {
    if (spec.healthy) r.status = 'pass';
    const s = spec.statuses?.[r.id];
    if (s) r.status = s;
  }
  return buildReport({ run, fixesApplied: [], lang: 'en', tool: TOOL });
}

export function freshDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `wsus-fleet-${prefix}-`));
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function writeReport(dir: string, file: string, report: Report | string): string {
  const path = join(dir, file);
  writeFileSync(path, typeof report === 'string' ? report : JSON.stringify(report, null, 2));
  return path;
}
