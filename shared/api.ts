/**
 * The one API the renderer may call. Three implementations share this type: the Electron preload
 * (IPC, one method per operation), the web harness client (HTTP with a per-run token), and a fake for
 * component tests. Main-side handlers validate every argument with API_SCHEMAS (shared/api-schemas.ts)
 * before calling services. This module has no runtime dependencies, so the renderer's bundle stays small.
 * Over the Electron bridge, methods reject with an ApiErrorShape object (contextBridge strips Error
 * subclasses of their fields); the renderer accepts both that and ApiError.
 */
import type { FixOffer } from './changes.js';
import type { CheckId } from './check-ids.js';
import type { AppliedFix, CheckResult, RunResult } from './results.js';
import type { Role } from './status.js';
import type { L10n, Lang } from './text.js';

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

/** The id of a fix journal entry: its start time and fix id, safe as a file name and on a command line. */
export const JOURNAL_ID_PATTERN = /^[0-9TZ-]{15,40}_[A-Za-z0-9._-]{1,160}$/;

/** A fix an earlier run started on this machine and never finished (the process was killed or crashed). */
export interface InterruptedFix {
  /** the journal entry's id */
  id: string;
  fixId: string;
  createdAt: string;
  /** the change it stopped at (1-based; 0 when it stopped before the first) and how many the fix has */
  stoppedAt: number;
  total: number;
  backup: string;
  /** what rolling back would change, in order */
  rollback: L10n[];
  /** what finishing would change, in order */
  finish: L10n[];
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
  /** fixes an earlier run left unfinished on this machine; fixes are refused until each is recovered */
  interruptedFixes(sessionId: string): Promise<InterruptedFix[]>;
  /** rolls an interrupted fix back or finishes it, then re-checks */
  recoverFix(sessionId: string, journalId: string, action: 'rollback' | 'finish'): Promise<{ problems: string[]; run: RunResult }>;
  /**
   * Starts the app again elevated (Windows: the shell's "runas" verb, which shows the UAC prompt) and
   * quits this instance when the new one started. Rejects with 'unavailable' outside the desktop app.
   */
  relaunchAsAdmin(): Promise<{ started: boolean }>;
  saveReport(sessionId: string, options: { format: 'html' | 'json'; lang: Lang; redact: boolean }): Promise<SavedReport>;
  closeSession(sessionId: string): Promise<void>;
}

export type ApiMethod = keyof DoctorApi;

/** Menu items of the desktop app that the wizard carries out (sent by the shell, never by the page). */
export const MENU_ACTIONS = [
  'save-report-html',
  'save-report-json',
  'language-en',
  'language-ja',
  'theme-system',
  'theme-light',
  'theme-dark',
] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

export function isMenuAction(value: unknown): value is MenuAction {
  return typeof value === 'string' && (MENU_ACTIONS as readonly string[]).includes(value);
}

/** `window.wsusDoctorShell` in the desktop app: the menu, and nothing else. */
export interface DoctorShellApi {
  onMenuAction(listener: (action: MenuAction) => void): () => void;
}
