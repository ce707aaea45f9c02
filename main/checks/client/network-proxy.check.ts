import type { FixOffer } from '../../../shared/changes.js';
import { findValue, KEYS } from '../../../shared/registry-types.js';
import type { Evidence } from '../../../shared/results.js';
import { bypassesProxy, decodeWinHttpSettings } from '../../../shared/winhttp-settings.js';
import { parseWsusUrl, type ParsedWsusUrl } from '../../../shared/wsus-url.js';
import type { CheckImpl } from '../../engine/check.js';
import { clip, registryEvidence, textEvidence } from '../evidence.js';
import { judgeUrlValue, readPolicy } from './policy.js';

const VALUE = 'WinHttpSettings';
/** Characters a proxy or bypass entry may contain when it is shown inside a suggested netsh command. */
const SAFE_NETSH_TEXT = /^[A-Za-z0-9.:;_\-*<>[\]=/ ]{1,1024}$/;

/** The bypass entry that covers a WSUS host: "*.corp.example" for a name with dots, the host itself otherwise. */
export function bypassEntryFor(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '');
  if (/^\d+(\.\d+){3}$/.test(bare) || bare.includes(':')) return bare;
  const dot = bare.indexOf('.');
  return dot > 0 ? `*${bare.slice(dot)}` : bare;
}

/** The suggested command, built only from validated or character-checked parts. */
export function netshCommand(proxy: string, bypass: string, host: string): string {
  const proxyPart = SAFE_NETSH_TEXT.test(proxy) && !proxy.includes(' ') ? proxy : '<proxy:port>';
  const entries = SAFE_NETSH_TEXT.test(bypass) ? bypass.split(/[;\s]+/).filter((e) => e.length > 0) : [];
  const wanted = bypassEntryFor(host);
  const list = [...entries];
  if (!list.some((e) => e.toLowerCase() === '<local>')) list.unshift('<local>');
  if (!list.some((e) => e.toLowerCase() === wanted.toLowerCase())) list.push(wanted);
  return `netsh winhttp set proxy proxy-server="${proxyPart}" bypass-list="${list.join(';')}"`;
}

export const networkProxy: CheckImpl = {
  id: 'client.network.proxy',
  async run(ctx) {
    const [conn, policy] = await Promise.all([ctx.facts.key(KEYS.winHttpConnections), readPolicy(ctx)]);
    const evidence: Evidence[] = [registryEvidence(KEYS.winHttpConnections, VALUE, conn)];
    const found = findValue(conn, VALUE);

    if (!found) {
      return {
        status: 'pass',
        summary: {
          en: 'No machine-wide WinHTTP proxy is configured, so the update agent connects to the WSUS server directly.',
          ja: 'コンピューター全体の WinHTTP プロキシは設定されていないため、更新エージェントは WSUS サーバーに直接接続します。',
        },
        evidence,
      };
    }
    const decoded = found.value.type === 'REG_BINARY' ? decodeWinHttpSettings(found.value.data) : null;
    if (!decoded) {
      if (found.value.type === 'REG_BINARY') evidence.push(textEvidence({ en: 'Bytes as read (hex)', ja: '読み取ったバイト列 (16 進)' }, clip(found.value.data, 600)));
      return {
        status: 'warn',
        summary: {
          en: `The WinHTTP proxy setting could not be decoded (${found.value.type === 'REG_BINARY' ? 'the bytes do not have the expected layout' : `it is stored as ${found.value.type} instead of REG_BINARY`}), so the tool cannot tell whether the agent uses a proxy. Run "netsh winhttp show proxy" to see what Windows makes of it, or "netsh winhttp reset proxy" to go direct.`,
          ja: `WinHTTP プロキシの設定を解読できませんでした (${found.value.type === 'REG_BINARY' ? 'バイト列が想定した形式ではありません' : `REG_BINARY ではなく ${found.value.type} で保存されています`})。そのため、エージェントがプロキシを使うかどうか判断できません。「netsh winhttp show proxy」で Windows の解釈を確認するか、「netsh winhttp reset proxy」で直接接続に戻してください。`,
        },
        evidence,
      };
    }
    if (decoded.kind === 'direct') {
      evidence.push(textEvidence({ en: 'WinHTTP proxy', ja: 'WinHTTP プロキシ' }, 'direct access (no proxy server)'));
      return {
        status: 'pass',
        summary: {
          en: 'The WinHTTP proxy is set to direct access, so the update agent connects to the WSUS server directly.',
          ja: 'WinHTTP プロキシは「直接アクセス」に設定されているため、更新エージェントは WSUS サーバーに直接接続します。',
        },
        evidence,
      };
    }

    const proxyShown = clip(decoded.proxy, 200);
    const bypassShown = clip(decoded.bypass, 200);
    evidence.push(
      textEvidence({ en: 'WinHTTP proxy server', ja: 'WinHTTP プロキシ サーバー' }, clip(JSON.stringify(decoded.proxy), 300)),
      textEvidence({ en: 'Bypass list', ja: 'バイパス一覧' }, clip(JSON.stringify(decoded.bypass), 300)),
    );

    // The hosts the agent talks to: WUServer and WUStatusServer when valid, else the address the user gave.
    const hosts: ParsedWsusUrl[] = [];
    for (const name of ['WUServer', 'WUStatusServer'] as const) {
      const v = judgeUrlValue(policy.wu, name);
      if (v.kind === 'valid' && !hosts.some((h) => h.host === v.parsed.host)) hosts.push(v.parsed);
    }
    if (hosts.length === 0 && ctx.options.serverUrl !== undefined) {
      const given = parseWsusUrl(ctx.options.serverUrl);
      if (given.ok) hosts.push(given.value);
    }
    if (hosts.length === 0) {
      return {
        status: 'info',
        summary: {
          en: `The update agent uses the WinHTTP proxy ${proxyShown}. There is no valid WSUS address to compare with its bypass list yet; check again once WUServer is fixed, or give the address with --server.`,
          ja: `更新エージェントは WinHTTP プロキシ ${proxyShown} を使います。バイパス一覧と照合できる有効な WSUS のアドレスがまだないため、WUServer を修正してから、または --server でアドレスを指定してから、もう一度確認してください。`,
        },
        evidence,
      };
    }

    const notBypassed = hosts.filter((h) => !bypassesProxy(h.host, decoded.bypass));
    for (const h of hosts) {
      evidence.push(
        textEvidence(
          { en: `WSUS host ${h.host}`, ja: `WSUS ホスト ${h.host}` },
          bypassesProxy(h.host, decoded.bypass) ? 'bypasses the proxy (direct connection)' : 'goes through the proxy',
        ),
      );
    }
    if (notBypassed.length === 0) {
      return {
        status: 'pass',
        summary: {
          en: `A WinHTTP proxy is set (${proxyShown}), but ${hosts.map((h) => h.host).join(' and ')} ${hosts.length === 1 ? 'is' : 'are'} on its bypass list, so the agent reaches WSUS directly.`,
          ja: `WinHTTP プロキシ (${proxyShown}) が設定されていますが、${hosts.map((h) => h.host).join(' と ')} はバイパス一覧に含まれているため、エージェントは WSUS に直接接続します。`,
        },
        evidence,
      };
    }

    const target = notBypassed[0]!;
    const command = netshCommand(decoded.proxy, decoded.bypass, target.host);
    const fix: FixOffer = {
      id: 'client.network.proxy:bypass-wsus',
      title: { en: 'Let WSUS traffic bypass the WinHTTP proxy', ja: 'WSUS への通信が WinHTTP プロキシを経由しないようにする' },
      automatic: false,
      requiresAdmin: true,
      steps: [
        {
          en: 'Open a command prompt as administrator.',
          ja: '管理者としてコマンド プロンプトを開きます。',
        },
        {
          en: `Add the WSUS server to the bypass list, keeping the proxy: ${command}`,
          ja: `プロキシはそのままで、WSUS サーバーをバイパス一覧に追加します: ${command}`,
        },
        {
          en: 'Or, if this computer does not need a WinHTTP proxy at all, remove it: netsh winhttp reset proxy',
          ja: 'このコンピューターで WinHTTP プロキシがまったく不要な場合は、削除します: netsh winhttp reset proxy',
        },
        {
          en: 'Then restart the Windows Update service (net stop wuauserv, net start wuauserv) and run the checks again. If the proxy is set by a Group Policy or a script, change it there as well.',
          ja: 'その後、Windows Update サービスを再起動し (net stop wuauserv、net start wuauserv)、チェックをもう一度実行します。プロキシがグループ ポリシーやスクリプトで設定されている場合は、そちらも変更してください。',
        },
      ],
      plan: [],
    };
    return {
      status: 'warn',
      summary: {
        en: `The update agent sends its requests for ${notBypassed.map((h) => h.host).join(' and ')} through the WinHTTP proxy ${proxyShown}, because ${notBypassed.length === 1 ? 'that host is' : 'those hosts are'} not on the bypass list (${bypassShown || 'empty'}). Internal WSUS servers are often unreachable through a proxy, or the proxy asks for a logon the agent cannot give; that shows up as timeouts (0x80072EE2) or proxy errors in the log.`,
        ja: `${notBypassed.map((h) => h.host).join(' と ')} がバイパス一覧 (${bypassShown || '空'}) に含まれていないため、更新エージェントはこのサーバーへの要求を WinHTTP プロキシ ${proxyShown} 経由で送ります。社内の WSUS サーバーにはプロキシ経由では届かないことが多く、プロキシがエージェントには応えられない認証を求めることもあります。その場合、ログにはタイムアウト (0x80072EE2) やプロキシのエラーが記録されます。`,
      },
      evidence,
      fixes: [fix],
    };
  },
};
