import type { L10n } from './text.js';

export const STATUSES = ['pass', 'warn', 'fail', 'info', 'skip', 'error'] as const;
export type CheckStatus = (typeof STATUSES)[number];

export const ROLES = ['client', 'server', 'remote'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The status as a word in reports and on the terminal (readable without colour). */
export const STATUS_LABEL: Record<CheckStatus, L10n> = {
  pass: { en: 'PASS', ja: '合格' },
  warn: { en: 'WARN', ja: '警告' },
  fail: { en: 'FAIL', ja: '不合格' },
  info: { en: 'INFO', ja: '情報' },
  skip: { en: 'SKIP', ja: '対象外' },
  error: { en: 'ERROR', ja: 'エラー' },
};

/** Which statuses need the administrator's attention, worst first. */
export const STATUS_SEVERITY: Record<CheckStatus, number> = {
  error: 5,
  fail: 4,
  warn: 3,
  info: 1,
  pass: 0,
  skip: 0,
};

export type StatusCounts = Record<CheckStatus, number>;

export function countStatuses(statuses: readonly CheckStatus[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, warn: 0, fail: 0, info: 0, skip: 0, error: 0 };
  for (const s of statuses) counts[s] += 1;
  return counts;
}
