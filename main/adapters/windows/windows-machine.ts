/**
 * The real Windows machine: every adapter composed into one Machine.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWindowsServerAdapters } from '../iis/windows-server.js';
import { createNetworkAdapter, createWinHttpAdapter, directDialer } from '../net/index.js';
import type { Clock, CommandRunner, Machine } from '../types.js';
import { createCommandRunner, systemBinary } from './command-runner.js';
import { WhoamiElevation } from './elevation.js';
import { NodeFiles } from './files.js';
import { loadRegedit, pinRealRegeditCscript, regeditArchFor, resolveVbsDir, type RegeditLike } from './regedit-registry.js';
import { selectRegistryBackend, type HybridRegistry } from './registry-backend.js';
import { ScServices } from './sc-services.js';
import { WindowsSystem } from './system-info.js';

export interface WindowsMachineOptions {
  /** Folder of the running bundle (dist/cli): its vbs/ folder holds regedit's scripts. */
  bundleDir?: string;
  /** Electron's process.resourcesPath in a packaged app (default: read from process). */
  resourcesPath?: string;
  /** 'auto' (default), or force 'reg.exe' / 'regedit'. Also WSUS_DOCTOR_REGISTRY=reg.exe|regedit. */
  registryBackend?: 'auto' | 'regedit' | 'reg.exe';
  /** For tests: the processes adapter, the regedit package (null = unavailable), the environment. */
  runner?: CommandRunner;
  regedit?: RegeditLike | null;
  env?: NodeJS.ProcessEnv;
  exists?: (path: string) => boolean;
  /** Temporary folder for reg.exe's .reg files (default os.tmpdir()). */
  tempDir?: string;
  probeTimeoutMs?: number;
}

export interface WindowsMachine extends Machine {
  readonly kind: 'windows';
  readonly registry: HybridRegistry;
}

function defaultBundleDir(): string {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return typeof __dirname === 'string' ? __dirname : process.cwd();
  }
}

function backendChoice(options: WindowsMachineOptions, env: NodeJS.ProcessEnv): 'auto' | 'regedit' | 'reg.exe' {
  if (options.registryBackend) return options.registryBackend;
  const fromEnv = (env.WSUS_DOCTOR_REGISTRY ?? '').trim().toLowerCase();
  if (fromEnv === 'reg.exe' || fromEnv === 'reg') return 'reg.exe';
  if (fromEnv === 'regedit') return 'regedit';
  return 'auto';
}

/** The local machine's real clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  utcOffsetMinutes: (at: Date) => 0 - at.getTimezoneOffset(),
};

export async function createWindowsMachine(options: WindowsMachineOptions = {}): Promise<WindowsMachine> {
  const env = options.env ?? process.env;
  const runner = options.runner ?? createCommandRunner();
  const exists = options.exists ?? existsSync;
  const resourcesPath = options.resourcesPath ?? (process as { resourcesPath?: string }).resourcesPath;
  const bundleDir = options.bundleDir ?? defaultBundleDir();
  const binary = (name: string): string => systemBinary(name, { env });

  const registry = await selectRegistryBackend(runner, {
    regedit: options.regedit !== undefined ? options.regedit : loadRegedit,
    // The real package searches for cscript.exe (current folder first): pin it to the system binary.
    ...(options.regedit === undefined ? { secureCscript: pinRealRegeditCscript } : {}),
    vbsDir: resolveVbsDir({ resourcesPath, bundleDir, exists }),
    fileExists: exists,
    cscriptPath: binary('cscript.exe'),
    prefer: backendChoice(options, env),
    regeditArch: regeditArchFor(process.arch, env),
    ...(options.probeTimeoutMs !== undefined ? { probeTimeoutMs: options.probeTimeoutMs } : {}),
    regExe: { regExe: binary('reg.exe'), ...(options.tempDir ? { tempDir: options.tempDir } : {}) },
  });

  const files = new NodeFiles();
  return {
    kind: 'windows',
    registry,
    services: new ScServices(runner, registry, { scExe: binary('sc.exe') }),
    files,
    system: new WindowsSystem(registry, { env }),
    elevation: new WhoamiElevation(runner, binary('whoami.exe')),
    clock: systemClock,
    network: createNetworkAdapter({ dialer: directDialer }),
    // Reads the WinHTTP proxy on the first request, so HTTP probes leave the machine as the update agent's do.
    http: createWinHttpAdapter({ registry, dialer: directDialer }),
    // The server role: IIS (appcmd.exe), permissions (icacls.exe), local groups and the event log.
    server: createWindowsServerAdapters(runner, files, env),
  };
}
