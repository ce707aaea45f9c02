/**
 * The `wsus-doctor` command. Bad input ends with one clear line and exit code 2, never a stack trace
 * (set WSUS_DOCTOR_DEBUG=1 to see one).
 */
import { createWindowsMachine } from '../adapters/windows/windows-machine.js';
import { InterruptedFixError, UsageError } from '../app/errors.js';
import { bundleDir, builtInScenarioDir } from '../app/paths.js';
import { DoctorSession, type SessionDeps } from '../app/session.js';
import { TOOL_VERSION } from '../app/version.js';
import { ReportWriteError } from '../report/write-report.js';
import { ScenarioLibrary } from '../scenarios/loader.js';
import { parseCommandLine, USAGE } from './args.js';
import { checkCommand, type CliIo } from './check-command.js';
import { scenariosCommand } from './scenarios-command.js';
import { useColour } from './terminal.js';
import { recoverCommand } from './recover-command.js';
import { undoCommand } from './undo-command.js';
import { emulateCommand } from './emulate-command.js';
import { mergeCommand } from './merge-command.js';
import { scanIisCommand } from './scan-iis-command.js';
import { scanWuCommand } from './scan-wu-command.js';

export async function main(argv: readonly string[]): Promise<number> {
  const io: CliIo = {
    out: { write: (t) => void process.stdout.write(t), colour: useColour(process.stdout) },
    stdin: process.stdin,
    stderr: process.stderr,
  };
  const scenarios = new ScenarioLibrary(builtInScenarioDir());
  const deps: SessionDeps = {
    scenarios,
    platform: process.platform,
    createWindowsMachine: () => createWindowsMachine({ bundleDir: bundleDir() }),
  };
  try {
    const cmd = parseCommandLine(argv);
    switch (cmd.command) {
      case 'help':
        io.out.write(`${USAGE}\n`);
        return 0;
      case 'version':
        io.out.write(`${TOOL_VERSION}\n`);
        return 0;
      case 'scenarios':
        return await scenariosCommand(scenarios, io.out, cmd);
      case 'undo':
        if (process.platform !== 'win32') throw new UsageError('undo restores a backup on the Windows machine where the fix was applied; run it there.');
        return await undoCommand(cmd, deps.createWindowsMachine, io);
      case 'recover': {
        if (process.platform !== 'win32') throw new UsageError('recover finishes or rolls back a fix interrupted on this Windows machine; run it there.');
        const session = await DoctorSession.open({ role: 'client' }, deps);
        return await recoverCommand(cmd, session, io);
      }
      case 'emulate':
        return await emulateCommand(cmd, scenarios, io);
      case 'scan-iis-log':
        return await scanIisCommand(cmd, io.out, io.stderr);
      case 'scan-wu-log':
        return await scanWuCommand(cmd, io.out);
      case 'check':
        return await checkCommand(cmd, deps, io);
      case 'merge':
        return await mergeCommand(cmd, io);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ReportWriteError || e instanceof InterruptedFixError) {
      process.stderr.write(`wsus-doctor: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`wsus-doctor: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.WSUS_DOCTOR_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
}

// Run when executed directly (the bundle), not when imported by tests.
declare const __WSUS_DOCTOR_BUNDLE__: boolean | undefined;
if (typeof __WSUS_DOCTOR_BUNDLE__ !== 'undefined' && __WSUS_DOCTOR_BUNDLE__) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`wsus-doctor: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
