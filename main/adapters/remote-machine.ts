/**
 * The machine of the remote role: only the network is used (checks of a WSUS server over HTTP from
 * any OS). Its local Windows facts do not exist; a check that asks for them is a bug and says so.
 */
import type { HttpAdapter, Machine, NetworkAdapter } from './types.js';

export function createRemoteMachine(connectivity: { network: NetworkAdapter; http: HttpAdapter }): Machine {
  const unavailable = async (): Promise<never> => {
    throw new Error('The remote role tests a WSUS server over the network; this machine\'s registry, services and files are not read.');
  };
  return {
    kind: 'simulated',
    registry: { backend: 'not used (remote role)', readKey: unavailable, setValue: unavailable, deleteValue: unavailable },
    services: { query: unavailable, setStartType: unavailable, start: unavailable, stop: unavailable },
    files: { stat: unavailable, readBytes: unavailable, fileVersion: unavailable, listDir: unavailable },
    system: { info: unavailable },
    elevation: { check: unavailable },
    clock: { now: () => new Date(), utcOffsetMinutes: (d) => -d.getTimezoneOffset() },
    network: connectivity.network,
    http: connectivity.http,
  };
}
