/** Evidence as an administrator would write it in a ticket: where it was read, and exactly what. */
import { findValue, formatRegValue, type RegKeySnapshot } from '../../shared/registry-types.js';
import type { Evidence } from '../../shared/results.js';
import { verbatim, type L10n } from '../../shared/text.js';

/** "HKLM\…\WindowsUpdate\WUServer" → "REG_SZ "http://wsus01:8530"" (or "(not present)"). */
export function registryEvidence(keyPath: string, name: string, key: RegKeySnapshot | null): Evidence {
  const found = findValue(key, name);
  if (!key) return { label: verbatim(`${keyPath}\\${name}`), value: '(key not present)' };
  return { label: verbatim(`${keyPath}\\${found?.name ?? name}`), value: formatRegValue(found?.value) };
}

export function textEvidence(label: L10n, value: string): Evidence {
  return { label, value };
}
