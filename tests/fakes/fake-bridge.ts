/**
 * A DoctorApi with canned data and controllable failures, for renderer tests (and for a browser page
 * in e2e tests: it imports only shared/, no Node and no test framework).
 *
 * Three canned machines, each with every check of its role's flow (unlisted checks pass):
 *   client  (also the scenario "client-misspelled-policy"): two policy failures with automatic fixes,
 *           a proxy warning with a manual fix, an ICMP warning, infos;
 *   remote  (the scenario "wsus-selfupdate-401"): self-update answers 401, with a manual fix;
 *   server: WsusPool stopped (automatic fix), the event log unreadable (error).
 * An applied fix turns the checks it repairs into passes; undo turns them back.
 */
import type {
  ApiErrorShape,
  InterruptedFix,
  ApiMethod,
  ApplyOutcome,
  DoctorApi,
  FixPreview,
  ProgressEvent,
  RoleSuggestion,
  SavedReport,
  ScenarioSummary,
  SessionInfo,
} from '../../shared/api.js';
import { definition } from '../../shared/catalogue/index.js';
import { describeChange } from '../../shared/change-text.js';
import type { Change, FixOffer } from '../../shared/changes.js';
import type { CheckId } from '../../shared/check-ids.js';
import { FLOWS } from '../../shared/flow.js';
import type { AppliedFix, CheckResult, Evidence, RunEnvironment, RunResult } from '../../shared/results.js';
import type { CheckStatus, Role } from '../../shared/status.js';
import type { L10n, Lang } from '../../shared/text.js';
import { parseWsusUrl } from '../../shared/wsus-url.js';

// ---- canned data -------------------------------------------------------------------------------

export const WSUS_URL = 'http://wsus01.contoso.local:8530';
const WU_POLICY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate';

interface CannedFix {
  offer: FixOffer;
  /** the checks this fix repairs, and what they say afterwards */
  repairs: Partial<Record<CheckId, L10n>>;
}

interface CannedCheck {
  status: CheckStatus;
  summary: L10n;
  evidence?: Evidence[];
  fixes?: CannedFix[];
}

export interface FakeWorld {
  role: Role;
  scenario?: ScenarioSummary;
  server?: string;
  environment: RunEnvironment;
  checks: Partial<Record<CheckId, CannedCheck>>;
}

const L = (en: string, ja: string): L10n => ({ en, ja });
const same = (text: string): L10n => ({ en: text, ja: text });

export const FIX_SET_SERVER = 'client.policy.wuserver:set-server';
export const FIX_RENAME = 'client.policy.misspelled:rename-values';
export const FIX_PROXY_MANUAL = 'client.network.proxy:bypass-list';
export const FIX_START_POOL = 'server.iis.apppool:start-pool';
export const FIX_AUTH_MANUAL = 'http.auth-mismatch:enable-anonymous';

const setServerPlan: Change[] = [
  { kind: 'registry.set', key: WU_POLICY, name: 'WUServer', value: { type: 'REG_SZ', data: WSUS_URL } },
  { kind: 'service.restart', service: 'wuauserv' },
];

const renamePlan: Change[] = [
  { kind: 'registry.set', key: WU_POLICY, name: 'WUStatusServer', value: { type: 'REG_SZ', data: WSUS_URL } },
  { kind: 'registry.delete', key: WU_POLICY, name: 'WSUStatusServer' },
  { kind: 'service.restart', service: 'wuauserv' },
];

const CLIENT_CHECKS: Partial<Record<CheckId, CannedCheck>> = {
  'client.system.os': {
    status: 'info',
    summary: L('Windows 10 Pro 22H2 (build 19045), x64, display language ja-JP.', 'Windows 10 Pro 22H2 (ビルド 19045)、x64、表示言語 ja-JP。'),
    evidence: [
      { label: same('ProductName'), value: 'Windows 10 Pro' },
      { label: same('CurrentBuild'), value: '19045' },
      { label: L('Architecture', 'アーキテクチャ'), value: 'AMD64' },
    ],
  },
  'client.policy.wuserver': {
    status: 'fail',
    summary: L(
      'WUServer is not set, so this computer has no WSUS server to contact.',
      'WUServer が設定されていないため、このコンピューターには接続先の WSUS サーバーがありません。',
    ),
    evidence: [
      { label: L('Key', 'キー'), value: WU_POLICY },
      { label: same('WUServer'), value: '(not present)' },
    ],
    fixes: [
      {
        offer: {
          id: FIX_SET_SERVER,
          title: L('Write the WSUS address to WUServer', 'WSUS のアドレスを WUServer に書き込む'),
          automatic: true,
          requiresAdmin: true,
          steps: [L(`Set WUServer to ${WSUS_URL}, then restart Windows Update.`, `WUServer を ${WSUS_URL} に設定し、Windows Update を再起動します。`)],
          plan: setServerPlan,
        },
        repairs: { 'client.policy.wuserver': L(`WUServer is ${WSUS_URL}.`, `WUServer は ${WSUS_URL} です。`) },
      },
    ],
  },
  'client.policy.misspelled': {
    status: 'fail',
    summary: L(
      'Windows ignores "WSUStatusServer": the name Windows reads is WUStatusServer.',
      '「WSUStatusServer」は Windows に無視されます。Windows が読む名前は WUStatusServer です。',
    ),
    evidence: [{ label: same('WSUStatusServer'), value: `REG_SZ "${WSUS_URL}"` }],
    fixes: [
      {
        offer: {
          id: FIX_RENAME,
          title: L('Move the values to the names Windows reads', 'Windows が読む名前に値を移す'),
          automatic: true,
          requiresAdmin: true,
          steps: [L('Copy WSUStatusServer to WUStatusServer and delete the misspelled value.', 'WSUStatusServer を WUStatusServer にコピーし、誤記の値を削除します。')],
          plan: renamePlan,
        },
        repairs: {
          'client.policy.misspelled': L('No misspelled policy values were found.', '誤記のポリシー値は見つかりませんでした。'),
          'client.policy.wustatusserver': L(`WUStatusServer is ${WSUS_URL}.`, `WUStatusServer は ${WSUS_URL} です。`),
        },
      },
    ],
  },
  'client.policy.wustatusserver': {
    status: 'fail',
    summary: L('WUStatusServer is not set, so the client never reports.', 'WUStatusServer が設定されていないため、クライアントは報告しません。'),
  },
  'client.network.proxy': {
    status: 'warn',
    summary: L(
      'WinHTTP uses proxy.contoso.local:8080 and the WSUS host is not on the bypass list.',
      'WinHTTP は proxy.contoso.local:8080 を使っており、WSUS のホストがバイパス リストにありません。',
    ),
    evidence: [
      { label: L('Proxy server', 'プロキシ サーバー'), value: 'proxy.contoso.local:8080' },
      { label: L('Bypass list', 'バイパス リスト'), value: '<local>' },
    ],
    fixes: [
      {
        offer: {
          id: FIX_PROXY_MANUAL,
          title: L('Add the WSUS host to the WinHTTP bypass list', 'WSUS のホストを WinHTTP のバイパス リストに追加する'),
          automatic: false,
          requiresAdmin: true,
          steps: [
            L('Open a command prompt as administrator.', '管理者としてコマンド プロンプトを開きます。'),
            same('netsh winhttp set proxy proxy-server="proxy.contoso.local:8080" bypass-list="*.contoso.local;<local>"'),
            L('Run the checks again.', 'もう一度チェックを実行します。'),
          ],
          plan: [],
        },
        repairs: {},
      },
    ],
  },
  'net.ping': {
    status: 'warn',
    summary: L('No answer to ping. ICMP is often blocked; this alone is not a problem.', 'ping に応答がありません。ICMP はよく遮断されるため、これだけでは問題ではありません。'),
  },
  'http.selfupdate': {
    status: 'pass',
    summary: L('wuident.cab answered 200 and is a valid cabinet.', 'wuident.cab は 200 を返し、正しい CAB ファイルです。'),
    evidence: [
      { label: same('URL'), value: `${WSUS_URL}/selfupdate/wuident.cab` },
      { label: L('HTTP status', 'HTTP 状態'), value: '200' },
      { label: L('Signature', 'シグネチャ'), value: 'MSCF' },
    ],
  },
  'client.log.windowsupdate': {
    status: 'info',
    summary: L('The Windows Update log was not found.', 'Windows Update のログが見つかりませんでした。'),
  },
};

const REMOTE_CHECKS: Partial<Record<CheckId, CannedCheck>> = {
  'http.selfupdate': {
    status: 'fail',
    summary: L('wuident.cab answered 401: the self-update tree asks clients to log on.', 'wuident.cab が 401 を返しました。自己更新ツリーがクライアントにログオンを求めています。'),
    evidence: [
      { label: same('URL'), value: `${WSUS_URL}/selfupdate/wuident.cab` },
      { label: L('HTTP status', 'HTTP 状態'), value: '401' },
      { label: same('WWW-Authenticate'), value: 'Negotiate, NTLM' },
    ],
  },
  'http.auth-mismatch': {
    status: 'fail',
    summary: L('SelfUpdate requires Windows authentication while Content is anonymous.', 'Content は匿名なのに、SelfUpdate には Windows 認証が必要です。'),
    fixes: [
      {
        offer: {
          id: FIX_AUTH_MANUAL,
          title: L('Enable anonymous access on SelfUpdate (on the server)', 'SelfUpdate で匿名アクセスを有効にする (サーバー側)'),
          automatic: false,
          requiresAdmin: true,
          steps: [
            L('On the WSUS server, open IIS Manager.', 'WSUS サーバーで IIS マネージャーを開きます。'),
            L('Select the SelfUpdate virtual directory, open Authentication and enable Anonymous Authentication.', 'SelfUpdate 仮想ディレクトリを選び、[認証] で匿名認証を有効にします。'),
          ],
          plan: [],
        },
        repairs: {},
      },
    ],
  },
};

const SERVER_CHECKS: Partial<Record<CheckId, CannedCheck>> = {
  'server.iis.apppool': {
    status: 'fail',
    summary: L('The application pool WsusPool is stopped, so WSUS answers 503.', 'アプリケーション プール WsusPool が停止しているため、WSUS は 503 を返します。'),
    evidence: [{ label: L('WsusPool state', 'WsusPool の状態'), value: 'Stopped' }],
    fixes: [
      {
        offer: {
          id: FIX_START_POOL,
          title: L('Start WsusPool', 'WsusPool を開始する'),
          automatic: true,
          requiresAdmin: true,
          steps: [L('Start the application pool WsusPool.', 'アプリケーション プール WsusPool を開始します。')],
          plan: [{ kind: 'service.start', service: 'WsusPool' }],
        },
        repairs: { 'server.iis.apppool': L('WsusPool is started.', 'WsusPool は開始しています。') },
      },
    ],
  },
  'server.events.health': {
    status: 'error',
    summary: L('The Application log could not be read: access is denied.', 'アプリケーション ログを読み取れませんでした: アクセスが拒否されました。'),
  },
};

export const SCENARIOS: ScenarioSummary[] = [
  {
    name: 'client-misspelled-policy',
    role: 'client',
    title: L('Policy typed from the Japanese WSUS 2.0 article', '日本語版 WSUS 2.0 記事のとおりに入力したポリシー'),
    description: L(
      'A client whose policy values are spelled as in an old article, so Windows ignores them.',
      '古い記事のとおりに値の名前が綴られているため、Windows に無視されるクライアントです。',
    ),
  },
  {
    name: 'wsus-selfupdate-401',
    role: 'remote',
    title: L('Self-update asks for a logon', '自己更新でログオンを求められる'),
    description: L('A WSUS server whose SelfUpdate folder requires Windows authentication.', 'SelfUpdate フォルダーに Windows 認証が必要な WSUS サーバーです。'),
  },
];

function environment(extra: Partial<RunEnvironment>): RunEnvironment {
  return { registryBackend: 'fake', elevated: true, computerName: 'PC-0142', domain: 'CONTOSO', userName: 'tech', ...extra };
}

export function worldFor(request: { role?: Role; scenario?: string; server?: string }): FakeWorld {
  const scenario = request.scenario ? SCENARIOS.find((s) => s.name === request.scenario) : undefined;
  const role = scenario?.role ?? request.role ?? 'client';
  if (role === 'remote') {
    const server = request.server ?? WSUS_URL;
    const world: FakeWorld = { role, server, environment: environment({ computerName: 'laptop', wsusUrl: server }), checks: REMOTE_CHECKS };
    if (scenario) world.scenario = scenario;
    return world;
  }
  if (role === 'server') {
    return { role, environment: environment({ computerName: 'WSUS01', os: 'Windows Server 2019' }), checks: SERVER_CHECKS };
  }
  const world: FakeWorld = { role, environment: environment({ os: 'Windows 10 Pro 22H2', wsusUrl: WSUS_URL }), checks: CLIENT_CHECKS };
  if (scenario) world.scenario = scenario;
  return world;
}

// ---- the fake ----------------------------------------------------------------------------------

export const FAKE_ERROR: ApiErrorShape = {
  code: 'failed',
  message: { en: 'The fake bridge was told to fail.', ja: '疑似ブリッジが失敗するよう設定されています。' },
};

interface FakeSession {
  info: SessionInfo;
  world: FakeWorld;
  lastRun?: RunResult;
  /** fix id → the backup that undoes it */
  fixed: Map<string, string>;
  applied: AppliedFix[];
}

export interface FakeCall {
  method: ApiMethod;
  args: unknown[];
}

export interface FakeBridgeOptions {
  suggestion?: RoleSuggestion;
  scenarios?: ScenarioSummary[];
  /** environment.elevated of every run */
  elevated?: boolean | null;
  /** wait this long between progress events (0: a microtask) */
  progressDelayMs?: number;
}

const CLIENT_SUGGESTION: RoleSuggestion = {
  role: 'client',
  platform: 'windows',
  wsusInstalled: false,
  reason: L('This is a Windows computer without WSUS: check it as a client.', 'WSUS のない Windows コンピューターです。クライアントとしてチェックします。'),
};

export class FakeBridge implements DoctorApi {
  readonly calls: FakeCall[] = [];
  suggestion: RoleSuggestion;
  scenarios: ScenarioSummary[];
  elevated: boolean | null;
  progressDelayMs: number;
  /** saveReport answers { saved: false } (the user closed the save dialog) */
  saveCancelled = false;
  /** what undoFix reports as problems */
  undoProblems: string[] = [];
  /** fixes an earlier run left unfinished; recoverFix removes them */
  interrupted: InterruptedFix[] = [];
  /** what relaunchAsAdmin answers (the shell started the elevated app, or the user declined) */
  relaunchStarts = true;
  /** fixes that fail when applied, with the message they fail with */
  readonly failingFixes = new Map<string, string>();

  readonly #sessions = new Map<string, FakeSession>();
  readonly #failures = new Map<ApiMethod, unknown[]>();
  readonly #holds = new Map<ApiMethod, Promise<void>[]>();
  #runFailure: { after: number; error: unknown } | null = null;
  #disconnected = false;
  #clock = Date.parse('2025-11-21T09:00:00.000Z');
  #counter = 0;

  constructor(options: FakeBridgeOptions = {}) {
    this.suggestion = options.suggestion ?? CLIENT_SUGGESTION;
    this.scenarios = options.scenarios ?? SCENARIOS;
    this.elevated = options.elevated === undefined ? true : options.elevated;
    this.progressDelayMs = options.progressDelayMs ?? 0;
  }

  // ---- controls --------------------------------------------------------------------------------

  /** The next call of `method` rejects with `error` (an ApiErrorShape unless given). Queues. */
  failNext(method: ApiMethod, error: unknown = FAKE_ERROR): this {
    const queue = this.#failures.get(method) ?? [];
    queue.push(error);
    this.#failures.set(method, queue);
    return this;
  }

  /** The next runChecks sends `events` progress events, then rejects. */
  failRunAfter(events: number, error: unknown = FAKE_ERROR): this {
    this.#runFailure = { after: events, error };
    return this;
  }

  /** Every call rejects as a fetch to a stopped backend does, until reconnect(). */
  disconnect(): this {
    this.#disconnected = true;
    return this;
  }

  reconnect(): this {
    this.#disconnected = false;
    return this;
  }

  /** The next call of `method` waits until the returned function is called. */
  hold(method: ApiMethod): () => void {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queue = this.#holds.get(method) ?? [];
    queue.push(gate);
    this.#holds.set(method, queue);
    return release;
  }

  callsOf(method: ApiMethod): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  /** The session's fixes as applied (for assertions). */
  appliedIn(sessionId: string): readonly AppliedFix[] {
    return this.#sessions.get(sessionId)?.applied ?? [];
  }

  get openSessions(): number {
    return this.#sessions.size;
  }

  // ---- DoctorApi -------------------------------------------------------------------------------

  async listScenarios(): Promise<ScenarioSummary[]> {
    await this.#enter('listScenarios', []);
    return structuredClone(this.scenarios);
  }

  async detectRole(): Promise<RoleSuggestion> {
    await this.#enter('detectRole', []);
    return structuredClone(this.suggestion);
  }

  async startSession(request: { role?: Role; scenario?: string; server?: string }): Promise<SessionInfo> {
    await this.#enter('startSession', [request]);
    if (request.scenario !== undefined && !this.scenarios.some((s) => s.name === request.scenario)) {
      throw this.#error('not-found', `No scenario is called ${request.scenario}.`, `${request.scenario} という名前のシナリオはありません。`);
    }
    let server: string | undefined;
    if (request.server !== undefined) {
      const parsed = parseWsusUrl(request.server);
      if (!parsed.ok) throw { code: 'bad-input', message: parsed.reason } satisfies ApiErrorShape;
      server = parsed.value.url;
    }
    const world = worldFor({ ...request, ...(server !== undefined ? { server } : {}) });
    if (world.role === 'remote' && !world.scenario && server === undefined) {
      throw this.#error('bad-input', 'The remote role needs a WSUS address.', 'リモートの役割には WSUS のアドレスが必要です。');
    }
    this.#counter += 1;
    const sessionId = `fake-session-${this.#counter.toString().padStart(4, '0')}`;
    const info: SessionInfo = { sessionId, role: world.role, machine: world.scenario ? 'simulated' : 'windows' };
    if (world.scenario) info.scenario = structuredClone(world.scenario);
    if (world.role === 'remote' && world.server) info.server = world.server;
    this.#sessions.set(sessionId, { info, world, fixed: new Map(), applied: [] });
    return structuredClone(info);
  }

  async runChecks(sessionId: string, onProgress?: (event: ProgressEvent) => void): Promise<RunResult> {
    await this.#enter('runChecks', [sessionId]);
    const s = this.#session(sessionId);
    const run = this.#run(s);
    const failure = this.#runFailure;
    this.#runFailure = null;
    const total = run.results.length;
    let sent = 0;
    for (const [index, result] of run.results.entries()) {
      if (failure && sent >= failure.after) throw failure.error;
      onProgress?.({ type: 'start', id: result.id, index, total });
      sent += 1;
      await this.#pause();
      if (failure && sent >= failure.after) throw failure.error;
      onProgress?.({ type: 'done', result: structuredClone(result), index, total });
      sent += 1;
    }
    if (failure) throw failure.error;
    s.lastRun = run;
    return structuredClone(run);
  }

  async previewFixes(sessionId: string, fixIds: string[]): Promise<FixPreview> {
    await this.#enter('previewFixes', [sessionId, fixIds]);
    const s = this.#session(sessionId);
    if (!s.lastRun) throw this.#error('not-allowed', 'Run the checks first.', '先にチェックを実行してください。');
    const preview: FixPreview = { fixes: [], unavailable: [], needsAdmin: false, elevated: this.elevated };
    for (const id of fixIds) {
      const offer = this.#offer(s, id);
      if (!offer) {
        preview.unavailable.push({ id, reason: L('No check offered this fix in the last run.', '直前の実行では、この修復は提示されていません。') });
      } else if (!offer.automatic || offer.blocked) {
        preview.unavailable.push({ id, reason: offer.blocked ?? L('This fix is a manual step.', 'この修復は手動の手順です。') });
      } else {
        preview.fixes.push({ fix: structuredClone(offer), changes: offer.plan.map(describeChange), coveredBy: [] });
        if (offer.requiresAdmin) preview.needsAdmin = true;
      }
    }
    return preview;
  }

  async applyFixes(sessionId: string, fixIds: string[]): Promise<ApplyOutcome> {
    await this.#enter('applyFixes', [sessionId, fixIds]);
    const s = this.#session(sessionId);
    if (!s.lastRun) throw this.#error('not-allowed', 'Run the checks first.', '先にチェックを実行してください。');
    const offers = fixIds.map((id) => this.#offer(s, id)).filter((o): o is FixOffer => o !== null && o.automatic && !o.blocked);
    if (offers.length === 0) throw this.#error('bad-input', 'None of these fixes can be applied now.', 'これらの修復は今は適用できません。');
    if (offers.some((o) => o.requiresAdmin) && this.elevated === false) {
      throw this.#error('not-allowed', 'These fixes need administrator rights.', 'これらの修復には管理者権限が必要です。');
    }
    const applied: AppliedFix[] = [];
    for (const offer of offers) {
      this.#counter += 1;
      const backup = `C:\\ProgramData\\WSUS Self-Update Doctor\\backups\\${sessionId}-${this.#counter}.json`;
      const failure = this.failingFixes.get(offer.id);
      const a: AppliedFix = {
        id: offer.id,
        at: this.#now(),
        changes: offer.plan.map((c) => describeChange(c).en),
        backup,
        result: failure === undefined ? 'applied' : 'failed',
      };
      if (failure !== undefined) a.message = failure;
      else s.fixed.set(offer.id, backup);
      applied.push(a);
    }
    s.applied.push(...applied);
    s.lastRun = this.#run(s);
    return { applied: structuredClone(applied), run: structuredClone(s.lastRun) };
  }

  async undoFix(sessionId: string, backup: string): Promise<{ problems: string[]; run: RunResult }> {
    await this.#enter('undoFix', [sessionId, backup]);
    const s = this.#session(sessionId);
    if (!s.applied.some((a) => a.backup === backup)) {
      throw this.#error('bad-input', 'No fix of this session has that backup.', 'このセッションの修復に、そのバックアップはありません。');
    }
    for (const [id, b] of s.fixed) if (b === backup) s.fixed.delete(id);
    s.lastRun = this.#run(s);
    return { problems: [...this.undoProblems], run: structuredClone(s.lastRun) };
  }

  async interruptedFixes(sessionId: string): Promise<InterruptedFix[]> {
    await this.#enter('interruptedFixes', [sessionId]);
    this.#session(sessionId);
    return structuredClone(this.interrupted);
  }

  async recoverFix(sessionId: string, journalId: string, action: 'rollback' | 'finish'): Promise<{ problems: string[]; run: RunResult }> {
    await this.#enter('recoverFix', [sessionId, journalId, action]);
    const s = this.#session(sessionId);
    if (!this.interrupted.some((e) => e.id === journalId)) throw this.#error('not-found', 'No interrupted fix with that id.', 'その ID の中断された修復はありません。');
    this.interrupted = this.interrupted.filter((e) => e.id !== journalId);
    s.lastRun = this.#run(s);
    return { problems: [], run: structuredClone(s.lastRun) };
  }

  async relaunchAsAdmin(): Promise<{ started: boolean }> {
    await this.#enter('relaunchAsAdmin', []);
    return { started: this.relaunchStarts };
  }

  async saveReport(sessionId: string, options: { format: 'html' | 'json'; lang: Lang; redact: boolean }): Promise<SavedReport> {
    await this.#enter('saveReport', [sessionId, options]);
    const s = this.#session(sessionId);
    if (!s.lastRun) throw this.#error('not-allowed', 'Run the checks first.', '先にチェックを実行してください。');
    if (this.saveCancelled) return { saved: false };
    const who = options.redact ? 'redacted' : s.world.environment.computerName;
    return { saved: true, location: `C:\\Users\\tech\\Documents\\wsus-doctor-${who}.${options.format}` };
  }

  async closeSession(sessionId: string): Promise<void> {
    await this.#enter('closeSession', [sessionId]);
    this.#sessions.delete(sessionId);
  }

  // ---- internals -------------------------------------------------------------------------------

  async #enter(method: ApiMethod, args: unknown[]): Promise<void> {
    this.calls.push({ method, args: structuredClone(args) });
    await Promise.resolve();
    const gate = this.#holds.get(method)?.shift();
    if (gate) await gate;
    if (this.#disconnected) throw new TypeError('Failed to fetch');
    const queue = this.#failures.get(method);
    if (queue && queue.length > 0) throw queue.shift();
  }

  #error(code: ApiErrorShape['code'], en: string, ja: string): ApiErrorShape {
    return { code, message: { en, ja } };
  }

  #session(sessionId: string): FakeSession {
    const s = this.#sessions.get(sessionId);
    if (!s) throw this.#error('not-found', 'This session has ended; start again.', 'このセッションは終了しています。最初からやり直してください。');
    return s;
  }

  #offer(s: FakeSession, fixId: string): FixOffer | null {
    for (const r of s.lastRun?.results ?? []) {
      const f = r.fixes.find((x) => x.id === fixId);
      if (f) return f;
    }
    return null;
  }

  #now(): string {
    this.#clock += 1000;
    return new Date(this.#clock).toISOString();
  }

  async #pause(): Promise<void> {
    if (this.progressDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.progressDelayMs));
    else await Promise.resolve();
  }

  #run(s: FakeSession): RunResult {
    const repaired = new Map<CheckId, L10n>();
    for (const canned of Object.values(s.world.checks)) {
      for (const fix of canned?.fixes ?? []) {
        if (!s.fixed.has(fix.offer.id)) continue;
        for (const [id, text] of Object.entries(fix.repairs) as [CheckId, L10n][]) repaired.set(id, text);
      }
    }
    const results: CheckResult[] = [];
    for (const step of FLOWS[s.world.role]) {
      for (const id of step.checks) {
        const def = definition(id);
        const canned = s.world.checks[id];
        const fixedText = repaired.get(id);
        const result: CheckResult = {
          id,
          status: fixedText ? 'pass' : (canned?.status ?? 'pass'),
          title: def.title,
          summary: fixedText ?? canned?.summary ?? L('No problem was found.', '問題は見つかりませんでした。'),
          explanation: def.explanation,
          evidence: canned?.evidence ? structuredClone(canned.evidence) : [],
          fixes: fixedText ? [] : (canned?.fixes ?? []).map((f) => structuredClone(f.offer)),
          docs: [...def.docs],
          durationMs: 3,
        };
        results.push(result);
      }
    }
    const run: RunResult = {
      role: s.world.role,
      startedAt: this.#now(),
      durationMs: 42,
      environment: { ...s.world.environment, elevated: this.elevated },
      results,
    };
    if (s.world.scenario) run.scenario = s.world.scenario.name;
    return run;
  }
}
