/**
 * The exact command lines the server fixes run: IIS through appcmd.exe, NTFS permissions through
 * icacls.exe (principals by SID, never by localized name), WSUS's own script through cscript.exe.
 * The preview prints them and the Windows adapters run the same argument arrays (never a shell),
 * so what the administrator reads is what runs. Also the validators for every value that goes in.
 */
import type { AclRights, Change } from './changes.js';

export const APPCMD_DISPLAY = '%windir%\\system32\\inetsrv\\appcmd.exe';
export const ICACLS_DISPLAY = '%windir%\\system32\\icacls.exe';
export const CSCRIPT_DISPLAY = '%windir%\\system32\\cscript.exe';

export type ServerProgram = 'appcmd' | 'icacls' | 'cscript';

export interface ServerCommand {
  program: ServerProgram;
  args: string[];
}

// ---------------------------------------------------------------------------------------------
// Validators (the zod schemas and the adapters use the same ones)

/* eslint-disable no-control-regex -- rejecting control characters is the point */
/** An IIS site or application pool name: printable, no quotes, slashes or wildcard characters. */
export const IIS_NAME = /^(?! )[^"/\\<>|*?\u0000-\u001f]{1,200}(?<! )$/;
/** "Site" or "Site/Dir/Sub": a configuration location path as appcmd takes it. */
export const IIS_LOCATION = /^(?! )[^"\\<>|*?\u0000-\u001f]{1,400}$/;
/** A Windows absolute path without reserved characters. */
export const WINDOWS_PATH = /^[A-Za-z]:\\[^<>:"/|?*\u0000-\u001f]{0,400}$/;
/* eslint-enable no-control-regex */
/** A virtual directory path below an application: "/SelfUpdate". */
export const VDIR_PATH = /^\/[A-Za-z0-9_.-]{1,100}$/;
/** IIS http bindingInformation: "IP:port:host" with "*" for all unassigned addresses. */
export const BINDING_INFORMATION = /^(\*|\d{1,3}(\.\d{1,3}){3}):\d{1,5}:[A-Za-z0-9.-]{0,253}$/;
/** A security identifier in string form. */
export const SID = /^S-1-\d{1,14}(-\d{1,10}){1,14}$/;
/** An appcmd configuration backup name (our own: wsus-doctor-…). */
export const IIS_BACKUP_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export function isWindowsPath(value: string): boolean {
  return WINDOWS_PATH.test(value) && !value.split('\\').some((p) => p === '..' || p === '.');
}

/** The folder above a Windows path ("C:\A\B" → "C:\A"); icacls /restore takes the parent folder. */
export function parentFolder(path: string): string {
  const trimmed = path.replace(/\\+$/, '');
  const i = trimmed.lastIndexOf('\\');
  if (i <= 2) return trimmed.slice(0, 3);
  return trimmed.slice(0, i);
}

/** icacls grant argument: `*SID:(OI)(CI)(RX)` (inherited by subfolders and files). */
export function icaclsGrant(sid: string, rights: AclRights): string {
  return `*${sid}:(OI)(CI)(${rights})`;
}

// ---------------------------------------------------------------------------------------------
// Commands

export function appcmdAddBackup(name: string): ServerCommand {
  return { program: 'appcmd', args: ['add', 'backup', name] };
}

export function icaclsSave(path: string, file: string): ServerCommand {
  return { program: 'icacls', args: [path, '/save', file] };
}

/** The command that carries out a server change, or null for a change that is not a server change. */
export function serverCommandFor(c: Change): ServerCommand | null {
  switch (c.kind) {
    case 'iis.apppool.start':
      return { program: 'appcmd', args: ['start', 'apppool', `/apppool.name:${c.pool}`] };
    case 'iis.apppool.stop':
      return { program: 'appcmd', args: ['stop', 'apppool', `/apppool.name:${c.pool}`] };
    case 'iis.site.start':
      return { program: 'appcmd', args: ['start', 'site', `/site.name:${c.site}`] };
    case 'iis.site.stop':
      return { program: 'appcmd', args: ['stop', 'site', `/site.name:${c.site}`] };
    case 'iis.auth.set':
      return {
        program: 'appcmd',
        args: [
          'set',
          'config',
          c.location,
          `/section:system.webServer/security/authentication/${c.method}Authentication`,
          `/enabled:${c.enabled ? 'true' : 'false'}`,
          '/commit:apphost',
        ],
      };
    case 'iis.vdir.add':
      return { program: 'appcmd', args: ['add', 'vdir', `/app.name:${c.app}`, `/path:${c.path}`, `/physicalPath:${c.physicalPath}`] };
    case 'iis.binding.add':
      return { program: 'appcmd', args: ['set', 'site', `/site.name:${c.site}`, `/+bindings.[protocol='${c.protocol}',bindingInformation='${c.bindingInformation}']`] };
    case 'iis.config.restore':
      return { program: 'appcmd', args: ['restore', 'backup', c.backup] };
    case 'iis.script.run':
      return { program: 'cscript', args: ['//Nologo', c.script] };
    case 'acl.grant':
      return { program: 'icacls', args: [c.path, '/grant', icaclsGrant(c.sid, c.rights)] };
    case 'acl.restore':
      return { program: 'icacls', args: [parentFolder(c.path), '/restore', c.saved] };
    default:
      return null;
  }
}

const DISPLAY: Record<ServerProgram, string> = { appcmd: APPCMD_DISPLAY, icacls: ICACLS_DISPLAY, cscript: CSCRIPT_DISPLAY };

/** One argument as Windows receives it: wrapped in quotes when it holds a space (libuv quotes execFile arguments the same way). */
function quote(arg: string): string {
  return /[\s"]/.test(arg) ? `"${arg.replace(/"/g, '\\"')}"` : arg;
}

/** The command line as a person would type it at an elevated prompt. */
export function displayCommand(cmd: ServerCommand): string {
  return [DISPLAY[cmd.program], ...cmd.args.map(quote)].join(' ');
}
