// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock.js'));

import { type DoctorApi, type ProgressEvent } from '../../../shared/api.js';
import { API_METHODS } from '../../../shared/api-schemas.js';
import { MENU_ACTIONS, RUN_ID_PATTERN, type DoctorShellApi } from '../../../main/electron/channels.js';
import '../../../main/electron/preload.js';
import { contextBridge, ipcRenderer, resetElectronMock } from './electron-mock.js';

// What the preload exposed when it was loaded (above), before any reset.
const exposed = { ...contextBridge.exposed };
const api = exposed.wsusDoctor as DoctorApi;
const shellApi = exposed.wsusDoctorShell as DoctorShellApi;

const SESSION = 'a1b2c3d4e5f6a7b8c9d0';
const RUN = { results: [] };
const progress = (index: number): ProgressEvent => ({ type: 'start', id: 'client.wsus-url' as never, index, total: 3 });

beforeEach(() => resetElectronMock());

describe('what the preload exposes', () => {
  it('exposes exactly two objects: wsusDoctor and wsusDoctorShell', () => {
    expect(Object.keys(exposed).sort()).toEqual(['wsusDoctor', 'wsusDoctorShell']);
  });

  it('wsusDoctor has exactly the DoctorApi methods, all functions, nothing raw', () => {
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    for (const [key, value] of Object.entries(api)) expect(typeof value, key).toBe('function');
    for (const raw of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'on', 'once', 'removeListener', 'postMessage', 'process', 'require']) {
      expect(api).not.toHaveProperty(raw);
      expect(shellApi).not.toHaveProperty(raw);
    }
    for (const value of [...Object.values(api), ...Object.values(shellApi)]) {
      expect(value).not.toBe(ipcRenderer);
      expect(value).not.toBe(ipcRenderer.invoke);
    }
  });

  it('wsusDoctorShell has only onMenuAction', () => {
    expect(Object.keys(shellApi)).toEqual(['onMenuAction']);
  });
});

describe('wsusDoctor methods', () => {
  const cases: [keyof DoctorApi, unknown[]][] = [
    ['listScenarios', []],
    ['detectRole', []],
    ['startSession', [{ scenario: 'client-healthy' }]],
    ['previewFixes', [SESSION, ['fix-a']]],
    ['applyFixes', [SESSION, ['fix-a', 'fix-b']]],
    ['undoFix', [SESSION, 'C:\\ProgramData\\backup.json']],
    ['interruptedFixes', [SESSION]],
    ['recoverFix', [SESSION, '2026-11-20T10-00-00-000Z_fix', 'rollback']],
    ['relaunchAsAdmin', []],
    ['saveReport', [SESSION, { format: 'html', lang: 'ja', redact: true }]],
    ['closeSession', [SESSION]],
  ];

  it.each(cases)('%s invokes its own channel with its arguments and returns the value', async (method, args) => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { answer: method } });
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    expect(await fn(...args)).toEqual({ answer: method });
    expect(ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(`wsus:${method}`, ...args);
  });

  it('covers every method of the API in these cases or the runChecks tests', () => {
    expect([...cases.map(([m]) => m), 'runChecks'].sort()).toEqual([...API_METHODS].sort());
  });

  it('rejects with the ApiErrorShape as a plain object, which contextBridge copies whole', async () => {
    const message = { en: 'This session has ended; start again.', ja: 'このセッションは終了しています。最初からやり直してください。' };
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'not-found', message, extra: 'dropped' } });
    const error = await api.closeSession(SESSION).catch((e: unknown) => e);
    // Not an Error: an Error would reach the page as a bare Error(message), without code or Japanese.
    expect(error).not.toBeInstanceOf(Error);
    expect(Object.getPrototypeOf(error)).toBe(Object.prototype);
    expect(error).toStrictEqual({ code: 'not-found', message });
  });

  it.each([undefined, null, 'ok', { ok: true }, { ok: false, error: { code: 'teapot', message: { en: 'x', ja: 'x' } } }, { ok: false, error: { code: 'failed' } }])(
    'treats the unreadable answer %j as failed',
    async (answer) => {
      ipcRenderer.invoke.mockResolvedValueOnce(answer);
      await expect(api.listScenarios()).rejects.toStrictEqual({
        code: 'failed',
        message: { en: 'The app gave an answer that could not be read.', ja: 'アプリの応答を読み取れませんでした。' },
      });
    },
  );
});

describe('runChecks', () => {
  it('sends a fresh random runId first, then the session id', async () => {
    ipcRenderer.invoke.mockResolvedValue({ ok: true, value: RUN });
    await api.runChecks(SESSION);
    await api.runChecks(SESSION);
    const [first, second] = ipcRenderer.invoke.mock.calls;
    expect(first?.[0]).toBe('wsus:runChecks');
    expect(first?.[1]).toMatch(RUN_ID_PATTERN);
    expect(first?.[2]).toBe(SESSION);
    expect(first).toHaveLength(3);
    expect(second?.[1]).not.toBe(first?.[1]);
  });

  it('forwards only the progress of its own run, and stops listening afterwards', async () => {
    ipcRenderer.invoke.mockImplementationOnce(async (_channel, runId) => {
      ipcRenderer.deliver('wsus:progress', 'someoneelsesrun0123456789', progress(0));
      ipcRenderer.deliver('wsus:progress', runId, progress(1));
      ipcRenderer.deliver('wsus:progress', runId, { type: 'bogus' });
      ipcRenderer.deliver('wsus:progress', runId, progress(2));
      return { ok: true, value: RUN };
    });
    const seen: ProgressEvent[] = [];
    expect(await api.runChecks(SESSION, (e) => seen.push(e))).toEqual(RUN);
    expect(seen).toEqual([progress(1), progress(2)]);
    expect(ipcRenderer.listenerCount('wsus:progress')).toBe(0);
  });

  it('keeps concurrent runs apart', async () => {
    const pending: { runId: string; resolve: (v: unknown) => void }[] = [];
    ipcRenderer.invoke.mockImplementation((_channel, runId) => new Promise((resolve) => pending.push({ runId: runId as string, resolve })));
    const a: ProgressEvent[] = [];
    const b: ProgressEvent[] = [];
    const runA = api.runChecks(SESSION, (e) => a.push(e));
    const runB = api.runChecks('b1b2c3d4e5f6a7b8c9d0', (e) => b.push(e));
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    const [pa, pb] = pending;
    if (!pa || !pb) throw new Error('two runs expected');
    ipcRenderer.deliver('wsus:progress', pb.runId, progress(0));
    ipcRenderer.deliver('wsus:progress', pa.runId, progress(1));
    pa.resolve({ ok: true, value: RUN });
    pb.resolve({ ok: true, value: RUN });
    await Promise.all([runA, runB]);
    expect(a).toEqual([progress(1)]);
    expect(b).toEqual([progress(0)]);
  });

  it('stops listening when the run fails, and a throwing callback does not break the run', async () => {
    ipcRenderer.invoke.mockImplementationOnce(async (_channel, runId) => {
      ipcRenderer.deliver('wsus:progress', runId, progress(0));
      return { ok: false, error: { code: 'not-allowed', message: { en: 'busy', ja: 'busy' } } };
    });
    const callback = vi.fn(() => {
      throw new Error('renderer bug');
    });
    await expect(api.runChecks(SESSION, callback)).rejects.toMatchObject({ code: 'not-allowed' });
    expect(callback).toHaveBeenCalledTimes(1);
    expect(ipcRenderer.listenerCount('wsus:progress')).toBe(0);
  });
});

describe('wsusDoctorShell.onMenuAction', () => {
  it('passes on the known actions only, until unsubscribed', () => {
    const seen: string[] = [];
    const stop = shellApi.onMenuAction((action) => seen.push(action));
    for (const action of MENU_ACTIONS) ipcRenderer.deliver('wsus:menu', action);
    ipcRenderer.deliver('wsus:menu', 'open-devtools');
    ipcRenderer.deliver('wsus:menu', { action: 'save-report-html' });
    expect(seen).toEqual([...MENU_ACTIONS]);
    stop();
    ipcRenderer.deliver('wsus:menu', 'save-report-html');
    expect(seen).toHaveLength(MENU_ACTIONS.length);
    expect(ipcRenderer.listenerCount('wsus:menu')).toBe(0);
  });
});
