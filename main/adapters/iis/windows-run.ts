/** Runs one of the server's system programs through the CommandRunner and turns a failure into a clear error. */
import type { CommandResult, CommandRunner } from '../types.js';
import { summariseOutput } from '../windows/command-runner.js';

export const SERVER_COMMAND_TIMEOUT_MS = 60_000;

export async function runOrThrow(
  runner: CommandRunner,
  file: string,
  args: readonly string[],
  what: string,
  options: { signal?: AbortSignal; timeoutMs?: number; maxOutputBytes?: number } = {},
): Promise<CommandResult> {
  const result = await runner.run(file, args, {
    timeoutMs: options.timeoutMs ?? SERVER_COMMAND_TIMEOUT_MS,
    maxOutputBytes: options.maxOutputBytes ?? 4 * 1024 * 1024,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (result.exitCode !== 0) {
    const said = summariseOutput(result);
    throw new Error(`${what} failed (exit code ${result.exitCode})${said ? `: ${said}` : ''}.`);
  }
  return result;
}
