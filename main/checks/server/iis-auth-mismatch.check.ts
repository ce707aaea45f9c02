import { l10n } from '../../../shared/text.js';
import { effectiveAuth, findVirtualDirectory, type IisSite } from '../../adapters/iis/application-host.js';
import type { CheckImpl } from '../../engine/check.js';
import { authText } from './iis-anonymous-auth.check.js';
import { anonymousOn, automaticFix } from './fixes.js';
import { ev, guarded, layout } from './server-facts.js';

export const iisAuthMismatch: CheckImpl = {
  id: 'server.iis.auth-mismatch',
  run: (ctx) =>
    guarded(ctx, async () => {
      const read = await layout(ctx);
      if (!read.ok) return read.outcome;
      const { config, wsusSite, port80Site } = read.layout;
      const sites = [wsusSite, port80Site].filter((s, i, a): s is IisSite => s !== null && a.indexOf(s) === i);
      const pairs = sites
        .map((site) => ({ site, content: findVirtualDirectory(site, '/Content'), self: findVirtualDirectory(site, '/SelfUpdate') }))
        .filter((p) => p.content && p.self)
        .map((p) => ({ site: p.site, location: p.self!.location, content: effectiveAuth(config, p.content!.location), self: effectiveAuth(config, p.self!.location) }));
      const evidence = pairs.flatMap((p) => [
        ev(l10n(`${p.site.name}/Content`, `${p.site.name}/Content`), authText(p.content)),
        ev(l10n(`${p.site.name}/SelfUpdate`, `${p.site.name}/SelfUpdate`), authText(p.self)),
      ]);
      if (pairs.length === 0) {
        return { status: 'info', summary: l10n('No site holds both Content and SelfUpdate, so there is nothing to compare.', 'Content と SelfUpdate の両方を持つサイトがないため、比べる対象がありません。'), evidence };
      }
      const bad = pairs.filter((p) => p.content.anonymous && !p.self.anonymous && p.self.windows);
      if (bad.length === 0) {
        return { status: 'pass', summary: l10n('Content and SelfUpdate do not have the known mismatch (Content anonymous, SelfUpdate Windows-only).', 'Content と SelfUpdate には、既知の不一致 (Content は匿名、SelfUpdate は Windows 認証のみ) はありません。'), evidence };
      }
      return {
        status: 'fail',
        summary: l10n(
          `On ${bad.map((b) => b.site.name).join(', ')}, Content is anonymous while SelfUpdate asks for Windows authentication only: updates download, but the self-update files are refused with 401 — the case "Issues with Client Self-Update" describes.`,
          `${bad.map((b) => b.site.name).join('、')} では Content が匿名なのに SelfUpdate は Windows 認証のみを要求しています。更新プログラムはダウンロードできても、自己更新ファイルは 401 で拒否されます。「Issues with Client Self-Update」が説明している状態です。`,
        ),
        evidence,
        fixes: [
          automaticFix(
            'server.iis.auth-mismatch:anonymous-selfupdate',
            l10n('Allow anonymous access to SelfUpdate', 'SelfUpdate への匿名アクセスを許可する'),
            l10n('Turn anonymous authentication on for SelfUpdate, as it is for Content:', 'Content と同じく、SelfUpdate で匿名認証を有効にします:'),
            bad.map((b) => anonymousOn(b.location)),
          ),
        ],
      };
    }),
};
