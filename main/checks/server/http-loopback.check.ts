/**
 * The server asks itself for the self-update cabinet and the client web service through 127.0.0.1,
 * localhost and its own name, and compares the answers: the same failure on every name is a fault
 * of the site itself; a failure on the loopback names only is a binding; on the name only, DNS, a
 * host header or a binding to another address.
 */
import { parseCabHeader } from '../../../shared/cab.js';
import { l10n, type L10n } from '../../../shared/text.js';
import type { HttpResult } from '../../adapters/types.js';
import type { CheckImpl } from '../../engine/check.js';
import { loopbackProbes, type LoopbackProbe } from './loopback-urls.js';
import { ev, guarded, layout } from './server-facts.js';

interface Answer {
  probe: LoopbackProbe;
  ok: boolean;
  /** "200 cabinet", "404", "refused", ... */
  text: string;
  key: string;
}

function judge(probe: LoopbackProbe, r: HttpResult): Answer {
  if (r.outcome !== 'response') return { probe, ok: false, text: `${r.outcome}${r.message ? ` (${r.message})` : ''}`, key: r.outcome };
  const status = r.status ?? 0;
  const html = /text\/html/i.test(r.headers['content-type'] ?? '');
  if (probe.what !== 'clientwebservice' && status === 200) {
    const cab = parseCabHeader(r.body);
    return cab.ok ? { probe, ok: true, text: '200, cabinet', key: '200' } : { probe, ok: false, text: `200, ${html ? 'an HTML page' : 'not a cabinet'}`, key: html ? '200-html' : '200-bad' };
  }
  return { probe, ok: status === 200, text: `${status}${r.headers['www-authenticate'] ? ` (${r.headers['www-authenticate']})` : ''}`, key: String(status) };
}

const CAUSE: Record<string, L10n> = {
  '400': l10n('http.sys found no site bound to that address and name (a binding problem)', 'http.sys がそのアドレスと名前にバインドされたサイトを見つけられません (バインドの問題)'),
  '401': l10n('authentication is required where clients come anonymously', 'クライアントが匿名で来る場所で認証が要求されています'),
  '403': l10n('access is forbidden (permissions or SSL settings)', 'アクセスが禁止されています (アクセス許可または SSL の設定)'),
  '404': l10n('the virtual directory or file is missing, or the site is stopped', '仮想ディレクトリかファイルがないか、サイトが停止しています'),
  '503': l10n('the application pool is stopped', 'アプリケーション プールが停止しています'),
  '200-html': l10n('another product (SharePoint) answers with a page', '別の製品 (SharePoint) がページで応答しています'),
  refused: l10n('nothing listens on that port', 'そのポートで何も待ち受けていません'),
};

export const httpLoopback: CheckImpl = {
  id: 'server.http.loopback',
  run: (ctx) =>
    guarded(ctx, async () => {
      const read = await layout(ctx);
      if (!read.ok) return read.outcome;
      const probes = await loopbackProbes(ctx, read.layout);
      const answers = await Promise.all(probes.map(async (p) => judge(p, await ctx.facts.http(p.url, ctx.signal))));
      const evidence = answers.map((a) => ev(l10n(`GET ${a.probe.url}`, `GET ${a.probe.url}`), a.text));
      const groups = (['selfupdate', 'clientwebservice', 'selfupdate-port80'] as const)
        .map((what) => ({ what, list: answers.filter((a) => a.probe.what === what) }))
        .filter((g) => g.list.length > 0);
      const findings: { en: string; ja: string; severity: 'fail' | 'warn' }[] = [];
      for (const g of groups) {
        const bad = g.list.filter((a) => !a.ok);
        if (bad.length === 0) continue;
        const label = g.what === 'clientwebservice' ? l10n('the client web service', 'クライアント Web サービス') : g.what === 'selfupdate' ? l10n('the self-update cabinet', '自己更新キャビネット') : l10n('the self-update cabinet on port 80', 'ポート 80 の自己更新キャビネット');
        const severity = g.what === 'selfupdate-port80' && read.layout.era === 'modern' ? 'warn' : 'fail';
        const loopNames = g.list.filter((a) => a.probe.name === '127.0.0.1' || a.probe.name === 'localhost');
        const byName = g.list.filter((a) => !loopNames.includes(a));
        const cause = (k: string): L10n => CAUSE[k] ?? l10n('see the answer in the evidence', '応答は証拠を参照してください');
        if (bad.length === g.list.length && new Set(bad.map((a) => a.key)).size === 1) {
          const c = cause(bad[0]!.key);
          findings.push({
            en: `${label.en} fails the same way by every name (${bad[0]!.text}): the fault is in the server itself, not the network — ${c.en}`,
            ja: `${label.ja}はどの名前でも同じように失敗します (${bad[0]!.text})。原因はネットワークではなくサーバー自身にあります: ${c.ja}`,
            severity,
          });
        } else if (loopNames.every((a) => !a.ok) && byName.every((a) => a.ok)) {
          findings.push({
            en: `${label.en} answers by the machine's name but not through 127.0.0.1 or localhost (${loopNames[0]!.text}): the site is bound to specific addresses without 127.0.0.1 (see server.iis.ip-binding)`,
            ja: `${label.ja}はマシン名では応答しますが、127.0.0.1 と localhost では応答しません (${loopNames[0]!.text})。サイトが 127.0.0.1 を含まない特定のアドレスにバインドされています (server.iis.ip-binding を参照)`,
            severity,
          });
        } else if (loopNames.every((a) => a.ok) && byName.every((a) => !a.ok)) {
          findings.push({
            en: `${label.en} answers through 127.0.0.1 but not by the machine's name (${byName[0]!.text}): the name resolves to another address, or a binding or host header does not cover it`,
            ja: `${label.ja}は 127.0.0.1 では応答しますが、マシン名では応答しません (${byName[0]!.text})。名前が別のアドレスに解決されるか、バインドやホスト ヘッダーが対応していません`,
            severity,
          });
        } else {
          findings.push({
            en: `${label.en} answers differently by name: ${g.list.map((a) => `${a.probe.name} ${a.text}`).join(', ')}`,
            ja: `${label.ja}の応答は名前によって異なります: ${g.list.map((a) => `${a.probe.name} ${a.text}`).join('、')}`,
            severity,
          });
        }
      }
      if (findings.length === 0) {
        return {
          status: 'pass',
          summary: l10n(
            `The server gets the self-update cabinet and the client web service from itself by 127.0.0.1, localhost and its own name (${probes.length} requests). If clients still fail, look at the network between them and the server (firewall, proxy, DNS).`,
            `サーバーは 127.0.0.1、localhost、自身の名前のいずれでも、自分から自己更新キャビネットとクライアント Web サービスを取得できます (${probes.length} 件の要求)。それでもクライアントが失敗する場合は、クライアントとサーバーの間のネットワーク (ファイアウォール、プロキシ、DNS) を確認してください。`,
          ),
          evidence,
        };
      }
      return {
        status: findings.some((f) => f.severity === 'fail') ? 'fail' : 'warn',
        summary: l10n(`${findings.map((f) => f.en.charAt(0).toUpperCase() + f.en.slice(1)).join('. ')}.`, `${findings.map((f) => f.ja).join('。')}。`),
        evidence,
      };
    }),
};
