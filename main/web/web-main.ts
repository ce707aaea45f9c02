/**
 * `npm run web [-- --scenario NAME --port N]`: the web harness with the real services, for driving
 * the renderer in a browser where the desktop shell cannot run. Prints one line with the address
 * (its fragment carries the access token); Ctrl+C stops it. Bad input: one clear line, exit code 2.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createWindowsMachine } from '../adapters/windows/windows-machine.js';
import { DoctorService } from '../app/doctor-service.js';
import { bundleDir, builtInScenarioDir } from '../app/paths.js';
import type { SessionDeps } from '../app/session.js';
import { ScenarioLibrary } from '../scenarios/loader.js';
import { startHarness, type Harness } from './harness.js';

declare const __WSUS_DOCTOR_BUNDLE__: boolean | undefined;

const PROG = 'wsus-doctor web';

export const WEB_USAGE = `Usage: npm run web [-- --scenario NAME] [--port N]
  --scenario NAME  open the wizard directly on a built-in simulated machine (see: wsus-doctor scenarios)
  --port N         listen on 127.0.0.1:N (default: a free port)`;

export interface WebOptions {
  scenario?: string;
  port: number;
  help: boolean;
}

export class WebUsageError extends Error {
  override name = 'WebUsageError';
}

export function parseWebArgs(argv: readonly string[]): WebOptions {
  const opts: WebOptions = { port: 0, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new WebUsageError(`${name} needs a value.`);
      i++;
      return next;
    };
    switch (name) {
      case '--scenario':
        opts.scenario = value();
        break;
      case '--port': {
        const text = value();
        const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
        if (!(port >= 0 && port <= 65535)) throw new WebUsageError(`--port must be a number from 0 to 65535, not "${text}".`);
        opts.port = port;
        break;
      }
      case '--help':
      case '-h':
        opts.help = true;
        break;
      default:
        throw new WebUsageError(`unknown option "${arg}" (try --help).`);
    }
  }
  return opts;
}

/** dist/renderer: beside dist/web when bundled, under the repository's dist/ when run from source. */
export function defaultStaticDir(): string {
  const bundled = typeof __WSUS_DOCTOR_BUNDLE__ !== 'undefined' && __WSUS_DOCTOR_BUNDLE__;
  // bundleDir() is dist/web in the bundle, main/app from source.
  return bundled ? resolve(bundleDir(), '..', 'renderer') : resolve(bundleDir(), '..', '..', 'dist', 'renderer');
}

export interface WebIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface WebStarted {
  code: 0;
  harness: Harness;
  /** the printed address, with &scenario=NAME when asked */
  url: string;
}

/** Starts the harness, or says in one line why not (exit code 2). */
export async function startWeb(
  argv: readonly string[],
  io: WebIo,
  overrides: { staticDir?: string; deps?: Partial<SessionDeps> } = {},
): Promise<WebStarted | { code: 0 | 2 }> {
  let opts: WebOptions;
  try {
    opts = parseWebArgs(argv);
  } catch (e) {
    io.err(`${PROG}: ${e instanceof Error ? e.message : String(e)}`);
    return { code: 2 };
  }
  if (opts.help) {
    io.out(WEB_USAGE);
    return { code: 0 };
  }
  const staticDir = overrides.staticDir ?? defaultStaticDir();
  if (!existsSync(join(staticDir, 'index.html'))) {
    io.err(`${PROG}: the renderer is not built (no ${join(staticDir, 'index.html')}): run \`npm run build:renderer\` first.`);
    return { code: 2 };
  }
  const scenarios = overrides.deps?.scenarios ?? new ScenarioLibrary(builtInScenarioDir());
  if (opts.scenario !== undefined) {
    const names = await scenarios.names();
    if (!names.includes(opts.scenario)) {
      io.err(`${PROG}: unknown scenario "${opts.scenario}". Built-in scenarios: ${names.join(', ')}.`);
      return { code: 2 };
    }
  }
  const deps: SessionDeps = {
    platform: process.platform,
    createWindowsMachine: () => createWindowsMachine({ bundleDir: bundleDir() }),
    ...overrides.deps,
    scenarios,
  };
  let harness: Harness;
  try {
    harness = await startHarness({ service: new DoctorService(deps), staticDir, port: opts.port });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const why = code === 'EADDRINUSE' ? `port ${opts.port} is in use; choose another with --port N, or leave it out` : e instanceof Error ? e.message : String(e);
    io.err(`${PROG}: cannot start: ${why}.`);
    return { code: 2 };
  }
  const url = opts.scenario !== undefined ? `${harness.url}&scenario=${opts.scenario}` : harness.url;
  io.out(`WSUS Self-Update Doctor web harness: ${url}`);
  return { code: 0, harness, url };
}

async function main(): Promise<void> {
  const io: WebIo = { out: (l) => void process.stdout.write(`${l}\n`), err: (l) => void process.stderr.write(`${l}\n`) };
  const started = await startWeb(process.argv.slice(2), io);
  if (!('harness' in started)) {
    process.exitCode = started.code;
    return;
  }
  io.out('Press Ctrl+C to stop.');
  let stopping = false;
  const stop = (): void => {
    if (stopping) {
      process.exit(130); // a second Ctrl+C: do not wait any longer
    }
    stopping = true;
    const force = setTimeout(() => process.exit(0), 5_000);
    force.unref();
    started.harness.close().then(
      () => {
        io.out('Stopped.');
        process.exit(0);
      },
      (e: unknown) => {
        io.err(`${PROG}: while stopping: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Run when executed directly (the bundle), not when imported by tests.
if (typeof __WSUS_DOCTOR_BUNDLE__ !== 'undefined' && __WSUS_DOCTOR_BUNDLE__) {
  main().catch((e: unknown) => {
    process.stderr.write(`${PROG}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
