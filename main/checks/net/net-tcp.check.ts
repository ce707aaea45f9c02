import type { Evidence } from '../../../shared/results.js';
import type { L10n } from '../../../shared/text.js';
import type { NetFailure } from '../../adapters/types.js';
import type { CheckImpl } from '../../engine/check.js';
import { clip, textEvidence } from '../evidence.js';
import { connectionFix } from './fixes.js';
import { bareHost, machineRoute, noTargetOutcome, proxyFor, targetEvidence, targetNote, wsusTarget } from './target.js';

function cause(code: NetFailure, port: number, timeoutMs: number, message: string): L10n {
  switch (code) {
    case 'refused':
      return {
        en: `The connection was refused: nothing listens on port ${port}. Usually the IIS site of WSUS is stopped, the port in the address is wrong, or a firewall answers with a reset. The agent logs this as 0x80072EFD (cannot connect).`,
        ja: `接続が拒否されました。ポート ${port} で待ち受けているものがありません。多くの場合、WSUS の IIS サイトが停止している、アドレスのポートが違う、またはファイアウォールがリセットで応答しています。エージェントはこれを 0x80072EFD (接続できない) として記録します。`,
      };
    case 'timeout':
      return {
        en: `No answer came within ${Math.round(timeoutMs / 100) / 10} s: a firewall silently drops the connection, or the server is down. The agent logs this as 0x80072EE2 (timeout).`,
        ja: `${Math.round(timeoutMs / 100) / 10} 秒以内に応答がありませんでした。ファイアウォールが接続を黙って破棄しているか、サーバーが停止しています。エージェントはこれを 0x80072EE2 (タイムアウト) として記録します。`,
      };
    case 'unreachable':
      return {
        en: 'There is no route to the server from this computer: a routing, VPN or subnet problem, or the address points to a machine that does not exist. The agent logs this as 0x80072EFD (cannot connect).',
        ja: 'このコンピューターからサーバーへの経路がありません。ルーティング、VPN、サブネットの問題か、アドレスが存在しないマシンを指しています。エージェントはこれを 0x80072EFD (接続できない) として記録します。',
      };
    case 'reset':
      return {
        en: 'The connection was reset as soon as it was opened: a firewall or security device in between, or the server refusing this client. The agent logs this as 0x80072EFE (connection error).',
        ja: '接続した直後にリセットされました。途中のファイアウォールやセキュリティ機器、またはサーバーがこのクライアントを拒否している可能性があります。エージェントはこれを 0x80072EFE (接続エラー) として記録します。',
      };
    case 'not-found':
      return {
        en: 'The server name could not be resolved (see net.dns). The agent logs this as 0x80072EE7 (name not resolved).',
        ja: 'サーバー名を解決できませんでした (net.dns を参照)。エージェントはこれを 0x80072EE7 (名前を解決できない) として記録します。',
      };
    default:
      return {
        en: `The connection failed: ${message || code}.`,
        ja: `接続に失敗しました: ${message || code}。`,
      };
  }
}

export const netTcp: CheckImpl = {
  id: 'net.tcp',
  async run(ctx) {
    const target = await wsusTarget(ctx);
    if (!target.ok) return noTargetOutcome(target);
    const host = bareHost(target.parsed.host);
    const port = target.parsed.port;
    const note = targetNote(target);
    if (ctx.resultOf('net.dns')?.status === 'fail') {
      return {
        status: 'skip',
        summary: {
          en: `Not tried: the name ${host} does not resolve (see net.dns), so there is no address to connect to.`,
          ja: `試しませんでした。${host} という名前を解決できないため (net.dns を参照)、接続先のアドレスがありません。`,
        },
        evidence: [targetEvidence(target)],
      };
    }
    const r = await ctx.facts.tcp(host, port, ctx.signal);
    const ms = Math.round(typeof r.ms === 'number' && Number.isFinite(r.ms) ? r.ms : 0);
    const viaProxy = await proxyFor(ctx, `${target.parsed.scheme}://${host}:${port}/`);
    const route = machineRoute(ctx);
    const evidence: Evidence[] = [
      targetEvidence(target),
      textEvidence({ en: 'Connection to', ja: '接続先' }, `${host}:${port}`),
      textEvidence({ en: 'Time taken', ja: '所要時間' }, `${ms} ms`),
      textEvidence({ en: 'Route for web requests', ja: 'Web 要求の経路' }, clip(route || '(not reported)', 300)),
    ];
    if (r.ok) {
      const peer = typeof r.address === 'string' && r.address ? clip(r.address, 100) : host;
      evidence.push(textEvidence({ en: 'Connected to', ja: '接続できた相手' }, `${peer}:${port}`));
      return {
        status: 'pass',
        summary: {
          en: `A TCP connection to ${host}:${port} opened in ${ms} ms (${peer}): something listens on the WSUS port and no firewall blocks it.${note.en}`,
          ja: `${host}:${port} への TCP 接続が ${ms} ms で確立しました (${peer})。WSUS のポートで待ち受けているものがあり、ファイアウォールにも遮断されていません。${note.ja}`,
        },
        evidence,
      };
    }
    evidence.push(textEvidence({ en: 'Error', ja: 'エラー' }, clip(`${r.code}: ${r.message ?? ''}`, 400)));
    const why = cause(r.code, port, ctx.facts.netLimits.connectTimeoutMs, clip(String(r.message ?? ''), 200));
    return {
      status: viaProxy ? 'warn' : 'fail',
      summary: viaProxy
        ? {
            en: `A direct TCP connection to ${host}:${port} failed. ${why.en} This computer sends web requests to this server through the proxy ${clip(viaProxy, 150)}, so a direct connection is not needed when the proxy handles WSUS traffic; the HTTP checks below show whether it does.${note.en}`,
            ja: `${host}:${port} への直接の TCP 接続に失敗しました。${why.ja}このコンピューターはこのサーバーへの Web 要求をプロキシ ${clip(viaProxy, 150)} 経由で送るため、プロキシが WSUS への通信を扱えるなら直接の接続は必要ありません。実際に扱えるかどうかは、この後の HTTP のチェックで分かります。${note.ja}`,
          }
        : {
            en: `No TCP connection could be opened to ${host}:${port}. ${why.en}${note.en}`,
            ja: `${host}:${port} に TCP 接続できませんでした。${why.ja}${note.ja}`,
          },
      evidence,
      fixes: r.code === 'not-found' ? [] : [connectionFix('net.tcp', port, host)],
    };
  },
};
