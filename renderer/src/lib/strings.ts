/**
 * Every sentence the wizard itself shows, in both languages. The type makes a missing translation a
 * compile error; `{name}` placeholders are filled by `format` (i18n.svelte.ts). Texts that come from
 * the engine (check titles, summaries, evidence labels, fix steps) arrive as L10n over the bridge.
 */
import type { CheckStatus, Role } from '../../../shared/status.js';
import type { L10n } from '../../../shared/text.js';
import type { AppliedFix } from '../../../shared/results.js';
import { DOCS, type DocKey } from '../../../shared/docs.js';

export const S = {
  appName: { en: 'WSUS Self-Update Doctor', ja: 'WSUS Self-Update Doctor' },
  skipToContent: { en: 'Skip to the main content', ja: 'メイン コンテンツへ移動' },
  language: { en: 'Language', ja: '言語' },
  theme: { en: 'Theme', ja: 'テーマ' },
  themeSystem: { en: 'System', ja: 'システム設定' },
  themeLight: { en: 'Light', ja: 'ライト' },
  themeDark: { en: 'Dark', ja: 'ダーク' },
  flowMap: { en: 'Flow map', ja: 'フロー マップ' },
  flowMapHint: {
    en: 'Every step of the troubleshooting flow with its result. Choose a step to open it.',
    ja: 'トラブルシューティングの各ステップとその結果です。ステップを選ぶと開きます。',
  },
  flowSummaryNode: { en: 'Summary and report', ja: 'まとめとレポート' },
  flowSummaryStatus: { en: '{count} problems left', ja: '残りの問題 {count} 件' },
  close: { en: 'Close', ja: '閉じる' },
  tryAgain: { en: 'Try again', ja: 'もう一度試す' },
  dismiss: { en: 'Dismiss', ja: '閉じる' },
  startOver: { en: 'Start over', ja: '最初からやり直す' },
  back: { en: 'Back', ja: '戻る' },
  next: { en: 'Next', ja: '次へ' },
  toSummary: { en: 'Summary', ja: 'まとめへ' },
  errorTitle: { en: 'Something went wrong', ja: '問題が発生しました' },
  opensInBrowser: { en: '(opens in your browser)', ja: '(ブラウザーで開きます)' },

  // Errors the renderer itself produces
  errLostConnection: {
    en: 'The checking engine stopped answering (the connection was lost). Nothing was changed by this request. Check that the app is still running, then try again.',
    ja: 'チェック エンジンが応答しなくなりました (接続が切れました)。この操作では何も変更されていません。アプリが動作していることを確認してから、もう一度お試しください。',
  },
  errUnexpected: { en: 'Unexpected problem: {detail}', ja: '予期しない問題: {detail}' },
  errUnknown: { en: 'An unknown problem occurred.', ja: '不明な問題が発生しました。' },

  // No bridge
  noBridgeTitle: { en: 'The checking engine is not connected', ja: 'チェック エンジンに接続されていません' },
  noBridgeBody: {
    en: 'This page is the wizard of WSUS Self-Update Doctor, but it was opened without the part that runs the checks. Start it from the desktop app, or with the command that starts the web harness, instead of opening the file directly.',
    ja: 'このページは WSUS Self-Update Doctor のウィザードですが、チェックを実行する部分なしで開かれました。ファイルを直接開くのではなく、デスクトップ アプリ、または Web ハーネスを起動するコマンドから開始してください。',
  },
  noBridgeDetail: { en: 'Technical detail: {detail}', ja: '技術的な詳細: {detail}' },

  // Welcome / choose role
  welcomeTitle: { en: 'Why does this WSUS client not update or report?', ja: 'WSUS クライアントが更新・報告しないのはなぜか' },
  welcomeIntro: {
    en: 'This wizard walks through the official troubleshooting flow one step at a time. It runs every check for you, shows what it found, offers a fix with a preview where one is safe, and checks again afterwards. Nothing is changed without your confirmation.',
    ja: 'このウィザードは、公式のトラブルシューティング手順を 1 ステップずつ進めます。すべてのチェックを自動で実行して結果を示し、安全に直せるものは変更内容を確認したうえで修復し、その後もう一度チェックします。確認なしに何かを変更することはありません。',
  },
  loadingChoices: { en: 'Looking at this computer…', ja: 'このコンピューターを調べています…' },
  suggestedTitle: { en: 'Suggested for this computer', ja: 'このコンピューターへのおすすめ' },
  suggestedStart: { en: 'Check as {role}', ja: '{role}としてチェック' },
  suggestedNone: { en: 'No local check is possible here.', ja: 'ここではローカルのチェックはできません。' },
  preferredTitle: { en: 'Practice machine you were given', ja: '指定された練習用マシン' },
  preferredStart: { en: 'Start this practice machine', ja: 'この練習用マシンで開始' },
  chooseRoleTitle: { en: 'What do you want to check?', ja: '何をチェックしますか' },
  roleNotHere: { en: 'Needs Windows: not available on this computer.', ja: 'Windows が必要です。このコンピューターでは使えません。' },
  demoTitle: { en: 'Demo / training', ja: 'デモ / トレーニング' },
  demoIntro: {
    en: 'Practise on a simulated machine. The same checks run against it and fixes change only the simulation, so you can watch problems turn green.',
    ja: 'シミュレーションのマシンで練習できます。同じチェックが実行され、修復で変わるのはシミュレーションだけなので、問題が解消していく様子を確かめられます。',
  },
  demoNone: { en: 'No practice machines are available.', ja: '練習用のマシンはありません。' },
  demoRole: { en: 'Role: {role}', ja: '役割: {role}' },
  starting: { en: 'Starting…', ja: '開始しています…' },

  // Server URL
  serverTitle: { en: 'Which WSUS server should we test?', ja: 'どの WSUS サーバーをテストしますか' },
  serverIntro: {
    en: 'Give the address exactly as clients use it in the WUServer policy: the scheme, the server name and the port. WSUS on Windows Server 2012 and later listens on 8530 (http) or 8531 (https).',
    ja: 'クライアントが WUServer ポリシーで使っているとおりのアドレス (スキーム、サーバー名、ポート) を入力してください。Windows Server 2012 以降の WSUS は 8530 (http) または 8531 (https) で待ち受けます。',
  },
  serverLabel: { en: 'WSUS server address', ja: 'WSUS サーバーのアドレス' },
  serverHint: { en: 'For example http://wsus01.contoso.local:8530', ja: '例: http://wsus01.contoso.local:8530' },
  serverSubmit: { en: 'Run the checks', ja: 'チェックを実行' },

  // Running
  runningTitle: { en: 'Running the checks', ja: 'チェックを実行しています' },
  runningIntro: {
    en: 'Reading settings and testing the connection. This usually takes less than a minute; nothing is changed.',
    ja: '設定を読み取り、接続をテストしています。通常は 1 分以内に終わります。何も変更しません。',
  },
  runningTarget: { en: 'Checking {what}', ja: '{what} をチェック中' },
  progressLabel: { en: 'Checks completed', ja: '完了したチェック' },
  progressCount: { en: '{done} of {total}', ja: '{total} 件中 {done} 件' },
  progressPreparing: { en: 'Preparing…', ja: '準備しています…' },
  progressNow: { en: 'Now checking: {title}', ja: 'チェック中: {title}' },
  runFailedHelp: {
    en: 'The checks did not finish. You can try again, or start over with another choice.',
    ja: 'チェックが完了しませんでした。もう一度試すか、別の選択で最初からやり直してください。',
  },

  // Step page
  stepOf: { en: 'Step {n} of {total}', ja: 'ステップ {n} / {total}' },
  stepResult: { en: 'Result of this step', ja: 'このステップの結果' },
  recheck: { en: 'Re-check', ja: '再チェック' },
  rechecking: { en: 'Checking again… {done} of {total}', ja: '再チェック中… {total} 件中 {done} 件' },
  noChecksHere: {
    en: 'None of the checks of this step apply to this run.',
    ja: 'このステップのチェックは、今回の実行には該当しません。',
  },
  whyWeCheck: { en: 'Why we check this', ja: 'これを確認する理由' },
  evidenceCaption: { en: 'What we found', ja: '確認した内容' },
  evidenceItem: { en: 'Item', ja: '項目' },
  evidenceValue: { en: 'Value read', ja: '読み取った値' },
  fixesTitle: { en: 'How to fix it', ja: '直し方' },
  fixAutomatic: { en: 'Automatic fix', ja: '自動修復' },
  fixManual: { en: 'Manual fix: do these steps yourself', ja: '手動の修復: 次の手順を実施してください' },
  fixApply: { en: 'Apply fix…', ja: '修復を適用…' },
  fixNeedsAdmin: { en: 'Needs administrator rights.', ja: '管理者権限が必要です。' },
  fixNotElevated: {
    en: 'This app is not running as administrator, so this fix cannot be applied. Use "Relaunch as administrator" (or close it and start it with "Run as administrator").',
    ja: 'このアプリは管理者として実行されていないため、この修復は適用できません。「管理者として再起動」を使うか、いったん閉じて「管理者として実行」で起動し直してください。',
  },
  fixBlocked: { en: 'Not possible yet: {reason}', ja: 'まだ適用できません: {reason}' },
  relaunchAdmin: { en: 'Relaunch as administrator', ja: '管理者として再起動' },
  interruptedTitle: { en: 'A fix was interrupted', ja: '中断された修復があります' },
  interruptedIntro: {
    en: 'An earlier run of this tool started a fix on this computer and stopped before it finished (the program was closed or the computer restarted). Put the computer back as it was, or finish the fix. Other fixes stay disabled until then.',
    ja: 'このツールの以前の実行がこのコンピューターで修復を開始し、完了前に停止しました (プログラムが終了したか、コンピューターが再起動しました)。元の状態に戻すか、修復を完了させてください。それまで他の修復は使えません。',
  },
  interruptedAt: { en: '{fix}: stopped at change {at} of {total}, started {time}', ja: '{fix}: {total} 件中 {at} 件目の変更で停止 (開始 {time})' },
  interruptedRollback: { en: 'Roll back', ja: 'ロールバック' },
  interruptedRollbackWill: { en: 'Rolling back makes these changes:', ja: 'ロールバックでは次の変更を行います:' },
  interruptedFinish: { en: 'Finish the fix', ja: '修復を完了' },
  interruptedFinishWill: { en: 'Finishing makes these changes:', ja: '完了させると次の変更を行います:' },
  interruptedBackup: { en: 'Backup taken before it started: {path}', ja: '開始前に取ったバックアップ: {path}' },
  docsTitle: { en: 'Read more', ja: '詳しい情報' },

  // Fix dialog
  fixDialogTitle: { en: 'Preview of the fix', ja: '修復内容の確認' },
  fixLoading: { en: 'Preparing the list of changes…', ja: '変更内容の一覧を準備しています…' },
  fixChangesIntro: {
    en: 'These changes will be made, in this order. A backup is taken first, so you can undo them from the summary page.',
    ja: '次の変更を、この順序で行います。先にバックアップを取るので、まとめのページから元に戻せます。',
  },
  fixNoChanges: { en: 'This fix makes no changes by itself.', ja: 'この修復自体は変更を行いません。' },
  fixCoveredBy: { en: 'Part of these changes is made by: {ids}', ja: 'この変更の一部は次の修復で行われます: {ids}' },
  fixUnavailable: { en: 'Cannot be applied now', ja: '今は適用できないもの' },
  fixAdminNotice: {
    en: 'These changes need administrator rights.',
    ja: 'これらの変更には管理者権限が必要です。',
  },
  fixConfirm: { en: 'Confirm and apply', ja: '確認して適用' },
  fixCancel: { en: 'Cancel', ja: 'キャンセル' },
  fixApplying: { en: 'Applying the changes, then checking again…', ja: '変更を適用してから、もう一度チェックしています…' },
  fixDoneTitle: { en: 'Result', ja: '結果' },
  fixRechecked: { en: 'Checked again', ja: '再チェックの結果' },
  fixBackupAt: { en: 'Backup: {path}', ja: 'バックアップ: {path}' },
  fixNothingApplied: { en: 'Nothing was applied.', ja: '何も適用されませんでした。' },

  // Summary
  summaryTitle: { en: 'Summary', ja: 'まとめ' },
  summaryIntro: {
    en: 'What is still wrong, what was fixed, and the report to attach to your ticket.',
    ja: 'まだ残っている問題、修復した内容、チケットに添付するレポートです。',
  },
  summaryCounts: { en: 'Results of the last run', ja: '直近の実行結果' },
  summaryEnvironment: { en: 'What was checked', ja: 'チェックの対象' },
  envRole: { en: 'Role', ja: '役割' },
  envComputer: { en: 'Computer', ja: 'コンピューター' },
  envOs: { en: 'Operating system', ja: 'オペレーティング システム' },
  envWsus: { en: 'WSUS address', ja: 'WSUS のアドレス' },
  envScenario: { en: 'Simulated machine', ja: 'シミュレーションのマシン' },
  envStarted: { en: 'Last run', ja: '直近の実行' },
  envElevated: { en: 'Administrator', ja: '管理者権限' },
  yes: { en: 'Yes', ja: 'はい' },
  no: { en: 'No', ja: 'いいえ' },
  unknown: { en: 'Unknown', ja: '不明' },
  remainingTitle: { en: 'Still wrong', ja: 'まだ残っている問題' },
  remainingNone: { en: 'Nothing is left to fix. Well done.', ja: '直すべき問題は残っていません。' },
  openStep: { en: 'Open the step "{step}"', ja: 'ステップ「{step}」を開く' },
  appliedTitle: { en: 'Fixes applied', ja: '適用した修復' },
  appliedNone: { en: 'No fixes were applied in this session.', ja: 'このセッションでは修復を適用していません。' },
  appliedFix: { en: 'Fix', ja: '修復' },
  appliedWhen: { en: 'When', ja: '日時' },
  appliedResult: { en: 'Result', ja: '結果' },
  appliedBackup: { en: 'Backup', ja: 'バックアップ' },
  appliedUndoCol: { en: 'Undo', ja: '元に戻す' },
  undo: { en: 'Undo', ja: '元に戻す' },
  undoNamed: { en: 'Undo {id}', ja: '{id} を元に戻す' },
  undone: { en: 'Undone', ja: '元に戻しました' },
  undoProblems: { en: 'Undo finished with problems:', ja: '元に戻す処理で問題がありました:' },
  saveTitle: { en: 'Save and share', ja: '保存と共有' },
  redact: {
    en: 'Hide computer names, user names and addresses in the saved report',
    ja: '保存するレポートでコンピューター名、ユーザー名、アドレスを伏せる',
  },
  saveHtml: { en: 'Save HTML report', ja: 'HTML レポートを保存' },
  saveJson: { en: 'Save JSON', ja: 'JSON を保存' },
  saving: { en: 'Saving…', ja: '保存しています…' },
  savedAt: { en: 'Saved: {location}', ja: '保存しました: {location}' },
  savedNoLocation: { en: 'Saved.', ja: '保存しました。' },
  saveCancelled: { en: 'The report was not saved.', ja: 'レポートは保存されませんでした。' },
  copySummary: { en: 'Copy summary for a ticket', ja: 'チケット用の要約をコピー' },
  copied: { en: 'The summary is on the clipboard.', ja: '要約をクリップボードにコピーしました。' },
  copyFailed: {
    en: 'Could not use the clipboard. Select the text below and copy it yourself.',
    ja: 'クリップボードを使えませんでした。下のテキストを選択して、手動でコピーしてください。',
  },
  copyFallbackLabel: { en: 'Summary text', ja: '要約テキスト' },

  // Announcements (aria-live)
  announceChecksDone: {
    en: 'Checks finished: {problems} problems, {pass} passed.',
    ja: 'チェックが終わりました: 問題 {problems} 件、合格 {pass} 件。',
  },
  announceFixDone: { en: 'Fix finished. The check now shows: {status}.', ja: '修復が終わりました。チェックの結果: {status}。' },
  announceFixFailed: { en: 'The fix did not succeed.', ja: '修復は成功しませんでした。' },
  announceRolledBack: { en: 'The interrupted fix was rolled back and the checks ran again.', ja: '中断された修復をロールバックし、もう一度チェックしました。' },
  announceFinished: { en: 'The interrupted fix was finished and the checks ran again.', ja: '中断された修復を完了させ、もう一度チェックしました。' },
  announceRelaunching: { en: 'The app is starting again as administrator.', ja: 'アプリを管理者として起動し直しています。' },
  announceRelaunchDeclined: {
    en: 'The app was not restarted (the administrator prompt was declined or could not be shown).',
    ja: 'アプリは再起動されませんでした (管理者の確認が拒否されたか、表示できませんでした)。',
  },
  announceUndone: { en: 'The fix was undone and the checks ran again.', ja: '修復を元に戻し、もう一度チェックしました。' },
  announceSaved: { en: 'Report saved.', ja: 'レポートを保存しました。' },
  announceError: { en: 'Error: {message}', ja: 'エラー: {message}' },

  // Ticket summary (plain text)
  ticketHeading: { en: 'WSUS Self-Update Doctor: summary', ja: 'WSUS Self-Update Doctor: 要約' },
  ticketRole: { en: 'Role', ja: '役割' },
  ticketTarget: { en: 'Computer', ja: 'コンピューター' },
  ticketWsus: { en: 'WSUS', ja: 'WSUS' },
  ticketScenario: { en: 'Simulated machine', ja: 'シミュレーションのマシン' },
  ticketRun: { en: 'Checked at', ja: 'チェック日時' },
  ticketCounts: { en: 'Results', ja: '結果' },
  ticketRemaining: { en: 'Still wrong', ja: '残っている問題' },
  ticketRemainingNone: { en: 'Nothing left to fix.', ja: '直すべき問題は残っていません。' },
  ticketApplied: { en: 'Fixes applied', ja: '適用した修復' },
  ticketAppliedNone: { en: 'None.', ja: 'なし。' },
  ticketBackup: { en: 'backup', ja: 'バックアップ' },
  ticketUndone: { en: 'undone', ja: '元に戻し済み' },
} as const satisfies Record<string, L10n>;

export type StringKey = keyof typeof S;

export const ROLE_NAMES: Record<Role, L10n> = {
  client: { en: 'Client', ja: 'クライアント' },
  server: { en: 'WSUS server', ja: 'WSUS サーバー' },
  remote: { en: 'Remote test', ja: 'リモート テスト' },
};

export const ROLE_SENTENCES: Record<Role, L10n> = {
  client: {
    en: 'This Windows computer does not update from WSUS or does not show up in the WSUS console.',
    ja: 'この Windows コンピューターが WSUS から更新されない、または WSUS コンソールに表示されない。',
  },
  server: {
    en: 'This computer is the WSUS server: check its IIS sites, the SelfUpdate folder, permissions and logs.',
    ja: 'このコンピューターが WSUS サーバー: IIS のサイト、SelfUpdate フォルダー、アクセス許可、ログを確認する。',
  },
  remote: {
    en: 'Test a WSUS server over the network from any computer, given its address.',
    ja: 'アドレスを指定して、任意のコンピューターからネットワーク経由で WSUS サーバーをテストする。',
  },
};

/** The verdict of a check (or a step) as words; colour and shape only repeat it. */
export const STATUS_NAMES: Record<CheckStatus | 'none', L10n> = {
  pass: { en: 'Pass', ja: '合格' },
  warn: { en: 'Warning', ja: '警告' },
  fail: { en: 'Fail', ja: '不合格' },
  info: { en: 'Info', ja: '情報' },
  skip: { en: 'Skipped', ja: 'スキップ' },
  error: { en: 'Could not check', ja: 'チェック不能' },
  none: { en: 'Not checked yet', ja: '未チェック' },
};

export const APPLIED_RESULT_NAMES: Record<AppliedFix['result'], L10n> = {
  applied: { en: 'Applied', ja: '適用済み' },
  failed: { en: 'Failed', ja: '失敗' },
  'rolled-back': { en: 'Failed and rolled back', ja: '失敗し、元に戻しました' },
};

/** Readable names for the reference pages the engine cites; other allowed links show their address. */
export const DOC_TITLES: Record<DocKey, L10n> = {
  clientSelfUpdate: { en: 'Issues with Client Self-Update (WSUS 3.0)', ja: 'Issues with Client Self-Update (WSUS 3.0、英語)' },
  kb920659: { en: 'WSUS SelfUpdate service does not send automatic updates', ja: 'WSUS SelfUpdate サービスが自動更新を送信しない' },
  autoUpdateMustBeUpdatedJa: { en: '"Automatic Updates must be updated" (WSUS 2.0, Japanese)', ja: '自動更新を更新する必要がある (WSUS 2.0)' },
  wuSettings: { en: 'Windows Update policy settings', ja: 'Windows Update のポリシー設定' },
  wsusGpo: { en: 'Configure Group Policy settings for Automatic Updates', ja: '自動更新のグループ ポリシー設定を構成する' },
  wuLogs: { en: 'Windows Update log files', ja: 'Windows Update のログ ファイル' },
  wuErrors: { en: 'Windows Update error codes', ja: 'Windows Update のエラー コード' },
  wuaNetworkingErrors: { en: 'Windows Update Agent networking error codes', ja: 'Windows Update エージェントのネットワーク エラー コード' },
  updatingWua: { en: 'Updating the Windows Update Agent', ja: 'Windows Update エージェントの更新' },
  scanFailures: { en: 'Troubleshoot software update scan failures', ja: 'ソフトウェア更新のスキャン エラーのトラブルシューティング' },
  iisStatusCodes: { en: 'HTTP status codes in IIS', ja: 'IIS の HTTP 状態コード' },
  iisAppcmd: { en: 'Getting started with AppCmd.exe', ja: 'AppCmd.exe の使い方' },
  iisAnonymousAuth: { en: 'IIS anonymous authentication', ja: 'IIS の匿名認証' },
  iisWindowsAuth: { en: 'IIS Windows authentication', ja: 'IIS の Windows 認証' },
  iisBuiltInAccounts: { en: 'Built-in user and group accounts in IIS', ja: 'IIS の組み込みユーザー アカウントとグループ' },
  iisBinding: { en: 'IIS site bindings', ja: 'IIS サイトのバインド' },
  iisLogFile: { en: 'IIS log file settings', ja: 'IIS のログ ファイル設定' },
};

const DOC_KEY_BY_URL = new Map<string, DocKey>(
  (Object.entries(DOCS) as [DocKey, string][]).map(([key, url]) => [url, key]),
);

export function docTitle(url: string): L10n | undefined {
  const key = DOC_KEY_BY_URL.get(url);
  return key === undefined ? undefined : DOC_TITLES[key];
}
