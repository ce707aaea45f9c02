import type { Evidence } from '../../../shared/results.js';
import type { CheckImpl } from '../../engine/check.js';
import { textEvidence } from '../evidence.js';
import { legacyLanguageVariable, legacyOsVariable } from '../client/system-os.check.js';
import { probe } from './probe.js';
import { WUAUCOMP, wuaucompPath } from './resources.js';
import { clientEra, gateOutcome, legacyOnlySkip, noTargetOutcome, targetEvidence, wsusTarget } from './target.js';

export const httpWuaucomp: CheckImpl = {
  id: 'http.wuaucomp',
  async run(ctx) {
    const target = await wsusTarget(ctx);
    if (!target.ok) return noTargetOutcome(target);
    const era = await clientEra(ctx);
    const skip = legacyOnlySkip(ctx, target, era, { en: 'download wuaucomp.cab', ja: 'wuaucomp.cab をダウンロードする' });
    if (skip) return skip;
    const needed = ctx.role === 'client' && era === 'nt5';
    let osVar = 'XP';
    let langVar = 'EN';
    const evidence: Evidence[] = [];
    if (needed) {
      const os = await ctx.facts.os();
      const derivedOs = legacyOsVariable(os);
      const derivedLang = legacyLanguageVariable(os.uiLanguage);
      if (!derivedOs || !derivedLang) {
        return {
          status: 'info',
          summary: {
            en: `The legacy package could not be checked: the folder names for this client could not be derived from its version (${os.version}) and display language (${os.uiLanguage}).`,
            ja: `旧クライアントのパッケージを確認できませんでした。このクライアントのバージョン (${os.version}) と表示言語 (${os.uiLanguage}) からフォルダー名を導けませんでした。`,
          },
          evidence: [targetEvidence(target)],
        };
      }
      osVar = derivedOs;
      langVar = derivedLang;
      evidence.push(
        textEvidence(
          { en: 'Variant (derived)', ja: '対象のパッケージ (導出)' },
          `${osVar}/${langVar}: derived from version ${os.version} and display language ${os.uiLanguage}; if the server uses another folder name for this language, look in its SelfUpdate\\AU\\x86\\${osVar} folder`,
        ),
      );
    } else {
      evidence.push(
        textEvidence(
          { en: 'Variant (example)', ja: '対象のパッケージ (例)' },
          'XP/EN: the English Windows XP package, as an example (there is no client here to derive the variant from)',
        ),
      );
    }
    const gate = await gateOutcome(ctx, target, target.parsed.port);
    if (gate) return gate;
    return probe(ctx, target, {
      checkId: 'http.wuaucomp',
      url: `${target.parsed.url}${wuaucompPath(osVar, langVar)}`,
      port: target.parsed.port,
      resource: WUAUCOMP,
      failStatus: needed ? 'fail' : 'warn',
      failNote: needed
        ? {
            en: 'This client is Windows 2000, XP or Server 2003, so it needs this package to become WSUS-capable.',
            ja: 'このクライアントは Windows 2000、XP、Server 2003 のいずれかなので、WSUS 対応になるためにこのパッケージが必要です。',
          }
        : {
            en: 'Only a warning: only legacy Windows 2000, XP and Server 2003 clients download this package, so it matters only where such clients remain (the variant checked is an example).',
            ja: '警告にとどめます。このパッケージをダウンロードするのは Windows 2000、XP、Server 2003 の古いクライアントだけなので、問題になるのはそうしたクライアントが残っている場合だけです (確認したのは例としてのパッケージです)。',
          },
      evidence,
    });
  },
};
