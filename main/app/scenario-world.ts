/**
 * Everything a scenario needs to run: its simulated machine (or, for the remote role, a machine with
 * only a network), the WSUS emulator serving its server side over real HTTP on loopback, and the
 * simulated network that sends the WSUS host's connections to that emulator.
 */
import { parseWsusUrl, type ParsedWsusUrl } from '../../shared/wsus-url.js';
import { createSimulatedNetwork } from '../adapters/net/simulated.js';
import { createWinHttpAdapter } from '../adapters/net/winhttp.js';
import { createRemoteMachine } from '../adapters/remote-machine.js';
import { servingFault, type ServingParts } from '../adapters/iis/simulated-serving.js';
import { createSimulatedMachine } from '../adapters/simulated/machine.js';
import type { Machine } from '../adapters/types.js';
import { startEmulator, type RunningEmulator } from '../emulator/emulator.js';
import type { Scenario } from '../scenarios/schema.js';

export interface ScenarioWorld {
  machine: Machine;
  /** the WSUS URL the scenario's server stands for */
  server: ParsedWsusUrl | undefined;
  emulator: RunningEmulator | null;
  close(): Promise<void>;
}

export async function startScenarioWorld(scenario: Scenario): Promise<ScenarioWorld> {
  const parsed = scenario.serverUrl !== undefined ? parseWsusUrl(scenario.serverUrl) : null;
  const server = parsed?.ok ? parsed.value : undefined;
  // Server role: the emulator answers as the simulated machine's own IIS configuration decides, live,
  // so the loopback requests meet the fault that matches the machine and a fix turns them green.
  let serving: ServingParts | null = null;
  const dynamicFault =
    scenario.role === 'server' && server
      ? ({ site, path, host }: { site: 'wsus' | 'port80'; path: string; host: string }) =>
          serving ? servingFault(serving, { port: site === 'wsus' ? server.port : 80, host: host.replace(/:\d+$/, ''), path }) : undefined
      : undefined;
  const emulator = scenario.server
    ? await startEmulator(scenario.server, { host: '127.0.0.1', wsusPort: 0, port80Port: 0, ...(dynamicFault ? { dynamicFault } : {}) })
    : null;
  const route =
    emulator && server
      ? { wsusHost: server.host, wsusPort: server.port, target: { host: emulator.host, wsusPort: emulator.wsusPort, port80Port: emulator.port80Port } }
      : null;
  // A server reaches itself as 127.0.0.1 and localhost as well as by name.
  const network = scenario.role === 'server' ? { ...scenario.network, hosts: { '127.0.0.1': 'emulator' as const, localhost: 'emulator' as const, ...scenario.network.hosts } } : scenario.network;
  const sim = createSimulatedNetwork({ network, emulator: route });
  let machine: Machine;
  if (scenario.role === 'remote') {
    machine = createRemoteMachine({ network: sim.network, http: sim.http });
  } else {
    const simulated = createSimulatedMachine(scenario, (registry) => ({
      network: sim.network,
      // The same mechanism as on Windows: the update agent's WinHTTP proxy, read from the machine's registry.
      http: createWinHttpAdapter({ registry, dialer: sim.dialer }),
    }));
    serving = { iis: simulated.server.iis, acl: simulated.server.acl, files: simulated.files, state: simulated.server.state };
    machine = simulated;
  }
  return {
    machine,
    server,
    emulator,
    close: async () => {
      await emulator?.close();
    },
  };
}
