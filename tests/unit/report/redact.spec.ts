import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { DOCS } from '../../../shared/docs.js';
import { redactReport, redactText } from '../../../shared/redact.js';
import { buildReport, ReportSchema, type Report } from '../../../shared/report-model.js';
import { sampleApplied, sampleRun, TOOL } from './report-fixture.js';

const root = join(import.meta.dirname, '..', '..', '..');

function original(lang: 'en' | 'ja' = 'en'): Report {
  return buildReport({ run: sampleRun(), fixesApplied: sampleApplied(), lang, tool: TOOL });
}

const check = (r: Report, id: string) => r.checks.find((c) => c.id === id)!;

describe('redactReport', () => {
  const before = original();
  const snapshot = JSON.parse(JSON.stringify(before)) as Report;
  const after = redactReport(before);
  const text = JSON.stringify(after);

  it('marks the report as redacted and leaves the input untouched', () => {
    expect(after.redacted).toBe(true);
    expect(before).toEqual(snapshot);
    expect(before.redacted).toBe(false);
  });

  it('removes the computer name, the domain, the WSUS host, IP addresses and user names everywhere', () => {
    for (const secret of ['PC-0142', 'corp.example', 'wsus01', 'CORP\\\\', 'tanaka', '10.20.30.40', '10.20.0.8', 'fe80::1c2d', '2001:db8:10::40', 'proxy01', 'contoso', 'wiki.']) {
      expect(text.toLowerCase(), secret).not.toContain(secret.toLowerCase());
    }
  });

  it('uses the same placeholder for the same name everywhere', () => {
    expect(after.target).toEqual({ computerName: 'host-1', domain: 'host-2', wsusUrl: 'http://host-3:8530', os: before.target.os });
    expect(after.environment).toMatchObject({ computerName: 'host-1', domain: 'host-2', userName: 'user-1', wsusUrl: 'http://host-3:8530' });
    // the FQDN of the computer is the same machine
    expect(check(after, 'client.system.os').evidence[1]!.value).toBe('host-1 (host-1)');
    expect(check(after, 'client.system.os').evidence[2]!.value).toBe('user-1, profile C:\\Users\\user-1');
    // the WSUS server, written as a URL, an FQDN and a short upper-case name
    expect(check(after, 'client.policy.wuserver').evidence[1]!.value).toBe('REG_SZ "http://host-3:8530"');
    expect(check(after, 'net.dns').summary).toBe('host-3 resolves to ip-2 and ip-3.');
    expect(check(after, 'client.log.windowsupdate').summary).toMatch(/^The log shows 0x80244019 for http:\/\/host-3:8530 /);
    expect(check(after, 'http.selfupdate').summary).toBe('The check could not run: connect ETIMEDOUT ip-2:8530');
    expect(check(after, 'net.dns').evidence[0]!.value).toBe('ip-2\nip-3\nip-4');
    expect(check(after, 'client.network.proxy').summary).toBe('WinHTTP sends requests for host-3 through host-4:8080 (ip-1).');
    expect(check(after, 'client.network.proxy').fixes[0]!.steps[0]).toBe('Run: netsh winhttp set proxy host-4:8080 "<local>;host-3"');
    // user names: DOMAIN\user, a profile path and user@domain are the same person
    expect(check(after, 'client.log.windowsupdate').evidence.at(-1)!.value).toMatch(/ClientWebService\/client\.asmx user user-1$/);
    expect(after.fixesApplied[1]!.message).toMatch(/^Access is denied for user-1 on \\\\host-1\\admin\$ /);
  });

  it('redacts fixes, applied changes and backups', () => {
    const wu = check(after, 'client.policy.wuserver');
    expect(wu.fixes[0]!.steps[0]).toBe('Set WUServer and WUStatusServer to http://host-3:8530.');
    expect(wu.fixes[0]!.changes[0]).toBe('Set HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\WUServer to REG_SZ "http://host-3:8530"');
    expect(after.fixesApplied[0]!.changes).toEqual([
      'Set HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\WUServer to REG_SZ "http://host-3:8530"',
      'Set HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\WUStatusServer to REG_SZ "http://host-3:8530"',
      'Delete the value HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\WSUServer',
    ]);
    expect(after.fixesApplied[0]!.backup).toBe(
      'C:\\ProgramData\\WSUS Self-Update Doctor\\backups\\host-1\\2026-11-20T09-31-05-120Z-client.policy.wuserver_set-server.json',
    );
  });

  it('keeps registry paths, file names, well-known accounts and loopback addresses', () => {
    for (const c of before.checks) {
      for (const [i, e] of c.evidence.entries()) {
        if (e.label.startsWith('HKLM\\')) expect(check(after, c.id).evidence[i]!.label).toBe(e.label);
      }
    }
    expect(text).toContain('HKLM\\\\SOFTWARE\\\\Microsoft\\\\Windows NT\\\\CurrentVersion\\\\ProductName');
    expect(text).toContain('Internet Settings\\\\Connections\\\\WinHttpSettings');
    expect(check(after, 'client.policy.usewuserver').explanation).toBe('AU\\UseWUServer must be the DWORD 1.');
    expect(check(after, 'client.log.windowsupdate').explanation).toBe('C:\\Windows\\WindowsUpdate.log records every contact with the server.');
    expect(check(after, 'http.selfupdate').evidence[0]!.value).toBe('http://host-3:8530/selfupdate/wuident.cab');
    expect(check(after, 'client.service.wuauserv').evidence[1]!.value).toBe('NT AUTHORITY\\SYSTEM; SDDL grants BUILTIN\\Users read');
    expect(check(after, 'client.network.proxy').evidence[1]!.value).toBe('<local>;*.host-5;127.0.0.1');
    expect(check(after, 'client.system.os').summary).toBe(before.checks[0]!.summary);
  });

  it('keeps Microsoft documentation URLs and redacts other hosts in docs', () => {
    for (const c of before.checks) {
      const redactedDocs = check(after, c.id).docs;
      c.docs.forEach((url, i) => {
        if (/^https:\/\/(?:learn|support)\.microsoft\.com\//.test(url)) expect(redactedDocs[i]).toBe(url);
      });
    }
    expect(check(after, 'client.policy.wuserver').docs).toEqual([DOCS.clientSelfUpdate, DOCS.wuSettings, DOCS.wsusGpo]);
    expect(check(after, 'net.dns').docs[1]).toMatch(/^https:\/\/host-\d+\/wsus\/dns$/);
    // a look-alike host is not Microsoft's
    expect(check(after, 'client.log.windowsupdate').docs[2]).toMatch(/^https:\/\/host-\d+\/x$/);
  });

  it('leaves ids, statuses, timestamps and counts alone', () => {
    expect(after.checks.map((c) => [c.id, c.status, c.durationMs])).toEqual(before.checks.map((c) => [c.id, c.status, c.durationMs]));
    expect(after.checks.flatMap((c) => c.fixes.map((f) => f.id))).toEqual(before.checks.flatMap((c) => c.fixes.map((f) => f.id)));
    expect(after.fixesApplied.map((a) => [a.id, a.at, a.result])).toEqual(before.fixesApplied.map((a) => [a.id, a.at, a.result]));
    expect(after.startedAt).toBe(before.startedAt);
    expect(after.summary).toEqual(before.summary);
    expect(after.tool).toEqual(before.tool);
  });

  it('still validates against the schema (zod and ajv)', () => {
    expect(ReportSchema.safeParse(after).success).toBe(true);
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'shared', 'report.schema.json'), 'utf8')) as object);
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is stable: redacting twice changes nothing, and the same report gives the same placeholders', () => {
    expect(redactReport(after)).toEqual(after);
    expect(redactReport(original())).toEqual(after);
  });

  it('redacts a Japanese report the same way', () => {
    const ja = redactReport(original('ja'));
    expect(JSON.stringify(ja)).not.toMatch(/PC-0142|wsus01|tanaka|corp\.example|10\.20\.30\.40/i);
    expect(check(ja, 'client.policy.wuserver').summary).toMatch(/WSUServer に http:\/\/host-3:8530 が設定されています/);
  });
});

describe('redactText', () => {
  const ctx = { computerName: 'WSUS01', domain: 'contoso.local', userName: 'CONTOSO\\j.smith', wsusUrl: 'https://wsus01.contoso.local:8531' };

  it('replaces hosts, addresses and accounts in a line of text', () => {
    expect(redactText('WSUS01 (wsus01.contoso.local, 192.168.10.5) refused CONTOSO\\j.smith', ctx)).toBe('host-1 (host-1, ip-1) refused user-1');
    expect(redactText('IUSR_WSUS01 lacks read on \\\\WSUS01\\WsusContent; CONTOSO\\Domain Admins have full control', ctx)).toBe(
      'IUSR_host-1 lacks read on \\\\host-1\\WsusContent; host-2\\Domain Admins have full control',
    );
    expect(redactText('mail j.smith@contoso.local, other user CONTOSO\\a.jones, NT SERVICE\\wuauserv, IIS APPPOOL\\WsusPool', ctx)).toBe(
      'mail user-1, other user user-2, NT SERVICE\\wuauserv, IIS APPPOOL\\WsusPool',
    );
  });

  it('finds other FQDNs and addresses but not file names, versions, times or .NET names', () => {
    expect(redactText('fs01.example.net and DC01.CONTOSO.LOCAL at 10.0.0.1 / [2001:db8::5]:8530', ctx)).toBe('host-3 and host-4 at ip-1 / [ip-2]:8530');
    const keep =
      'wuident.cab, WindowsUpdate.log, applicationHost.config, SoftwareDistribution.old, Microsoft.UpdateServices.Administration.dll, ASP.NET v4.0, ' +
      'client.policy.wuserver, version 10.0.19041.3636, 2026-11-20 09:30:00:123, MAC 00:1A:2B:3C:4D:5E, 127.0.0.1, ::1, 0.0.0.0, e.g. this, ' +
      'https://support.microsoft.com/help/920659, http://download.windowsupdate.com/v9/windowsupdate/redir/muv4wuredir.cab';
    expect(redactText(keep, ctx)).toBe(keep);
  });

  it('keeps registry paths whole, including spaces in key names', () => {
    const paths =
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\AUState; ' +
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU; HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
    expect(redactText(paths, ctx)).toBe(paths);
  });

  it('stays fast on long hostile input (no catastrophic backtracking)', () => {
    const inputs = ['a.'.repeat(50_000) + '_', 'a-'.repeat(50_000), 'a://'.repeat(25_000), 'CORP\\'.repeat(20_000), 'HKLM\\' + 'a b\\'.repeat(20_000), 'x@'.repeat(50_000)];
    const started = performance.now();
    for (const input of inputs) expect(redactText(input, ctx).length).toBeGreaterThan(0);
    // linear work is a few tens of milliseconds; the quadratic patterns this guards against took seconds
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
