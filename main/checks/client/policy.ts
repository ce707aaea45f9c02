/** Reading the Windows Update policy, shared by the policy checks and their fixes. */
import type { Change } from '../../../shared/changes.js';
import { findValue, KEYS, type RegKeySnapshot, type RegValue } from '../../../shared/registry-types.js';
import { parseWsusUrl, type WsusUrl } from '../../../shared/wsus-url.js';
import type { CheckContext } from '../../engine/check.js';

export interface PolicySnapshot {
  wu: RegKeySnapshot | null;
  au: RegKeySnapshot | null;
}

export async function readPolicy(ctx: CheckContext): Promise<PolicySnapshot> {
  const [wu, au] = await Promise.all([ctx.facts.key(KEYS.wuPolicy), ctx.facts.key(KEYS.auPolicy)]);
  return { wu, au };
}

/** A DWORD 1, or a string "1" (which Windows may not honour; the check warns about it). */
export function dwordOrStringNumber(value: RegValue | undefined): { n: number; wrongType: boolean } | null {
  if (!value) return null;
  if (value.type === 'REG_DWORD') return { n: value.data, wrongType: false };
  if ((value.type === 'REG_SZ' || value.type === 'REG_EXPAND_SZ') && /^\s*\d{1,10}\s*$/.test(value.data))
    return { n: Number(value.data.trim()), wrongType: true };
  return null;
}

/** The URL string in a policy value, when it is a valid WSUS URL. */
export function validUrlIn(value: RegValue | undefined): WsusUrl | null {
  if (!value || (value.type !== 'REG_SZ' && value.type !== 'REG_EXPAND_SZ')) return null;
  const parsed = parseWsusUrl(value.data);
  return parsed.ok ? parsed.value.url : null;
}

/** The restart that makes the agent read the new policy (what `net stop/start wuauserv` does by hand). */
export const RESTART_WUAUSERV: Change = { kind: 'service.restart', service: 'wuauserv' };

export function setUseWuServer(): Change {
  return { kind: 'registry.set', key: KEYS.auPolicy, name: 'UseWUServer', value: { type: 'REG_DWORD', data: 1 } };
}

export function setUrlValue(name: 'WUServer' | 'WUStatusServer', url: WsusUrl): Change {
  return { kind: 'registry.set', key: KEYS.wuPolicy, name, value: { type: 'REG_SZ', data: url } };
}

export { findValue };
