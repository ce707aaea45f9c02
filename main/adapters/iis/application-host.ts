/**
 * Reads IIS's applicationHost.config with fast-xml-parser into the parts the server checks need:
 * application pools, sites with their bindings, applications and virtual directories, the
 * authentication settings of every <location>, and the modules, handlers and ISAPI filters that
 * show another product (SharePoint) on a site. Bounded in size; malformed, huge or foreign files
 * give an IisConfigError with a clear message, never a crash; unexpected elements are ignored.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Real files are well under 1 MB even with hundreds of sites; anything larger is refused unread. */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;
const MAX_ITEMS = 10_000;

export class IisConfigError extends Error {}

export interface IisBinding {
  protocol: string;
  /** as written: "IP:port:host" */
  bindingInformation: string;
  /** "*" (all unassigned) or an address */
  ip: string;
  port: number | null;
  host: string;
}

export interface IisVirtualDirectory {
  path: string;
  physicalPath: string;
}

export interface IisApplication {
  path: string;
  applicationPool: string;
  virtualDirectories: IisVirtualDirectory[];
}

export interface IisSite {
  name: string;
  id: number | null;
  serverAutoStart: boolean;
  bindings: IisBinding[];
  applications: IisApplication[];
}

export interface IisAppPool {
  name: string;
  autoStart: boolean;
}

export interface AuthSetting {
  enabled?: boolean;
  userName?: string;
}

export interface IisAuth {
  anonymous: AuthSetting;
  windows: AuthSetting;
  basic: AuthSetting;
}

export interface IisLocation {
  /** "" for the server root, else "Site" or "Site/Dir/..." */
  path: string;
  auth: IisAuth;
  /** names and module/DLL references of handlers and modules added here */
  components: string[];
}

export interface IisConfig {
  appPools: IisAppPool[];
  sites: IisSite[];
  /** authentication set outside any <location> (server level) */
  rootAuth: IisAuth;
  locations: IisLocation[];
  /** images and names of global modules, ISAPI filters and server-level handlers */
  serverComponents: string[];
}

type XmlNode = Record<string, unknown>;

const ARRAY_TAGS = new Set(['site', 'binding', 'application', 'virtualDirectory', 'add', 'location', 'filter']);

function node(v: unknown): XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as XmlNode) : {};
}

function child(parent: XmlNode, name: string): XmlNode {
  const v = parent[name];
  return node(Array.isArray(v) ? v[0] : v);
}

function children(parent: XmlNode, name: string): XmlNode[] {
  const v = parent[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).slice(0, MAX_ITEMS).map(node);
}

function attr(n: XmlNode, name: string): string | undefined {
  const attrs = node(n['@']);
  const v = attrs[name];
  return typeof v === 'string' ? v : undefined;
}

function bool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  return undefined;
}

export function parseBindingInformation(protocol: string, info: string): IisBinding {
  // "IP:port:host"; an IPv6 address is in brackets: "[::1]:80:"
  const m = /^(\[[^\]]*\]|[^:]*):([^:]*):(.*)$/.exec(info);
  if (!m) return { protocol, bindingInformation: info, ip: '', port: null, host: '' };
  const port = /^\d{1,5}$/.test(m[2]!) ? Number(m[2]) : null;
  const ip = m[1]!.trim() === '' ? '*' : m[1]!.trim();
  return { protocol, bindingInformation: info, ip, port: port !== null && port <= 65535 ? port : null, host: m[3]!.trim() };
}

function authOf(webServer: XmlNode): IisAuth {
  const a = child(child(webServer, 'security'), 'authentication');
  const one = (name: string): AuthSetting => {
    const n = child(a, name);
    const out: AuthSetting = {};
    const enabled = bool(attr(n, 'enabled'));
    if (enabled !== undefined) out.enabled = enabled;
    const userName = attr(n, 'userName');
    if (userName !== undefined) out.userName = userName;
    return out;
  };
  return { anonymous: one('anonymousAuthentication'), windows: one('windowsAuthentication'), basic: one('basicAuthentication') };
}

function componentsOf(webServer: XmlNode): string[] {
  const out: string[] = [];
  const push = (...values: (string | undefined)[]): void => {
    for (const v of values) if (v) out.push(v);
  };
  for (const a of children(child(webServer, 'globalModules'), 'add')) push(attr(a, 'name'), attr(a, 'image'));
  for (const a of children(child(webServer, 'modules'), 'add')) push(attr(a, 'name'), attr(a, 'type'));
  for (const a of children(child(webServer, 'handlers'), 'add')) push(attr(a, 'name'), attr(a, 'scriptProcessor'), attr(a, 'type'));
  for (const f of children(child(webServer, 'isapiFilters'), 'filter')) push(attr(f, 'name'), attr(f, 'path'));
  return out;
}

/** Where the XML is malformed: "line 12, column 5: Expected closing tag …". */
function describeXmlError(text: string): string | null {
  const result = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (result === true) return null;
  return `line ${result.err.line}, column ${result.err.col}: ${result.err.msg}`;
}

/** Decodes the file's bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM. */
export function decodeConfigBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

export function parseApplicationHostConfig(text: string): IisConfig {
  if (text.length > MAX_CONFIG_BYTES) throw new IisConfigError(`applicationHost.config is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB, which no real IIS configuration is; it was not read.`);
  if (text.trim() === '') throw new IisConfigError('applicationHost.config is empty.');
  if (/<!DOCTYPE/i.test(text)) throw new IisConfigError('applicationHost.config contains a DOCTYPE declaration, which IIS never writes; it was not read.');
  const problem = describeXmlError(text);
  if (problem) throw new IisConfigError(`applicationHost.config is not well-formed XML (${problem}).`);
  let doc: XmlNode;
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      attributesGroupName: '@',
      parseAttributeValue: false,
      parseTagValue: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      processEntities: true,
      htmlEntities: false,
      isArray: (name) => ARRAY_TAGS.has(name),
    });
    doc = node(parser.parse(text));
  } catch (e) {
    throw new IisConfigError(`applicationHost.config could not be read as XML (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!('configuration' in doc)) {
    const root = Object.keys(doc).find((k) => k !== '#text' && k !== '@') ?? '(none)';
    throw new IisConfigError(`This is not an IIS applicationHost.config: its root element is <${root}>, not <configuration>.`);
  }
  const configuration = child(doc, 'configuration');
  if (!('system.applicationHost' in configuration)) {
    throw new IisConfigError('applicationHost.config has no <system.applicationHost> section, so it describes no sites or application pools.');
  }
  const appHost = child(configuration, 'system.applicationHost');
  const webServer = child(configuration, 'system.webServer');

  const appPools: IisAppPool[] = children(child(appHost, 'applicationPools'), 'add')
    .map((a) => ({ name: attr(a, 'name') ?? '', autoStart: bool(attr(a, 'autoStart')) ?? true }))
    .filter((p) => p.name !== '');

  const sitesNode = child(appHost, 'sites');
  const defaultPool = attr(child(sitesNode, 'applicationDefaults'), 'applicationPool') ?? 'DefaultAppPool';
  const sites: IisSite[] = [];
  for (const s of children(sitesNode, 'site')) {
    const name = attr(s, 'name');
    if (!name) continue;
    const idText = attr(s, 'id');
    const bindings = children(child(s, 'bindings'), 'binding').map((b) => parseBindingInformation((attr(b, 'protocol') ?? '').toLowerCase(), attr(b, 'bindingInformation') ?? ''));
    const sitePool = attr(child(s, 'applicationDefaults'), 'applicationPool') ?? defaultPool;
    const applications: IisApplication[] = children(s, 'application').map((a) => ({
      path: attr(a, 'path') ?? '/',
      applicationPool: attr(a, 'applicationPool') ?? sitePool,
      virtualDirectories: children(a, 'virtualDirectory').map((v) => ({ path: attr(v, 'path') ?? '/', physicalPath: attr(v, 'physicalPath') ?? '' })),
    }));
    sites.push({
      name,
      id: idText !== undefined && /^\d{1,10}$/.test(idText) ? Number(idText) : null,
      serverAutoStart: bool(attr(s, 'serverAutoStart')) ?? true,
      bindings,
      applications,
    });
  }

  const locations: IisLocation[] = children(configuration, 'location').map((l) => {
    const ws = child(l, 'system.webServer');
    return { path: (attr(l, 'path') ?? '').replace(/^\.$/, ''), auth: authOf(ws), components: componentsOf(ws) };
  });

  return { appPools, sites, rootAuth: authOf(webServer), locations, serverComponents: componentsOf(webServer) };
}

// ---------------------------------------------------------------------------------------------
// Questions the checks ask of a parsed configuration

function lower(s: string): string {
  return s.toLowerCase();
}

function trimSlashes(p: string): string {
  return p.replace(/^\/+|\/+$/g, '');
}

/** "/" and "/SelfUpdate/" → "" and "SelfUpdate"; segments compared case-insensitively, as IIS does. */
function isUnder(path: string, prefix: string): boolean {
  const p = lower(trimSlashes(path));
  const q = lower(trimSlashes(prefix));
  return q === '' || p === q || p.startsWith(`${q}/`);
}

export interface ResolvedPath {
  site: IisSite;
  application: IisApplication;
  virtualDirectory: IisVirtualDirectory;
  /** the physical folder or file the URL path maps to */
  physicalPath: string;
  /** the configuration path of the URL: "Site/SelfUpdate" */
  location: string;
  /** true when a virtual directory of exactly this URL path exists (not only a parent) */
  exact: boolean;
}

export function findSite(config: IisConfig, name: string): IisSite | undefined {
  return config.sites.find((s) => lower(s.name) === lower(name));
}

export function findSiteById(config: IisConfig, id: number): IisSite | undefined {
  return config.sites.find((s) => s.id === id);
}

/** Maps a URL path of a site to its application, virtual directory and physical path (longest prefixes win). */
export function resolvePath(site: IisSite, urlPath: string): ResolvedPath | null {
  const apps = site.applications.filter((a) => isUnder(urlPath, a.path)).sort((a, b) => trimSlashes(b.path).length - trimSlashes(a.path).length);
  for (const app of apps) {
    const rest = trimSlashes(urlPath).slice(trimSlashes(app.path).length).replace(/^\/+/, '');
    const vdirs = app.virtualDirectories.filter((v) => isUnder(rest, v.path)).sort((a, b) => trimSlashes(b.path).length - trimSlashes(a.path).length);
    const vdir = vdirs[0];
    if (!vdir) continue;
    const below = trimSlashes(rest).slice(trimSlashes(vdir.path).length).replace(/^\/+/, '');
    const physicalPath = below ? `${vdir.physicalPath.replace(/\\+$/, '')}\\${below.replace(/\//g, '\\')}` : vdir.physicalPath;
    const urlTrimmed = trimSlashes(urlPath);
    return {
      site,
      application: app,
      virtualDirectory: vdir,
      physicalPath,
      location: urlTrimmed ? `${site.name}/${urlTrimmed}` : site.name,
      exact: lower(trimSlashes(`${trimSlashes(app.path)}/${trimSlashes(vdir.path)}`)) === lower(urlTrimmed),
    };
  }
  return null;
}

/** The virtual directory (or application) of this exact URL path on the site, e.g. "/SelfUpdate". */
export function findVirtualDirectory(site: IisSite, urlPath: string): ResolvedPath | null {
  const r = resolvePath(site, urlPath);
  return r?.exact ? r : null;
}

export interface EffectiveAuth {
  anonymous: boolean;
  windows: boolean;
  basic: boolean;
  /** the account anonymous requests run as ("" = the application pool identity) */
  anonymousUser: string;
  /** the configuration paths that set these values, general to specific ("" = server level) */
  from: string[];
}

/**
 * Authentication in effect for a configuration path ("Site/SelfUpdate"): the server level, then every
 * <location> from the site down to the path, each overriding what it sets (IIS's inheritance).
 * IIS's schema defaults apply where nothing is set: anonymous and Windows off.
 */
export function effectiveAuth(config: IisConfig, locationPath: string): EffectiveAuth {
  const target = lower(trimSlashes(locationPath));
  const applicable = config.locations
    .filter((l) => {
      const p = lower(trimSlashes(l.path));
      return p === '' || p === target || target.startsWith(`${p}/`);
    })
    .sort((a, b) => trimSlashes(a.path).length - trimSlashes(b.path).length);
  const out: EffectiveAuth = { anonymous: false, windows: false, basic: false, anonymousUser: 'IUSR', from: [] };
  const apply = (auth: IisAuth, where: string): void => {
    let touched = false;
    if (auth.anonymous.enabled !== undefined) {
      out.anonymous = auth.anonymous.enabled;
      touched = true;
    }
    if (auth.anonymous.userName !== undefined) {
      out.anonymousUser = auth.anonymous.userName;
      touched = true;
    }
    if (auth.windows.enabled !== undefined) {
      out.windows = auth.windows.enabled;
      touched = true;
    }
    if (auth.basic.enabled !== undefined) {
      out.basic = auth.basic.enabled;
      touched = true;
    }
    if (touched) out.from.push(where);
  };
  apply(config.rootAuth, '');
  for (const l of applicable) apply(l.auth, l.path);
  return out;
}

/** The components (modules, handlers, filters) configured for a site: server level plus its <location>s. */
export function componentsFor(config: IisConfig, siteName: string): string[] {
  const site = lower(siteName);
  const own = config.locations.filter((l) => {
    const p = lower(trimSlashes(l.path));
    return p === '' || p === site || p.startsWith(`${site}/`);
  });
  return [...config.serverComponents, ...own.flatMap((l) => l.components)];
}
