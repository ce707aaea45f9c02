/**
 * The services behind the bridge: what the Electron IPC handlers and the web harness call after
 * validating their arguments. Sessions are kept by a random id; each remembers its last run so fixes
 * are chosen from what the user saw.
 */
import { randomUUID } from 'node:crypto';
import type { ApplyOutcome, DoctorApi, FixPreview, InterruptedFix, ProgressEvent, RoleSuggestion, ScenarioSummary, SessionInfo } from '../../shared/api.js';
import { ApiError } from '../../shared/api.js';
import { describeChange } from '../../shared/change-text.js';
import { KEYS } from '../../shared/registry-types.js';
import { buildReport } from '../../shared/report-model.js';
import { redactReport } from '../../shared/redact.js';
import type { RunResult } from '../../shared/results.js';
import type { Lang } from '../../shared/text.js';
import { renderHtmlReport } from '../report/html-report.js';
import { recoveryPlan } from '../fixes/recover.js';
import { InterruptedFixError, UsageError } from './errors.js';
import { DoctorSession, type SessionDeps, type SessionRequest } from './session.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

export interface RenderedReport {
  fileName: string;
  mimeType: string;
  content: string;
}

interface Entry {
  session: DoctorSession;
  info: SessionInfo;
  lastRun?: RunResult;
  busy: boolean;
}

const MAX_SESSIONS = 8;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const INTERRUPTED_FIRST = {
  en: 'An earlier fix on this computer was interrupted before it finished. Roll it back or finish it first.',
  ja: 'このコンピューターで以前の修復が完了前に中断されています。先にロールバックするか完了させてください。',
};

export class DoctorService implements Omit<DoctorApi, 'saveReport' | 'relaunchAsAdmin'> {
  readonly #deps: SessionDeps;
  readonly #sessions = new Map<string, Entry>();

  constructor(deps: SessionDeps) {
    this.#deps = deps;
  }

  async listScenarios(): Promise<ScenarioSummary[]> {
    const all = await this.#deps.scenarios.all();
    return all.map((s) => ({ name: s.name, role: s.role, title: s.title, description: s.description }));
  }

  async detectRole(): Promise<RoleSuggestion> {
    if (this.#deps.platform !== 'win32') {
      return {
        role: null,
        platform: 'other',
        wsusInstalled: false,
        reason: {
          en: 'This computer is not Windows: test a WSUS server over the network (remote), or practise on a simulated machine.',
          ja: 'このコンピューターは Windows ではありません。ネットワーク経由で WSUS サーバーをテストする (リモート) か、シミュレーションのマシンで練習してください。',
        },
      };
    }
    const machine = await this.#deps.createWindowsMachine();
    const setup = await machine.registry.readKey(KEYS.wsusSetup).catch(() => null);
    return setup
      ? { role: 'server', platform: 'windows', wsusInstalled: true, reason: { en: 'WSUS is installed on this computer.', ja: 'このコンピューターには WSUS がインストールされています。' } }
      : { role: 'client', platform: 'windows', wsusInstalled: false, reason: { en: 'This is a Windows computer without WSUS: check it as a client.', ja: 'WSUS のない Windows コンピューターです。クライアントとしてチェックします。' } };
  }

  async startSession(request: SessionRequest): Promise<SessionInfo> {
    let session: DoctorSession;
    try {
      session = await DoctorSession.open(request, this.#deps);
    } catch (e) {
      if (e instanceof UsageError) throw new ApiError('bad-input', { en: e.message, ja: e.message });
      throw new ApiError('failed', { en: `Could not start: ${message(e)}`, ja: `開始できませんでした: ${message(e)}` });
    }
    while (this.#sessions.size >= MAX_SESSIONS) {
      const oldest = this.#sessions.keys().next().value as string;
      await this.closeSession(oldest);
    }
    const sessionId = randomUUID().replace(/-/g, '');
    const info: SessionInfo = { sessionId, role: session.role, machine: session.machine.kind === 'windows' ? 'windows' : 'simulated' };
    if (session.scenario) info.scenario = { name: session.scenario.name, role: session.scenario.role, title: session.scenario.title, description: session.scenario.description };
    if (session.server) info.server = session.server.url;
    this.#sessions.set(sessionId, { session, info, busy: false });
    return info;
  }

  #entry(sessionId: string): Entry {
    const e = this.#sessions.get(sessionId);
    if (!e) throw new ApiError('not-found', { en: 'This session has ended; start again.', ja: 'このセッションは終了しています。最初からやり直してください。' });
    return e;
  }

  async #exclusive<T>(sessionId: string, work: (e: Entry) => Promise<T>): Promise<T> {
    const e = this.#entry(sessionId);
    if (e.busy) throw new ApiError('not-allowed', { en: 'The checks are still running; wait for them to finish.', ja: 'チェックの実行中です。終わるまでお待ちください。' });
    e.busy = true;
    try {
      return await work(e);
    } finally {
      e.busy = false;
    }
  }

  runChecks(sessionId: string, onProgress?: (event: ProgressEvent) => void): Promise<RunResult> {
    return this.#exclusive(sessionId, async (e) => {
      e.lastRun = await e.session.run(onProgress ? { onProgress } : {});
      return e.lastRun;
    });
  }

  async previewFixes(sessionId: string, fixIds: string[]): Promise<FixPreview> {
    const e = this.#entry(sessionId);
    if (!e.lastRun) throw new ApiError('not-allowed', { en: 'Run the checks first.', ja: '先にチェックを実行してください。' });
    const { selected, unknown, blocked } = e.session.selectFixes(e.lastRun, { ids: fixIds });
    const env = e.lastRun.environment;
    const plans = e.session.preview(selected);
    return {
      fixes: plans.map(({ fix, coveredBy }) => ({ fix, coveredBy, changes: fix.plan.map(describeChange) })),
      unavailable: [
        ...unknown.map((id) => ({ id, reason: { en: 'No check offered this fix in the last run.', ja: '直前の実行では、この修復はどのチェックからも提示されていません。' } })),
        ...blocked.map((f) => ({ id: f.id, reason: f.blocked ?? { en: 'This fix is a manual step.', ja: 'この修復は手動の手順です。' } })),
      ],
      needsAdmin: selected.some((f) => f.requiresAdmin),
      elevated: env.elevated,
    };
  }

  applyFixes(sessionId: string, fixIds: string[]): Promise<ApplyOutcome> {
    return this.#exclusive(sessionId, async (e) => {
      if (!e.lastRun) throw new ApiError('not-allowed', { en: 'Run the checks first.', ja: '先にチェックを実行してください。' });
      const { selected } = e.session.selectFixes(e.lastRun, { ids: fixIds });
      if (selected.length === 0) throw new ApiError('bad-input', { en: 'None of these fixes can be applied now.', ja: 'これらの修復は今は適用できません。' });
      if (selected.some((f) => f.requiresAdmin) && e.lastRun.environment.elevated === false) {
        throw new ApiError('not-allowed', {
          en: 'These fixes need administrator rights. Relaunch the app as administrator.',
          ja: 'これらの修復には管理者権限が必要です。管理者としてアプリを起動し直してください。',
        });
      }
      let applied;
      try {
        applied = await e.session.apply(selected);
      } catch (err) {
        if (err instanceof InterruptedFixError) throw new ApiError('not-allowed', INTERRUPTED_FIRST);
        throw err;
      }
      e.lastRun = await e.session.run();
      return { applied, run: e.lastRun };
    });
  }

  async interruptedFixes(sessionId: string): Promise<InterruptedFix[]> {
    const { entries } = await this.#entry(sessionId).session.interruptedFixes();
    return entries.map((j) => ({
      id: j.id,
      fixId: j.fixId,
      createdAt: j.createdAt,
      stoppedAt: j.applying + 1,
      total: j.plan.length,
      backup: j.backup,
      rollback: recoveryPlan(j, 'rollback').map(describeChange),
      finish: recoveryPlan(j, 'finish').map(describeChange),
    }));
  }

  recoverFix(sessionId: string, journalId: string, action: 'rollback' | 'finish'): Promise<{ problems: string[]; run: RunResult }> {
    return this.#exclusive(sessionId, async (e) => {
      const { entries } = await e.session.interruptedFixes();
      if (!entries.some((j) => j.id === journalId)) {
        throw new ApiError('not-found', { en: 'No interrupted fix with that id.', ja: 'その ID の中断された修復はありません。' });
      }
      const problems = await e.session.recover(journalId, action);
      e.lastRun = await e.session.run();
      return { problems, run: e.lastRun };
    });
  }

  undoFix(sessionId: string, backup: string): Promise<{ problems: string[]; run: RunResult }> {
    return this.#exclusive(sessionId, async (e) => {
      if (!e.session.applied.some((a) => a.backup === backup)) {
        throw new ApiError('bad-input', { en: 'No fix of this session has that backup.', ja: 'このセッションの修復に、そのバックアップはありません。' });
      }
      const problems = await e.session.undo(backup);
      e.lastRun = await e.session.run();
      return { problems, run: e.lastRun };
    });
  }

  /** The report of the session's last run, as a file's content; the shell decides where it goes. */
  renderReport(sessionId: string, options: { format: 'html' | 'json'; lang: Lang; redact: boolean }): RenderedReport {
    const e = this.#entry(sessionId);
    if (!e.lastRun) throw new ApiError('not-allowed', { en: 'Run the checks first.', ja: '先にチェックを実行してください。' });
    let report = buildReport({ run: e.lastRun, fixesApplied: [...e.session.applied], lang: options.lang, tool: { name: TOOL_NAME, version: TOOL_VERSION } });
    if (options.redact) report = redactReport(report);
    const stamp = e.lastRun.startedAt.slice(0, 19).replace(/[:T]/g, '-');
    const who = (e.info.scenario?.name ?? report.target.computerName ?? e.info.role).replace(/[^A-Za-z0-9_-]+/g, '_');
    const base = `wsus-doctor-${options.redact ? 'redacted' : who}-${stamp}`;
    return options.format === 'html'
      ? { fileName: `${base}.html`, mimeType: 'text/html;charset=utf-8', content: renderHtmlReport(report) }
      : { fileName: `${base}.json`, mimeType: 'application/json', content: `${JSON.stringify(report, null, 2)}\n` };
  }

  async closeSession(sessionId: string): Promise<void> {
    const e = this.#sessions.get(sessionId);
    if (!e) return;
    this.#sessions.delete(sessionId);
    await e.session.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#sessions.keys()].map((id) => this.closeSession(id)));
  }
}
