import type { FixOffer } from '../../../shared/changes.js';
import { KEYS } from '../../../shared/registry-types.js';
import type { Evidence } from '../../../shared/results.js';
import type { L10n } from '../../../shared/text.js';
import type { WsusUrl } from '../../../shared/wsus-url.js';
import type { CheckImpl } from '../../engine/check.js';
import { textEvidence, registryEvidence } from '../evidence.js';
import { quoteRaw } from './format.js';
import { urlCandidate, type UrlCandidate } from './misspelling.js';
import { urlValueFix } from './url-fix.js';
import { joinL10n, judgeUrlValue, readPolicy } from './policy.js';

const FIX_ID = 'client.policy.wuserver:set-server';

const TITLE: L10n = { en: 'Write the WSUS address to WUServer', ja: 'WUServer に WSUS のアドレスを書き込む' };

export function setServerFix(candidate: UrlCandidate | null): FixOffer {
  return urlValueFix({
    id: FIX_ID,
    title: TITLE,
    name: 'WUServer',
    candidate,
    manualStep: {
      en: `Write ${KEYS.wuPolicy}\\WUServer (REG_SZ) with the address of your WSUS server, then restart the Windows Update service.`,
      ja: `${KEYS.wuPolicy}\\WUServer (REG_SZ) に WSUS サーバーのアドレスを書き込み、Windows Update サービスを再起動します。`,
    },
  });
}

function normaliseFix(url: WsusUrl): UrlCandidate {
  return { url, source: { en: 'the current value, cleaned up', ja: '現在の値 (整えたもの)' } };
}

export const policyWuServer: CheckImpl = {
  id: 'client.policy.wuserver',
  async run(ctx) {
    const policy = await readPolicy(ctx);
    const evidence: Evidence[] = [registryEvidence(KEYS.wuPolicy, 'WUServer', policy.wu)];
    const verdict = judgeUrlValue(policy.wu, 'WUServer');

    switch (verdict.kind) {
      case 'missing':
        return {
          status: 'fail',
          summary: {
            en: 'WUServer is not set, so this computer has no WSUS server to contact: it neither self-updates from WSUS nor reports to it.',
            ja: 'WUServer が設定されていないため、このコンピューターには接続先の WSUS サーバーがありません。WSUS からの自己更新も WSUS への報告も行われません。',
          },
          evidence,
          fixes: [setServerFix(urlCandidate(ctx, policy))],
        };
      case 'wrong-type':
        evidence.push(
          textEvidence(
            { en: 'Why it is rejected', ja: '不合格の理由' },
            `type ${verdict.value.type}; a URL must be stored as REG_SZ`,
          ),
        );
        return {
          status: 'fail',
          summary: {
            en: `WUServer is stored as ${verdict.value.type} instead of text (REG_SZ), so Windows cannot read an address from it.`,
            ja: `WUServer が文字列 (REG_SZ) ではなく ${verdict.value.type} で保存されているため、Windows はアドレスとして読み取れません。`,
          },
          evidence,
          fixes: [setServerFix(urlCandidate(ctx, policy))],
        };
      case 'invalid':
        evidence.push(
          textEvidence({ en: 'Text as read', ja: '読み取った文字列' }, quoteRaw(verdict.raw, 300)),
          textEvidence({ en: 'Why it is rejected', ja: '不合格の理由' }, verdict.reason.en),
        );
        return {
          status: 'fail',
          summary: {
            en: `WUServer does not hold a usable WSUS address: ${verdict.reason.en} The agent cannot reach a server with it.`,
            ja: `WUServer に使える WSUS のアドレスが入っていません: ${verdict.reason.ja} この値ではエージェントはサーバーに接続できません。`,
          },
          evidence,
          fixes: [setServerFix(urlCandidate(ctx, policy))],
        };
      case 'valid': {
        const p = verdict.parsed;
        evidence.push(
          textEvidence(
            { en: 'Address as understood', ja: '解釈したアドレス' },
            `${p.url} (scheme ${p.scheme}, host ${p.host}, port ${p.port}${p.explicitPort ? '' : ' by default'})`,
          ),
          textEvidence(
            { en: 'Self-update URL the agent uses', ja: 'エージェントが使う自己更新 URL' },
            `${p.url}/selfupdate/wuident.cab`,
          ),
        );
        if (verdict.quirks.length > 0) {
          const why = joinL10n(verdict.quirks);
          return {
            status: 'warn',
            summary: {
              en: `WUServer names a valid server (${p.url}), but ${why.en}. Rewriting it as "${p.url}" removes the doubt.`,
              ja: `WUServer は有効なサーバー (${p.url}) を指していますが、${why.ja}。"${p.url}" に書き直せば問題がなくなります。`,
            },
            evidence,
            fixes: [setServerFix(normaliseFix(p.url))],
          };
        }
        return {
          status: 'pass',
          summary: {
            en: `WUServer points to ${p.url}, a complete WSUS address.`,
            ja: `WUServer は ${p.url} を指しており、WSUS のアドレスとして完全です。`,
          },
          evidence,
        };
      }
    }
  },
};
