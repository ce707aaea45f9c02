// The Electron security baseline (SECURITY.md) as the app creates it: startApp() with the faked
// `electron` module, then the window's webPreferences and every handler on its session and contents.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock.js'));

import type Electron from 'electron';
import type { DoctorService } from '../../../main/app/doctor-service.js';
import { startApp, type AppLayout } from '../../../main/electron/main.js';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/origin.js';
import { isAllowedPageRequest } from '../../../main/electron/window.js';
import { app, resetElectronMock, shell, type FakeBrowserWindow } from './electron-mock.js';

const LAYOUT: AppLayout = {
  bundleDir: '/opt/doctor/dist/electron',
  rendererDir: '/opt/doctor/dist/renderer',
  preloadPath: '/opt/doctor/dist/electron/preload.cjs',
  scenarioDir: '/opt/doctor/dist/electron/scenarios',
};

async function appWindow(): Promise<FakeBrowserWindow> {
  const running = startApp({ layout: LAYOUT, createService: () => ({ closeAll: async () => undefined }) as unknown as DoctorService });
  if (!running) throw new Error('startApp returned null with the lock held');
  app.fireReady();
  await running.ready;
  const win = running.mainWindow() as unknown as FakeBrowserWindow | null;
  if (!win) throw new Error('no main window');
  return win;
}

function beforeRequest(win: FakeBrowserWindow, url: string): Electron.CallbackResponse {
  const listener = win.webContents.session.webRequest.beforeRequest;
  if (!listener) throw new Error('no webRequest.onBeforeRequest listener');
  let answer: Electron.CallbackResponse | undefined;
  listener({ url, method: 'GET' } as Electron.OnBeforeRequestListenerDetails, (response) => (answer = response));
  if (!answer) throw new Error('onBeforeRequest did not answer');
  return answer;
}

function headersReceived(win: FakeBrowserWindow, responseHeaders: Record<string, string[]> | undefined): Record<string, string[]> {
  const listener = win.webContents.session.webRequest.headersReceived;
  if (!listener) throw new Error('no webRequest.onHeadersReceived listener');
  let answer: Electron.HeadersReceivedResponse | undefined;
  listener({ url: 'app://wsus-doctor/index.html', responseHeaders } as Electron.OnHeadersReceivedListenerDetails, (response) => (answer = response));
  if (!answer?.responseHeaders) throw new Error('onHeadersReceived did not answer with headers');
  return answer.responseHeaders as Record<string, string[]>;
}

beforeEach(() => resetElectronMock());

describe('the window as startApp creates it', () => {
  it('checklist 2, 3, 4, 6, 8, 9, 10: isolated, sandboxed, no Node, web security on, nothing experimental', async () => {
    const win = await appWindow();
    const prefs = win.options.webPreferences ?? {};
    expect(app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    // Settings that must stay at Electron's safe default, i.e. absent.
    for (const key of ['enableBlinkFeatures', 'nodeIntegrationInSubFrames', 'webviewTag', 'disableHtmlFullscreenWindowResize', 'additionalArguments'] as const) {
      expect(prefs, key).not.toHaveProperty(key);
    }
    expect(prefs.preload).toBe(LAYOUT.preloadPath);
  });

  it('checklist 1, 18: loads only its own app:// page, never file:// or http', async () => {
    const win = await appWindow();
    expect(win.loadedUrl).toBe('app://wsus-doctor/index.html');
  });

  it('checklist 5: the session refuses every permission request and check', async () => {
    const ses = (await appWindow()).webContents.session;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fileSystem'] as const) {
      const callback = vi.fn();
      ses.permissionRequestHandler?.({} as Electron.WebContents, permission, callback, {} as Electron.PermissionRequest);
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
      expect(ses.permissionCheckHandler?.(null, permission as never, 'app://wsus-doctor', {} as Electron.PermissionCheckHandlerHandlerDetails), permission).toBe(false);
    }
    expect(ses.devicePermissionHandler?.({ deviceType: 'usb', origin: 'app://wsus-doctor' } as Electron.DevicePermissionHandlerHandlerDetails)).toBe(false);
  });

  it('checklist 1, 7: webRequest cancels every request that is not the app’s own', async () => {
    const win = await appWindow();
    for (const url of ['app://wsus-doctor/index.html', 'app://wsus-doctor/assets/index-3f2a.js', 'data:,', 'data:image/png;base64,AAAA', 'devtools://devtools/bundled/devtools_app.html']) {
      expect(beforeRequest(win, url), url).toEqual({ cancel: false });
    }
    for (const url of [
      'https://learn.microsoft.com/en-us/',
      'http://wsus.example:8530/selfupdate/wuident.cab',
      'ws://127.0.0.1:9222/',
      'file:///C:/Windows/win.ini',
      'app://other-host/index.html',
      'app://user@wsus-doctor/index.html',
      'blob:app://wsus-doctor/1234',
      'javascript:alert(1)',
      'ftp://evil.example/',
      '',
      'not a url',
    ]) {
      expect(beforeRequest(win, url), url).toEqual({ cancel: true });
    }
    expect(isAllowedPageRequest('DATA:,x')).toBe(true);
    expect(isAllowedPageRequest(':data')).toBe(false);
  });

  it('checklist 7: every response carries the app’s CSP, replacing any other, keeping the other headers', async () => {
    const win = await appWindow();
    expect(headersReceived(win, { 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"], 'Content-Type': ['text/html'] })).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(headersReceived(win, { 'CONTENT-Security-Policy': ['default-src *'] })).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(headersReceived(win, undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )default-src 'none'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('checklist 11, 12, 13, 14, 15: no webviews, no navigation away, no new windows, only documentation links opened', async () => {
    const contents = (await appWindow()).webContents;
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview, { allowpopups: true }, { src: 'https://evil.example/' });
    expect(webview.preventDefault).toHaveBeenCalled();

    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = { url: 'file:///C:/Windows/System32/calc.exe', preventDefault: vi.fn() };
      contents.emit(name, away, away.url);
      expect(away.preventDefault, name).toHaveBeenCalled();
    }
    expect(contents.windowOpenHandler?.({ url: 'app://wsus-doctor/index.html' } as Electron.HandlerDetails)).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' } as Electron.HandlerDetails)).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});
