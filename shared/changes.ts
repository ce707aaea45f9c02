import type { RegValue } from './registry-types.js';
import type { L10n } from './text.js';

export const START_TYPES = ['boot', 'system', 'auto', 'manual', 'disabled'] as const;
export type StartType = (typeof START_TYPES)[number];

/**
 * One concrete change a fix makes. Fixes are plans of these; the adapters carry them out,
 * the preview lists them, the backup records what each one replaces, and undo reverses them.
 */
export type Change =
  | { kind: 'registry.set'; key: string; name: string; value: RegValue }
  | { kind: 'registry.delete'; key: string; name: string }
  | { kind: 'service.start-type'; service: string; startType: StartType }
  | { kind: 'service.start'; service: string }
  | { kind: 'service.stop'; service: string }
  | { kind: 'service.restart'; service: string }
  // IIS (server role), carried out with %windir%\system32\inetsrv\appcmd.exe; see server-commands.ts.
  | { kind: 'iis.apppool.start'; pool: string }
  | { kind: 'iis.apppool.stop'; pool: string }
  | { kind: 'iis.site.start'; site: string }
  | { kind: 'iis.site.stop'; site: string }
  /** location: "Site" or "Site/VirtualDirectory", as appcmd names a configuration path */
  | { kind: 'iis.auth.set'; location: string; method: IisAuthMethod; enabled: boolean }
  /** app: the application the directory goes under, e.g. "Default Web Site/"; path: "/SelfUpdate" */
  | { kind: 'iis.vdir.add'; app: string; path: string; physicalPath: string }
  /** bindingInformation: "IP:port:host", e.g. "127.0.0.1:80:" or "*:80:" */
  | { kind: 'iis.binding.add'; site: string; protocol: 'http'; bindingInformation: string }
  /** WSUS's own InstallSelfupdateOnPort80.vbs, run with cscript.exe */
  | { kind: 'iis.script.run'; script: string }
  /** undo: puts back the copy of applicationHost.config taken before a configuration change */
  | { kind: 'iis.config.restore'; backup: string }
  // NTFS permissions, carried out with icacls.exe, principals by SID only.
  | { kind: 'acl.grant'; path: string; sid: string; rights: AclRights }
  /** undo: puts back the ACL saved with `icacls PATH /save FILE` before the change */
  | { kind: 'acl.restore'; path: string; saved: string };

export const IIS_AUTH_METHODS = ['anonymous', 'windows'] as const;
export type IisAuthMethod = (typeof IIS_AUTH_METHODS)[number];

/** icacls simple rights: F full control, RX read and execute (both inherited by subfolders and files). */
export const ACL_RIGHTS = ['F', 'RX'] as const;
export type AclRights = (typeof ACL_RIGHTS)[number];

export type ChangeKind = Change['kind'];

/** A fix as a check offers it: automatic ones carry a plan, manual ones carry steps for a person. */
export interface FixOffer {
  /** stable, e.g. "client.policy.wuserver:set-server" */
  id: string;
  title: L10n;
  automatic: boolean;
  requiresAdmin: boolean;
  /** What a person does (manual fixes), or what the automatic fix does, in plain words. */
  steps: L10n[];
  /** The changes an automatic fix makes, in order. */
  plan: Change[];
  /** Set when the fix cannot be applied as things stand (e.g. no valid WSUS URL is known yet). */
  blocked?: L10n;
}

/** Same change, by value: used to merge plans that touch the same value twice. */
export function changeKey(c: Change): string {
  return JSON.stringify(c);
}
