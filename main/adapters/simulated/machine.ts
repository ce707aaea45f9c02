/**
 * A simulated Windows machine built from a scenario file. The same checks and fixes run against it
 * through the same adapter interfaces; fixes change its in-memory state, so checks turn green.
 */
import { noAnswer } from '../net/http-result.js';
import type { StartType } from '../../../shared/changes.js';
import { normaliseKeyPath, type RegKeySnapshot, type RegValue } from '../../../shared/registry-types.js';
import { KEYS } from '../../../shared/registry-types.js';
import { encodeWinHttpSettings } from '../../../shared/winhttp-settings.js';
import type { Scenario } from '../../scenarios/schema.js';
import { createSimulatedServer, type SimulatedAcl, type SimulatedIis, type SimulatedServerState } from '../iis/simulated-server.js';
import type {
  Clock,
  ElevationAdapter,
  FileAdapter,
  HttpAdapter,
  NetworkAdapter,
  FileInfo,
  Machine,
  RegistryAdapter,
  ServiceAdapter,
  ServiceInfo,
  ServiceState,
  SystemAdapter,
} from '../types.js';

interface SimKey {
  path: string;
  values: Map<string, { name: string; value: RegValue }>;
}

interface SimService {
  name: string;
  state: ServiceState;
  startType: StartType;
  delayedAutoStart: boolean;
}

interface SimFile {
  directory: boolean;
  bytes: Uint8Array;
  version?: string;
  modified?: string;
}

function aborted(signal?: AbortSignal): void {
  signal?.throwIfAborted();
}

export class SimulatedRegistry implements RegistryAdapter {
  readonly backend: string;
  readonly #keys = new Map<string, SimKey>();

  constructor(backend: string) {
    this.backend = backend;
  }

  #ensure(path: string): SimKey {
    const norm = normaliseKeyPath(path);
    const parts = norm.split('\\');
    let key: SimKey | undefined;
    for (let i = 1; i <= parts.length; i++) {
      const p = parts.slice(0, i).join('\\');
      key = this.#keys.get(p.toLowerCase());
      if (!key) {
        key = { path: p, values: new Map() };
        this.#keys.set(p.toLowerCase(), key);
      }
    }
    return key!;
  }

  load(path: string, values: Record<string, RegValue>): void {
    const key = this.#ensure(path);
    for (const [name, value] of Object.entries(values)) key.values.set(name.toLowerCase(), { name, value: structuredClone(value) });
  }

  async readKey(path: string, signal?: AbortSignal): Promise<RegKeySnapshot | null> {
    aborted(signal);
    const norm = normaliseKeyPath(path);
    const key = this.#keys.get(norm.toLowerCase());
    if (!key) return null;
    const prefix = `${norm.toLowerCase()}\\`;
    const subkeys = [...this.#keys.values()]
      .filter((k) => k.path.toLowerCase().startsWith(prefix) && !k.path.slice(prefix.length).includes('\\'))
      .map((k) => k.path.slice(prefix.length));
    const values: Record<string, RegValue> = {};
    for (const { name, value } of key.values.values()) values[name] = structuredClone(value);
    return { path: key.path, values, subkeys };
  }

  async setValue(path: string, name: string, value: RegValue, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    const key = this.#ensure(path);
    const existing = key.values.get(name.toLowerCase());
    key.values.set(name.toLowerCase(), { name: existing?.name ?? name, value: structuredClone(value) });
  }

  async deleteValue(path: string, name: string, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    this.#keys.get(normaliseKeyPath(path).toLowerCase())?.values.delete(name.toLowerCase());
  }

  /** Canonical text of the whole registry, for "undo restores byte for byte" tests. */
  dump(): string {
    const keys = [...this.#keys.values()].sort((a, b) => a.path.localeCompare(b.path));
    return JSON.stringify(
      keys.map((k) => [k.path, [...k.values.values()].sort((a, b) => a.name.localeCompare(b.name)).map((v) => [v.name, v.value])]),
    );
  }
}

export class SimulatedServices implements ServiceAdapter {
  readonly #services = new Map<string, SimService>();

  add(service: SimService): void {
    this.#services.set(service.name.toLowerCase(), { ...service });
  }

  #get(name: string): SimService {
    const s = this.#services.get(name.toLowerCase());
    if (!s) throw new Error(`The service ${name} does not exist (error 1060).`);
    return s;
  }

  async query(name: string, signal?: AbortSignal): Promise<ServiceInfo> {
    aborted(signal);
    const s = this.#services.get(name.toLowerCase());
    if (!s) return { exists: false, name };
    return { exists: true, name: s.name, state: s.state, startType: s.startType, delayedAutoStart: s.delayedAutoStart };
  }

  async setStartType(name: string, startType: StartType, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    this.#get(name).startType = startType;
  }

  async start(name: string, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    const s = this.#get(name);
    if (s.startType === 'disabled') throw new Error(`The service ${name} cannot be started because it is disabled (error 1058).`);
    s.state = 'running';
  }

  async stop(name: string, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    this.#get(name).state = 'stopped';
  }

  dump(): string {
    return JSON.stringify([...this.#services.values()].sort((a, b) => a.name.localeCompare(b.name)));
  }
}

export class SimulatedFiles implements FileAdapter {
  readonly #files = new Map<string, SimFile>();

  static #norm(path: string): string {
    return path.replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();
  }

  add(path: string, file: SimFile): void {
    this.#files.set(SimulatedFiles.#norm(path), file);
  }

  /** The bytes of a file, read synchronously (the simulated server's IIS reads its configuration per request), or null. */
  peek(path: string): Uint8Array | null {
    const f = this.#files.get(SimulatedFiles.#norm(path));
    return f && !f.directory ? f.bytes : null;
  }

  /** Whether a file or folder exists, synchronously. */
  existsSync(path: string): boolean {
    const norm = SimulatedFiles.#norm(path);
    if (this.#files.has(norm)) return true;
    const prefix = `${norm}\\`;
    return [...this.#files.keys()].some((k) => k.startsWith(prefix));
  }

  /** Replaces a file's bytes (a simulated fix writing applicationHost.config). */
  write(path: string, bytes: Uint8Array): void {
    const existing = this.#files.get(SimulatedFiles.#norm(path));
    this.#files.set(SimulatedFiles.#norm(path), { ...(existing ?? {}), directory: false, bytes: bytes.slice() });
  }

  async stat(path: string, signal?: AbortSignal): Promise<FileInfo> {
    aborted(signal);
    const f = this.#files.get(SimulatedFiles.#norm(path));
    if (!f) {
      // A folder exists implicitly when a file below it exists.
      const prefix = `${SimulatedFiles.#norm(path)}\\`;
      const isParent = [...this.#files.keys()].some((k) => k.startsWith(prefix));
      return { exists: isParent, isDirectory: isParent, size: 0 };
    }
    const info: FileInfo = { exists: true, isDirectory: f.directory, size: f.bytes.length };
    if (f.modified) info.modified = f.modified;
    return info;
  }

  async readBytes(path: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
    aborted(signal);
    const f = this.#files.get(SimulatedFiles.#norm(path));
    if (!f || f.directory) throw new Error(`The file ${path} does not exist.`);
    return f.bytes.slice(0, maxBytes);
  }

  async readRange(path: string, offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array> {
    aborted(signal);
    const f = this.#files.get(SimulatedFiles.#norm(path));
    if (!f || f.directory) throw new Error(`The file ${path} does not exist.`);
    const start = Math.max(0, Math.floor(offset));
    return f.bytes.slice(start, start + Math.max(0, Math.min(Math.floor(length), 16 * 1024 * 1024)));
  }

  async fileVersion(path: string, signal?: AbortSignal): Promise<string | null> {
    aborted(signal);
    return this.#files.get(SimulatedFiles.#norm(path))?.version ?? null;
  }

  async listDir(path: string, signal?: AbortSignal): Promise<string[]> {
    aborted(signal);
    const prefix = `${SimulatedFiles.#norm(path)}\\`;
    const names = new Set<string>();
    for (const k of this.#files.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('\\')[0]!);
    return [...names].sort();
  }
}

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export interface SimulatedMachine extends Machine {
  readonly kind: 'simulated';
  readonly registry: SimulatedRegistry;
  readonly services: SimulatedServices;
  readonly files: SimulatedFiles;
  readonly server: Machine['server'] & { iis: SimulatedIis; acl: SimulatedAcl; state: SimulatedServerState };
  /** Canonical text of the whole mutable state (registry, services, IIS configuration and state, ACLs). */
  dump(): string;
}

/** How the simulated machine reaches the network (the emulator, or nothing). */
export interface SimulatedConnectivity {
  network: NetworkAdapter;
  http: HttpAdapter;
}

/**
 * Builds the machine. `connectivity` may depend on the machine's registry (the HTTP adapter reads the
 * WinHTTP proxy from it, as on Windows), so it can be given as a function of the registry.
 */
export function createSimulatedMachine(
  scenario: Scenario,
  connectivity: SimulatedConnectivity | ((registry: RegistryAdapter) => SimulatedConnectivity) = offline(),
): SimulatedMachine {
  const m = scenario.machine;
  if (!m) throw new Error(`Scenario ${scenario.name} simulates no machine (it is a ${scenario.role} scenario).`);
  const registry = new SimulatedRegistry(`simulated registry (scenario ${scenario.name})`);
  for (const [path, values] of Object.entries(m.registry)) registry.load(path, values);
  if (m.winhttpProxy) {
    registry.load(KEYS.winHttpConnections, {
      WinHttpSettings: {
        type: 'REG_BINARY',
        data: encodeWinHttpSettings(m.winhttpProxy.proxy ? { kind: 'proxy', ...m.winhttpProxy } : { kind: 'direct' }),
      },
    });
  }
  const services = new SimulatedServices();
  for (const [name, s] of Object.entries(m.services)) services.add({ name, ...s });
  const files = new SimulatedFiles();
  const encoder = new TextEncoder();
  for (const [path, f] of Object.entries(m.files)) {
    const sim: SimFile = {
      directory: f.directory ?? false,
      bytes: f.base64 !== undefined ? decodeBase64(f.base64) : encoder.encode(f.text ?? ''),
    };
    if (f.version) sim.version = f.version;
    if (f.modified) sim.modified = f.modified;
    files.add(path, sim);
  }
  const serverSpec = m.server;
  const server = createSimulatedServer(files, {
    systemRoot: m.system.systemRoot,
    addresses: [...(serverSpec?.addresses ?? [])],
    appPools: { ...(serverSpec?.appPools ?? {}) },
    sites: { ...(serverSpec?.sites ?? {}) },
    acls: { ...(serverSpec?.acls ?? {}) },
    groups: structuredClone(serverSpec?.groups ?? {}),
    events: structuredClone(serverSpec?.events ?? []),
  });
  const net = typeof connectivity === 'function' ? connectivity(registry) : connectivity;
  const now = new Date(m.now);
  const clock: Clock = {
    now: () => new Date(now),
    utcOffsetMinutes: () => m.utcOffsetMinutes,
  };
  const system: SystemAdapter = {
    info: async () => ({ platform: 'simulated-win32', ...structuredClone(m.system) }),
  };
  const elevation: ElevationAdapter = {
    check: async () => ({ elevated: m.elevated, method: 'simulated (from the scenario)' }),
  };
  return {
    kind: 'simulated',
    registry,
    services,
    files,
    system,
    elevation,
    clock,
    network: net.network,
    http: net.http,
    server,
    dump: () =>
      `${registry.dump()}\n${services.dump()}\n${server.iis.configText() ?? ''}\n${JSON.stringify([server.state.appPools, server.state.sites])}\n${server.acl.dump()}`,
  };
}

/** A machine with no network at all: every name is unknown. Unit tests that do not probe use it. */
export function offline(): SimulatedConnectivity {
  const message = 'This simulated machine has no network.';
  return {
    network: {
      resolve: async () => ({ ok: false, code: 'not-found', message, ms: 0 }),
      ping: async () => ({ ok: false, message, ms: 0 }),
      tcpConnect: async () => ({ ok: false, code: 'not-found', message, ms: 0 }),
    },
    http: {
      route: 'none (offline)',
      routeFor: async () => ({ proxy: null, description: 'none (offline)' }),
      get: async (url) => noAnswer(url, message, 0, 'not-found'),
    },
  };
}
