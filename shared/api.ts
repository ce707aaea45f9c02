/**
 * The one API the renderer may call. Three implementations share this type: the Electron preload
 * (IPC, one method per operation), the web harness client (HTTP with a per-run token), and a fake for
 * component tests. Main-side handlers validate every argument with API_SCHEMAS before calling services.
 */
import { z } from 'zod';
import type { FixOffer } from './changes.js';
import type { CheckId } from './check-ids.js';
import type { AppliedFix, CheckResult, RunResult } from './results.js';
import { ROLES, type Role } from './status.js';
import { LANGS, type L10n, type Lang } from './text.js';

export interface ScenarioSummary {
  name: string;
  role: Role;
  title: L10n;
  description: L10n;
}

export interface RoleSuggestion {
  /** null when the machine cannot be checked locally (not Windows): offer remote or a demo */
  role: Role | null;
  platform: 'windows' | 'other';
  wsusInstalled: boolean;
  reason: L10n;
}

export interface SessionInfo {
  sessionId: string;
  role: Role;
  scenario?: ScenarioSummary;
  /** the WSUS URL under test (remote role), as validated */
  server?: string;
  machine: 'windows' | 'simulated';
}

export type ProgressEvent =
  | { type: 'start'; id: CheckId; index: number; total: number }
  | { type: 'done'; result: CheckResult; index: number; total: number };

export interface PlannedFix {
  fix: FixOffer;
  /** each change of the merged plan, as the preview shows it */
  changes: L10n[];
  /** fixes in the same batch that make the rest of this fix's changes */
  coveredBy: string[];
}

export interface FixPreview {
  fixes: PlannedFix[];
  /** ids asked for that no check offered, or that cannot be applied now */
  unavailable: { id: string; reason: L10n }[];
  needsAdmin: boolean;
  /** false: fixes needing administrator rights cannot be applied; relaunch elevated */
  elevated: boolean | null;
}

export interface ApplyOutcome {
  applied: AppliedFix[];
  /** the automatic re-check after the fixes */
  run: RunResult;
}

export interface SavedReport {
  saved: boolean;
  /** where it went (a path in the app, a file name in the browser) */
  location?: string;
}

/** Errors cross the bridge as this shape, with a message for the user in both languages. */
export interface ApiErrorShape {
  code: 'bad-input' | 'not-found' | 'not-allowed' | 'failed' | 'unavailable';
  message: L10n;
}

export class ApiError extends Error {
  readonly code: ApiErrorShape['code'];
  readonly l10n: L10n;

  constructor(code: ApiErrorShape['code'], message: L10n) {
    super(message.en);
    this.name = 'ApiError';
    this.code = code;
    this.l10n = message;
  }

  // The name `message` is taken by Error; the bilingual text is `l10n`.
  toShape(): ApiErrorShape {
    return { code: this.code, message: this.l10n };
  }
}

export interface DoctorApi {
  listScenarios(): Promise<ScenarioSummary[]>;
  detectRole(): Promise<RoleSuggestion>;
  startSession(request: { role?: Role; scenario?: string; server?: string }): Promise<SessionInfo>;
  runChecks(sessionId: string, onProgress?: (event: ProgressEvent) => void): Promise<RunResult>;
  previewFixes(sessionId: string, fixIds: string[]): Promise<FixPreview>;
  /** applies, then re-checks */
  applyFixes(sessionId: string, fixIds: string[]): Promise<ApplyOutcome>;
  /** restores the backup of an applied fix, then re-checks */
  undoFix(sessionId: string, backup: string): Promise<{ problems: string[]; run: RunResult }>;
  saveReport(sessionId: string, options: { format: 'html' | 'json'; lang: Lang; redact: boolean }): Promise<SavedReport>;
  closeSession(sessionId: string): Promise<void>;
}

export type ApiMethod = keyof DoctorApi;

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
  saveReport: z.tuple([
    SessionId,
    z.object({ format: z.enum(['html', 'json']), lang: z.enum(LANGS), redact: z.boolean() }).strict(),
  ]),
  closeSession: z.tuple([SessionId]),
} as const satisfies Record<ApiMethod, z.ZodType>;

export const API_METHODS = Object.keys(API_SCHEMAS) as ApiMethod[];
