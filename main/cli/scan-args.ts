/** Command-line parsing for `scan-iis-log` and `scan-wu-log`. */
import { parseArgs } from 'node:util';
import { isLang, type Lang } from '../../shared/text.js';
import { UsageError } from '../app/errors.js';

export interface ScanIisArgs {
  command: 'scan-iis-log';
  inputs: string[];
  since?: Date;
  json?: string;
  lang?: Lang;
  threads?: number;
}

export interface ScanWuArgs {
  command: 'scan-wu-log';
  /** the log to read; absent with --generate */
  file?: string;
  /** --generate: run Get-WindowsUpdateLog first (Windows 10 and later; the flag is the user's consent) */
  generate?: true;
  json?: string;
  lang?: Lang;
  /** the policy's WUServer to compare with the servers in the log */
  server?: string;
}

function lang(value: string | undefined): Lang | undefined {
  if (value === undefined) return undefined;
  if (!isLang(value)) throw new UsageError(`--lang must be en or ja, not "${value}".`);
  return value;
}

function nonEmpty(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`--${name} needs a value.`);
  return value;
}

/**
 * --since: an ISO 8601 date or date and time. Without a time zone it is read as UTC, like the times in
 * IIS logs (which are UTC unless the server was set to log local time).
 */
export function parseSince(text: string): Date {
  const t = text.trim();
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,9})?)?)?(Z|[+-]\d\d:?\d\d)?$/.exec(t);
  if (!m) throw new UsageError(`--since must be an ISO date or date and time, such as 2024-05-01 or 2024-05-01T08:00Z, not "${text}".`);
  const withZone = m[4] === undefined ? `${m[1]}-${m[2]}-${m[3]}T00:00:00${m[7] ?? 'Z'}` : m[7] ? t.replace(' ', 'T') : `${t.replace(' ', 'T')}Z`;
  const d = new Date(withZone);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (Number.isNaN(d.getTime()) || month < 1 || month > 12 || day < 1 || day > 31) throw new UsageError(`--since: "${text}" is not a valid date.`);
  return d;
}

export function parseScanIis(args: readonly string[]): ScanIisArgs {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { since: { type: 'string' }, json: { type: 'string' }, lang: { type: 'string' }, threads: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError('scan-iis-log needs at least one log file or folder (for example C:\\inetpub\\logs\\LogFiles\\W3SVC1).');
  const out: ScanIisArgs = { command: 'scan-iis-log', inputs: positionals };
  const since = nonEmpty('since', values.since);
  if (since !== undefined) out.since = parseSince(since);
  const json = nonEmpty('json', values.json);
  if (json !== undefined) out.json = json;
  const l = lang(values.lang);
  if (l) out.lang = l;
  if (values.threads !== undefined) {
    if (!/^[1-8]$/.test(values.threads)) throw new UsageError('--threads must be a number from 1 to 8.');
    out.threads = Number(values.threads);
  }
  return out;
}

export function parseScanWu(args: readonly string[]): ScanWuArgs {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { json: { type: 'string' }, lang: { type: 'string' }, server: { type: 'string' }, generate: { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  let out: ScanWuArgs;
  if (values.generate) {
    if (positionals.length > 0) throw new UsageError('scan-wu-log --generate makes the log itself: give no log file with it.');
    out = { command: 'scan-wu-log', generate: true };
  } else {
    if (positionals.length !== 1) throw new UsageError('scan-wu-log needs exactly one log file (WindowsUpdate.log, or the file Get-WindowsUpdateLog wrote), or --generate to make one.');
    out = { command: 'scan-wu-log', file: positionals[0]! };
  }
  const json = nonEmpty('json', values.json);
  if (json !== undefined) out.json = json;
  const l = lang(values.lang);
  if (l) out.lang = l;
  const server = nonEmpty('server', values.server);
  if (server !== undefined) out.server = server;
  return out;
}
