/**
 * How a simulated WSUS server's IIS answers a request, decided from its live configuration, so the
 * WSUS emulator serves the fault that matches the machine (and a fix turns the answer green):
 *
 *   no started site bound to the address and port  → 400 (http.sys: "Invalid Hostname")
 *   site stopped                                    → 404 (http.sys has no site for it)
 *   no virtual directory for the path               → 404.0
 *   the application's pool stopped                  → 503
 *   SharePoint on the site, path not excluded       → 200 with a SharePoint page
 *   the self-update folder or file missing          → 404.0
 *   anonymous off, Windows on                       → 401 Negotiate/NTLM
 *   anonymous and Windows off                       → 401.2
 *   anonymous account cannot read the folder        → 401.3
 */
import type { Fault } from '../../emulator/server-spec.js';
import { componentsFor, effectiveAuth, parseApplicationHostConfig, resolvePath, type IisConfig, type IisSite } from './application-host.js';
import { hasRights, parseSddl, rightsOf, WELL_KNOWN_SIDS, FILE_READ_EXECUTE } from './sddl.js';
import type { SimulatedAcl, SimulatedIis, SimulatedServerState } from './simulated-server.js';
import type { SimulatedFiles } from '../simulated/machine.js';

/** Words in module names, DLLs and handlers that mean SharePoint handles the site's requests. */
export const SHAREPOINT_MARKERS = /sharepoint|spnativerequestmodule|sprequestmodule|stsfltr|owssvr/i;

export interface ServingParts {
  iis: SimulatedIis;
  acl: SimulatedAcl;
  files: SimulatedFiles;
  state: SimulatedServerState;
}

export interface ServingRequest {
  port: number;
  /** the Host header without the port */
  host: string;
  path: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function addressOf(host: string, parts: ServingParts): string {
  const h = host.toLowerCase();
  if (LOOPBACK.has(h)) return '127.0.0.1';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(h)) return h;
  return parts.state.addresses[0] ?? '';
}

function siteFor(config: IisConfig, req: ServingRequest, parts: ServingParts): { site: IisSite | null; stopped: boolean } {
  const address = addressOf(req.host, parts);
  const states = parts.iis.runtimeSync();
  const started = (s: IisSite): boolean => (states.sites.find((x) => x.name.toLowerCase() === s.name.toLowerCase())?.state ?? 'started') === 'started';
  const matches = config.sites
    .flatMap((site) => site.bindings.filter((b) => b.protocol === 'http' && b.port === req.port).map((b) => ({ site, b })))
    .filter(({ b }) => (b.ip === '*' || b.ip === address) && (b.host === '' || b.host.toLowerCase() === req.host.toLowerCase()))
    // http.sys precedence: a host name beats none, a specific address beats "*"
    .sort((x, y) => Number(y.b.host !== '') - Number(x.b.host !== '') || Number(y.b.ip !== '*') - Number(x.b.ip !== '*'));
  const running = matches.find(({ site }) => started(site));
  if (running) return { site: running.site, stopped: false };
  return { site: null, stopped: matches.length > 0 };
}

function anonymousCanRead(parts: ServingParts, folder: string, user: string): boolean {
  if (user === '') return true; // the application pool identity: not modelled, assumed able to read
  const sddl = parts.acl.sddlSync(folder);
  if (sddl === null) return true;
  const sid = /^iusr$/i.test(user) ? WELL_KNOWN_SIDS.iusr : null;
  if (!sid) return true;
  const groups: string[] = [WELL_KNOWN_SIDS.everyone];
  const users = Object.entries(parts.state.groups).find(([g]) => g === WELL_KNOWN_SIDS.users)?.[1] ?? [];
  if (users.includes(sid)) groups.push(WELL_KNOWN_SIDS.users);
  try {
    return hasRights(rightsOf(parseSddl(sddl), [sid, ...groups]), FILE_READ_EXECUTE);
  } catch {
    return false;
  }
}

export function servingFault(parts: ServingParts, req: ServingRequest): Fault | null {
  const text = parts.iis.configText();
  if (text === null) return { kind: 'status', status: 404 };
  let config: IisConfig;
  try {
    config = parseApplicationHostConfig(text);
  } catch {
    return { kind: 'status', status: 503 };
  }
  const { site, stopped } = siteFor(config, req, parts);
  if (!site) return { kind: 'status', status: stopped ? 404 : 400 };
  const resolved = resolvePath(site, req.path);
  if (!resolved) return { kind: 'status', status: 404, subStatus: 0 };
  const pool = parts.iis.runtimeSync().appPools.find((p) => p.name.toLowerCase() === resolved.application.applicationPool.toLowerCase());
  if (pool && pool.state !== 'started') return { kind: 'status', status: 503 };
  const lowerPath = req.path.toLowerCase();
  const wsusPath = /^\/(selfupdate|clientwebservice|iuident\.cab|wutrack\.bin)(\/|$)/.test(lowerPath);
  if (wsusPath && componentsFor(config, site.name).some((c) => SHAREPOINT_MARKERS.test(c))) return { kind: 'html', product: 'sharepoint' };
  const selfUpdate = /^\/selfupdate(\/|$)/.test(lowerPath);
  if (selfUpdate && !parts.files.existsSync(resolved.physicalPath)) return { kind: 'status', status: 404, subStatus: 0 };
  const auth = effectiveAuth(config, resolved.location);
  if (!auth.anonymous) return auth.windows ? { kind: 'windows-auth' } : { kind: 'status', status: 401, subStatus: 2 };
  if (selfUpdate && !anonymousCanRead(parts, resolved.virtualDirectory.physicalPath, auth.anonymousUser)) return { kind: 'status', status: 401, subStatus: 3 };
  return null;
}
