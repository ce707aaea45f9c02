/**
 * The WSUS address the network and HTTP checks test, and the rules that skip a check instead of
 * repeating a failure already reported (a name that does not resolve, a port that does not answer).
 */
import type { CheckId } from '../../../shared/check-ids.js';
import type { Era } from '../../../shared/os-era.js';
import type { Evidence } from '../../../shared/results.js';
import type { L10n } from '../../../shared/text.js';
import type { ParsedWsusUrl } from '../../../shared/wsus-url.js';
import type { CheckContext, CheckOutcome } from '../../engine/check.js';
import type { PolicyProblem, WsusTarget } from '../../engine/facts.js';
import { textEvidence } from '../evidence.js';

export type Target = Extract<WsusTarget, { ok: true }>;

/** The host as the network calls want it: IPv6 literals without their brackets. */
export function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}

/** True for an IPv4 or IPv6 literal (no name to resolve). */
export function isIpLiteral(host: string): boolean {
  const h = bareHost(host);
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(h) || (h.includes(':') && /^[0-9a-f:.]+$/i.test(h));
}

/** "host:port", IPv6 in brackets. */
export function hostPort(p: ParsedWsusUrl): string {
  return `${p.host}:${p.port}`;
}

const POLICY_PROBLEM_TEXT: Record<PolicyProblem, { en: string; ja: string }> = {
  missing: { en: 'WUServer is not set', ja: 'WUServer が設定されていない' },
  invalid: { en: 'WUServer does not hold a valid address', ja: 'WUServer に有効なアドレスが入っていない' },
  unreadable: { en: 'the WUServer policy could not be read', ja: 'WUServer のポリシーを読み取れなかった' },
};

export async function wsusTarget(ctx: CheckContext): Promise<WsusTarget> {
  return ctx.facts.target(ctx.role, ctx.options.serverUrl);
}

/** Skip outcome when there is no address at all. */
export function noTargetOutcome(t: Extract<WsusTarget, { ok: false }>): CheckOutcome {
  const evidence: Evidence[] = [];
  if (t.policyProblem) evidence.push(textEvidence({ en: 'WUServer policy', ja: 'WUServer ポリシー' }, POLICY_PROBLEM_TEXT[t.policyProblem].en));
  evidence.push(textEvidence({ en: 'Address given to the tool (--server)', ja: 'ツールに指定されたアドレス (--server)' }, '(none)'));
  return {
    status: 'skip',
    summary: {
      en: 'There is no WSUS address to test: fix WUServer first or give the server address with --server.',
      ja: 'テストする WSUS のアドレスがありません。先に WUServer を修正するか、--server でサーバーのアドレスを指定してください。',
    },
    evidence,
  };
}

/** Where the address under test came from, as one evidence line. */
export function targetEvidence(t: Target): Evidence {
  let where: string;
  if (t.source === 'policy') where = 'from the WUServer policy, which the update agent uses';
  else if (t.policyProblem) where = `given with --server, because ${POLICY_PROBLEM_TEXT[t.policyProblem].en}`;
  else where = 'given with --server';
  if (t.ignoredOption) where += `; --server ${t.ignoredOption} was not used, because the agent uses WUServer`;
  return textEvidence({ en: 'WSUS address under test', ja: 'テストする WSUS のアドレス' }, `${t.parsed.url} (${where})`);
}

/** Short bilingual note for summaries when the address is not the client's own WUServer. */
export function targetNote(t: Target): { en: string; ja: string } {
  if (t.source === 'option' && t.policyProblem)
    return {
      en: ` (The address was given with --server, because ${POLICY_PROBLEM_TEXT[t.policyProblem].en}.)`,
      ja: ` (${POLICY_PROBLEM_TEXT[t.policyProblem].ja}ため、--server で指定されたアドレスを使いました。)`,
    };
  return { en: '', ja: '' };
}

/** How web requests leave this machine (HttpAdapter.route), always as text. */
export function machineRoute(ctx: CheckContext): string {
  const route: unknown = ctx.machine.http.route;
  return typeof route === 'string' ? route.slice(0, 500) : '';
}

/**
 * The proxy a request to this URL goes through, or null when it goes directly. Through a proxy, a failed
 * direct lookup or connection does not decide whether an HTTP request can succeed.
 */
export async function proxyFor(ctx: CheckContext, url: string): Promise<string | null> {
  return (await ctx.machine.http.routeFor(url, ctx.signal)).proxy;
}

/**
 * Skip an HTTP request that cannot succeed because net.dns failed for its host, or net.tcp failed for
 * its host and port. Returns null when the request should be made.
 */
export async function gateOutcome(ctx: CheckContext, target: Target, port: number): Promise<CheckOutcome | null> {
  const scheme = port === 80 ? 'http' : target.parsed.scheme;
  if ((await proxyFor(ctx, `${scheme}://${target.parsed.host}:${port}/`)) !== null) return null;
  const failed = (id: CheckId) => ctx.resultOf(id)?.status === 'fail';
  const host = target.parsed.host;
  if (failed('net.dns')) {
    return {
      status: 'skip',
      summary: {
        en: `Not requested: the server name ${host} does not resolve (see net.dns), so this request could not reach the server either.`,
        ja: `要求しませんでした。サーバー名 ${host} を解決できないため (net.dns を参照)、この要求もサーバーに届きません。`,
      },
      evidence: [targetEvidence(target)],
    };
  }
  if (port === target.parsed.port && failed('net.tcp')) {
    return {
      status: 'skip',
      summary: {
        en: `Not requested: no TCP connection could be opened to ${host}:${port} (see net.tcp), so this request would fail the same way.`,
        ja: `要求しませんでした。${host}:${port} に TCP 接続できないため (net.tcp を参照)、この要求も同じように失敗します。`,
      },
      evidence: [targetEvidence(target)],
    };
  }
  return null;
}

/** The Windows releases of a generation, in words for both languages. */
export const ERA_NAMES: Record<Era, L10n> = {
  nt5: { en: 'Windows 2000 / XP / Server 2003', ja: 'Windows 2000 / XP / Server 2003' },
  'nt6.0': { en: 'Windows Vista / 7 / Server 2008 / 2008 R2', ja: 'Windows Vista / 7 / Server 2008 / 2008 R2' },
  'nt6.2': { en: 'Windows 8 / 8.1 / Server 2012 / 2012 R2', ja: 'Windows 8 / 8.1 / Server 2012 / 2012 R2' },
  nt10: { en: 'Windows 10 / 11 / Server 2016 or later', ja: 'Windows 10 / 11 / Server 2016 以降' },
};

/** The client's Windows generation, or null in the remote role or when it cannot be read. */
export async function clientEra(ctx: CheckContext): Promise<Era | null> {
  if (ctx.role !== 'client') return null;
  try {
    return (await ctx.facts.os()).era;
  } catch {
    return null;
  }
}

/**
 * The files only legacy (NT 5.x) clients request: in the client role on a newer client the check does not
 * apply, and says so naming the client's generation. Returns null when the check should run.
 */
export function legacyOnlySkip(ctx: CheckContext, target: Target, era: Era | null, what: L10n): CheckOutcome | null {
  if (ctx.role !== 'client' || era === null || era === 'nt5') return null;
  return {
    status: 'skip',
    summary: {
      en: `Does not apply: only legacy Windows 2000, XP and Server 2003 clients ${what.en}, and this client is ${ERA_NAMES[era].en}.`,
      ja: `該当しません。${what.ja}のは Windows 2000、XP、Server 2003 の古いクライアントだけで、このクライアントは ${ERA_NAMES[era].ja} です。`,
    },
    evidence: [targetEvidence(target)],
  };
}
