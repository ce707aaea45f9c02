/** Runtime schemas for the bridge's arguments: main-side handlers validate every call with these. */
import { z } from 'zod';
import { JOURNAL_ID_PATTERN, type ApiMethod } from './api.js';
import { ROLES } from './status.js';
import { LANGS } from './text.js';

const SessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const FixId = z.string().regex(/^[a-z0-9][a-z0-9.:-]{0,127}$/);
const Text = (max: number) => z.string().max(max);

/** The arguments of every method, as they cross a process boundary (callbacks excluded). */
export const API_SCHEMAS = {
  listScenarios: z.tuple([]),
  detectRole: z.tuple([]),
  startSession: z.tuple([
    z
      .object({
        role: z.enum(ROLES).optional(),
        scenario: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/).optional(),
        server: Text(300).optional(),
      })
      .strict(),
  ]),
  runChecks: z.tuple([SessionId]),
  previewFixes: z.tuple([SessionId, z.array(FixId).min(1).max(50)]),
  applyFixes: z.tuple([SessionId, z.array(FixId).min(1).max(50)]),
  undoFix: z.tuple([SessionId, Text(1024).min(1)]),
  interruptedFixes: z.tuple([SessionId]),
  recoverFix: z.tuple([SessionId, z.string().regex(JOURNAL_ID_PATTERN), z.enum(['rollback', 'finish'])]),
  relaunchAsAdmin: z.tuple([]),
  saveReport: z.tuple([
    SessionId,
    z.object({ format: z.enum(['html', 'json']), lang: z.enum(LANGS), redact: z.boolean() }).strict(),
  ]),
  closeSession: z.tuple([SessionId]),
} as const satisfies Record<ApiMethod, z.ZodType>;

export const API_METHODS = Object.keys(API_SCHEMAS) as ApiMethod[];
