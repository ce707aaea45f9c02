import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock.js'));

import { ApiError, type ProgressEvent } from '../../../shared/api.js';
import { API_METHODS } from '../../../shared/api-schemas.js';
import type { DispatchResult } from '../../../main/app/api-dispatch.js';
import { DoctorService } from '../../../main/app/doctor-service.js';
import { builtInScenarioDir } from '../../../main/app/paths.js';
import { ScenarioLibrary } from '../../../main/scenarios/loader.js';
import { registerIpc } from '../../../main/electron/ipc.js';
import { dialog, FakeBrowserWindow, FakeWebContents, invokeEvent, ipcMain, resetElectronMock, type FakeFrame } from './electron-mock.js';

const SESSION = 'a1b2c3d4e5f6a7b8c9d0';
const RUN_ID = 'f00dfeedf00dfeedf00dfeed';
const APP_FRAME: FakeFrame = { url: 'app://wsus-doctor/index.html', parent: null };
const RUN = { startedAt: '2025-01-01T00:00:00.000Z', results: [] };

function stubService() {
  return {
    listScenarios: vi.fn(async () => [{ name: 'client-healthy' }]),
    detectRole: vi.fn(async () => ({ role: null, platform: 'other' })),
    startSession: vi.fn(async (request: unknown) => ({ sessionId: SESSION, request })),
    runChecks: vi.fn(async (_id: string, onProgress?: (e: ProgressEvent) => void) => {
      onProgress?.({ type: 'start', id: 'client.wsus-url' as never, index: 0, total: 2 });
      onProgress?.({ type: 'start', id: 'client.au-service' as never, index: 1, total: 2 });
      return RUN;
    }),
    previewFixes: vi.fn(async () => ({ fixes: [] })),
    applyFixes: vi.fn(async () => ({ applied: [] })),
    undoFix: vi.fn(async () => ({ problems: [] })),
    closeSession: vi.fn(async () => undefined),
    closeAll: vi.fn(async () => undefined),
    renderReport: vi.fn((_id: string, options: { format: 'html' | 'json' }) => ({
      fileName: `wsus-doctor-client-2025-01-01.${options.format}`,
      mimeType: 'text/html',
      content: options.format === 'html' ? '<!doctype html><p>report</p>' : '{"report":true}\n',
    })),
  };
}

let service: ReturnType<typeof stubService>;
let win: FakeBrowserWindow;
let unregister: () => void;
let dir: string;

function install(svc: unknown = service): void {
  unregister = registerIpc({ service: svc as DoctorService, mainWebContentsId: () => (win.isDestroyed() ? undefined : win.webContents.id) });
}

/** invoke from the main window's main frame (or from `frame`/`sender` when given). */
function call(method: string, args: unknown[], opts: { frame?: FakeFrame | null; sender?: FakeWebContents } = {}): Promise<DispatchResult> {
  const frame = opts.frame === undefined ? APP_FRAME : opts.frame;
  return ipcMain.invoke(`wsus:${method}`, invokeEvent(opts.sender ?? win.webContents, frame), ...args) as Promise<DispatchResult>;
}

function serviceCalls(): number {
  return Object.values(service).reduce((n, fn) => n + fn.mock.calls.length, 0);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wsus-doctor-ipc-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  resetElectronMock();
  service = stubService();
  win = new FakeBrowserWindow();
  install();
});

describe('registerIpc', () => {
  it('installs one handler per API method on a wsus: channel, and removes them all', () => {
    const channels = [...ipcMain.handlers.keys()];
    expect(channels).toHaveLength(API_METHODS.length);
    expect(channels.sort()).toEqual(API_METHODS.map((m) => `wsus:${m}`).sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes a valid call to the service and answers { ok, value }', async () => {
    expect(await call('listScenarios', [])).toEqual({ ok: true, value: [{ name: 'client-healthy' }] });
    expect(await call('startSession', [{ scenario: 'client-healthy' }])).toEqual({ ok: true, value: { sessionId: SESSION, request: { scenario: 'client-healthy' } } });
    expect(await call('previewFixes', [SESSION, ['client.fix-wsus-url']])).toEqual({ ok: true, value: { fixes: [] } });
    expect(service.previewFixes).toHaveBeenCalledWith(SESSION, ['client.fix-wsus-url']);
    expect(await call('closeSession', [SESSION])).toEqual({ ok: true, value: undefined });
  });

  it('reaches the real DoctorService through dispatch', async () => {
    unregister();
    install(new DoctorService({ scenarios: new ScenarioLibrary(builtInScenarioDir()), platform: 'linux', createWindowsMachine: () => Promise.reject(new Error('not Windows')) }));
    const answer = await call('listScenarios', []);
    expect(answer.ok).toBe(true);
    const names = (answer as { value: { name: string }[] }).value.map((s) => s.name);
    expect(names).toContain('client-healthy');
    const missing = await call('runChecks', [RUN_ID, SESSION]);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('sender validation', () => {
  const refused = { ok: false, error: { code: 'not-allowed', message: { en: expect.any(String), ja: expect.any(String) } } };

  it.each<[string, FakeFrame | null]>([
    ['no frame (navigated away or destroyed)', null],
    ['a subframe', { url: 'app://wsus-doctor/index.html', parent: APP_FRAME }],
    ['another origin', { url: 'https://evil.example/index.html', parent: null }],
    ['a file: page', { url: 'file:///C:/Users/x/index.html', parent: null }],
    ['a look-alike host', { url: 'app://wsus-doctor.evil/index.html', parent: null }],
  ])('refuses %s', async (_name, frame) => {
    expect(await call('listScenarios', [], { frame })).toEqual(refused);
    expect(await call('runChecks', [RUN_ID, SESSION], { frame })).toEqual(refused);
    expect(serviceCalls()).toBe(0);
  });

  it('refuses another webContents, even showing the app origin', async () => {
    const other = new FakeWebContents();
    expect(await call('listScenarios', [], { sender: other })).toEqual(refused);
    expect(serviceCalls()).toBe(0);
  });

  it('refuses everything once the main window is gone', async () => {
    win.close();
    expect(await call('listScenarios', [])).toEqual(refused);
    expect(serviceCalls()).toBe(0);
  });
});

describe('argument validation', () => {
  const huge = 'x'.repeat(1_000_000);
  it.each<[string, unknown[]]>([
    ['listScenarios', ['extra']],
    ['startSession', ['client']],
    ['startSession', [{ scenario: 'client-healthy', shell: 'cmd' }]],
    ['startSession', [{ server: `https://${huge}` }]],
    ['startSession', [{ role: 'admin' }]],
    ['previewFixes', [SESSION, []]],
    ['previewFixes', [SESSION, Array.from({ length: 51 }, (_, i) => `fix-${i}`)]],
    ['previewFixes', [SESSION, Array.from({ length: 100_000 }, (_, i) => `fix-${i}`)]],
    ['applyFixes', [SESSION, ['../../etc/passwd']]],
    ['applyFixes', [huge, ['fix-a']]],
    ['undoFix', [SESSION, 42]],
    ['undoFix', [SESSION, huge]],
    ['saveReport', [SESSION, { format: 'pdf', lang: 'en', redact: false }]],
    ['saveReport', [SESSION, { format: 'html', lang: 'en' }]],
    ['closeSession', [{ toString: 'x' }]],
    ['closeSession', []],
    ['runChecks', [RUN_ID]],
    ['runChecks', [SESSION]], // taken as the runId; the session id is then missing
    ['runChecks', [RUN_ID, SESSION, 'extra']],
  ])('%s rejects %#', async (method, args) => {
    const answer = await call(method, args);
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(serviceCalls()).toBe(0);
  });

  it.each<[string, unknown[]]>([
    ['a short runId', ['abc', SESSION]],
    ['a runId with a slash', ['f00dfeedf00dfeed/f00dfeed', SESSION]],
    ['a number', [1234567890123456, SESSION]],
    ['nothing', []],
  ])('runChecks rejects %s', async (_name, args) => {
    const answer = await call('runChecks', args);
    expect(answer).toEqual({ ok: false, error: { code: 'bad-input', message: { en: 'The request was not valid: runId', ja: '要求が正しくありません: runId' } } });
    expect(service.runChecks).not.toHaveBeenCalled();
  });
});

describe('runChecks', () => {
  it('strips the runId and tags each progress event with it', async () => {
    const answer = await call('runChecks', [RUN_ID, SESSION]);
    expect(answer).toEqual({ ok: true, value: RUN });
    expect(service.runChecks).toHaveBeenCalledWith(SESSION, expect.any(Function));
    expect(win.webContents.sent).toEqual([
      { channel: 'wsus:progress', args: [RUN_ID, { type: 'start', id: 'client.wsus-url', index: 0, total: 2 }] },
      { channel: 'wsus:progress', args: [RUN_ID, { type: 'start', id: 'client.au-service', index: 1, total: 2 }] },
    ]);
  });

  it('stops sending progress once the window is gone', async () => {
    service.runChecks.mockImplementationOnce(async (_id, onProgress) => {
      win.webContents.destroyed = true;
      onProgress?.({ type: 'start', id: 'client.wsus-url' as never, index: 0, total: 1 });
      return RUN;
    });
    expect(await call('runChecks', [RUN_ID, SESSION])).toEqual({ ok: true, value: RUN });
    expect(win.webContents.sent).toEqual([]);
  });
});

describe('failures cross as an ApiErrorShape, never as a throw', () => {
  it('keeps the code of an ApiError', async () => {
    service.applyFixes.mockRejectedValueOnce(new ApiError('not-allowed', { en: 'Run the checks first.', ja: '先にチェックを実行してください。' }));
    expect(await call('applyFixes', [SESSION, ['fix-a']])).toEqual({ ok: false, error: { code: 'not-allowed', message: { en: 'Run the checks first.', ja: '先にチェックを実行してください。' } } });
  });

  it('turns an unexpected error into failed', async () => {
    service.detectRole.mockRejectedValueOnce(new TypeError('boom'));
    expect(await call('detectRole', [])).toMatchObject({ ok: false, error: { code: 'failed', message: { en: 'Something went wrong: boom' } } });
  });

  it('survives an event whose sender frame cannot be read', async () => {
    const event = invokeEvent(win.webContents, APP_FRAME);
    Object.defineProperty(event, 'senderFrame', {
      get() {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    });
    expect(await ipcMain.invoke('wsus:listScenarios', event)).toMatchObject({ ok: false, error: { code: 'failed' } });
  });
});

describe('saveReport', () => {
  const options = { format: 'html', lang: 'en', redact: true } as const;

  it('asks where with a save dialog on the window, then writes the file atomically', async () => {
    const target = join(dir, 'report.html');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await call('saveReport', [SESSION, options])).toEqual({ ok: true, value: { saved: true, location: target } });
    expect(service.renderReport).toHaveBeenCalledWith(SESSION, options);
    const [owner, dialogOptions] = dialog.showSaveDialog.mock.calls[0] ?? [];
    expect(owner).toBe(win);
    expect(dialogOptions).toMatchObject({ defaultPath: join('/fake/documents', 'wsus-doctor-client-2025-01-01.html'), filters: [{ extensions: ['html'] }] });
    expect(await readFile(target, 'utf8')).toBe('<!doctype html><p>report</p>');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('offers the json filter for json', async () => {
    const target = join(dir, 'report.json');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    await call('saveReport', [SESSION, { format: 'json', lang: 'ja', redact: false }]);
    expect(dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({ title: 'レポートを保存', filters: [{ extensions: ['json'] }] });
    expect(await readFile(target, 'utf8')).toBe('{"report":true}\n');
  });

  it('answers saved: false when the dialog is cancelled', async () => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await call('saveReport', [SESSION, options])).toEqual({ ok: true, value: { saved: false } });
  });

  it('reports "run the checks first" without opening a dialog', async () => {
    service.renderReport.mockImplementationOnce(() => {
      throw new ApiError('not-allowed', { en: 'Run the checks first.', ja: '先にチェックを実行してください。' });
    });
    expect(await call('saveReport', [SESSION, options])).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('reports a write failure in both languages', async () => {
    const target = join(dir, 'no-such-folder', 'report.html');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const answer = await call('saveReport', [SESSION, options]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'failed', message: { en: `Cannot write ${target}: folder does not exist`, ja: expect.stringContaining('フォルダーが存在しません') } } });
  });
});
