/**
 * Which files `scan-iis-log` reads: files named on the command line as they are, and in a folder the
 * IIS log files ((u_)exYYMMDD.log, also with the _x suffix of IIS's custom logging), oldest first. A
 * folder such as ...\inetpub\logs\LogFiles that holds W3SVC<id> folders is read one level down.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export { IIS_LOG_NAME } from './names.js';
import { IIS_LOG_NAME } from './names.js';
const MAX_FILES = 10_000;

export interface IisInputs {
  files: string[];
  /** inputs that could not be used, with the reason in English */
  problems: { path: string; message: string }[];
}

async function logsIn(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).sort();
  const logs = names.filter((n) => IIS_LOG_NAME.test(n)).map((n) => join(dir, n));
  if (logs.length > 0) return logs;
  const out: string[] = [];
  for (const n of names.filter((x) => /^W3SVC\d+$/i.test(x))) {
    const sub = join(dir, n);
    if ((await stat(sub).catch(() => null))?.isDirectory()) {
      out.push(...(await readdir(sub)).sort().filter((x) => IIS_LOG_NAME.test(x)).map((x) => join(sub, x)));
    }
  }
  return out;
}

export async function expandIisInputs(inputs: readonly string[]): Promise<IisInputs> {
  const files: string[] = [];
  const problems: IisInputs['problems'] = [];
  for (const input of inputs) {
    const s = await stat(input).catch((e: NodeJS.ErrnoException) => e);
    if (s instanceof Error) {
      problems.push({ path: input, message: s.code === 'ENOENT' ? 'not found' : s.message });
      continue;
    }
    if (s.isDirectory()) {
      const found = await logsIn(input).catch((e: Error) => {
        problems.push({ path: input, message: e.message });
        return [];
      });
      if (found.length === 0) problems.push({ path: input, message: 'no IIS log files (exYYMMDD.log or u_exYYMMDD.log) in this folder' });
      files.push(...found);
    } else files.push(input);
    if (files.length > MAX_FILES) {
      problems.push({ path: input, message: `more than ${MAX_FILES} files; the rest were left out` });
      files.length = MAX_FILES;
      break;
    }
  }
  return { files: [...new Set(files)], problems };
}
