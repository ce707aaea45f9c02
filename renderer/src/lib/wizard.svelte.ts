/**
 * The wizard's state: one instance per window, passed down through context. All state is private and
 * reactive; components read getters and derived values and change things only through the methods
 * (the pattern of svelte.dev's Workspace). Every bridge call goes through #call, so a rejection, an
 * ApiErrorShape or a lost backend alike, becomes a visible bilingual message and leaves the wizard usable.
 */
import type {
  ApplyOutcome,
  DoctorApi,
  FixPreview,
  InterruptedFix,
  ProgressEvent,
  RoleSuggestion,
  ScenarioSummary,
  SessionInfo,
} from '../../../shared/api.js';
import { definition } from '../../../shared/catalogue/index.js';
import type { FixOffer } from '../../../shared/changes.js';
import type { CheckId } from '../../../shared/check-ids.js';
import { FLOWS, stepStatus, type FlowStep } from '../../../shared/flow.js';
import type { AppliedFix, CheckResult, RunResult } from '../../../shared/results.js';
import { countStatuses, STATUS_SEVERITY, type CheckStatus, type Role, type StatusCounts } from '../../../shared/status.js';
import type { L10n, Lang } from '../../../shared/text.js';
import { parseWsusUrl } from '../../../shared/wsus-url.js';
import { toUserMessage } from './errors.js';
import type { Vars } from './i18n.svelte.js';
import { S, STATUS_NAMES } from './strings.js';
import { ticketSummary } from './ticket.js';

export type Phase = 'choose-role' | 'server-url' | 'running' | 'steps' | 'summary';
export type Busy = 'loading' | 'starting' | 'checking' | 'previewing' | 'applying' | 'undoing' | 'recovering' | 'relaunching' | 'saving' | 'copying';

export interface Progress {
  /** the check that started last and has not finished */
  currentId: CheckId | null;
  done: number;
  /** 0 until the engine says how many checks it runs */
  total: number;
}

export interface AppliedEntry extends AppliedFix {
  title: L10n | null;
  /** the check that offered the fix */
  checkId: CheckId | null;
  undone: boolean;
}

export type FixStage = 'loading' | 'ready' | 'applying' | 'done';

export interface FixState {
  fixId: string;
  checkId: CheckId | null;
  offer: FixOffer | null;
  stage: FixStage;
  preview: FixPreview | null;
  outcome: ApplyOutcome | null;
  /** the last failure inside the dialog (the rest of the page is inert while it is open) */
  error: L10n | null;
}

export interface WizardError {
  message: L10n;
  /** a retry of the operation that failed is possible */
  canRetry: boolean;
}

export interface SaveState {
  format: 'html' | 'json';
  status: 'saving' | 'saved' | 'cancelled' | 'failed';
  location?: string;
  error?: L10n;
}

export interface CopyState {
  status: 'copied' | 'failed';
  text: string;
}

export interface Announcement {
  text: L10n;
  vars?: Vars;
  /** changes with every announcement so the same words are announced twice */
  seq: number;
}

export interface UndoState {
  backup: string;
  problems: string[];
}

export interface WizardOptions {
  /** the current display language (reports and the ticket summary are written in it) */
  lang?: () => Lang;
  clipboard?: Pick<Clipboard, 'writeText'> | null;
  /** a practice machine the host asked for (the web harness started with --scenario): offered first */
  initialScenario?: string | null;
}

export interface StartRequest {
  role?: Role;
  scenario?: string;
  server?: string;
}

const PROBLEM_STATUSES: readonly CheckStatus[] = ['error', 'fail', 'warn'];

function defaultClipboard(): Pick<Clipboard, 'writeText'> | null {
  return globalThis.navigator?.clipboard ?? null;
}

export function checkTitle(id: CheckId): L10n {
  try {
    return definition(id).title;
  } catch {
    return { en: id, ja: id };
  }
}

export class WizardMachine {
  readonly #api: DoctorApi;
  readonly #lang: () => Lang;
  readonly #clipboard: Pick<Clipboard, 'writeText'> | null;
  #initialScenario: string | null = null;

  #phase = $state<Phase>('choose-role');
  #suggestion = $state.raw<RoleSuggestion | null>(null);
  #scenarios = $state.raw<ScenarioSummary[]>([]);
  #loaded = $state(false);
  #session = $state.raw<SessionInfo | null>(null);
  #result = $state.raw<RunResult | null>(null);
  #progress = $state.raw<Progress>({ currentId: null, done: 0, total: 0 });
  #stepIndex = $state(0);
  #busy = $state<Busy | null>(null);
  #error = $state.raw<WizardError | null>(null);
  /** fixes an earlier run left unfinished on this machine (fixes are refused until each is recovered) */
  #interrupted = $state.raw<InterruptedFix[]>([]);
  #urlError = $state.raw<L10n | null>(null);
  #fix = $state.raw<FixState | null>(null);
  #applied = $state.raw<AppliedEntry[]>([]);
  #undo = $state.raw<UndoState | null>(null);
  #save = $state.raw<SaveState | null>(null);
  #copy = $state.raw<CopyState | null>(null);
  #announcement = $state.raw<Announcement | null>(null);
  #redact = $state(false);
  /** verdicts as they arrive during the first run, so the flow map fills in live */
  #live = $state.raw<ReadonlyMap<CheckId, CheckStatus>>(new Map());

  #retry: (() => Promise<unknown>) | null = null;
  /** bumps when a session ends, so late answers of an abandoned session are dropped */
  #generation = 0;
  #seq = 0;
  #running: CheckId[] = [];

  readonly steps: readonly FlowStep[] = $derived(this.#session ? FLOWS[this.#session.role] : []);
  readonly currentStep: FlowStep | undefined = $derived(this.#phase === 'steps' ? this.steps[this.#stepIndex] : undefined);
  readonly resultsById: ReadonlyMap<CheckId, CheckResult> = $derived(
    new Map((this.#result?.results ?? []).map((r) => [r.id, r] as const)),
  );
  readonly stepStatuses: readonly (CheckStatus | undefined)[] = $derived(
    this.steps.map((s) =>
      stepStatus(s, (id) => (this.#result ? this.resultsById.get(id)?.status : this.#live.get(id))),
    ),
  );
  readonly currentChecks: readonly CheckResult[] = $derived(this.currentStep ? this.checksOf(this.currentStep) : []);
  readonly counts: StatusCounts = $derived(countStatuses((this.#result?.results ?? []).map((r) => r.status)));
  /** errors, failures and warnings, worst first, in flowchart order within a status */
  readonly remainingProblems: readonly CheckResult[] = $derived(this.#problems());
  readonly fixesApplied: readonly AppliedEntry[] = $derived(this.#applied);
  readonly canBack: boolean = $derived(
    this.#phase === 'server-url' || (this.#phase === 'steps' && this.#stepIndex > 0) || this.#phase === 'summary',
  );
  readonly canNext: boolean = $derived(this.#phase === 'steps' && this.#result !== null);
  readonly isLastStep: boolean = $derived(this.#phase === 'steps' && this.#stepIndex === this.steps.length - 1);
  readonly elevated: boolean | null = $derived(this.#result?.environment.elevated ?? null);
  /** the practice machine the host asked for, once the list is known */
  readonly preferredScenario: ScenarioSummary | null = $derived(
    this.#initialScenario === null ? null : (this.#scenarios.find((s) => s.name === this.#initialScenario) ?? null),
  );

  constructor(api: DoctorApi, options: WizardOptions = {}) {
    this.#api = api;
    this.#lang = options.lang ?? (() => 'en');
    this.#clipboard = options.clipboard === undefined ? defaultClipboard() : options.clipboard;
    this.#initialScenario = options.initialScenario ?? null;
  }

  // ---- read-only views -------------------------------------------------------------------------

  get phase(): Phase {
    return this.#phase;
  }
  get suggestion(): RoleSuggestion | null {
    return this.#suggestion;
  }
  get scenarios(): readonly ScenarioSummary[] {
    return this.#scenarios;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  get session(): SessionInfo | null {
    return this.#session;
  }
  get result(): RunResult | null {
    return this.#result;
  }
  get progress(): Progress {
    return this.#progress;
  }
  get stepIndex(): number {
    return this.#stepIndex;
  }
  get interrupted(): readonly InterruptedFix[] {
    return this.#interrupted;
  }

  get busy(): Busy | null {
    return this.#busy;
  }
  get error(): WizardError | null {
    return this.#error;
  }
  get urlError(): L10n | null {
    return this.#urlError;
  }
  get fix(): FixState | null {
    return this.#fix;
  }
  get undoState(): UndoState | null {
    return this.#undo;
  }
  get save(): SaveState | null {
    return this.#save;
  }
  get copy(): CopyState | null {
    return this.#copy;
  }
  get announcement(): Announcement | null {
    return this.#announcement;
  }
  /** hide names and addresses in saved reports */
  get redact(): boolean {
    return this.#redact;
  }

  setRedact(value: boolean): void {
    this.#redact = value;
  }

  checksOf(step: FlowStep): CheckResult[] {
    const out: CheckResult[] = [];
    for (const id of step.checks) {
      const r = this.resultsById.get(id);
      if (r) out.push(r);
    }
    return out;
  }

  /** the step that holds a check in this session's flow */
  stepIndexOf(id: CheckId): number {
    return this.steps.findIndex((s) => s.checks.includes(id));
  }

  // ---- choosing what to check ------------------------------------------------------------------

  /** Asks the engine what this computer is and which practice machines exist. */
  async load(): Promise<void> {
    if (this.#busy) return;
    const gen = this.#generation;
    this.#busy = 'loading';
    this.#error = null;
    try {
      const [suggestion, scenarios] = await Promise.allSettled([this.#api.detectRole(), this.#api.listScenarios()]);
      if (gen !== this.#generation) return;
      if (suggestion.status === 'fulfilled') this.#suggestion = suggestion.value;
      if (scenarios.status === 'fulfilled') this.#scenarios = scenarios.value;
      const failed = suggestion.status === 'rejected' ? suggestion.reason : scenarios.status === 'rejected' ? scenarios.reason : null;
      if (failed !== null) this.#fail(failed, () => this.load());
      this.#loaded = true;
    } finally {
      if (gen === this.#generation) this.#busy = null;
    }
  }

  /** Client and server start at once; remote asks for the server's address first. */
  async chooseRole(role: Role): Promise<void> {
    if (this.#busy) return;
    if (role === 'remote') {
      this.#error = null;
      this.#urlError = null;
      this.#phase = 'server-url';
      return;
    }
    await this.start({ role });
  }

  async chooseScenario(name: string): Promise<void> {
    await this.start({ scenario: name });
  }

  /** Validates the address here first: a bad one never reaches the bridge. */
  async submitServer(input: string): Promise<boolean> {
    return this.start({ role: 'remote', server: input });
  }

  /** Starts a session, then runs the checks. Returns false when nothing started. */
  async start(request: StartRequest): Promise<boolean> {
    if (this.#busy) return false;
    const req: StartRequest = { ...request };
    if (req.server !== undefined) {
      const parsed = parseWsusUrl(req.server);
      if (!parsed.ok) {
        this.#urlError = parsed.reason;
        return false;
      }
      req.server = parsed.value.url;
    }
    this.#urlError = null;
    this.#error = null;
    const previous = this.#session;
    const gen = ++this.#generation;
    this.#busy = 'starting';
    let info: SessionInfo;
    try {
      info = await this.#api.startSession(req);
    } catch (e) {
      if (gen === this.#generation) {
        this.#busy = null;
        this.#fail(e, () => this.start(request));
      }
      return false;
    }
    if (gen !== this.#generation) return false;
    if (previous) this.#closeQuietly(previous.sessionId);
    this.#session = info;
    this.#result = null;
    this.#stepIndex = 0;
    this.#applied = [];
    this.#fix = null;
    this.#undo = null;
    this.#save = null;
    this.#copy = null;
    this.#interrupted = [];
    this.#busy = null;
    await this.#loadInterrupted(info.sessionId, gen);
    await this.run();
    return true;
  }

  /** Asks whether an earlier run left a fix unfinished; a failure here must not stop the checks. */
  async #loadInterrupted(sessionId: string, gen: number): Promise<void> {
    try {
      const found = await this.#api.interruptedFixes(sessionId);
      if (gen === this.#generation) this.#interrupted = found;
    } catch {
      // The checks still run; applying a fix would then report the interruption itself.
    }
  }

  /** Rolls an interrupted fix back or finishes it (the list of changes is shown beside the button); then re-checks. */
  async recoverInterrupted(journalId: string, action: 'rollback' | 'finish'): Promise<void> {
    const session = this.#session;
    if (!session || this.#busy) return;
    const gen = this.#generation;
    this.#busy = 'recovering';
    this.#error = null;
    try {
      const { problems, run } = await this.#api.recoverFix(session.sessionId, journalId, action);
      if (gen !== this.#generation) return;
      this.#result = run;
      if (problems.length > 0) {
        this.#fail({ code: 'failed', message: { en: problems.join('\n'), ja: problems.join('\n') } }, () => this.recoverInterrupted(journalId, action));
      } else {
        this.#announce(action === 'rollback' ? S.announceRolledBack : S.announceFinished);
      }
      this.#busy = null;
      await this.#loadInterrupted(session.sessionId, gen);
    } catch (e) {
      if (gen === this.#generation) this.#fail(e, () => this.recoverInterrupted(journalId, action));
    } finally {
      if (gen === this.#generation) this.#busy = null;
    }
  }

  /** Starts the app again elevated (desktop app on Windows); elsewhere the error explains what to do. */
  async relaunchAsAdmin(): Promise<void> {
    if (this.#busy) return;
    this.#busy = 'relaunching';
    this.#error = null;
    try {
      const { started } = await this.#api.relaunchAsAdmin();
      this.#announce(started ? S.announceRelaunching : S.announceRelaunchDeclined);
    } catch (e) {
      this.#fail(e, () => this.relaunchAsAdmin());
    } finally {
      this.#busy = null;
    }
  }

  // ---- running the checks ----------------------------------------------------------------------

  /** Runs every check. The first run has its own page; later runs keep the page that is open. */
  async run(): Promise<void> {
    const session = this.#session;
    if (!session || this.#busy) return;
    const gen = this.#generation;
    const first = this.#result === null;
    if (first) this.#phase = 'running';
    this.#busy = 'checking';
    this.#error = null;
    this.#running = [];
    this.#live = new Map();
    this.#progress = { currentId: null, done: 0, total: 0 };
    try {
      const run = await this.#api.runChecks(session.sessionId, (event) => {
        if (gen === this.#generation) this.#onProgress(event);
      });
      if (gen !== this.#generation) return;
      this.#result = run;
      if (first) {
        this.#stepIndex = 0;
        this.#phase = 'steps';
      }
      this.#announceRun();
    } catch (e) {
      if (gen === this.#generation) this.#fail(e, () => this.run());
    } finally {
      if (gen === this.#generation) {
        this.#busy = null;
        this.#running = [];
        this.#progress = { ...this.#progress, currentId: null };
      }
    }
  }

  recheck(): Promise<void> {
    return this.run();
  }

  #onProgress(event: ProgressEvent): void {
    if (event.type === 'start') {
      this.#running.push(event.id);
      this.#progress = { currentId: event.id, done: this.#progress.done, total: event.total };
    } else {
      this.#running = this.#running.filter((id) => id !== event.result.id);
      if (!this.#result) this.#live = new Map(this.#live).set(event.result.id, event.result.status);
      const done = Math.min(this.#progress.done + 1, event.total);
      this.#progress = { currentId: this.#running.at(-1) ?? null, done, total: event.total };
    }
  }

  // ---- moving around ---------------------------------------------------------------------------

  next(): void {
    if (!this.canNext) return;
    if (this.#stepIndex < this.steps.length - 1) this.#stepIndex += 1;
    else this.#phase = 'summary';
  }

  back(): void {
    if (!this.canBack) return;
    if (this.#phase === 'server-url') {
      this.#urlError = null;
      this.#error = null;
      this.#phase = 'choose-role';
    } else if (this.#phase === 'summary') {
      this.#stepIndex = Math.max(0, this.steps.length - 1);
      this.#phase = 'steps';
    } else {
      this.#stepIndex -= 1;
    }
  }

  /** Jumps to a step (the flow map). Only once there is a result to show. */
  goTo(index: number): void {
    if (!this.#result || !Number.isInteger(index) || index < 0 || index >= this.steps.length) return;
    this.#stepIndex = index;
    this.#phase = 'steps';
  }

  showSummary(): void {
    if (!this.#result) return;
    this.#phase = 'summary';
  }

  /** Ends the session (quietly: the engine may be gone) and returns to the first page. */
  startOver(): void {
    const session = this.#session;
    this.#generation += 1;
    if (session) this.#closeQuietly(session.sessionId);
    this.#session = null;
    this.#result = null;
    this.#stepIndex = 0;
    this.#busy = null;
    this.#error = null;
    this.#urlError = null;
    this.#fix = null;
    this.#applied = [];
    this.#undo = null;
    this.#save = null;
    this.#copy = null;
    this.#retry = null;
    this.#running = [];
    this.#live = new Map();
    this.#progress = { currentId: null, done: 0, total: 0 };
    this.#phase = 'choose-role';
  }

  // ---- fixes -----------------------------------------------------------------------------------

  /** Opens the preview of one fix: asks the engine for the exact changes. */
  async previewFix(fixId: string): Promise<void> {
    const session = this.#session;
    if (!session || this.#busy) return;
    const found = this.#findOffer(fixId);
    const gen = this.#generation;
    this.#fix = { fixId, checkId: found?.check.id ?? null, offer: found?.offer ?? null, stage: 'loading', preview: null, outcome: null, error: null };
    this.#busy = 'previewing';
    try {
      const preview = await this.#api.previewFixes(session.sessionId, [fixId]);
      if (gen !== this.#generation || this.#fix?.fixId !== fixId) return;
      this.#fix = { ...this.#fix, stage: 'ready', preview, error: null };
    } catch (e) {
      if (gen !== this.#generation || this.#fix?.fixId !== fixId) return;
      this.#fix = { ...this.#fix, stage: 'ready', preview: null, error: toUserMessage(e) };
    } finally {
      if (gen === this.#generation) this.#busy = null;
    }
  }

  /** Whether the open preview may be confirmed. */
  get canConfirmFix(): boolean {
    const f = this.#fix;
    if (!f || f.stage !== 'ready' || !f.preview || this.#busy) return false;
    if (f.preview.fixes.length === 0) return false;
    return !(f.preview.needsAdmin && f.preview.elevated === false);
  }

  /** Applies the previewed fix; the engine re-checks afterwards and the new result replaces the old. */
  async confirmFix(): Promise<void> {
    const session = this.#session;
    const f = this.#fix;
    if (!session || !f || !this.canConfirmFix || !f.preview) return;
    const gen = this.#generation;
    const ids = f.preview.fixes.map((p) => p.fix.id);
    this.#fix = { ...f, stage: 'applying', error: null };
    this.#busy = 'applying';
    try {
      const outcome = await this.#api.applyFixes(session.sessionId, ids);
      if (gen !== this.#generation) return;
      this.#result = outcome.run;
      this.#applied = [...this.#applied, ...outcome.applied.map((a) => this.#entry(a))];
      this.#fix = { ...f, stage: 'done', outcome, error: null };
      const ok = outcome.applied.length > 0 && outcome.applied.every((a) => a.result === 'applied');
      const status = f.checkId ? this.resultsById.get(f.checkId)?.status : undefined;
      if (ok && status) this.#announce(S.announceFixDone, { status: STATUS_NAMES[status] });
      else if (!ok) this.#announce(S.announceFixFailed);
    } catch (e) {
      if (gen !== this.#generation) return;
      this.#fix = { ...f, stage: 'ready', error: toUserMessage(e) };
    } finally {
      if (gen === this.#generation) this.#busy = null;
    }
  }

  /** Closes the preview (also after a fix is done). Not while the fix is being applied. */
  cancelFix(): void {
    if (this.#fix?.stage === 'applying') return;
    if (this.#busy === 'previewing') this.#busy = null;
    this.#fix = null;
  }

  /** Restores the backup of an applied fix; the engine re-checks afterwards. */
  async undo(backup: string): Promise<void> {
    const session = this.#session;
    if (!session || this.#busy) return;
    const gen = this.#generation;
    this.#busy = 'undoing';
    this.#error = null;
    try {
      const { problems, run } = await this.#api.undoFix(session.sessionId, backup);
      if (gen !== this.#generation) return;
      this.#result = run;
      this.#applied = this.#applied.map((a) => (a.backup === backup ? { ...a, undone: true } : a));
      this.#undo = { backup, problems };
      this.#announce(S.announceUndone);
    } catch (e) {
      if (gen === this.#generation) this.#fail(e, () => this.undo(backup));
    } finally {
      if (gen === this.#generation) this.#busy = null;
    }
  }

  // ---- reports ---------------------------------------------------------------------------------

  async saveReport(format: 'html' | 'json', redact: boolean = this.#redact): Promise<void> {
    const session = this.#session;
    if (!session || !this.#result || this.#busy) return;
    const gen = this.#generation;
    this.#busy = 'saving';
    this.#save = { format, status: 'saving' };
    try {
      const saved = await this.#api.saveReport(session.sessionId, { format, lang: this.#lang(), redact });
      if (gen !== this.#generation) return;
      const state: SaveState = { format, status: saved.saved ? 'saved' : 'cancelled' };
      if (saved.location !== undefined) state.location = saved.location;
      this.#save = state;
      if (saved.saved) this.#announce(S.announceSaved);
    } catch (e) {
      if (gen === this.#generation) {
        const message = toUserMessage(e);
        this.#save = { format, status: 'failed', error: message };
        this.#announce(S.announceError, { message });
      }
    } finally {
      if (gen === this.#generation) this.#busy = null;
    }
  }

  /** The plain-text summary for a ticket, in the current language. */
  summaryText(): string {
    if (!this.#session || !this.#result) return '';
    return ticketSummary({
      session: this.#session,
      run: this.#result,
      steps: this.steps,
      problems: this.remainingProblems,
      applied: this.#applied,
      lang: this.#lang(),
    });
  }

  async copySummary(): Promise<boolean> {
    if (!this.#result || this.#busy) return false;
    const text = this.summaryText();
    this.#busy = 'copying';
    try {
      if (!this.#clipboard) throw new Error('no clipboard');
      await this.#clipboard.writeText(text);
      this.#copy = { status: 'copied', text };
      this.#announce(S.copied);
      return true;
    } catch {
      this.#copy = { status: 'failed', text };
      this.#announce(S.copyFailed);
      return false;
    } finally {
      this.#busy = null;
    }
  }

  // ---- errors ----------------------------------------------------------------------------------

  /** Repeats the operation that failed last. */
  async retry(): Promise<void> {
    const again = this.#retry;
    if (!again || this.#busy) return;
    this.#retry = null;
    this.#error = null;
    await again();
  }

  dismissError(): void {
    this.#error = null;
    this.#retry = null;
  }

  #fail(e: unknown, retry: (() => Promise<unknown>) | null): void {
    this.#retry = retry;
    this.#error = { message: toUserMessage(e), canRetry: retry !== null };
  }

  // ---- helpers ---------------------------------------------------------------------------------

  #announce(text: L10n, vars?: Vars): void {
    this.#seq += 1;
    this.#announcement = vars ? { text, vars, seq: this.#seq } : { text, seq: this.#seq };
  }

  #announceRun(): void {
    const c = this.counts;
    this.#announce(S.announceChecksDone, { problems: c.fail + c.error + c.warn, pass: c.pass });
  }

  #closeQuietly(sessionId: string): void {
    this.#api.closeSession(sessionId).catch(() => {
      // the engine may already be gone; nothing to tell the user
    });
  }

  #findOffer(fixId: string): { check: CheckResult; offer: FixOffer } | null {
    for (const check of this.#result?.results ?? []) {
      const offer = check.fixes.find((f) => f.id === fixId);
      if (offer) return { check, offer };
    }
    return null;
  }

  #entry(a: AppliedFix): AppliedEntry {
    const found = this.#findOffer(a.id) ?? this.#findOfferIn(this.#fix?.preview ?? null, a.id);
    return { ...a, title: found?.offer.title ?? null, checkId: found?.check?.id ?? null, undone: false };
  }

  #findOfferIn(preview: FixPreview | null, fixId: string): { check: CheckResult | null; offer: FixOffer } | null {
    const p = preview?.fixes.find((x) => x.fix.id === fixId);
    if (!p) return null;
    const checkId = fixId.split(':')[0];
    const check = (this.#result?.results ?? []).find((r) => r.id === checkId) ?? null;
    return { check, offer: p.fix };
  }

  #problems(): CheckResult[] {
    const order = new Map<CheckId, number>();
    this.steps.forEach((s, si) => s.checks.forEach((id, ci) => order.set(id, si * 1000 + ci)));
    return (this.#result?.results ?? [])
      .filter((r) => PROBLEM_STATUSES.includes(r.status))
      .sort(
        (a, b) =>
          STATUS_SEVERITY[b.status] - STATUS_SEVERITY[a.status] ||
          (order.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.id) ?? Number.MAX_SAFE_INTEGER),
      );
  }
}
