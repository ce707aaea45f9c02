/** Small text helpers shared by the client checks: safe display of raw data, eras and service states in words. */
import type { StartType } from '../../../shared/changes.js';
import type { Era } from '../../../shared/os-era.js';
import type { L10n } from '../../../shared/text.js';
import { SERVICE_STATE_CODES, START_TYPE_CODES, type ServiceState } from '../../adapters/types.js';

/**
 * Shows raw text the way it was read, quoted and escaped (control characters become \n, \u0000 …),
 * cut to a readable length. Never used to build a command or a plan: display only.
 */
export function quoteRaw(text: string, max = 120): string {
  if (text.length <= max) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, max))}… (${text.length} characters)`;
}

/** The Windows releases of each generation, as neutral evidence text (names are not translated). */
export const ERA_RELEASES: Record<Era, string> = {
  nt5: 'NT 5.x: Windows 2000 / XP / Server 2003',
  'nt6.0': 'NT 6.0-6.1: Windows Vista / 7 / Server 2008 / 2008 R2',
  'nt6.2': 'NT 6.2-6.3: Windows 8 / 8.1 / Server 2012 / 2012 R2',
  nt10: 'NT 10: Windows 10 / 11 / Server 2016 and later',
};

/** The inverse of a code table: the number Windows uses for each name. */
function numbersOf<T extends string>(codes: Record<number, T>): Record<T, number> {
  return Object.fromEntries(Object.entries(codes).map(([n, name]) => [name, Number(n)])) as Record<T, number>;
}

/** The registry Start value of each start type (inverse of START_TYPE_CODES). */
export const START_TYPE_NUMBER: Record<StartType, number> = numbersOf(START_TYPE_CODES);
/** The names `sc qc` prints for each start type. */
export const START_TYPE_SC: Record<StartType, string> = {
  boot: 'BOOT_START',
  system: 'SYSTEM_START',
  auto: 'AUTO_START',
  manual: 'DEMAND_START',
  disabled: 'DISABLED',
};
export { START_TYPE_TEXT } from '../../../shared/change-text.js';

/** The `sc query` STATE number of each state (inverse of SERVICE_STATE_CODES). */
export const SERVICE_STATE_NUMBER: Record<ServiceState, number> = numbersOf(SERVICE_STATE_CODES);
export const SERVICE_STATE_TEXT: Record<ServiceState, L10n> = {
  stopped: { en: 'stopped', ja: '停止' },
  'start-pending': { en: 'starting', ja: '開始中' },
  'stop-pending': { en: 'stopping', ja: '停止中' },
  running: { en: 'running', ja: '実行中' },
  'continue-pending': { en: 'resuming', ja: '再開中' },
  'pause-pending': { en: 'pausing', ja: '一時停止中' },
  paused: { en: 'paused', ja: '一時停止' },
};

/** "2026-11-20 18:30" from a UTC instant shifted by an offset in minutes. */
export function formatWallClock(utcMs: number, offsetMinutes: number): string {
  const d = new Date(utcMs + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** "UTC+09:00", "UTC-05:30". */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
