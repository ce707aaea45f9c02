import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock.js'));

import type Electron from 'electron';
import { isAppUrl, isDocUrl } from '../../../main/electron/origin.js';
import { createMainWindow, hardenWebContents } from '../../../main/electron/window.js';
import { FakeBrowserWindow, FakeWebContents, nativeTheme, resetElectronMock, shell } from './electron-mock.js';

const PRELOAD = '/app/dist/electron/preload.cjs';

function open(): FakeBrowserWindow {
  createMainWindow({ preloadPath: PRELOAD });
  const win = FakeBrowserWindow.instances.at(-1);
  if (!win) throw new Error('no window was created');
  return win;
}

function navigationEvent(url: string): { url: string; preventDefault: ReturnType<typeof vi.fn> } {
  return { url, preventDefault: vi.fn() };
}

describe('createMainWindow', () => {
  beforeEach(() => resetElectronMock());

  it('uses exactly the required webPreferences', () => {
    const prefs = open().options.webPreferences;
    expect(prefs).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      preload: PRELOAD,
    });
    // Spelled out one by one as well, so a failure names the setting.
    expect(prefs?.contextIsolation).toBe(true);
    expect(prefs?.sandbox).toBe(true);
    expect(prefs?.nodeIntegration).toBe(false);
    expect(prefs?.webSecurity).toBe(true);
    expect(prefs?.allowRunningInsecureContent).toBe(false);
  });

  it('has the title and minimum size, stays hidden until ready-to-show, and loads the app scheme (not file://)', () => {
    const win = open();
    expect(win.options).toMatchObject({ title: 'WSUS Self-Update Doctor', minWidth: 960, minHeight: 640, show: false });
    expect(win.loadedUrl).toBe('app://wsus-doctor/index.html');
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('takes its background colour from nativeTheme and follows it', () => {
    nativeTheme.shouldUseDarkColors = true;
    const win = open();
    expect(win.options.backgroundColor).toBe('#1f1f1f');
    nativeTheme.shouldUseDarkColors = false;
    nativeTheme.emit('updated');
    expect(win.backgroundColor).toBe('#ffffff');
    win.close();
    expect(nativeTheme.listenerCount('updated')).toBe(0);
  });

  it('denies every permission request and check', () => {
    const ses = open().webContents.session;
    const callback = vi.fn();
    ses.permissionRequestHandler?.({} as Electron.WebContents, 'media', callback, {} as Electron.PermissionRequest);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(ses.permissionCheckHandler?.(null, 'notifications', 'app://wsus-doctor', {} as Electron.PermissionCheckHandlerHandlerDetails)).toBe(false);
    expect(ses.devicePermissionHandler?.({} as Electron.DevicePermissionHandlerHandlerDetails)).toBe(false);
  });

  it('denies new windows; opens documentation links on the allowed hosts in the browser, nothing else', () => {
    const handler = open().webContents.windowOpenHandler;
    if (!handler) throw new Error('no window open handler');
    const tryOpen = (url: string): Electron.WindowOpenHandlerResponse => handler({ url } as Electron.HandlerDetails);

    expect(tryOpen('https://learn.microsoft.com/en-us/windows/deployment/update/windows-update-logs')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://learn.microsoft.com/en-us/windows/deployment/update/windows-update-logs');

    shell.openExternal.mockClear();
    for (const url of [
      'https://evil.example/',
      'http://learn.microsoft.com/en-us/',
      'https://learn.microsoft.com.evil.example/',
      'https://evil.example/?https://learn.microsoft.com/',
      'https://user:pw@learn.microsoft.com/',
      'https://learn.microsoft.com:8443/',
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'app://wsus-doctor/index.html',
    ]) {
      expect(tryOpen(url)).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('prevents navigation and redirects to any other origin, allows the app origin', () => {
    const contents = open().webContents;
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navigationEvent('https://evil.example/phish');
      contents.emit(name, away, away.url);
      expect(away.preventDefault, name).toHaveBeenCalled();

      const home = navigationEvent('app://wsus-doctor/index.html');
      contents.emit(name, home, home.url);
      expect(home.preventDefault, name).not.toHaveBeenCalled();
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('opens a documentation link clicked in the page in the browser instead of navigating to it', () => {
    const contents = open().webContents;
    const doc = navigationEvent('https://learn.microsoft.com/en-us/troubleshoot/windows-server/deployment/wsus-selfupdate-not-send-automatic-updates');
    contents.emit('will-navigate', doc, doc.url);
    expect(doc.preventDefault).toHaveBeenCalled();
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith(doc.url);
  });

  it('refuses to attach webviews', () => {
    const event = { preventDefault: vi.fn() };
    open().webContents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('hardenWebContents', () => {
  beforeEach(() => resetElectronMock());

  it('installs its listeners once, however often it is called (window + web-contents-created)', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as Electron.WebContents);
    hardenWebContents(contents as unknown as Electron.WebContents);
    expect(contents.listenerCount('will-navigate')).toBe(1);
    const doc = navigationEvent('https://support.microsoft.com/en-us/help/920659');
    contents.emit('will-navigate', doc, doc.url);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('origin checks', () => {
  it('recognises only the app origin', () => {
    expect(isAppUrl('app://wsus-doctor/index.html')).toBe(true);
    expect(isAppUrl('app://wsus-doctor/assets/x.js?v=1#top')).toBe(true);
    for (const url of ['app://wsus-doctor.evil/index.html', 'app://other/index.html', 'app://u@wsus-doctor/', 'file:///index.html', 'https://wsus-doctor/', 'not a url', 42, null]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('recognises https links to the documentation hosts only', () => {
    expect(isDocUrl('https://learn.microsoft.com/ja-jp/')).toBe(true);
    expect(isDocUrl('https://support.microsoft.com/kb/920659')).toBe(true);
    expect(isDocUrl('https://microsoft.com/')).toBe(false);
    expect(isDocUrl('https://LEARN.microsoft.com/')).toBe(true); // hosts are case-insensitive; URL lowercases them
    expect(isDocUrl('https://learn.microsoft.com@evil.example/')).toBe(false);
  });
});
