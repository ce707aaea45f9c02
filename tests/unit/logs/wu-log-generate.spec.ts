// `scan-wu-log --generate`: Get-WindowsUpdateLog run through the CommandRunner with the output path in the
// environment (never on the command line), refused off Windows; and client.log.windowsupdate pointing to it.
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulatedMachine } from '../../../main/adapters/simulated/machine.js';
import type { CommandResult, CommandRunner } from '../../../main/adapters/types.js';
import { UsageError } from '../../../main/app/errors.js';
import { logWindowsUpdate } from '../../../main/checks/client/log-windowsupdate.check.js';
import { parseCommandLine } from '../../../main/cli/args.js';
import { scanWuCommand, type ScanWuDeps } from '../../../main/cli/scan-wu-command.js';
import { runChecks } from '../../../main/engine/runner.js';
import { GENERATE_TIMEOUT_MS, planWuLogGeneration, WuLogGenerateError } from '../../../main/logs/generate-wu-log.js';
import { ScenarioSchema, type ScenarioInput } from '../../../main/scenarios/schema.js';
import type { CheckResult } from '../../../shared/results.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/wu-logs');
const NOW = new Date('2026-11-20T09:30:05Z');
const WIN_ENV = { SystemRoot: 'C:\\Windows', ProgramData: 'C:\\ProgramData' };
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const ARGS = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', 'Get-WindowsUpdateLog -LogPath $env:WSUS_DOCTOR_WU_LOG'];

interface Call {
  file: string;
  args: readonly string[];
  options: Parameters<CommandRunner['run']>[2];
}

/** A CommandRunner that records each call and answers with `answer` (which may write the log). */
function fakeRunner(answer: (call: Call) => Promise<CommandResult>): CommandRunner & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async run(file, args, options) {
      const call = { file, args, options };
      calls.push(call);
      return answer(call);
    },
  };
}

const ok = (): CommandResult => ({ exitCode: 0, stdout: Buffer.from('WindowsUpdate.log written\r\n'), stderr: Buffer.alloc(0) });

function capture(): { write: (t: string) => void; colour: false; text: () => string } {
  let s = '';
  return { write: (t: string) => void (s += t), colour: false, text: () => s };
}

const generateArgs = (extra: string[] = []) => {
  const cmd = parseCommandLine(['scan-wu-log', '--generate', '--lang', 'en', ...extra]);
  if (cmd.command !== 'scan-wu-log') throw new Error('not scan-wu-log');
  return cmd;
};

describe('scan-wu-log --generate: the command it runs', () => {
  it('runs Windows PowerShell by absolute path with fixed arguments; the output path is only in the environment', () => {
    const plan = planWuLogGeneration({ dataDir: 'C:\\ProgramData\\WSUS Self-Update Doctor', now: NOW, env: WIN_ENV, arch: 'x64' });
    expect(plan.file).toBe(POWERSHELL);
    expect(plan.args).toEqual(ARGS);
    expect(plan.env).toEqual({ WSUS_DOCTOR_WU_LOG: 'C:\\ProgramData\\WSUS Self-Update Doctor\\logs\\WindowsUpdate-20261120-093005.log' });
    expect(plan.timeoutMs).toBe(GENERATE_TIMEOUT_MS);
    expect(GENERATE_TIMEOUT_MS).toBeGreaterThanOrEqual(5 * 60_000);
    expect(plan.args.join(' ')).not.toContain('ProgramData');
  });

  it('a 32-bit process on 64-bit Windows reaches the 64-bit PowerShell through Sysnative', () => {
    const plan = planWuLogGeneration({ dataDir: 'D:\\Data', now: NOW, env: { ...WIN_ENV, PROCESSOR_ARCHITEW6432: 'AMD64' }, arch: 'ia32' });
    expect(plan.file).toBe('C:\\Windows\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(plan.env.WSUS_DOCTOR_WU_LOG).toBe('D:\\Data\\logs\\WindowsUpdate-20261120-093005.log');
  });

  it('runs it through the CommandRunner once, then analyzes the log it wrote like a given file', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'wsus-doctor-data-'));
    const log = await readFile(join(FIXTURES, 'wu10-01.log'));
    const runner = fakeRunner(async (call) => {
      await writeFile(call.options!.env!.WSUS_DOCTOR_WU_LOG!, log);
      return ok();
    });
    const out = capture();
    const json = join(dataDir, 'out.json');
    const deps: ScanWuDeps = { platform: 'win32', env: WIN_ENV, runner, now: () => NOW, dataDir };
    const code = await scanWuCommand(generateArgs(['--json', json]), out, deps);
    const expected = join(dataDir, 'logs', 'WindowsUpdate-20261120-093005.log');
    expect(runner.calls).toHaveLength(1);
    expect(runner.calls[0]!.file).toBe(POWERSHELL);
    expect(runner.calls[0]!.args).toEqual(ARGS);
    expect(runner.calls[0]!.options!.env).toEqual({ WSUS_DOCTOR_WU_LOG: expected });
    expect(runner.calls[0]!.options!.timeoutMs).toBe(GENERATE_TIMEOUT_MS);
    expect(await readdir(join(dataDir, 'logs'))).toEqual(['WindowsUpdate-20261120-093005.log']);
    expect(out.text()).toMatch(/^Running Get-WindowsUpdateLog .*several minutes/);
    expect(out.text()).toContain(`Log: ${expected}`);
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report.file).toBe(expected);
    expect(report.format).toBe('windows10');
  });

  it('says clearly when PowerShell fails or writes nothing (exit 2 through the CLI, as a usage error)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'wsus-doctor-data-'));
    const failing = fakeRunner(async () => ({ exitCode: 1, stdout: Buffer.alloc(0), stderr: Buffer.from('Get-WindowsUpdateLog : Access is denied.\r\n') }));
    const deps = (runner: CommandRunner): ScanWuDeps => ({ platform: 'win32', env: WIN_ENV, runner, now: () => NOW, dataDir });
    const e1 = await scanWuCommand(generateArgs(), capture(), deps(failing)).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(WuLogGenerateError);
    expect(e1).toBeInstanceOf(UsageError);
    expect((e1 as Error).message).toBe('Get-WindowsUpdateLog failed (exit code 1): Get-WindowsUpdateLog : Access is denied.');
    const silent = fakeRunner(async () => ok());
    const e2 = await scanWuCommand(generateArgs(), capture(), deps(silent)).catch((e: unknown) => e);
    expect((e2 as Error).message).toMatch(/^Get-WindowsUpdateLog finished but wrote no file at .*WindowsUpdate-20261120-093005\.log\.$/);
    const broken = fakeRunner(async () => {
      throw new Error('powershell.exe did not finish within 600000 ms; it was stopped.');
    });
    const e3 = await scanWuCommand(generateArgs(), capture(), deps(broken)).catch((e: unknown) => e);
    expect((e3 as Error).message).toBe('Get-WindowsUpdateLog could not be run: powershell.exe did not finish within 600000 ms; it was stopped.');
  });

  it('refuses off Windows with a usage error and runs nothing', async () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const runner = fakeRunner(async () => ok());
      const e = await scanWuCommand(generateArgs(), capture(), { platform, env: {}, runner, now: () => NOW }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UsageError);
      expect((e as Error).message).toMatch(/only on Windows 10 and later/);
      expect(runner.calls).toEqual([]);
    }
  });

  it('parses --generate as consent, and refuses a file with it', () => {
    expect(generateArgs()).toEqual({ command: 'scan-wu-log', generate: true, lang: 'en' });
    expect(() => parseCommandLine(['scan-wu-log', '--generate', 'C:\\Windows\\WindowsUpdate.log'])).toThrow(/give no log file/);
    expect(() => parseCommandLine(['scan-wu-log'])).toThrow(/or --generate/);
  });
});

async function checkOnWindows10(files: NonNullable<NonNullable<ScenarioInput['machine']>['files']>): Promise<CheckResult> {
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
      system: { computerName: 'PC-0142', userName: 'CORP\\tanaka', arch: 'x64', uiLanguage: 'ja-JP', productName: 'Windows 10 Enterprise', version: '10.0.19045' },
      registry: {},
      files,
    },
  };
  const machine = createSimulatedMachine(ScenarioSchema.parse(input));
  return (await runChecks({ role: 'client', machine, implementations: [logWindowsUpdate] })).results[0]!;
}

const STUB = "Windows Update logs are now generated using ETW (Event Tracing for Windows).\r\nPlease run the Windows PowerShell cmdlet 'Get-WindowsUpdateLog' to convert ETW traces into a readable WindowsUpdate.log.\r\n";

describe('client.log.windowsupdate on Windows 10 and later without a readable log', () => {
  for (const [name, files] of [
    ['absent', {}],
    ['only the stub note', { 'C:\\Windows\\WindowsUpdate.log': { text: STUB } }],
  ] as const) {
    it(`${name}: info, saying the log must be generated and that scan-wu-log --generate does it, with consent, in minutes`, async () => {
      const r = await checkOnWindows10(files);
      expect(r.status).toBe('info');
      expect(r.summary.en).toMatch(/The log must be generated first: `wsus-doctor scan-wu-log --generate` does it for you \(giving --generate is your consent; Get-WindowsUpdateLog takes a few minutes\)/);
      expect(r.summary.ja).toMatch(/まずログを生成する必要があります。`wsus-doctor scan-wu-log --generate` .*同意.*数分/);
      expect(r.fixes[0]!.steps.at(-1)!.en).toMatch(/wsus-doctor scan-wu-log --generate/);
      expect(r.fixes[0]!.steps.at(-1)!.ja).toMatch(/wsus-doctor scan-wu-log --generate/);
    });
  }

  it('reads the newest copy scan-wu-log --generate left in the data folder', async () => {
    const log = await readFile(join(FIXTURES, 'wu10-01.log'), 'utf8');
    const r = await checkOnWindows10({
      'C:\\Windows\\WindowsUpdate.log': { text: STUB },
      'C:\\ProgramData\\WSUS Self-Update Doctor\\logs\\WindowsUpdate-20261119-080000.log': { text: STUB },
      'C:\\ProgramData\\WSUS Self-Update Doctor\\logs\\WindowsUpdate-20261120-093005.log': { text: log },
      'C:\\ProgramData\\WSUS Self-Update Doctor\\logs\\notes.txt': { text: 'not a log' },
    });
    // (the simulated machine lists names in lower case, as Windows compares them)
    expect(r.summary.en).toMatch(/^Read the copy made by Get-WindowsUpdateLog at C:\\ProgramData\\WSUS Self-Update Doctor\\logs\\WindowsUpdate-20261120-093005\.log/i);
    expect(r.status).not.toBe('info');
  });
});
