/**
 * The Electron main process: one instance, the app scheme registered as privileged and the sandbox
 * enforced before `ready`; then the services, the IPC handlers, the menu and the window. Every web
 * contents (not only the window's) is denied new windows, navigation away and webviews. When the last
 * window closes, the sessions are closed (a scenario's emulator stopped) before the app quits.
 */
import { app, dialog, nativeTheme, protocol, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createWindowsMachine } from '../adapters/windows/windows-machine.js';
import { DoctorService } from '../app/doctor-service.js';
import { relaunchElevated } from '../app/relaunch-elevated.js';
import { createCommandRunner } from '../adapters/windows/command-runner.js';
import { builtInScenarioDir, bundleDir } from '../app/paths.js';
import type { SessionDeps } from '../app/session.js';
import { TOOL_VERSION } from '../app/version.js';
import { ScenarioLibrary } from '../scenarios/loader.js';
import { registerAppProtocol } from './app-protocol.js';
import { MENU_CHANNEL, type MenuAction } from './channels.js';
import { registerIpc } from './ipc.js';
import { installMenu } from './menu.js';
import { APP_SCHEME } from './origin.js';
import { createMainWindow, hardenWebContents, openDocLink, WINDOW_TITLE } from './window.js';

const APP_USER_MODEL_ID = 'com.wsus-selfupdate-doctor.app';

export interface AppLayout {
  /** dist/electron: the bundles and the regedit lookup start */
  bundleDir: string;
  /** dist/renderer, served on app://wsus-doctor/ */
  rendererDir: string;
  /** dist/electron/preload.cjs */
  preloadPath: string;
  scenarioDir: string;
}

/** Where things are: beside the bundle, and in a packaged app the scenarios under resources/. */
export function appLayout(input: { bundleDir: string; packaged: boolean; resourcesPath: string | undefined; exists?: (path: string) => boolean }): AppLayout {
  const exists = input.exists ?? existsSync;
  const packagedScenarios = input.packaged && input.resourcesPath ? join(input.resourcesPath, 'scenarios') : undefined;
  return {
    bundleDir: input.bundleDir,
    rendererDir: join(input.bundleDir, '..', 'renderer'),
    preloadPath: join(input.bundleDir, 'preload.cjs'),
    scenarioDir: packagedScenarios && exists(packagedScenarios) ? packagedScenarios : builtInScenarioDir(),
  };
}

export interface StartOptions {
  layout?: AppLayout;
  createService?: (deps: SessionDeps) => DoctorService;
  /** How long closing the sessions may hold up quitting (default 5 s). */
  closeTimeoutMs?: number;
}

export interface RunningApp {
  /** Settles once the window is created (rejects if start-up failed). */
  ready: Promise<void>;
  mainWindow: () => BrowserWindow | null;
}

function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    work.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

/** Starts the app; null when another instance already runs (it is focused and this one quits). */
export function startApp(options: StartOptions = {}): RunningApp | null {
  if (!app.isPackaged) app.setName(WINDOW_TITLE);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  let mainWindow: BrowserWindow | null = null;
  let service: DoctorService | null = null;
  const liveWindow = (): BrowserWindow | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);

  app.on('second-instance', () => {
    const win = liveWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  let closing: Promise<void> | null = null;
  let sessionsClosed = false;
  const closeSessions = (): Promise<void> =>
    (closing ??= settleWithin(service ? service.closeAll() : Promise.resolve(), options.closeTimeoutMs ?? 5000).then(() => {
      sessionsClosed = true;
    }));
  app.on('window-all-closed', () => {
    void closeSessions().then(() => app.quit());
  });
  app.on('will-quit', (event) => {
    if (sessionsClosed) return;
    event.preventDefault();
    void closeSessions().then(() => app.quit());
  });

  const send = (action: MenuAction): void => {
    liveWindow()?.webContents.send(MENU_CHANNEL, action);
  };
  const showAbout = (): void => {
    const detail = `Version ${TOOL_VERSION}\nElectron ${process.versions.electron ?? '?'}, Chromium ${process.versions.chrome ?? '?'}, Node.js ${process.versions.node}`;
    const box = { type: 'info' as const, title: `About ${WINDOW_TITLE}`, message: WINDOW_TITLE, detail, buttons: ['OK'], noLink: true };
    const win = liveWindow();
    (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box)).catch(() => undefined);
  };

  const ready = app.whenReady().then(() => {
    const layout = options.layout ?? appLayout({ bundleDir: bundleDir(), packaged: app.isPackaged, resourcesPath: process.resourcesPath });
    const deps: SessionDeps = {
      scenarios: new ScenarioLibrary(layout.scenarioDir),
      platform: process.platform,
      createWindowsMachine: () => createWindowsMachine({ bundleDir: layout.bundleDir, resourcesPath: process.resourcesPath }),
    };
    const svc = options.createService ? options.createService(deps) : new DoctorService(deps);
    service = svc;
    registerAppProtocol(layout.rendererDir);
    // Only the packaged app on Windows can start itself again: in development the executable is electron.exe.
    const relaunchAsAdmin =
      process.platform === 'win32' && app.isPackaged
        ? async (): Promise<{ started: boolean }> => {
            app.releaseSingleInstanceLock(); // or the elevated instance would find this one and quit
            const r = await relaunchElevated({ runner: createCommandRunner(), executable: process.execPath }).catch(() => ({ started: false }));
            if (r.started) void closeSessions().then(() => app.quit());
            else app.requestSingleInstanceLock();
            return r;
          }
        : undefined;
    registerIpc({ service: svc, mainWebContentsId: () => liveWindow()?.webContents.id, ...(relaunchAsAdmin ? { relaunchAsAdmin } : {}) });
    installMenu({
      packaged: app.isPackaged,
      development: !app.isPackaged,
      platform: process.platform,
      send,
      setTheme: (theme) => {
        nativeTheme.themeSource = theme;
      },
      openExternal: (url) => void openDocLink(url),
      showAbout,
      theme: nativeTheme.themeSource,
    });
    const win = createMainWindow({ preloadPath: layout.preloadPath });
    mainWindow = win;
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
  });
  return { ready, mainWindow: liveWindow };
}

// Run when bundled as dist/electron/main.cjs (scripts/build-electron.mjs), not when imported by tests.
declare const __WSUS_DOCTOR_ELECTRON_MAIN__: boolean | undefined;
if (typeof __WSUS_DOCTOR_ELECTRON_MAIN__ !== 'undefined' && __WSUS_DOCTOR_ELECTRON_MAIN__) {
  startApp()?.ready.catch((e: unknown) => {
    dialog.showErrorBox(WINDOW_TITLE, `The app could not start: ${e instanceof Error ? e.message : String(e)}`);
    app.exit(1);
  });
}
