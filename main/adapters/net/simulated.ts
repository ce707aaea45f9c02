/**
 * The simulated network of a scenario. Names resolve through the scenario's table; connections to the
 * WSUS host go to the WSUS emulator on loopback (only the connection is redirected: Host headers,
 * TLS names and redirects keep the original names). Other behaviours fail the way a real network does.
 *
 *   emulator      resolves to a made-up private address; (WSUS port → emulator WSUS site, 80 → port-80 site)
 *   unresolvable  not-found
 *   refused       resolves; connections refused at once
 *   unreachable   resolves; connections fail at once with "no route"
 *   timeout       resolves; connections wait for the connect timeout, then time out
 *
 * A host not in the table is unresolvable, except the WSUS host (emulator). An IP literal resolves to
 * itself; one that is neither listed nor a made-up address is unreachable.
 */
import net from 'node:net';
import type { HostBehaviour, SimulatedNetwork } from '../../emulator/server-spec.js';
import type { HttpAdapter, NetworkAdapter, PingResult, ProbeLimits, ResolveResult, TcpResult } from '../types.js';
import { directDialer, type Dialer } from './dialer.js';
import { abortableDelay, AbortedError, bareHost, hostPort, NetError, since } from './errors.js';
import { createHttpAdapter, describeRoute, type HttpProxyConfig, type TlsTrust } from './http.js';
import { tcpFailure } from './network.js';

/** Where the emulator's sites listen, and which WSUS URL they stand for. */
export interface EmulatorRoute {
  /** the host in the WSUS URL */
  wsusHost: string;
  /** the port in the WSUS URL, e.g. 8530 */
  wsusPort: number;
  target: { host: string; wsusPort: number; port80Port: number | null };
}

export interface SimulatedNetworkOptions {
  network: SimulatedNetwork;
  emulator: EmulatorRoute | null;
  /** a WinHTTP proxy to honour (its host is resolved through the same table) */
  proxy?: HttpProxyConfig | null;
  route?: string;
  /** certificate authorities for HTTPS (e.g. the emulator's own certificate) */
  tls?: TlsTrust;
}

export interface SimulatedNetworkParts {
  network: NetworkAdapter;
  http: HttpAdapter;
  dialer: Dialer;
}

/** The address every emulator host resolves to (for display only). */
export const EMULATOR_ADDRESS = '10.20.30.40';
const OTHER_PREFIX = '10.20.31.';
/** Round-trip time reported for simulated echo replies (ms). */
export const SIMULATED_PING_MS = 1;

function norm(host: string): string {
  return bareHost(host.trim()).toLowerCase().replace(/\.$/, '');
}

export function createSimulatedNetwork(options: SimulatedNetworkOptions): SimulatedNetworkParts {
  const { network, emulator } = options;
  const table = new Map<string, HostBehaviour>();
  for (const [host, behaviour] of Object.entries(network.hosts)) {
    const key = norm(host);
    if (!table.has(key)) table.set(key, behaviour);
  }
  const wsusHost = emulator ? norm(emulator.wsusHost) : null;
  if (wsusHost !== null && !table.has(wsusHost)) table.set(wsusHost, 'emulator');

  // Made-up addresses: every emulator host shares one; the others get their own, in table order.
  const addressOf = new Map<string, string>();
  const byAddress = new Map<string, HostBehaviour>();
  let next = 1;
  for (const [host, behaviour] of table) {
    if (behaviour === 'unresolvable') continue;
    let address: string;
    if (net.isIP(host)) address = host;
    else if (behaviour === 'emulator') address = EMULATOR_ADDRESS;
    else address = `${OTHER_PREFIX}${next++}`;
    addressOf.set(host, address);
    if (!byAddress.has(address)) byAddress.set(address, behaviour);
  }

  function behaviourOf(host: string): HostBehaviour {
    const h = norm(host);
    const listed = table.get(h);
    if (listed) return listed;
    const byAddr = byAddress.get(h);
    if (byAddr) return byAddr;
    return net.isIP(h) ? 'unreachable' : 'unresolvable';
  }

  function mapPort(port: number): number | null {
    if (!emulator) return null;
    if (port === emulator.wsusPort) return emulator.target.wsusPort;
    if (port === 80) return emulator.target.port80Port;
    return null;
  }

  const dialer: Dialer = async (host, port, { timeoutMs, signal }) => {
    if (signal?.aborted) throw new AbortedError();
    const where = hostPort(host, port);
    switch (behaviourOf(host)) {
      case 'unresolvable':
        throw new NetError('not-found', `getaddrinfo ENOTFOUND ${bareHost(host)} (simulated network)`, { sysCode: 'ENOTFOUND' });
      case 'refused':
        throw new NetError('refused', `connect ECONNREFUSED ${where} (simulated network)`, { sysCode: 'ECONNREFUSED' });
      case 'unreachable':
        throw new NetError('unreachable', `connect EHOSTUNREACH ${where} (simulated network)`, { sysCode: 'EHOSTUNREACH' });
      case 'timeout':
        await abortableDelay(timeoutMs, signal);
        throw new NetError('timeout', `no connection to ${where} within ${timeoutMs} ms (simulated network)`, { sysCode: 'ETIMEDOUT' });
      case 'emulator': {
        const target = mapPort(port);
        if (target === null || !emulator) {
          throw new NetError('refused', `connect ECONNREFUSED ${where} (simulated network: nothing listens on port ${port})`, { sysCode: 'ECONNREFUSED' });
        }
        return directDialer(emulator.target.host, target, { timeoutMs, ...(signal ? { signal } : {}) });
      }
    }
  };

  async function resolve(host: string, limits: ProbeLimits): Promise<ResolveResult> {
    const start = performance.now();
    if (limits.signal?.aborted) return { ok: false, code: 'error', message: 'The lookup was cancelled.', ms: since(start) };
    const h = norm(host);
    if (net.isIP(h)) return { ok: true, addresses: [h], ms: since(start) };
    const address = behaviourOf(h) === 'unresolvable' ? undefined : addressOf.get(h);
    if (address === undefined) {
      return { ok: false, code: 'not-found', message: `The name ${bareHost(host.trim())} could not be resolved: no DNS record or hosts-file entry (ENOTFOUND).`, ms: since(start) };
    }
    return { ok: true, addresses: [address], ms: since(start) };
  }

  async function ping(host: string, limits: ProbeLimits): Promise<PingResult> {
    const start = performance.now();
    const resolved = await resolve(host, limits);
    if (!resolved.ok) return { ok: false, message: resolved.message, ms: since(start) };
    const behaviour = behaviourOf(host);
    const answers = (behaviour === 'emulator' || behaviour === 'refused') && network.icmp === 'reply';
    return answers ? { ok: true, alive: true, timeMs: SIMULATED_PING_MS, ms: since(start) } : { ok: true, alive: false, ms: since(start) };
  }

  async function tcpConnect(host: string, port: number, limits: ProbeLimits): Promise<TcpResult> {
    const start = performance.now();
    const timeoutMs = Math.min(limits.connectTimeoutMs, limits.totalTimeoutMs);
    try {
      const socket = await dialer(host, port, { timeoutMs, ...(limits.signal ? { signal: limits.signal } : {}) });
      socket.destroy();
      const h = norm(host);
      return { ok: true, address: net.isIP(h) ? h : (addressOf.get(h) ?? EMULATOR_ADDRESS), port, ms: since(start) };
    } catch (err) {
      return { ...tcpFailure(host, port, timeoutMs, err), ms: since(start) };
    }
  }

  const http = createHttpAdapter({
    dialer,
    proxy: options.proxy ?? null,
    route: options.route ?? describeRoute(options.proxy, 'WinHTTP proxy'),
    ...(options.tls ? { tls: options.tls } : {}),
  });

  return { network: { resolve, ping, tcpConnect }, http, dialer };
}
