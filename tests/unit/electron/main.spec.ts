import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock.js'));

import { API_METHODS } from '../../../shared/api-schemas.js';
import type { DoctorService } from '../../../main/app/doctor-service.js';
import type { SessionDeps } from '../../../main/app/session.js';
import { appLayout, startApp, type AppLayout } from '../../../main/electron/main.js';
import { app, callLog, FakeBrowserWindow, FakeWebContents, ipcMain, Menu, nativeTheme, protocol, resetElectronMock } from './electron-mock.js';

const LAYOUT: AppLayout = {
  bundleDir: '/opt/doctor/dist/electron',
  rendererDir: '/opt/doctor/dist/renderer',
  preloadPath: '/opt/doctor/dist/electron/preload.cjs',
  scenarioDir: '/opt/doctor/dist/electron/scenarios',
};

function fakeService(closeAll: () => Promise<void> = async () => undefined) {
  return { closeAll: vi.fn(closeAll) };
}

async function started(service = fakeService()) {
  const createService = vi.fn((_deps: SessionDeps) => service as unknown as DoctorService);
  const running = startApp({ layout: LAYOUT, createService, closeTimeoutMs: 50 });
  if (!running) throw new Error('startApp returned null with the lock held');
  app.fireReady();
  await running.ready;
  const win = running.mainWindow() as unknown as FakeBrowserWindow | null;
  if (!win) throw new Error('no main window');
  return { running, win, service, createService };
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => resetElectronMock());

describe('single instance', () => {
  it('a second instance quits at once without registering anything', () => {
    app.gotLock = false;
    expect(startApp({ layout: LAYOUT })).toBeNull();
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('the first instance is focused (and restored) when a second one starts', async () => {
    const { win } = await started();
    win.minimized = true;
    app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(win.minimized).toBe(false);
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
  });
});

describe('start-up', () => {
  it('registers the privileged app scheme and the sandbox before ready', async () => {
    const running = startApp({ layout: LAYOUT, createService: () => fakeService() as unknown as DoctorService });
    expect(running).not.toBeNull();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    app.fireReady();
    await running?.ready;
    expect(callLog.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(callLog.indexOf('app.ready'));
    expect(callLog.indexOf('app.enableSandbox')).toBeLessThan(callLog.indexOf('app.ready'));
  });

  it('on ready: services from the layout, the protocol, IPC, menu and the window', async () => {
    const { win, createService } = await started();
    const deps = createService.mock.calls[0]?.[0];
    expect(deps?.platform).toBe(process.platform);
    expect(typeof deps?.createWindowsMachine).toBe('function');
    expect(protocol.handlers.has('app')).toBe(true);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `wsus:${m}`).sort());
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(FakeBrowserWindow.instances).toEqual([win]);
    expect(win.options.webPreferences?.preload).toBe(LAYOUT.preloadPath);
    expect(win.loadedUrl).toBe('app://wsus-doctor/index.html');
  });

  it('hardens every web contents created, not only the window', async () => {
    await started();
    const stray = new FakeWebContents();
    app.emit('web-contents-created', {}, stray);
    expect(stray.windowOpenHandler?.({ url: 'https://evil.example/' } as never)).toEqual({ action: 'deny' });
    const nav = { url: 'https://evil.example/', preventDefault: vi.fn() };
    stray.emit('will-navigate', nav, nav.url);
    expect(nav.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    stray.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('menu actions go to the window; the theme goes to nativeTheme', async () => {
    const { win } = await started();
    const template = Menu.current?.template ?? [];
    const all = template.flatMap(function flat(i): Electron.MenuItemConstructorOptions[] {
      return [i, ...(Array.isArray(i.submenu) ? i.submenu.flatMap(flat) : [])];
    });
    (all.find((i) => i.id === 'save-report-json')?.click as () => void)();
    (all.find((i) => i.id === 'theme-dark')?.click as () => void)();
    expect(win.webContents.sent).toEqual([
      { channel: 'wsus:menu', args: ['save-report-json'] },
      { channel: 'wsus:menu', args: ['theme-dark'] },
    ]);
    expect(nativeTheme.themeSource).toBe('dark');
    expect(all.some((i) => i.role === 'toggleDevTools')).toBe(true); // not packaged in this test
  });
});

describe('shutdown', () => {
  it('closes all sessions when the last window closes, then quits', async () => {
    let finish: () => void = () => undefined;
    const { win, service } = await started(fakeService(() => new Promise<void>((resolve) => (finish = resolve))));
    win.close();
    app.emit('window-all-closed');
    expect(service.closeAll).toHaveBeenCalledTimes(1);
    await flush();
    expect(app.quit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
  });

  it('holds will-quit until the sessions are closed, once', async () => {
    const { service } = await started();
    const first = { preventDefault: vi.fn() };
    app.emit('will-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    const second = { preventDefault: vi.fn() };
    app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(service.closeAll).toHaveBeenCalledTimes(1);
  });

  it('quits anyway when closing the sessions hangs or fails', async () => {
    await started(fakeService(() => new Promise<void>(() => undefined)));
    app.emit('window-all-closed');
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1), { timeout: 1000 });

    resetElectronMock();
    await started(fakeService(() => Promise.reject(new Error('emulator stuck'))));
    app.emit('window-all-closed');
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
  });
});

describe('appLayout', () => {
  it('puts the renderer and preload beside the bundle', () => {
    const layout = appLayout({ bundleDir: join('/opt', 'doctor', 'dist', 'electron'), packaged: false, resourcesPath: undefined });
    expect(layout.rendererDir).toBe(join('/opt', 'doctor', 'dist', 'renderer'));
    expect(layout.preloadPath).toBe(join('/opt', 'doctor', 'dist', 'electron', 'preload.cjs'));
  });

  it('uses resources/scenarios in a packaged app when it is there, else the built-in folder', () => {
    const resources = join('/opt', 'doctor', 'resources');
    const packaged = appLayout({ bundleDir: '/x', packaged: true, resourcesPath: resources, exists: (p) => p === join(resources, 'scenarios') });
    expect(packaged.scenarioDir).toBe(join(resources, 'scenarios'));
    const missing = appLayout({ bundleDir: '/x', packaged: true, resourcesPath: resources, exists: () => false });
    expect(missing.scenarioDir).not.toBe(join(resources, 'scenarios'));
    const dev = appLayout({ bundleDir: '/x', packaged: false, resourcesPath: resources, exists: () => true });
    expect(dev.scenarioDir).not.toBe(join(resources, 'scenarios'));
  });
});
