/** Fake network and HTTP adapters with canned answers per host and URL, and machines built on them. */
import type { SimulatedMachine } from '../../../main/adapters/simulated/machine.js';
import type {
  HttpAdapter,
  HttpGetOptions,
  HttpResult,
  Machine,
  NetworkAdapter,
  PingResult,
  ProbeLimits,
  ResolveResult,
  TcpResult,
} from '../../../main/adapters/types.js';
import { NET_CHECK_IMPLS } from '../../../main/checks/net/index.js';
import type { RunOptions } from '../../../main/engine/check.js';
import { runChecks } from '../../../main/engine/runner.js';
import type { ScenarioInput } from '../../../main/scenarios/schema.js';
import { buildCabinet } from '../../../shared/cab.js';
import type { CheckId } from '../../../shared/check-ids.js';
import { KEYS, type RegValue } from '../../../shared/registry-types.js';
import type { CheckResult } from '../../../shared/results.js';
import type { Role } from '../../../shared/status.js';
import type { WsusUrl } from '../../../shared/wsus-url.js';
import { testMachine } from '../../helpers/machines.js';

type MachineInput = NonNullable<ScenarioInput['machine']>;
type SystemInput = MachineInput['system'];

export const WSUS = 'http://wsus01.corp.example:8530';
export const HOST = 'wsus01.corp.example';
export const SU = `${WSUS}/selfupdate/wuident.cab`;
export const SU80 = `http://${HOST}/selfupdate/wuident.cab`;
export const IUIDENT = `${WSUS}/iuident.cab`;
export const WUAUCOMP_XP_EN = `${WSUS}/selfupdate/AU/x86/XP/EN/wuaucomp.cab`;
export const CWS = `${WSUS}/ClientWebService/client.asmx`;
export const SIMPLEAUTH = `${WSUS}/SimpleAuthWebService/SimpleAuth.asmx`;
export const CONTENT = `${WSUS}/Content/`;

export const WIN10: SystemInput = { computerName: 'PC-10', productName: 'Windows 10 Enterprise', version: '10.0.19045', arch: 'x64', uiLanguage: 'en-US' };
export const WIN7: SystemInput = { computerName: 'PC-7', productName: 'Windows 7 Professional', version: '6.1.7601', arch: 'x64', uiLanguage: 'ja-JP' };
export const WINXP: SystemInput = { computerName: 'PC-XP', productName: 'Microsoft Windows XP Professional', version: '5.1.2600', arch: 'x86', uiLanguage: 'en-US' };
export const WIN2003_JA: SystemInput = { computerName: 'SRV-03', productName: 'Windows Server 2003', version: '5.2.3790', arch: 'x86', uiLanguage: 'ja-JP' };
export const WIN2000: SystemInput = { computerName: 'PC-2K', productName: 'Windows 2000 Professional', version: '5.0.2195', arch: 'x86', uiLanguage: 'de-DE' };

const encoder = new TextEncoder();

/** A small valid cabinet, as WSUS serves wuident.cab. */
export const CAB = buildCabinet([{ name: 'wuident.txt', data: encoder.encode('[Update]\r\nVersion=7.6.7600.256\r\n') }]);

export function response(
  status: number,
  init: { headers?: Record<string, string>; body?: Uint8Array | string; statusText?: string } & Omit<Partial<HttpResult>, 'headers' | 'body' | 'statusText'> = {},
): Partial<HttpResult> {
  const { headers = {}, body = new Uint8Array(0), statusText, ...rest } = init;
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const r: Partial<HttpResult> = {
    outcome: 'response',
    status,
    statusText: statusText ?? '',
    headers,
    body: bytes,
    bodyTruncated: false,
    contentLength: bytes.length,
    timings: { connectMs: 2, firstByteMs: 5, totalMs: 9 },
    ...rest,
  };
  return r;
}

export const cabOk = (bytes: Uint8Array = CAB) =>
  response(200, { statusText: 'OK', headers: { 'content-type': 'application/vnd.ms-cab-compressed', 'content-length': String(bytes.length), server: 'Microsoft-IIS/10.0' }, body: bytes });
export const asmxPage = () =>
  response(200, { statusText: 'OK', headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><head><title>Client Web Service</title></head><body>The following operations are supported.</body></html>' });
export const notFound = () => response(404, { statusText: 'Not Found', headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><body>404 - File or directory not found.</body></html>' });
export const windowsAuth = () =>
  response(401, { statusText: 'Unauthorized', headers: { 'www-authenticate': 'Negotiate, NTLM', 'content-type': 'text/html' }, body: '<html><body>401 - Unauthorized</body></html>' });
export const failure = (outcome: HttpResult['outcome'], message = `simulated ${outcome}`): Partial<HttpResult> => ({ outcome, message, timings: { totalMs: 15_000 } });

export type Canned = Partial<HttpResult> | ((url: string, options: HttpGetOptions) => Promise<unknown> | unknown);

/** What a healthy WSUS server on wsus01.corp.example:8530 (and its port-80 site) answers. */
export function healthyServer(root = WSUS): Record<string, Canned> {
  const host = new URL(root).hostname;
  return {
    [`${root}/selfupdate/wuident.cab`]: cabOk(),
    [`http://${host}/selfupdate/wuident.cab`]: cabOk(),
    [`${root}/iuident.cab`]: cabOk(),
    [`${root}/selfupdate/AU/x86/XP/EN/wuaucomp.cab`]: cabOk(),
    [`${root}/selfupdate/AU/x86/NetServer/JA/wuaucomp.cab`]: cabOk(),
    [`${root}/selfupdate/AU/x86/W2K/DE/wuaucomp.cab`]: cabOk(),
    [`${root}/ClientWebService/client.asmx`]: asmxPage(),
    [`${root}/SimpleAuthWebService/SimpleAuth.asmx`]: asmxPage(),
    [`${root}/Content/`]: response(403, { statusText: 'Forbidden' }),
  };
}

export interface FakeSpec {
  /** by host; default: resolves to 10.0.0.5 */
  dns?: Record<string, ResolveResult | unknown>;
  ping?: PingResult | unknown;
  /** by "host:port"; default: connects */
  tcp?: Record<string, TcpResult | unknown>;
  /** by exact URL; default: 404 */
  http?: Record<string, Canned>;
  route?: string;
  /** the proxy requests go through (routeFor), or none */
  proxy?: string | null;
}

export interface Calls {
  resolve: string[];
  ping: string[];
  tcp: string[];
  get: string[];
  options: Record<string, HttpGetOptions>;
  limits: ProbeLimits[];
}

export function fakeConnectivity(spec: FakeSpec = {}): { network: NetworkAdapter; http: HttpAdapter; calls: Calls } {
  const calls: Calls = { resolve: [], ping: [], tcp: [], get: [], options: {}, limits: [] };
  const network: NetworkAdapter = {
    async resolve(host, limits) {
      calls.resolve.push(host);
      calls.limits.push(limits);
      const r = spec.dns?.[host];
      return (spec.dns && host in spec.dns ? r : { ok: true, addresses: ['10.0.0.5'], ms: 3 }) as ResolveResult;
    },
    async ping(host, limits) {
      calls.ping.push(host);
      calls.limits.push(limits);
      return (spec.ping === undefined ? { ok: true, alive: true, timeMs: 1.2, ms: 2 } : spec.ping) as PingResult;
    },
    async tcpConnect(host, port, limits) {
      calls.tcp.push(`${host}:${port}`);
      calls.limits.push(limits);
      const key = `${host}:${port}`;
      return (spec.tcp && key in spec.tcp ? spec.tcp[key] : { ok: true, address: '10.0.0.5', port, ms: 4 }) as TcpResult;
    },
  };
  const http: HttpAdapter = {
    route: spec.route ?? 'direct',
    async routeFor() {
      return { proxy: spec.proxy ?? null, description: spec.route ?? 'direct' };
    },
    async get(url, options) {
      calls.get.push(url);
      calls.options[url] = options;
      const canned = spec.http?.[url];
      if (typeof canned === 'function') return (await canned(url, options)) as HttpResult;
      const base = canned ?? notFound();
      return { url, finalUrl: url, hops: [], headers: {}, body: new Uint8Array(0), bodyTruncated: false, timings: { totalMs: 1 }, ...base } as HttpResult;
    },
  };
  return { network, http, calls };
}

export const sz = (data: string): RegValue => ({ type: 'REG_SZ', data });

export interface ClientSpec extends FakeSpec {
  system?: SystemInput;
  /** the WUServer value; null: not set */
  wuServer?: RegValue | null;
}

/** A client machine (Windows 10, WUServer = WSUS unless told otherwise) on the fake network. */
export function clientMachine(spec: ClientSpec = {}): { machine: SimulatedMachine; calls: Calls } {
  const wu = spec.wuServer === undefined ? sz(WSUS) : spec.wuServer;
  const registry: Record<string, Record<string, RegValue>> = {
    [KEYS.wuPolicy]: wu ? { WUServer: wu, WUStatusServer: sz(WSUS) } : {},
    [KEYS.auPolicy]: { UseWUServer: { type: 'REG_DWORD', data: 1 } },
  };
  const sim = testMachine({ registry, system: spec.system ?? WIN10 });
  const { network, http, calls } = fakeConnectivity({ ...spec, http: { ...healthyServer(), ...spec.http } });
  return { machine: { ...sim, network, http }, calls };
}

/** The remote role's machine: only the network; reading the local registry or system is a bug. */
export function remoteMachine(spec: FakeSpec = {}): { machine: Machine; calls: Calls } {
  const sim = testMachine();
  const boom = async (): Promise<never> => {
    throw new Error('remote role: the local machine must not be read');
  };
  const { network, http, calls } = fakeConnectivity({ ...spec, http: { ...healthyServer(), ...spec.http } });
  return {
    machine: {
      ...sim,
      registry: { backend: 'none', readKey: boom, setValue: boom, deleteValue: boom },
      system: { info: boom },
      elevation: { check: boom },
      network,
      http,
    },
    calls,
  };
}

export type Results = Map<CheckId, CheckResult>;

export async function run(role: Role, machine: Machine, serverUrl?: string): Promise<Results> {
  const options: RunOptions = serverUrl === undefined ? {} : { serverUrl: serverUrl as WsusUrl };
  const result = await runChecks({ role, machine, implementations: NET_CHECK_IMPLS, options });
  return new Map(result.results.map((r) => [r.id, r]));
}

export function get(results: Results, id: CheckId): CheckResult {
  const r = results.get(id);
  if (!r) throw new Error(`${id} did not run`);
  return r;
}

export function evidenceText(r: CheckResult): string {
  return r.evidence.map((e) => `${e.label.en}: ${e.value}`).join('\n');
}

export function fixText(r: CheckResult): string {
  return r.fixes.flatMap((f) => f.steps.map((s) => s.en)).join('\n');
}

/** Hiragana, katakana and CJK ideographs. */
export const JAPANESE = /[\u3040-\u309f\u30a0-\u30ff\u4e00-\u9fff]/;
export const KANA = /[\u3040-\u309f\u30a0-\u30ff]/;

export function expectBilingual(r: CheckResult): void {
  if (!r.summary.en.trim() || !JAPANESE.test(r.summary.ja) || KANA.test(r.summary.en))
    throw new Error(`${r.id}: summary is not bilingual: ${JSON.stringify(r.summary)}`);
  for (const f of r.fixes) {
    if (f.automatic || f.plan.length > 0) throw new Error(`${r.id}: fix ${f.id} must be manual`);
    for (const s of [f.title, ...f.steps])
      if (!s.en.trim() || !JAPANESE.test(s.ja) || KANA.test(s.en)) throw new Error(`${r.id}: fix text is not bilingual: ${JSON.stringify(s)}`);
  }
}
