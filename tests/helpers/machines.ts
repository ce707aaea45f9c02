/** Small simulated machines for unit tests, built from a partial scenario. */
import { createSimulatedMachine, type SimulatedMachine } from '../../main/adapters/simulated/machine.js';
import { ScenarioSchema, type ScenarioInput } from '../../main/scenarios/schema.js';

type MachineInput = NonNullable<ScenarioInput['machine']>;

export function testScenario(machine: Partial<MachineInput> = {}, name = 'unit-test') {
  return ScenarioSchema.parse({
    name,
    role: 'client',
    title: { en: 'test', ja: 'テスト' },
    description: { en: 'test', ja: 'テスト' },
    expect: { fail: [], warn: [] },
    machine: {
      now: '2026-11-20T09:30:00Z',
      utcOffsetMinutes: 540,
      elevated: true,
      system: {
        computerName: 'PC-TEST',
        productName: 'Windows 10 Enterprise',
        version: '10.0.19045',
        arch: 'x64',
        uiLanguage: 'en-US',
      },
      ...machine,
    },
  });
}

export function testMachine(machine: Partial<MachineInput> = {}): SimulatedMachine {
  return createSimulatedMachine(testScenario(machine));
}
