/**
 * Running Windows programs under Wine: always an argument array (no shell), always a timeout, always
 * our own WINEPREFIX. Windows node.exe cannot write to a pipe under Wine, so runWineToFile sends its
 * stdout and stderr to files instead.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface WineContext {
  /** the wine loader (e.g. /usr/bin/wine) */
  wine: string;
  /** the wineserver binary beside it */
  wineserver: string;
  /** absolute path of the prefix */
  prefix: string;
}

export interface WineResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export const DEFAULT_WINE_TIMEOUT_MS = 60_000;

/**
 * `--timeout` for the CLI under Wine (ms per check): reg.exe under Wine takes a second or more per call
 * on a busy 2-core machine, and a check that reads several keys must not time out by accident.
 */
export const CHECK_TIMEOUT = '20000';

export function wineEnv(ctx: WineContext): NodeJS.ProcessEnv {
  return { ...process.env, WINEPREFIX: ctx.prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
}

/** Runs any program with a timeout; never rejects. */
export function runBounded(file: string, args: readonly string[], opts: { timeoutMs: number; env?: NodeJS.ProcessEnv; cwd?: string }): Promise<WineResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      { timeout: opts.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, encoding: 'latin1', ...(opts.env ? { env: opts.env } : {}), ...(opts.cwd ? { cwd: opts.cwd } : {}) },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
        const timedOut = Boolean(e?.killed);
        const code = e === null ? 0 : typeof e.code === 'number' ? e.code : null;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) + (e && code === null && !timedOut ? e.message : ''), timedOut });
      },
    );
  });
}

/**
 * Wine's own loader sometimes fails to start a program on a busy machine ("ShellExecuteEx failed:
 * Internal error"): that is Wine, not the program, so such a start is tried again (twice at most).
 */
const WINE_START_FAILURE = /ShellExecuteEx failed|Application could not be started/;

/** `wine <args>` in the prefix, with a timeout (default 60 s). */
export async function runWine(ctx: WineContext, args: readonly string[], opts: { timeoutMs?: number; cwd?: string } = {}): Promise<WineResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_WINE_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    const res = await runBounded(ctx.wine, args, { timeoutMs, env: wineEnv(ctx), ...(opts.cwd ? { cwd: opts.cwd } : {}) });
    if (res.timedOut) await killWineServer(ctx);
    if (res.code === 0 || attempt >= 3 || !WINE_START_FAILURE.test(`${res.stdout}\n${res.stderr}`)) return res;
    process.stdout.write(`[wine] ${args[0] ?? ''} did not start (${WINE_START_FAILURE.exec(`${res.stdout}\n${res.stderr}`)?.[0]}); trying again\n`);
    await new Promise((r) => setTimeout(r, 1000 * attempt));
  }
}

/**
 * Like runWine, for programs that need a file (not a pipe) as stdout: Windows node.exe. `env` adds
 * variables (Wine hands them to the Windows process); `onStart` receives the process, to kill it.
 */
export async function runWineToFile(
  ctx: WineContext,
  args: readonly string[],
  outFile: string,
  opts: { timeoutMs?: number; cwd?: string; env?: Record<string, string>; onStart?: (child: ChildProcess) => void } = {},
): Promise<WineResult> {
  for (let attempt = 1; ; attempt++) {
    const res = await runWineToFileOnce(ctx, args, outFile, opts);
    // Only a program that never started is tried again: nothing it would have done has happened.
    if (res.code === 0 || res.timedOut || attempt >= 3 || !WINE_START_FAILURE.test(res.stdout)) return res;
    process.stdout.write(`[wine] ${args[0] ?? ''} did not start (${WINE_START_FAILURE.exec(res.stdout)?.[0]}); trying again\n`);
    await new Promise((r) => setTimeout(r, 1000 * attempt));
  }
}

function runWineToFileOnce(
  ctx: WineContext,
  args: readonly string[],
  outFile: string,
  opts: { timeoutMs?: number; cwd?: string; env?: Record<string, string>; onStart?: (child: ChildProcess) => void },
): Promise<WineResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_WINE_TIMEOUT_MS;
  return new Promise((resolve) => {
    const fd = openSync(outFile, 'w');
    let timedOut = false;
    let settled = false;
    const child = spawn(ctx.wine, [...args], { env: { ...wineEnv(ctx), ...opts.env }, stdio: ['ignore', fd, fd], ...(opts.cwd ? { cwd: opts.cwd } : {}) });
    opts.onStart?.(child);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (code: number | null, extra = ''): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      closeSync(fd);
      const text = readFileSync(outFile, 'utf8') + extra;
      const result = { code, stdout: text, stderr: '', timedOut };
      if (timedOut) void killWineServer(ctx).then(() => resolve(result));
      else resolve(result);
    };
    child.on('error', (e) => finish(null, `\n${e.message}`));
    child.on('close', (code) => finish(code));
  });
}

/** Stops every Windows process of the prefix (services included). */
export async function killWineServer(ctx: WineContext): Promise<void> {
  await runBounded(ctx.wineserver, ['-k'], { timeoutMs: 20_000, env: wineEnv(ctx) });
}

/** Keeps wineserver (and so services.exe and the services it started) alive between wine calls. */
export async function persistWineServer(ctx: WineContext): Promise<void> {
  await runBounded(ctx.wineserver, ['-p'], { timeoutMs: 20_000, env: wineEnv(ctx) });
}

export function describeFailure(what: string, res: WineResult): string {
  const why = res.timedOut ? 'timed out' : `exit code ${String(res.code)}`;
  const text = `${res.stdout}\n${res.stderr}`.trim().split(/\r?\n/).slice(-8).join('\n    ');
  return `${what} failed (${why})${text ? `:\n    ${text}` : ''}`;
}

export async function mustWine(ctx: WineContext, args: readonly string[], what: string, opts: { timeoutMs?: number } = {}): Promise<WineResult> {
  const res = await runWine(ctx, args, opts);
  if (res.code !== 0) throw new Error(describeFailure(what, res));
  return res;
}

/** A Windows path under C:\ → the Linux path inside the prefix (no case folding; see resolveDrivePath). */
export function toWinPath(rel: string): string {
  return `C:\\${rel.replace(/\//g, '\\')}`;
}
