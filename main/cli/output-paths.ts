/** Checks that a report can be written where the user asked, before any work is done. */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../app/errors.js';

export async function assertWritable(option: string, path: string): Promise<string> {
  const full = resolve(path);
  const dir = dirname(full);
  const dirInfo = await stat(dir).catch(() => null);
  if (!dirInfo) throw new UsageError(`--${option}: cannot write ${path}: the folder ${dir} does not exist.`);
  if (!dirInfo.isDirectory()) throw new UsageError(`--${option}: cannot write ${path}: ${dir} is not a folder.`);
  const existing = await stat(full).catch(() => null);
  if (existing?.isDirectory()) throw new UsageError(`--${option}: ${path} is a folder; give a file name.`);
  try {
    await access(dir, constants.W_OK);
    if (existing) await access(full, constants.W_OK);
  } catch {
    throw new UsageError(`--${option}: cannot write ${path}: permission denied.`);
  }
  return full;
}

/** Checks that a folder exists and can be written to (for --json-dir: a local folder or a share). */
export async function assertWritableFolder(option: string, path: string): Promise<string> {
  const full = resolve(path);
  const info = await stat(full).catch(() => null);
  if (!info) throw new UsageError(`--${option}: the folder ${path} does not exist.`);
  if (!info.isDirectory()) throw new UsageError(`--${option}: ${path} is not a folder.`);
  try {
    await access(full, constants.W_OK);
  } catch {
    throw new UsageError(`--${option}: cannot write into ${path}: permission denied.`);
  }
  return full;
}
