/**
 * Writes reports to disk. The JSON report is validated against the schema first (a bug must never
 * produce an invalid report), and every file is written atomically: a temporary file in the same
 * folder, flushed, then renamed over the target. A reader (or a ticket system picking the file up)
 * sees either the old file or the complete new one, never half a report.
 *
 * File-system failures become a ReportWriteError with a one-line message that names the path and
 * the reason in words ("Cannot write report.json: permission denied").
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ReportSchema, type Report } from '../../shared/report-model.js';
import type { L10n, Lang } from '../../shared/text.js';

export class ReportWriteError extends Error {
  override readonly name = 'ReportWriteError';
  /** The path as the caller gave it. */
  readonly path: string;
  /** The Node error code (EACCES, ENOENT, …), or EINVALIDREPORT when the report failed validation. */
  readonly code: string;
  /** The reason in both languages; `message` is the English one-liner. */
  readonly reason: L10n;

  constructor(path: string, code: string, reason: L10n, options?: { cause?: unknown }) {
    super(`Cannot write ${path}: ${reason.en}`, options);
    this.path = path;
    this.code = code;
    this.reason = reason;
  }

  /** The one-line message in a language. */
  messageIn(lang: Lang): string {
    return lang === 'ja' ? `${this.path} に書き込めません: ${this.reason.ja}` : this.message;
  }
}

const REASONS: Record<string, L10n> = {
  EACCES: { en: 'permission denied', ja: 'アクセスが拒否されました' },
  EPERM: { en: 'permission denied', ja: 'アクセスが拒否されました' },
  EROFS: { en: 'the location is read-only', ja: '書き込み先は読み取り専用です' },
  ENOSPC: { en: 'the disk is full', ja: 'ディスクの空き容量がありません' },
  EDQUOT: { en: 'the disk quota is exceeded', ja: 'ディスク クォータを超えています' },
  EISDIR: { en: 'a folder with that name exists', ja: '同じ名前のフォルダーがあります' },
  ENOTDIR: { en: 'a part of the path is a file, not a folder', ja: 'パスの途中にフォルダーではなくファイルがあります' },
  EBUSY: { en: 'the file is in use by another program', ja: 'ファイルが別のプログラムで使用中です' },
  ETXTBSY: { en: 'the file is in use by another program', ja: 'ファイルが別のプログラムで使用中です' },
  ENAMETOOLONG: { en: 'the path is too long', ja: 'パスが長すぎます' },
  EINVAL: { en: 'the file name is not valid here', ja: 'このファイル名は使用できません' },
  EMFILE: { en: 'too many files are open', ja: '開いているファイルが多すぎます' },
  EIO: { en: 'the disk or network reported an input/output error', ja: 'ディスクまたはネットワークで入出力エラーが発生しました' },
  EXDEV: { en: 'the temporary file could not be moved into place', ja: '一時ファイルを移動できませんでした' },
};

const FOLDER_MISSING: L10n = { en: 'folder does not exist', ja: 'フォルダーが存在しません' };

function errorCode(e: unknown): string | undefined {
  return e !== null && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function toWriteError(path: string, e: unknown): Promise<ReportWriteError> {
  if (e instanceof ReportWriteError) return e;
  const code = errorCode(e) ?? 'EUNKNOWN';
  let reason = REASONS[code];
  if (code === 'ENOENT') {
    reason = (await isDirectory(dirname(path))) ? { en: 'the path could not be found', ja: 'パスが見つかりません' } : FOLDER_MISSING;
  }
  if (!reason) {
    const detail = (e instanceof Error ? e.message : String(e)).split(/\r?\n/)[0] ?? '';
    reason = { en: `unexpected error (${code}: ${detail})`, ja: `予期しないエラー (${code}: ${detail})` };
  }
  return new ReportWriteError(path, code, reason, { cause: e });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** On Windows a virus scanner or the indexer briefly holds new files open; retry the rename a few times. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  const transient = new Set(['EPERM', 'EACCES', 'EBUSY']);
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (e) {
      if (process.platform !== 'win32' || attempt >= 4 || !transient.has(errorCode(e) ?? '')) throw e;
      await delay(50 * (attempt + 1));
    }
  }
}

/**
 * Writes text to `path` atomically (temporary file in the same folder, flush, rename). On failure
 * the temporary file is removed and a ReportWriteError is thrown; the target is left as it was.
 */
export async function writeTextFileAtomic(path: string, text: string | Iterable<string>): Promise<void> {
  if (await isDirectory(path)) throw new ReportWriteError(path, 'EISDIR', REASONS.EISDIR!);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(tmp, 'wx');
    if (typeof text === 'string') await handle.writeFile(text, 'utf8');
    else await writeChunks(handle, text);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await renameWithRetry(tmp, path);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await rm(tmp, { force: true }).catch(() => undefined);
    throw await toWriteError(path, e);
  }
}

/** Writes text produced piece by piece (a fleet's CSV row by row) without holding it all, in 1 MB writes. */
async function writeChunks(handle: FileHandle, chunks: Iterable<string>): Promise<void> {
  let pending: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    pending.push(chunk);
    size += chunk.length;
    if (size >= 1 << 20) {
      await handle.write(pending.join(''), null, 'utf8');
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) await handle.write(pending.join(''), null, 'utf8');
}

/** Validates the report against the schema, then writes it as indented UTF-8 JSON. */
export async function writeJsonReport(path: string, report: Report): Promise<void> {
  const parsed = ReportSchema.safeParse(report);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? issue.path.join('.') : '(root)';
    const what = `${where}: ${issue?.message ?? 'invalid'}`;
    throw new ReportWriteError(
      path,
      'EINVALIDREPORT',
      {
        en: `the report is not valid against the report schema (${what}); this is a bug in the tool, please report it`,
        ja: `レポートがスキーマに適合しません (${what})。ツールの不具合です。報告してください`,
      },
      { cause: parsed.error },
    );
  }
  await writeTextFileAtomic(path, `${JSON.stringify(parsed.data, null, 2)}\n`);
}

/** Writes the HTML report (from renderHtmlReport) atomically. */
export async function writeHtmlReport(path: string, html: string): Promise<void> {
  await writeTextFileAtomic(path, html);
}
