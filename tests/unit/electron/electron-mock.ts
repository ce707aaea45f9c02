/**
 * Typed fakes of the Electron modules the glue uses (fiddle's tests/mocks/electron.ts, smaller). Use
 *   vi.mock('electron', () => import('./electron-mock.js'));
 * then import the same fakes from './electron-mock.js' to drive and inspect them. Every fake records
 * its calls; resetElectronMock() (in beforeEach) puts them back to a fresh state in place, since the
 * modules under test keep references to these objects.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type Electron from 'electron';

/** Calls in the order they happened, e.g. 'protocol.registerSchemesAsPrivileged', 'app.ready'. */
export const callLog: string[] = [];

type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];
type DevicePermissionHandler = Parameters<Electron.Session['setDevicePermissionHandler']>[0];
type WindowOpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0];
type BeforeRequestListener = (details: Electron.OnBeforeRequestListenerDetails, callback: (response: Electron.CallbackResponse) => void) => void;
type HeadersReceivedListener = (details: Electron.OnHeadersReceivedListenerDetails, callback: (response: Electron.HeadersReceivedResponse) => void) => void;
type InvokeListener = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** session.webRequest: one listener per event, as in Electron (a new one replaces the old). */
export class FakeWebRequest {
  beforeRequest: BeforeRequestListener | null = null;
  headersReceived: HeadersReceivedListener | null = null;
  onBeforeRequest(listener: BeforeRequestListener | null): void {
    this.beforeRequest = listener;
  }
  onHeadersReceived(listener: HeadersReceivedListener | null): void {
    this.headersReceived = listener;
  }
}

export class FakeSession {
  readonly webRequest = new FakeWebRequest();
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  devicePermissionHandler: DevicePermissionHandler = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: DevicePermissionHandler): void {
    this.devicePermissionHandler = handler;
  }
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly session = new FakeSession();
  windowOpenHandler: WindowOpenHandler | null = null;
  destroyed = false;
  /** Every send(channel, ...args). */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return FakeBrowserWindow.instances.find((w) => w.webContents === contents) ?? null;
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }

  readonly options: Electron.BrowserWindowConstructorOptions;
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  backgroundColor: string | undefined;

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    this.options = options;
    this.backgroundColor = options.backgroundColor;
    FakeBrowserWindow.instances.push(this);
    callLog.push('BrowserWindow.new');
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setBackgroundColor(colour: string): void {
    this.backgroundColor = colour;
  }
  /** Closes the window as the user would: 'closed' is emitted. */
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    // As Electron does: a second handler on a channel is an error.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls the handler of `channel` as ipcRenderer.invoke would, with a prepared event. */
  async invoke(channel: string, event: Electron.IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // Arguments cross IPC by structured clone.
    return handler(event, ...structuredClone(args));
  }
  reset(): void {
    this.handlers.clear();
    this.removeAllListeners();
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

/** An invoke event from `sender`, sent by a frame showing `url` (a main frame unless `parent` is given). */
export function invokeEvent(sender: FakeWebContents, frame: FakeFrame | null): Electron.IpcMainInvokeEvent {
  return { sender, senderFrame: frame, frameId: 1, processId: 1, type: 'frame', preventDefault: () => undefined, defaultPrevented: false } as unknown as Electron.IpcMainInvokeEvent;
}

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(async () => ({ ok: true, value: undefined }));
  /** Delivers a message from the main process to the listeners of `channel`. */
  deliver(channel: string, ...args: unknown[]): void {
    this.emit(channel, { sender: this } as unknown as Electron.IpcRendererEvent, ...structuredClone(args));
  }
  reset(): void {
    this.invoke = vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(async () => ({ ok: true, value: undefined }));
    this.removeAllListeners();
  }
}

class FakeContextBridge {
  readonly exposed: Record<string, unknown> = {};
  exposeInMainWorld(key: string, api: unknown): void {
    if (key in this.exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    this.exposed[key] = api;
  }
  reset(): void {
    for (const key of Object.keys(this.exposed)) delete this.exposed[key];
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'Electron';
  /** What requestSingleInstanceLock() answers. */
  gotLock = true;
  #ready = deferred();
  requestSingleInstanceLock = vi.fn(() => this.gotLock);
  quit = vi.fn(() => void callLog.push('app.quit'));
  exit = vi.fn();
  enableSandbox = vi.fn(() => void callLog.push('app.enableSandbox'));
  setName = vi.fn((name: string) => void (this.name = name));
  setAppUserModelId = vi.fn();
  getPath = vi.fn((name: string) => `/fake/${name}`);
  getVersion = vi.fn(() => '0.0.0-test');
  whenReady = vi.fn(() => this.#ready.promise);
  /** Fires `ready`. */
  fireReady(): void {
    callLog.push('app.ready');
    this.emit('ready');
    this.#ready.resolve();
  }
  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.name = 'Electron';
    this.gotLock = true;
    this.#ready = deferred();
    for (const fn of [this.requestSingleInstanceLock, this.quit, this.exit, this.enableSandbox, this.setName, this.setAppUserModelId, this.getPath, this.getVersion, this.whenReady]) fn.mockClear();
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

class FakeProtocol {
  readonly handlers = new Map<string, ProtocolHandler>();
  registerSchemesAsPrivileged = vi.fn((_schemes: Electron.CustomScheme[]) => void callLog.push('protocol.registerSchemesAsPrivileged'));
  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  reset(): void {
    this.handlers.clear();
    this.registerSchemesAsPrivileged.mockClear();
  }
}

class FakeNativeTheme extends EventEmitter {
  shouldUseDarkColors = false;
  themeSource: 'system' | 'light' | 'dark' = 'system';
  reset(): void {
    this.removeAllListeners();
    this.shouldUseDarkColors = false;
    this.themeSource = 'system';
  }
}

export const app = new FakeApp();
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const contextBridge = new FakeContextBridge();
export const protocol = new FakeProtocol();
export const nativeTheme = new FakeNativeTheme();
export const BrowserWindow = FakeBrowserWindow;

export const dialog = {
  showSaveDialog: vi.fn<(...args: unknown[]) => Promise<Electron.SaveDialogReturnValue>>(async () => ({ canceled: true, filePath: '' })),
  showMessageBox: vi.fn<(...args: unknown[]) => Promise<Electron.MessageBoxReturnValue>>(async () => ({ response: 0, checkboxChecked: false })),
  showErrorBox: vi.fn<(title: string, content: string) => void>(),
};

export const shell = {
  openExternal: vi.fn<(url: string) => Promise<void>>(async () => undefined),
};

export const Menu = {
  current: null as { template: Electron.MenuItemConstructorOptions[] } | null,
  buildFromTemplate: vi.fn((template: Electron.MenuItemConstructorOptions[]) => ({ template })),
  setApplicationMenu: vi.fn((menu: { template: Electron.MenuItemConstructorOptions[] } | null) => {
    Menu.current = menu;
  }),
};

export function resetElectronMock(): void {
  callLog.length = 0;
  FakeBrowserWindow.instances = [];
  app.reset();
  ipcMain.reset();
  ipcRenderer.reset();
  contextBridge.reset();
  protocol.reset();
  nativeTheme.reset();
  dialog.showSaveDialog.mockReset();
  dialog.showSaveDialog.mockImplementation(async () => ({ canceled: true, filePath: '' }));
  dialog.showMessageBox.mockClear();
  dialog.showErrorBox.mockClear();
  shell.openExternal.mockClear();
  Menu.current = null;
  Menu.buildFromTemplate.mockClear();
  Menu.setApplicationMenu.mockClear();
}
