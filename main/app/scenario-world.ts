/**
 * Everything a scenario needs to run: its simulated machine (or, for the remote role, a machine with
 * only a network), the WSUS emulator serving its server side over real HTTP on loopback, and the
 * simulated network that sends the WSUS host's connections to that emulator.
 */
import { parseWsusUrl, type ParsedWsusUrl } from '../../shared/wsus-url.js';
import { createSimulatedNetwork } from '../adapters/net/simulated.js';
import { createWinHttpAdapter } from '../adapters/net/winhttp.js';
import { createRemoteMachine } from '../adapters/remote-machine.js';
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
  const emulator = scenario.server ? await startEmulator(scenario.server, { host: '127.0.0.1', wsusPort: 0, port80Port: 0 }) : null;
  const route =
    emulator && server
      ? { wsusHost: server.host, wsusPort: server.port, target: { host: emulator.host, wsusPort: emulator.wsusPort, port80Port: emulator.port80Port } }
      : null;
  const sim = createSimulatedNetwork({ network: scenario.network, emulator: route });
  const machine =
    scenario.role === 'remote'
      ? createRemoteMachine({ network: sim.network, http: sim.http })
      : createSimulatedMachine(scenario, (registry) => ({
          network: sim.network,
          // The same mechanism as on Windows: the update agent's WinHTTP proxy, read from the machine's registry.
          http: createWinHttpAdapter({ registry, dialer: sim.dialer }),
        }));
  return {
    machine,
    server,
    emulator,
    close: async () => {
      await emulator?.close();
    },
  };
}
