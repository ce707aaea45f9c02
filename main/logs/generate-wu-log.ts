/**
 * Makes a readable Windows Update log on Windows 10 and later, where the agent writes binary ETW traces:
 * PowerShell's Get-WindowsUpdateLog converts them into one text file (it takes minutes). The output path
 * travels in the child's environment (WSUS_DOCTOR_WU_LOG), never on its command line, so nothing in the
 * path can change the command. Only `wsus-doctor scan-wu-log --generate` runs it: the flag is the consent.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join, dirname, win32 } from 'node:path';
import type { CommandRunner } from '../adapters/types.js';
import { powershellArgs, summariseOutput, systemBinary } from '../adapters/windows/command-runner.js';
import { UsageError } from '../app/errors.js';

/** The environment variable that carries the output path to PowerShell. */
export const WU_LOG_PATH_VARIABLE = 'WSUS_DOCTOR_WU_LOG';
/** Get-WindowsUpdateLog converts every trace file and can run for several minutes; this is generous. */
export const GENERATE_TIMEOUT_MS = 10 * 60_000;
/** Its console output is progress text only; bounded anyway. */
const GENERATE_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

/** A failure to make the log: one clear line and exit 2, like a usage error. */
export class WuLogGenerateError extends UsageError {
  override name = 'WuLogGenerateError';
}

export interface WuLogGeneration {
  /** absolute path of Windows PowerShell 5.1 */
  file: string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
  /** where the log is written: <data folder>\logs\WindowsUpdate-<UTC time>.log */
  logPath: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "20261120-093005": the UTC time, sortable, safe in a file name. */
export function generationStamp(now: Date): string {
  return `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
}

/** What runs: the program, its fixed arguments, and the output path in the environment. */
export function planWuLogGeneration(opts: { dataDir: string; now: Date; env?: NodeJS.ProcessEnv; arch?: string }): WuLogGeneration {
  // a Windows data folder is joined with backslashes whatever the host (tests run elsewhere)
  const pathJoin = /^[A-Za-z]:\\/.test(opts.dataDir) ? win32.join : join;
  const logPath = pathJoin(opts.dataDir, 'logs', `WindowsUpdate-${generationStamp(opts.now)}.log`);
  return {
    file: systemBinary('WindowsPowerShell\\v1.0\\powershell.exe', { ...(opts.env ? { env: opts.env } : {}), ...(opts.arch ? { arch: opts.arch } : {}) }),
    args: powershellArgs(`Get-WindowsUpdateLog -LogPath $env:${WU_LOG_PATH_VARIABLE}`),
    env: { [WU_LOG_PATH_VARIABLE]: logPath },
    timeoutMs: GENERATE_TIMEOUT_MS,
    logPath,
  };
}

export interface GenerateDeps {
  runner: CommandRunner;
  signal?: AbortSignal;
}

async function fileSize(path: string): Promise<number | null> {
  const info = await stat(path).catch(() => null);
  return info && info.isFile() ? info.size : null;
}

/** Runs Get-WindowsUpdateLog as planned and returns the path of the log it wrote. */
export async function generateWindowsUpdateLog(plan: WuLogGeneration, deps: GenerateDeps): Promise<string> {
  const folder = /^[A-Za-z]:\\/.test(plan.logPath) ? win32.dirname(plan.logPath) : dirname(plan.logPath);
  try {
    await mkdir(folder, { recursive: true });
  } catch (e) {
    throw new WuLogGenerateError(`Cannot create the folder ${folder} for the Windows Update log (${e instanceof Error ? e.message : String(e)}).`);
  }
  let result;
  try {
    result = await deps.runner.run(plan.file, plan.args, {
      env: plan.env,
      timeoutMs: plan.timeoutMs,
      maxOutputBytes: GENERATE_MAX_OUTPUT_BYTES,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
  } catch (e) {
    throw new WuLogGenerateError(`Get-WindowsUpdateLog could not be run: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (result.exitCode !== 0) {
    const said = summariseOutput(result);
    throw new WuLogGenerateError(`Get-WindowsUpdateLog failed (exit code ${result.exitCode})${said ? `: ${said}` : ''}.`);
  }
  const size = await fileSize(plan.logPath);
  if (size === null) throw new WuLogGenerateError(`Get-WindowsUpdateLog finished but wrote no file at ${plan.logPath}.`);
  return plan.logPath;
}
