/**
 * The preload (sandboxed, bundled into dist/electron/preload.cjs with only `electron` left external).
 * It exposes exactly two objects and nothing raw:
 *   window.wsusDoctor       the DoctorApi, one method per operation, each on its own `wsus:<method>` channel;
 *   window.wsusDoctorShell  onMenuAction(listener), for the menu items the wizard carries out.
 * Answers arrive as DispatchResult and are unwrapped here: a value, or a rejection with the ApiErrorShape.
 *
 * Why the shape and not an ApiError instance: contextBridge rebuilds an Error that crosses into the page
 * as a bare `Error(message)` (electron_api_context_bridge.cc, PassValueToOtherContext: IsNativeError →
 * message only; electron/electron#25596), so `code` and the Japanese text of an ApiError would be lost.
 * A plain object is copied whole, so the page receives `{ code, message: { en, ja } }`, which is what
 * the renderer's error handling reads (renderer/src/lib/errors.ts isApiErrorShape).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiErrorShape, ApiMethod, DoctorApi, ProgressEvent } from '../../shared/api.js';
import type { RunResult } from '../../shared/results.js';
import { channelOf, isMenuAction, MENU_CHANNEL, PROGRESS_CHANNEL, type DoctorShellApi, type MenuAction } from './channels.js';

/** What the preload needs of ipcRenderer (a fake in tests). */
export type PreloadIpc = Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>;

const ERROR_CODES: ReadonlySet<string> = new Set<ApiErrorShape['code']>(['bad-input', 'not-found', 'not-allowed', 'failed', 'unavailable']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isErrorShape(v: unknown): v is ApiErrorShape {
  return (
    isRecord(v) &&
    typeof v.code === 'string' &&
    ERROR_CODES.has(v.code) &&
    isRecord(v.message) &&
    typeof v.message.en === 'string' &&
    typeof v.message.ja === 'string'
  );
}

const UNREADABLE: ApiErrorShape = {
  code: 'failed',
  message: { en: 'The app gave an answer that could not be read.', ja: 'アプリの応答を読み取れませんでした。' },
};

/**
 * { ok: true, value } → value; { ok: false, error } → throws that ApiErrorShape (a fresh plain object,
 * see above); anything else → throws the 'failed' shape.
 */
export function unwrap<T>(answer: unknown): T {
  if (isRecord(answer) && answer.ok === true && 'value' in answer) return answer.value as T;
  const shape = isRecord(answer) && answer.ok === false && isErrorShape(answer.error) ? answer.error : UNREADABLE;
  throw { code: shape.code, message: { en: shape.message.en, ja: shape.message.ja } } satisfies ApiErrorShape;
}

function newRunId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isProgressEvent(v: unknown): v is ProgressEvent {
  return isRecord(v) && (v.type === 'start' || v.type === 'done');
}

export function createDoctorApi(ipc: PreloadIpc): DoctorApi {
  const call = async <T>(method: ApiMethod, ...args: unknown[]): Promise<T> => unwrap<T>(await ipc.invoke(channelOf(method), ...args));
  return {
    listScenarios: () => call('listScenarios'),
    detectRole: () => call('detectRole'),
    startSession: (request) => call('startSession', request),
    async runChecks(sessionId, onProgress) {
      const runId = newRunId();
      const listener = (_event: IpcRendererEvent, id: unknown, progress: unknown): void => {
        if (id !== runId || !isProgressEvent(progress)) return;
        try {
          onProgress?.(progress);
        } catch {
          // A failing progress callback must not stop the run or the listener.
        }
      };
      const listening = typeof onProgress === 'function';
      if (listening) ipc.on(PROGRESS_CHANNEL, listener);
      try {
        return await call<RunResult>('runChecks', runId, sessionId);
      } finally {
        if (listening) ipc.removeListener(PROGRESS_CHANNEL, listener);
      }
    },
    previewFixes: (sessionId, fixIds) => call('previewFixes', sessionId, fixIds),
    applyFixes: (sessionId, fixIds) => call('applyFixes', sessionId, fixIds),
    undoFix: (sessionId, backup) => call('undoFix', sessionId, backup),
    interruptedFixes: (sessionId) => call('interruptedFixes', sessionId),
    recoverFix: (sessionId, journalId, action) => call('recoverFix', sessionId, journalId, action),
    relaunchAsAdmin: () => call('relaunchAsAdmin'),
    saveReport: (sessionId, options) => call('saveReport', sessionId, options),
    closeSession: (sessionId) => call('closeSession', sessionId),
  };
}

export function createShellApi(ipc: PreloadIpc): DoctorShellApi {
  return {
    onMenuAction(listener: (action: MenuAction) => void): () => void {
      const forward = (_event: IpcRendererEvent, action: unknown): void => {
        if (isMenuAction(action)) listener(action);
      };
      ipc.on(MENU_CHANNEL, forward);
      return () => {
        ipc.removeListener(MENU_CHANNEL, forward);
      };
    },
  };
}

contextBridge.exposeInMainWorld('wsusDoctor', createDoctorApi(ipcRenderer));
contextBridge.exposeInMainWorld('wsusDoctorShell', createShellApi(ipcRenderer));
