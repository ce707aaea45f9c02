import type { Change } from '../../../shared/changes.js';
import { l10n } from '../../../shared/text.js';
import type { IisSite } from '../../adapters/iis/application-host.js';
import type { CheckImpl } from '../../engine/check.js';
import { automaticFix } from './fixes.js';
import { bindingsText, ev, guarded, layout, siteLabel } from './server-facts.js';

/** The http bindings of a site on a port, and whether the server can reach them through 127.0.0.1. */
function loopbackReach(site: IisSite, port: number): { bindings: string[]; reachable: boolean } {
  const b = site.bindings.filter((x) => x.protocol === 'http' && x.port === port);
  return { bindings: b.map((x) => x.bindingInformation), reachable: b.some((x) => (x.ip === '*' || x.ip === '127.0.0.1') && x.host === '') };
}

export const iisIpBinding: CheckImpl = {
  id: 'server.iis.ip-binding',
  run: (ctx) =>
    guarded(ctx, async () => {
      const read = await layout(ctx);
      if (!read.ok) return read.outcome;
      const { wsusSite, port80Site, setup } = read.layout;
      const targets: { site: IisSite; port: number }[] = [];
      if (port80Site) targets.push({ site: port80Site, port: 80 });
      if (wsusSite && setup.portNumber !== null && !(wsusSite === port80Site && setup.portNumber === 80)) targets.push({ site: wsusSite, port: setup.portNumber });
      const evidence = targets.map((t) => ev(l10n(`Bindings of ${t.site.name}`, `${t.site.name} のバインド`), bindingsText(t.site)));
      if (targets.length === 0) return { status: 'info', summary: l10n('There is no port-80 or WSUS site to look at (see server.iis.port80-site).', '確認するポート 80 のサイトも WSUS サイトもありません (server.iis.port80-site を参照)。'), evidence };
      const bad = targets.filter((t) => !loopbackReach(t.site, t.port).reachable && loopbackReach(t.site, t.port).bindings.length > 0);
      if (bad.length === 0) {
        return { status: 'pass', summary: l10n('The sites answer on all unassigned addresses or on 127.0.0.1, so the server can reach its own self-update tree.', 'サイトは未使用のすべてのアドレスまたは 127.0.0.1 で応答するため、サーバーは自分の自己更新ツリーにアクセスできます。'), evidence };
      }
      const plan: Change[] = bad.map((t) => ({ kind: 'iis.binding.add', site: t.site.name, protocol: 'http', bindingInformation: `127.0.0.1:${t.port}:` }));
      return {
        status: 'fail',
        summary: l10n(
          `${bad.map((t) => `${siteLabel(t.site)} is bound to ${loopbackReach(t.site, t.port).bindings.join(', ')} only`).join('; ')}. With neither 127.0.0.1 nor "All Unassigned", requests the server makes to itself are not answered (http.sys replies 400) and the self-update tree is reported as not running (KB920659).`,
          `${bad.map((t) => `${siteLabel(t.site)} は ${loopbackReach(t.site, t.port).bindings.join('、')} だけにバインドされています`).join('。')}。127.0.0.1 も「未使用の IP アドレスすべて」もないため、サーバーが自分自身に送る要求には応答がなく (http.sys は 400 を返します)、自己更新ツリーは動作していないと報告されます (KB920659)。`,
        ),
        evidence,
        fixes: [
          automaticFix(
            'server.iis.ip-binding:add-loopback',
            l10n('Add a 127.0.0.1 binding', '127.0.0.1 のバインドを追加する'),
            l10n('Add an http binding on 127.0.0.1 for the same port (the existing bindings stay as they are):', '同じポートで 127.0.0.1 の http バインドを追加します (既存のバインドはそのままです):'),
            plan,
            [l10n('If the site may answer on every address, binding it to "All Unassigned" (*) instead also works; change that in IIS Manager > Bindings.', 'サイトがすべてのアドレスで応答してよい場合は、代わりに「未使用の IP アドレスすべて」(*) にバインドしても解決します。IIS マネージャーの [バインド] で変更します。')],
          ),
        ],
      };
    }),
};
