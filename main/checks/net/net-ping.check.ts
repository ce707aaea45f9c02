import type { Evidence } from '../../../shared/results.js';
import type { CheckImpl } from '../../engine/check.js';
import { clip, textEvidence } from '../evidence.js';
import { bareHost, noTargetOutcome, targetEvidence, wsusTarget } from './target.js';

export const netPing: CheckImpl = {
  id: 'net.ping',
  async run(ctx) {
    const target = await wsusTarget(ctx);
    if (!target.ok) return noTargetOutcome(target);
    const host = bareHost(target.parsed.host);
    if (ctx.resultOf('net.dns')?.status === 'fail') {
      return {
        status: 'skip',
        summary: {
          en: `Not pinged: the name ${host} does not resolve (see net.dns).`,
          ja: `ping を送りませんでした。${host} という名前を解決できないためです (net.dns を参照)。`,
        },
        evidence: [targetEvidence(target)],
      };
    }
    const r = await ctx.facts.ping(host, ctx.signal);
    const evidence: Evidence[] = [targetEvidence(target), textEvidence({ en: 'Host pinged', ja: 'ping の宛先' }, host)];
    if (!r.ok) {
      evidence.push(textEvidence({ en: 'Why ping could not run', ja: 'ping を実行できなかった理由' }, clip(String(r.message ?? ''), 400)));
      return {
        status: 'info',
        summary: {
          en: 'Ping could not be run on this computer, so there is no ICMP result. That does not matter much: the TCP and HTTP checks decide whether the server can be reached.',
          ja: 'このコンピューターでは ping を実行できなかったため、ICMP の結果はありません。大きな問題ではありません。サーバーに到達できるかどうかは TCP と HTTP のチェックで判断します。',
        },
        evidence,
      };
    }
    const time = typeof r.timeMs === 'number' && Number.isFinite(r.timeMs) ? Math.round(r.timeMs * 10) / 10 : undefined;
    evidence.push(textEvidence({ en: 'Reply', ja: '応答' }, r.alive ? `alive${time !== undefined ? `, ${time} ms` : ''}` : 'no reply'));
    if (r.alive) {
      return {
        status: 'pass',
        summary: {
          en: `${host} answers ping${time !== undefined ? ` in ${time} ms` : ''}, so the server is on and reachable over the network.`,
          ja: `${host} は ping に応答しました${time !== undefined ? ` (${time} ms)` : ''}。サーバーは起動しており、ネットワーク上で到達できます。`,
        },
        evidence,
      };
    }
    return {
      status: 'warn',
      summary: {
        en: `${host} did not answer ping. ICMP is often blocked by firewalls, Windows Firewall on many servers included, so this alone proves nothing: see net.tcp for whether the WSUS port can be reached.`,
        ja: `${host} は ping に応答しませんでした。ICMP は多くのサーバーの Windows ファイアウォールを含め、ファイアウォールで遮断されていることが多いため、これだけでは何も証明できません。WSUS のポートに届くかどうかは net.tcp を参照してください。`,
      },
      evidence,
    };
  },
};
