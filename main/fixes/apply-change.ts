/**
 * Carries out one change through the machine's adapters, and computes the change that undoes it
 * from the machine's state before the change (the backup).
 */
import type { Change } from '../../shared/changes.js';
import { findValue } from '../../shared/registry-types.js';
import type { Machine } from '../adapters/types.js';

export async function applyChange(machine: Machine, c: Change, signal?: AbortSignal): Promise<void> {
  switch (c.kind) {
    case 'registry.set':
      return machine.registry.setValue(c.key, c.name, c.value, signal);
    case 'registry.delete':
      return machine.registry.deleteValue(c.key, c.name, signal);
    case 'service.start-type':
      return machine.services.setStartType(c.service, c.startType, signal);
    case 'service.start':
      return machine.services.start(c.service, signal);
    case 'service.stop':
      return machine.services.stop(c.service, signal);
    case 'service.restart': {
      const info = await machine.services.query(c.service, signal);
      if (info.exists && info.state !== 'stopped') await machine.services.stop(c.service, signal);
      return machine.services.start(c.service, signal);
    }
  }
}

/**
 * The changes that put back what `c` is about to replace, read from the machine now.
 * A restart leaves the service running: undoing it stops the service again if it was not running.
 */
export async function inverseOf(machine: Machine, c: Change, signal?: AbortSignal): Promise<Change[]> {
  switch (c.kind) {
    case 'registry.set':
    case 'registry.delete': {
      const before = findValue(await machine.registry.readKey(c.key, signal), c.name);
      if (before) return [{ kind: 'registry.set', key: c.key, name: before.name, value: before.value }];
      return c.kind === 'registry.set' ? [{ kind: 'registry.delete', key: c.key, name: c.name }] : [];
    }
    case 'service.start-type': {
      const info = await machine.services.query(c.service, signal);
      return info.exists ? [{ kind: 'service.start-type', service: c.service, startType: info.startType }] : [];
    }
    case 'service.start':
    case 'service.stop': {
      const info = await machine.services.query(c.service, signal);
      if (!info.exists) return [];
      const wasRunning = info.state === 'running' || info.state === 'start-pending';
      if (c.kind === 'service.start' && !wasRunning) return [{ kind: 'service.stop', service: c.service }];
      if (c.kind === 'service.stop' && wasRunning) return [{ kind: 'service.start', service: c.service }];
      return [];
    }
    case 'service.restart': {
      const info = await machine.services.query(c.service, signal);
      const wasRunning = info.exists && (info.state === 'running' || info.state === 'start-pending');
      return info.exists && !wasRunning ? [{ kind: 'service.stop', service: c.service }] : [];
    }
  }
}
