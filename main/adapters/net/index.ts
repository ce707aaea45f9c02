/** Network and HTTP adapters (real and simulated). */
export { directDialer, type Dialer, type DialOptions } from './dialer.js';
export { AbortedError, NetError, netFailureOf } from './errors.js';
export {
  AGENT_USER_AGENT,
  createHttpAdapter,
  DEFAULT_MAX_REDIRECTS,
  describeRoute,
  headerMap,
  proxyFor,
  type HttpAdapterOptions,
  type HttpProxyConfig,
  type ProxyEndpoint,
  type TlsTrust,
} from './http.js';
export {
  createNetworkAdapter,
  interpretPingResult,
  loadPingPackage,
  systemLookup,
  type Lookup,
  type LookupAddress,
  type NetworkAdapterOptions,
  type PingProbe,
} from './network.js';
export {
  createSimulatedNetwork,
  EMULATOR_ADDRESS,
  type EmulatorRoute,
  type SimulatedNetworkOptions,
  type SimulatedNetworkParts,
} from './simulated.js';
export {
  createWinHttpAdapter,
  parseProxyEndpoint,
  parseProxyList,
  platformTrust,
  winHttpProxyFromRegistry,
  type LazyHttpAdapter,
  type WinHttpAdapterOptions,
} from './winhttp.js';
