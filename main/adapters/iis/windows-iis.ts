/**
 * IIS on the real machine: applicationHost.config read from disk (bounded), the running state and
 * every change through %windir%\system32\inetsrv\appcmd.exe with argument arrays built by
 * shared/server-commands.ts (the same lines the preview shows). Backups are appcmd's own
 * configuration backups (`appcmd add backup`), restored with `appcmd restore backup`.
 */
import { randomBytes } from 'node:crypto';
import type { Change, IisAuthMethod } from '../../../shared/changes.js';
import { appcmdAddBackup, IIS_BACKUP_NAME, serverCommandFor, type ServerCommand } from '../../../shared/server-commands.js';
import type { CommandRunner, FileAdapter, IisAdapter, IisConfigFile, IisRuntime } from '../types.js';
import { decodeConsoleText } from '../windows/command-runner.js';
import { parseAppcmdLists } from './appcmd-xml.js';
import { runOrThrow } from './windows-run.js';

export interface WindowsIisOptions {
  /** %SystemRoot%\System32\inetsrv\appcmd.exe */
  appcmdExe: string;
  /** %SystemRoot%\System32\cscript.exe */
  cscriptExe: string;
  /** %SystemRoot%, for the configuration's path */
  systemRoot: string;
  /** For tests: the backup name's time and random part. */
  now?: () => Date;
}

export function applicationHostPath(systemRoot: string): string {
  return `${systemRoot.replace(/\\+$/, '')}\\System32\\inetsrv\\config\\applicationHost.config`;
}

export class WindowsIis implements IisAdapter {
  readonly #runner: CommandRunner;
  readonly #files: FileAdapter;
  readonly #opts: WindowsIisOptions;

  constructor(runner: CommandRunner, files: FileAdapter, options: WindowsIisOptions) {
    this.#runner = runner;
    this.#files = files;
    this.#opts = options;
  }

  #exe(cmd: ServerCommand): string {
    if (cmd.program === 'appcmd') return this.#opts.appcmdExe;
    if (cmd.program === 'cscript') return this.#opts.cscriptExe;
    throw new Error(`${cmd.program} is not run by the IIS adapter.`);
  }

  async #change(c: Change, what: string, signal?: AbortSignal): Promise<void> {
    const cmd = serverCommandFor(c);
    if (!cmd) throw new Error(`${c.kind} is not an IIS change.`);
    await runOrThrow(this.#runner, this.#exe(cmd), cmd.args, what, signal ? { signal } : {});
  }

  async readConfig(maxBytes: number, signal?: AbortSignal): Promise<IisConfigFile | null> {
    const path = applicationHostPath(this.#opts.systemRoot);
    const info = await this.#files.stat(path, signal);
    if (!info.exists || info.isDirectory) return null;
    if (info.size > maxBytes) return { path, size: info.size, bytes: new Uint8Array(0) };
    return { path, size: info.size, bytes: await this.#files.readBytes(path, maxBytes, signal) };
  }

  async runtime(signal?: AbortSignal): Promise<IisRuntime> {
    const opts = signal ? { signal } : {};
    const pools = await runOrThrow(this.#runner, this.#opts.appcmdExe, ['list', 'apppool', '/xml'], 'appcmd list apppool', opts);
    const sites = await runOrThrow(this.#runner, this.#opts.appcmdExe, ['list', 'site', '/xml'], 'appcmd list site', opts);
    return parseAppcmdLists(decodeConsoleText(pools.stdout), decodeConsoleText(sites.stdout));
  }

  startAppPool(pool: string, signal?: AbortSignal): Promise<void> {
    return this.#change({ kind: 'iis.apppool.start', pool }, `Starting the application pool ${pool}`, signal);
  }

  stopAppPool(pool: string, signal?: AbortSignal): Promise<void> {
    return this.#change({ kind: 'iis.apppool.stop', pool }, `Stopping the application pool ${pool}`, signal);
  }

  startSite(site: string, signal?: AbortSignal): Promise<void> {
    return this.#change({ kind: 'iis.site.start', site }, `Starting the site ${site}`, signal);
  }

  stopSite(site: string, signal?: AbortSignal): Promise<void> {
    return this.#change({ kind: 'iis.site.stop', site }, `Stopping the site ${site}`, signal);
  }

  setAuthentication(location: string, method: IisAuthMethod, enabled: boolean, signal?: AbortSignal): Promise<void> {
    return this.#change({ kind: 'iis.auth.set', location, method, enabled }, `Setting ${method} authentication on ${location}`, signal);
  }

  addVirtualDirectory(app: string, path: string, physicalPath: string, signal?: AbortSignal): Promise<void> {
    return this.#change({ kind: 'iis.vdir.add', app, path, physicalPath }, `Adding the virtual directory ${path} to ${app}`, signal);
  }

  addBinding(site: string, protocol: 'http', bindingInformation: string, signal?: AbortSignal): Promise<void> {
    return this.#change({ kind: 'iis.binding.add', site, protocol, bindingInformation }, `Adding the binding ${bindingInformation} to ${site}`, signal);
  }

  runScript(script: string, signal?: AbortSignal): Promise<void> {
    return this.#change({ kind: 'iis.script.run', script }, `Running ${script}`, signal);
  }

  async backupConfig(signal?: AbortSignal): Promise<string> {
    const stamp = (this.#opts.now?.() ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
    const name = `wsus-doctor-${stamp}-${randomBytes(3).toString('hex')}`;
    if (!IIS_BACKUP_NAME.test(name)) throw new Error(`Invalid backup name ${name}.`);
    const cmd = appcmdAddBackup(name);
    await runOrThrow(this.#runner, this.#opts.appcmdExe, cmd.args, 'Saving a copy of the IIS configuration (appcmd add backup)', signal ? { signal } : {});
    return name;
  }

  restoreConfig(backup: string, signal?: AbortSignal): Promise<void> {
    if (!IIS_BACKUP_NAME.test(backup)) return Promise.reject(new Error(`"${backup}" is not an IIS configuration backup made by this tool.`));
    return this.#change({ kind: 'iis.config.restore', backup }, `Restoring the IIS configuration backup ${backup}`, signal);
  }
}
