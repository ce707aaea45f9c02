import { describe, expect, it } from 'vitest';
import { SimulatedRegistry } from '../../../main/adapters/simulated/machine.js';
import { SERVICE_STATE_CODES } from '../../../main/adapters/types.js';
import {
  isMissingServiceResult,
  isValidServiceName,
  parseScQc,
  parseScQuery,
  ScServices,
  scStartValue,
} from '../../../main/adapters/windows/sc-services.js';
import { FakeRunner, fixture, result, SC } from './fake-runner.js';

const text = (name: string): string => fixture(name).toString('latin1');

function queryOutput(name: string, code: number): string {
  const word = ['', 'STOPPED', 'START_PENDING', 'STOP_PENDING', 'RUNNING', 'CONTINUE_PENDING', 'PAUSE_PENDING', 'PAUSED'][code] ?? 'UNKNOWN';
  return `\r\nSERVICE_NAME: ${name} \r\n        TYPE               : 20  WIN32_SHARE_PROCESS  \r\n        STATE              : ${code}  ${word} \r\n        WIN32_EXIT_CODE    : 0  (0x0)\r\n        SERVICE_EXIT_CODE  : 0  (0x0)\r\n        CHECKPOINT         : 0x0\r\n        WAIT_HINT          : 0x0\r\n`;
}

describe('sc query output', () => {
  it('reads the state number from real output', () => {
    expect(parseScQuery(text('sc-query-wuauserv-running.txt'))).toEqual({ ok: true, serviceName: 'wuauserv', code: 4, state: 'running' });
    expect(parseScQuery(text('sc-query-bits-stopped.txt'))).toEqual({ ok: true, serviceName: 'BITS', code: 1, state: 'stopped' });
    expect(parseScQuery(text('sc-query-wine.txt'))).toMatchObject({ ok: true, state: 'running' });
  });

  it('uses the number, not the word, and does not need English labels', () => {
    expect(parseScQuery(text('sc-query-localized.txt'))).toMatchObject({ ok: true, code: 3, state: 'stop-pending' });
    expect(parseScQuery(queryOutput('x', 4).replace('RUNNING', 'WIRD AUSGEFÜHRT'))).toMatchObject({ state: 'running' });
  });

  it.each(Object.entries(SERVICE_STATE_CODES))('state %s is %s', (code, state) => {
    expect(parseScQuery(queryOutput('wuauserv', Number(code)))).toMatchObject({ ok: true, state });
  });

  it.each(['', '   ', 'garbage', queryOutput('x', 9), queryOutput('x', 0), 'SERVICE_NAME: x\r\n', text('sc-query-missing.txt')])('garbage %j is an error', (t) => {
    expect(parseScQuery(t).ok).toBe(false);
  });

  it('never throws on non-strings', () => {
    expect(parseScQuery(undefined).ok).toBe(false);
    expect(parseScQuery(42).ok).toBe(false);
    expect(parseScQc(null).ok).toBe(false);
  });

  it('a missing service is exit code 1060, or 1060 in the error output', () => {
    expect(isMissingServiceResult(result(1060, text('sc-query-missing.txt')))).toBe(true);
    expect(isMissingServiceResult(result(1, text('sc-query-missing.txt')))).toBe(true);
    expect(isMissingServiceResult(result(5, '[SC] OpenService FAILED 5:'))).toBe(false);
    expect(isMissingServiceResult(result(0, queryOutput('x', 4)))).toBe(false);
  });

  it('reads sc qc (the fallback for the start type)', () => {
    expect(parseScQc(text('sc-qc-wuauserv.txt'))).toEqual({ ok: true, startType: 'auto', delayed: true });
    expect(parseScQc(text('sc-qc-wuauserv.txt').replace('2   AUTO_START  (DELAYED)', '4   DISABLED'))).toEqual({ ok: true, startType: 'disabled', delayed: false });
    expect(parseScQc('[SC] QueryServiceConfig SUCCESS\r\n').ok).toBe(false);
  });
});

describe('service names', () => {
  it.each(['wuauserv', 'BITS', 'W3SVC', 'WsusService', 'MSSQL$MICROSOFT##WID', 'a.b-c_d'])('accepts %s', (n) => {
    expect(isValidServiceName(n)).toBe(true);
  });
  it.each(['', 'a b', 'wuauserv & calc', 'x"y', '../x', 'a\\b', 'a/b', 'x'.repeat(257), 'a\nb'])('rejects %j', (n) => {
    expect(isValidServiceName(n)).toBe(false);
  });

  it('maps start types to what sc.exe expects after start=', () => {
    expect(['boot', 'system', 'auto', 'manual', 'disabled', 'delayed-auto'].map((t) => scStartValue(t as never))).toEqual(['boot', 'system', 'auto', 'demand', 'disabled', 'delayed-auto']);
  });
});

function services(handler: (args: string[]) => ReturnType<typeof result>, clock = { t: 0 }) {
  const runner = new FakeRunner((file, args) => {
    expect(file).toBe(SC);
    return handler(args);
  });
  const registry = new SimulatedRegistry('test');
  const sleeps: number[] = [];
  const svc = new ScServices(runner, registry, {
    scExe: SC,
    pollIntervalMs: 500,
    waitTimeoutMs: 30_000,
    now: () => clock.t,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.t += ms;
    },
  });
  return { runner, registry, svc, sleeps };
}

const SERVICES = 'HKLM\\SYSTEM\\CurrentControlSet\\Services';

describe('ScServices.query', () => {
  it('state from sc query, start type from the registry (delayed auto-start)', async () => {
    const { runner, registry, svc } = services(() => result(0, text('sc-query-wuauserv-running.txt')));
    registry.load(`${SERVICES}\\wuauserv`, { Start: { type: 'REG_DWORD', data: 2 }, DelayedAutostart: { type: 'REG_DWORD', data: 1 } });
    expect(await svc.query('WUAUSERV')).toEqual({ exists: true, name: 'wuauserv', state: 'running', startType: 'auto', delayedAutoStart: true });
    expect(runner.argvs()).toEqual([[SC, 'query', 'WUAUSERV']]);
  });

  it.each([
    [0, 'boot'],
    [1, 'system'],
    [2, 'auto'],
    [3, 'manual'],
    [4, 'disabled'],
  ])('Start = %i is %s', async (start, startType) => {
    const { registry, svc } = services(() => result(0, text('sc-query-bits-stopped.txt')));
    registry.load(`${SERVICES}\\BITS`, { Start: { type: 'REG_DWORD', data: start }, DelayedAutostart: { type: 'REG_DWORD', data: 1 } });
    expect(await svc.query('BITS')).toEqual({ exists: true, name: 'BITS', state: 'stopped', startType, delayedAutoStart: startType === 'auto' });
  });

  it('a missing service (1060) does not exist', async () => {
    const { svc } = services(() => result(1060, text('sc-query-missing.txt')));
    expect(await svc.query('NoSuchService')).toEqual({ exists: false, name: 'NoSuchService' });
  });

  it('falls back to sc qc when the registry has no Start value', async () => {
    const { runner, svc } = services((args) => (args[0] === 'query' ? result(0, text('sc-query-wuauserv-running.txt')) : result(0, text('sc-qc-wuauserv.txt'))));
    expect(await svc.query('wuauserv')).toMatchObject({ startType: 'auto', delayedAutoStart: true });
    expect(runner.argvs()).toEqual([
      [SC, 'query', 'wuauserv'],
      [SC, 'qc', 'wuauserv'],
    ]);
  });

  it('other failures are errors', async () => {
    await expect(services(() => result(5, '[SC] OpenService FAILED 5:\r\n\r\nAccess is denied.')).svc.query('wuauserv')).rejects.toThrow(/error 5\): access denied/);
    await expect(services(() => result(0, 'garbage')).svc.query('wuauserv')).rejects.toThrow(/Could not read the state/);
  });

  it('rejects invalid names without running sc', async () => {
    const { runner, svc } = services(() => result(0));
    await expect(svc.query('wuauserv & calc')).rejects.toThrow(/not a valid service name/);
    expect(runner.calls).toEqual([]);
  });
});

describe('ScServices.setStartType', () => {
  it.each([
    ['auto', 'auto'],
    ['manual', 'demand'],
    ['disabled', 'disabled'],
  ] as const)('%s → sc config <name> start= %s (separate argv elements)', async (startType, value) => {
    const { runner, svc } = services(() => result(0, '[SC] ChangeServiceConfig SUCCESS'));
    await svc.setStartType('wuauserv', startType);
    expect(runner.argvs()).toEqual([[SC, 'config', 'wuauserv', 'start=', value]]);
  });

  it('reports failures', async () => {
    await expect(services(() => result(5, '[SC] OpenService FAILED 5:')).svc.setStartType('wuauserv', 'auto')).rejects.toThrow(/access denied/);
    await expect(services(() => result(1060)).svc.setStartType('nope', 'auto')).rejects.toThrow(/does not exist/);
    await expect(services(() => result(1639)).svc.setStartType('wuauserv', 'auto')).rejects.toThrow(/no "config" command/);
  });
});

describe('ScServices.start / stop', () => {
  it('starts, then polls until RUNNING', async () => {
    const states = [2, 2, 4];
    const { runner, svc, sleeps } = services((args) => (args[0] === 'start' ? result(0, queryOutput('wuauserv', 2)) : result(0, queryOutput('wuauserv', states.shift() ?? 4))));
    await svc.start('wuauserv');
    expect(runner.argvs()).toEqual([
      [SC, 'start', 'wuauserv'],
      [SC, 'query', 'wuauserv'],
      [SC, 'query', 'wuauserv'],
      [SC, 'query', 'wuauserv'],
    ]);
    expect(sleeps).toEqual([500, 500]);
  });

  it('"already running" (1056) is success', async () => {
    const { svc } = services((args) => (args[0] === 'start' ? result(1056) : result(0, queryOutput('wuauserv', 4))));
    await expect(svc.start('wuauserv')).resolves.toBeUndefined();
  });

  it('a disabled service cannot start (1058)', async () => {
    await expect(services(() => result(1058)).svc.start('wuauserv')).rejects.toThrow(/Starting wuauserv failed \(error 1058\): it is disabled\./);
  });

  it('gives up after the timeout, saying where the service got stuck', async () => {
    const { svc } = services((args) => (args[0] === 'start' ? result(0) : result(0, queryOutput('wuauserv', 2))));
    await expect(svc.start('wuauserv')).rejects.toThrow(/did not become running within 30 s \(it is start-pending\)/);
  });

  it('notices a service that stopped again while starting', async () => {
    const states = [2, 1];
    const { svc } = services((args) => (args[0] === 'start' ? result(0) : result(0, queryOutput('wuauserv', states.shift() ?? 1))));
    await expect(svc.start('wuauserv')).rejects.toThrow(/stopped again while starting/);
  });

  it('stops, then polls until STOPPED; "not started" (1062) is success without polling', async () => {
    const states = [3, 1];
    const a = services((args) => (args[0] === 'stop' ? result(0, queryOutput('wuauserv', 3)) : result(0, queryOutput('wuauserv', states.shift() ?? 1))));
    await a.svc.stop('wuauserv');
    expect(a.runner.argvs().map((x) => x[1])).toEqual(['stop', 'query', 'query']);
    const b = services(() => result(1062));
    await b.svc.stop('wuauserv');
    expect(b.runner.argvs()).toEqual([[SC, 'stop', 'wuauserv']]);
  });

  it('dependent services (1051) are an error', async () => {
    await expect(services(() => result(1051)).svc.stop('BITS')).rejects.toThrow(/other running services depend on it/);
  });
});

describe('ScServices start / stop under sc.exe variants that only say "1"', () => {
  // Wine's sc.exe exits with 1 for "already running" and "not started"; the state decides.
  it('start of a service that is already running is success', async () => {
    const { svc } = services((args) => (args[0] === 'start' ? result(1) : result(0, queryOutput('wuauserv', 4))));
    await expect(svc.start('wuauserv')).resolves.toBeUndefined();
  });

  it('stop of a service that is already stopped is success', async () => {
    const { svc } = services((args) => (args[0] === 'stop' ? result(1) : result(0, queryOutput('wuauserv', 1))));
    await expect(svc.stop('wuauserv')).resolves.toBeUndefined();
  });

  it('a start that fails with 1 and leaves the service stopped is still a failure', async () => {
    const { svc } = services((args) => (args[0] === 'start' ? result(1) : result(0, queryOutput('wuauserv', 1))));
    await expect(svc.start('wuauserv')).rejects.toThrow(/Starting wuauserv failed \(error 1\)/);
  });
});
