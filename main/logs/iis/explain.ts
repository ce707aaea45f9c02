/**
 * What an IIS answer to a WSUS client means, in plain words: by failure kind (status.substatus) and
 * path group. Written for the administrator of the WSUS server; the status codes follow KB943891.
 */
import type { L10n } from '../../../shared/text.js';
import type { FailureKind, PathGroup } from './aggregate.js';

export type PathClass = 'selfupdate' | 'webservice' | 'content';

export function classOfGroup(g: PathGroup): PathClass {
  return g === 'selfupdate' || g === 'iuident' || g === 'wutrack' ? 'selfupdate' : g === 'content' ? 'content' : 'webservice';
}

export const GROUP_LABEL: Record<PathGroup, string> = {
  selfupdate: '/selfupdate/*',
  iuident: '/iuident.cab',
  wutrack: '/wutrack.bin',
  clientwebservice: '/ClientWebService/*',
  simpleauth: '/SimpleAuthWebService/*',
  content: '/Content/*',
};

/** Kind of an answer, as the kernel decides it (kept here in the same order for the report). */
export function kindOf(status: number, sub: number): FailureKind | null {
  if (status < 400) return null;
  if (status === 401) return sub === 2 ? 'anonymous-off' : sub === 1 ? 'logon-failed' : sub === 3 ? 'ntfs-acl' : 'auth-required';
  if (status === 403) return 'forbidden';
  if (status === 404) return sub === 3 ? 'mime-missing' : sub === 2 ? 'isapi-restricted' : 'not-found';
  if (status === 500) return 'server-error';
  if (status === 503) return 'app-pool-down';
  return status < 500 ? 'client-error' : 'server-error-other';
}

const FORBIDDEN_DETAIL: Record<number, L10n> = {
  1: { en: 'execute access is denied on the folder (403.1)', ja: 'フォルダーで実行アクセスが拒否されています (403.1)' },
  2: { en: 'read access is denied on the folder (403.2)', ja: 'フォルダーで読み取りアクセスが拒否されています (403.2)' },
  4: { en: 'the folder requires SSL but the client used http (403.4)', ja: 'フォルダーが SSL を必須にしていますが、クライアントは http で接続しました (403.4)' },
  6: { en: 'the client address is rejected by an IP restriction (403.6)', ja: 'IP 制限でクライアントのアドレスが拒否されています (403.6)' },
  14: { en: 'directory listing is denied: the request named a folder, not a file (403.14)', ja: 'ディレクトリの一覧表示が拒否されています。要求がファイルではなくフォルダーを指しています (403.14)' },
  503: { en: 'the client address is rejected by IP and domain restrictions (403.503)', ja: 'IP アドレスとドメインの制限でクライアントのアドレスが拒否されています (403.503)' },
};

/** A few words naming each kind of failure, for tables; explainKind says what it means and what to do. */
export const KIND_NAME: Record<FailureKind | 'repeated-401', L10n> = {
  'anonymous-off': { en: 'anonymous access is off (401.2)', ja: '匿名アクセスが無効 (401.2)' },
  'logon-failed': { en: 'logon failed (401.1)', ja: 'ログオン失敗 (401.1)' },
  'ntfs-acl': { en: 'folder permissions deny IUSR (401.3)', ja: 'フォルダーのアクセス許可が IUSR を拒否 (401.3)' },
  'auth-required': { en: 'Windows logon asked (401)', ja: 'Windows ログオンを要求 (401)' },
  'repeated-401': { en: 'repeated 401s, never a success (anonymous access off?)', ja: '401 が繰り返され成功なし (匿名アクセスが無効?)' },
  forbidden: { en: 'forbidden (403)', ja: '禁止 (403)' },
  'not-found': { en: 'file or folder missing (404)', ja: 'ファイルまたはフォルダーがない (404)' },
  'mime-missing': { en: 'MIME type not mapped (404.3)', ja: 'MIME の種類が未登録 (404.3)' },
  'isapi-restricted': { en: 'ISAPI/CGI restriction (404.2)', ja: 'ISAPI/CGI の制限 (404.2)' },
  'server-error': { en: 'server error (500)', ja: 'サーバー エラー (500)' },
  'app-pool-down': { en: 'application pool down (503)', ja: 'アプリケーション プールが停止 (503)' },
  'client-error': { en: 'other client error (4xx)', ja: 'その他のクライアント エラー (4xx)' },
  'server-error-other': { en: 'other server error (5xx)', ja: 'その他のサーバー エラー (5xx)' },
};

/** A plain explanation of one kind of failure, for the path class where it happened. */
export function explainKind(kind: FailureKind | 'repeated-401', cls: PathClass, sub = 0): L10n {
  const where: L10n =
    cls === 'selfupdate'
      ? { en: 'the self-update files', ja: '自己更新ファイル' }
      : cls === 'webservice'
        ? { en: 'the WSUS web services', ja: 'WSUS の Web サービス' }
        : { en: 'the update content', ja: '更新プログラムのコンテンツ' };
  switch (kind) {
    case 'anonymous-off':
      return {
        en: `401.2: IIS refused anonymous requests for ${where.en}. Anonymous authentication is turned off on that virtual directory (or on the site), so clients, which never log on for these files, cannot get them. Turn anonymous authentication back on there.`,
        ja: `401.2: IIS は${where.ja}への匿名の要求を拒否しました。その仮想ディレクトリ (またはサイト) で匿名認証が無効になっているため、これらのファイルにログオンせずにアクセスするクライアントは取得できません。匿名認証を有効に戻してください。`,
      };
    case 'logon-failed':
      return {
        en: `401.1: a logon to ${where.en} failed (Windows error 1326 is a wrong user name or password). Clients should not need to log on here at all: check that anonymous authentication is enabled.`,
        ja: `401.1: ${where.ja}へのログオンが失敗しました (Windows のエラー 1326 はユーザー名またはパスワードの誤りです)。ここではクライアントのログオンは本来不要なので、匿名認証が有効か確認してください。`,
      };
    case 'ntfs-acl':
      return {
        en: `401.3: the folder permissions (NTFS) do not let the anonymous account (IUSR) read ${where.en}. Give Users and IUSR read access to the folder.`,
        ja: `401.3: フォルダーのアクセス許可 (NTFS) で匿名アカウント (IUSR) が${where.ja}を読み取れません。フォルダーに Users と IUSR の読み取り権限を与えてください。`,
      };
    case 'auth-required':
      return {
        en: `401: IIS asked for Windows authentication on ${where.en}. One 401 followed by a success is a normal logon handshake; repeated 401s with no later success mean the clients cannot get in.`,
        ja: `401: IIS は${where.ja}に Windows 認証を要求しました。401 の後に成功が続くのは通常のログオン手順ですが、401 が繰り返されて成功しない場合はクライアントがアクセスできていません。`,
      };
    case 'repeated-401':
      return {
        en: `Repeated 401 answers on ${where.en} with no successful request afterwards: these clients keep being asked to log on and never get the files. Anonymous access is most likely disabled there (or Windows authentication was added).`,
        ja: `${where.ja}に対して 401 が繰り返され、その後に成功した要求がありません。これらのクライアントはログオンを求められ続け、ファイルを取得できていません。そこで匿名アクセスが無効 (または Windows 認証が追加) になっている可能性が高いです。`,
      };
    case 'forbidden': {
      const detail = FORBIDDEN_DETAIL[sub];
      return {
        en: `403${sub ? `.${sub}` : ''}: IIS refused ${where.en}${detail ? `: ${detail.en}` : ' (access forbidden by the site or folder settings)'}.`,
        ja: `403${sub ? `.${sub}` : ''}: IIS は${where.ja}へのアクセスを拒否しました${detail ? `。${detail.ja}` : ' (サイトまたはフォルダーの設定で禁止されています)'}。`,
      };
    }
    case 'not-found':
      return cls === 'content'
        ? {
            en: `404: requested update files are not in the content folder. A few are normal while the server is still downloading approved updates; many, for a long time, mean the content folder is incomplete or the Content virtual directory points to the wrong place.`,
            ja: `404: 要求された更新ファイルがコンテンツ フォルダーにありません。承認済みの更新をサーバーがダウンロード中であれば少数は正常ですが、長期間多数ある場合はコンテンツ フォルダーが不完全か、Content 仮想ディレクトリの場所が誤っています。`,
          }
        : {
            en: `404${sub ? `.${sub}` : '.0'}: ${where.en} were not found: the file or the virtual directory is missing (Windows error 2 = file not found, 3 = path not found). Check the SelfUpdate virtual directory and that the files exist in its folder.`,
            ja: `404${sub ? `.${sub}` : '.0'}: ${where.ja}が見つかりません。ファイルまたは仮想ディレクトリがありません (Windows のエラー 2 = ファイルなし、3 = パスなし)。SelfUpdate 仮想ディレクトリと、そのフォルダーにファイルがあるかを確認してください。`,
          };
    case 'mime-missing':
      return {
        en: `404.3: the file exists but IIS has no MIME type for its extension (.cab or .bin), so it will not send it. Add the MIME types (for example .cab as application/vnd.ms-cab-compressed, .bin as application/octet-stream).`,
        ja: `404.3: ファイルはありますが、拡張子 (.cab または .bin) の MIME の種類が IIS に登録されていないため送信されません。MIME の種類を追加してください (例: .cab は application/vnd.ms-cab-compressed、.bin は application/octet-stream)。`,
      };
    case 'isapi-restricted':
      return {
        en: `404.2: an ISAPI or CGI restriction blocks the handler that serves ${where.en}. Allow ASP.NET (and the WSUS extensions) in the ISAPI and CGI restrictions.`,
        ja: `404.2: ISAPI および CGI の制限により、${where.ja}を処理するハンドラーがブロックされています。ISAPI および CGI の制限で ASP.NET (と WSUS の拡張) を許可してください。`,
      };
    case 'server-error':
      return cls === 'webservice'
        ? {
            en: `500: the WSUS web service failed while answering. A few are normal (the service answers some client errors, such as an expired cookie, with a SOAP fault sent as 500); many mean the service itself is broken: look at the WSUS and application event logs.`,
            ja: `500: WSUS の Web サービスが応答中にエラーになりました。少数は正常です (有効期限切れの Cookie など、一部のクライアント側のエラーには 500 の SOAP エラーで応答します)。多数ある場合はサービス自体が壊れているため、WSUS とアプリケーションのイベント ログを確認してください。`,
          }
        : {
            en: `500${sub ? `.${sub}` : ''}: IIS failed while serving ${where.en} (a module, handler or configuration error; 500.19 is a broken configuration file).`,
            ja: `500${sub ? `.${sub}` : ''}: ${where.ja}の送信中に IIS でエラーが起きました (モジュール、ハンドラー、または構成のエラー。500.19 は構成ファイルの破損です)。`,
          };
    case 'app-pool-down':
      return {
        en: `503: the application pool was not running (WsusPool stopped or crashed, often after hitting its memory limit), so IIS could not answer. Start WsusPool and look at why it stopped.`,
        ja: `503: アプリケーション プールが動作していなかったため (WsusPool が停止またはクラッシュ。メモリ上限に達した後によく起こります)、IIS は応答できませんでした。WsusPool を起動し、停止した原因を確認してください。`,
      };
    case 'client-error':
      return { en: `The server answered ${where.en} with a client error (4xx).`, ja: `サーバーは${where.ja}にクライアント エラー (4xx) で応答しました。` };
    case 'server-error-other':
      return { en: `The server answered ${where.en} with a server error (5xx).`, ja: `サーバーは${where.ja}にサーバー エラー (5xx) で応答しました。` };
  }
}

/** Whether failures of this kind on this path class point at a server problem (rather than noise). */
export function kindMatters(kind: FailureKind, cls: PathClass): boolean {
  if (cls === 'content') return kind !== 'not-found' && kind !== 'client-error';
  if (cls === 'webservice') return kind !== 'server-error' && kind !== 'client-error';
  return true;
}
