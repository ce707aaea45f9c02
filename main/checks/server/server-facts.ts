/**
 * Reads shared by the server checks, done once per run (memoised per Facts): WSUS's setup values,
 * the parsed applicationHost.config, the running state of pools and sites, and the layout of the
 * server (which site is WSUS's, which answers on port 80, KB920659 Configuration 1 or 2, era).
 */
import { findValue, KEYS, type RegKeySnapshot } from '../../../shared/registry-types.js';
import type { Evidence } from '../../../shared/results.js';
import { l10n, verbatim, type L10n } from '../../../shared/text.js';
import {
  decodeConfigBytes,
  findSiteById,
  IisConfigError,
  MAX_CONFIG_BYTES,
  parseApplicationHostConfig,
  type IisConfig,
  type IisSite,
} from '../../adapters/iis/application-host.js';
import type { IisRuntime, IisRuntimeState, ServerAdapters } from '../../adapters/types.js';
import type { CheckContext, CheckOutcome } from '../../engine/check.js';
import type { Facts } from '../../engine/facts.js';
import { clip } from '../evidence.js';

const memo = new WeakMap<Facts, Map<string, Promise<unknown>>>();

function once<T>(ctx: CheckContext, key: string, load: () => Promise<T>): Promise<T> {
  let m = memo.get(ctx.facts);
  if (!m) {
    m = new Map();
    memo.set(ctx.facts, m);
  }
  let p = m.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    m.set(key, p);
  }
  return p;
}

export class ServerCheckError extends Error {}

export function serverAdapters(ctx: CheckContext): ServerAdapters {
  if (!ctx.machine.server) throw new ServerCheckError('this machine has no IIS, permission or event log adapters (it is not a WSUS server machine)');
  return ctx.machine.server;
}

// ---------------------------------------------------------------------------------------------
// WSUS setup values

export interface WsusSetup {
  key: RegKeySnapshot | null;
  targetDir: string | null;
  contentDir: string | null;
  portNumber: number | null;
  usingSsl: boolean | null;
  siteIndex: number | null;
}

function str(key: RegKeySnapshot | null, name: string): string | null {
  const v = findValue(key, name)?.value;
  return v && (v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ') && v.data.trim() !== '' ? v.data.trim() : null;
}

function dword(key: RegKeySnapshot | null, name: string): number | null {
  const v = findValue(key, name)?.value;
  if (!v) return null;
  if (v.type === 'REG_DWORD') return v.data;
  if ((v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ') && /^\d{1,10}$/.test(v.data.trim())) return Number(v.data.trim());
  return null;
}

export function wsusSetup(ctx: CheckContext): Promise<WsusSetup> {
  return once(ctx, 'setup', async () => {
    const key = await ctx.facts.key(KEYS.wsusSetup);
    const port = dword(key, 'PortNumber');
    const ssl = dword(key, 'UsingSSL');
    return {
      key,
      targetDir: str(key, 'TargetDir')?.replace(/\\+$/, '') ?? null,
      contentDir: str(key, 'ContentDir')?.replace(/\\+$/, '') ?? null,
      portNumber: port !== null && port > 0 && port < 65536 ? port : null,
      usingSsl: ssl === null ? null : ssl === 1,
      siteIndex: dword(key, 'IISTargetWebsiteIndex'),
    };
  });
}

/** The SelfUpdate folder: <TargetDir>\SelfUpdate. */
export function selfUpdateFolder(setup: WsusSetup): string | null {
  return setup.targetDir ? `${setup.targetDir}\\SelfUpdate` : null;
}

/** The SelfUpdate folder of this server, or the outcome a check gives when it cannot be known. */
export async function selfUpdateFolderOf(ctx: CheckContext): Promise<{ ok: true; folder: string; targetDir: string } | { ok: false; outcome: CheckOutcome }> {
  const setup = await wsusSetup(ctx);
  if (!setup.key) return { ok: false, outcome: notInstalled() };
  const folder = selfUpdateFolder(setup);
  if (!folder || !setup.targetDir) {
    return { ok: false, outcome: { status: 'error', summary: l10n('TargetDir is not set, so the SelfUpdate folder is unknown.', 'TargetDir が設定されていないため、SelfUpdate フォルダーが不明です。') } };
  }
  return { ok: true, folder, targetDir: setup.targetDir };
}

// ---------------------------------------------------------------------------------------------
// IIS configuration and state

export type ConfigRead = { ok: true; config: IisConfig; path: string } | { ok: false; installed: boolean; message: string; path?: string };

export function iisConfig(ctx: CheckContext): Promise<ConfigRead> {
  return once(ctx, 'config', async (): Promise<ConfigRead> => {
    const file = await serverAdapters(ctx).iis.readConfig(MAX_CONFIG_BYTES, ctx.signal);
    if (!file) return { ok: false, installed: false, message: 'IIS is not installed: there is no applicationHost.config.' };
    if (file.size > MAX_CONFIG_BYTES) {
      return { ok: false, installed: true, path: file.path, message: `${file.path} is ${file.size} bytes, more than the ${MAX_CONFIG_BYTES / 1024 / 1024} MB any real IIS configuration needs; it was not read.` };
    }
    try {
      return { ok: true, config: parseApplicationHostConfig(decodeConfigBytes(file.bytes)), path: file.path };
    } catch (e) {
      if (e instanceof IisConfigError) return { ok: false, installed: true, path: file.path, message: e.message };
      throw e;
    }
  });
}

export function iisRuntime(ctx: CheckContext): Promise<IisRuntime> {
  return once(ctx, 'runtime', () => serverAdapters(ctx).iis.runtime(ctx.signal));
}

export function stateOf(runtime: IisRuntime, kind: 'pool' | 'site', name: string): IisRuntimeState {
  const list = kind === 'pool' ? runtime.appPools : runtime.sites;
  return list.find((x) => x.name.toLowerCase() === name.toLowerCase())?.state ?? 'unknown';
}

export type ServerEra = 'legacy' | 'modern';

export interface Layout {
  config: IisConfig;
  configPath: string;
  setup: WsusSetup;
  /** the site WSUS is installed on (IISTargetWebsiteIndex) */
  wsusSite: IisSite | null;
  /** the site answering http on port 80 (a started one first) */
  port80Site: IisSite | null;
  /** KB920659: 1 = WSUS on the port-80 site, 2 = WSUS on its own site with SelfUpdate and ClientWebService also on port 80 */
  configuration: 1 | 2;
  /** legacy: Windows Server 2003/2008/2008 R2 (WSUS 2.0/3.0); modern: 2012 and later (WSUS as a role) */
  era: ServerEra;
  runtime: IisRuntime;
}

export function hasHttpPort(site: IisSite, port: number): boolean {
  return site.bindings.some((b) => b.protocol === 'http' && b.port === port);
}

export function serverEra(ctx: CheckContext): Promise<ServerEra> {
  return ctx.facts
    .os()
    .then((os) => (os.era === 'nt5' || os.era === 'nt6.0' ? 'legacy' : 'modern') as ServerEra)
    .catch(() => 'modern' as ServerEra);
}

export type LayoutRead = { ok: true; layout: Layout } | { ok: false; outcome: CheckOutcome };

/** Everything a check of the IIS layout needs, or the outcome to report when it cannot be known. */
export function layout(ctx: CheckContext): Promise<LayoutRead> {
  return once(ctx, 'layout', async (): Promise<LayoutRead> => {
    const setup = await wsusSetup(ctx);
    if (!setup.key) return { ok: false, outcome: notInstalled() };
    const read = await iisConfig(ctx);
    if (!read.ok) return { ok: false, outcome: configProblem(read) };
    const runtime = await iisRuntime(ctx);
    const { config } = read;
    const wsusSite = setup.siteIndex !== null ? (findSiteById(config, setup.siteIndex) ?? null) : null;
    const port80 = config.sites.filter((s) => hasHttpPort(s, 80));
    const port80Site = port80.find((s) => stateOf(runtime, 'site', s.name) === 'started') ?? port80[0] ?? null;
    const configuration: 1 | 2 = wsusSite && hasHttpPort(wsusSite, 80) ? 1 : 2;
    return { ok: true, layout: { config, configPath: read.path, setup, wsusSite, port80Site, configuration, era: await serverEra(ctx), runtime } };
  });
}

export function notInstalled(): CheckOutcome {
  return {
    status: 'fail',
    summary: l10n(
      'WSUS does not look installed on this machine: its setup key HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup is missing, so the server checks cannot tell where it lives.',
      'この コンピューターには WSUS がインストールされていないようです。セットアップ キー HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup がないため、サーバー側のチェックは WSUS の場所を判断できません。',
    ),
    evidence: [{ label: verbatim(KEYS.wsusSetup), value: '(key not present)' }],
  };
}

export function configProblem(read: Extract<ConfigRead, { ok: false }>): CheckOutcome {
  if (!read.installed) {
    return {
      status: 'fail',
      summary: l10n(
        'IIS is not installed (there is no applicationHost.config), so no WSUS site can answer clients.',
        'IIS がインストールされていません (applicationHost.config がありません)。そのため、クライアントに応答できる WSUS サイトがありません。',
      ),
    };
  }
  return {
    status: 'error',
    summary: l10n(`The IIS configuration could not be read: ${read.message}`, `IIS の構成を読み取れませんでした: ${read.message}`),
    evidence: read.path ? [{ label: l10n('IIS configuration file', 'IIS の構成ファイル'), value: read.path }] : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Small helpers for evidence and text

export function siteLabel(site: IisSite): string {
  return `"${site.name}" (id ${site.id ?? '?'})`;
}

export function bindingsText(site: IisSite): string {
  return clip(site.bindings.map((b) => `${b.protocol} ${b.bindingInformation}`).join(', ') || '(none)');
}

export function ev(label: L10n, value: string): Evidence {
  return { label, value: clip(value) };
}

/** "C:\Program Files" for %ProgramFiles% and friends, so IIS paths compare with registry paths. */
export function expandPath(path: string, programFiles: string, systemRoot: string): string {
  return path
    .replace(/%ProgramFiles%/gi, programFiles)
    .replace(/%SystemDrive%/gi, systemRoot.slice(0, 2))
    .replace(/%(windir|SystemRoot)%/gi, systemRoot)
    .replace(/\\+$/, '');
}

export function samePath(a: string, b: string): boolean {
  return a.replace(/\\+$/, '').toLowerCase() === b.replace(/\\+$/, '').toLowerCase();
}

/** Runs a server check, turning "no server adapters" into an error result with the reason. */
export async function guarded(ctx: CheckContext, run: () => Promise<CheckOutcome>): Promise<CheckOutcome> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ServerCheckError) return { status: 'error', summary: l10n(`The check could not run: ${e.message}.`, `チェックを実行できませんでした: ${e.message}。`) };
    throw e;
  }
}
