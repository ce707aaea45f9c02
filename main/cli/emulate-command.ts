/** `wsus-doctor emulate`: serves a scenario's WSUS server (and its faults) on loopback until Ctrl+C. */
import { UsageError } from '../app/errors.js';
import { runEmulateCommand } from '../emulator/emulate-main.js';
import { EmulatedServerSchema } from '../emulator/server-spec.js';
import type { ScenarioLibrary } from '../scenarios/loader.js';
import { ScenarioError } from '../scenarios/loader.js';
import type { CliIo } from './check-command.js';

export async function emulateCommand(
  args: { scenario: string; host: string; port: number; port80?: number },
  scenarios: ScenarioLibrary,
  io: CliIo,
): Promise<number> {
  const scenario = await scenarios.load(args.scenario).catch((e: unknown) => {
    throw new UsageError(e instanceof ScenarioError ? e.message : String(e));
  });
  // A scenario without a server side (none today) is served as a healthy WSUS server.
  const spec = scenario.server ?? EmulatedServerSchema.parse({});
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await runEmulateCommand({
      spec,
      scenarioName: scenario.name,
      host: args.host,
      port: args.port,
      ...(args.port80 !== undefined ? { port80: args.port80 } : {}),
      out: (line) => io.out.write(`${line}\n`),
      signal: controller.signal,
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
