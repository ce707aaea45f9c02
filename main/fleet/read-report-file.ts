/**
 * Reads one file that should be a JSON report of `wsus-doctor check`. Never throws: a file that is
 * missing, too large, not JSON (a half-copied or truncated file), another program's JSON or a report
 * of another schema version comes back as a reason in words, so the merge can list and skip it.
 */
import { open } from 'node:fs/promises';
import { REPORT_SCHEMA_VERSION, ReportSchema, type Report } from '../../shared/report-model.js';
import type { L10n } from '../../shared/text.js';

/** A report of one machine is tens of kilobytes; anything far larger is not one. */
export const MAX_REPORT_BYTES = 4 * 1024 * 1024;

export type ReadOutcome = { ok: true; report: Report } | { ok: false; reason: L10n };

function errorCode(e: unknown): string {
  return e !== null && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : 'EUNKNOWN';
}

const OPEN_REASONS: Record<string, L10n> = {
  ENOENT: { en: 'the file does not exist (any more)', ja: 'ファイルが存在しません' },
  EACCES: { en: 'permission denied', ja: 'アクセスが拒否されました' },
  EPERM: { en: 'permission denied', ja: 'アクセスが拒否されました' },
  EBUSY: { en: 'the file is in use by another program', ja: 'ファイルが別のプログラムで使用中です' },
  EISDIR: { en: 'a folder, not a file', ja: 'ファイルではなくフォルダーです' },
};

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/** Why a parsed JSON value is not a report we can merge. */
function foreignReason(value: unknown, firstIssue: string): L10n {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !('schemaVersion' in value) || !('checks' in value)) {
    return { en: 'not a WSUS Self-Update Doctor report (other JSON)', ja: 'WSUS Self-Update Doctor のレポートではありません (別の JSON)' };
  }
  const version = (value as { schemaVersion: unknown }).schemaVersion;
  if (version !== REPORT_SCHEMA_VERSION) {
    const v = typeof version === 'number' || typeof version === 'string' ? String(version).slice(0, 20) : typeof version;
    return { en: `report schema version ${v} is not supported (this tool reads version ${REPORT_SCHEMA_VERSION})`, ja: `レポートのスキーマ バージョン ${v} には対応していません (対応: ${REPORT_SCHEMA_VERSION})` };
  }
  return { en: `does not match the report schema (${firstIssue})`, ja: `レポートのスキーマに適合しません (${firstIssue})` };
}

/** Reads, parses and validates one report file, reading at most maxBytes + 1 bytes. */
export async function readReportFile(path: string, maxBytes = MAX_REPORT_BYTES): Promise<ReadOutcome> {
  let text: string;
  try {
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat();
      if (!info.isFile()) return { ok: false, reason: { en: 'not a regular file', ja: '通常のファイルではありません' } };
      if (info.size > maxBytes) {
        return { ok: false, reason: { en: `too large for a report (${mib(info.size)} MiB; the limit is ${mib(maxBytes)} MiB)`, ja: `レポートとしては大きすぎます (${mib(info.size)} MiB、上限 ${mib(maxBytes)} MiB)` } };
      }
      // The size may change while we read (a report being copied in): never read past the limit.
      // allocUnsafe: only the bytes read (0..length) are ever looked at.
      const buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
        // Stop at the size stat gave (one read for a whole report); a file that grew shows as more.
        if (length >= info.size) break;
      }
      if (length > maxBytes) return { ok: false, reason: { en: `grew past ${mib(maxBytes)} MiB while being read`, ja: `読み取り中に ${mib(maxBytes)} MiB を超えました` } };
      text = buffer.toString('utf8', 0, length);
    } finally {
      await handle.close();
    }
  } catch (e) {
    const code = errorCode(e);
    return { ok: false, reason: OPEN_REASONS[code] ?? { en: `cannot be read (${code})`, ja: `読み取れません (${code})` } };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text.trim() === ''
      ? { ok: false, reason: { en: 'empty file', ja: '空のファイルです' } }
      : { ok: false, reason: { en: 'not valid JSON (truncated or damaged)', ja: '正しい JSON ではありません (途中で切れているか壊れています)' } };
  }
  const parsed = ReportSchema.safeParse(value);
  if (parsed.success) return { ok: true, report: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? issue.path.join('.') : '(root)';
  return { ok: false, reason: foreignReason(value, `${where}: ${issue?.message ?? 'invalid'}`.slice(0, 200)) };
}
