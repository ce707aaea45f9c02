/** The server-role adapters of the real Windows machine, composed from the system programs they run. */
import type { CommandRunner, FileAdapter, ServerAdapters } from '../types.js';
import { systemBinary, systemRoot } from '../windows/command-runner.js';
import { WindowsAcl } from './windows-acl.js';
import { WindowsEvents } from './windows-events.js';
import { WindowsGroups } from './windows-groups.js';
import { WindowsIis } from './windows-iis.js';

/** %ProgramData%\WSUS Self-Update Doctor\acl-backups: where saved permissions wait for undo. */
export function aclBackupDir(env: NodeJS.ProcessEnv): string {
  const programData = env.ProgramData;
  const base = programData && /^[A-Za-z]:\\[^"<>|?*]*$/.test(programData) ? programData.replace(/\\+$/, '') : 'C:\\ProgramData';
  return `${base}\\WSUS Self-Update Doctor\\acl-backups`;
}

export function createWindowsServerAdapters(runner: CommandRunner, files: FileAdapter, env: NodeJS.ProcessEnv): ServerAdapters {
  const binary = (name: string): string => systemBinary(name, { env });
  return {
    iis: new WindowsIis(runner, files, { appcmdExe: binary('inetsrv\\appcmd.exe'), cscriptExe: binary('cscript.exe'), systemRoot: systemRoot(env) }),
    acl: new WindowsAcl(runner, { icaclsExe: binary('icacls.exe'), backupDir: aclBackupDir(env) }),
    groups: new WindowsGroups(runner, binary('WindowsPowerShell\\v1.0\\powershell.exe')),
    events: new WindowsEvents(runner, binary('wevtutil.exe')),
  };
}
