import { l10n } from '../../../shared/text.js';
import { effectiveAuth } from '../../adapters/iis/application-host.js';
import type { CheckImpl } from '../../engine/check.js';
import { anonymousOn, automaticFix } from './fixes.js';
import { ev, guarded, layout } from './server-facts.js';
import { clientLocations } from './wsus-locations.js';

export function authText(a: { anonymous: boolean; windows: boolean; basic: boolean }): string {
  const on = [a.anonymous ? 'anonymous' : '', a.windows ? 'Windows' : '', a.basic ? 'basic' : ''].filter(Boolean);
  return on.length ? on.join(' + ') : 'none enabled';
}

export const iisAnonymousAuth: CheckImpl = {
  id: 'server.iis.anonymous-auth',
  run: (ctx) =>
    guarded(ctx, async () => {
      const read = await layout(ctx);
      if (!read.ok) return read.outcome;
      const locations = clientLocations(read.layout);
      const rows = locations.map((l) => ({ ...l, auth: effectiveAuth(read.layout.config, l.location) }));
      const evidence = rows.map((r) => ev(l10n(`Authentication of ${r.location}`, `${r.location} の認証`), `${authText(r.auth)}${r.auth.from.length ? ` (set at: ${r.auth.from.map((f) => f || 'server level').join(' → ')})` : ''}`));
      const off = rows.filter((r) => !r.auth.anonymous);
      if (off.length === 0) {
        return {
          status: 'pass',
          summary: l10n(`Anonymous authentication is on for all ${rows.length} places clients reach without logging on.`, `クライアントがログオンせずにアクセスする ${rows.length} か所すべてで匿名認証が有効です。`),
          evidence,
        };
      }
      return {
        status: 'fail',
        summary: l10n(
          `Anonymous authentication is off for ${off.map((r) => r.location).join(', ')}. Clients do not log on, so IIS refuses them (401${off.some((r) => !r.auth.windows) ? '.2' : ''}) and they cannot self-update (0x80244017). KB920659 asks for anonymous access everywhere except the administration API.`,
          `${off.map((r) => r.location).join('、')} で匿名認証が無効です。クライアントはログオンしないため IIS に拒否され (401${off.some((r) => !r.auth.windows) ? '.2' : ''})、自己更新できません (0x80244017)。KB920659 は管理 API 以外のすべてで匿名アクセスを有効にするよう求めています。`,
        ),
        evidence,
        fixes: [
          automaticFix(
            'server.iis.anonymous-auth:enable',
            l10n('Turn on anonymous authentication', '匿名認証を有効にする'),
            l10n('Turn anonymous authentication on for each of these configuration paths (stored in applicationHost.config):', '次の各構成パスで匿名認証を有効にします (applicationHost.config に保存されます):'),
            off.map((r) => anonymousOn(r.location)),
          ),
        ],
      };
    }),
};
