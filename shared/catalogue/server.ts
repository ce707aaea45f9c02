import { DOCS } from '../docs.js';
import type { CheckDefinition } from './types.js';

const SERVER = ['server'] as const;

export const SERVER_CHECKS: readonly CheckDefinition[] = [
  {
    id: 'server.wsus.setup',
    roles: SERVER,
    title: { en: 'WSUS installation settings', ja: 'WSUS のインストール設定' },
    explanation: {
      en: 'WSUS records how it is installed under HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup: the install folder (TargetDir), the content folder, the port, whether SSL is used and which IIS site hosts it. Every other server check starts from these values, so if they are missing, WSUS is not installed or its setup is damaged.',
      ja: 'WSUS は HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup に、インストール先フォルダー (TargetDir)、コンテンツ フォルダー、ポート、SSL の有無、どの IIS サイトで動作しているかを記録しています。ほかのサーバー側チェックはすべてこの値を出発点にするため、値がない場合は WSUS がインストールされていないか、セットアップが壊れています。',
    },
    docs: [DOCS.kb920659],
  },
  {
    id: 'server.service.wsus',
    roles: SERVER,
    title: { en: 'WSUS service (WsusService)', ja: 'WSUS サービス (WsusService)' },
    explanation: {
      en: 'The WSUS service (WsusService) does the server\'s background work, such as synchronizing updates. When it is disabled or cannot start, the console warns that WSUS components cannot be contacted, one of the symptoms KB920659 describes.',
      ja: 'WSUS サービス (WsusService) は、更新プログラムの同期など、サーバーの裏側の処理を担当します。無効になっていたり起動できなかったりすると、WSUS のコンポーネントに接続できないという警告がコンソールに表示されます。これは KB920659 が挙げている症状の一つです。',
    },
    docs: [DOCS.kb920659],
  },
  {
    id: 'server.service.iis',
    roles: SERVER,
    title: { en: 'IIS services (W3SVC, WAS)', ja: 'IIS のサービス (W3SVC、WAS)' },
    explanation: {
      en: 'Every request from a client, the self-update files included, is answered by IIS. IIS needs the World Wide Web Publishing Service (W3SVC) and, on IIS 7 and later, the Windows Process Activation Service (WAS); if either is disabled or stopped, no WSUS site answers at all.',
      ja: 'クライアントからの要求には、自己更新ファイルも含めてすべて IIS が応答します。IIS には World Wide Web 発行サービス (W3SVC) と、IIS 7 以降では Windows プロセス アクティブ化サービス (WAS) が必要で、どちらかが無効または停止していると WSUS のサイトはまったく応答しません。',
    },
    docs: [DOCS.kb920659],
  },
  {
    id: 'server.iis.apppool',
    roles: SERVER,
    title: { en: 'WSUS application pool (WsusPool)', ja: 'WSUS のアプリケーション プール (WsusPool)' },
    explanation: {
      en: 'The WSUS web services run in the WsusPool application pool. When the pool is stopped (often after repeated crashes or after reaching its memory limit), IIS answers 503 Service Unavailable and clients fail with 0x80244022.',
      ja: 'WSUS の Web サービスは WsusPool アプリケーション プールで動作します。プールが停止していると (繰り返しクラッシュした後や、メモリの上限に達した後によく起こります)、IIS は 503 Service Unavailable を返し、クライアントは 0x80244022 で失敗します。',
    },
    after: ['server.wsus.setup'],
    docs: [DOCS.iisStatusCodes, DOCS.iisAppcmd, DOCS.wuaNetworkingErrors],
  },
  {
    id: 'server.iis.port80-site',
    roles: SERVER,
    title: { en: 'Web site on port 80', ja: 'ポート 80 の Web サイト' },
    explanation: {
      en: 'The tool looks for a started IIS site with an http binding on port 80. The sources differ: older WSUS articles and KB920659 say a port-80 site must host the self-update tree even when WSUS itself uses 8530, while current clients take self-update from the WSUS port. The tool judges by era: on a modern server, having no such site is a warning, not a failure.',
      ja: '起動中で、ポート 80 の http バインドを持つ IIS サイトがあるかを確認します。資料によって記述が異なり、古い WSUS の記事と KB920659 は WSUS 自体が 8530 を使う場合でもポート 80 のサイトで自己更新ツリーを公開するよう求めていますが、最近のクライアントは WSUS のポートから自己更新を取得します。このツールは世代で判断し、最近のサーバーではそのようなサイトがなくても失敗ではなく警告にします。',
    },
    after: ['server.wsus.setup'],
    docs: [DOCS.clientSelfUpdate, DOCS.kb920659, DOCS.autoUpdateMustBeUpdatedJa, DOCS.iisBinding],
  },
  {
    id: 'server.iis.selfupdate-vdir',
    roles: SERVER,
    title: { en: 'SelfUpdate virtual directory', ja: 'SelfUpdate 仮想ディレクトリ' },
    explanation: {
      en: 'Clients reach the self-update files through a virtual directory named SelfUpdate. It must exist on the WSUS site (and, for older clients, on the port-80 site) and point to the SelfUpdate folder inside the WSUS install folder; if it is missing or points to a folder that does not exist, clients get 404 for wuident.cab.',
      ja: 'クライアントは SelfUpdate という仮想ディレクトリを通じて自己更新ファイルにアクセスします。この仮想ディレクトリは WSUS のサイト (古いクライアント向けにはポート 80 のサイトにも) に存在し、WSUS のインストール フォルダー内の SelfUpdate フォルダーを指している必要があります。仮想ディレクトリがない場合や、存在しないフォルダーを指している場合、クライアントは wuident.cab の取得で 404 を受け取ります。',
    },
    after: ['server.wsus.setup'],
    docs: [DOCS.kb920659, DOCS.clientSelfUpdate, DOCS.iisAppcmd],
  },
  {
    id: 'server.iis.vdirs',
    roles: SERVER,
    title: { en: 'WSUS virtual directories', ja: 'WSUS の仮想ディレクトリ' },
    explanation: {
      en: 'Besides SelfUpdate, the WSUS site needs Content, ClientWebService, SimpleAuthWebService, ReportingWebService, DssAuthWebService, ServerSyncWebService and the administration API (WSUSAdmin in older articles, ApiRemoting30 today). KB920659 describes two valid layouts: WSUS on the default site, or WSUS on its own site with SelfUpdate and ClientWebService also on the port-80 site. The tool compares the server with the layout that fits it.',
      ja: 'WSUS のサイトには SelfUpdate のほかに、Content、ClientWebService、SimpleAuthWebService、ReportingWebService、DssAuthWebService、ServerSyncWebService、管理 API (古い記事では WSUSAdmin、現在は ApiRemoting30) の仮想ディレクトリが必要です。KB920659 は、既定の Web サイトに WSUS を置く構成と、WSUS を専用サイトに置いてポート 80 のサイトにも SelfUpdate と ClientWebService を置く構成の 2 通りを、正しい構成として示しています。このツールは、サーバーに当てはまる方の構成と比べます。',
    },
    after: ['server.wsus.setup'],
    docs: [DOCS.kb920659],
  },
  {
    id: 'server.iis.anonymous-auth',
    roles: SERVER,
    title: { en: 'Anonymous access for clients', ja: 'クライアント向けの匿名アクセス' },
    explanation: {
      en: 'Clients reach WSUS without logging on, so anonymous authentication must be on for the site root, SelfUpdate, Content, ClientWebService and the other web services clients use. The sources differ on SelfUpdate: KB920659 wants everything except the administration API anonymous, while the WSUS 2.0 documentation lists anonymous plus integrated Windows authentication. The tool therefore requires anonymous to be on and accepts Windows authentication next to it.',
      ja: 'クライアントはログオンせずに WSUS にアクセスするため、サイトのルート、SelfUpdate、Content、ClientWebService など、クライアントが使う Web サービスすべてで匿名認証が有効である必要があります。SelfUpdate については資料によって記述が異なり、KB920659 は管理 API 以外をすべて匿名にするよう求めていますが、WSUS 2.0 のドキュメントは匿名と統合 Windows 認証の併用を挙げています。そのため、このツールは匿名認証が有効であることを必須とし、Windows 認証が併せて有効でも問題としません。',
    },
    after: ['server.wsus.setup'],
    docs: [DOCS.kb920659, DOCS.clientSelfUpdate, DOCS.iisAnonymousAuth, DOCS.iisAppcmd],
  },
  {
    id: 'server.iis.windows-auth-scope',
    roles: SERVER,
    title: { en: 'Windows authentication only on the admin API', ja: 'Windows 認証は管理 API のみ' },
    explanation: {
      en: 'Windows authentication belongs on the administration API that the WSUS console uses (ApiRemoting30, called WSUSAdmin in KB920659). Where it is turned on elsewhere without anonymous access, clients are asked to log on and fail with 401 (0x80244017). Windows authentication next to anonymous on SelfUpdate is accepted, because the WSUS 2.0 documentation lists that combination.',
      ja: 'Windows 認証が必要なのは、WSUS コンソールが使う管理 API (ApiRemoting30、KB920659 では WSUSAdmin) だけです。ほかの場所で匿名アクセスなしに Windows 認証が有効になっていると、クライアントはログオンを求められ、401 (0x80244017) で失敗します。SelfUpdate で匿名認証と Windows 認証が併用されている場合は、WSUS 2.0 のドキュメントがその組み合わせを挙げているため許容します。',
    },
    after: ['server.wsus.setup'],
    docs: [DOCS.kb920659, DOCS.iisWindowsAuth, DOCS.wuaNetworkingErrors],
  },
  {
    id: 'server.iis.auth-mismatch',
    roles: SERVER,
    title: { en: 'Content and SelfUpdate authentication match', ja: 'Content と SelfUpdate の認証設定の一致' },
    explanation: {
      en: 'A well-known failure is Content left anonymous while SelfUpdate has been switched to Windows authentication only: update downloads work, but the self-update files are refused. The check compares the two virtual directories on every site that has them and reports exactly this combination.',
      ja: 'よく知られた障害として、Content は匿名のままで、SelfUpdate だけが Windows 認証のみに変更されている状態があります。この場合、更新プログラムのダウンロードはできても、自己更新ファイルは拒否されます。このチェックは、両方の仮想ディレクトリを持つすべてのサイトで 2 つの設定を比べ、まさにこの組み合わせを報告します。',
    },
    after: ['server.wsus.setup'],
    docs: [DOCS.clientSelfUpdate, DOCS.kb920659, DOCS.iisAnonymousAuth],
  },
  {
    id: 'server.iis.ip-binding',
    roles: SERVER,
    title: { en: 'Port-80 site IP bindings', ja: 'ポート 80 のサイトの IP バインド' },
    explanation: {
      en: 'If the port-80 site is bound to specific IP addresses and neither 127.0.0.1 nor "All Unassigned" is among them, the self-update tree stops working and requests the server makes to itself fail. Adding a 127.0.0.1 binding, or binding the site to all unassigned addresses, puts it right.',
      ja: 'ポート 80 のサイトが特定の IP アドレスにだけバインドされていて、127.0.0.1 も「未使用の IP アドレスすべて」も含まれていない場合、自己更新ツリーは機能せず、サーバーが自分自身に送る要求も失敗します。127.0.0.1 のバインドを追加するか、サイトを未使用のすべてのアドレスにバインドすると解消します。',
    },
    after: ['server.wsus.setup'],
    docs: [DOCS.kb920659, DOCS.iisBinding, DOCS.iisAppcmd],
  },
  {
    id: 'server.fs.selfupdate-acl',
    roles: SERVER,
    title: { en: 'SelfUpdate folder permissions', ja: 'SelfUpdate フォルダーのアクセス許可' },
    explanation: {
      en: 'IIS reads the self-update files as the anonymous account, so the NTFS permissions on the SelfUpdate folder matter: Administrators and SYSTEM need Full Control, Users and the anonymous account (IUSR) need Read & Execute. Account names change with the display language, so the tool compares security identifiers (SIDs), never names.',
      ja: 'IIS は匿名アカウントとして自己更新ファイルを読み取るため、SelfUpdate フォルダーの NTFS アクセス許可が重要です。Administrators と SYSTEM にはフル コントロール、Users と匿名アカウント (IUSR) には読み取りと実行が必要です。アカウント名は表示言語によって変わるため、このツールは名前ではなくセキュリティ識別子 (SID) で比べます。',
    },
    docs: [DOCS.kb920659, DOCS.iisBuiltInAccounts],
  },
  {
    id: 'server.account.iusr',
    roles: SERVER,
    title: { en: 'Anonymous account (IUSR)', ja: '匿名アカウント (IUSR)' },
    explanation: {
      en: 'Anonymous requests are served under a dedicated account, and that account must be able to read the self-update files. On IIS 6 it is IUSR_<computer name>, which gets its rights through the local Users group; on IIS 7 and later it is the built-in IUSR account, which cannot be deleted but may have been replaced by another account in the anonymous authentication settings.',
      ja: '匿名の要求は専用のアカウントで処理され、そのアカウントが自己更新ファイルを読み取れる必要があります。IIS 6 では IUSR_<コンピューター名> で、ローカルの Users グループを通じて権限を得ます。IIS 7 以降では組み込みの IUSR アカウントで、削除はできませんが、匿名認証の設定で別のアカウントに置き換えられていることがあります。',
    },
    docs: [DOCS.kb920659, DOCS.iisBuiltInAccounts, DOCS.iisAnonymousAuth],
  },
  {
    id: 'server.fs.selfupdate-files',
    roles: SERVER,
    title: { en: 'Self-update files present', ja: '自己更新ファイルの有無' },
    explanation: {
      en: 'The SelfUpdate folder must really contain the self-update files, starting with wuident.cab. If the Selfupdate.msi setup was incomplete, files are missing and clients get 404. Re-running Selfupdate.msi from the WSUS Setup folder restores them; that step is left to you.',
      ja: 'SelfUpdate フォルダーには、wuident.cab をはじめとする自己更新ファイルが実際に存在する必要があります。Selfupdate.msi のインストールが不完全だとファイルが欠け、クライアントは 404 を受け取ります。WSUS の Setup フォルダーにある Selfupdate.msi を再実行すると復元できますが、この作業は手動で行います。',
    },
    docs: [DOCS.kb920659],
  },
  {
    id: 'server.sharepoint',
    roles: SERVER,
    title: { en: 'SharePoint on the port-80 site', ja: 'ポート 80 のサイト上の SharePoint' },
    explanation: {
      en: 'SharePoint installed on the same site handles every request, including those meant for WSUS, so clients get "access denied" or a SharePoint page instead of the self-update files. The paths /iuident.cab, /wutrack.bin, /clientwebservice and /Selfupdate have to be excluded in SharePoint\'s managed paths; the tool detects SharePoint and lists the exclusions to add by hand.',
      ja: '同じサイトに SharePoint がインストールされていると、WSUS 向けのものも含めてすべての要求を SharePoint が処理してしまい、クライアントには自己更新ファイルの代わりに「アクセス拒否」や SharePoint のページが返ります。SharePoint の管理パスで /iuident.cab、/wutrack.bin、/clientwebservice、/Selfupdate を除外する必要があります。このツールは SharePoint を検出し、手動で追加する除外パスを示します。',
    },
    docs: [DOCS.clientSelfUpdate, DOCS.autoUpdateMustBeUpdatedJa, DOCS.kb920659],
  },
  {
    id: 'server.events.health',
    roles: SERVER,
    title: { en: 'WSUS health events', ja: 'WSUS の正常性イベント' },
    explanation: {
      en: 'WSUS regularly tests its own components and writes the results to the Application event log under the source "Windows Server Update Services". The tool reads the recent events and explains in plain words the ones that matter here, such as self-update or the client web service not working.',
      ja: 'WSUS は定期的に自身のコンポーネントを検査し、その結果をアプリケーション イベント ログに "Windows Server Update Services" というソースで記録します。このツールは最近のイベントを読み取り、自己更新やクライアント Web サービスが動作していないといった、ここで重要なものをわかりやすく説明します。',
    },
    docs: [DOCS.kb920659, DOCS.clientSelfUpdate],
  },
  {
    id: 'server.http.loopback',
    roles: SERVER,
    title: { en: 'Requests from the server itself', ja: 'サーバー自身からの要求' },
    explanation: {
      en: 'The server requests its own self-update and client web service addresses through 127.0.0.1, localhost and its full DNS name, and compares the answers. If they work here but fail from clients, look at the network or firewall; if the answers differ by name, a binding, a host header or a DNS record is usually the cause.',
      ja: 'サーバー自身から、127.0.0.1、localhost、完全修飾ドメイン名 (FQDN) の 3 通りで自己更新とクライアント Web サービスのアドレスを要求し、結果を比べます。ここでは成功するのにクライアントからは失敗する場合はネットワークやファイアウォールを、名前によって結果が異なる場合はバインド、ホスト ヘッダー、DNS レコードを疑ってください。',
    },
    after: ['server.wsus.setup', 'server.iis.port80-site'],
    docs: [DOCS.kb920659, DOCS.clientSelfUpdate, DOCS.iisBinding],
  },
  {
    id: 'server.log.iis',
    roles: SERVER,
    title: { en: 'IIS logs of the WSUS site', ja: 'WSUS サイトの IIS ログ' },
    explanation: {
      en: 'IIS records every request to the WSUS site, with its status, sub-status and Windows error code, in the W3SVC<site id> log folder; times there are UTC by default. The tool counts the self-update and client web service requests by result and by client, so repeated 404, 401 or 503 answers point straight at the cause and at the clients affected.',
      ja: 'IIS は WSUS サイトへのすべての要求を、状態コード、サブ状態コード、Windows のエラー コードとともに W3SVC<サイト ID> のログ フォルダーに記録します。ログの時刻は既定では UTC です。このツールは自己更新とクライアント Web サービスへの要求を結果別、クライアント別に集計するため、繰り返される 404、401、503 から原因と影響を受けているクライアントがすぐにわかります。',
    },
    after: ['server.wsus.setup'],
    docs: [DOCS.clientSelfUpdate, DOCS.iisStatusCodes, DOCS.iisLogFile],
  },
];
