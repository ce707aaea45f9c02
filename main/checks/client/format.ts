/** Small text helpers shared by the client checks: safe display of raw data, eras and service states in words. */
import type { StartType } from '../../../shared/changes.js';
import type { Era } from '../../../shared/os-era.js';
import type { L10n } from '../../../shared/text.js';
import type { ServiceState } from '../../adapters/types.js';

/**
 * Shows raw text the way it was read, quoted and escaped (control characters become \n, \u0000 …),
 * cut to a readable length. Never used to build a command or a plan: display only.
 */
export function quoteRaw(text: string, max = 120): string {
  if (text.length <= max) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, max))}… (${text.length} characters)`;
}

export const ERA_TEXT: Record<Era, L10n> = {
  nt5: {
    en: 'NT 5.x generation (Windows 2000 / XP / Server 2003): a WSUS-capable agent can only arrive through self-update from the WSUS server',
    ja: 'NT 5.x 世代 (Windows 2000 / XP / Server 2003): WSUS 対応のエージェントは WSUS サーバーからの自己更新でしか入手できません',
  },
  'nt6.0': {
    en: 'NT 6.0/6.1 generation (Windows Vista / 7 / Server 2008 / 2008 R2): the agent still asks the server\'s self-update folder before each scan',
    ja: 'NT 6.0/6.1 世代 (Windows Vista / 7 / Server 2008 / 2008 R2): エージェントはスキャンの前に毎回サーバーの自己更新フォルダーを確認します',
  },
  'nt6.2': {
    en: 'NT 6.2/6.3 generation (Windows 8 / 8.1 / Server 2012 / 2012 R2): new agents arrive as ordinary updates',
    ja: 'NT 6.2/6.3 世代 (Windows 8 / 8.1 / Server 2012 / 2012 R2): 新しいエージェントは通常の更新プログラムとして配布されます',
  },
  nt10: {
    en: 'Windows 10 / 11 / Server 2016 and later: the agent is part of Windows and is updated with it',
    ja: 'Windows 10 / 11 / Server 2016 以降: エージェントは Windows の一部で、Windows と一緒に更新されます',
  },
};

export const START_TYPE_NUMBER: Record<StartType, number> = { boot: 0, system: 1, auto: 2, manual: 3, disabled: 4 };
/** The names `sc qc` prints for each start type. */
export const START_TYPE_SC: Record<StartType, string> = {
  boot: 'BOOT_START',
  system: 'SYSTEM_START',
  auto: 'AUTO_START',
  manual: 'DEMAND_START',
  disabled: 'DISABLED',
};
export { START_TYPE_TEXT } from '../../../shared/change-text.js';

export const SERVICE_STATE_NUMBER: Record<ServiceState, number> = {
  stopped: 1,
  'start-pending': 2,
  'stop-pending': 3,
  running: 4,
  'continue-pending': 5,
  'pause-pending': 6,
  paused: 7,
};
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
