/**
 * The timestamps older Automatic Updates clients keep in
 * HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update:
 * DetectionStartTime (local time of the machine) and LastWaitTimeout (UTC), both REG_SZ
 * "YYYY.MM.DD HH.MM.SS". Samples seen in the wild use ":" between the time fields, so both are accepted.
 */
import type { L10n } from '../../../shared/text.js';
import type { Clock } from '../../adapters/types.js';

export interface AuTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const AU_TIME = /^\s*(\d{4})[./-](\d{1,2})[./-](\d{1,2})[ T]+(\d{1,2})[.:](\d{1,2})[.:](\d{1,2})\s*$/;

/** Parses an AU timestamp; null for anything else (never throws, whatever the input). */
export function parseAuTime(text: unknown): AuTime | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  const m = AU_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (year < 1980 || year > 2200 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  return { year, month, day, hour, minute, second };
}

/** The instant, reading the fields as UTC (LastWaitTimeout). */
export function auTimeAsUtc(t: AuTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

/** The instant, reading the fields as the machine's local time (DetectionStartTime). */
export function auTimeAsLocal(t: AuTime, clock: Clock): number {
  const wall = auTimeAsUtc(t);
  // First guess with the offset of "now", then correct with the offset at the instant found (DST changes).
  let utc = wall - clock.utcOffsetMinutes(new Date(wall)) * 60_000;
  utc = wall - clock.utcOffsetMinutes(new Date(utc)) * 60_000;
  return utc;
}

/** How far ahead of "now" a LastWaitTimeout means "could not reach the server, retry in a day". */
export const DAY_RETRY_MIN_HOURS = 20;
export const DAY_RETRY_MAX_HOURS = 28;

/** AUState meanings, from a community FAQ about the XP-era client; not documented for later versions. */
export const AU_STATE_TEXT: Record<number, L10n> = {
  0: { en: 'initial 24-hour wait after setup', ja: 'セットアップ後の最初の 24 時間の待機' },
  1: { en: 'waiting for the user to run the Automatic Updates wizard', ja: 'ユーザーが自動更新ウィザードを実行するのを待機' },
  2: { en: 'detection pending', ja: '検出待ち' },
  3: { en: 'download pending (waiting for the user to accept)', ja: 'ダウンロード待ち (ユーザーの承諾待ち)' },
  4: { en: 'downloading', ja: 'ダウンロード中' },
  5: { en: 'install pending', ja: 'インストール待ち' },
  6: { en: 'install complete', ja: 'インストール完了' },
  7: { en: 'Automatic Updates disabled', ja: '自動更新が無効' },
  8: { en: 'restart pending', ja: '再起動待ち' },
};
