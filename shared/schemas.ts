/** Runtime schemas for values that cross a boundary (files, IPC, backups). Pure: zod only. */
import { z } from 'zod';
import { ACL_RIGHTS, IIS_AUTH_METHODS, START_TYPES } from './changes.js';
import { BINDING_INFORMATION, IIS_BACKUP_NAME, IIS_LOCATION, IIS_NAME, isWindowsPath, SID, VDIR_PATH } from './server-commands.js';

export const L10nSchema = z.object({ en: z.string().min(1), ja: z.string().min(1) }).strict();

const HEX = /^(?:[0-9a-f]{2})*$/;

export const RegValueSchema = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['REG_SZ', 'REG_EXPAND_SZ']), data: z.string().max(65_535) }).strict(),
  z.object({ type: z.literal('REG_MULTI_SZ'), data: z.array(z.string().max(65_535)).max(1000) }).strict(),
  z.object({ type: z.literal('REG_DWORD'), data: z.number().int().min(0).max(0xffffffff) }).strict(),
  z.object({ type: z.literal('REG_QWORD'), data: z.string().regex(/^\d{1,20}$/) }).strict(),
  z.object({ type: z.enum(['REG_BINARY', 'REG_NONE']), data: z.string().regex(HEX).max(131_072) }).strict(),
]);

export const RegKeyPathSchema = z
  .string()
  .max(1024)
  .regex(/^(HKLM|HKCU|HKU|HKCR|HKCC)(\\[^\\\r\n]+)+$/, 'a registry key path such as HKLM\\SOFTWARE\\…');

const ServiceName = z.string().regex(/^[A-Za-z0-9_.-]{1,256}$/);
const IisName = z.string().regex(IIS_NAME);
const WindowsPath = z.string().refine(isWindowsPath, 'a Windows path such as C:\\Program Files\\Update Services\\SelfUpdate');

export const ChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('registry.set'), key: RegKeyPathSchema, name: z.string().max(16_383), value: RegValueSchema }).strict(),
  z.object({ kind: z.literal('registry.delete'), key: RegKeyPathSchema, name: z.string().max(16_383) }).strict(),
  z.object({ kind: z.literal('service.start-type'), service: ServiceName, startType: z.enum(START_TYPES) }).strict(),
  z.object({ kind: z.enum(['service.start', 'service.stop', 'service.restart']), service: ServiceName }).strict(),
  z.object({ kind: z.enum(['iis.apppool.start', 'iis.apppool.stop']), pool: IisName }).strict(),
  z.object({ kind: z.enum(['iis.site.start', 'iis.site.stop']), site: IisName }).strict(),
  z.object({ kind: z.literal('iis.auth.set'), location: z.string().regex(IIS_LOCATION), method: z.enum(IIS_AUTH_METHODS), enabled: z.boolean() }).strict(),
  z.object({ kind: z.literal('iis.vdir.add'), app: z.string().regex(IIS_LOCATION), path: z.string().regex(VDIR_PATH), physicalPath: WindowsPath }).strict(),
  z.object({ kind: z.literal('iis.binding.add'), site: IisName, protocol: z.literal('http'), bindingInformation: z.string().regex(BINDING_INFORMATION) }).strict(),
  z.object({ kind: z.literal('iis.script.run'), script: WindowsPath.refine((p) => /\\InstallSelfupdateOnPort80\.vbs$/i.test(p), 'WSUS\'s InstallSelfupdateOnPort80.vbs') }).strict(),
  z.object({ kind: z.literal('iis.config.restore'), backup: z.string().regex(IIS_BACKUP_NAME) }).strict(),
  z.object({ kind: z.literal('acl.grant'), path: WindowsPath, sid: z.string().regex(SID), rights: z.enum(ACL_RIGHTS) }).strict(),
  z.object({ kind: z.literal('acl.restore'), path: WindowsPath, saved: WindowsPath }).strict(),
]);
