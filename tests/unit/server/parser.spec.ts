import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveAuth, findSite, findVirtualDirectory, IisConfigError, MAX_CONFIG_BYTES, parseApplicationHostConfig } from '../../../main/adapters/iis/application-host.js';
import { createSimulatedMachine } from '../../../main/adapters/simulated/machine.js';
import { SERVER_CHECK_IMPLS } from '../../../main/checks/server/index.js';
import { runChecks } from '../../../main/engine/runner.js';
import { ScenarioLibrary } from '../../../main/scenarios/loader.js';

const DATA = join(import.meta.dirname, '../../../main/scenarios/data');
const library = new ScenarioLibrary(DATA);
const CONFIG = 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config';

describe('applicationHost.config parser', () => {
  it('reads sites, bindings, applications, virtual directories and pools of Configuration 2', () => {
    const c = parseApplicationHostConfig(readFileSync(join(DATA, 'iis/server-healthy-custom-site.applicationHost.config'), 'utf8'));
    expect(c.appPools.map((p) => p.name)).toEqual(['DefaultAppPool', 'WsusPool']);
    const wsus = findSite(c, 'wsus administration')!;
    expect(wsus.id).toBe(1384017035);
    expect(wsus.bindings.map((b) => [b.protocol, b.ip, b.port])).toEqual([['http', '*', 8530], ['https', '*', 8531]]);
    expect(findVirtualDirectory(wsus, '/selfupdate')?.physicalPath).toBe('C:\\Program Files\\Update Services\\SelfUpdate');
    expect(findVirtualDirectory(wsus, '/ClientWebService')?.application.applicationPool).toBe('WsusPool');
  });

  it('inherits authentication from the server level through the site down to a virtual directory', () => {
    const c = parseApplicationHostConfig(readFileSync(join(DATA, 'iis/server-anonymous-disabled.applicationHost.config'), 'utf8'));
    expect(effectiveAuth(c, 'Default Web Site')).toMatchObject({ anonymous: false, windows: false, from: ['', 'Default Web Site'] });
    // the vdir sets nothing for anonymous itself on Default Web Site/ClientWebService? It does: anonymous on.
    expect(effectiveAuth(c, 'Default Web Site/ClientWebService').anonymous).toBe(true);
    // a path with no <location> of its own takes the site's value
    expect(effectiveAuth(c, 'Default Web Site/Other').anonymous).toBe(false);
    expect(effectiveAuth(c, 'WSUS Administration/ApiRemoting30')).toMatchObject({ anonymous: false, windows: true });
  });

  it('refuses malformed, foreign and DOCTYPE files with a clear IisConfigError', () => {
    expect(() => parseApplicationHostConfig('<configuration><system.applicationHost><sites></configuration>')).toThrow(/not well-formed XML \(line 1/);
    expect(() => parseApplicationHostConfig('<html><body/></html>')).toThrow(/root element is <html>/);
    expect(() => parseApplicationHostConfig('<!DOCTYPE x [<!ENTITY a "aaaa">]><configuration/>')).toThrow(IisConfigError);
    expect(() => parseApplicationHostConfig('')).toThrow(/empty/);
    expect(() => parseApplicationHostConfig('\u0000\u0001garbage')).toThrow(IisConfigError);
  });

  it('ignores unexpected elements and attributes', () => {
    const c = parseApplicationHostConfig(
      '<configuration><unknown a="1"><deep/></unknown><system.applicationHost><sites><site name="S" id="x"><bindings><binding protocol="http" bindingInformation="garbage"/><weird/></bindings><application><virtualDirectory/></application></site><site id="2"/></sites></system.applicationHost></configuration>',
    );
    expect(c.sites).toHaveLength(1);
    expect(c.sites[0]).toMatchObject({ name: 'S', id: null });
    expect(c.sites[0]!.bindings[0]).toMatchObject({ port: null });
  });
});

async function checkWithConfig(bytes: string) {
  const scenario = await library.load('server-healthy-custom-site');
  scenario.machine!.files[CONFIG] = { text: bytes };
  const machine = createSimulatedMachine(scenario);
  return runChecks({ role: 'server', machine, implementations: SERVER_CHECK_IMPLS.filter((c) => c.id === 'server.iis.vdirs' || c.id === 'server.iis.apppool'), timeoutMs: 10_000 });
}

describe('server checks with a bad applicationHost.config', () => {
  it('give a clear error result for a malformed file', async () => {
    const run = await checkWithConfig('<configuration><system.applicationHost><sites><site name="a">');
    for (const r of run.results) {
      expect(r.status).toBe('error');
      expect(r.summary.en).toMatch(/not well-formed XML/);
    }
  });

  it('give a clear error result for a 50 MB file without parsing it', async () => {
    const huge = `<configuration>${'<x/>'.repeat((50 * 1024 * 1024) / 4)}</configuration>`;
    expect(huge.length).toBeGreaterThan(MAX_CONFIG_BYTES);
    const run = await checkWithConfig(huge);
    for (const r of run.results) {
      expect(r.status).toBe('error');
      expect(r.summary.en).toMatch(/more than the 8 MB/);
    }
  });

  it('give a clear error result for a file that is not an IIS configuration', async () => {
    const run = await checkWithConfig('<configuration><appSettings><add key="a" value="b"/></appSettings></configuration>');
    for (const r of run.results) {
      expect(r.status).toBe('error');
      expect(r.summary.en).toMatch(/no <system.applicationHost> section/);
    }
  });
});
