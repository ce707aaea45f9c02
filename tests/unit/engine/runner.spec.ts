import { describe, expect, it } from 'vitest';
import type { CheckImpl } from '../../../main/engine/check.js';
import { runChecks } from '../../../main/engine/runner.js';
import { definitionsForRole } from '../../../shared/catalogue/index.js';
import { testMachine } from '../../helpers/machines.js';

const ok = (id: CheckImpl['id'], delayMs = 0, log?: string[]): CheckImpl => ({
  id,
  async run() {
    log?.push(`start ${id}`);
    await new Promise((r) => setTimeout(r, delayMs));
    log?.push(`end ${id}`);
    return { status: 'pass', summary: { en: 'fine', ja: '正常' } };
  },
});

describe('runChecks', () => {
  it('returns results in flowchart order whatever order they finish in', async () => {
    const impls = [ok('client.policy.usewuserver', 1), ok('client.service.bits', 30), ok('client.policy.misspelled', 5)];
    const run = await runChecks({ role: 'client', machine: testMachine(), implementations: impls });
    const order = definitionsForRole('client').map((d) => d.id).filter((id) => impls.some((i) => i.id === id));
    expect(run.results.map((r) => r.id)).toEqual(order);
    expect(run.results.every((r) => r.durationMs >= 0)).toBe(true);
    expect(run.results.find((r) => r.id === 'client.service.bits')!.durationMs).toBeGreaterThanOrEqual(25);
  });

  it('runs independent checks in parallel', async () => {
    const impls = [ok('client.service.bits', 200), ok('client.service.wuauserv', 200), ok('client.policy.usewuserver', 200)];
    const t0 = Date.now();
    await runChecks({ role: 'client', machine: testMachine(), implementations: impls });
    expect(Date.now() - t0).toBeLessThan(500);
  });

  it('waits for the checks a check depends on', async () => {
    const log: string[] = [];
    // client.policy.wustatusserver lists client.policy.wuserver in `after`.
    const impls = [ok('client.policy.wuserver', 50, log), ok('client.policy.wustatusserver', 0, log)];
    await runChecks({ role: 'client', machine: testMachine(), implementations: impls });
    expect(log.indexOf('end client.policy.wuserver')).toBeLessThan(log.indexOf('start client.policy.wustatusserver'));
  });

  it('turns a throwing check into status error with the reason, and carries on', async () => {
    const boom: CheckImpl = {
      id: 'client.policy.wuserver',
      async run() {
        throw new Error('registry exploded');
      },
    };
    const run = await runChecks({ role: 'client', machine: testMachine(), implementations: [boom, ok('client.service.bits')] });
    const r = run.results.find((x) => x.id === 'client.policy.wuserver')!;
    expect(r.status).toBe('error');
    expect(r.summary.en).toContain('registry exploded');
    expect(run.results.find((x) => x.id === 'client.service.bits')!.status).toBe('pass');
  });

  it('stops a check at its timeout and says so, without waiting for it', async () => {
    let aborted = false;
    const hang: CheckImpl = {
      id: 'client.service.bits',
      run(ctx) {
        return new Promise((_, reject) => {
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          });
        });
      },
    };
    const t0 = Date.now();
    const run = await runChecks({ role: 'client', machine: testMachine(), implementations: [hang], timeoutMs: 150 });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(run.results[0]!.status).toBe('error');
    expect(run.results[0]!.summary.en).toMatch(/150 ms/);
    expect(aborted).toBe(true);
  });

  it('skips a check whose catalogue entry does not apply to this Windows generation', async () => {
    // client.au.detection-timers applies to nt5 and nt6.0 only; the test machine is Windows 10.
    let ran = false;
    const timers: CheckImpl = {
      id: 'client.au.detection-timers',
      async run() {
        ran = true;
        return { status: 'fail', summary: { en: 'x', ja: 'x' } };
      },
    };
    const run = await runChecks({ role: 'client', machine: testMachine(), implementations: [timers] });
    expect(ran).toBe(false);
    expect(run.results[0]!.status).toBe('skip');
    expect(run.results[0]!.summary.en).toContain('Windows 10 Enterprise');
  });

  it('records the environment for the report header', async () => {
    const run = await runChecks({ role: 'client', machine: testMachine({ elevated: false }), implementations: [], scenario: 'x' });
    expect(run.environment.computerName).toBe('PC-TEST');
    expect(run.environment.elevated).toBe(false);
    expect(run.environment.registryBackend).toContain('simulated');
    expect(run.scenario).toBe('x');
  });
});
