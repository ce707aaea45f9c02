import type { CheckImpl } from '../../engine/check.js';
import { probe } from './probe.js';
import { IUIDENT, IUIDENT_PATH } from './resources.js';
import { clientEra, gateOutcome, legacyOnlySkip, noTargetOutcome, wsusTarget } from './target.js';

export const httpIuident: CheckImpl = {
  id: 'http.iuident',
  async run(ctx) {
    const target = await wsusTarget(ctx);
    if (!target.ok) return noTargetOutcome(target);
    const era = await clientEra(ctx);
    const skip = legacyOnlySkip(ctx, target, era, { en: 'request iuident.cab (WSUS 2.0 era)', ja: 'iuident.cab (WSUS 2.0 世代のファイル) を要求する' });
    if (skip) return skip;
    const gate = await gateOutcome(ctx, target, target.parsed.port);
    if (gate) return gate;
    const needed = ctx.role === 'client' && era === 'nt5';
    return probe(ctx, target, {
      checkId: 'http.iuident',
      url: `${target.parsed.url}${IUIDENT_PATH}`,
      port: target.parsed.port,
      resource: IUIDENT,
      failStatus: needed ? 'fail' : 'warn',
      failNote: needed
        ? {
            en: 'This client is Windows 2000, XP or Server 2003, so it depends on this file.',
            ja: 'このクライアントは Windows 2000、XP、Server 2003 のいずれかなので、このファイルに依存しています。',
          }
        : {
            en: 'Only a warning: only legacy Windows 2000, XP and Server 2003 clients request this file, so it matters only where such clients remain.',
            ja: '警告にとどめます。このファイルを要求するのは Windows 2000、XP、Server 2003 の古いクライアントだけなので、問題になるのはそうしたクライアントが残っている場合だけです。',
          },
    });
  },
};
