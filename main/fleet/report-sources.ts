/**
 * The files a merge reads: each argument is a report file or a folder whose *.json files are read
 * (not its subfolders: a collecting share is flat). Folders are listed as a stream, so a share with
 * 20,000 reports is never held as one array.
 */
import { opendir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { L10n } from '../../shared/text.js';

export type Source = { file: string } | { file: string; skip: L10n };

const IS_REPORT_NAME = /\.json$/i;

export async function* reportSources(inputs: readonly string[]): AsyncGenerator<Source> {
  for (const input of inputs) {
    const full = resolve(input);
    const info = await stat(full).catch(() => null);
    if (!info) {
      yield { file: input, skip: { en: 'no such file or folder', ja: 'そのファイルまたはフォルダーはありません' } };
      continue;
    }
    if (info.isFile()) {
      yield { file: full };
      continue;
    }
    if (!info.isDirectory()) {
      yield { file: input, skip: { en: 'not a file or folder', ja: 'ファイルでもフォルダーでもありません' } };
      continue;
    }
    let dir;
    try {
      dir = await opendir(full, { bufferSize: 256 });
    } catch {
      yield { file: input, skip: { en: 'the folder cannot be listed (permission denied?)', ja: 'フォルダーの内容を一覧できません (アクセス権がない可能性があります)' } };
      continue;
    }
    for await (const entry of dir) {
      if ((entry.isFile() || entry.isSymbolicLink()) && IS_REPORT_NAME.test(entry.name)) yield { file: join(full, entry.name) };
    }
  }
}
