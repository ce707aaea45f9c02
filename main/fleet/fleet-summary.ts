/**
 * The fleet report's content, built from machine rows: per check id how many machines pass, warn and
 * fail and which ones fail; the most common root causes; the machines of each WSUS server; and the
 * files that were skipped or replaced by a newer report of the same machine.
 */
import { ALL_CHECK_IDS, type CheckId } from '../../shared/check-ids.js';
import { countStatuses, type StatusCounts } from '../../shared/status.js';
import type { L10n } from '../../shared/text.js';
import { isFailing, statusIn, type MachineRow } from './machine-row.js';

export interface SkippedFile {
  file: string;
  reason: L10n;
}

/** An older report of a machine that a newer one replaced. */
export interface SupersededReport {
  file: string;
  machine: string;
  startedAt: string;
  keptFile: string;
}

export interface CheckTally {
  id: CheckId;
  /** machines per status (only machines whose report has the check) */
  counts: StatusCounts;
  /** names of the machines where the check failed or could not run */
  failing: string[];
}

export interface RootCause {
  id: CheckId;
  /** names of the machines whose first failed check in flowchart order is this one */
  machines: string[];
}

export interface ServerGroup {
  /** the WSUS URL, '' for machines whose report names none */
  url: string;
  machines: string[];
  /** how many of them have at least one failed check */
  failing: number;
}

export interface FleetSummary {
  generatedAt: string;
  /** one row per machine, sorted by name */
  rows: MachineRow[];
  /** machines with no failed check */
  healthy: number;
  skipped: SkippedFile[];
  superseded: SupersededReport[];
  checks: CheckTally[];
  rootCauses: RootCause[];
  servers: ServerGroup[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The key that says two reports are of the same machine. A redacted report hides the name: its file is the key. */
function machineKey(row: MachineRow): string {
  if (row.redacted) return `file:${row.file}`;
  return `${row.domain.toLowerCase()}\\${row.name.toLowerCase()}`;
}

/** Collects rows one at a time; keeps the newest report of each machine. */
export class FleetCollector {
  readonly #rows = new Map<string, MachineRow>();
  readonly #skipped: SkippedFile[] = [];
  readonly #superseded: SupersededReport[] = [];

  add(row: MachineRow): void {
    const key = machineKey(row);
    const seen = this.#rows.get(key);
    if (!seen) {
      this.#rows.set(key, row);
      return;
    }
    // Newest run wins; on the same time, the file name decides, so the result does not depend on read order.
    const newer = row.startedAt > seen.startedAt || (row.startedAt === seen.startedAt && row.file > seen.file);
    const [kept, dropped] = newer ? [row, seen] : [seen, row];
    this.#rows.set(key, kept);
    this.#superseded.push({ file: dropped.file, machine: dropped.name, startedAt: dropped.startedAt, keptFile: kept.file });
  }

  skip(file: string, reason: L10n): void {
    this.#skipped.push({ file, reason });
  }

  get count(): number {
    return this.#rows.size;
  }

  summarize(generatedAt: Date = new Date()): FleetSummary {
    const rows = [...this.#rows.values()].sort((a, b) => byText(a.name.toLowerCase(), b.name.toLowerCase()) || byText(a.domain, b.domain) || byText(a.file, b.file));
    const checks: CheckTally[] = [];
    ALL_CHECK_IDS.forEach((id, i) => {
      const present = rows.filter((r) => statusIn(r, i) !== undefined);
      if (present.length === 0) return;
      checks.push({
        id,
        counts: countStatuses(present.map((r) => statusIn(r, i)!)),
        failing: present.filter((r) => isFailing(statusIn(r, i))).map((r) => r.name),
      });
    });

    const causes = new Map<CheckId, string[]>();
    for (const r of rows) if (r.rootCause) (causes.get(r.rootCause) ?? causes.set(r.rootCause, []).get(r.rootCause)!).push(r.name);
    const rootCauses = [...causes.entries()]
      .map(([id, machines]) => ({ id, machines }))
      .sort((a, b) => b.machines.length - a.machines.length || ALL_CHECK_IDS.indexOf(a.id) - ALL_CHECK_IDS.indexOf(b.id));

    const servers = new Map<string, ServerGroup>();
    for (const r of rows) {
      const url = r.wsusUrl.toLowerCase();
      const group = servers.get(url) ?? servers.set(url, { url: r.wsusUrl, machines: [], failing: 0 }).get(url)!;
      group.machines.push(r.name);
      if (r.rootCause) group.failing++;
    }

    return {
      generatedAt: generatedAt.toISOString(),
      rows,
      healthy: rows.filter((r) => r.rootCause === null).length,
      skipped: [...this.#skipped].sort((a, b) => byText(a.file, b.file)),
      superseded: [...this.#superseded].sort((a, b) => byText(a.file, b.file)),
      checks,
      rootCauses,
      servers: [...servers.values()].sort((a, b) => b.machines.length - a.machines.length || byText(a.url, b.url)),
    };
  }
}
