import type { L10n } from '../../../shared/text.js';
import type { CheckImpl } from '../../engine/check.js';
import { textEvidence } from '../evidence.js';
import { probe } from './probe.js';
import { SELFUPDATE_PATH, SELFUPDATE_PORT80 } from './resources.js';
import { clientEra, ERA_NAMES, gateOutcome, noTargetOutcome, targetEvidence, wsusTarget } from './target.js';

export const httpSelfUpdatePort80: CheckImpl = {
  id: 'http.selfupdate-port80',
  async run(ctx) {
    const target = await wsusTarget(ctx);
    if (!target.ok) return noTargetOutcome(target);
    const p = target.parsed;
    if (p.port === 80) {
      return {
        status: 'skip',
        summary: {
          en: `The WSUS address already uses port 80 (${p.url}), so this is the same request as http.selfupdate.`,
          ja: `WSUS のアドレスはすでにポート 80 を使っている (${p.url}) ため、http.selfupdate と同じ要求になります。`,
        },
        evidence: [targetEvidence(target)],
      };
    }
    const gate = await gateOutcome(ctx, target, 80);
    if (gate) return gate;

    const era = await clientEra(ctx);
    const needed = ctx.role === 'client' && era === 'nt5';
    let failNote: L10n;
    if (needed) {
      failNote = {
        en: 'This client is Windows 2000, XP or Server 2003: the older WSUS articles say such clients need the self-update tree on a port-80 site even when WSUS itself runs on another port, so it cannot become WSUS-capable until this works.',
        ja: 'このクライアントは Windows 2000、XP、Server 2003 のいずれかです。古い WSUS の記事によると、WSUS 自体が別のポートで動いていても、このようなクライアントにはポート 80 のサイトの自己更新ツリーが必要です。そのため、これが動作するまで WSUS 対応になれません。',
      };
    } else if (ctx.role === 'client' && era !== null) {
      failNote = {
        en: `Only a warning here: this client (${ERA_NAMES[era].en}) uses the WSUS port itself, as current guidance does. The older articles (WSUS 2.0/3.0, KB 920659) still require a port-80 copy for legacy Windows 2000, XP and Server 2003 clients, so fix it if any remain.`,
        ja: `ここでは警告にとどめます。このクライアント (${ERA_NAMES[era].ja}) は、現在のガイダンスどおり WSUS のポートそのものを使います。古い記事 (WSUS 2.0/3.0、KB 920659) は、Windows 2000、XP、Server 2003 の古いクライアントのためにポート 80 にも置くよう求めているので、そうしたクライアントが残っている場合は修正してください。`,
      };
    } else {
      failNote = {
        en: 'Only a warning: current clients use the WSUS port itself, as current guidance does. The older articles (WSUS 2.0/3.0, KB 920659) still require a port-80 copy for legacy Windows 2000, XP and Server 2003 clients, so fix it if any remain.',
        ja: '警告にとどめます。最近のクライアントは、現在のガイダンスどおり WSUS のポートそのものを使います。古い記事 (WSUS 2.0/3.0、KB 920659) は、Windows 2000、XP、Server 2003 の古いクライアントのためにポート 80 にも置くよう求めているので、そうしたクライアントが残っている場合は修正してください。',
      };
    }
    const evidence = [
      textEvidence(
        { en: 'Why port 80', ja: 'ポート 80 を調べる理由' },
        `WSUS uses port ${p.port}; the older articles want the SelfUpdate folder on a port-80 site as well${ctx.role === 'client' && era ? ` (this client: ${era})` : ''}`,
      ),
    ];
    return probe(ctx, target, {
      checkId: 'http.selfupdate-port80',
      url: `http://${p.host}${SELFUPDATE_PATH}`,
      port: 80,
      port80Site: true,
      resource: SELFUPDATE_PORT80,
      failStatus: needed ? 'fail' : 'warn',
      failNote,
      passNote: {
        en: ' Clients that look for the self-update tree on port 80 find it too.',
        ja: 'ポート 80 で自己更新ツリーを探すクライアントも、これを見つけられます。',
      },
      evidence,
    });
  },
};
