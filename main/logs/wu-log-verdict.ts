/** The short verdict of a Windows Update log analysis, in plain words for a junior technician (English and Japanese). */
import type { L10n } from '../../shared/text.js';
import { explainCode } from '../../shared/wu-error-codes.js';
import type { SelfUpdateAttempt, WuLogAnalysis, WuLogError } from './wu-log.js';

export type WuLogVerdictKind =
  /** no bytes, or only blank lines */
  | 'empty'
  /** no line in a known Windows Update log format */
  | 'not-a-log'
  /** the last self-update check failed */
  | 'selfupdate-failed'
  /** errors talking to the WSUS server after the last successful scan */
  | 'wsus-errors'
  /** the server in the log is not the policy's WUServer */
  | 'server-mismatch'
  /** errors talking to WSUS, but a successful scan or self-update check came after them */
  | 'recovered'
  /** errors, but none about the WSUS server (Microsoft downloads, local evaluation ...) */
  | 'non-wsus-errors'
  /** no WSUS server, no self-update check and no scan result in the log */
  | 'no-wsus-activity'
  | 'ok';

export interface WuLogVerdict {
  kind: WuLogVerdictKind;
  /** the log shows a problem on the path to WSUS (self-update failure or errors talking to the server) */
  wsusProblem: boolean;
  /** the codes behind the verdict, most important first */
  codes: string[];
  summary: L10n;
}

function join(parts: L10n[], sepEn = ' ', sepJa = ''): L10n {
  return { en: parts.map((p) => p.en).filter(Boolean).join(sepEn), ja: parts.map((p) => p.ja).filter(Boolean).join(sepJa) };
}

function codeList(errors: readonly WuLogError[], max = 4): string {
  const shown = errors.slice(0, max).map((e) => e.code);
  return errors.length > max ? `${shown.join(', ')} …` : shown.join(', ');
}

function selfUpdateText(su: SelfUpdateAttempt): L10n {
  const code = su.code ?? '';
  const e = explainCode(code);
  const status = su.httpStatus ?? e.httpStatus;
  const when = su.at ? { en: ` (check at ${su.at})`, ja: ` (確認時刻 ${su.at})` } : { en: '', ja: '' };
  const target = su.url ? { en: `the self-update file ${su.url}`, ja: `自己更新ファイル ${su.url} ` } : { en: 'the self-update files', ja: '自己更新ファイル' };
  let text: L10n;
  switch (status) {
    case 404:
      text = {
        en: `The client's self-update check failed${when.en}: the server answered 404 (not found) for ${target.en}. The SelfUpdate folder (virtual directory) or its files are missing on the server's site and port that the client uses.`,
        ja: `クライアントの自己更新チェックが失敗しました${when.ja}。サーバーは${target.ja}に対して 404 (見つからない) を返しました。クライアントが使うサーバーのサイトとポートに、SelfUpdate フォルダー (仮想ディレクトリ) またはそのファイルがありません。`,
      };
      break;
    case 401:
      text = {
        en: `The client's self-update check failed${when.en}: the server asked for a sign-in (401) for ${target.en}. Anonymous access is turned off on the SelfUpdate virtual directory or on the WSUS site.`,
        ja: `クライアントの自己更新チェックが失敗しました${when.ja}。サーバーは${target.ja}に対して認証 (401) を要求しました。SelfUpdate 仮想ディレクトリまたは WSUS サイトで匿名アクセスが無効になっています。`,
      };
      break;
    case 403:
      text = {
        en: `The client's self-update check failed${when.en}: the server refused access (403) to ${target.en}. The permissions on the SelfUpdate folder, or an IIS setting such as "require SSL" or an IP restriction, keep the client out.`,
        ja: `クライアントの自己更新チェックが失敗しました${when.ja}。サーバーは${target.ja}へのアクセスを拒否 (403) しました。SelfUpdate フォルダーのアクセス許可、または「SSL を必要とする」や IP 制限などの IIS 設定がクライアントを締め出しています。`,
      };
      break;
    default:
      text = {
        en: `The client's self-update check failed${when.en} with ${code || 'an error'}: ${e.short.en}${su.url ? ` (${su.url})` : ''}. ${e.forWsus.en}`,
        ja: `クライアントの自己更新チェックが${code ? ` ${code} で` : ''}失敗しました${when.ja}。${e.short.ja}${su.url ? ` (${su.url})` : ''}。${e.forWsus.ja}`,
      };
  }
  if (su.scanSkipped) {
    text = join([
      text,
      {
        en: 'Because of it the client skipped its scan for updates, so it gets nothing from WSUS until this is fixed.',
        ja: 'このためクライアントは更新プログラムのスキャンを行わず、修正されるまで WSUS から何も受け取れません。',
      },
    ]);
  }
  return text;
}

function mismatchText(a: WuLogAnalysis): L10n {
  const seen = a.currentServer ?? '';
  const policy = a.policy.root ?? a.policy.raw ?? '';
  if (a.policy.relation === 'same-host-other-port') {
    return {
      en: `The log shows the client using ${seen}, but the policy's WUServer is ${policy}: the same server with another port or scheme. Either the client has not read the current policy yet (restart the Windows Update service or wait for the next detection) or a policy sets the wrong port.`,
      ja: `ログではクライアントが ${seen} を使っていますが、ポリシーの WUServer は ${policy} です (同じサーバーでポートまたはスキームが異なります)。クライアントがまだ現在のポリシーを読み込んでいない (Windows Update サービスを再起動するか次の検出を待つ) か、ポリシーのポートが誤っています。`,
    };
  }
  return {
    en: `The log shows the client using ${seen}, but the policy's WUServer is ${policy}. Either the client has not read the current policy yet (restart the Windows Update service or wait for the next detection) or another policy source points it elsewhere.`,
    ja: `ログではクライアントが ${seen} を使っていますが、ポリシーの WUServer は ${policy} です。クライアントがまだ現在のポリシーを読み込んでいない (Windows Update サービスを再起動するか次の検出を待つ) か、別のポリシーが別のサーバーを指定しています。`,
  };
}

export function buildVerdict(a: WuLogAnalysis): WuLogVerdict {
  const nonBlank = a.lines.total - a.lines.blank;
  if (a.bytes === 0 || nonBlank === 0) {
    return {
      kind: 'empty',
      wsusProblem: false,
      codes: [],
      summary: { en: 'The log file is empty.', ja: 'ログ ファイルは空です。' },
    };
  }
  if (a.lines.parsed === 0) {
    return {
      kind: 'not-a-log',
      wsusProblem: false,
      codes: [],
      summary: a.binary
        ? {
            en: `The file holds binary data, not Windows Update log lines (${a.bytes} bytes, no line in a known format).`,
            ja: `このファイルは Windows Update ログの行ではなくバイナリ データです (${a.bytes} バイト、既知の形式の行はありません)。`,
          }
        : {
            en: `None of the ${nonBlank} lines is in a Windows Update log format (date, time, process, thread, component, text).`,
            ja: `${nonBlank} 行のどれも Windows Update ログの形式 (日付、時刻、プロセス、スレッド、コンポーネント、本文) ではありません。`,
          },
    };
  }

  const mismatchNote: L10n = a.policy.mismatch ? mismatchText(a) : { en: '', ja: '' };
  // The last self-update check decides; a check that started but never finished (cut-off log) leaves the
  // previous failure standing unless a successful scan came after it.
  const last = a.selfUpdate.last;
  const lastFailure = a.selfUpdate.lastFailure;
  const su =
    last?.outcome === 'failed'
      ? last
      : last?.outcome === 'in-progress' && lastFailure && lastFailure.line > a.scan.lastSuccessLine
        ? lastFailure
        : null;
  if (su) {
    return {
      kind: 'selfupdate-failed',
      wsusProblem: true,
      codes: su.code ? [su.code] : [],
      summary: join([selfUpdateText(su), mismatchNote]),
    };
  }

  const wsusNetwork = a.errors.filter((e) => e.explanation.network && e.wsusCount > 0);
  const current = wsusNetwork.filter((e) => e.lastWsusLine > a.scan.lastSuccessLine);
  if (current.length > 0) {
    const e = current[0]!;
    const when = e.lastWsusSeen ? { en: `, last at ${e.lastWsusSeen}`, ja: `、最後は ${e.lastWsusSeen}` } : { en: '', ja: '' };
    const others = current.length > 1 ? { en: ` Other codes talking to WSUS: ${codeList(current.slice(1))}.`, ja: `WSUS との通信でのその他のコード: ${codeList(current.slice(1))}。` } : { en: '', ja: '' };
    return {
      kind: 'wsus-errors',
      wsusProblem: true,
      codes: current.map((x) => x.code),
      summary: join([
        {
          en: `The client could not talk to its WSUS server: ${e.explanation.short.en} (${e.code}, ${e.wsusCount} time${e.wsusCount === 1 ? '' : 's'}${when.en})${e.url ? ` on ${e.url}` : ''}. ${e.explanation.forWsus.en}${others.en}`,
          ja: `クライアントが WSUS サーバーと通信できませんでした。${e.explanation.short.ja} (${e.code}、${e.wsusCount} 回${when.ja})${e.url ? ` 対象: ${e.url}` : ''}。${e.explanation.forWsus.ja}${others.ja}`,
        },
        mismatchNote,
      ]),
    };
  }

  if (a.policy.mismatch) {
    return { kind: 'server-mismatch', wsusProblem: false, codes: [], summary: mismatchText(a) };
  }

  const pastFailure = a.selfUpdate.lastFailure;
  if (wsusNetwork.length > 0 || pastFailure) {
    const codes = [...new Set([...(pastFailure?.code ? [pastFailure.code] : []), ...wsusNetwork.map((e) => e.code)])];
    const after = a.scan.lastSuccessAt ?? a.selfUpdate.last?.at ?? null;
    return {
      kind: 'recovered',
      wsusProblem: false,
      codes,
      summary: {
        en: `Earlier the client had trouble reaching WSUS (${codes.join(', ')}), but a successful ${a.scan.lastSuccessAt ? 'scan' : 'self-update check'} came after it${after ? ` (${after})` : ''}: the connection works now.`,
        ja: `以前は WSUS への接続に問題がありました (${codes.join(', ')}) が、その後 ${a.scan.lastSuccessAt ? 'スキャン' : '自己更新チェック'}が成功しています${after ? ` (${after})` : ''}。現在は接続できています。`,
      },
    };
  }

  const serverText: L10n = a.currentServer
    ? { en: ` with ${a.currentServer}`, ja: `WSUS サーバー ${a.currentServer} ` }
    : { en: '', ja: '' };
  const noServer: L10n = a.currentServer
    ? { en: '', ja: '' }
    : { en: ' The log names no WSUS server.', ja: 'ログには WSUS サーバーの記録がありません。' };

  const otherNetwork = a.errors.filter((e) => e.explanation.network);
  if (otherNetwork.length > 0) {
    const microsoftish = otherNetwork.filter((e) => e.where.microsoft + e.where.download > 0);
    const first = (microsoftish[0] ?? otherNetwork[0])!;
    const status = first.explanation.httpStatus;
    const about: L10n =
      microsoftish.length > 0
        ? {
            en: `a download${a.microsoft.lines > 0 ? ' from Microsoft\'s delivery network' : ''} failed (${status ? `HTTP ${status}, ` : ''}${codeList(microsoftish)})`,
            ja: `${a.microsoft.lines > 0 ? 'Microsoft の配信ネットワークからの' : ''}ダウンロードが失敗しました (${status ? `HTTP ${status}、` : ''}${codeList(microsoftish)})`,
          }
        : {
            en: `network errors (${codeList(otherNetwork)}) that the log does not tie to the WSUS server`,
            ja: `ログ上で WSUS サーバーと結び付かないネットワーク エラー (${codeList(otherNetwork)}) があります`,
          };
    return {
      kind: 'non-wsus-errors',
      wsusProblem: false,
      codes: otherNetwork.map((e) => e.code),
      summary: {
        en: `No problem talking to WSUS in this log: ${about.en}, which is not a WSUS problem.${noServer.en}`,
        ja: `このログに WSUS との通信の問題はありません。${about.ja}。これは WSUS の問題ではありません。${noServer.ja}`,
      },
    };
  }

  const nothing = !a.currentServer && !a.selfUpdate.last && a.scan.lastExitCode === null;
  if (nothing) {
    return {
      kind: 'no-wsus-activity',
      wsusProblem: false,
      codes: [],
      summary: {
        en: `The log shows no contact with a WSUS server, no self-update check and no scan result (${a.lines.parsed} log lines${a.firstTimestamp ? `, ${a.firstTimestamp} to ${a.lastTimestamp}` : ''}).`,
        ja: `ログには WSUS サーバーへの接続、自己更新チェック、スキャン結果のいずれも記録されていません (${a.lines.parsed} 行${a.firstTimestamp ? `、${a.firstTimestamp} ～ ${a.lastTimestamp}` : ''})。`,
      },
    };
  }

  const scanOk = a.scan.lastSuccessAt !== null && a.scan.lastExitCode === '0x00000000';
  const scan: L10n = scanOk
    ? { en: `; the last scan finished successfully (${a.scan.lastSuccessAt})`, ja: `。最後のスキャンは成功しています (${a.scan.lastSuccessAt})` }
    : { en: '', ja: '' };
  const local = a.errors.length > 0
    ? {
        en: ` The ${a.errors.length} other error code${a.errors.length === 1 ? '' : 's'} in the log concern local work (evaluating updates, certificates, WMI), not the connection to the server.`,
        ja: `ログ内のその他の ${a.errors.length} 個のエラー コードはローカルの処理 (更新の評価、証明書、WMI など) に関するもので、サーバーへの接続とは関係ありません。`,
      }
    : { en: '', ja: '' };
  return {
    kind: 'ok',
    wsusProblem: false,
    codes: [],
    summary: {
      en: `The log shows the client working${serverText.en} without errors talking to WSUS${scan.en}.${local.en}`,
      ja: `ログでは、クライアントは ${serverText.ja || 'WSUS '}と問題なく通信しています${scan.ja}。${local.ja}`,
    },
  };
}
