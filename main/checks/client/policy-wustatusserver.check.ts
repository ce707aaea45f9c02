import type { FixOffer } from '../../../shared/changes.js';
import { KEYS } from '../../../shared/registry-types.js';
import type { Evidence } from '../../../shared/results.js';
import type { L10n } from '../../../shared/text.js';
import type { CheckImpl } from '../../engine/check.js';
import { textEvidence, registryEvidence } from '../evidence.js';
import { quoteRaw } from './format.js';
import { urlCandidate, type UrlCandidate } from './misspelling.js';
import { urlValueFix } from './url-fix.js';
import { joinL10n, judgeUrlValue, readPolicy } from './policy.js';

const FIX_ID = 'client.policy.wustatusserver:set-status-server';

const TITLE: L10n = { en: 'Write the reporting address to WUStatusServer', ja: 'WUStatusServer にレポート先のアドレスを書き込む' };

function setStatusFix(candidate: UrlCandidate | null, extraSteps: L10n[] = []): FixOffer {
  return urlValueFix({
    id: FIX_ID,
    title: TITLE,
    name: 'WUStatusServer',
    candidate,
    extraSteps,
    manualStep: {
      en: `Write ${KEYS.wuPolicy}\\WUStatusServer (REG_SZ) with the address of your WSUS server, normally the same as WUServer, then restart the Windows Update service.`,
      ja: `${KEYS.wuPolicy}\\WUStatusServer (REG_SZ) に WSUS サーバーのアドレス (通常は WUServer と同じ) を書き込み、Windows Update サービスを再起動します。`,
    },
  });
}

export const policyWuStatusServer: CheckImpl = {
  id: 'client.policy.wustatusserver',
  async run(ctx) {
    const policy = await readPolicy(ctx);
    const evidence: Evidence[] = [
      registryEvidence(KEYS.wuPolicy, 'WUStatusServer', policy.wu),
      registryEvidence(KEYS.wuPolicy, 'WUServer', policy.wu),
    ];
    const status = judgeUrlValue(policy.wu, 'WUStatusServer');
    const server = judgeUrlValue(policy.wu, 'WUServer');
    // The address a repair writes: the same as WUServer when that is valid, otherwise what the WUServer fix would write.
    const repairCandidate = (): UrlCandidate | null =>
      server.kind === 'valid'
        ? { url: server.parsed.url, source: { en: 'the WUServer value', ja: 'WUServer の値' } }
        : urlCandidate(ctx, policy);

    switch (status.kind) {
      case 'missing':
        return {
          status: 'fail',
          summary: {
            en: 'WUStatusServer is not set, so the client never sends its status to WSUS: it does not appear as reporting in the WSUS console, even if it finds updates.',
            ja: 'WUStatusServer が設定されていないため、クライアントは WSUS に状態を送りません。更新を検出できても、WSUS コンソールには報告済みとして表示されません。',
          },
          evidence,
          fixes: [setStatusFix(repairCandidate())],
        };
      case 'wrong-type':
        evidence.push(textEvidence({ en: 'Why it is rejected', ja: '不合格の理由' }, `type ${status.value.type}; a URL must be stored as REG_SZ`));
        return {
          status: 'fail',
          summary: {
            en: `WUStatusServer is stored as ${status.value.type} instead of text (REG_SZ), so the client has no address to report to.`,
            ja: `WUStatusServer が文字列 (REG_SZ) ではなく ${status.value.type} で保存されているため、クライアントには報告先のアドレスがありません。`,
          },
          evidence,
          fixes: [setStatusFix(repairCandidate())],
        };
      case 'invalid':
        evidence.push(
          textEvidence({ en: 'Text as read', ja: '読み取った文字列' }, quoteRaw(status.raw, 300)),
          textEvidence({ en: 'Why it is rejected', ja: '不合格の理由' }, status.reason.en),
        );
        return {
          status: 'fail',
          summary: {
            en: `WUStatusServer does not hold a usable address: ${status.reason.en} The client cannot send its reports with it.`,
            ja: `WUStatusServer に使えるアドレスが入っていません: ${status.reason.ja} この値ではクライアントは報告を送れません。`,
          },
          evidence,
          fixes: [setStatusFix(repairCandidate())],
        };
      case 'valid':
        break;
    }

    const own = status.parsed;
    const problemsEn: string[] = [];
    const problemsJa: string[] = [];
    if (status.quirks.length > 0) {
      const why = joinL10n(status.quirks);
      problemsEn.push(`WUStatusServer names a valid server (${own.url}), but ${why.en}.`);
      problemsJa.push(`WUStatusServer は有効なサーバー (${own.url}) を指していますが、${why.ja}。`);
    }
    const differs = server.kind === 'valid' && server.parsed.url !== own.url;
    if (differs) {
      problemsEn.push(
        `Reports go to ${own.url} while updates come from ${server.parsed.url}. Older Microsoft guidance says both must be the same; newer guidance allows a separate reporting server. Confirm that this split is intended: if not, the client never shows up as reporting on the server it updates from.`,
      );
      problemsJa.push(
        `報告先は ${own.url}、更新の取得元は ${server.parsed.url} で、異なっています。古い Microsoft の資料では両者を同じにするよう求めており、新しい資料では別のレポート サーバーも認めています。意図した構成か確認してください。意図していない場合、更新元のサーバーではこのクライアントが報告済みとして表示されません。`,
      );
    }
    if (problemsEn.length > 0) {
      const candidate: UrlCandidate =
        server.kind === 'valid'
          ? { url: server.parsed.url, source: { en: 'the WUServer value', ja: 'WUServer の値' } }
          : { url: own.url, source: { en: 'the current value, cleaned up', ja: '現在の値 (整えたもの)' } };
      const extra: L10n[] = differs
        ? [
            {
              en: `Skip this fix if the separate reporting server ${own.url} is intended.`,
              ja: `別のレポート サーバー ${own.url} を意図して使っている場合は、この修正を適用しないでください。`,
            },
          ]
        : [];
      return {
        status: 'warn',
        summary: { en: problemsEn.join(' '), ja: problemsJa.join('') },
        evidence,
        fixes: [setStatusFix(candidate, extra)],
      };
    }
    if (server.kind !== 'valid') {
      return {
        status: 'pass',
        summary: {
          en: `WUStatusServer points to ${own.url}. WUServer itself is not usable; its own check explains why.`,
          ja: `WUStatusServer は ${own.url} を指しています。WUServer 自体は使えない状態です。理由はそのチェックで説明しています。`,
        },
        evidence,
      };
    }
    return {
      status: 'pass',
      summary: {
        en: `WUStatusServer points to ${own.url}, the same server as WUServer, so reports reach the server the client updates from.`,
        ja: `WUStatusServer は WUServer と同じ ${own.url} を指しているため、報告は更新元のサーバーに届きます。`,
      },
      evidence,
    };
  },
};
