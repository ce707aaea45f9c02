import { DOCS } from '../docs.js';
import type { CheckDefinition } from './types.js';

/**
 * HTTP checks run on the client and, against a URL the user gives, in the remote role. None sets
 * `eras`: in the remote role there is no local Windows to judge by, so the legacy-only checks
 * (iuident.cab, wuaucomp.cab) decide in their implementation whether they apply.
 */
const CLIENT_AND_REMOTE = ['client', 'remote'] as const;

export const HTTP_CHECKS: readonly CheckDefinition[] = [
  {
    id: 'http.selfupdate',
    roles: CLIENT_AND_REMOTE,
    title: { en: 'Self-update file (wuident.cab)', ja: '自己更新ファイル (wuident.cab)' },
    explanation: {
      en: 'At the start of each detection the agent downloads selfupdate/wuident.cab from the WUServer address, port included, to learn whether a newer agent is available. The tool fetches the same file and checks that it is a real cabinet (it starts with "MSCF" and its declared size matches); a 404 or 401 here makes clients abandon the scan, so they neither update nor report.',
      ja: 'エージェントは検出のたびに、まず WUServer のアドレス (ポートを含む) から selfupdate/wuident.cab をダウンロードし、新しいエージェントがあるかを確認します。このツールも同じファイルを取得し、本物の CAB ファイルであること (先頭が "MSCF" で、宣言されたサイズと一致すること) を確かめます。ここで 404 や 401 が返ると、クライアントは検出を取りやめるため、更新も報告も行われません。',
    },
    after: ['net.dns', 'net.tcp'],
    docs: [DOCS.clientSelfUpdate, DOCS.kb920659, DOCS.scanFailures, DOCS.wuaNetworkingErrors],
  },
  {
    id: 'http.selfupdate-port80',
    roles: CLIENT_AND_REMOTE,
    title: { en: 'Self-update file on port 80', ja: 'ポート 80 の自己更新ファイル' },
    explanation: {
      en: 'When WUServer uses a port other than 80, the tool also requests wuident.cab from port 80 of the same server. The sources differ: the WSUS 2.0/3.0 articles and KB920659 want a SelfUpdate folder on a port-80 site, while current guidance and current clients use the WSUS port itself. The tool therefore judges by era: on a Windows 2000, XP or Server 2003 client a failure here is an error, while for newer clients, and when a server is tested remotely, it is only a warning, since mainly legacy clients depend on it.',
      ja: 'WUServer が 80 以外のポートを使っている場合、同じサーバーのポート 80 からも wuident.cab を要求します。資料によって記述が異なり、WSUS 2.0/3.0 の記事と KB920659 はポート 80 のサイトに SelfUpdate フォルダーを置くよう求めていますが、現在のガイダンスと最近のクライアントは WSUS のポートそのものを使います。そのため、このツールは世代で判断します。Windows 2000、XP、Server 2003 のクライアントではここでの失敗をエラーとしますが、それより新しいクライアントや、サーバーをリモートで調べる場合は、これに頼るのは主に古いクライアントなので警告にとどめます。',
    },
    after: ['net.dns', 'net.tcp'],
    docs: [DOCS.clientSelfUpdate, DOCS.kb920659, DOCS.autoUpdateMustBeUpdatedJa, DOCS.scanFailures],
  },
  {
    id: 'http.iuident',
    roles: CLIENT_AND_REMOTE,
    title: { en: 'Legacy file iuident.cab', ja: '旧形式のファイル iuident.cab' },
    explanation: {
      en: 'WSUS 2.0-era servers publish iuident.cab at the root of the site, and old Automatic Updates clients (Windows 2000, XP, Server 2003) request it while replacing themselves. A failure here matters only where such legacy clients remain.',
      ja: 'WSUS 2.0 世代のサーバーはサイトのルートに iuident.cab を置いており、古い自動更新クライアント (Windows 2000、XP、Server 2003) は自分を新しいクライアントに入れ替える際にこのファイルを要求します。ここでの失敗が問題になるのは、そうした古いクライアントが残っている場合だけです。',
    },
    after: ['net.dns', 'net.tcp'],
    docs: [DOCS.autoUpdateMustBeUpdatedJa, DOCS.clientSelfUpdate],
  },
  {
    id: 'http.wuaucomp',
    roles: CLIENT_AND_REMOTE,
    title: { en: 'Legacy client package (wuaucomp.cab)', ja: '旧クライアントのパッケージ (wuaucomp.cab)' },
    explanation: {
      en: 'Legacy Automatic Updates clients download their replacement from selfupdate/AU/x86/<OS>/<language>/wuaucomp.cab, where OS is W2K, XP or NetServer and the language is a short code such as EN. The tool requests the variant that matches the client and checks that the file downloads; only Windows 2000, XP and Server 2003 clients need it.',
      ja: '古い自動更新クライアントは、selfupdate/AU/x86/<OS>/<言語>/wuaucomp.cab (<OS> は W2K、XP、NetServer のいずれか、<言語> は EN のような短い言語コード) から入れ替え用のクライアントを取得します。このツールはクライアントに合った URL を要求し、ファイルをダウンロードできるかを確認します。これを必要とするのは Windows 2000、XP、Server 2003 のクライアントだけです。',
    },
    after: ['net.dns', 'net.tcp'],
    docs: [DOCS.autoUpdateMustBeUpdatedJa],
  },
  {
    id: 'http.clientwebservice',
    roles: CLIENT_AND_REMOTE,
    title: { en: 'Client web service (client.asmx)', ja: 'クライアント Web サービス (client.asmx)' },
    explanation: {
      en: 'After the self-update check the agent asks ClientWebService/client.asmx which updates it needs. The tool requests that address and expects HTTP 200; an error here (often 503 when the WsusPool application pool has stopped, or 401/403 when access is locked down) means clients can neither detect updates nor appear in the console.',
      ja: '自己更新の確認が終わると、エージェントは ClientWebService/client.asmx に自分に必要な更新を問い合わせます。このツールはこのアドレスを要求し、HTTP 200 が返ることを確認します。ここでエラーになる場合 (WsusPool アプリケーション プールが停止しているときの 503 や、アクセスが制限されているときの 401/403 など)、クライアントは更新を検出できず、コンソールにも表示されません。',
    },
    after: ['net.dns', 'net.tcp'],
    docs: [DOCS.clientSelfUpdate, DOCS.scanFailures, DOCS.wuaNetworkingErrors],
  },
  {
    id: 'http.simpleauth',
    roles: CLIENT_AND_REMOTE,
    title: { en: 'Authorization web service (SimpleAuth.asmx)', ja: '認証 Web サービス (SimpleAuth.asmx)' },
    explanation: {
      en: 'Before it may ask for updates, the client obtains an authorization cookie from SimpleAuthWebService/SimpleAuth.asmx. The tool checks that this address answers with HTTP 200; if it does not, the agent stops at the authorization step and never gets as far as detecting or reporting.',
      ja: 'クライアントは更新を問い合わせる前に、SimpleAuthWebService/SimpleAuth.asmx から認証用のクッキーを受け取ります。このツールはこのアドレスが HTTP 200 で応答することを確認します。応答しない場合、エージェントは認証の段階で止まり、検出や報告までたどり着きません。',
    },
    after: ['net.dns', 'net.tcp'],
    docs: [DOCS.scanFailures, DOCS.wuaNetworkingErrors],
  },
  {
    id: 'http.auth-mismatch',
    roles: CLIENT_AND_REMOTE,
    title: { en: 'Authentication mismatch on self-update', ja: '自己更新の認証設定の不一致' },
    explanation: {
      en: 'Clients never log on to WSUS, so the self-update files must be readable anonymously. This check looks for the telltale combination: the SelfUpdate tree answers 401 and offers only Windows authentication (Negotiate or NTLM) while the content or the client web service answers anonymously. A browser on a domain computer may hide the problem by logging on silently, which is why the tool reads the raw response.',
      ja: 'クライアントは WSUS にログオンしないため、自己更新ファイルは匿名で読み取れる必要があります。このチェックは、SelfUpdate ツリーが 401 を返して Windows 認証 (Negotiate または NTLM) だけを提示する一方で、コンテンツやクライアント Web サービスは匿名で応答する、という典型的な組み合わせを探します。ドメインに参加したコンピューターのブラウザーは自動でログオンして問題を隠してしまうことがあるため、このツールは生の応答を調べます。',
    },
    after: ['net.dns', 'net.tcp', 'http.selfupdate', 'http.clientwebservice'],
    docs: [DOCS.clientSelfUpdate, DOCS.kb920659, DOCS.iisStatusCodes],
  },
  {
    id: 'http.interception',
    roles: CLIENT_AND_REMOTE,
    title: { en: 'Self-update paths taken over by another product', ja: '他の製品による自己更新パスの横取り' },
    explanation: {
      en: 'Another web application on the same site, most often SharePoint, can take over the paths clients request and answer with an HTML page instead of the file. The tool flags a self-update address that returns 200 with HTML rather than a cabinet, and any WSUS address whose answer carries SharePoint\'s signs (its headers or a redirect to its pages); a 200 looks like success, but the agent cannot use such a reply.',
      ja: '同じサイト上の別の Web アプリケーション (多くの場合 SharePoint) が、クライアントの要求するパスを横取りして、ファイルの代わりに HTML ページを返すことがあります。このツールは、自己更新のアドレスが CAB ファイルではなく HTML を 200 で返す場合と、WSUS のアドレスの応答に SharePoint の特徴 (そのヘッダーや SharePoint のページへのリダイレクト) がある場合を検出します。200 は成功に見えても、エージェントはそのような応答を利用できません。',
    },
    after: [
      'net.dns',
      'net.tcp',
      'http.selfupdate',
      'http.selfupdate-port80',
      'http.iuident',
      'http.wuaucomp',
      'http.clientwebservice',
      'http.simpleauth',
      'http.auth-mismatch',
    ],
    docs: [DOCS.clientSelfUpdate, DOCS.autoUpdateMustBeUpdatedJa, DOCS.kb920659],
  },
];
