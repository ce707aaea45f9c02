import type { FixOffer } from '../../../shared/changes.js';
import type { Evidence } from '../../../shared/results.js';
import type { CheckImpl } from '../../engine/check.js';
import { clip, textEvidence } from '../evidence.js';
import { bareHost, isIpLiteral, noTargetOutcome, targetEvidence, targetNote, wsusTarget } from './target.js';

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}`;
}

function nameFix(host: string): FixOffer {
  return {
    id: 'net.dns:check-name',
    title: { en: 'Find out why the server name does not resolve', ja: 'サーバー名が解決できない理由を調べる' },
    automatic: false,
    requiresAdmin: false,
    steps: [
      {
        en: `Check the spelling of the server name in the address (${host}). If it is wrong, correct WUServer (or the address given to the tool).`,
        ja: `アドレスのサーバー名 (${host}) のつづりを確認します。誤っている場合は WUServer (またはツールに指定したアドレス) を修正します。`,
      },
      {
        en: `Run "nslookup ${host}" and "ipconfig /all" on this computer: they show which DNS server answers and whether it knows the name. A short name may need the DNS suffix of the domain, or the full name (FQDN) in WUServer.`,
        ja: `このコンピューターで「nslookup ${host}」と「ipconfig /all」を実行します。どの DNS サーバーが応答し、その名前を知っているかが分かります。短い名前の場合は、ドメインの DNS サフィックスの設定か、WUServer に完全修飾名 (FQDN) を書くことが必要な場合があります。`,
      },
      {
        en: 'If the name is missing from DNS, ask the DNS administrator to add a record for the WSUS server. Look also in %windir%\\System32\\drivers\\etc\\hosts for an old entry (editing it needs administrator rights).',
        ja: 'DNS に名前が登録されていない場合は、DNS の管理者に WSUS サーバーのレコードの追加を依頼します。%windir%\\System32\\drivers\\etc\\hosts に古い記述がないかも確認します (編集には管理者権限が必要です)。',
      },
    ],
    plan: [],
  };
}

export const netDns: CheckImpl = {
  id: 'net.dns',
  async run(ctx) {
    const target = await wsusTarget(ctx);
    if (!target.ok) return noTargetOutcome(target);
    const host = bareHost(target.parsed.host);
    const note = targetNote(target);
    const evidence: Evidence[] = [targetEvidence(target), textEvidence({ en: 'Host name', ja: 'ホスト名' }, host)];
    if (isIpLiteral(host)) {
      return {
        status: 'pass',
        summary: {
          en: `The address gives the server as an IP address (${host}), so there is no name to look up.${note.en}`,
          ja: `アドレスでサーバーが IP アドレス (${host}) で直接指定されているため、名前解決は必要ありません。${note.ja}`,
        },
        evidence,
      };
    }
    const r = await ctx.facts.resolve(host, ctx.signal);
    evidence.push(textEvidence({ en: 'Time taken', ja: '所要時間' }, `${Math.round(typeof r.ms === 'number' && Number.isFinite(r.ms) ? r.ms : 0)} ms`));
    if (r.ok) {
      const addresses = Array.isArray(r.addresses) ? r.addresses.filter((a) => typeof a === 'string') : [];
      evidence.push(textEvidence({ en: 'Addresses', ja: 'アドレス' }, addresses.length > 0 ? clip(addresses.join(', '), 400) : '(none returned)'));
      if (addresses.length === 0) {
        return {
          status: 'fail',
          summary: {
            en: `Looking up ${host} returned no address at all, so the client has nothing to connect to. The agent logs this as 0x80072EE7 (name not resolved).${note.en}`,
            ja: `${host} の名前解決でアドレスが 1 つも返されなかったため、クライアントには接続先がありません。エージェントはこれを 0x80072EE7 (名前を解決できない) として記録します。${note.ja}`,
          },
          evidence,
          fixes: [nameFix(host)],
        };
      }
      return {
        status: 'pass',
        summary: {
          en: `${host} resolves to ${clip(addresses.join(', '), 200)}. If that is not the WSUS server's address, look for a stale DNS record or an entry in the hosts file.${note.en}`,
          ja: `${host} は ${clip(addresses.join(', '), 200)} に解決されます。これが WSUS サーバーのアドレスでない場合は、古い DNS レコードや hosts ファイルの記述を確認してください。${note.ja}`,
        },
        evidence,
      };
    }
    const reason = clip(String(r.message || r.code || 'no reason given'), 200);
    evidence.push(textEvidence({ en: 'Error', ja: 'エラー' }, clip(`${r.code}: ${r.message ?? ''}`, 400)));
    if (r.code === 'timeout') {
      return {
        status: 'fail',
        summary: {
          en: `No answer came for ${host} within ${seconds(ctx.facts.netLimits.dnsTimeoutMs)} s: the DNS server is slow or cannot be reached from this computer. The agent usually logs this as 0x80072EE7 (name not resolved) or 0x80072EE2 (timeout).${note.en}`,
          ja: `${host} の名前解決に ${seconds(ctx.facts.netLimits.dnsTimeoutMs)} 秒以内に応答がありませんでした。DNS サーバーが遅いか、このコンピューターから到達できません。エージェントは通常これを 0x80072EE7 (名前を解決できない) または 0x80072EE2 (タイムアウト) として記録します。${note.ja}`,
        },
        evidence,
        fixes: [nameFix(host)],
      };
    }
    return {
      status: 'fail',
      summary: {
        en: `The name ${host} could not be resolved${r.code === 'not-found' ? ': it is neither in DNS nor in the hosts file' : ` (${reason})`}. Every later step fails with it; the agent logs 0x80072EE7 (name not resolved).${note.en}`,
        ja: `${host} という名前を解決できませんでした${r.code === 'not-found' ? '。DNS にも hosts ファイルにも登録されていません' : ` (${reason})`}。この後の手順もすべて失敗し、エージェントは 0x80072EE7 (名前を解決できない) を記録します。${note.ja}`,
      },
      evidence,
      fixes: [nameFix(host)],
    };
  },
};
