import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CommandError, createCommandRunner, decodeConsoleText, isSafeWindowsFolder, systemBinary, systemRoot } from '../../../main/adapters/windows/command-runner.js';

const NODE = process.execPath;
const run = createCommandRunner();

describe('createCommandRunner (with the real node binary)', () => {
  it('returns exit code, stdout and stderr as buffers', async () => {
    const r = await run.run(NODE, ['-e', 'process.stdout.write("out"); process.stderr.write("err")']);
    expect(r.exitCode).toBe(0);
    expect(Buffer.isBuffer(r.stdout) && r.stdout.toString()).toBe('out');
    expect(r.stderr.toString()).toBe('err');
  });

  it('a non-zero exit code is a result, not an error', async () => {
    const r = await run.run(NODE, ['-e', 'process.stderr.write("ERROR: nope"); process.exit(5)']);
    expect(r.exitCode).toBe(5);
    expect(r.stderr.toString()).toBe('ERROR: nope');
  });

  it('passes arguments literally: no shell', async () => {
    const hostile = ['& echo hacked', '"quoted"', '$(id)', '`id`', '%PATH%', 'a b', '|', '>out.txt'];
    const r = await run.run(NODE, ['-e', 'console.log(JSON.stringify(process.argv.slice(1)))', ...hostile]);
    expect(JSON.parse(r.stdout.toString())).toEqual(hostile);
  });

  it('writes input to stdin, and closes stdin when there is none', async () => {
    const echo = await run.run(NODE, ['-e', 'process.stdin.pipe(process.stdout)'], { input: Buffer.from('line1\r\nline2') });
    expect(echo.stdout.toString()).toBe('line1\r\nline2');
    const eof = await run.run(NODE, ['-e', 'process.stdin.resume(); process.stdin.on("end", () => console.log("eof"))'], { timeoutMs: 5000 });
    expect(eof.stdout.toString().trim()).toBe('eof');
  });

  it('kills a child that outlives its timeout', async () => {
    const started = Date.now();
    const e = await run.run(NODE, ['-e', 'setTimeout(() => {}, 20000)'], { timeoutMs: 300 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CommandError);
    expect((e as CommandError).reason).toBe('timeout');
    expect((e as CommandError).message).toMatch(/did not finish within 300 ms/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops a child that writes too much', async () => {
    const e = await run.run(NODE, ['-e', 'process.stdout.write("x".repeat(100000))'], { maxOutputBytes: 1000 }).catch((x: unknown) => x);
    expect((e as CommandError).reason).toBe('output-too-large');
  });

  it('honours an AbortSignal', async () => {
    const ac = new AbortController();
    const p = run.run(NODE, ['-e', 'setTimeout(() => {}, 20000)'], { signal: ac.signal });
    setTimeout(() => ac.abort(new Error('cancelled by the user')), 100);
    await expect(p).rejects.toThrow('cancelled by the user');
    const already = new AbortController();
    already.abort();
    await expect(run.run(NODE, ['-e', '1'], { signal: already.signal })).rejects.toThrow();
  });

  it('a program that cannot start is an error', async () => {
    const e = await run.run(join(fileURLToPath(new URL('.', import.meta.url)), 'no-such-program.exe'), []).catch((x: unknown) => x);
    expect((e as CommandError).reason).toBe('spawn');
    expect((e as CommandError).message).toMatch(/Could not start .*no-such-program\.exe: ENOENT/);
  });

  it('refuses relative program names and NUL characters', async () => {
    await expect(run.run('reg.exe', ['query'])).rejects.toThrow(/absolute path/);
    await expect(run.run(NODE, ['a\0b'])).rejects.toThrow(/NUL/);
  });
});

describe('systemBinary', () => {
  it('builds %SystemRoot%\\System32\\<name>', () => {
    expect(systemBinary('reg.exe', { env: { SystemRoot: 'C:\\Windows' }, arch: 'x64' })).toBe('C:\\Windows\\System32\\reg.exe');
    expect(systemBinary('SC.EXE', { env: { SystemRoot: 'D:\\WINNT\\' }, arch: 'x64' })).toBe('D:\\WINNT\\System32\\sc.exe');
    expect(systemBinary('WindowsPowerShell\\v1.0\\powershell.exe', { env: {}, arch: 'x64' })).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('uses Sysnative from a 32-bit process on 64-bit Windows', () => {
    expect(systemBinary('reg.exe', { env: { SystemRoot: 'C:\\Windows', PROCESSOR_ARCHITEW6432: 'AMD64' }, arch: 'ia32' })).toBe('C:\\Windows\\Sysnative\\reg.exe');
  });

  it.each(['\\\\evil\\share', 'C:\\..\\evil', 'Windows', 'C:/Windows', 'C:\\Win|dows', 'C:\\Windows\u0000', '', 'C:'])('ignores a suspicious SystemRoot %j', (root) => {
    expect(systemBinary('whoami.exe', { env: { SystemRoot: root }, arch: 'x64' })).toBe('C:\\Windows\\System32\\whoami.exe');
  });

  it('falls back to windir', () => {
    expect(systemRoot({ windir: 'E:\\Windows' })).toBe('E:\\Windows');
    expect(isSafeWindowsFolder('C:\\Program Files (x86)')).toBe(true);
  });

  it.each(['cmd.exe', 'powershell.exe', '..\\reg.exe', 'C:\\x\\reg.exe', 'reg', ''])('refuses %j', (name) => {
    expect(() => systemBinary(name, { env: {}, arch: 'x64' })).toThrow(/not one of the system programs/);
  });
});

describe('decodeConsoleText', () => {
  it('UTF-16 with and without a BOM, UTF-8, and Latin-1 for anything else', () => {
    expect(decodeConsoleText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo', 'utf16le')]))).toBe('héllo');
    expect(decodeConsoleText(Buffer.from('ERROR', 'utf16le'))).toBe('ERROR');
    expect(decodeConsoleText(Buffer.from('日本語', 'utf8'))).toBe('日本語');
    expect(decodeConsoleText(Buffer.from([0x82, 0xa0, 0x41]))).toBe('\u0082\u00a0A');
  });
});

describe('the Windows adapters never use a shell', () => {
  it('only command-runner.ts touches child_process, and only execFile, never through a shell', () => {
    const dir = fileURLToPath(new URL('../../../main/adapters/windows/', import.meta.url));
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      const imports = src.match(/^import .* from '(node:)?child_process';$/gm) ?? [];
      expect(imports, f).toEqual(f === 'command-runner.ts' ? ["import { execFile, type ExecFileException } from 'node:child_process';"] : []);
      expect(src, f).not.toMatch(/require\(['"](node:)?child_process/);
      expect(src, f).not.toMatch(/shell:\s*true/);
    }
  });
});
