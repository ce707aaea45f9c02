/**
 * The wizard's window and the rules every web contents lives by: isolated, sandboxed, no Node; served
 * from the app scheme; no new windows, no navigation away, no webviews, no permissions, no request
 * leaving the app (webRequest) and the app's CSP on every response. Links to the
 * documentation hosts open in the user's browser.
 */
import { BrowserWindow, nativeTheme, shell, type Session, type WebContents } from 'electron';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, isAppUrl, isDocUrl } from './origin.js';

export const WINDOW_TITLE = 'WSUS Self-Update Doctor';
const BACKGROUND = { dark: '#1f1f1f', light: '#ffffff' } as const;

export interface MainWindowDeps {
  /** dist/electron/preload.cjs */
  preloadPath: string;
}

/** Opens an https link to a documentation host in the user's browser; anything else is ignored. */
export function openDocLink(url: string): boolean {
  if (!isDocUrl(url)) return false;
  shell.openExternal(url).catch(() => undefined);
  return true;
}

const hardened = new WeakSet<WebContents>();

/** Denies new windows, navigation and redirects away from the app, and webviews. Idempotent. */
export function hardenWebContents(contents: WebContents): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    openDocLink(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openDocLink(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** Refuses every permission (camera, notifications, clipboard, devices, …): the wizard needs none. */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/**
 * Schemes a page of the window may load from: its own origin, inline data (images, the favicon) and,
 * in development, the DevTools front end. Everything else (http, https, ws, file, …) is cancelled:
 * the wizard talks to the network only through the main process, never from the page.
 */
const PAGE_SCHEMES: ReadonlySet<string> = new Set(['data:', 'devtools:']);

/** True for a request the window's pages may make. */
export function isAllowedPageRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  const colon = url.indexOf(':');
  return colon > 0 && PAGE_SCHEMES.has(url.slice(0, colon + 1).toLowerCase());
}

/**
 * Cancels every request of the session that is not the app's own (see isAllowedPageRequest) and puts
 * the app's Content-Security-Policy on every response, replacing any the response carried.
 */
export function restrictRequests(ses: Session): void {
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedPageRequest(details.url) }));
  ses.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });
}

function background(): string {
  return nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light;
}

/** The main window. The app scheme must already be registered (registerAppProtocol). */
export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const win = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1120,
    height: 780,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: background(),
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      preload: deps.preloadPath,
    },
  });
  hardenWebContents(win.webContents);
  denyAllPermissions(win.webContents.session);
  restrictRequests(win.webContents.session);

  const onTheme = (): void => {
    if (!win.isDestroyed()) win.setBackgroundColor(background());
  };
  nativeTheme.on('updated', onTheme);
  win.on('closed', () => nativeTheme.removeListener('updated', onTheme));
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((e: unknown) => {
    // Usually dist/renderer is missing (not built): show the window anyway rather than a hidden app.
    console.error(`wsus-doctor: could not load ${APP_ENTRY_URL}: ${e instanceof Error ? e.message : String(e)}`);
    if (!win.isDestroyed()) win.show();
  });
  return win;
}
