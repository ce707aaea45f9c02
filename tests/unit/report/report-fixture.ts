// A realistic run on a domain-joined Windows 10 client, written by hand: policy misspelled, proxy
// in the way, the self-update URL unreachable; two fixes applied (one worked, one failed).
import { DOCS } from '../../../shared/docs.js';
import type { AppliedFix, CheckResult, RunResult } from '../../../shared/results.js';
import { l10n, verbatim } from '../../../shared/text.js';

const WU = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate';
const AU = `${WU}\\AU`;

export const HOSTILE = {
  script: '<script>alert(1)</script>',
  quotes: `He said "stop" & it's <b>bold</b>`,
  jsUrl: 'javascript:alert(1)',
  style: '</style><style>body{display:none}</style>',
  img: '<img src=x onerror=alert(1)>',
  controls: 'bell\u0007 esc\u001b[31m nul\u0000 rlo\u202Eevil tab\tkept\nnew line\r\nwindows line',
};

export function sampleRun(): RunResult {
  const results: CheckResult[] = [
    {
      id: 'client.system.os',
      status: 'pass',
      title: l10n('Windows version', 'Windows のバージョン'),
      summary: l10n('Windows 10 Enterprise 22H2 (build 19045.6456), x64, UI language ja-JP.', 'Windows 10 Enterprise 22H2 (ビルド 19045.6456)、x64、UI 言語 ja-JP。'),
      explanation: l10n('The Windows version decides which parts of the self-update path matter.', 'Windows のバージョンによって、自己更新のどの部分が関係するかが変わります。'),
      evidence: [
        { label: verbatim('HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProductName'), value: 'REG_SZ "Windows 10 Enterprise"' },
        { label: l10n('Computer name', 'コンピューター名'), value: 'PC-0142 (PC-0142.corp.example)' },
        { label: l10n('Signed-in user', 'サインインしているユーザー'), value: 'CORP\\tanaka, profile C:\\Users\\tanaka' },
      ],
      fixes: [],
      docs: [DOCS.updatingWua, DOCS.clientSelfUpdate],
      durationMs: 12.4,
    },
    {
      id: 'client.system.elevation',
      status: 'pass',
      title: l10n('Running as administrator', '管理者として実行しているか'),
      summary: l10n('The tool runs elevated (High Mandatory Level).', 'ツールは昇格して実行されています (High Mandatory Level)。'),
      explanation: l10n('Every repair writes to HKLM or controls a service.', '修復はすべて HKLM への書き込みやサービスの操作を伴います。'),
      evidence: [{ label: l10n('Token integrity level', 'トークンの整合性レベル'), value: 'S-1-16-12288 (High Mandatory Level)' }],
      fixes: [],
      docs: [],
      durationMs: 3,
    },
    {
      id: 'client.policy.wuserver',
      status: 'fail',
      title: l10n('WSUS server in policy (WUServer)', 'ポリシーの WSUS サーバー (WUServer)'),
      summary: l10n(
        'WUServer is not set, but the misspelled value WSUServer names http://wsus01.corp.example:8530: Windows ignores it.',
        'WUServer が設定されていません。つづりの誤った値 WSUServer に http://wsus01.corp.example:8530 が設定されていますが、Windows はこれを無視します。',
      ),
      explanation: l10n('The WUServer policy value tells the agent where the WSUS server is.', 'ポリシー値 WUServer は、エージェントに WSUS サーバーの場所を伝えます。'),
      evidence: [
        { label: verbatim(`${WU}\\WUServer`), value: '(not present)' },
        { label: verbatim(`${WU}\\WSUServer`), value: 'REG_SZ "http://wsus01.corp.example:8530"' },
      ],
      fixes: [
        {
          id: 'client.policy.wuserver:set-server',
          title: l10n('Write WUServer and WUStatusServer', 'WUServer と WUStatusServer を書き込む'),
          automatic: true,
          requiresAdmin: true,
          steps: [
            l10n('Set WUServer and WUStatusServer to http://wsus01.corp.example:8530.', 'WUServer と WUStatusServer を http://wsus01.corp.example:8530 に設定します。'),
            l10n('Delete the misspelled value WSUServer.', 'つづりの誤った値 WSUServer を削除します。'),
          ],
          plan: [
            { kind: 'registry.set', key: WU, name: 'WUServer', value: { type: 'REG_SZ', data: 'http://wsus01.corp.example:8530' } },
            { kind: 'registry.set', key: WU, name: 'WUStatusServer', value: { type: 'REG_SZ', data: 'http://wsus01.corp.example:8530' } },
            { kind: 'registry.delete', key: WU, name: 'WSUServer' },
          ],
        },
      ],
      docs: [DOCS.clientSelfUpdate, DOCS.wuSettings, DOCS.wsusGpo],
      durationMs: 8.2,
    },
    {
      id: 'client.policy.usewuserver',
      status: 'warn',
      title: l10n('Use the WSUS server (UseWUServer)', 'WSUS サーバーを使用する (UseWUServer)'),
      summary: l10n('UseWUServer is the string "1" instead of the DWORD 1.', 'UseWUServer が DWORD の 1 ではなく文字列 "1" です。'),
      explanation: l10n('AU\\UseWUServer must be the DWORD 1.', 'AU\\UseWUServer は DWORD の 1 である必要があります。'),
      evidence: [{ label: verbatim(`${AU}\\UseWUServer`), value: 'REG_SZ "1"' }],
      fixes: [
        {
          id: 'client.policy.usewuserver:set-dword',
          title: l10n('Write UseWUServer as DWORD 1', 'UseWUServer を DWORD の 1 として書き込む'),
          automatic: true,
          requiresAdmin: true,
          steps: [l10n('Replace the string value with the DWORD 1.', '文字列の値を DWORD の 1 に置き換えます。')],
          plan: [{ kind: 'registry.set', key: AU, name: 'UseWUServer', value: { type: 'REG_DWORD', data: 1 } }],
          blocked: l10n('WUServer must be fixed first.', '先に WUServer を修正する必要があります。'),
        },
      ],
      docs: [DOCS.wuSettings],
      durationMs: 2.5,
    },
    {
      id: 'client.service.wuauserv',
      status: 'pass',
      title: l10n('Windows Update service (wuauserv)', 'Windows Update サービス (wuauserv)'),
      summary: l10n('The service is running; start type manual.', 'サービスは実行中です。スタートアップの種類は手動です。'),
      explanation: l10n('The Windows Update service must be able to start.', 'Windows Update サービスが起動できる必要があります。'),
      evidence: [
        { label: l10n('State', '状態'), value: 'running' },
        { label: l10n('Service account', 'サービス アカウント'), value: 'NT AUTHORITY\\SYSTEM; SDDL grants BUILTIN\\Users read' },
      ],
      fixes: [],
      docs: [DOCS.clientSelfUpdate],
      durationMs: 4,
    },
    {
      id: 'client.network.proxy',
      status: 'warn',
      title: l10n('WinHTTP proxy', 'WinHTTP プロキシ'),
      summary: l10n(
        'WinHTTP sends requests for wsus01.corp.example through proxy01.corp.example:8080 (10.20.0.8).',
        'WinHTTP は wsus01.corp.example への要求を proxy01.corp.example:8080 (10.20.0.8) 経由で送ります。',
      ),
      explanation: l10n('The update agent uses the WinHTTP proxy, not the browser proxy.', '更新エージェントはブラウザーではなく WinHTTP のプロキシを使います。'),
      evidence: [
        { label: verbatim('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections\\WinHttpSettings'), value: 'proxy01.corp.example:8080' },
        { label: l10n('Bypass list', 'バイパス リスト'), value: '<local>;*.contoso.com;127.0.0.1' },
      ],
      fixes: [
        {
          id: 'client.network.proxy:manual-bypass',
          title: l10n('Add the WSUS server to the bypass list', 'WSUS サーバーをバイパス リストに追加する'),
          automatic: false,
          requiresAdmin: true,
          steps: [l10n('Run: netsh winhttp set proxy proxy01.corp.example:8080 "<local>;wsus01.corp.example"', '実行: netsh winhttp set proxy proxy01.corp.example:8080 "<local>;wsus01.corp.example"')],
          plan: [],
        },
      ],
      docs: [DOCS.clientSelfUpdate],
      durationMs: 6,
    },
    {
      id: 'net.dns',
      status: 'pass',
      title: l10n('Server name resolves (DNS)', 'サーバー名の解決 (DNS)'),
      summary: l10n('wsus01.corp.example resolves to 10.20.30.40 and fe80::1c2d:3e4f:5a6b:7c8d%12.', 'wsus01.corp.example は 10.20.30.40 と fe80::1c2d:3e4f:5a6b:7c8d%12 に解決されます。'),
      explanation: l10n('The client must resolve the WSUS host name.', 'クライアントが WSUS のホスト名を解決できる必要があります。'),
      evidence: [{ label: l10n('Addresses', 'アドレス'), value: '10.20.30.40\nfe80::1c2d:3e4f:5a6b:7c8d%12\n2001:db8:10::40' }],
      fixes: [],
      docs: [DOCS.clientSelfUpdate, 'https://wiki.corp.example/wsus/dns'],
      durationMs: 21,
    },
    {
      id: 'http.selfupdate',
      status: 'error',
      title: l10n('Self-update file (wuident.cab)', '自己更新ファイル (wuident.cab)'),
      summary: l10n(
        'The check could not run: connect ETIMEDOUT 10.20.30.40:8530',
        'チェックを実行できませんでした: connect ETIMEDOUT 10.20.30.40:8530',
      ),
      explanation: l10n('GET <WUServer>/selfupdate/wuident.cab must answer 200 with a cabinet.', 'GET <WUServer>/selfupdate/wuident.cab が 200 とキャビネットを返す必要があります。'),
      evidence: [{ label: l10n('URL', 'URL'), value: 'http://wsus01.corp.example:8530/selfupdate/wuident.cab' }],
      fixes: [],
      docs: [DOCS.clientSelfUpdate, DOCS.kb920659],
      durationMs: 30_000,
    },
    {
      id: 'client.log.windowsupdate',
      status: 'fail',
      title: l10n('Windows Update log', 'Windows Update のログ'),
      summary: l10n(
        `The log shows 0x80244019 for http://WSUS01:8530 (seen ${HOSTILE.script}).`,
        `ログに http://WSUS01:8530 に対する 0x80244019 が記録されています (${HOSTILE.script})。`,
      ),
      explanation: l10n('C:\\Windows\\WindowsUpdate.log records every contact with the server.', 'C:\\Windows\\WindowsUpdate.log にはサーバーとのやり取りが記録されます。'),
      evidence: [
        { label: l10n('Script', 'スクリプト'), value: HOSTILE.script },
        { label: l10n('Quotes', '引用符'), value: HOSTILE.quotes },
        { label: l10n('Link', 'リンク'), value: HOSTILE.jsUrl },
        { label: l10n('Style', 'スタイル'), value: HOSTILE.style },
        { label: l10n(`Image ${HOSTILE.img}`, `画像 ${HOSTILE.img}`), value: HOSTILE.img },
        { label: l10n('Controls', '制御文字'), value: HOSTILE.controls },
        {
          label: l10n('Log line', 'ログの行'),
          value: '2026-11-20 09:30:00:123  1184  1f4c  PT  WARNING: SyncServerUpdatesInternal failed: 0x80244019 URL=http://WSUS01:8530/ClientWebService/client.asmx user tanaka@corp.example',
        },
      ],
      fixes: [
        {
          id: 'client.log.windowsupdate:manual',
          title: l10n('Check the server', 'サーバーを確認する'),
          automatic: false,
          requiresAdmin: false,
          steps: [l10n(`Open ${HOSTILE.jsUrl} ${HOSTILE.img}`, `開く ${HOSTILE.jsUrl} ${HOSTILE.img}`)],
          plan: [],
        },
      ],
      docs: [DOCS.wuLogs, 'https://evil.example/phish', 'https://learn.microsoft.com.evil.example/x', 'http://user@learn.microsoft.com/x'],
      durationMs: 140.7,
    },
    {
      id: 'client.au.detection-timers',
      status: 'skip',
      title: l10n('Detection timers (legacy clients)', '検出タイマー (古いクライアント)'),
      summary: l10n('Does not apply to this version of Windows (Windows 10 Enterprise 10.0.19045).', 'この Windows のバージョン (Windows 10 Enterprise 10.0.19045) には該当しません。'),
      explanation: l10n('AUState, DetectionStartTime and LastWaitTimeout on legacy clients.', '古いクライアントの AUState、DetectionStartTime、LastWaitTimeout。'),
      evidence: [],
      fixes: [],
      docs: [DOCS.clientSelfUpdate],
      durationMs: 0,
    },
  ];
  return {
    role: 'client',
    startedAt: '2026-11-20T09:30:00.000Z',
    durationMs: 30_412,
    environment: {
      registryBackend: 'regedit (Windows Script Host)',
      elevated: true,
      computerName: 'PC-0142',
      domain: 'corp.example',
      userName: 'CORP\\tanaka',
      os: 'Windows 10 Enterprise 10.0.19045.6456 x64',
      wsusUrl: 'http://wsus01.corp.example:8530',
    },
    results,
  };
}

export function sampleApplied(): AppliedFix[] {
  return [
    {
      id: 'client.policy.wuserver:set-server',
      at: '2026-11-20T09:31:05.120Z',
      changes: [
        `Set ${WU}\\WUServer to REG_SZ "http://wsus01.corp.example:8530"`,
        `Set ${WU}\\WUStatusServer to REG_SZ "http://wsus01.corp.example:8530"`,
        `Delete the value ${WU}\\WSUServer`,
      ],
      backup: 'C:\\ProgramData\\WSUS Self-Update Doctor\\backups\\PC-0142\\2026-11-20T09-31-05-120Z-client.policy.wuserver_set-server.json',
      result: 'applied',
    },
    {
      id: 'client.service.wuauserv:enable',
      at: '2026-11-20T09:31:06.000Z',
      changes: ['Set the start type of service wuauserv to manual'],
      backup: '',
      result: 'failed',
      message: `Access is denied for CORP\\tanaka on \\\\PC-0142.corp.example\\admin$ ${HOSTILE.img}`,
    },
  ];
}

export const TOOL = { name: 'WSUS Self-Update Doctor', version: '0.1.0' };
