/**
 * "Relaunch as administrator": starts this program again through the Windows shell's "runas" verb,
 * which shows the UAC prompt. PowerShell's Start-Process is the documented way to reach that verb
 * without native code; the program's path reaches it through an environment variable, so nothing
 * taken from the machine is ever part of a command line.
 */
import { powershellArgs, systemBinary } from '../adapters/windows/command-runner.js';
import type { CommandRunner } from '../adapters/types.js';

export const RELAUNCH_ENV = 'WSUS_DOCTOR_RELAUNCH_EXE';

/** The fixed script: starts the file named by the variable elevated and waits only for the start. */
export const RELAUNCH_SCRIPT = `Start-Process -FilePath $env:${RELAUNCH_ENV} -Verb RunAs -ErrorAction Stop`;

export interface RelaunchDeps {
  runner: CommandRunner;
  /** the executable to start again (the packaged app's .exe) */
  executable: string;
  env?: NodeJS.ProcessEnv;
}

/** The exact call, for tests and the log: PowerShell by absolute path, a fixed script, the path in the environment. */
export function relaunchCommand(deps: Pick<RelaunchDeps, 'executable' | 'env'>): { file: string; args: string[]; env: Record<string, string> } {
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  if (!/^[A-Za-z]:\\[^"<>|?*\u0000-\u001f]+\.exe$/i.test(deps.executable)) {
    throw new Error(`Not a program path that can be restarted: ${JSON.stringify(deps.executable)}`);
  }
  return {
    file: systemBinary('WindowsPowerShell\\v1.0\\powershell.exe', deps.env ? { env: deps.env } : {}),
    args: powershellArgs(RELAUNCH_SCRIPT),
    env: { [RELAUNCH_ENV]: deps.executable },
  };
}

/**
 * Asks Windows to start the program elevated. started: false when the user declined the UAC prompt
 * (Start-Process then fails) or PowerShell could not run; the caller keeps running in that case.
 */
export async function relaunchElevated(deps: RelaunchDeps): Promise<{ started: boolean }> {
  const cmd = relaunchCommand(deps);
  // The UAC prompt waits for the user: allow them time to read it.
  const r = await deps.runner.run(cmd.file, cmd.args, { env: cmd.env, timeoutMs: 120_000 });
  return { started: r.exitCode === 0 };
}
