import { l10n, type L10n } from '../../../shared/text.js';
import type { WsusEvent } from '../../adapters/types.js';
import type { CheckImpl } from '../../engine/check.js';
import { ev, guarded, serverAdapters } from './server-facts.js';

interface Component {
  name: L10n;
  /** event ids that say it works / does not work ([U]: ids as the WSUS health monitor logs them; others are listed by number) */
  ok: number[];
  broken: number[];
}

const COMPONENTS: Component[] = [
  { name: l10n('self-update', '自己更新'), ok: [13041], broken: [13042] },
  { name: l10n('the client web service', 'クライアント Web サービス'), ok: [12021], broken: [12022] },
  { name: l10n('the reporting web service', 'レポート Web サービス'), ok: [12001], broken: [12002] },
  { name: l10n('the API remoting web service', 'API リモート処理 Web サービス'), ok: [12011], broken: [12012] },
  { name: l10n('the server synchronization web service', 'サーバー同期 Web サービス'), ok: [12031], broken: [12032] },
  { name: l10n('the simple authentication web service', '簡易認証 Web サービス'), ok: [12041], broken: [12042] },
  { name: l10n('the DSS authentication web service', 'DSS 認証 Web サービス'), ok: [12051], broken: [12052] },
];

const MAX_EVENTS = 200;

export const eventsHealth: CheckImpl = {
  id: 'server.events.health',
  run: (ctx) =>
    guarded(ctx, async () => {
      let events: WsusEvent[];
      try {
        events = await serverAdapters(ctx).events.wsusEvents(MAX_EVENTS, ctx.signal);
      } catch (e) {
        return { status: 'error', summary: l10n(`The Application event log could not be read: ${e instanceof Error ? e.message : String(e)}`, `アプリケーション イベント ログを読み取れませんでした: ${e instanceof Error ? e.message : String(e)}`) };
      }
      const newest = [...events].sort((a, b) => b.time.localeCompare(a.time));
      const counts = new Map<number, number>();
      for (const e of events) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
      const evidence = [
        ev(l10n('Events read (source "Windows Server Update Services")', '読み取ったイベント (ソース "Windows Server Update Services")'), `${events.length}${events.length >= MAX_EVENTS ? ' (newest only)' : ''}`),
        ...[...counts].sort((a, b) => a[0] - b[0]).slice(0, 20).map(([id, n]) => ev(l10n(`Event ${id}`, `イベント ${id}`), `${n} time(s), last ${newest.find((e) => e.id === id)?.time || 'unknown'}`)),
      ];
      const broken = COMPONENTS.map((c) => ({ c, last: newest.find((e) => c.ok.includes(e.id) || c.broken.includes(e.id)) })).filter((x) => x.last && x.c.broken.includes(x.last.id));
      if (broken.length === 0) {
        return {
          status: events.length === 0 ? 'info' : 'pass',
          summary:
            events.length === 0
              ? l10n('There are no WSUS events in the Application log (the health monitor may not have run yet).', 'アプリケーション ログに WSUS のイベントはありません (正常性モニターがまだ実行されていない可能性があります)。')
              : l10n('The newest WSUS health events report no component as not working.', '最新の WSUS 正常性イベントには、動作していないと報告されたコンポーネントはありません。'),
          evidence,
        };
      }
      return {
        status: 'warn',
        summary: l10n(
          `WSUS's own health monitor last reported ${broken.map((b) => `${b.c.name.en} as not working (event ${b.last!.id}, ${b.last!.time || 'time unknown'})`).join('; ')}. These events are history: the other server checks show whether the cause is still there.`,
          `WSUS 自身の正常性モニターは、最後に ${broken.map((b) => `${b.c.name.ja}が動作していない (イベント ${b.last!.id}、${b.last!.time || '時刻不明'})`).join('、')}と報告しています。これらのイベントは過去の記録です。原因が今も残っているかは、ほかのサーバー側チェックで確認できます。`,
        ),
        evidence,
      };
    }),
};
