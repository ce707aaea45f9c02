import { DOCS } from '../docs.js';
import type { CheckDefinition } from './types.js';

const CLIENT = ['client'] as const;

export const CLIENT_CHECKS: readonly CheckDefinition[] = [
  {
    id: 'client.system.os',
    roles: CLIENT,
    title: { en: 'Windows version', ja: 'Windows のバージョン' },
    explanation: {
      en: 'The Windows version decides which parts of the self-update path matter. Clients older than Windows 8 fetch a WSUS-capable agent from the server\'s SelfUpdate folder; Windows 8 and later receive the agent as an ordinary update, so some legacy checks are skipped for them.',
      ja: 'Windows のバージョンによって、自己更新のどの部分が関係するかが変わります。Windows 8 より前のクライアントは WSUS サーバーの SelfUpdate フォルダーから WSUS 対応のエージェントを取得します。Windows 8 以降ではエージェントは通常の更新として配布されるため、古い仕組みに関するチェックは省略されます。',
    },
    docs: [DOCS.updatingWua, DOCS.clientSelfUpdate],
  },
  {
    id: 'client.system.elevation',
    roles: CLIENT,
    title: { en: 'Running as administrator', ja: '管理者として実行しているか' },
    explanation: {
      en: 'Reading the policy works for any user, but every repair writes to HKLM or controls a service, which needs an elevated (administrator) process. The tool checks the process token for the High Mandatory Level, which does not depend on the display language.',
      ja: 'ポリシーの読み取りは一般ユーザーでもできますが、修復はすべて HKLM への書き込みやサービスの操作を伴うため、管理者として昇格したプロセスが必要です。表示言語に左右されないよう、プロセス トークンの整合性レベル (High Mandatory Level) で判定します。',
    },
    docs: [],
  },
  {
    id: 'client.agent.version',
    roles: CLIENT,
    title: { en: 'Windows Update Agent version', ja: 'Windows Update エージェントのバージョン' },
    explanation: {
      en: 'An Automatic Updates client from the SUS era cannot talk to WSUS until it has replaced itself with the newer agent from the server\'s self-update tree. If the agent is that old, the self-update path is the problem to solve first.',
      ja: 'SUS 時代の自動更新クライアントは、サーバーの自己更新ツリーから新しいエージェントに入れ替わるまで WSUS と通信できません。エージェントがそれほど古い場合は、まず自己更新の経路を直す必要があります。',
    },
    eras: ['nt5', 'nt6.0', 'nt6.2', 'nt10'],
    after: ['client.system.os'],
    docs: [DOCS.clientSelfUpdate, DOCS.updatingWua, DOCS.autoUpdateMustBeUpdatedJa],
  },
  {
    id: 'client.policy.wuserver',
    roles: CLIENT,
    title: { en: 'WSUS server in policy (WUServer)', ja: 'ポリシーの WSUS サーバー (WUServer)' },
    explanation: {
      en: 'The WUServer policy value tells the agent where the WSUS server is. It must be a complete http or https address with the server name and, for WSUS on 8530/8531, the port. Without it the client never contacts WSUS.',
      ja: 'ポリシー値 WUServer は、エージェントに WSUS サーバーの場所を伝えます。http または https で始まり、サーバー名と (8530/8531 を使う場合は) ポート番号を含む完全なアドレスである必要があります。この値がないとクライアントは WSUS に接続しません。',
    },
    docs: [DOCS.clientSelfUpdate, DOCS.wuSettings, DOCS.wsusGpo],
  },
  {
    id: 'client.policy.wustatusserver',
    roles: CLIENT,
    title: { en: 'Reporting server in policy (WUStatusServer)', ja: 'ポリシーのレポート サーバー (WUStatusServer)' },
    explanation: {
      en: 'WUStatusServer is where the client sends its status reports; without it the client may update but never shows up as reporting in the WSUS console. Older guidance says it must equal WUServer, newer guidance allows a different server, so a difference is flagged for you to confirm rather than treated as an error.',
      ja: 'WUStatusServer はクライアントが状態を報告する送信先です。この値がないと、更新はできても WSUS コンソールに報告が表示されません。古い資料では WUServer と同じ値にするよう書かれ、新しい資料では別のサーバーも認めているため、値が異なる場合はエラーではなく確認を促す警告にしています。',
    },
    after: ['client.policy.wuserver'],
    docs: [DOCS.clientSelfUpdate, DOCS.wsusGpo],
  },
  {
    id: 'client.policy.usewuserver',
    roles: CLIENT,
    title: { en: 'Use the WSUS server (UseWUServer)', ja: 'WSUS サーバーを使う設定 (UseWUServer)' },
    explanation: {
      en: 'Windows ignores WUServer unless AU\\UseWUServer is the number 1 (a DWORD). When it is missing or 0 the client goes to Microsoft Update on the internet instead of your WSUS server.',
      ja: 'AU キーの UseWUServer が数値 1 (DWORD) でない限り、Windows は WUServer を無視します。値がないか 0 の場合、クライアントは WSUS サーバーではなくインターネット上の Microsoft Update に接続します。',
    },
    docs: [DOCS.clientSelfUpdate, DOCS.wuSettings],
  },
  {
    id: 'client.policy.misspelled',
    roles: CLIENT,
    title: { en: 'Misspelled policy value names', ja: 'ポリシー値の名前の綴り間違い' },
    explanation: {
      en: 'Windows reads only the exact names WUServer, WUStatusServer and UseWUServer. The Japanese edition of an old Microsoft article spells them WSUServer, WSUStatusServer and UseWSUServer; values typed from it (or with other typos) look right in regedit but are silently ignored.',
      ja: 'Windows が読み取るのは WUServer、WUStatusServer、UseWUServer という正確な名前だけです。古い Microsoft の日本語版記事ではこれらが WSUServer、WSUStatusServer、UseWSUServer と誤記されており、その手順どおりに (あるいは別の打ち間違いで) 作成した値は regedit 上は正しく見えても黙って無視されます。',
    },
    docs: [DOCS.autoUpdateMustBeUpdatedJa, DOCS.clientSelfUpdate],
  },
  {
    id: 'client.policy.au-enabled',
    roles: CLIENT,
    title: { en: 'Automatic Updates turned on', ja: '自動更新が有効か' },
    explanation: {
      en: 'If the policy turns Automatic Updates off (NoAutoUpdate = 1) the agent does not detect on its own, so it neither self-updates nor reports. AUOptions must be one of the documented values (2, 3, 4, 5, or 7 on Server 2016 and later).',
      ja: 'ポリシーで自動更新が無効 (NoAutoUpdate = 1) になっていると、エージェントは自分から検出を行わないため、自己更新も報告もしません。AUOptions は文書化された値 (2、3、4、5、Server 2016 以降では 7) のいずれかである必要があります。',
    },
    docs: [DOCS.wuSettings, DOCS.clientSelfUpdate],
  },
  {
    id: 'client.service.wuauserv',
    roles: CLIENT,
    title: { en: 'Windows Update service (wuauserv)', ja: 'Windows Update サービス (wuauserv)' },
    explanation: {
      en: 'The Automatic Updates / Windows Update service does the detection, the self-update and the reporting. It must exist and must not be disabled; a stopped service is normal on recent Windows because it starts on demand.',
      ja: '自動更新 (Windows Update) サービスが検出、自己更新、報告を行います。サービスが存在し、無効になっていないことが必要です。最近の Windows では必要なときに起動するため、停止中であること自体は正常です。',
    },
    docs: [DOCS.clientSelfUpdate],
  },
  {
    id: 'client.service.bits',
    roles: CLIENT,
    title: { en: 'Background Intelligent Transfer Service (BITS)', ja: 'バックグラウンド インテリジェント転送サービス (BITS)' },
    explanation: {
      en: 'The agent downloads files from WSUS through BITS. If BITS is disabled, detection may work but downloads, including the self-update files, do not.',
      ja: 'エージェントは WSUS からのファイルのダウンロードに BITS を使います。BITS が無効だと、検出はできても自己更新のファイルを含むダウンロードができません。',
    },
    docs: [DOCS.wuLogs],
  },
  {
    id: 'client.au.detection-timers',
    roles: CLIENT,
    title: { en: 'Detection timers (AUState, DetectionStartTime, LastWaitTimeout)', ja: '検出タイマー (AUState、DetectionStartTime、LastWaitTimeout)' },
    explanation: {
      en: 'Older clients record when they will next detect: DetectionStartTime in local time (detection starts about five minutes later) and LastWaitTimeout in UTC. If LastWaitTimeout has moved about 24 hours ahead, the last attempt could not reach the server in WUServer and the client is waiting a day to retry.',
      ja: '古いクライアントは次に検出を行う時刻を記録します。DetectionStartTime はローカル時刻 (実際の検出はその約 5 分後)、LastWaitTimeout は UTC です。LastWaitTimeout が約 24 時間先に進んでいる場合、前回の試行で WUServer のサーバーに接続できず、クライアントは 1 日待ってから再試行しようとしています。',
    },
    eras: ['nt5', 'nt6.0'],
    after: ['client.system.os'],
    docs: [DOCS.clientSelfUpdate, DOCS.autoUpdateMustBeUpdatedJa],
  },
  {
    id: 'client.network.proxy',
    roles: CLIENT,
    title: { en: 'WinHTTP proxy', ja: 'WinHTTP プロキシ' },
    explanation: {
      en: 'The update agent uses the machine-wide WinHTTP proxy, not the browser\'s. If a WinHTTP proxy is set and the WSUS server is not on its bypass list, requests to WSUS go through the proxy, which often cannot reach or authenticate to an internal server.',
      ja: '更新エージェントが使うのはブラウザーの設定ではなく、コンピューター全体の WinHTTP プロキシです。WinHTTP プロキシが設定されていて WSUS サーバーがバイパス一覧にない場合、WSUS への要求がプロキシ経由になり、社内サーバーに届かない、または認証できないことがよくあります。',
    },
    after: ['client.policy.wuserver'],
    docs: [DOCS.scanFailures],
  },
  {
    id: 'client.log.windowsupdate',
    roles: CLIENT,
    title: { en: 'Windows Update log', ja: 'Windows Update ログ' },
    explanation: {
      en: 'The client\'s own log shows whether it contacted the server, which URL it used, whether the self-update check ran, and the error codes it got. Each code is translated into what it means for the path to WSUS.',
      ja: 'クライアント自身のログには、サーバーに接続したか、どの URL を使ったか、自己更新の確認が行われたか、どのエラー コードが返されたかが記録されています。各コードを、WSUS への経路にとってどういう意味かに言い換えて示します。',
    },
    after: ['client.policy.wuserver'],
    docs: [DOCS.wuLogs, DOCS.wuErrors, DOCS.clientSelfUpdate],
  },
];
