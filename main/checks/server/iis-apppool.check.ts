import type { Change } from '../../../shared/changes.js';
import { l10n } from '../../../shared/text.js';
import type { CheckImpl } from '../../engine/check.js';
import { automaticFix } from './fixes.js';
import { ev, guarded, layout, siteLabel, stateOf } from './server-facts.js';

export const iisAppPool: CheckImpl = {
  id: 'server.iis.apppool',
  run: (ctx) =>
    guarded(ctx, async () => {
      const read = await layout(ctx);
      if (!read.ok) return read.outcome;
      const { wsusSite, runtime, config } = read.layout;
      if (!wsusSite) {
        return {
          status: 'fail',
          summary: l10n(
            `No IIS site has the id WSUS records (IISTargetWebsiteIndex ${read.layout.setup.siteIndex}): the WSUS site has been deleted or recreated, so its application pool cannot be checked.`,
            `WSUS が記録しているサイト ID (IISTargetWebsiteIndex ${read.layout.setup.siteIndex}) の IIS サイトがありません。WSUS のサイトが削除または再作成されたため、アプリケーション プールを確認できません。`,
          ),
          evidence: [ev(l10n('IIS sites', 'IIS サイト'), config.sites.map(siteLabel).join(', ') || '(none)')],
        };
      }
      const pools = [...new Set(wsusSite.applications.map((a) => a.applicationPool))];
      const pool = wsusSite.applications.find((a) => a.path === '/')?.applicationPool ?? pools[0] ?? 'WsusPool';
      const siteState = stateOf(runtime, 'site', wsusSite.name);
      const evidence = [
        ev(l10n('WSUS site', 'WSUS サイト'), `${siteLabel(wsusSite)}: ${siteState}`),
        ...pools.map((p) => ev(l10n(`Application pool ${p}`, `アプリケーション プール ${p}`), stateOf(runtime, 'pool', p))),
      ];
      const stoppedPools = pools.filter((p) => stateOf(runtime, 'pool', p) === 'stopped' || stateOf(runtime, 'pool', p) === 'stopping');
      const plan: Change[] = stoppedPools.map((p) => ({ kind: 'iis.apppool.start', pool: p }));
      if (siteState === 'stopped') plan.push({ kind: 'iis.site.start', site: wsusSite.name });
      if (plan.length > 0) {
        const what = [...stoppedPools.map((p) => `the application pool ${p}`), ...(siteState === 'stopped' ? [`the site "${wsusSite.name}"`] : [])].join(' and ');
        const whatJa = [...stoppedPools.map((p) => `アプリケーション プール ${p}`), ...(siteState === 'stopped' ? [`サイト「${wsusSite.name}」`] : [])].join('と');
        return {
          status: 'fail',
          summary: l10n(
            `${what[0]!.toUpperCase()}${what.slice(1)} ${plan.length > 1 ? 'are' : 'is'} stopped, so IIS answers every WSUS request with 503 Service Unavailable (clients log 0x80244022). A pool that stops again after a start usually hit its private memory limit or crashed repeatedly (rapid-fail protection): look at the System log for WAS events.`,
            `${whatJa}が停止しているため、IIS は WSUS へのすべての要求に 503 Service Unavailable を返します (クライアントには 0x80244022 と記録されます)。開始してもまた停止する場合は、プライベート メモリの上限に達したか、異常終了が続いた (高速エラー防止) 可能性が高いため、システム ログの WAS のイベントを確認してください。`,
          ),
          evidence,
          fixes: [
            automaticFix(
              'server.iis.apppool:start',
              l10n(`Start ${stoppedPools.join(', ') || wsusSite.name}`, `${stoppedPools.join('、') || wsusSite.name} を開始する`),
              l10n('Start what is stopped with appcmd, in this order:', '停止しているものを appcmd で次の順に開始します:'),
              plan,
            ),
          ],
        };
      }
      return {
        status: 'pass',
        summary: l10n(`The WSUS site and its application pool ${pool} are running.`, `WSUS サイトとアプリケーション プール ${pool} は動作しています。`),
        evidence,
      };
    }),
};
