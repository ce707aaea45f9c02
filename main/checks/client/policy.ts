/** Reading the Windows Update policy, shared by the policy checks and their fixes. */
import type { Change } from '../../../shared/changes.js';
import { findValue, KEYS, type RegKeySnapshot, type RegValue } from '../../../shared/registry-types.js';
import type { L10n } from '../../../shared/text.js';
import { parseWsusUrl, type ParsedWsusUrl, type WsusUrl } from '../../../shared/wsus-url.js';
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

/** The restart that makes the agent read the new policy (what `net stop/start wuauserv` does by hand). */
export const RESTART_WUAUSERV: Change = { kind: 'service.restart', service: 'wuauserv' };

export function setUseWuServer(): Change {
  return { kind: 'registry.set', key: KEYS.auPolicy, name: 'UseWUServer', value: { type: 'REG_DWORD', data: 1 } };
}

export function setUrlValue(name: 'WUServer' | 'WUStatusServer', url: WsusUrl): Change {
  return { kind: 'registry.set', key: KEYS.wuPolicy, name, value: { type: 'REG_SZ', data: url } };
}


/** What a URL policy value (WUServer / WUStatusServer) holds, judged strictly. */
export type UrlValueVerdict =
  | { kind: 'missing' }
  | { kind: 'wrong-type'; name: string; value: RegValue }
  | { kind: 'invalid'; name: string; value: RegValue; raw: string; reason: L10n }
  | {
      kind: 'valid';
      name: string;
      value: RegValue;
      parsed: ParsedWsusUrl;
      /** Things Windows may trip over although the address itself is fine (trailing slash, spaces, type). */
      quirks: L10n[];
    };

export function judgeUrlValue(key: RegKeySnapshot | null, name: string): UrlValueVerdict {
  const found = findValue(key, name);
  if (!found) return { kind: 'missing' };
  const { value } = found;
  if (value.type !== 'REG_SZ' && value.type !== 'REG_EXPAND_SZ') return { kind: 'wrong-type', name: found.name, value };
  const parsed = parseWsusUrl(value.data);
  if (!parsed.ok) return { kind: 'invalid', name: found.name, value, raw: value.data, reason: parsed.reason };
  const quirks: L10n[] = [];
  if (parsed.value.hadTrailingSlash)
    quirks.push({
      en: 'it ends with "/", so the agent asks for "…//selfupdate/wuident.cab" (a double slash), which some servers reject',
      ja: '末尾が「/」のため、エージェントは「…//selfupdate/wuident.cab」(スラッシュが 2 つ) を要求し、サーバーによっては拒否されます',
    });
  if (value.data !== value.data.trim())
    quirks.push({
      en: 'it has spaces before or after the address, which Windows may keep as part of the URL',
      ja: 'アドレスの前後に空白があり、Windows がそれを URL の一部として扱う可能性があります',
    });
  if (value.type === 'REG_EXPAND_SZ')
    quirks.push({
      en: 'it is stored as REG_EXPAND_SZ; Group Policy writes REG_SZ, the type every agent version expects',
      ja: 'REG_EXPAND_SZ として保存されています。グループ ポリシーが書き込むのは、どのバージョンのエージェントも想定している REG_SZ です',
    });
  return { kind: 'valid', name: found.name, value, parsed: parsed.value, quirks };
}

/** Joins reasons into one sentence fragment per language. */
export function joinL10n(parts: readonly L10n[], sepEn = '; ', sepJa = '。'): L10n {
  return { en: parts.map((p) => p.en).join(sepEn), ja: parts.map((p) => p.ja).join(sepJa) };
}

/** The known wuauserv restart appended to every policy fix, with the reason in words. */
export const RESTART_STEP: L10n = {
  en: 'Restart the Windows Update service (wuauserv) so the agent reads the policy again; this is what "net stop wuauserv" followed by "net start wuauserv" does by hand.',
  ja: 'エージェントがポリシーを読み直すよう、Windows Update サービス (wuauserv) を再起動します。手作業で「net stop wuauserv」と「net start wuauserv」を実行するのと同じです。',
};

export const GPO_STEP: L10n = {
  en: 'If these values come from a domain Group Policy object, correct the GPO too; otherwise the next policy refresh (gpupdate) writes the old values back.',
  ja: 'これらの値がドメインのグループ ポリシー オブジェクト (GPO) から配布されている場合は、GPO も修正してください。修正しないと次のポリシー更新 (gpupdate) で元の値に戻ります。',
};

