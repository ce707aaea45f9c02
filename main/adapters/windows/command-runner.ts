/**
 * The real CommandRunner: runs a system binary by absolute path with an argument array through
 * child_process.execFile (never a shell), with a timeout that kills the child, an output bound,
 * AbortSignal support and optional stdin input. A non-zero exit code is a result, not an error;
 * failing to start, timing out, overflowing the output bound or being aborted are errors.
 */
import { execFile, type ExecFileException } from 'node:child_process';
import { posix, win32 } from 'node:path';
import type { CommandResult, CommandRunner } from '../types.js';

export const DEFAULT_COMMAND_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export interface CommandRunnerDefaults {
  timeoutMs?: number;
  maxOutputBytes?: number;
}

/** Raised for everything that is not "the program ran and exited with a code". */
export class CommandError extends Error {
  readonly file: string;
  readonly reason: 'spawn' | 'timeout' | 'output-too-large' | 'aborted' | 'signal' | 'invalid';
  constructor(file: string, reason: CommandError['reason'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = reason === 'aborted' ? 'AbortError' : 'CommandError';
    this.file = file;
    this.reason = reason;
  }
}

function positiveInt(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}

export function createCommandRunner(defaults: CommandRunnerDefaults = {}): CommandRunner {
  const defaultTimeout = positiveInt(defaults.timeoutMs, DEFAULT_COMMAND_TIMEOUT_MS);
  const defaultMax = positiveInt(defaults.maxOutputBytes, DEFAULT_MAX_OUTPUT_BYTES);
  return {
    run(file, args, options = {}) {
      const timeoutMs = positiveInt(options.timeoutMs, defaultTimeout);
      const maxBuffer = positiveInt(options.maxOutputBytes, defaultMax);
      const { signal, input, env } = options;
      return new Promise<CommandResult>((resolve, reject) => {
        if (typeof file !== 'string' || !(win32.isAbsolute(file) || posix.isAbsolute(file)) || file.includes('\0')) {
          reject(new CommandError(String(file), 'invalid', `Refusing to run "${String(file)}": a program must be given by its absolute path.`));
          return;
        }
        if (!Array.isArray(args) || args.some((a) => typeof a !== 'string' || a.includes('\0'))) {
          reject(new CommandError(file, 'invalid', `Refusing to run ${baseName(file)}: every argument must be a string without NUL characters.`));
          return;
        }
        if (signal?.aborted) {
          reject(abortError(file, signal));
          return;
        }
        let child;
        try {
          child = execFile(
            file,
            [...args],
            {
              encoding: 'buffer',
              windowsHide: true,
              shell: false,
              windowsVerbatimArguments: false,
              timeout: timeoutMs,
              killSignal: 'SIGKILL',
              maxBuffer,
              ...(signal ? { signal } : {}),
              ...(env ? { env: { ...process.env, ...env } } : {}),
            },
            (err: ExecFileException | null, stdout: Buffer, stderr: Buffer) => {
              const out = Buffer.isBuffer(stdout) ? stdout : Buffer.from(stdout ?? '');
              const errOut = Buffer.isBuffer(stderr) ? stderr : Buffer.from(stderr ?? '');
              if (!err) {
                resolve({ exitCode: 0, stdout: out, stderr: errOut });
                return;
              }
              if (err.name === 'AbortError' || (err.code as unknown) === 'ABORT_ERR' || signal?.aborted) {
                reject(abortError(file, signal));
                return;
              }
              if ((err.code as unknown) === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
                reject(new CommandError(file, 'output-too-large', `${baseName(file)} wrote more than ${maxBuffer} bytes of output; it was stopped.`, { cause: err }));
                return;
              }
              if (err.killed && err.signal) {
                reject(new CommandError(file, 'timeout', `${baseName(file)} did not finish within ${timeoutMs} ms; it was stopped.`, { cause: err }));
                return;
              }
              if (typeof err.code === 'number') {
                resolve({ exitCode: err.code, stdout: out, stderr: errOut });
                return;
              }
              if (typeof err.code === 'string') {
                reject(new CommandError(file, 'spawn', `Could not start ${file}: ${err.code} (${err.message}).`, { cause: err }));
                return;
              }
              if (err.signal) {
                reject(new CommandError(file, 'signal', `${baseName(file)} was terminated by ${err.signal}.`, { cause: err }));
                return;
              }
              reject(new CommandError(file, 'spawn', `${baseName(file)} failed: ${err.message}`, { cause: err }));
            },
          );
        } catch (e) {
          reject(new CommandError(file, 'spawn', `Could not start ${file}: ${e instanceof Error ? e.message : String(e)}`, { cause: e }));
          return;
        }
        // A program that prompts must see end-of-input, never wait for us.
        child.stdin?.on('error', () => undefined);
        if (input !== undefined) child.stdin?.end(input);
        else child.stdin?.end();
      });
    },
  };
}

function abortError(file: string, signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  return new CommandError(file, 'aborted', `${baseName(file)} was cancelled.`);
}

/** The system binaries the tool may run. Anything else is refused. */
export const SYSTEM_BINARIES = [
  'reg.exe',
  'sc.exe',
  'whoami.exe',
  'cscript.exe',
  'net.exe',
  'netsh.exe',
  'icacls.exe',
  'wevtutil.exe',
  'wuauclt.exe',
  'usoclient.exe',
  'ipconfig.exe',
  'nslookup.exe',
  'ping.exe',
  'inetsrv\\appcmd.exe',
  'WindowsPowerShell\\v1.0\\powershell.exe',
] as const;
export type SystemBinary = (typeof SYSTEM_BINARIES)[number];

const DEFAULT_SYSTEM_ROOT = 'C:\\Windows';

/** A Windows absolute folder path like `C:\Windows`: drive letter, backslashes, no reserved characters, no `..`. */
export function isSafeWindowsFolder(value: unknown): value is string {
  if (typeof value !== 'string' || value.length < 3 || value.length > 240) return false;
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (!/^[A-Za-z]:\\[^<>:"/|?*\u0000-\u001f]*$/.test(value)) return false;
  return !value.split('\\').some((part) => part === '..' || part === '.');
}

/** process.env.SystemRoot when it looks like `X:\...`, else C:\Windows; no trailing backslash. */
export function systemRoot(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.SystemRoot, env.SYSTEMROOT, env.windir, env.WINDIR];
  for (const c of candidates) if (isSafeWindowsFolder(c)) return c.replace(/\\+$/, '');
  return DEFAULT_SYSTEM_ROOT;
}

export interface SystemBinaryOptions {
  env?: NodeJS.ProcessEnv;
  /** process.arch; a 32-bit process on 64-bit Windows uses Sysnative to reach the 64-bit tools. */
  arch?: string;
}

/**
 * Absolute path of an allowed system binary: `${SystemRoot}\System32\<name>`. A 32-bit process on
 * 64-bit Windows (WOW64) gets `Sysnative` instead, so reg.exe sees the 64-bit registry view.
 */
export function systemBinary(name: string, options: SystemBinaryOptions = {}): string {
  const wanted = SYSTEM_BINARIES.find((b) => b.toLowerCase() === String(name).toLowerCase());
  if (!wanted) throw new Error(`"${String(name)}" is not one of the system programs this tool may run.`);
  const env = options.env ?? process.env;
  const arch = options.arch ?? process.arch;
  const wow64 = arch === 'ia32' && typeof env.PROCESSOR_ARCHITEW6432 === 'string' && env.PROCESSOR_ARCHITEW6432.length > 0;
  return `${systemRoot(env)}\\${wow64 ? 'Sysnative' : 'System32'}\\${wanted}`;
}

/**
 * The arguments that make Windows PowerShell run one fixed command and exit: no profile, never a
 * prompt, and no execution policy in the way of the modules the command loads. Values from the machine
 * or the user go to the command through environment variables (CommandRunner's `env`), or are
 * validated first; they are never spliced in unchecked.
 */
export function powershellArgs(command: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', command];
}

/**
 * Best-effort text of a console program's output for messages shown to a person. Console tools
 * write in the OEM code page, which we cannot know reliably: UTF-16LE when it looks like that,
 * UTF-8 when it is valid UTF-8, else Latin-1. Never used to decide anything.
 */
export function decodeConsoleText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return Buffer.from(bytes.subarray(2)).toString('utf16le');
  if (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) return Buffer.from(bytes).toString('utf16le');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}

/** One line summarising a failed command's output, for error messages (no final full stop). */
export function summariseOutput(result: CommandResult, max = 300): string {
  const text = `${decodeConsoleText(result.stderr)}\n${decodeConsoleText(result.stdout)}`
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.。]+$/, '');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
