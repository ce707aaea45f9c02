/**
 * What checks and fixes may ask of a machine. Checks never touch the OS directly: they get a Machine,
 * which is either the real Windows machine (adapters/windows) or a simulated one (adapters/simulated).
 */
import type { AclRights, IisAuthMethod, StartType } from '../../shared/changes.js';
import type { RegKeySnapshot, RegValue } from '../../shared/registry-types.js';

export interface RegistryAdapter {
  /** Which backend reads and writes, for the report: e.g. "regedit (Windows Script Host)". */
  readonly backend: string;
  /** The key's values and subkey names, or null when the key does not exist. */
  readKey(path: string, signal?: AbortSignal): Promise<RegKeySnapshot | null>;
  /** Creates the key if needed. */
  setValue(path: string, name: string, value: RegValue, signal?: AbortSignal): Promise<void>;
  /** Succeeds when the value is already absent. */
  deleteValue(path: string, name: string, signal?: AbortSignal): Promise<void>;
  /**
   * Writes the key as a .reg file (Windows: `reg export`), for the backup taken before a fix; false
   * when the key does not exist. Absent where there is no file to write (simulated machines).
   */
  exportKey?(path: string, file: string, signal?: AbortSignal): Promise<boolean>;
}

export const SERVICE_STATES = [
  'stopped',
  'start-pending',
  'stop-pending',
  'running',
  'continue-pending',
  'pause-pending',
  'paused',
] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

/** SERVICE_STATUS.dwCurrentState numbers, as `sc query` prints them (1..7). */
export const SERVICE_STATE_CODES: Record<number, ServiceState> = {
  1: 'stopped',
  2: 'start-pending',
  3: 'stop-pending',
  4: 'running',
  5: 'continue-pending',
  6: 'pause-pending',
  7: 'paused',
};

/** Service Start values as stored in the registry and printed by `sc qc` (0..4). */
export const START_TYPE_CODES: Record<number, StartType> = {
  0: 'boot',
  1: 'system',
  2: 'auto',
  3: 'manual',
  4: 'disabled',
};

export type ServiceInfo =
  | { exists: false; name: string }
  | {
      exists: true;
      name: string;
      state: ServiceState;
      startType: StartType;
      delayedAutoStart: boolean;
    };

export interface ServiceAdapter {
  query(name: string, signal?: AbortSignal): Promise<ServiceInfo>;
  setStartType(name: string, startType: StartType, signal?: AbortSignal): Promise<void>;
  start(name: string, signal?: AbortSignal): Promise<void>;
  stop(name: string, signal?: AbortSignal): Promise<void>;
}

export interface FileInfo {
  exists: boolean;
  isDirectory: boolean;
  size: number;
  modified?: string;
}

export interface FileAdapter {
  stat(path: string, signal?: AbortSignal): Promise<FileInfo>;
  /** Reads at most maxBytes from the start of the file; throws if the file does not exist. */
  readBytes(path: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array>;
  /**
   * Reads at most `length` bytes (capped at 16 MiB) at byte `offset`: fewer at the end of the file, none
   * past it. For reading large files (logs) in chunks. Throws if the file does not exist.
   */
  readRange?(path: string, offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array>;
  /** The file version from the executable's version resource ("7.6.7600.256"), or null. */
  fileVersion(path: string, signal?: AbortSignal): Promise<string | null>;
  listDir(path: string, signal?: AbortSignal): Promise<string[]>;
}

export interface SystemInfo {
  platform: 'win32' | 'simulated-win32' | 'other';
  computerName: string;
  domain?: string;
  userName?: string;
  /** e.g. "Windows 10 Enterprise" */
  productName: string;
  /** "10.0.19045" */
  version: string;
  /** update build revision, when known */
  ubr?: number;
  /** "x64" | "x86" | "arm64" */
  arch: string;
  /** BCP 47, e.g. "en-US", "ja-JP" */
  uiLanguage: string;
  /** e.g. "C:\\Windows" */
  systemRoot: string;
  /** e.g. "C:\\Program Files" */
  programFiles: string;
}

export interface SystemAdapter {
  info(signal?: AbortSignal): Promise<SystemInfo>;
}

export interface ElevationInfo {
  /** null when it could not be determined */
  elevated: boolean | null;
  /** how it was determined, e.g. "whoami /groups: S-1-16-12288 present" */
  method: string;
}

export interface ElevationAdapter {
  check(signal?: AbortSignal): Promise<ElevationInfo>;
}

/** The machine's clock, so checks that interpret timestamps are deterministic under simulation. */
export interface Clock {
  now(): Date;
  /** Minutes to add to UTC to get the machine's local time at that instant (Tokyo: +540). */
  utcOffsetMinutes(at: Date): number;
}

/** Result of running a system binary. */
export interface CommandResult {
  exitCode: number;
  stdout: Buffer;
  stderr: Buffer;
}

/**
 * The processes adapter: runs a system binary by absolute path with an argument array (never a shell),
 * with a timeout and an output bound. Windows adapters are built on it, so they are unit-testable.
 */
export interface CommandRunner {
  run(
    file: string,
    args: readonly string[],
    options?: {
      timeoutMs?: number;
      maxOutputBytes?: number;
      signal?: AbortSignal;
      input?: Buffer;
      /** variables added to the child's environment: how data reaches a script without touching its command line */
      env?: Readonly<Record<string, string>>;
    },
  ): Promise<CommandResult>;
}

export interface Machine {
  /** "windows" for the real machine, "simulated" for a scenario */
  readonly kind: 'windows' | 'simulated';
  readonly registry: RegistryAdapter;
  readonly services: ServiceAdapter;
  readonly files: FileAdapter;
  readonly system: SystemAdapter;
  readonly elevation: ElevationAdapter;
  readonly clock: Clock;
  readonly network: NetworkAdapter;
  readonly http: HttpAdapter;
  /** The WSUS server's IIS, NTFS permissions, local groups and event log (server role); absent on machines that have none. */
  readonly server?: ServerAdapters;
}

// ---------------------------------------------------------------------------------------------
// Server role. Names are never compared in their localized form: accounts and groups by SID,
// states and event ids as numbers or IIS's own invariant words.

export interface ServerAdapters {
  readonly iis: IisAdapter;
  readonly acl: AclAdapter;
  readonly groups: LocalGroupsAdapter;
  readonly events: EventLogAdapter;
}

export interface IisConfigFile {
  /** where it was read, e.g. C:\Windows\System32\inetsrv\config\applicationHost.config */
  path: string;
  /** the file's size on disk */
  size: number;
  /** at most the maxBytes asked for (nothing is read when the file is larger) */
  bytes: Uint8Array;
}

/** IIS's own invariant state words, as `appcmd list ... /xml` prints them. */
export const IIS_RUNTIME_STATES = ['started', 'starting', 'stopped', 'stopping', 'unknown'] as const;
export type IisRuntimeState = (typeof IIS_RUNTIME_STATES)[number];

export interface IisRuntime {
  appPools: { name: string; state: IisRuntimeState }[];
  sites: { name: string; id: number | null; state: IisRuntimeState }[];
}

export interface IisAdapter {
  /** applicationHost.config, or null when IIS is not installed. A file over maxBytes comes back with no bytes and its size. */
  readConfig(maxBytes: number, signal?: AbortSignal): Promise<IisConfigFile | null>;
  /** Whether application pools and sites are running now (Windows: appcmd list apppool|site /xml). */
  runtime(signal?: AbortSignal): Promise<IisRuntime>;
  startAppPool(name: string, signal?: AbortSignal): Promise<void>;
  stopAppPool(name: string, signal?: AbortSignal): Promise<void>;
  startSite(name: string, signal?: AbortSignal): Promise<void>;
  stopSite(name: string, signal?: AbortSignal): Promise<void>;
  /** location: "Site" or "Site/Dir", written to applicationHost.config (commit:apphost). */
  setAuthentication(location: string, method: IisAuthMethod, enabled: boolean, signal?: AbortSignal): Promise<void>;
  addVirtualDirectory(app: string, path: string, physicalPath: string, signal?: AbortSignal): Promise<void>;
  addBinding(site: string, protocol: 'http', bindingInformation: string, signal?: AbortSignal): Promise<void>;
  /** Runs WSUS's InstallSelfupdateOnPort80.vbs. */
  runScript(script: string, signal?: AbortSignal): Promise<void>;
  /** Saves a copy of the configuration; returns the backup's name for restoreConfig. */
  backupConfig(signal?: AbortSignal): Promise<string>;
  restoreConfig(backup: string, signal?: AbortSignal): Promise<void>;
}

export interface AclAdapter {
  /** The folder's security descriptor in SDDL (Windows: from `icacls PATH /save FILE`). */
  readSddl(path: string, signal?: AbortSignal): Promise<string>;
  /** Saves the folder's ACL (`icacls PATH /save FILE`); returns the file for restore. */
  save(path: string, signal?: AbortSignal): Promise<string>;
  /** Puts a saved ACL back (`icacls PARENT /restore FILE`). */
  restore(path: string, saved: string, signal?: AbortSignal): Promise<void>;
  /** Grants rights to a SID, inherited by subfolders and files (`icacls PATH /grant *SID:(OI)(CI)(R)`). */
  grant(path: string, sid: string, rights: AclRights, signal?: AbortSignal): Promise<void>;
}

export interface LocalGroupsAdapter {
  /** The SIDs of the direct members of a local group, the group named by its SID (e.g. Users S-1-5-32-545). */
  membersOf(groupSid: string, signal?: AbortSignal): Promise<string[]>;
}

export interface WsusEvent {
  /** EventID, as a number */
  id: number;
  /** 1 critical, 2 error, 3 warning, 4 information (0 when absent) */
  level: number;
  /** TimeCreated SystemTime (ISO, UTC) */
  time: string;
  /** the event's insertion strings (EventData/Data), bounded */
  data: string[];
}

export interface EventLogAdapter {
  /** The newest events of the Application log from the source "Windows Server Update Services", newest first. */
  wsusEvents(max: number, signal?: AbortSignal): Promise<WsusEvent[]>;
}

// ---------------------------------------------------------------------------------------------
// Network. Every call is bounded: a connect timeout, a total timeout, a body size bound.

export interface ProbeLimits {
  /** time allowed to establish the TCP connection (ms) */
  connectTimeoutMs: number;
  /** time allowed for the whole operation, redirects included (ms) */
  totalTimeoutMs: number;
  signal?: AbortSignal;
}

export type ResolveResult =
  | { ok: true; addresses: string[]; ms: number }
  | { ok: false; code: 'not-found' | 'timeout' | 'error'; message: string; ms: number };

export type PingResult =
  | { ok: true; alive: boolean; timeMs?: number; ms: number }
  | { ok: false; message: string; ms: number };

export type NetFailure = 'refused' | 'timeout' | 'unreachable' | 'reset' | 'not-found' | 'tls' | 'error';

export type TcpResult =
  | { ok: true; address: string; port: number; ms: number }
  | { ok: false; code: NetFailure; message: string; ms: number };

export interface NetworkAdapter {
  /** The machine's name resolution (hosts file, DNS), as the update agent would use it. */
  resolve(host: string, limits: ProbeLimits): Promise<ResolveResult>;
  /** ICMP echo; advisory only (often blocked). */
  ping(host: string, limits: ProbeLimits): Promise<PingResult>;
  tcpConnect(host: string, port: number, limits: ProbeLimits): Promise<TcpResult>;
}

export interface HttpGetOptions extends ProbeLimits {
  /** read at most this many body bytes (the rest is not downloaded) */
  maxBodyBytes: number;
  /** follow at most this many redirects (default 5) */
  maxRedirects?: number;
}

export interface HttpHop {
  url: string;
  status: number;
  location?: string;
}

export type HttpOutcome =
  | 'response'
  | 'timeout'
  | 'refused'
  | 'unreachable'
  | 'reset'
  | 'not-found'
  | 'tls'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'error';

export interface HttpResult {
  /** the URL asked for */
  url: string;
  /** the URL of the last response (after redirects) */
  finalUrl: string;
  outcome: HttpOutcome;
  /** redirects followed, in order */
  hops: HttpHop[];
  status?: number;
  statusText?: string;
  /** response headers, names in lower case (repeated headers joined with ", ") */
  headers: Record<string, string>;
  /** the first maxBodyBytes of the body */
  body: Uint8Array;
  /** true when the server sent (or announced) more than was read */
  bodyTruncated: boolean;
  /** Content-Length as announced, when it was */
  contentLength?: number;
  /** the body ended early: fewer bytes than Content-Length before the connection closed */
  incomplete?: boolean;
  timings: { connectMs?: number; firstByteMs?: number; totalMs: number };
  /** the proxy used ("host:port"), when one was */
  proxy?: string;
  /** what went wrong, in plain English, when outcome is not "response" */
  message?: string;
}

/** How a request to one URL leaves the machine. */
export interface HttpRoute {
  /** "host:port" of the proxy the request would go through, or null for a direct connection */
  proxy: string | null;
  /** the machine's route in words, as `route` */
  description: string;
}

export interface HttpAdapter {
  /** Describes how requests leave the machine, e.g. "direct" or "WinHTTP proxy proxy.corp:8080 (bypass: <local>)". */
  readonly route: string;
  /** Whether a request to this URL would go directly or through a proxy (the bypass list applied). Never throws. */
  routeFor(url: string, signal?: AbortSignal): Promise<HttpRoute>;
  get(url: string, options: HttpGetOptions): Promise<HttpResult>;
}
