import { l10n } from '../../../shared/text.js';
import { findVirtualDirectory } from '../../adapters/iis/application-host.js';
import type { CheckImpl } from '../../engine/check.js';
import { manualFix } from './fixes.js';
import { ev, guarded, layout, siteLabel } from './server-facts.js';
import { ADMIN_API_DIRS, PORT80_DIRS, WSUS_SITE_DIRS } from './wsus-locations.js';

export const iisVdirs: CheckImpl = {
  id: 'server.iis.vdirs',
  run: (ctx) =>
    guarded(ctx, async () => {
      const read = await layout(ctx);
      if (!read.ok) return read.outcome;
      const { wsusSite, port80Site, configuration, era } = read.layout;
      if (!wsusSite) return { status: 'error', summary: l10n('The WSUS site is unknown (see server.iis.apppool).', 'WSUS のサイトが不明です (server.iis.apppool を参照)。') };
      const have = (site: typeof wsusSite, d: string) => findVirtualDirectory(site, `/${d}`) !== null;
      const missing: string[] = WSUS_SITE_DIRS.filter((d) => !have(wsusSite, d));
      const admin = ADMIN_API_DIRS.find((d) => have(wsusSite, d));
      if (!admin) missing.push('ApiRemoting30');
      const port80Missing = configuration === 2 && port80Site && port80Site !== wsusSite ? PORT80_DIRS.filter((d) => d !== 'SelfUpdate' && !have(port80Site, d)) : [];
      const evidence = [
        ev(l10n('Layout', 'レイアウト'), configuration === 1 ? 'KB920659 Configuration 1: WSUS on the port-80 site' : 'KB920659 Configuration 2: WSUS on its own site'),
        ev(l10n(`Directories on ${wsusSite.name}`, `${wsusSite.name} のディレクトリ`), wsusSite.applications.flatMap((a) => a.virtualDirectories.map((v) => `${a.path.replace(/\/$/, '')}${v.path === '/' ? '' : v.path}` || '/')).join(', ')),
      ];
      if (port80Site && configuration === 2 && port80Site !== wsusSite) {
        evidence.push(ev(l10n(`Directories on ${port80Site.name}`, `${port80Site.name} のディレクトリ`), port80Site.applications.flatMap((a) => a.virtualDirectories.map((v) => `${a.path.replace(/\/$/, '')}${v.path === '/' ? '' : v.path}` || '/')).join(', ')));
      }
      if (missing.length === 0 && port80Missing.length === 0) {
        return {
          status: 'pass',
          summary: l10n(
            `The WSUS site ${siteLabel(wsusSite)} has every web service of KB920659 Configuration ${configuration} (admin API: ${admin}); SelfUpdate is checked by server.iis.selfupdate-vdir.`,
            `WSUS サイト ${siteLabel(wsusSite)} には KB920659 の構成 ${configuration} のすべての Web サービスがあります (管理 API: ${admin})。SelfUpdate は server.iis.selfupdate-vdir で確認します。`,
          ),
          evidence,
        };
      }
      const wsusPart = missing.length ? `the WSUS site lacks ${missing.join(', ')}` : '';
      const portPart = port80Missing.length ? `the port-80 site lacks ${port80Missing.join(', ')}` : '';
      const status = missing.length > 0 || era === 'legacy' ? 'fail' : 'warn';
      return {
        status,
        summary: l10n(
          `Compared with KB920659 Configuration ${configuration}, ${[wsusPart, portPart].filter(Boolean).join(' and ')}. Clients calling a missing web service get 404.`,
          `KB920659 の構成 ${configuration} と比べると、${[missing.length ? `WSUS サイトに ${missing.join('、')} がありません` : '', port80Missing.length ? `ポート 80 のサイトに ${port80Missing.join('、')} がありません` : ''].filter(Boolean).join('。また、')}。存在しない Web サービスを呼び出したクライアントは 404 を受け取ります。`,
        ),
        evidence,
        fixes: [
          manualFix('server.iis.vdirs:repair', l10n('Recreate the missing WSUS web services', '不足している WSUS の Web サービスを作り直す'), [
            l10n('Run "wsusutil.exe postinstall" from the WSUS Tools folder (with the same content folder and database options as before): it recreates the WSUS site\'s applications.', 'WSUS の Tools フォルダーから「wsusutil.exe postinstall」を (以前と同じコンテンツ フォルダーとデータベースの指定で) 実行します。WSUS サイトのアプリケーションが作り直されます。'),
            l10n('For the port-80 copy of ClientWebService, KB920659 describes saving the directory\'s configuration from the WSUS site and importing it on the port-80 site in IIS Manager.', 'ポート 80 側の ClientWebService については、IIS マネージャーで WSUS サイトのディレクトリ構成を保存し、ポート 80 のサイトに取り込む手順が KB920659 に説明されています。'),
          ]),
        ],
      };
    }),
};
