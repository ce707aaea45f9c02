import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSimulatedMachine } from '../../../main/adapters/simulated/machine.js';
import { logWindowsUpdate, windows10LogCandidates, WU_LOG_MAX_ERROR_ROWS } from '../../../main/checks/client/log-windowsupdate.check.js';
import { runChecks } from '../../../main/engine/runner.js';
import { ScenarioSchema, type ScenarioInput } from '../../../main/scenarios/schema.js';
import type { CheckResult } from '../../../shared/results.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/wu-logs');
const text = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

const VERSIONS = {
  xp: { productName: 'Windows XP Professional', version: '5.1.2600' },
  win7: { productName: 'Windows 7 Enterprise', version: '6.1.7601' },
  win81: { productName: 'Windows 8.1 Enterprise', version: '6.3.9600' },
  win10: { productName: 'Windows 10 Enterprise', version: '10.0.19045' },
} as const;

interface MachineSpec {
  os: keyof typeof VERSIONS;
  wuServer?: string;
  files?: NonNullable<NonNullable<ScenarioInput['machine']>['files']>;
  uiLanguage?: string;
}

async function run(spec: MachineSpec): Promise<CheckResult> {
  const input: ScenarioInput = {
    name: 'log-test',
    role: 'client',
    title: { en: 'test', ja: 'テスト' },
    description: { en: 'test', ja: 'テスト' },
    expect: { fail: [], warn: [] },
    machine: {
      now: '2026-11-20T09:30:00Z',
      utcOffsetMinutes: 540,
      elevated: true,
      system: {
        computerName: 'PC-0142',
        userName: 'CORP\\tanaka',
        arch: 'x86',
        uiLanguage: spec.uiLanguage ?? 'en-US',
        ...VERSIONS[spec.os],
      },
      registry: spec.wuServer
        ? { 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate': { WUServer: { type: 'REG_SZ', data: spec.wuServer } } }
        : {},
      files: spec.files ?? {},
    },
  };
  const machine = createSimulatedMachine(ScenarioSchema.parse(input));
  const result = await runChecks({ role: 'client', machine, implementations: [logWindowsUpdate] });
  expect(result.results).toHaveLength(1);
  return result.results[0]!;
}

function evidenceText(r: CheckResult): string {
  return r.evidence.map((e) => `${e.label.en} | ${e.label.ja} | ${e.value}`).join('\n');
}

describe('client.log.windowsupdate on simulated machines', () => {
  it('legacy client, self-update answered 404 → fail, with the cause in plain words', async () => {
    const r = await run({
      os: 'xp',
      wuServer: 'http://colossus:8530',
      files: { 'C:\\Windows\\WindowsUpdate.log': { text: text('wu-01.log') } },
    });
    expect(r.id).toBe('client.log.windowsupdate');
    expect(r.status).toBe('fail');
    expect(r.summary.en).toMatch(/404/);
    expect(r.summary.en).toMatch(/SelfUpdate folder/);
    expect(r.summary.ja).toMatch(/SelfUpdate フォルダー/);
    const ev = evidenceText(r);
    expect(ev).toContain('C:\\Windows\\WindowsUpdate.log');
    expect(ev).toContain('854 bytes');
    expect(ev).toContain('legacy text log (space-separated)');
    expect(ev).toContain('http://colossus:8530');
    expect(ev).toContain('0x80244019 (WU_E_PT_HTTP_STATUS_NOT_FOUND)');
    expect(ev).toContain('0x80190194');
    expect(ev).toMatch(/failed · 0x80244019 · HTTP 404 · http:\/\/colossus:8530\/selfupdate\/wuident\.cab · scan skipped/);
    expect(ev).toMatch(/Sample line from the log \| .* \| 2008-03-22 18:53:24:377 808 ba0 Setup FATAL: IsUpdateRequired failed/);
    expect(r.evidence.find((e) => e.label.en.startsWith('0x80244019'))!.value).toMatch(/^5×/);
  });

  it('legacy client, healthy log matching the policy → pass', async () => {
    const r = await run({
      os: 'win7',
      wuServer: 'http://wsus01.corp.example:8530',
      files: { 'C:\\Windows\\WindowsUpdate.log': { text: text('legacy-healthy.log') } },
    });
    expect(r.status).toBe('pass');
    expect(r.summary.en).toMatch(/without errors talking to WSUS/);
    expect(evidenceText(r)).toMatch(/not-required/);
  });

  it('log naming another server than the policy → warn', async () => {
    const r = await run({
      os: 'win7',
      wuServer: 'http://wsus01.corp.example:8530',
      files: { 'C:\\Windows\\WindowsUpdate.log': { text: text('legacy-other-server.log') } },
    });
    expect(r.status).toBe('warn');
    expect(r.summary.en).toContain('http://oldwsus.corp.example:8530');
    expect(r.summary.en).toContain('http://wsus01.corp.example:8530');
    expect(evidenceText(r)).toMatch(/http:\/\/wsus01\.corp\.example:8530 ↔ http:\/\/oldwsus\.corp\.example:8530: different/);
  });

  it('Windows 8.1: a refused connection to WSUS → fail', async () => {
    const r = await run({
      os: 'win81',
      wuServer: 'http://wsus01.corp.example:8530',
      files: { 'C:\\Windows\\WindowsUpdate.log': { text: text('legacy-sync-refused.log') } },
    });
    expect(r.status).toBe('fail');
    expect(r.summary.en).toMatch(/could not talk to its WSUS server/);
  });

  it('a Microsoft CDN 403 with no WSUS server in the log → pass, not reported as a WSUS problem', async () => {
    const r = await run({
      os: 'win7',
      wuServer: 'http://wsus01.corp.example:8530',
      files: { 'C:\\Windows\\WindowsUpdate.log': { text: text('wu10-02.log') } },
    });
    expect(r.status).toBe('pass');
    expect(r.summary.en).toMatch(/not a WSUS problem/);
  });

  it('legacy client without a log → info', async () => {
    const r = await run({ os: 'xp', wuServer: 'http://wsus01:8530' });
    expect(r.status).toBe('info');
    expect(r.summary.en).toContain('C:\\Windows\\WindowsUpdate.log');
    expect(r.summary.ja).toContain('見つかりませんでした');
    expect(evidenceText(r)).toContain('(not found)');
  });

  it('an empty or unreadable-as-log file → info', async () => {
    const empty = await run({ os: 'xp', files: { 'C:\\Windows\\WindowsUpdate.log': { text: '' } } });
    expect(empty.status).toBe('info');
    expect(empty.summary.en).toMatch(/empty/);
    const garbage = await run({ os: 'xp', files: { 'C:\\Windows\\WindowsUpdate.log': { base64: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=' } } });
    expect(garbage.status).toBe('info');
  });

  it('Windows 10 without a readable copy → info explaining Get-WindowsUpdateLog, with a manual step', async () => {
    const r = await run({
      os: 'win10',
      wuServer: 'http://wsus01.corp.example:8530',
      files: {
        // the Windows 10 note left at the old place is not a log
        'C:\\Windows\\WindowsUpdate.log': {
          text: 'Windows Update logs are now generated using ETW (Event Tracing for Windows).\r\nPlease run the Windows PowerShell cmdlet \'Get-WindowsUpdateLog\' to convert ETW traces into a readable WindowsUpdate.log.\r\n',
        },
      },
    });
    expect(r.status).toBe('info');
    expect(r.summary.en).toContain('Get-WindowsUpdateLog');
    expect(r.summary.en).toContain('ETW');
    expect(r.summary.ja).toContain('Get-WindowsUpdateLog');
    expect(r.summary.en).toContain('C:\\Windows\\Temp\\WindowsUpdate.log');
    expect(r.fixes).toHaveLength(1);
    expect(r.fixes[0]!.automatic).toBe(false);
    expect(r.fixes[0]!.steps[0]!.en).toContain('Get-WindowsUpdateLog -LogPath "C:\\Windows\\Temp\\WindowsUpdate.log"');
    expect(evidenceText(r)).toContain('not a log');
  });

  it('Windows 10 with a copy made by Get-WindowsUpdateLog → reads it', async () => {
    const healthy = await run({
      os: 'win10',
      wuServer: 'https://SCCM01D.firm.saulewing.net:8531',
      files: { 'C:\\Windows\\Temp\\WindowsUpdate.log': { text: text('wu10-01.log'), modified: '2026-11-20T09:00:00Z' } },
    });
    expect(healthy.status).toBe('pass');
    expect(healthy.summary.en).toMatch(/^Read the copy made by Get-WindowsUpdateLog at C:\\Windows\\Temp\\WindowsUpdate\.log \(written 2026-11-20T09:00:00Z\)/);
    expect(evidenceText(healthy)).toContain('Get-WindowsUpdateLog text');

    const desktop = await run({
      os: 'win10',
      wuServer: 'https://wsus01.corp.example:8531',
      files: { 'C:\\Users\\tanaka\\Desktop\\WindowsUpdate.log': { text: text('win10-tls-8531.log') } },
    });
    expect(desktop.status).toBe('fail');
    expect(desktop.summary.en).toMatch(/certificate/);
  });

  it('reads a Shift_JIS log on a Japanese machine', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(text('legacy-healthy.log')),
      ...new TextEncoder().encode('2011-05-02\t10:48:50:000\t 972\t738\tAgent\t  * Title = '),
      0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, // 日本語
      0x0d, 0x0a,
    ]);
    let b64 = '';
    for (let i = 0; i < bytes.length; i += 3000) b64 += btoa(String.fromCharCode(...bytes.subarray(i, i + 3000)));
    const r = await run({
      os: 'xp',
      uiLanguage: 'ja-JP',
      wuServer: 'http://wsus01.corp.example:8530',
      files: { 'C:\\Windows\\WindowsUpdate.log': { base64: b64 } },
    });
    expect(r.status).toBe('pass');
    expect(evidenceText(r)).toContain('ANSI (shift_jis)');
  });

  it('caps the error rows and says how many more there are', async () => {
    const lines = [text('legacy-healthy.log')];
    for (let i = 0; i < 15; i++) {
      lines.push(`2011-05-02\t11:00:00:000\t 972\t738\tHandler\tFATAL: local failure 0x8024E0${(i + 16).toString(16).toUpperCase()}\r\n`);
    }
    const r = await run({ os: 'win7', wuServer: 'http://wsus01.corp.example:8530', files: { 'C:\\Windows\\WindowsUpdate.log': { text: lines.join('') } } });
    expect(r.status).toBe('pass');
    const codeRows = r.evidence.filter((e) => /^0x[0-9A-F]{8}/.test(e.label.en));
    expect(codeRows).toHaveLength(WU_LOG_MAX_ERROR_ROWS);
    expect(r.evidence.some((e) => e.label.en === '5 more error code(s), not listed one by one')).toBe(true);
    expect(codeRows.every((e) => e.label.en.includes('unknown code') && e.label.ja.includes('不明なコード'))).toBe(true);
  });

  it('looks for the Windows 10 copy in Temp, on the desktop, then at the old place', () => {
    expect(windows10LogCandidates({ systemRoot: 'D:\\WINDOWS\\', userName: 'CORP\\sato' })).toEqual([
      'D:\\WINDOWS\\Temp\\WindowsUpdate.log',
      'D:\\Users\\sato\\Desktop\\WindowsUpdate.log',
      'D:\\WINDOWS\\WindowsUpdate.log',
    ]);
    expect(windows10LogCandidates({ systemRoot: 'C:\\Windows' })).toEqual(['C:\\Windows\\Temp\\WindowsUpdate.log', 'C:\\Windows\\WindowsUpdate.log']);
  });
});
