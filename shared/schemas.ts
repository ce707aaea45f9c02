/** Runtime schemas for values that cross a boundary (files, IPC, backups). Pure: zod only. */
import { z } from 'zod';
import { START_TYPES } from './changes.js';

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

export const ChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('registry.set'), key: RegKeyPathSchema, name: z.string().max(16_383), value: RegValueSchema }).strict(),
  z.object({ kind: z.literal('registry.delete'), key: RegKeyPathSchema, name: z.string().max(16_383) }).strict(),
  z.object({ kind: z.literal('service.start-type'), service: ServiceName, startType: z.enum(START_TYPES) }).strict(),
  z.object({ kind: z.enum(['service.start', 'service.stop', 'service.restart']), service: ServiceName }).strict(),
]);
