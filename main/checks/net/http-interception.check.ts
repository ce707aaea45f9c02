import type { Evidence } from '../../../shared/results.js';
import type { CheckImpl } from '../../engine/check.js';
import { clip, textEvidence } from '../evidence.js';
import { sharePointFix } from './fixes.js';
import { firstBytes, statusLine } from './http-evidence.js';
import { fetchSafe } from './probe.js';
import { SELFUPDATE_PATH } from './resources.js';
import { intercepted, type Expect, type SafeResponse } from './response.js';
import { gateOutcome, noTargetOutcome, targetEvidence, wsusTarget } from './target.js';

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function expectFor(url: string): Expect {
  return /\.(cab|bin)$/i.test(url.replace(/[?#].*$/, '')) ? 'cab' : 'page';
}

interface Seen {
  r: SafeResponse;
  expect: Expect;
  hit: { html: boolean; sharePoint: string[] } | null;
}

export const httpInterception: CheckImpl = {
  id: 'http.interception',
  async run(ctx) {
    const target = await wsusTarget(ctx);
    if (!target.ok) return noTargetOutcome(target);
    const gate = await gateOutcome(ctx, target, target.parsed.port);
    const urls: string[] = [];
    if (!gate) urls.push(`${target.parsed.url}${SELFUPDATE_PATH}`);
    // Every other address of this server that an earlier check already fetched (shared answers, no new request).
    const host = hostOf(target.parsed.url);
    for (const url of ctx.facts.httpUrls()) if (!urls.includes(url) && host !== null && hostOf(url) === host) urls.push(url);
    if (urls.length === 0) return gate ?? noTargetOutcome({ ok: false });

    const seen: Seen[] = [];
    for (const url of urls) {
      const r = await fetchSafe(ctx, url);
      const expect = expectFor(url);
      seen.push({ r, expect, hit: intercepted(r, expect) });
    }
    const evidence: Evidence[] = [targetEvidence(target)];
    for (const s of seen) {
      const type = s.r.headers['content-type'];
      const verdict = s.hit
        ? [s.hit.html ? 'a web page instead of a file' : null, ...s.hit.sharePoint].filter((x): x is string => x !== null).join('; ')
        : 'no sign of another product';
      evidence.push(
        textEvidence(
          { en: `GET ${clip(s.r.url, 200)}`, ja: `GET ${clip(s.r.url, 200)}` },
          clip(`${statusLine(s.r)}${type ? `; content-type: ${type}` : ''} → ${verdict}`, 800),
        ),
      );
    }
    const hits = seen.filter((s) => s.hit !== null);
    const answered = seen.filter((s) => s.r.outcome === 'response' && typeof s.r.status === 'number');
    if (hits.length === 0 && answered.length === 0) {
      return {
        status: 'skip',
        summary: {
          en: 'Not judged: none of the addresses tried on this server answered at all, so there is no answer to inspect (see the checks above for why).',
          ja: '判定していません。このサーバーで試したアドレスはどれも応答しなかったため、調べる応答がありません (理由は上のチェックを参照)。',
        },
        evidence,
      };
    }
    if (hits.length === 0) {
      return {
        status: 'pass',
        summary: {
          en: `None of the ${answered.length} answer(s) from this server checked so far came with a web page in place of a file, and none carries SharePoint's signs: no other product has taken over the self-update paths.`,
          ja: `これまでに確認したこのサーバーの ${answered.length} 件の応答のうち、ファイルの代わりに Web ページを返したものも、SharePoint の特徴を持つものもありませんでした。自己更新のパスを横取りしている製品はありません。`,
        },
        evidence,
      };
    }
    const first = hits[0]!;
    if (first.r.body.length > 0) {
      const { preview } = firstBytes(first.r.body);
      evidence.push(textEvidence({ en: 'Start of the page received', ja: '受け取ったページの先頭' }, preview || '(nothing printable)'));
    }
    const sharePoint = hits.some((h) => h.hit!.sharePoint.length > 0);
    const list = hits.map((h) => h.r.url).join(', ');
    return {
      status: 'fail',
      summary: sharePoint
        ? {
            en: `SharePoint has taken over WSUS paths on this site: ${clip(list, 400)} answered with SharePoint's signs (see the evidence) instead of the WSUS files. Clients get a page or a logon request they cannot use, so they do not self-update. SharePoint must be told to leave /iuident.cab, /wutrack.bin, /clientwebservice and /selfupdate alone.`,
            ja: `このサイトでは SharePoint が WSUS のパスを横取りしています。${clip(list, 400)} は WSUS のファイルではなく、SharePoint の特徴を持つ応答を返しました (根拠を参照)。クライアントは利用できないページやログオン要求を受け取るため、自己更新できません。/iuident.cab、/wutrack.bin、/clientwebservice、/selfupdate を SharePoint の管理対象から外す必要があります。`,
          }
        : {
            en: `Another web application has taken over WSUS paths on this site: ${clip(list, 400)} answered 200 with a web page instead of the file. The status looks like success, but the agent cannot use a page. SharePoint is the usual culprit even when its signs are hidden; otherwise look for another application or a handler mapping on the site.`,
            ja: `このサイトでは別の Web アプリケーションが WSUS のパスを横取りしています。${clip(list, 400)} はファイルの代わりに Web ページを 200 で返しました。状態コードは成功に見えますが、エージェントはページを利用できません。特徴が見えなくても SharePoint が原因であることが多く、そうでなければサイト上の別のアプリケーションやハンドラー マッピングを確認してください。`,
          },
      evidence,
      fixes: [sharePointFix('http.interception')],
    };
  },
};
