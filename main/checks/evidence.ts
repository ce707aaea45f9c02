/** Evidence as an administrator would write it in a ticket: where it was read, and exactly what. */
import { findValue, formatRegValue, type RegKeySnapshot } from '../../shared/registry-types.js';
import type { Evidence } from '../../shared/results.js';
import { verbatim, type L10n } from '../../shared/text.js';

/** Longest evidence value shown in full; longer values are cut and their length is stated. */
export const MAX_EVIDENCE_CHARS = 400;

/** Cuts an absurdly long evidence value (e.g. a 64 KB REG_SZ) so it cannot flood a report. */
export function clip(text: string, max = MAX_EVIDENCE_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length} characters in all)`;
}

/** "HKLM\…\WindowsUpdate\WUServer" → "REG_SZ "http://wsus01:8530"" (or "(not present)"), bounded in length. */
export function registryEvidence(keyPath: string, name: string, key: RegKeySnapshot | null): Evidence {
  const found = findValue(key, name);
  if (!key) return { label: verbatim(`${keyPath}\\${name}`), value: '(key not present)' };
  return { label: verbatim(`${keyPath}\\${found?.name ?? name}`), value: clip(formatRegValue(found?.value)) };
}

export function textEvidence(label: L10n, value: string): Evidence {
  return { label, value };
}
