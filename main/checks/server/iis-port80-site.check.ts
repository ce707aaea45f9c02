import { l10n } from '../../../shared/text.js';
import type { CheckImpl } from '../../engine/check.js';
import { automaticFix, manualFix } from './fixes.js';
import { bindingsText, ev, guarded, hasHttpPort, layout, siteLabel, stateOf } from './server-facts.js';

export const iisPort80Site: CheckImpl = {
  id: 'server.iis.port80-site',
  run: (ctx) =>
    guarded(ctx, async () => {
      const read = await layout(ctx);
      if (!read.ok) return read.outcome;
      const { config, port80Site, runtime, era } = read.layout;
      const evidence = config.sites.map((s) => ev(l10n(`Site ${s.name}`, `サイト ${s.name}`), `${bindingsText(s)}; ${stateOf(runtime, 'site', s.name)}`));
      if (!port80Site) {
        const legacy = era === 'legacy';
        return {
          status: legacy ? 'fail' : 'warn',
          summary: legacy
            ? l10n(
                'No IIS site listens for http on port 80. On a WSUS 3.0-era server the self-update tree must be on a port-80 site even when WSUS uses 8530 (Issues with Client Self-Update; KB920659), so older clients cannot self-update.',
                'ポート 80 で http を待ち受ける IIS サイトがありません。WSUS 3.0 世代のサーバーでは、WSUS が 8530 を使う場合でも自己更新ツリーをポート 80 のサイトに置く必要があるため (「Issues with Client Self-Update」、KB920659)、古いクライアントは自己更新できません。',
              )
            : l10n(
                'No IIS site listens for http on port 80. The older articles (Issues with Client Self-Update, KB920659) require one for the self-update tree; clients of this server\'s era take self-update from the WSUS port instead, so this only matters for very old clients.',
                'ポート 80 で http を待ち受ける IIS サイトがありません。古い記事 (「Issues with Client Self-Update」、KB920659) は自己更新ツリーのためにこのサイトを必要としていますが、このサーバーの世代のクライアントは WSUS のポートから自己更新を取得するため、影響するのはごく古いクライアントだけです。',
              ),
          evidence,
          fixes: [
            manualFix('server.iis.port80-site:create-site', l10n('Put a web site on port 80', 'ポート 80 に Web サイトを用意する'), [
              l10n('In IIS Manager, start the Default Web Site or add an http binding on port 80 ("All Unassigned") to a site; it does not have to be dedicated to WSUS.', 'IIS マネージャーで既定の Web サイトを開始するか、いずれかのサイトにポート 80 (「未使用の IP アドレスすべて」) の http バインドを追加します。WSUS 専用のサイトである必要はありません。'),
              l10n('Then run this tool again: it offers to add the SelfUpdate virtual directory to that site.', 'その後このツールを再実行すると、そのサイトに SelfUpdate 仮想ディレクトリを追加する修復が提示されます。'),
            ]),
          ],
        };
      }
      const state = stateOf(runtime, 'site', port80Site.name);
      if (state === 'stopped') {
        return {
          status: 'fail',
          summary: l10n(`The port-80 site ${siteLabel(port80Site)} exists but is stopped, so nothing answers on port 80.`, `ポート 80 のサイト ${siteLabel(port80Site)} はありますが停止しているため、ポート 80 では何も応答しません。`),
          evidence,
          fixes: [
            automaticFix(
              'server.iis.port80-site:start-site',
              l10n(`Start the site "${port80Site.name}"`, `サイト「${port80Site.name}」を開始する`),
              l10n('Start the site with appcmd:', 'appcmd でサイトを開始します:'),
              [{ kind: 'iis.site.start', site: port80Site.name }],
            ),
          ],
        };
      }
      const others = config.sites.filter((s) => s !== port80Site && hasHttpPort(s, 80));
      return {
        status: 'pass',
        summary: l10n(
          `The site ${siteLabel(port80Site)} answers http on port 80${others.length ? ` (${others.length} other site(s) also bind port 80)` : ''}.`,
          `サイト ${siteLabel(port80Site)} がポート 80 で http に応答します${others.length ? ` (ほかに ${others.length} 個のサイトもポート 80 にバインドしています)` : ''}。`,
        ),
        evidence,
      };
    }),
};
