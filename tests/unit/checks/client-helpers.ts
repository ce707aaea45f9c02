/** Small simulated client machines for the client check tests, and helpers to run one check and apply its fixes. */
import { createSimulatedMachine, type SimulatedMachine } from '../../../main/adapters/simulated/machine.js';
import type { CheckImpl, RunOptions } from '../../../main/engine/check.js';
import { runChecks } from '../../../main/engine/runner.js';
import { MemoryBackupStore } from '../../../main/fixes/backup-store.js';
import { MemoryJournal } from '../../../main/fixes/journal.js';
import { applyFixes, undoBackup } from '../../../main/fixes/executor.js';
import type { ScenarioInput } from '../../../main/scenarios/schema.js';
import { testScenario } from '../../helpers/machines.js';
import type { FixOffer } from '../../../shared/changes.js';
import { KEYS, type RegValue } from '../../../shared/registry-types.js';
import type { CheckResult } from '../../../shared/results.js';
import type { WsusUrl } from '../../../shared/wsus-url.js';

type MachineInput = NonNullable<ScenarioInput['machine']>;
type SystemInput = MachineInput['system'];

export const URL = 'http://wsus01.corp.example:8530';
export const sz = (data: string): RegValue => ({ type: 'REG_SZ', data });
export const dw = (data: number): RegValue => ({ type: 'REG_DWORD', data });

export const WIN10: SystemInput = {
  computerName: 'PC-UNIT',
  productName: 'Windows 10 Enterprise',
  version: '10.0.19045',
  ubr: 5131,
  arch: 'x64',
  uiLanguage: 'en-US',
};
export const WIN7: SystemInput = { computerName: 'PC-W7', productName: 'Windows 7 Professional', version: '6.1.7601', arch: 'x64', uiLanguage: 'ja-JP' };
export const WINXP: SystemInput = {
  computerName: 'PC-XP',
  productName: 'Microsoft Windows XP Professional',
  version: '5.1.2600',
  arch: 'x86',
  uiLanguage: 'en-US',
  systemRoot: 'C:\\WINDOWS',
};
export const WIN81: SystemInput = { computerName: 'PC-81', productName: 'Windows 8.1 Pro', version: '6.3.9600', arch: 'x64', uiLanguage: 'ja-JP' };
export const SERVER2016: SystemInput = {
  computerName: 'SRV-16',
  productName: 'Windows Server 2016 Standard',
  version: '10.0.14393',
  ubr: 7515,
  arch: 'x64',
  uiLanguage: 'en-US',
};

export function healthyPolicy(): Record<string, Record<string, RegValue>> {
  return {
    [KEYS.wuPolicy]: { WUServer: sz(URL), WUStatusServer: sz(URL) },
    [KEYS.auPolicy]: { UseWUServer: dw(1), NoAutoUpdate: dw(0), AUOptions: dw(4) },
  };
}

export interface MachineSpec extends Partial<Omit<MachineInput, 'system'>> {
  system?: SystemInput;
}

/** A client machine: healthy Windows 10 unless told otherwise; `registry` replaces the whole registry. */
export function clientMachine(spec: MachineSpec = {}): SimulatedMachine {
  const system = spec.system ?? WIN10;
  const root = (system.systemRoot ?? 'C:\\Windows').replace(/\\$/, '');
  const scenario = testScenario(
    {
      registry: healthyPolicy(),
      services: { wuauserv: { state: 'running', startType: 'manual' }, BITS: { state: 'running', startType: 'manual' } },
      files: { [`${root}\\System32\\wuaueng.dll`]: { version: '10.0.19041.5129' } },
      ...spec,
      system,
    },
    'unit-client',
  );
  return createSimulatedMachine(scenario);
}

/** Runs one check through the engine, as the CLI would. */
export async function runOne(check: CheckImpl, machine: SimulatedMachine, options: RunOptions = {}): Promise<CheckResult> {
  const run = await runChecks({ role: 'client', machine, implementations: [check], options });
  const result = run.results.find((r) => r.id === check.id);
  if (!result) throw new Error(`${check.id} did not run`);
  return result;
}

export const serverOption = (url: string): RunOptions => ({ serverUrl: url as WsusUrl });

/** Applies fixes, returns what happened and a function that undoes them all (newest first). */
export async function applyAll(machine: SimulatedMachine, fixes: readonly FixOffer[]) {
  const backups = new MemoryBackupStore();
  const applied = await applyFixes(fixes, { machine, backups, journal: new MemoryJournal(), machineName: 'PC-UNIT' });
  const undoAll = async () => {
    const problems: string[] = [];
    for (const a of [...applied].reverse()) if (a.backup) problems.push(...(await undoBackup(a.backup, { machine, backups })));
    return problems;
  };
  return { applied, undoAll };
}

/** Every registry write in a plan, as "key\name=data" text. */
export function writesOf(fixes: readonly FixOffer[]): string[] {
  return fixes.flatMap((f) => f.plan).flatMap((c) => (c.kind === 'registry.set' ? [`${c.key}\\${c.name}=${JSON.stringify(c.value.data)}`] : []));
}

/** A string a URL written by a fix must match: what parseWsusUrl produces. */
export const CLEAN_URL = /^https?:\/\/[a-z0-9.\-[\]:]+$/;
