import { mkdtemp, readFile, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { ScenarioLibrary } from '../../main/scenarios/loader.js';
import type { Scenario } from '../../main/scenarios/schema.js';
import { runCli } from '../helpers/cli.js';

const SCENARIO_DIR = join(import.meta.dirname, '..', '..', 'main', 'scenarios', 'data');
const schema = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'shared', 'report.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateReport = ajv.compile(schema);

let dir: string;
let scenarios: Scenario[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wsus-doctor-cli-'));
  scenarios = await new ScenarioLibrary(SCENARIO_DIR).all();
});

async function scenarioFileWith(name: string, edit: (s: Record<string, unknown>) => void): Promise<string> {
  const base = JSON.parse(await readFile(join(SCENARIO_DIR, 'client-healthy.json'), 'utf8'));
  base.name = name;
  edit(base);
  const file = join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(base));
  return file;
}

function oneCleanLine(stderr: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^wsus-doctor: /);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('wsus-doctor check on every built-in scenario, over real HTTP to the emulator', () => {
  it('exits 1 exactly when failures are expected, and the JSON lists the expected failing ids', async () => {
    for (const s of scenarios) {
      const out = join(dir, `${s.name}.json`);
      const r = await runCli(['check', '--scenario', s.name, '--json', out, '--timeout', '4000']);
      expect(r.stderr, s.name).toBe('');
      expect(r.code, s.name).toBe(s.expect.fail.length > 0 ? 1 : 0);
      const report = JSON.parse(await readFile(out, 'utf8'));
      expect(validateReport(report), `${s.name}: ${JSON.stringify(validateReport.errors)}`).toBe(true);
      const failing = report.checks.filter((c: { status: string }) => c.status === 'fail').map((c: { id: string }) => c.id).sort();
      const warning = report.checks.filter((c: { status: string }) => c.status === 'warn').map((c: { id: string }) => c.id).sort();
      expect(failing, s.name).toEqual([...s.expect.fail].sort());
      expect(warning, s.name).toEqual([...s.expect.warn].sort());
      expect(report.scenario).toBe(s.name);
    }
  }, 120_000);

  it('server: --fix-all --yes turns the IIS and ACL checks green; --dry-run prints the exact appcmd and icacls lines', async () => {
    for (const [name, line] of [
      ['server-anonymous-disabled', '%windir%\\system32\\inetsrv\\appcmd.exe set config "WSUS Administration/SelfUpdate" /section:system.webServer/security/authentication/anonymousAuthentication /enabled:true /commit:apphost'],
      ['server-ip-binding', `%windir%\\system32\\inetsrv\\appcmd.exe set site "/site.name:Default Web Site" /+bindings.[protocol='http',bindingInformation='127.0.0.1:80:']`],
      ['server-acl-broken', '%windir%\\system32\\icacls.exe "C:\\Program Files\\Update Services\\SelfUpdate" /grant *S-1-5-32-544:(OI)(CI)(F)'],
    ] as const) {
      const dry = await runCli(['check', '--scenario', name, '--fix-all', '--dry-run']);
      expect(dry.stdout, name).toContain(line);
      const out = join(dir, `fixed-${name}.json`);
      const r = await runCli(['check', '--scenario', name, '--fix-all', '--yes', '--json', out]);
      expect(r.code, `${name}: ${r.stdout}`).toBe(0);
      const report = JSON.parse(await readFile(out, 'utf8'));
      expect(report.checks.filter((c: { status: string }) => c.status === 'fail' || c.status === 'error').map((c: { id: string }) => c.id), name).toEqual([]);
      if (name === 'server-anonymous-disabled') {
        // The IIS log is history written before the fix: its 401.2 lines now only warn, and say why.
        const log = report.checks.find((c: { id: string }) => c.id === 'server.log.iis');
        expect(log.status).toBe('warn');
        expect(log.summary).toMatch(/older than the change made in this session/);
      }
      expect(report.fixesApplied.map((f: { result: string }) => f.result), name).toEqual(['applied']);
    }
  }, 120_000);

  it('fixes the misspelled policy with --fix-all --yes and shows the policy checks passing in the same run', async () => {
    const out = join(dir, 'fixed.json');
    const r = await runCli(['check', '--scenario', 'client-misspelled-policy', '--fix-all', '--yes', '--json', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/WSUServer/);
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(validateReport(report)).toBe(true);
    const status = Object.fromEntries(report.checks.map((c: { id: string; status: string }) => [c.id, c.status]));
    for (const id of ['client.policy.wuserver', 'client.policy.wustatusserver', 'client.policy.usewuserver', 'client.policy.misspelled']) {
      expect(status[id], id).toBe('pass');
    }
    expect(report.fixesApplied.length).toBeGreaterThan(0);
    expect(report.fixesApplied.every((f: { result: string; backup: string }) => f.result === 'applied' && f.backup.length > 0)).toBe(true);
  });

  it('only shows the plan with --dry-run and changes nothing', async () => {
    const out = join(dir, 'dry.json');
    const r = await runCli(['check', '--scenario', 'client-misspelled-policy', '--fix-all', '--dry-run', '--json', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Dry run: nothing was changed/);
    expect(r.stdout).toMatch(/Set HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\WUServer/);
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report.fixesApplied).toEqual([]);
    expect(report.checks.find((c: { id: string }) => c.id === 'client.policy.misspelled').status).toBe('fail');
  });

  it('refuses to change anything without a terminal to confirm on, unless --yes', async () => {
    const r = await runCli(['check', '--scenario', 'client-misspelled-policy', '--fix-all']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--yes/);
  });

  it('prints Japanese with --lang ja', async () => {
    const r = await runCli(['check', '--scenario', 'client-usewuserver-off', '--lang', 'ja']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/不合格/);
  });
});

describe('bad input: one clear line and exit 2, never a stack trace', () => {
  it.each([
    [['check', '--server', 'not a url'], /--server/],
    [['check', '--server', 'http://wsus"&calc&".corp:8530'], /characters/],
    [['check', '--scenario', 'no-such-scenario'], /Unknown scenario/],
    [['check', '--scenario', 'client-healthy', '--json', '/nonexistent-folder/out.json'], /does not exist/],
    [['check', '--scenario', 'client-healthy', '--json', '/etc/passwd/out.json'], /not a folder/],
    [['check', '--scenario', 'client-healthy', '--fix', 'no.such.fix', '--yes'], /No fix with that id/],
    [['check', '--wat'], /wat/],
    [['nonsense'], /Unknown command/],
    [['undo', '/tmp/some-backup.json'], /Windows machine where the fix was applied/],
  ])('%j', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    oneCleanLine(r.stderr);
    expect(r.stderr).toMatch(message);
  });

  it('rejects a corrupted scenario file', async () => {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"name": "broken", "role": "client", "machine": {');
    const r = await runCli(['check', '--scenario', broken]);
    expect(r.code).toBe(2);
    oneCleanLine(r.stderr);
    expect(r.stderr).toMatch(/not valid JSON/);
    const wrongShape = await scenarioFileWith('wrong-shape', (s) => {
      (s.machine as Record<string, unknown>).services = { wuauserv: { state: 'sleeping', startType: 'manual' } };
    });
    const r2 = await runCli(['check', '--scenario', wrongShape]);
    expect(r2.code).toBe(2);
    oneCleanLine(r2.stderr);
    expect(r2.stderr).toMatch(/services\.wuauserv\.state/);
  });

  it('never lets a WUServer value with quotes and & reach a plan', async () => {
    const hostile = 'http://wsus"&calc.exe&"01:8530';
    const file = await scenarioFileWith('hostile-wuserver', (s) => {
      const reg = (s.machine as { registry: Record<string, Record<string, unknown>> }).registry;
      reg['HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate'] = {
        WUServer: { type: 'REG_SZ', data: hostile },
        WUStatusServer: { type: 'REG_SZ', data: hostile },
      };
    });
    const out = join(dir, 'hostile.json');
    const r = await runCli(['check', '--scenario', file, '--fix-all', '--dry-run', '--json', out]);
    expect(r.code).toBe(1);
    const report = JSON.parse(await readFile(out, 'utf8'));
    const wuserver = report.checks.find((c: { id: string }) => c.id === 'client.policy.wuserver');
    expect(wuserver.status).toBe('fail');
    // The value is shown as evidence, exactly as read ...
    expect(JSON.stringify(wuserver.evidence)).toContain('calc.exe');
    // ... but no plan line carries it.
    const planPart = r.stdout.slice(r.stdout.indexOf('The following changes'));
    expect(planPart).not.toContain('calc.exe');
  });
});

describe('the HTML report', () => {
  it('shows hostile evidence as text, with no script and a restrictive CSP', async () => {
    const file = await scenarioFileWith('script-evidence', (s) => {
      const reg = (s.machine as { registry: Record<string, Record<string, unknown>> }).registry;
      reg['HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate'] = {
        WUServer: { type: 'REG_SZ', data: '<script>alert(1)</script>' },
      };
    });
    const html = join(dir, 'report.html');
    const r = await runCli(['check', '--scenario', file, '--html', html]);
    expect(r.code).toBe(1);
    const text = await readFile(html, 'utf8');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toMatch(/<script/i);
    expect(text).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
  });

  it('shows the IIS log views of server-anonymous-disabled: failures per hour and the clients that fail most, as text', async () => {
    const html = join(dir, 'iis-views.html');
    const r = await runCli(['check', '--scenario', 'server-anonymous-disabled', '--html', html]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/server\.log\.iis .*failing since 2026-11-20T03:00Z/);
    const text = await readFile(html, 'utf8');
    // the chart is a table: one row per hour with the counts written out; clean before 03:00, failing after
    expect(text).toMatch(/<table class="ev-chart"><caption>Self-update failures per hour \(UTC\)/);
    expect(text).toMatch(/<th scope="row">2026-11-20T02:00<\/th>.*?<td class="num">0 of \d+<\/td>/s);
    expect(text).toMatch(/<th scope="row">2026-11-20T05:00<\/th>.*?<td class="num">(\d+) of \1<\/td>/s);
    // the legend names the patterns, not colours
    expect(text).toMatch(/\(hatched\).*\(outline\)<\/caption>/);
    // the top failing clients, each with its counts, its state in words and its cause (explained in the rows above)
    const clients = /<table class="ev-data"><caption>Clients that fail most<\/caption>.*?<\/table>/s.exec(text)?.[0] ?? '';
    expect(clients).toContain('<th scope="col">Cause (explained above)</th>');
    expect(clients.match(/<th scope="row">10\.20\.\d+\.\d+<\/th><td>\d+ \/ \d+<\/td><td>401\.2\.5 \/selfupdate\/\*/g)).toHaveLength(10);
    expect(clients).toContain('still failing');
    expect(clients).toMatch(/repeated 401s, never a success \(anonymous access off\?\)/);
    expect(text).toMatch(/Anonymous access is most likely disabled/);
    expect(text).not.toMatch(/<script/i);
  });

  it('redacts host and user names with --redact', async () => {
    const html = join(dir, 'redacted.html');
    const json = join(dir, 'redacted.json');
    const r = await runCli(['check', '--scenario', 'client-healthy', '--html', html, '--json', json, '--redact']);
    expect(r.code).toBe(0);
    for (const f of [html, json]) {
      const text = await readFile(f, 'utf8');
      expect(text).not.toMatch(/PC-0142|wsus01\.corp\.example|tanaka/i);
    }
    expect(await readdir(dir)).not.toContainEqual(expect.stringMatching(/\.tmp$/));
  });
});

describe('wsus-doctor scenarios', () => {
  it('lists every built-in scenario', async () => {
    const r = await runCli(['scenarios']);
    expect(r.code).toBe(0);
    for (const s of scenarios) expect(r.stdout).toContain(s.name);
  });
});

describe('fleet: check --json-dir, then merge', () => {
  it('writes <computer name>.json per machine with target filled in, and merges them into HTML, JSON and CSV', async () => {
    const share = await mkdtemp(join(tmpdir(), 'wsus-doctor-share-'));
    const machines = ['client-healthy', 'client-server-unreachable', 'client-misspelled-policy', 'client-proxy-no-bypass'];
    for (const name of machines) {
      const r = await runCli(['check', '--scenario', name, '--json-dir', share]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(name === 'client-healthy' ? 0 : 1);
    }
    const files = (await readdir(share)).sort();
    expect(files).toHaveLength(machines.length);
    expect(files.every((f) => /^[A-Za-z0-9-]+\.json$/.test(f))).toBe(true);
    const healthy = JSON.parse(await readFile(join(share, 'PC-0142.json'), 'utf8'));
    expect(validateReport(healthy)).toBe(true);
    expect(healthy.target).toEqual({
      computerName: 'PC-0142',
      os: expect.stringMatching(/^Windows 10/),
      domain: 'corp.example',
      wsusUrl: 'http://wsus01.corp.example:8530',
    });
    await writeFile(join(share, 'foreign.json'), '{"hello":"world"}');
    await writeFile(join(share, 'half.json'), JSON.stringify(healthy).slice(0, 300));

    const out = await mkdtemp(join(tmpdir(), 'wsus-doctor-fleet-'));
    const r = await runCli(['merge', share, '--html', join(out, 'fleet.html'), '--json', join(out, 'fleet.json'), '--csv', join(out, 'fleet.csv')]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('4 machines merged: 1 with no failed check, 3 with at least one.');
    expect(r.stderr).toMatch(/2 files skipped:/);
    expect(r.stderr).toMatch(/foreign\.json: not a WSUS Self-Update Doctor report/);
    expect(r.stderr).toMatch(/half\.json: not valid JSON/);
    const fleet = JSON.parse(await readFile(join(out, 'fleet.json'), 'utf8'));
    expect(fleet.machines).toBe(4);
    expect(fleet.servers.find((g: { wsusUrl: string }) => g.wsusUrl === 'http://wsus01.corp.example:8530').count).toBe(3);
    const csv = await readFile(join(out, 'fleet.csv'), 'utf8');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(5);
    const html = await readFile(join(out, 'fleet.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('PC-0142');
    expect((await readdir(out)).sort()).toEqual(['fleet.csv', 'fleet.html', 'fleet.json']);
  });

  it('exits 0 when every merged machine passes, and 2 with one clear line when nothing can be read', async () => {
    const share = await mkdtemp(join(tmpdir(), 'wsus-doctor-share-'));
    expect((await runCli(['check', '--scenario', 'client-healthy', '--json-dir', share])).code).toBe(0);
    const ok = await runCli(['merge', join(share, 'PC-0142.json'), '--lang', 'ja']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('1 台を集計しました');

    const empty = await mkdtemp(join(tmpdir(), 'wsus-doctor-empty-'));
    await writeFile(join(empty, 'x.json'), 'garbage');
    const none = await runCli(['merge', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/x\.json: not valid JSON/);
    expect(none.stderr.trim().split('\n').pop()).toMatch(/^wsus-doctor: No readable report was found/);

    const missing = await runCli(['check', '--scenario', 'client-healthy', '--json-dir', join(empty, 'nope')]);
    expect(missing.code).toBe(2);
    oneCleanLine(missing.stderr);
  });
});
