import { l10n } from '../../../shared/text.js';
import { componentsFor, type IisSite } from '../../adapters/iis/application-host.js';
import { SHAREPOINT_MARKERS } from '../../adapters/iis/simulated-serving.js';
import type { CheckImpl } from '../../engine/check.js';
import { manualFix } from './fixes.js';
import { ev, guarded, layout } from './server-facts.js';

const EXCLUDE = ['/iuident.cab', '/wutrack.bin', '/clientwebservice', '/Selfupdate'];

function looksLikeHtml(body: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(body.subarray(0, 512)).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<head');
}

export const sharepoint: CheckImpl = {
  id: 'server.sharepoint',
  run: (ctx) =>
    guarded(ctx, async () => {
      const read = await layout(ctx);
      if (!read.ok) return read.outcome;
      const { config, port80Site, wsusSite, setup } = read.layout;
      const sites = [port80Site, wsusSite].filter((s, i, a): s is IisSite => s !== null && a.indexOf(s) === i);
      const found = sites.map((s) => ({ site: s, marks: componentsFor(config, s.name).filter((c) => SHAREPOINT_MARKERS.test(c)) })).filter((x) => x.marks.length > 0);
      const evidence = found.map((f) => ev(l10n(`SharePoint components on ${f.site.name}`, `${f.site.name} の SharePoint コンポーネント`), [...new Set(f.marks)].join(', ')));
      if (found.length === 0) {
        return { status: 'pass', summary: l10n('No SharePoint module, handler or ISAPI filter is configured on the port-80 or WSUS site.', 'ポート 80 のサイトにも WSUS サイトにも、SharePoint のモジュール、ハンドラー、ISAPI フィルターは構成されていません。'), evidence };
      }
      // Does SharePoint answer for the self-update tree? Ask the site the way a client would.
      const site = found[0]!.site;
      const port = site === wsusSite && setup.portNumber ? setup.portNumber : 80;
      const url = `http://localhost${port === 80 ? '' : `:${port}`}/selfupdate/wuident.cab`;
      const answer = await ctx.facts.http(url, ctx.signal);
      const intercepted = answer.outcome === 'response' && (answer.status === 401 || answer.status === 403 || (answer.status === 200 && looksLikeHtml(answer.body)));
      evidence.push(ev(l10n(`GET ${url}`, `GET ${url}`), answer.outcome === 'response' ? `${answer.status} ${answer.headers['content-type'] ?? ''}`.trim() : `${answer.outcome}: ${answer.message ?? ''}`));
      const fix = manualFix('server.sharepoint:exclude-paths', l10n('Exclude the WSUS paths from SharePoint', 'WSUS のパスを SharePoint の管理対象から除外する'), [
        l10n(`Open SharePoint Central Administration, choose the web application (virtual server) on ${site.name}, and open its managed paths ("Define managed paths").`, `SharePoint サーバーの全体管理を開き、${site.name} の Web アプリケーション (仮想サーバー) を選んで、管理パス (「管理パスの定義」) を開きます。`),
        l10n(`Add each of these as an excluded path: ${EXCLUDE.join(', ')}.`, `次のパスをそれぞれ除外パスとして追加します: ${EXCLUDE.join('、')}。`),
        l10n('Make sure anonymous access is on for the site root, ClientWebService and SelfUpdate (server.iis.anonymous-auth), then run this tool again.', 'サイトのルート、ClientWebService、SelfUpdate で匿名アクセスが有効であることを確認し (server.iis.anonymous-auth)、このツールを再実行します。'),
      ]);
      if (intercepted) {
        return {
          status: 'fail',
          summary: l10n(
            `SharePoint handles the requests of ${site.name} and answers /selfupdate/wuident.cab itself (${answer.status}${answer.status === 200 ? ', an HTML page' : ''}) instead of IIS serving the cabinet. The WSUS paths must be excluded in SharePoint; that is done by hand.`,
            `${site.name} の要求を SharePoint が処理しており、/selfupdate/wuident.cab に IIS がキャビネットを返す代わりに SharePoint 自身が応答しています (${answer.status}${answer.status === 200 ? '、HTML ページ' : ''})。SharePoint で WSUS のパスを除外する必要があり、この作業は手動で行います。`,
          ),
          evidence,
          fixes: [fix],
        };
      }
      return {
        status: 'warn',
        summary: l10n(
          `SharePoint is configured on ${site.name}, but /selfupdate/wuident.cab still reaches IIS here; the exclusions may already be in place. Check SharePoint's managed paths list ${EXCLUDE.join(', ')} as excluded.`,
          `${site.name} に SharePoint が構成されていますが、ここでは /selfupdate/wuident.cab は IIS に届いています。除外が既に設定されている可能性があります。SharePoint の管理パスで ${EXCLUDE.join('、')} が除外されていることを確認してください。`,
        ),
        evidence,
        fixes: [fix],
      };
    }),
};
