/**
 * The plain-text summary a technician pastes into a ticket: what was checked, what is still wrong,
 * what was changed and where the backups are. Written in one language (the one on screen).
 */
import type { SessionInfo } from '../../../shared/api.js';
import type { FlowStep } from '../../../shared/flow.js';
import type { AppliedFix, CheckResult, RunResult } from '../../../shared/results.js';
import { STATUSES } from '../../../shared/status.js';
import type { L10n, Lang } from '../../../shared/text.js';
import { translate } from './i18n.svelte.js';
import { APPLIED_RESULT_NAMES, ROLE_NAMES, S, STATUS_NAMES } from './strings.js';

export interface TicketInput {
  session: SessionInfo;
  run: RunResult;
  steps: readonly FlowStep[];
  /** worst first */
  problems: readonly CheckResult[];
  applied: readonly (AppliedFix & { title: L10n | null; undone: boolean })[];
  lang: Lang;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function ticketSummary(input: TicketInput): string {
  const { session, run, lang } = input;
  const t = (text: L10n, vars?: Record<string, string | number>): string => translate(text, lang, vars);
  const env = run.environment;
  const lines: string[] = [t(S.ticketHeading), ''];

  const role = t(ROLE_NAMES[run.role]);
  lines.push(`${t(S.ticketRole)}: ${role}`);
  if (session.scenario) lines.push(`${t(S.ticketScenario)}: ${session.scenario.name} (${t(session.scenario.title)})`);
  const computer = [env.computerName, env.domain ? `(${env.domain})` : '', env.os ? `- ${env.os}` : ''].filter(Boolean).join(' ');
  if (computer) lines.push(`${t(S.ticketTarget)}: ${computer}`);
  const wsus = env.wsusUrl ?? session.server;
  if (wsus) lines.push(`${t(S.ticketWsus)}: ${wsus}`);
  lines.push(`${t(S.ticketRun)}: ${run.startedAt}`);

  const counts: Record<string, number> = {};
  for (const s of STATUSES) counts[s] = 0;
  for (const r of run.results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  lines.push(`${t(S.ticketCounts)}: ${STATUSES.map((s) => `${t(STATUS_NAMES[s])} ${counts[s]}`).join(', ')}`);

  lines.push('', `${t(S.ticketRemaining)}:`);
  if (input.problems.length === 0) lines.push(`  ${t(S.ticketRemainingNone)}`);
  for (const p of input.problems) {
    const step = input.steps.find((s) => s.checks.includes(p.id));
    const where = step ? ` [${t(step.title)}]` : '';
    lines.push(`  - ${t(STATUS_NAMES[p.status])}: ${t(p.title)} (${p.id})${where}`);
    lines.push(`    ${oneLine(t(p.summary))}`);
  }

  lines.push('', `${t(S.ticketApplied)}:`);
  if (input.applied.length === 0) lines.push(`  ${t(S.ticketAppliedNone)}`);
  for (const a of input.applied) {
    const title = a.title ? `${t(a.title)} (${a.id})` : a.id;
    const state = a.undone ? `${t(APPLIED_RESULT_NAMES[a.result])}, ${t(S.ticketUndone)}` : t(APPLIED_RESULT_NAMES[a.result]);
    lines.push(`  - ${title}: ${state}, ${a.at}`);
    if (a.message) lines.push(`    ${oneLine(a.message)}`);
    lines.push(`    ${t(S.ticketBackup)}: ${a.backup}`);
  }
  return `${lines.join('\n')}\n`;
}
