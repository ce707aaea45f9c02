import type { Evidence } from '../../../shared/results.js';
import type { L10n } from '../../../shared/text.js';
import type { CheckImpl } from '../../engine/check.js';
import { clip, textEvidence } from '../evidence.js';
import { anonymousAccessFix, likelySiteName } from './fixes.js';
import { statusLine } from './http-evidence.js';
import { fetchSafe } from './probe.js';
import { CLIENTWEBSERVICE_PATH, CONTENT_PATH, SELFUPDATE_PATH } from './resources.js';
import { authSchemes, isWindowsAuth, type SafeResponse } from './response.js';
import { gateOutcome, noTargetOutcome, targetEvidence, wsusTarget } from './target.js';

/** The answer shows the request got through without a logon (anything but 401/407 or a server failure). */
function answeredAnonymously(r: SafeResponse): boolean {
  return r.outcome === 'response' && r.status !== undefined && r.status !== 401 && r.status !== 407 && r.status < 500;
}

function row(label: L10n, r: SafeResponse): Evidence {
  const auth = r.headers['www-authenticate'];
  return textEvidence(label, clip(`GET ${r.url} → ${statusLine(r)}${auth ? `; www-authenticate: ${auth}` : ''}`, 600));
}

function statusText(r: SafeResponse, lang: 'en' | 'ja' = 'en'): string {
  if (r.outcome === 'response' && r.status !== undefined) return `HTTP ${r.status}`;
  return lang === 'ja' ? `応答なし (${r.outcome})` : `no answer (${r.outcome})`;
}

const SU_LABEL: L10n = { en: 'Self-update file (SelfUpdate)', ja: '自己更新ファイル (SelfUpdate)' };
const CWS_LABEL: L10n = { en: 'Client web service (ClientWebService)', ja: 'クライアント Web サービス (ClientWebService)' };
const CONTENT_LABEL: L10n = { en: 'Content folder (Content)', ja: 'コンテンツ フォルダー (Content)' };
const CWS_NOUN: L10n = { en: 'client web service (ClientWebService)', ja: 'クライアント Web サービス (ClientWebService)' };
const CONTENT_NOUN: L10n = { en: 'Content folder', ja: 'Content フォルダー' };

export const httpAuthMismatch: CheckImpl = {
  id: 'http.auth-mismatch',
  async run(ctx) {
    const target = await wsusTarget(ctx);
    if (!target.ok) return noTargetOutcome(target);
    const gate = await gateOutcome(ctx, target, target.parsed.port);
    if (gate) return gate;
    const root = target.parsed.url;
    // Both answers are shared with http.selfupdate and http.clientwebservice: no new request in a full run.
    const [su, cws] = await Promise.all([fetchSafe(ctx, `${root}${SELFUPDATE_PATH}`), fetchSafe(ctx, `${root}${CLIENTWEBSERVICE_PATH}`)]);
    const evidence: Evidence[] = [targetEvidence(target), row(SU_LABEL, su), row(CWS_LABEL, cws)];

    if (su.outcome !== 'response' || su.status === undefined) {
      return {
        status: 'info',
        summary: {
          en: `Nothing to compare: the self-update address gave no answer (${su.outcome}), so its authentication cannot be seen. http.selfupdate explains why.`,
          ja: `比較できません。自己更新のアドレスから応答がなかった (${su.outcome}) ため、その認証設定が分かりません。理由は http.selfupdate で説明しています。`,
        },
        evidence,
      };
    }
    if (su.status !== 401) {
      return {
        status: 'pass',
        summary: {
          en: `The self-update address did not ask for a logon (it answered HTTP ${su.status}), so there is no authentication mismatch. Any other problem with it is reported by http.selfupdate.`,
          ja: `自己更新のアドレスはログオンを求めませんでした (HTTP ${su.status} を返しました)。そのため認証設定の不一致はありません。それ以外の問題があれば http.selfupdate が報告します。`,
        },
        evidence,
      };
    }

    const schemes = authSchemes(su);
    const offered = schemes.length > 0 ? schemes.join(', ') : 'no scheme named';
    const logon: L10n = isWindowsAuth(schemes)
      ? { en: `Windows authentication (${offered})`, ja: `Windows 認証 (${offered})` }
      : { en: `a logon (${offered})`, ja: `ログオン (${offered})` };
    let anonymous: { noun: L10n; r: SafeResponse } | null = answeredAnonymously(cws) ? { noun: CWS_NOUN, r: cws } : null;
    let content: SafeResponse | null = null;
    if (!anonymous) {
      content = await fetchSafe(ctx, `${root}${CONTENT_PATH}`);
      evidence.push(row(CONTENT_LABEL, content));
      if (answeredAnonymously(content)) anonymous = { noun: CONTENT_NOUN, r: content };
    }
    const site = likelySiteName(target.parsed.port);

    if (anonymous) {
      return {
        status: 'fail',
        summary: {
          en: `Authentication mismatch: the SelfUpdate folder asks for ${logon.en} (401), while the ${anonymous.noun.en} lets anonymous requests through (${statusText(anonymous.r)}). Clients never log on, so they reach WSUS but cannot read the self-update files and fail with 0x80244017 (HTTP 401). This is the combination the self-update troubleshooting article warns about; the cure is to allow anonymous access on SelfUpdate as well.`,
          ja: `認証設定の不一致です。SelfUpdate フォルダーは 401 を返して ${logon.ja} を求めていますが、${anonymous.noun.ja}は匿名の要求を通しています (${statusText(anonymous.r, 'ja')})。クライアントはログオンしないため、WSUS には届いても自己更新ファイルを読めず、0x80244017 (HTTP 401) で失敗します。これは自己更新のトラブルシューティング記事が警告している組み合わせで、SelfUpdate でも匿名アクセスを許可すれば解消します。`,
        },
        evidence,
        fixes: [anonymousAccessFix('http.auth-mismatch', 'SelfUpdate', site)],
      };
    }
    const everything401 = cws.status === 401 && content?.status === 401;
    if (everything401) {
      return {
        status: 'info',
        summary: {
          en: `Not a mismatch between folders: SelfUpdate, ClientWebService and Content all ask for a logon (401), so anonymous access is off for the whole site. Clients can do nothing there; http.selfupdate and http.clientwebservice report it. Turn anonymous access back on for the site.`,
          ja: `フォルダー間の不一致ではありません。SelfUpdate、ClientWebService、Content のすべてがログオンを求めている (401) ため、サイト全体で匿名アクセスが無効です。クライアントはこのサイトで何もできません。http.selfupdate と http.clientwebservice がこれを報告しています。サイトの匿名アクセスを有効に戻してください。`,
        },
        evidence,
        fixes: [anonymousAccessFix('http.auth-mismatch', null, site)],
      };
    }
    return {
      status: 'info',
      summary: {
        en: `The SelfUpdate folder asks for ${logon.en} (401), but no other part of the site gave an anonymous answer to compare with (client web service: ${statusText(cws)}; Content: ${content ? statusText(content) : 'not asked'}). http.selfupdate reports the 401 itself.`,
        ja: `SelfUpdate フォルダーは 401 を返して ${logon.ja} を求めていますが、比較できる匿名の応答がサイトの他の部分から得られませんでした (クライアント Web サービス: ${statusText(cws, 'ja')}、Content: ${content ? statusText(content, 'ja') : '要求せず'})。401 そのものは http.selfupdate が報告しています。`,
      },
      evidence,
    };
  },
};
