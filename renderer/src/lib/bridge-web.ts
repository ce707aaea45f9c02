/**
 * The DoctorApi over HTTP, for the renderer served by the web harness (`npm run web`). The harness
 * prints an address whose fragment carries the access token (`#token=...&scenario=...`); the
 * fragment never reaches a server, and the token is taken out of the address bar at once and kept in
 * memory only (reloading the page needs the printed address again).
 *
 * Pure browser code: fetch, TextDecoder, Blob. The browser globals are reached through a small typed
 * view of globalThis, so this file also type-checks (and runs in unit tests) without the DOM library.
 */
import {
  ApiError,
  type ApiErrorShape,
  type ApplyOutcome,
  type DoctorApi,
  type FixPreview,
  type InterruptedFix,
  type ProgressEvent,
  type RoleSuggestion,
  type SavedReport,
  type ScenarioSummary,
  type SessionInfo,
} from '../../../shared/api.js';
import type { RunResult } from '../../../shared/results.js';
import type { L10n } from '../../../shared/text.js';

/** A report as the harness renders it for download. */
export interface ReportFile {
  fileName: string;
  mimeType: string;
  content: string;
}

/** What the client needs from the browser; tests pass their own. */
export interface WebBridgeEnv {
  location: { readonly href: string; readonly hash: string };
  history: { readonly state: unknown; replaceState(data: unknown, unused: string, url?: string | null): void };
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  download: (file: ReportFile) => void;
}

interface BrowserGlobals {
  location: WebBridgeEnv['location'];
  history: WebBridgeEnv['history'];
  fetch: WebBridgeEnv['fetch'];
  document: {
    createElement(tag: 'a'): { href: string; download: string; rel: string; hidden: boolean; click(): void; remove(): void };
    body: { append(node: unknown): void };
  };
  URL: { createObjectURL(blob: Blob): string; revokeObjectURL(url: string): void };
  setTimeout(handler: () => void, ms: number): unknown;
}

const SCENARIO_NAME = /^[a-z0-9][a-z0-9-]{1,62}$/;
const ERROR_CODES: readonly ApiErrorShape['code'][] = ['bad-input', 'not-found', 'not-allowed', 'failed', 'unavailable'];

const STOPPED: L10n = {
  en: 'The backend stopped: start `npm run web` again and open the address it prints.',
  ja: 'バックエンドが停止しました。`npm run web` をもう一度実行し、表示されたアドレスを開いてください。',
};
const INTERRUPTED: L10n = {
  en: 'The backend stopped before the checks finished: start `npm run web` again and open the address it prints.',
  ja: 'チェックが終わる前にバックエンドが停止しました。`npm run web` をもう一度実行し、表示されたアドレスを開いてください。',
};

function unexpected(status: number): ApiError {
  return new ApiError('failed', {
    en: `The backend gave an answer this page does not understand (HTTP ${status}).`,
    ja: `バックエンドから、このページが理解できない応答がありました (HTTP ${status})。`,
  });
}

function browserDownload(file: ReportFile): void {
  const g = globalThis as unknown as BrowserGlobals;
  const href = g.URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const a = g.document.createElement('a');
  a.href = href;
  a.download = file.fileName;
  a.rel = 'noopener';
  a.hidden = true;
  g.document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  g.setTimeout(() => g.URL.revokeObjectURL(href), 60_000);
}

function browserEnv(): WebBridgeEnv {
  const g = globalThis as unknown as BrowserGlobals;
  return {
    location: g.location,
    history: g.history,
    // Called as a method of globalThis: a detached fetch throws "Illegal invocation" in browsers.
    fetch: (url, init) => g.fetch(url, init),
    download: browserDownload,
  };
}

function fragmentParams(hash: string): URLSearchParams {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

let rememberedScenario: string | null | undefined;

function scenarioFrom(params: URLSearchParams): string | null {
  const name = params.get('scenario');
  return name !== null && SCENARIO_NAME.test(name) ? name : null;
}

/**
 * The demo the harness was started with (`npm run web -- --scenario NAME`), or null. Valid names
 * only; read from the address when the bridge was created.
 */
export function initialScenario(): string | null {
  if (rememberedScenario !== undefined) return rememberedScenario;
  const location = (globalThis as unknown as Partial<BrowserGlobals>).location;
  return location ? scenarioFrom(fragmentParams(location.hash)) : null;
}

function isL10n(v: unknown): v is L10n {
  return typeof v === 'object' && v !== null && typeof (v as L10n).en === 'string' && typeof (v as L10n).ja === 'string';
}

function isErrorShape(v: unknown): v is ApiErrorShape {
  return typeof v === 'object' && v !== null && ERROR_CODES.includes((v as ApiErrorShape).code) && isL10n((v as ApiErrorShape).message);
}

/** `{ok: true, value}` → value; `{ok: false, error}` → a thrown ApiError; anything else → 'failed'. */
export function unwrapEnvelope(body: unknown, status: number): unknown {
  if (typeof body === 'object' && body !== null) {
    const e = body as { ok?: unknown; value?: unknown; error?: unknown };
    if (e.ok === true) return e.value;
    if (e.ok === false && isErrorShape(e.error)) throw new ApiError(e.error.code, e.error.message);
  }
  throw unexpected(status);
}

/**
 * Reads an NDJSON body: `{"progress": event}` lines go to onProgress as they arrive; the first
 * `{"ok": ...}` line is the outcome. A stream that ends (or breaks) without one means the backend
 * went away.
 */
export async function readProgressStream(
  body: ReadableStream<Uint8Array>,
  status: number,
  onProgress?: (event: ProgressEvent) => void,
): Promise<unknown> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  /** `unterminated`: the stream ended inside this line, so a parse failure means it was cut short. */
  const handleLine = (line: string, unterminated = false): { done: true; body: unknown } | undefined => {
    if (line.trim() === '') return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw unterminated ? new ApiError('unavailable', INTERRUPTED) : unexpected(status);
    }
    if (typeof parsed === 'object' && parsed !== null && 'progress' in parsed) {
      try {
        onProgress?.((parsed as { progress: ProgressEvent }).progress);
      } catch {
        // A failing progress handler (a UI bug) must not lose the run's result.
      }
      return undefined;
    }
    return { done: true, body: parsed };
  };
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch {
        throw new ApiError('unavailable', INTERRUPTED);
      }
      buffered += chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const outcome = handleLine(line);
        if (outcome) return unwrapEnvelope(outcome.body, status);
      }
      if (chunk.done) {
        const outcome = handleLine(buffered, true);
        if (outcome) return unwrapEnvelope(outcome.body, status);
        throw new ApiError('unavailable', INTERRUPTED);
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

function isReportFile(v: unknown): v is ReportFile {
  const f = v as ReportFile;
  return typeof v === 'object' && v !== null && typeof f.fileName === 'string' && typeof f.mimeType === 'string' && typeof f.content === 'string';
}

/**
 * The DoctorApi of the web harness, or null when the page was not opened with a token (then it is
 * not running under the harness). Takes the token out of the address bar.
 */
export function createWebBridge(envOverride?: Partial<WebBridgeEnv>): DoctorApi | null {
  const env: WebBridgeEnv = { ...browserEnv(), ...envOverride };
  const params = fragmentParams(env.location.hash);
  rememberedScenario = scenarioFrom(params);
  const token = params.get('token');
  if (!token) return null;

  params.delete('token');
  const rest = params.toString();
  const address = new URL(env.location.href);
  address.hash = rest; // '' drops the fragment, "#" included
  env.history.replaceState(env.history.state, '', address.href);

  const endpoint = (name: string): string => new URL(`/api/${name}`, env.location.href).href;

  async function post(name: string, args: unknown[]): Promise<Response> {
    try {
      return await env.fetch(endpoint(name), {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ args }),
        credentials: 'omit',
        redirect: 'error',
        referrerPolicy: 'no-referrer',
      });
    } catch {
      throw new ApiError('unavailable', STOPPED);
    }
  }

  async function call<T>(name: string, args: unknown[]): Promise<T> {
    const res = await post(name, args);
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      // An answer cut short, or not JSON at all.
      throw res.ok ? new ApiError('unavailable', STOPPED) : unexpected(res.status);
    }
    return unwrapEnvelope(body, res.status) as T;
  }

  return {
    listScenarios: () => call<ScenarioSummary[]>('listScenarios', []),
    detectRole: () => call<RoleSuggestion>('detectRole', []),
    startSession: (request) => call<SessionInfo>('startSession', [request]),
    async runChecks(sessionId, onProgress) {
      const res = await post('runChecks', [sessionId]);
      const type = res.headers.get('content-type') ?? '';
      if (!type.toLowerCase().startsWith('application/x-ndjson') || !res.body) {
        // Refused before the run started (token, origin...): a plain JSON answer.
        let body: unknown;
        try {
          body = await res.json();
        } catch {
          throw unexpected(res.status);
        }
        return unwrapEnvelope(body, res.status) as RunResult;
      }
      return (await readProgressStream(res.body, res.status, onProgress)) as RunResult;
    },
    previewFixes: (sessionId, fixIds) => call<FixPreview>('previewFixes', [sessionId, fixIds]),
    applyFixes: (sessionId, fixIds) => call<ApplyOutcome>('applyFixes', [sessionId, fixIds]),
    undoFix: (sessionId, backup) => call<{ problems: string[]; run: RunResult }>('undoFix', [sessionId, backup]),
    interruptedFixes: (sessionId) => call<InterruptedFix[]>('interruptedFixes', [sessionId]),
    recoverFix: (sessionId, journalId, action) => call<{ problems: string[]; run: RunResult }>('recoverFix', [sessionId, journalId, action]),
    relaunchAsAdmin: () => call<{ started: boolean }>('relaunchAsAdmin', []),
    async saveReport(sessionId, options): Promise<SavedReport> {
      const file = await call<unknown>('renderReport', [sessionId, options]);
      if (!isReportFile(file)) throw unexpected(200);
      env.download(file);
      return { saved: true, location: file.fileName };
    },
    async closeSession(sessionId) {
      await call<unknown>('closeSession', [sessionId]);
    },
  };
}
