/** How a change reads in a preview, in both languages. Exact names and data, nothing hidden. */
import type { Change, StartType } from './changes.js';
import { formatRegValue } from './registry-types.js';
import type { L10n } from './text.js';

export const START_TYPE_TEXT: Record<StartType, L10n> = {
  boot: { en: 'boot', ja: 'ブート' },
  system: { en: 'system', ja: 'システム' },
  auto: { en: 'automatic', ja: '自動' },
  manual: { en: 'manual', ja: '手動' },
  disabled: { en: 'disabled', ja: '無効' },
};

export function describeChange(c: Change): L10n {
  switch (c.kind) {
    case 'registry.set':
      return {
        en: `Set ${c.key}\\${c.name} to ${formatRegValue(c.value)}`,
        ja: `${c.key}\\${c.name} を ${formatRegValue(c.value)} に設定`,
      };
    case 'registry.delete':
      return { en: `Delete the value ${c.key}\\${c.name}`, ja: `値 ${c.key}\\${c.name} を削除` };
    case 'service.start-type': {
      const t = START_TYPE_TEXT[c.startType];
      return { en: `Set the start type of service ${c.service} to ${t.en}`, ja: `サービス ${c.service} のスタートアップの種類を「${t.ja}」に設定` };
    }
    case 'service.start':
      return { en: `Start service ${c.service}`, ja: `サービス ${c.service} を開始` };
    case 'service.stop':
      return { en: `Stop service ${c.service}`, ja: `サービス ${c.service} を停止` };
    case 'service.restart':
      return { en: `Restart service ${c.service} (stop, then start)`, ja: `サービス ${c.service} を再起動 (停止してから開始)` };
  }
}
