import { describe, expect, it } from 'vitest';
import { relaunchCommand, relaunchElevated, RELAUNCH_ENV, RELAUNCH_SCRIPT } from '../../../main/app/relaunch-elevated.js';
import { dispatch } from '../../../main/app/api-dispatch.js';
import type { DoctorService } from '../../../main/app/doctor-service.js';
import type { CommandRunner } from '../../../main/adapters/types.js';

const EXE = 'C:\\Program Files\\WSUS Self-Update Doctor\\WSUS Self-Update Doctor.exe';

describe('relaunch as administrator', () => {
  it('runs PowerShell by absolute path with a fixed script; the program path travels in the environment only', () => {
    const cmd = relaunchCommand({ executable: EXE, env: { SystemRoot: 'C:\\Windows' } });
    expect(cmd.file).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(cmd.args).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', RELAUNCH_SCRIPT]);
    expect(RELAUNCH_SCRIPT).toContain('-Verb RunAs');
    expect(cmd.args.join(' ')).not.toContain('WSUS Self-Update Doctor');
    expect(cmd.env).toEqual({ [RELAUNCH_ENV]: EXE });
  });

  it.each(['relative\\app.exe', 'C:\\app.exe"; calc; "', 'C:\\a\nb.exe', 'C:\\app.bat', '\\\\server\\share\\app.exe'])('refuses %j', (exe) => {
    expect(() => relaunchCommand({ executable: exe })).toThrow(/cannot be restarted|Not a program path/);
  });

  it('reports started: false when the UAC prompt is declined (Start-Process fails)', async () => {
    const seen: { env?: Readonly<Record<string, string>> }[] = [];
    const runner = (exitCode: number): CommandRunner => ({
      run: async (_file, _args, options) => {
        seen.push({ ...(options?.env ? { env: options.env } : {}) });
        return { exitCode, stdout: Buffer.alloc(0), stderr: Buffer.from('The operation was canceled by the user.') };
      },
    });
    expect(await relaunchElevated({ runner: runner(1), executable: EXE })).toEqual({ started: false });
    expect(await relaunchElevated({ runner: runner(0), executable: EXE })).toEqual({ started: true });
    expect(seen.every((s) => s.env?.[RELAUNCH_ENV] === EXE)).toBe(true);
  });

  it('is refused with a clear message where the shell cannot relaunch (the web harness)', async () => {
    const service = {} as DoctorService;
    const r = await dispatch(service, 'relaunchAsAdmin', [], { saveReport: () => Promise.reject(new Error('unused')) });
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const ok = await dispatch(service, 'relaunchAsAdmin', [], {
      saveReport: () => Promise.reject(new Error('unused')),
      relaunchAsAdmin: async () => ({ started: true }),
    });
    expect(ok).toEqual({ ok: true, value: { started: true } });
    expect(await dispatch(service, 'relaunchAsAdmin', ['C:\\evil.exe'], { saveReport: () => Promise.reject(new Error('unused')) })).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
  });
});
