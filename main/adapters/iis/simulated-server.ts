/**
 * The server-role adapters of a simulated machine. applicationHost.config is a file of the machine
 * (machine.files), so a fix edits the very bytes the checks read; a backup is a copy of those bytes
 * and restoring it puts them back byte for byte. ACLs are SDDL strings per folder, edited as icacls
 * would; the running state of pools and sites, local groups and events come from the scenario.
 */
import type { AclRights, IisAuthMethod } from '../../../shared/changes.js';
import { isWindowsPath, SID } from '../../../shared/server-commands.js';
import type { SimulatedFiles } from '../simulated/machine.js';
import type { AclAdapter, EventLogAdapter, IisAdapter, IisConfigFile, IisRuntime, IisRuntimeState, LocalGroupsAdapter, ServerAdapters, WsusEvent } from '../types.js';
import { decodeConfigBytes, parseApplicationHostConfig } from './application-host.js';
import { ConfigEditor } from './config-edit.js';
import { FILE_ALL_ACCESS, FILE_READ_EXECUTE, parseSddl } from './sddl.js';
import { applicationHostPath } from './windows-iis.js';

export interface SimulatedServerState {
  systemRoot: string;
  /** the machine's own IP addresses (what its name resolves to) */
  addresses: string[];
  appPools: Record<string, IisRuntimeState>;
  sites: Record<string, IisRuntimeState>;
  /** folder → SDDL */
  acls: Record<string, string>;
  /** group SID → member SIDs */
  groups: Record<string, string[]>;
  events: WsusEvent[];
}

function aborted(signal?: AbortSignal): void {
  signal?.throwIfAborted();
}

const norm = (p: string): string => p.replace(/\\+$/, '').toLowerCase();

export class SimulatedIis implements IisAdapter {
  readonly #files: SimulatedFiles;
  readonly #state: SimulatedServerState;
  readonly #backups = new Map<string, Uint8Array>();
  readonly configPath: string;

  constructor(files: SimulatedFiles, state: SimulatedServerState) {
    this.#files = files;
    this.#state = state;
    this.configPath = applicationHostPath(state.systemRoot);
  }

  /** The configuration's text now, synchronously (for the emulator's per-request decisions), or null. */
  configText(): string | null {
    const bytes = this.#files.peek(this.configPath);
    return bytes ? decodeConfigBytes(bytes) : null;
  }

  #poolState(name: string): IisRuntimeState {
    const key = Object.keys(this.#state.appPools).find((k) => k.toLowerCase() === name.toLowerCase());
    return key ? this.#state.appPools[key]! : 'started';
  }

  #siteState(name: string): IisRuntimeState {
    const key = Object.keys(this.#state.sites).find((k) => k.toLowerCase() === name.toLowerCase());
    return key ? this.#state.sites[key]! : 'started';
  }

  /** Runtime state as `appcmd list` would report it: every pool and site of the configuration. */
  runtimeSync(): IisRuntime {
    const text = this.configText();
    let config = null;
    try {
      config = text === null ? null : parseApplicationHostConfig(text);
    } catch {
      config = null;
    }
    return {
      appPools: (config?.appPools ?? []).map((p) => ({ name: p.name, state: this.#poolState(p.name) })),
      sites: (config?.sites ?? []).map((s) => ({ name: s.name, id: s.id, state: this.#siteState(s.name) })),
    };
  }

  async readConfig(maxBytes: number, signal?: AbortSignal): Promise<IisConfigFile | null> {
    aborted(signal);
    const bytes = this.#files.peek(this.configPath);
    if (!bytes) return null;
    return { path: this.configPath, size: bytes.length, bytes: bytes.length > maxBytes ? new Uint8Array(0) : bytes.slice() };
  }

  async runtime(signal?: AbortSignal): Promise<IisRuntime> {
    aborted(signal);
    const text = this.configText();
    if (text !== null) parseApplicationHostConfig(text); // appcmd refuses to run on a broken configuration
    return this.runtimeSync();
  }

  #setState(map: Record<string, IisRuntimeState>, kind: 'APPPOOL' | 'SITE', name: string, state: IisRuntimeState): void {
    const rt = this.runtimeSync();
    const exists = kind === 'APPPOOL' ? rt.appPools.some((p) => p.name.toLowerCase() === name.toLowerCase()) : rt.sites.some((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!exists) throw new Error(`ERROR ( message:Cannot find ${kind} object with identifier "${name}". )`);
    const key = Object.keys(map).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    map[key] = state;
  }

  async startAppPool(name: string, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    this.#setState(this.#state.appPools, 'APPPOOL', name, 'started');
  }

  async stopAppPool(name: string, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    this.#setState(this.#state.appPools, 'APPPOOL', name, 'stopped');
  }

  async startSite(name: string, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    this.#setState(this.#state.sites, 'SITE', name, 'started');
  }

  async stopSite(name: string, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    this.#setState(this.#state.sites, 'SITE', name, 'stopped');
  }

  #edit(change: (editor: ConfigEditor) => void): void {
    const text = this.configText();
    if (text === null) throw new Error('IIS is not installed on this simulated machine (no applicationHost.config).');
    parseApplicationHostConfig(text);
    const editor = new ConfigEditor(text);
    change(editor);
    this.#files.write(this.configPath, new TextEncoder().encode(editor.text()));
  }

  async setAuthentication(location: string, method: IisAuthMethod, enabled: boolean, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    this.#edit((e) => e.setAuthentication(location, method, enabled));
  }

  async addVirtualDirectory(app: string, path: string, physicalPath: string, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    this.#edit((e) => e.addVirtualDirectory(app, path, physicalPath));
  }

  async addBinding(site: string, protocol: 'http', bindingInformation: string, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    this.#edit((e) => e.addBinding(site, protocol, bindingInformation));
  }

  /** InstallSelfupdateOnPort80.vbs: adds the SelfUpdate directory (beside the script's Setup folder) to the started port-80 site. */
  async runScript(script: string, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    if (!this.#files.existsSync(script)) throw new Error(`Input Error: Can not find script file "${script}".`);
    const text = this.configText();
    const config = text === null ? null : parseApplicationHostConfig(text);
    const site = config?.sites.find((s) => this.#siteState(s.name) === 'started' && s.bindings.some((b) => b.protocol === 'http' && b.port === 80));
    if (!site) throw new Error('InstallSelfupdateOnPort80.vbs: no started web site listens on port 80.');
    const targetDir = script.replace(/\\[^\\]+\\[^\\]+$/, '');
    this.#edit((e) => e.addVirtualDirectory(`${site.name}/`, '/SelfUpdate', `${targetDir}\\SelfUpdate`));
  }

  async backupConfig(signal?: AbortSignal): Promise<string> {
    aborted(signal);
    const bytes = this.#files.peek(this.configPath);
    if (!bytes) throw new Error('There is no applicationHost.config to back up.');
    const name = `wsus-doctor-sim-${this.#backups.size + 1}`;
    this.#backups.set(name, bytes.slice());
    return name;
  }

  async restoreConfig(backup: string, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    const bytes = this.#backups.get(backup);
    if (!bytes) throw new Error(`ERROR ( message:Cannot find BACKUP object with identifier "${backup}". )`);
    this.#files.write(this.configPath, bytes);
  }
}

export class SimulatedAcl implements AclAdapter {
  readonly #state: SimulatedServerState;
  readonly #files: SimulatedFiles;
  readonly #saved = new Map<string, { path: string; sddl: string | undefined }>();

  constructor(files: SimulatedFiles, state: SimulatedServerState) {
    this.#files = files;
    this.#state = state;
  }

  #key(path: string): string | undefined {
    return Object.keys(this.#state.acls).find((k) => norm(k) === norm(path));
  }

  /** The SDDL of a folder, synchronously; a folder without its own entry inherits its parent's. */
  sddlSync(path: string): string | null {
    let p = path;
    for (;;) {
      const key = this.#key(p);
      if (key) return this.#state.acls[key]!;
      const up = p.replace(/\\[^\\]+\\?$/, '');
      if (up === p || up.length < 3) return null;
      p = up;
    }
  }

  async readSddl(path: string, signal?: AbortSignal): Promise<string> {
    aborted(signal);
    if (!this.#files.existsSync(path)) throw new Error(`${path}: The system cannot find the file specified.`);
    const sddl = this.sddlSync(path);
    if (sddl === null) throw new Error(`${path}: Access is denied.`);
    return sddl;
  }

  async save(path: string, signal?: AbortSignal): Promise<string> {
    aborted(signal);
    const file = `C:\\ProgramData\\WSUS Self-Update Doctor\\acl-backups\\sim-${this.#saved.size + 1}.acl`;
    const key = this.#key(path);
    this.#saved.set(file.toLowerCase(), { path, sddl: key ? this.#state.acls[key] : undefined });
    return file;
  }

  async restore(path: string, saved: string, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    const s = this.#saved.get(saved.toLowerCase());
    if (!s || norm(s.path) !== norm(path)) throw new Error(`${saved}: The system cannot find the file specified.`);
    const key = this.#key(path) ?? path;
    if (s.sddl === undefined) delete this.#state.acls[key];
    else this.#state.acls[key] = s.sddl;
  }

  /** As icacls /grant: merges into the SID's explicit allow entry, or adds one before the inherited entries. */
  async grant(path: string, sid: string, rights: AclRights, signal?: AbortSignal): Promise<void> {
    aborted(signal);
    if (!isWindowsPath(path) || !SID.test(sid)) throw new Error('Invalid parameter.');
    const current = this.sddlSync(path) ?? 'D:AI';
    const dacl = parseSddl(current);
    const mask = rights === 'F' ? FILE_ALL_ACCESS : FILE_READ_EXECUTE;
    const own = dacl.aces.find((a) => a.type === 'allow' && !a.inherited && a.sid === sid && a.inheritable && a.appliesToFolder);
    const aceText = (m: number): string => `(A;OICI;0x${m.toString(16)};;;${sid})`;
    const head = /^(.*?D:[A-Z]*)/.exec(current)?.[1] ?? 'D:AI';
    const entries = dacl.aces.map((a) => (a === own ? aceText((a.mask | mask) >>> 0) : a.text));
    if (!own) {
      const firstInherited = dacl.aces.findIndex((a) => a.inherited);
      entries.splice(firstInherited < 0 ? entries.length : firstInherited, 0, aceText(mask));
    }
    this.#state.acls[this.#key(path) ?? path] = `${head}${entries.join('')}`;
  }

  dump(): string {
    return JSON.stringify(Object.entries(this.#state.acls).sort(([a], [b]) => a.localeCompare(b)));
  }
}

export function createSimulatedServer(files: SimulatedFiles, state: SimulatedServerState): ServerAdapters & { iis: SimulatedIis; acl: SimulatedAcl; state: SimulatedServerState } {
  const groups: LocalGroupsAdapter = {
    membersOf: async (groupSid, signal) => {
      aborted(signal);
      const key = Object.keys(state.groups).find((k) => k.toUpperCase() === groupSid.toUpperCase());
      if (!key) throw new Error(`The local group ${groupSid} does not exist on this simulated machine.`);
      return [...state.groups[key]!];
    },
  };
  const events: EventLogAdapter = {
    wsusEvents: async (max, signal) => {
      aborted(signal);
      return [...state.events].sort((a, b) => b.time.localeCompare(a.time)).slice(0, max).map((e) => structuredClone(e));
    },
  };
  return { iis: new SimulatedIis(files, state), acl: new SimulatedAcl(files, state), groups, events, state };
}
