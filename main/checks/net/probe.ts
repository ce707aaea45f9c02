/** One GET of a WSUS address, judged and explained: the body of every HTTP file and page check. */
import type { CheckId } from '../../../shared/check-ids.js';
import type { Evidence } from '../../../shared/results.js';
import type { CheckStatus } from '../../../shared/status.js';
import type { L10n } from '../../../shared/text.js';
import type { CheckContext, CheckImpl, CheckOutcome } from '../../engine/check.js';
import { explainFailure, type Resource } from './explain.js';
import { fixesFor } from './fixes.js';
import { httpEvidence } from './http-evidence.js';
import { judge, sanitize, type SafeResponse, type Verdict } from './response.js';
import { bareHost, gateOutcome, machineRoute, noTargetOutcome, targetEvidence, targetNote, wsusTarget, type Target } from './target.js';

/** The shared (memoised) GET of a URL, as a SafeResponse. */
export async function fetchSafe(ctx: CheckContext, url: string): Promise<SafeResponse> {
  const raw = await ctx.facts.http(url, ctx.signal);
  return sanitize(raw, url);
}

export interface ProbeSpec {
  checkId: CheckId;
  url: string;
  port: number;
  resource: Resource;
  /** the request goes to the extra port-80 site */
  port80Site?: boolean;
  /** the status when the answer is not usable (legacy-only files are a warning where legacy clients are not known) */
  failStatus: Extract<CheckStatus, 'fail' | 'warn'>;
  /** appended to the summary when the answer is not usable (e.g. who needs the file) */
  failNote?: L10n;
  /** appended to the summary when it is */
  passNote?: L10n;
  evidence?: Evidence[];
}

/** A note appended to a sentence: one space before it in English, none in Japanese. */
function tail(t: L10n | undefined): L10n {
  if (!t) return { en: '', ja: '' };
  return { en: t.en.trim() ? ` ${t.en.trim()}` : '', ja: t.ja.trim() };
}

function took(r: SafeResponse): L10n {
  const t = r.timings.totalMs;
  return t === undefined ? { en: '', ja: '' } : { en: ` in ${Math.round(t)} ms`, ja: ` (${Math.round(t)} ms)` };
}

function redirectsNote(r: SafeResponse): L10n {
  if (r.hops.length === 0) return { en: '', ja: '' };
  return {
    en: ` It was redirected ${r.hops.length} time(s) first (to ${r.finalUrl}); clients follow the same redirects.`,
    ja: `その前に ${r.hops.length} 回リダイレクトされました (転送先: ${r.finalUrl})。クライアントも同じリダイレクトをたどります。`,
  };
}

function passSummary(v: Extract<Verdict, { ok: true }>, r: SafeResponse, spec: ProbeSpec): L10n {
  const t = took(r);
  const note = tail(spec.passNote);
  const redirects = redirectsNote(r);
  if (v.kind === 'page')
    return {
      en: `${spec.url} answered 200${t.en}: ${spec.resource.name.en} is reachable without logging on.${redirects.en}${note.en}`,
      ja: `${spec.url} は 200 を返しました${t.ja}。${spec.resource.name.ja} にはログオンなしで到達できます。${redirects.ja}${note.ja}`,
    };
  const size: L10n =
    v.sizeCheck === 'exact'
      ? { en: `${v.declaredSize} bytes, exactly the size the file declares`, ja: `${v.declaredSize} バイトで、ファイルが宣言するサイズと一致` }
      : v.sizeCheck === 'content-length'
        ? { en: `${v.declaredSize} bytes declared, the same as the server announced`, ja: `宣言サイズ ${v.declaredSize} バイトで、サーバーの予告と一致` }
        : { en: `${v.declaredSize} bytes declared; only its start was read, and that is valid`, ja: `宣言サイズ ${v.declaredSize} バイト。先頭だけを読み、その部分は正常` };
  return {
    en: `${spec.url} answered 200${t.en} with a valid cabinet file (${size.en}): ${spec.resource.name.en} downloads the way the agent needs it.${redirects.en}${note.en}`,
    ja: `${spec.url} は 200 を返し${t.ja}、正しい CAB ファイルでした (${size.ja})。${spec.resource.name.ja} はエージェントが必要とするとおりにダウンロードできます。${redirects.ja}${note.ja}`,
  };
}

export async function probe(ctx: CheckContext, target: Target, spec: ProbeSpec): Promise<CheckOutcome> {
  const r = await fetchSafe(ctx, spec.url);
  const v = judge(r, spec.resource.expect);
  const evidence: Evidence[] = [targetEvidence(target), ...(spec.evidence ?? []), ...httpEvidence(r, { route: machineRoute(ctx), showBody: !v.ok })];
  if (v.ok) return { status: 'pass', summary: passSummary(v, r, spec), evidence };
  const cause = explainFailure(v, spec.resource, {
    port: spec.port,
    totalTimeoutMs: ctx.facts.netLimits.totalTimeoutMs,
    hops: r.hops.length,
    contentType: r.headers['content-type'] ?? '',
    message: r.message,
  });
  const note = tail(spec.failNote);
  return {
    status: spec.failStatus,
    summary: {
      en: `The request for ${spec.url} did not give a usable answer. ${cause.en} ${spec.resource.consequence.en}${note.en}`,
      ja: `${spec.url} への要求に対して、使える応答が得られませんでした。${cause.ja}${spec.resource.consequence.ja}${note.ja}`,
    },
    evidence,
    fixes: fixesFor(spec.checkId, v, spec.resource, { port: spec.port, port80Site: spec.port80Site ?? false }, bareHost(target.parsed.host)),
  };
}

/**
 * A check that requests one resource at the WSUS URL's own port and judges the answer: the shape of
 * http.selfupdate, http.clientwebservice and http.simpleauth, which differ only in their data.
 */
export function wsusResourceCheck(id: CheckId, path: string, resource: Resource): CheckImpl {
  return {
    id,
    async run(ctx) {
      const target = await wsusTarget(ctx);
      if (!target.ok) return noTargetOutcome(target);
      const gate = await gateOutcome(ctx, target, target.parsed.port);
      if (gate) return gate;
      return probe(ctx, target, {
        checkId: id,
        url: `${target.parsed.url}${path}`,
        port: target.parsed.port,
        resource,
        failStatus: 'fail',
        passNote: targetNote(target),
        failNote: targetNote(target),
      });
    },
  };
}
