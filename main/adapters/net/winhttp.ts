/**
 * The HTTP probe as the Windows Update agent sends it: through the machine-wide WinHTTP proxy
 * (HKLM ...\Internet Settings\Connections\WinHttpSettings), read through the registry adapter.
 */
import tls from 'node:tls';
import { findValue, KEYS } from '../../../shared/registry-types.js';
import { decodeWinHttpSettings } from '../../../shared/winhttp-settings.js';
import type { HttpAdapter, HttpGetOptions, HttpResult, RegistryAdapter, HttpRoute } from '../types.js';
import type { Dialer } from './dialer.js';
import { errorMessage, raceLimit, since } from './errors.js';
import { createHttpAdapter, describeRoute, type HttpProxyConfig, type ProxyEndpoint, type TlsTrust } from './http.js';
import { noAnswer } from './http-result.js';

export const WINHTTP_VALUE = 'WinHttpSettings';

/** "proxy:8080", "[fd00::1]:3128", "http://proxy:8080" → endpoint (port 80 when none is given); null when malformed. */
export function parseProxyEndpoint(text: string): ProxyEndpoint | null {
  const t = text
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/.*$/, '');
  const m = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(t) ?? /^([^:\s[\]/=]+)(?::(\d{1,5}))?$/.exec(t);
  if (!m) return null;
  const port = m[2] !== undefined ? Number(m[2]) : 80;
  if (port < 1 || port > 65535) return null;
  return { host: m[1]!, port };
}

/**
 * A WinHTTP proxy list ("proxy:8080", or per scheme "http=a:8080;https=b:8443", entries separated by
 * ";" or spaces) and bypass list → the proxy config; null when no usable entry is found.
 * A generic entry serves every scheme that has no entry of its own; socks= entries are ignored
 * (WinHTTP does not use SOCKS).
 */
export function parseProxyList(list: string, bypass: string): HttpProxyConfig | null {
  let generic: ProxyEndpoint | null = null;
  const schemes: { http?: ProxyEndpoint; https?: ProxyEndpoint } = {};
  let anyScheme = false;
  let first: ProxyEndpoint | null = null;
  for (const raw of list.split(/[;\s]+/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const eq = /^([a-z]+)=(.*)$/i.exec(entry);
    if (eq) {
      const scheme = eq[1]!.toLowerCase();
      const ep = parseProxyEndpoint(eq[2]!);
      if (!ep || (scheme !== 'http' && scheme !== 'https')) continue;
      anyScheme = true;
      schemes[scheme] ??= ep;
      first ??= ep;
    } else {
      const ep = parseProxyEndpoint(entry);
      if (!ep) continue;
      generic ??= ep;
      first ??= ep;
    }
  }
  if (!first) return null;
  const config: HttpProxyConfig = { host: first.host, port: first.port, bypass: bypass.trim(), list: list.trim() };
  if (anyScheme) config.byScheme = { http: schemes.http ?? generic, https: schemes.https ?? generic };
  return config;
}

/**
 * The machine-wide WinHTTP proxy, read through the registry adapter; null means direct access (no value,
 * direct flag, or bytes that cannot be decoded: client.network.proxy reports those). Throws when the
 * registry cannot be read.
 */
export async function winHttpProxyFromRegistry(registry: RegistryAdapter, signal?: AbortSignal): Promise<HttpProxyConfig | null> {
  const key = await registry.readKey(KEYS.winHttpConnections, signal);
  const found = findValue(key, WINHTTP_VALUE);
  if (!found || found.value.type !== 'REG_BINARY') return null;
  const decoded = decodeWinHttpSettings(found.value.data);
  if (!decoded || decoded.kind === 'direct') return null;
  return parseProxyList(decoded.proxy, decoded.bypass);
}

/**
 * The certificate authorities to trust like Windows does: the OS store plus Node's bundled list, when
 * this Node.js can read the OS store (tls.getCACertificates('system'), Node 22.15+ / 23.8+); otherwise
 * Node's bundled list, and messages say so.
 */
export function platformTrust(): TlsTrust {
  const get = (tls as unknown as { getCACertificates?: (type?: string) => string[] }).getCACertificates;
  const bundledOnly: TlsTrust = {
    description: "Node.js's bundled list of certificate authorities (this Node.js cannot read the Windows certificate store, so an internal CA trusted by Windows may be missing)",
  };
  if (typeof get !== 'function') return bundledOnly;
  try {
    const ca = [...new Set([...get('default'), ...get('system')])];
    return ca.length > 0 ? { ca, description: "the operating system's certificate store and Node.js's bundled list" } : bundledOnly;
  } catch {
    return bundledOnly;
  }
}

export interface WinHttpAdapterOptions {
  registry: RegistryAdapter;
  dialer: Dialer;
  /** default: platformTrust(), evaluated on first use */
  tls?: TlsTrust | (() => TlsTrust);
}

export interface LazyHttpAdapter extends HttpAdapter {
  /** Reads the WinHTTP settings now (get() does it on first use); failures are not cached. */
  configure(signal?: AbortSignal): Promise<HttpAdapter>;
}

/**
 * An HTTP adapter whose first get() reads the WinHTTP proxy (so creating the machine stays fast). The
 * settings are read once; `route` says "not read yet" until then. Reading counts against the total timeout.
 */
export function createWinHttpAdapter(options: WinHttpAdapterOptions): LazyHttpAdapter {
  let ready: HttpAdapter | null = null;
  let pending: Promise<HttpAdapter> | null = null;

  const configure = (signal?: AbortSignal): Promise<HttpAdapter> => {
    if (ready) return Promise.resolve(ready);
    pending ??= (async () => {
      const proxy = await winHttpProxyFromRegistry(options.registry, signal);
      const trust = typeof options.tls === 'function' ? options.tls() : (options.tls ?? platformTrust());
      ready = createHttpAdapter({ dialer: options.dialer, proxy, route: describeRoute(proxy, 'WinHTTP proxy'), tls: trust });
      return ready;
    })().catch((err: unknown) => {
      pending = null;
      throw err;
    });
    return pending;
  };

  const failed = (url: string, start: number, message: string): HttpResult => noAnswer(url, message, since(start));

  return {
    get route(): string {
      return ready ? ready.route : 'WinHTTP proxy settings not read yet';
    },
    configure,
    async routeFor(url: string, signal?: AbortSignal): Promise<HttpRoute> {
      try {
        return await (await configure(signal)).routeFor(url, signal);
      } catch (err) {
        return { proxy: null, description: `WinHTTP proxy settings could not be read (${err instanceof Error ? err.message : String(err)})` };
      }
    },
    async get(url: string, getOptions: HttpGetOptions): Promise<HttpResult> {
      const start = performance.now();
      let adapter: HttpAdapter;
      try {
        const raced = await raceLimit(configure(getOptions.signal), getOptions.totalTimeoutMs, getOptions.signal);
        if (!raced.done) {
          return failed(
            url,
            start,
            raced.why === 'timeout'
              ? `The WinHTTP proxy settings could not be read within ${getOptions.totalTimeoutMs} ms, so the request was not sent.`
              : 'The request was cancelled.',
          );
        }
        adapter = raced.value;
      } catch (err) {
        return failed(url, start, `The WinHTTP proxy settings could not be read (${errorMessage(err)}), so the request was not sent the way the update agent would send it.`);
      }
      return adapter.get(url, { ...getOptions, totalTimeoutMs: Math.max(1, getOptions.totalTimeoutMs - since(start)) });
    },
  };
}
