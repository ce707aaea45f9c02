/**
 * The WSUS URL for the report's `target`: a fleet report groups machines by it. The remote role
 * already records the address it was given; for a client it is the WUServer policy value when valid
 * (what the update agent uses), read through the same Facts the checks use.
 */
import type { RunResult } from '../../shared/results.js';
import type { Machine } from '../adapters/types.js';
import { Facts } from '../engine/facts.js';

export async function addWsusUrl(machine: Machine, run: RunResult): Promise<void> {
  if (run.environment.wsusUrl || run.role !== 'client') return;
  const target = await new Facts(machine).target('client', undefined).catch(() => null);
  if (target?.ok) run.environment.wsusUrl = target.parsed.url;
}
