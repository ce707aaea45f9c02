/** How a change reads in a preview, in both languages. Exact names and data, nothing hidden. */
import type { Change, StartType } from './changes.js';
import { formatRegValue } from './registry-types.js';
import { displayCommand, serverCommandFor } from './server-commands.js';
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
    default:
      return describeServerChange(c);
  }
}

const SID_NAMES: Record<string, L10n> = {
  'S-1-5-32-544': { en: 'Administrators', ja: 'Administrators' },
  'S-1-5-18': { en: 'SYSTEM', ja: 'SYSTEM' },
  'S-1-5-32-545': { en: 'Users', ja: 'Users' },
  'S-1-5-17': { en: 'IUSR (anonymous account)', ja: 'IUSR (匿名アカウント)' },
};

/** IIS and ACL changes: what they do, then the exact command line that does it. */
function describeServerChange(c: Change): L10n {
  const cmd = serverCommandFor(c);
  const line = cmd ? `: ${displayCommand(cmd)}` : '';
  const text = ((): L10n => {
    switch (c.kind) {
      case 'iis.apppool.start':
        return { en: `Start the IIS application pool ${c.pool}`, ja: `IIS アプリケーション プール ${c.pool} を開始` };
      case 'iis.apppool.stop':
        return { en: `Stop the IIS application pool ${c.pool}`, ja: `IIS アプリケーション プール ${c.pool} を停止` };
      case 'iis.site.start':
        return { en: `Start the IIS site "${c.site}"`, ja: `IIS サイト「${c.site}」を開始` };
      case 'iis.site.stop':
        return { en: `Stop the IIS site "${c.site}"`, ja: `IIS サイト「${c.site}」を停止` };
      case 'iis.auth.set': {
        const m = c.method === 'anonymous' ? { en: 'anonymous', ja: '匿名' } : { en: 'Windows', ja: 'Windows' };
        return c.enabled
          ? { en: `Turn on ${m.en} authentication for "${c.location}"`, ja: `「${c.location}」の${m.ja}認証を有効にする` }
          : { en: `Turn off ${m.en} authentication for "${c.location}"`, ja: `「${c.location}」の${m.ja}認証を無効にする` };
      }
      case 'iis.vdir.add':
        return {
          en: `Add the virtual directory ${c.path} to "${c.app}", pointing to ${c.physicalPath}`,
          ja: `「${c.app}」に ${c.physicalPath} を指す仮想ディレクトリ ${c.path} を追加`,
        };
      case 'iis.binding.add':
        return { en: `Add the ${c.protocol} binding ${c.bindingInformation} to the site "${c.site}"`, ja: `サイト「${c.site}」に ${c.protocol} バインド ${c.bindingInformation} を追加` };
      case 'iis.script.run':
        return { en: `Run WSUS's script ${c.script}`, ja: `WSUS のスクリプト ${c.script} を実行` };
      case 'iis.config.restore':
        return { en: `Put back the IIS configuration saved as backup "${c.backup}"`, ja: `バックアップ「${c.backup}」として保存した IIS 構成を元に戻す` };
      case 'acl.grant': {
        const who = SID_NAMES[c.sid] ?? { en: c.sid, ja: c.sid };
        const r = c.rights === 'F' ? { en: 'Full Control', ja: 'フル コントロール' } : { en: 'Read & Execute', ja: '読み取りと実行' };
        return { en: `Give ${who.en} (${c.sid}) ${r.en} on ${c.path}`, ja: `${c.path} で ${who.ja} (${c.sid}) に${r.ja}を許可` };
      }
      case 'acl.restore':
        return { en: `Put back the permissions of ${c.path} saved in ${c.saved}`, ja: `${c.saved} に保存した ${c.path} のアクセス許可を元に戻す` };
      default:
        return { en: `Change ${c.kind}`, ja: `変更 ${c.kind}` };
    }
  })();
  return { en: `${text.en}${line}`, ja: `${text.ja}${line}` };
}
