import type { Change } from '../../../shared/changes.js';
import { l10n } from '../../../shared/text.js';
import { effectiveAuth } from '../../adapters/iis/application-host.js';
import type { CheckImpl } from '../../engine/check.js';
import { authText } from './iis-anonymous-auth.check.js';
import { anonymousOn, automaticFix } from './fixes.js';
import { ev, guarded, layout } from './server-facts.js';
import { allLocations, isAdminApi } from './wsus-locations.js';

export const iisWindowsAuthScope: CheckImpl = {
  id: 'server.iis.windows-auth-scope',
  run: (ctx) =>
    guarded(ctx, async () => {
      const read = await layout(ctx);
      if (!read.ok) return read.outcome;
      const rows = allLocations(read.layout).map((l) => ({ ...l, auth: effectiveAuth(read.layout.config, l.location) }));
      const windowsOnly = rows.filter((r) => r.auth.windows && !r.auth.anonymous && !isAdminApi(r.location));
      const mixed = rows.filter((r) => r.auth.windows && r.auth.anonymous && !isAdminApi(r.location));
      const evidence = rows.filter((r) => r.auth.windows).map((r) => ev(l10n(`Windows authentication on ${r.location}`, `${r.location} の Windows 認証`), authText(r.auth)));
      if (windowsOnly.length === 0) {
        const note = mixed.length
          ? l10n(
              ` ${mixed.map((r) => r.location).join(', ')} also ${mixed.length > 1 ? 'accept' : 'accepts'} Windows authentication next to anonymous; KB920659 would turn it off, the WSUS 2.0 documentation lists that combination for SelfUpdate, and clients are not affected.`,
              ` ${mixed.map((r) => r.location).join('、')} では匿名認証と併せて Windows 認証も有効です。KB920659 では無効にする設定ですが、WSUS 2.0 のドキュメントは SelfUpdate でのこの組み合わせを挙げており、クライアントへの影響はありません。`,
            )
          : l10n('', '');
        return {
          status: 'pass',
          summary: l10n(`Windows authentication without anonymous access is limited to the administration API.${note.en}`, `匿名アクセスなしの Windows 認証は管理 API だけに限られています。${note.ja}`),
          evidence,
        };
      }
      const plan: Change[] = windowsOnly.flatMap((r) => [anonymousOn(r.location), { kind: 'iis.auth.set', location: r.location, method: 'windows', enabled: false } as Change]);
      return {
        status: 'fail',
        summary: l10n(
          `${windowsOnly.map((r) => r.location).join(', ')} ${windowsOnly.length > 1 ? 'require' : 'requires'} Windows authentication. Clients answer the 401 challenge with the computer's own account or not at all, and self-update fails with 0x80244017. Only the administration API (ApiRemoting30, WSUSAdmin in KB920659) should ask for Windows logons.`,
          `${windowsOnly.map((r) => r.location).join('、')} で Windows 認証が必須になっています。クライアントは 401 の認証要求にコンピューター アカウントで応じるか応じないため、自己更新は 0x80244017 で失敗します。Windows ログオンを求めるべきなのは管理 API (ApiRemoting30、KB920659 では WSUSAdmin) だけです。`,
        ),
        evidence,
        fixes: [
          automaticFix(
            'server.iis.windows-auth-scope:anonymous-only',
            l10n('Make these paths anonymous again', 'これらのパスを匿名アクセスに戻す'),
            l10n('Turn anonymous authentication on and Windows authentication off for each path (the administration API is left alone):', '各パスで匿名認証を有効にし、Windows 認証を無効にします (管理 API は変更しません):'),
            plan,
          ),
        ],
      };
    }),
};
