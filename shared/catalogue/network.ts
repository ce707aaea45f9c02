import { DOCS } from '../docs.js';
import type { CheckDefinition } from './types.js';

/** Network checks run on the client and, against a URL the user gives, in the remote role. */
const CLIENT_AND_REMOTE = ['client', 'remote'] as const;

export const NETWORK_CHECKS: readonly CheckDefinition[] = [
  {
    id: 'net.dns',
    roles: CLIENT_AND_REMOTE,
    title: { en: 'WSUS server name resolves (DNS)', ja: 'WSUS サーバー名の名前解決 (DNS)' },
    explanation: {
      en: 'Before it can contact WSUS, the client has to turn the host name in the server address into an IP address. If the name does not resolve, every later step fails too; if it resolves to an address you did not expect, a stale DNS record or a hosts-file entry is the usual cause.',
      ja: 'WSUS に接続する前に、クライアントはサーバー アドレスのホスト名を IP アドレスに変換する必要があります。名前が解決できなければ、その後の手順もすべて失敗します。想定外のアドレスに解決される場合は、古い DNS レコードや hosts ファイルの記述が原因であることがほとんどです。',
    },
    docs: [DOCS.clientSelfUpdate, DOCS.scanFailures, DOCS.wuaNetworkingErrors],
  },
  {
    id: 'net.ping',
    roles: CLIENT_AND_REMOTE,
    title: { en: 'Server answers ping (ICMP)', ja: 'サーバーが ping に応答するか (ICMP)' },
    explanation: {
      en: 'An ICMP echo (ping) shows whether the server answers at all and how long a round trip takes. Network devices and Windows Firewall often block ICMP, so a missing answer is only a warning: the TCP test that follows decides whether the client can really reach WSUS.',
      ja: 'ICMP エコー (ping) で、サーバーがそもそも応答するか、往復にどれくらい時間がかかるかを確認します。ICMP はネットワーク機器や Windows ファイアウォールで遮断されていることが多いため、応答がなくても警告にとどめます。クライアントが実際に WSUS に届くかどうかは、次の TCP 接続の確認で判断します。',
    },
    after: ['net.dns'],
    docs: [DOCS.clientSelfUpdate],
  },
  {
    id: 'net.tcp',
    roles: CLIENT_AND_REMOTE,
    title: { en: 'WSUS port reachable (TCP)', ja: 'WSUS のポートに接続できるか (TCP)' },
    explanation: {
      en: 'The tool opens a TCP connection to the port in the WSUS address (8530 or 8531 on current WSUS, 80 or 443 on older installations). A refused or timed-out connection points to a firewall, a stopped IIS site or a wrong port, and the agent then logs connection errors such as 0x80072EFD instead of updating or reporting.',
      ja: 'WSUS のアドレスに含まれるポート (現在の WSUS では 8530 または 8531、古い構成では 80 または 443) に TCP で接続します。接続が拒否されたりタイムアウトしたりする場合は、ファイアウォール、停止した IIS サイト、ポートの誤りのいずれかが考えられ、エージェントは更新や報告の代わりに 0x80072EFD などの接続エラーを記録します。',
    },
    after: ['net.dns'],
    docs: [DOCS.clientSelfUpdate, DOCS.scanFailures, DOCS.wuaNetworkingErrors],
  },
];
