/**
 * Reads shared by several checks, done once per run. Checks run in parallel and ask for the same
 * registry keys; memoising the promise means one read however many checks ask.
 */
import type { RegKeySnapshot } from '../../shared/registry-types.js';
import { eraOf, parseWindowsVersion, type Era, type WindowsVersion } from '../../shared/os-era.js';
import type { ElevationInfo, Machine, ServiceInfo, SystemInfo } from '../adapters/types.js';

export interface OsFacts extends SystemInfo {
  parsedVersion: WindowsVersion | null;
  era: Era | null;
}

export class Facts {
  readonly #machine: Machine;
  readonly #cache = new Map<string, Promise<unknown>>();

  constructor(machine: Machine) {
    this.#machine = machine;
  }

  #once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.#cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.#cache.set(key, p);
    }
    return p;
  }

  os(): Promise<OsFacts> {
    return this.#once('os', async () => {
      const info = await this.#machine.system.info();
      const parsedVersion = parseWindowsVersion(info.version);
      return { ...info, parsedVersion, era: parsedVersion ? eraOf(parsedVersion) : null };
    });
  }

  key(path: string): Promise<RegKeySnapshot | null> {
    return this.#once(`key:${path.toLowerCase()}`, () => this.#machine.registry.readKey(path));
  }

  service(name: string): Promise<ServiceInfo> {
    return this.#once(`service:${name.toLowerCase()}`, () => this.#machine.services.query(name));
  }

  elevation(): Promise<ElevationInfo> {
    return this.#once('elevation', () => this.#machine.elevation.check());
  }

  fileVersion(path: string): Promise<string | null> {
    return this.#once(`fileVersion:${path.toLowerCase()}`, () => this.#machine.files.fileVersion(path));
  }
}
