import { describe, expect, it } from 'vitest';
import type { FileAdapter, Machine } from '../../../main/adapters/types.js';
import { agentVersion, isWsusCapable, parseFileVersion } from '../../../main/checks/client/agent-version.check.js';
import { legacyLanguageVariable, systemOs } from '../../../main/checks/client/system-os.check.js';
import { systemElevation } from '../../../main/checks/client/system-elevation.check.js';
import type { CheckImpl } from '../../../main/engine/check.js';
import { Facts } from '../../../main/engine/facts.js';
import { clientMachine, runOne, SERVER2016, WIN10, WIN7, WIN81, WINXP } from './client-helpers.js';

/** Runs a check directly with a context built by hand (for machines a scenario file cannot describe). */
async function runDirect(check: CheckImpl, machine: Machine) {
  return check.run({ machine, facts: new Facts(machine), options: {}, role: 'client', signal: new AbortController().signal, timeoutMs: 30_000, resultOf: () => undefined });
}

describe('client.system.os', () => {
  it('passes on Windows 10 with product, version, UBR, architecture, language and era (language-neutral)', async () => {
    const r = await runOne(systemOs, clientMachine({ system: WIN10 }));
    expect(r.status).toBe('pass');
    expect(r.evidence.map((e) => e.value)).toEqual(
      expect.arrayContaining(['Windows 10 Enterprise', '10.0.19045.5131', 'x64', 'en-US', 'nt10 (NT 10: Windows 10 / 11 / Server 2016 and later)']),
    );
    expect(r.summary.en).toContain('ordinary updates');
  });

  it('passes on Windows 7 and 8.1 with notes about self-update', async () => {
    expect((await runOne(systemOs, clientMachine({ system: WIN7 }))).summary.en).toContain('self-update folder');
    expect((await runOne(systemOs, clientMachine({ system: WIN81 }))).status).toBe('pass');
  });

  it('is informational on XP and shows the legacy self-update path for it', async () => {
    const r = await runOne(systemOs, clientMachine({ system: WINXP }));
    expect(r.status).toBe('info');
    expect(r.evidence.map((e) => e.value)).toContain('/selfupdate/AU/x86/XP/EN/wuaucomp.cab');
    expect(legacyLanguageVariable('ja-JP')).toBe('JA');
    expect(legacyLanguageVariable('???')).toBeNull();
  });

  it('is an error, not a crash, when the version cannot be read', async () => {
    const base = clientMachine();
    const machine: Machine = { ...base, system: { info: async () => ({ ...(await base.system.info()), version: 'Windows "Next"' }) } };
    const r = await runDirect(systemOs, machine);
    expect(r.status).toBe('error');
    expect(r.summary.en).toContain('"Windows \\"Next\\""');
  });
});

describe('client.system.elevation', () => {
  it('passes when elevated and says how it was determined', async () => {
    const r = await runOne(systemElevation, clientMachine({ elevated: true }));
    expect(r.status).toBe('pass');
    expect(r.evidence.map((e) => e.value)).toEqual(['yes', 'simulated (from the scenario)']);
  });

  it('warns when not elevated and tells the user to relaunch as administrator', async () => {
    const r = await runOne(systemElevation, clientMachine({ elevated: false }));
    expect(r.status).toBe('warn');
    expect(r.summary.en).toContain('administrator');
    expect(r.fixes[0]!.id).toBe('client.system.elevation:relaunch-elevated');
    expect(r.fixes[0]!.automatic).toBe(false);
  });

  it('is informational when elevation cannot be determined', async () => {
    const base = clientMachine();
    const machine: Machine = { ...base, elevation: { check: async () => ({ elevated: null, method: 'whoami /groups failed (exit 1)' }) } };
    const r = await runDirect(systemElevation, machine);
    expect(r.status).toBe('info');
    expect(r.evidence?.[1]?.value).toBe('whoami /groups failed (exit 1)');
  });
});

describe('client.agent.version', () => {
  const withDll = (system: typeof WIN10, version?: string, exists = true) => {
    const root = (system.systemRoot ?? 'C:\\Windows').replace(/\\$/, '');
    return clientMachine({ system, files: exists ? { [`${root}\\System32\\wuaueng.dll`]: version ? { version } : { text: 'MZ' } } : {} });
  };

  it('fails on a SUS-era Automatic Updates client and points at the self-update path', async () => {
    for (const v of ['5.4.3790.1000', '5.4.2600.0', '5.0.0.1']) {
      const r = await runOne(agentVersion, withDll(WINXP, v));
      expect(r.status, v).toBe('fail');
      expect(r.summary.en).toContain('SUS');
      expect(r.summary.en).toContain('self-update');
      expect(r.fixes[0]!.automatic).toBe(false);
      expect(r.evidence[0]!.label.en).toBe('C:\\WINDOWS\\System32\\wuaueng.dll file version');
    }
  });

  it('passes on WSUS-capable agents, with the right note for the Windows version', async () => {
    expect((await runOne(agentVersion, withDll(WINXP, '5.8.0.2469'))).status).toBe('pass');
    expect((await runOne(agentVersion, withDll(WINXP, '7.6.7600.256'))).summary.en).toContain('self-update');
    expect((await runOne(agentVersion, withDll(WIN7, '7.6.7601.23806'))).summary.en).toContain('ordinary updates');
    const w10 = await runOne(agentVersion, withDll(WIN10, '10.0.19041.5129'));
    expect(w10.status).toBe('pass');
    expect(w10.summary.en).toContain('Windows 7 and later');
    expect((await runOne(agentVersion, withDll(SERVER2016, '10.0.14393.7515'))).status).toBe('pass');
  });

  it('warns when the file is missing or has no readable version', async () => {
    const missing = await runOne(agentVersion, withDll(WIN10, undefined, false));
    expect(missing.status).toBe('warn');
    expect(missing.evidence[0]!.value).toBe('not found');
    const noVersion = await runOne(agentVersion, withDll(WIN10));
    expect(noVersion.status).toBe('warn');
    expect(noVersion.evidence[0]!.value).toBe('present, no version information');
  });

  it('parses versions strictly', () => {
    expect(parseFileVersion('7.6.7600.256')).toEqual({ major: 7, minor: 6, build: 7600, revision: 256 });
    expect(parseFileVersion('5.8')).toEqual({ major: 5, minor: 8, build: 0, revision: 0 });
    for (const bad of ['', 'seven', '7.6.7600.256 (win7sp1_gdr)', '1.2.3.4.5', '9'.repeat(100)]) expect(parseFileVersion(bad)).toBeNull();
    expect(isWsusCapable({ major: 5, minor: 8, build: 0, revision: 0 })).toBe(true);
    expect(isWsusCapable({ major: 5, minor: 4, build: 3790, revision: 1000 })).toBe(false);
  });

  it('warns, not fails, on an unparseable version string', async () => {
    const base = clientMachine({ system: WIN10 });
    const files: FileAdapter = {
      stat: (p, signal) => base.files.stat(p, signal),
      readBytes: (p, n, signal) => base.files.readBytes(p, n, signal),
      listDir: (p, signal) => base.files.listDir(p, signal),
      fileVersion: async () => '10.0 (beta) "x"',
    };
    const r = await runDirect(agentVersion, { ...base, files });
    expect(r.status).toBe('warn');
    expect(r.summary.en).toContain('"10.0 (beta) \\"x\\""');
  });
});
