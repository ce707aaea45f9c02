/**
 * The fleet report as JSON (`merge --json`), for scripts and dashboards. Unlike the HTML it lists
 * every machine in full. Texts (skip reasons) are in the language asked for; ids and URLs as read.
 */
import type { Lang } from '../../shared/text.js';
import { tr } from '../../shared/text.js';
import type { FleetSummary } from './fleet-summary.js';
import { failingChecks } from './machine-row.js';

export const FLEET_KIND = 'wsus-selfupdate-doctor-fleet';
export const FLEET_SCHEMA_VERSION = 1;

/** The fleet JSON a machine at a time, so a large fleet is written without building it whole. */
export function* fleetJsonChunks(s: FleetSummary, opts: { lang: Lang; tool: { name: string; version: string } }): Generator<string> {
  const head = {
    kind: FLEET_KIND,
    schemaVersion: FLEET_SCHEMA_VERSION,
    tool: opts.tool,
    lang: opts.lang,
    generatedAt: s.generatedAt,
    machines: s.rows.length,
    healthy: s.healthy,
    checks: s.checks.map((c) => ({ id: c.id, ...c.counts, failing: c.failing })),
    rootCauses: s.rootCauses.map((c) => ({ id: c.id, count: c.machines.length, machines: c.machines })),
    servers: s.servers.map((g) => ({ wsusUrl: g.url, count: g.machines.length, failing: g.failing, machines: g.machines })),
    skipped: s.skipped.map((f) => ({ file: f.file, reason: tr(f.reason, opts.lang) })),
    superseded: s.superseded,
  };
  // One line per machine: readable, and a third of the size of fully indented JSON.
  yield `${JSON.stringify(head, null, 1).replace(/\n}$/, '')},\n "rows": [\n`;
  for (let i = 0; i < s.rows.length; i++) yield `  ${JSON.stringify(rowOf(s.rows[i]!))}${i + 1 < s.rows.length ? ',' : ''}\n`;
  yield ' ]\n}\n';
}

function rowOf(r: FleetSummary['rows'][number]) {
  return {
    computerName: r.name,
    domain: r.domain,
    os: r.os,
    wsusUrl: r.wsusUrl,
    role: r.role,
    startedAt: r.startedAt,
    summary: r.summary,
    rootCause: r.rootCause,
    failingChecks: failingChecks(r),
    scenario: r.scenario || undefined,
    toolVersion: r.toolVersion,
    file: r.file,
  };
}

