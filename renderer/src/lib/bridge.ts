/**
 * Finds the DoctorApi: the Electron preload's `window.wsusDoctor` first, else the web harness client
 * (renderer/src/lib/bridge-web.ts, loaded only when needed and only if it exists in the build).
 * Also picks up the optional extras of each host: the Electron menu (`window.wsusDoctorShell`) and the
 * demo the web harness was started with.
 */
import type { DoctorApi } from '../../../shared/api.js';

export interface WebBridgeModule {
  createWebBridge(): DoctorApi | null;
  /** the scenario named in the harness address, if the module offers it */
  initialScenario?: () => string | null;
}

export type WebBridgeLoader = () => Promise<WebBridgeModule>;

export { isMenuAction, MENU_ACTIONS, type MenuAction } from '../../../shared/api.js';
import type { DoctorShellApi as ShellApi } from '../../../shared/api.js';
export type { ShellApi };

export interface Connection {
  api: DoctorApi;
  shell: ShellApi | null;
  initialScenario: string | null;
}

interface HostGlobals {
  wsusDoctor?: unknown;
  wsusDoctorShell?: unknown;
}

// A glob rather than a plain dynamic import: the web client is optional, and a missing file must not
// break the build. Vite turns this into a lazily loaded chunk when the file is present.
const webModules = import.meta.glob<WebBridgeModule>('./bridge-web.ts');

export const defaultWebLoader: WebBridgeLoader | null = webModules['./bridge-web.ts'] ?? null;

export class NoBridgeError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'NoBridgeError';
  }
}

const API_METHODS = ['listScenarios', 'detectRole', 'startSession', 'runChecks', 'previewFixes', 'applyFixes', 'undoFix', 'interruptedFixes', 'recoverFix', 'relaunchAsAdmin', 'saveReport', 'closeSession'];

function looksLikeApi(value: unknown): value is DoctorApi {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return API_METHODS.every((m) => typeof v[m] === 'function');
}

function looksLikeShell(value: unknown): value is ShellApi {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>).onMenuAction === 'function';
}

export interface ConnectOptions {
  window?: HostGlobals;
  loadWeb?: WebBridgeLoader | null;
}

export async function connect(options: ConnectOptions = {}): Promise<Connection> {
  const win = options.window ?? (globalThis as HostGlobals);
  if (looksLikeApi(win.wsusDoctor)) {
    return { api: win.wsusDoctor, shell: looksLikeShell(win.wsusDoctorShell) ? win.wsusDoctorShell : null, initialScenario: null };
  }
  const load = options.loadWeb === undefined ? defaultWebLoader : options.loadWeb;
  if (!load) throw new NoBridgeError('no window.wsusDoctor and no web bridge in this build');
  let mod: WebBridgeModule;
  try {
    mod = await load();
  } catch (e) {
    throw new NoBridgeError(`the web bridge could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
  }
  const api = mod.createWebBridge();
  if (!api) throw new NoBridgeError('no window.wsusDoctor, and this page was not opened by the web harness');
  let initialScenario: string | null = null;
  try {
    initialScenario = mod.initialScenario?.() ?? null;
  } catch {
    initialScenario = null;
  }
  return { api, shell: null, initialScenario };
}

/** The DoctorApi of this window; rejects with NoBridgeError when there is none. */
export async function getBridge(options: ConnectOptions = {}): Promise<DoctorApi> {
  return (await connect(options)).api;
}
