import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSddl, rightsOf, sddlFromIcaclsSave, SddlError } from '../../../main/adapters/iis/sddl.js';
import { WindowsAcl } from '../../../main/adapters/iis/windows-acl.js';
import { WindowsEvents } from '../../../main/adapters/iis/windows-events.js';
import { WindowsGroups } from '../../../main/adapters/iis/windows-groups.js';
import { WindowsIis } from '../../../main/adapters/iis/windows-iis.js';
import type { FileAdapter } from '../../../main/adapters/types.js';
import { FakeRunner, result } from '../windows/fake-runner.js';

const APPCMD = 'C:\\Windows\\System32\\inetsrv\\appcmd.exe';
const ICACLS = 'C:\\Windows\\System32\\icacls.exe';
const noFiles: FileAdapter = {
  stat: async () => ({ exists: false, isDirectory: false, size: 0 }),
  readBytes: async () => new Uint8Array(),
  fileVersion: async () => null,
  listDir: async () => [],
};

const APPPOOLS = `<?xml version="1.0" encoding="UTF-8"?>\r\n<appcmd>\r\n    <APPPOOL APPPOOL.NAME="DefaultAppPool" PipelineMode="Integrated" RuntimeVersion="v4.0" state="Started" />\r\n    <APPPOOL APPPOOL.NAME="WsusPool" PipelineMode="Integrated" RuntimeVersion="v4.0" state="Stopped" />\r\n</appcmd>\r\n`;
const SITES = `<?xml version="1.0" encoding="UTF-8"?>\r\n<appcmd>\r\n    <SITE SITE.NAME="Default Web Site" SITE.ID="1" bindings="http/*:80:" state="Started" />\r\n    <SITE SITE.NAME="WSUS Administration" SITE.ID="1384017035" bindings="http/*:8530:,https/*:8531:" state="Started" />\r\n</appcmd>\r\n`;

describe('WindowsIis (appcmd.exe through the CommandRunner)', () => {
  it('reads the state of pools and sites from appcmd list /xml', async () => {
    const runner = new FakeRunner((_f, args) => result(0, args[1] === 'apppool' ? APPPOOLS : SITES));
    const iis = new WindowsIis(runner, noFiles, { appcmdExe: APPCMD, cscriptExe: 'C:\\Windows\\System32\\cscript.exe', systemRoot: 'C:\\Windows' });
    expect(await iis.runtime()).toEqual({
      appPools: [{ name: 'DefaultAppPool', state: 'started' }, { name: 'WsusPool', state: 'stopped' }],
      sites: [{ name: 'Default Web Site', id: 1, state: 'started' }, { name: 'WSUS Administration', id: 1384017035, state: 'started' }],
    });
    expect(runner.argvs()).toEqual([[APPCMD, 'list', 'apppool', '/xml'], [APPCMD, 'list', 'site', '/xml']]);
  });

  it('rejects garbage from appcmd with a clear message', async () => {
    const iis = new WindowsIis(new FakeRunner(() => result(0, 'ERROR ( message:garbage )')), noFiles, { appcmdExe: APPCMD, cscriptExe: 'x', systemRoot: 'C:\\Windows' });
    await expect(iis.runtime()).rejects.toThrow(/not XML|no <appcmd>/);
  });

  it('runs each change as one argument array, and reports appcmd errors', async () => {
    const runner = new FakeRunner(() => result(0, 'ok'));
    const iis = new WindowsIis(runner, noFiles, { appcmdExe: APPCMD, cscriptExe: 'C:\\Windows\\System32\\cscript.exe', systemRoot: 'C:\\Windows', now: () => new Date('2026-11-20T09:30:00Z') });
    await iis.startAppPool('WsusPool');
    await iis.setAuthentication('WSUS Administration/SelfUpdate', 'anonymous', true);
    await iis.addBinding('Default Web Site', 'http', '127.0.0.1:80:');
    const backup = await iis.backupConfig();
    expect(backup).toMatch(/^wsus-doctor-20261120-093000-[0-9a-f]{6}$/);
    expect(runner.argvs()).toEqual([
      [APPCMD, 'start', 'apppool', '/apppool.name:WsusPool'],
      [APPCMD, 'set', 'config', 'WSUS Administration/SelfUpdate', '/section:system.webServer/security/authentication/anonymousAuthentication', '/enabled:true', '/commit:apphost'],
      [APPCMD, 'set', 'site', '/site.name:Default Web Site', "/+bindings.[protocol='http',bindingInformation='127.0.0.1:80:']"],
      [APPCMD, 'add', 'backup', backup],
    ]);
    runner.handler = () => result(1168, 'ERROR ( message:Cannot find APPPOOL object with identifier "Nope". )');
    await expect(iis.startAppPool('Nope')).rejects.toThrow(/exit code 1168.*Cannot find APPPOOL/);
    await expect(iis.restoreConfig('../evil')).rejects.toThrow(/not an IIS configuration backup/);
  });
});

describe('WindowsAcl (icacls.exe, by SID)', () => {
  it('reads the SDDL from icacls /save and grants by *SID', async () => {
    const saved = Buffer.from('\ufeffSelfUpdate\r\nD:PAI(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)(A;OICIID;0x1200a9;;;BU)\r\n', 'utf16le');
    const runner = new FakeRunner((_f, args) => {
      if (args[1] === '/save') writeFileSync(args[2]!, saved);
      return result(0, 'processed file: ...\r\nSuccessfully processed 1 files; Failed processing 0 files\r\n');
    });
    const acl = new WindowsAcl(runner, { icaclsExe: ICACLS, backupDir: 'C:\\ProgramData\\WSUS Self-Update Doctor\\acl-backups' });
    const sddl = await acl.readSddl('C:\\Program Files\\Update Services\\SelfUpdate');
    expect(sddl).toBe('D:PAI(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)(A;OICIID;0x1200a9;;;BU)');
    await acl.grant('C:\\Program Files\\Update Services\\SelfUpdate', 'S-1-5-17', 'RX');
    expect(runner.argvs()[1]).toEqual([ICACLS, 'C:\\Program Files\\Update Services\\SelfUpdate', '/grant', '*S-1-5-17:(OI)(CI)(RX)']);
    await acl.restore('C:\\Program Files\\Update Services\\SelfUpdate', 'C:\\ProgramData\\WSUS Self-Update Doctor\\acl-backups\\a.acl');
    expect(runner.argvs()[2]).toEqual([ICACLS, 'C:\\Program Files\\Update Services', '/restore', 'C:\\ProgramData\\WSUS Self-Update Doctor\\acl-backups\\a.acl']);
    await expect(acl.grant('C:\\x', 'Users', 'RX')).rejects.toThrow(/not a SID/);
    await expect(acl.readSddl('..\\..\\etc')).rejects.toThrow(/not a Windows folder path/);
  });

  it('parses SDDL rights by SID and refuses garbage', () => {
    const dacl = parseSddl('D:PAI(A;OICI;FA;;;BA)(D;OICI;FW;;;BU)(A;OICI;0x1200a9;;;BU)(A;OICIIO;GA;;;CO)');
    expect(rightsOf(dacl, ['S-1-5-32-544'])).toBe(0x1f01ff);
    expect(rightsOf(dacl, ['S-1-5-32-545'])).toBe(0x1200a9 & ~0x120116 >>> 0);
    expect(rightsOf(dacl, ['S-1-3-0'])).toBe(0);
    expect(() => parseSddl('O:BAG:SY')).toThrow(SddlError);
    expect(() => parseSddl('D:(A;;ZZ;;;BA)')).toThrow(/not a file access right/);
    expect(() => sddlFromIcaclsSave(new Uint8Array([1, 2, 3]))).toThrow(SddlError);
  });
});

describe('WindowsGroups and WindowsEvents', () => {
  it('lists group members as SIDs through PowerShell, never by localized name', async () => {
    const runner = new FakeRunner(() => result(0, '["S-1-5-4","S-1-5-11","S-1-5-17","not-a-sid"]\r\n'));
    const groups = new WindowsGroups(runner, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(await groups.membersOf('S-1-5-32-545')).toEqual(['S-1-5-4', 'S-1-5-11', 'S-1-5-17']);
    expect(runner.calls[0]!.args.at(-1)).toContain("SecurityIdentifier('S-1-5-32-545')");
    await expect(groups.membersOf("S-1-5-32-545'); Remove-Item C:\\ -Recurse; ('")).rejects.toThrow(/not a SID/);
    runner.handler = () => result(0, 'Zugriff verweigert');
    await expect(groups.membersOf('S-1-5-32-545')).rejects.toThrow(/not print the group members as JSON/);
  });

  it('reads WSUS events with numeric ids from wevtutil XML', async () => {
    const xml =
      "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Windows Server Update Services'/><EventID Qualifiers='0'>13042</EventID><Level>2</Level><TimeCreated SystemTime='2026-11-20T08:12:00.000000000Z'/></System><EventData><Data>SelfUpdate</Data></EventData></Event>\r\n" +
      "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>12021</EventID><Level>4</Level><TimeCreated SystemTime='2026-11-20T08:00:00Z'/></System></Event>";
    const runner = new FakeRunner(() => result(0, xml));
    const events = new WindowsEvents(runner, 'C:\\Windows\\System32\\wevtutil.exe');
    const got = await events.wsusEvents(50);
    expect(got.map((e) => [e.id, e.level])).toEqual([[13042, 2], [12021, 4]]);
    expect(runner.calls[0]!.args).toEqual(['qe', 'Application', "/q:*[System[Provider[@Name='Windows Server Update Services']]]", '/f:xml', '/c:50', '/rd:true']);
    runner.handler = () => result(0, '<Event><System>');
    await expect(events.wsusEvents(5)).rejects.toThrow(/not XML/);
  });
});
