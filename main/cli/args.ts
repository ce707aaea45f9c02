/** Command-line parsing and validation. Everything the user typed is checked here, before any work. */
import { parseArgs } from 'node:util';
import { isLang, type Lang } from '../../shared/text.js';
import { isRole, type Role } from '../../shared/status.js';
import { parseScanIis, parseScanWu, type ScanIisArgs, type ScanWuArgs } from './scan-args.js';
import { UsageError } from '../app/errors.js';
import { isJournalId } from '../fixes/journal.js';

export interface CheckArgs {
  command: 'check';
  role?: Role;
  server?: string;
  scenario?: string;
  json?: string;
  /** a folder (local or a share) where the JSON report is written as <computer name>.json */
  jsonDir?: string;
  html?: string;
  lang: Lang;
  timeoutMs?: number;
  fixIds: string[];
  fixAll: boolean;
  dryRun: boolean;
  yes: boolean;
  redact: boolean;
}

export interface MergeArgs {
  command: 'merge';
  /** report files and folders holding them */
  inputs: string[];
  html?: string;
  json?: string;
  csv?: string;
  lang: Lang;
}

/** `recover`: an interrupted fix (found open in the journal) rolled back or finished. */
export interface RecoverArgs {
  command: 'recover';
  /** without an action, lists the interrupted fixes and what each action would do */
  action?: 'rollback' | 'finish';
  /** one journal entry; required when several are open */
  id?: string;
  dryRun: boolean;
  yes: boolean;
  lang: Lang;
}

export type Command =
  | CheckArgs
  | MergeArgs
  | { command: 'scenarios'; lang: Lang; json: boolean }
  | { command: 'undo'; backup: string; dryRun: boolean; yes: boolean; lang: Lang }
  | RecoverArgs
  | { command: 'emulate'; scenario: string; host: string; port: number; port80?: number }
  | { command: 'help'; topic?: string }
  | { command: 'version' }
  | (ScanIisArgs & { lang: Lang })
  | (ScanWuArgs & { lang: Lang });

export const USAGE = `Usage:
  wsus-doctor check [--role client|server|remote] [--server URL] [--scenario NAME|FILE.json]
                    [--json FILE] [--json-dir DIR] [--html FILE] [--lang en|ja] [--timeout MS] [--redact]
                    [--fix ID[,ID...] | --fix-all] [--dry-run] [--yes]
                                          --json-dir writes DIR\\<computer name>.json (a share for a fleet)
  wsus-doctor merge FILES_OR_FOLDERS... [--html FILE] [--json FILE] [--csv FILE] [--lang en|ja]
                                          one fleet report from many JSON reports
  wsus-doctor scenarios [--json]          list the built-in simulated machines
  wsus-doctor undo BACKUP_FILE [--dry-run] [--yes]
                                          restore what a fix changed, from its backup
  wsus-doctor recover [--rollback | --finish] [--id ID] [--dry-run] [--yes]
                                          a fix that was interrupted (process killed): list it, roll it back or finish it
  wsus-doctor emulate --scenario NAME [--port N] [--port80 N] [--host 127.0.0.1]
                                          serve a scenario's WSUS server (and its faults) on loopback
  wsus-doctor scan-iis-log FILE_OR_FOLDER... [--since ISO] [--json FILE] [--lang en|ja] [--threads N]
                                          explain a WSUS site's IIS logs (u_exYYMMDD.log, exYYMMDD.log)
  wsus-doctor scan-wu-log FILE [--server URL] [--json FILE] [--lang en|ja]
                                          explain a client's WindowsUpdate.log (legacy or Get-WindowsUpdateLog)
  wsus-doctor scan-wu-log --generate [--server URL] [--json FILE] [--lang en|ja]
                                          Windows 10 and later: run Get-WindowsUpdateLog (takes minutes) into
                                          %ProgramData%\\WSUS Self-Update Doctor\\logs, then explain it;
                                          giving --generate is your consent to run it

Exit status: 0 no check failed, 1 at least one check failed (or could not run), 2 usage or tool error.
merge: 0 no merged machine has a failed check, 1 at least one has, 2 usage error or no readable report.
Without --role: server if WSUS is installed, client on other Windows machines; elsewhere give
--scenario (a simulated machine) or --server (remote checks of a WSUS server).
--fix-all applies the automatic fixes of every failed check; fixes for warnings are applied by id.
Nothing is changed without confirmation: you are asked first, or give --yes. --dry-run only shows the plan.`;

function defaultLang(): Lang {
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  if (/^ja/i.test(env)) return 'ja';
  try {
    if (/^ja/i.test(Intl.DateTimeFormat().resolvedOptions().locale)) return 'ja';
  } catch {
    // fall through
  }
  return 'en';
}

function parseLang(value: string | undefined): Lang {
  if (value === undefined) return defaultLang();
  if (!isLang(value)) throw new UsageError(`--lang must be en or ja, not "${value}".`);
  return value;
}

function requireValue(name: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`--${name} needs a value.`);
  return value;
}

const FIX_ID = /^[a-z0-9][a-z0-9.:-]{0,127}$/;

export function parseCommandLine(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === 'version' || command === '--version' || command === '-v') return { command: 'version' };
  try {
    switch (command) {
      case 'check':
        return parseCheck(rest);
      case 'scenarios': {
        const { values } = parseArgs({ args: [...rest], options: { json: { type: 'boolean', default: false }, lang: { type: 'string' } }, strict: true, allowPositionals: false });
        return { command: 'scenarios', json: values.json ?? false, lang: parseLang(values.lang) };
      }
      case 'undo': {
        const { values, positionals } = parseArgs({
          args: [...rest],
          options: { 'dry-run': { type: 'boolean', default: false }, yes: { type: 'boolean', default: false }, lang: { type: 'string' } },
          strict: true,
          allowPositionals: true,
        });
        if (positionals.length !== 1) throw new UsageError('undo needs exactly one backup file (the path shown under "Fixes applied").');
        return { command: 'undo', backup: positionals[0]!, dryRun: values['dry-run'] ?? false, yes: values.yes ?? false, lang: parseLang(values.lang) };
      }
      case 'recover':
        return parseRecover(rest);
      case 'emulate':
        return parseEmulate(rest);
      case 'merge':
        return parseMerge(rest);
      case 'scan-iis-log': {
        const c = parseScanIis(rest);
        return { ...c, lang: c.lang ?? defaultLang() };
      }
      case 'scan-wu-log': {
        const c = parseScanWu(rest);
        return { ...c, lang: c.lang ?? defaultLang() };
      }
      default:
        throw new UsageError(`Unknown command "${command}". Commands: check, scenarios, undo, recover, emulate, merge (wsus-doctor --help).`);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // parseArgs reports unknown options and missing values with its own message: keep it, one line.
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0]! : String(e));
  }
}

function parseRecover(args: string[]): RecoverArgs {
  const { values } = parseArgs({
    args,
    options: {
      rollback: { type: 'boolean', default: false },
      finish: { type: 'boolean', default: false },
      id: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      lang: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.rollback && values.finish) throw new UsageError('Give either --rollback or --finish, not both.');
  const out: RecoverArgs = { command: 'recover', dryRun: values['dry-run'] ?? false, yes: values.yes ?? false, lang: parseLang(values.lang) };
  if (values.rollback) out.action = 'rollback';
  if (values.finish) out.action = 'finish';
  const id = requireValue('id', values.id);
  if (id !== undefined) {
    if (!isJournalId(id)) throw new UsageError(`--id: "${id}" is not a journal entry id (run wsus-doctor recover to list them).`);
    out.id = id;
  }
  if ((out.dryRun || out.yes) && !out.action) throw new UsageError('--dry-run and --yes go with --rollback or --finish.');
  return out;
}

function parseCheck(args: string[]): CheckArgs {
  const { values, positionals } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      server: { type: 'string' },
      scenario: { type: 'string' },
      json: { type: 'string' },
      'json-dir': { type: 'string' },
      html: { type: 'string' },
      lang: { type: 'string' },
      timeout: { type: 'string' },
      fix: { type: 'string', multiple: true },
      'fix-all': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      redact: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}". Options start with --.`);
  const out: CheckArgs = {
    command: 'check',
    lang: parseLang(values.lang),
    fixIds: [],
    fixAll: values['fix-all'] ?? false,
    dryRun: values['dry-run'] ?? false,
    yes: values.yes ?? false,
    redact: values.redact ?? false,
  };
  if (values.role !== undefined) {
    if (!isRole(values.role)) throw new UsageError(`--role must be client, server or remote, not "${values.role}".`);
    out.role = values.role;
  }
  const server = requireValue('server', values.server);
  if (server !== undefined) out.server = server;
  const scenario = requireValue('scenario', values.scenario);
  if (scenario !== undefined) out.scenario = scenario;
  const json = requireValue('json', values.json);
  if (json !== undefined) out.json = json;
  const jsonDir = requireValue('json-dir', values['json-dir']);
  if (jsonDir !== undefined) out.jsonDir = jsonDir;
  const html = requireValue('html', values.html);
  if (html !== undefined) out.html = html;
  if (values.timeout !== undefined) {
    const n = Number(values.timeout);
    if (!/^\d{1,7}$/.test(values.timeout) || n < 100 || n > 600_000) throw new UsageError('--timeout is in milliseconds, from 100 to 600000.');
    out.timeoutMs = n;
  }
  for (const list of values.fix ?? []) {
    for (const id of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      if (!FIX_ID.test(id)) throw new UsageError(`--fix: "${id}" is not a fix or check id.`);
      out.fixIds.push(id);
    }
  }
  if (values.fix !== undefined && out.fixIds.length === 0) throw new UsageError('--fix needs at least one fix or check id.');
  if (out.fixAll && out.fixIds.length > 0) throw new UsageError('Give either --fix ID,... or --fix-all, not both.');
  if ((out.dryRun || out.yes) && !out.fixAll && out.fixIds.length === 0) throw new UsageError('--dry-run and --yes go with --fix or --fix-all.');
  if (out.json !== undefined && out.html !== undefined && out.json === out.html) throw new UsageError('--json and --html must be different files.');
  if (out.jsonDir !== undefined && out.redact) {
    throw new UsageError('--json-dir names each file after the computer, which --redact hides: give --json FILE with --redact.');
  }
  return out;
}

function parseMerge(args: string[]): MergeArgs {
  const { values, positionals } = parseArgs({
    args,
    options: { html: { type: 'string' }, json: { type: 'string' }, csv: { type: 'string' }, lang: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const inputs = positionals.filter((p) => p.trim() !== '');
  if (inputs.length === 0) throw new UsageError('merge needs at least one JSON report or a folder of them (wsus-doctor merge \\\\server\\reports --html fleet.html).');
  const out: MergeArgs = { command: 'merge', inputs, lang: parseLang(values.lang) };
  const outputs: string[] = [];
  for (const name of ['html', 'json', 'csv'] as const) {
    const value = requireValue(name, values[name]);
    if (value === undefined) continue;
    if (outputs.includes(value)) throw new UsageError('--html, --json and --csv must be different files.');
    outputs.push(value);
    out[name] = value;
  }
  return out;
}

function parsePort(option: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d{1,5}$/.test(text) || n > 65535) throw new UsageError(`--${option} must be a port number from 0 to 65535 (0 picks a free one).`);
  return n;
}

function parseEmulate(args: string[]): Command {
  const { values, positionals } = parseArgs({
    args,
    options: { scenario: { type: 'string' }, port: { type: 'string' }, port80: { type: 'string' }, host: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}". Options start with --.`);
  const scenario = requireValue('scenario', values.scenario);
  if (scenario === undefined) throw new UsageError('emulate needs --scenario NAME (see: wsus-doctor scenarios).');
  const host = values.host ?? '127.0.0.1';
  if (!/^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/.test(host)) {
    throw new UsageError('--host must be a loopback address (127.0.0.1, ::1 or localhost): the emulator serves faults and is not for a network.');
  }
  const out: Command = { command: 'emulate', scenario, host, port: parsePort('port', values.port, 8530) };
  if (values.port80 !== undefined) out.port80 = parsePort('port80', values.port80, 0);
  return out;
}
