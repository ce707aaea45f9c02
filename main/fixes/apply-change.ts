/**
 * Carries out one change through the machine's adapters, and computes the change that undoes it
 * from the machine's state before the change (the backup).
 */
import type { Change } from '../../shared/changes.js';
import { findValue } from '../../shared/registry-types.js';
import type { Machine, ServerAdapters } from '../adapters/types.js';

/** The server adapters, or a clear error on a machine without them (a client or the remote role). */
function serverOf(machine: Machine): ServerAdapters {
  if (!machine.server) throw new Error('This machine has no IIS or permission adapters; server changes cannot be made here.');
  return machine.server;
}

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
    case 'iis.apppool.start':
      return serverOf(machine).iis.startAppPool(c.pool, signal);
    case 'iis.apppool.stop':
      return serverOf(machine).iis.stopAppPool(c.pool, signal);
    case 'iis.site.start':
      return serverOf(machine).iis.startSite(c.site, signal);
    case 'iis.site.stop':
      return serverOf(machine).iis.stopSite(c.site, signal);
    case 'iis.auth.set':
      return serverOf(machine).iis.setAuthentication(c.location, c.method, c.enabled, signal);
    case 'iis.vdir.add':
      return serverOf(machine).iis.addVirtualDirectory(c.app, c.path, c.physicalPath, signal);
    case 'iis.binding.add':
      return serverOf(machine).iis.addBinding(c.site, c.protocol, c.bindingInformation, signal);
    case 'iis.script.run':
      return serverOf(machine).iis.runScript(c.script, signal);
    case 'iis.config.restore':
      return serverOf(machine).iis.restoreConfig(c.backup, signal);
    case 'acl.grant':
      return serverOf(machine).acl.grant(c.path, c.sid, c.rights, signal);
    case 'acl.restore':
      return serverOf(machine).acl.restore(c.path, c.saved, signal);
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
    // Backups of the server changes: a copy of applicationHost.config (appcmd add backup), the ACL (icacls /save).
    case 'iis.auth.set':
    case 'iis.vdir.add':
    case 'iis.binding.add':
    case 'iis.script.run':
      return [{ kind: 'iis.config.restore', backup: await serverOf(machine).iis.backupConfig(signal) }];
    case 'acl.grant':
      return [{ kind: 'acl.restore', path: c.path, saved: await serverOf(machine).acl.save(c.path, signal) }];
    case 'iis.apppool.start':
    case 'iis.apppool.stop': {
      const pool = (await serverOf(machine).iis.runtime(signal)).appPools.find((p) => p.name.toLowerCase() === c.pool.toLowerCase());
      if (!pool) return [];
      const wasStarted = pool.state === 'started' || pool.state === 'starting';
      if (c.kind === 'iis.apppool.start' && !wasStarted) return [{ kind: 'iis.apppool.stop', pool: c.pool }];
      if (c.kind === 'iis.apppool.stop' && wasStarted) return [{ kind: 'iis.apppool.start', pool: c.pool }];
      return [];
    }
    case 'iis.site.start':
    case 'iis.site.stop': {
      const site = (await serverOf(machine).iis.runtime(signal)).sites.find((s) => s.name.toLowerCase() === c.site.toLowerCase());
      if (!site) return [];
      const wasStarted = site.state === 'started' || site.state === 'starting';
      if (c.kind === 'iis.site.start' && !wasStarted) return [{ kind: 'iis.site.stop', site: c.site }];
      if (c.kind === 'iis.site.stop' && wasStarted) return [{ kind: 'iis.site.start', site: c.site }];
      return [];
    }
    case 'iis.config.restore':
    case 'acl.restore':
      return [];
  }
}
