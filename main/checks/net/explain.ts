/**
 * Plain-words explanations of an HTTP verdict for a junior technician, in English and Japanese, with
 * the error code the update agent logs for the same failure so administrators can match their logs.
 */
import type { L10n } from '../../../shared/text.js';
import { explainCode, knownCodes } from '../../../shared/wu-error-codes.js';
import type { Verdict } from './response.js';

/** What was requested, for the sentences. */
export interface Resource {
  expect: 'cab' | 'page';
  /** e.g. "the self-update file wuident.cab" */
  name: L10n;
  /** the IIS virtual directory that serves it; null: the root of the site */
  vdir: string | null;
  /** what clients suffer when it fails */
  consequence: L10n;
}

/** HTTP status → the WU_E_PT_HTTP_STATUS_* code the agent logs (from the shared table, not arithmetic). */
const STATUS_CODES: ReadonlyMap<number, string> = new Map(
  knownCodes()
    .map((c) => explainCode(c))
    .filter((e) => e.kind === 'http-status' && e.httpStatus !== undefined)
    .map((e) => [e.httpStatus!, e.code] as const),
);
const NOT_MAPPED = '0x8024402B';

/** The code the agent logs for an HTTP status (0x8024402B for a status without its own code). */
export function agentCodeForStatus(status: number): string {
  return STATUS_CODES.get(status) ?? NOT_MAPPED;
}

function vdirText(res: Resource): L10n {
  return res.vdir
    ? { en: `the ${res.vdir} virtual directory`, ja: `${res.vdir} 仮想ディレクトリ` }
    : { en: 'the root of the web site', ja: 'Web サイトのルート' };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}`;
}

export interface ExplainContext {
  port: number;
  totalTimeoutMs: number;
  /** number of redirects followed, for redirect failures */
  hops: number;
  contentType?: string;
  message: string;
}

/** Why the answer is not usable, naming the likely causes and the agent's error code. */
export function explainFailure(v: Exclude<Verdict, { ok: true }>, res: Resource, c: ExplainContext): L10n {
  const vd = vdirText(res);
  switch (v.kind) {
    case 'connection':
      switch (v.outcome) {
        case 'timeout':
          return {
            en: `No answer came within ${seconds(c.totalTimeoutMs)} s. The server may hang (IIS or the WsusPool application pool stuck), or a firewall or proxy swallows the request without answering. The agent logs this as 0x80072EE2 (timeout).`,
            ja: `${seconds(c.totalTimeoutMs)} 秒以内に応答がありませんでした。サーバーが固まっている (IIS や WsusPool アプリケーション プールが応答しない) か、ファイアウォールやプロキシが要求を黙って止めている可能性があります。エージェントはこれを 0x80072EE2 (タイムアウト) として記録します。`,
          };
        case 'refused':
          return {
            en: `The connection was refused: nothing listens on port ${c.port} (the IIS site is stopped or the port is wrong), or a firewall rejects the connection. The agent logs this as 0x80072EFD (cannot connect).`,
            ja: `接続が拒否されました。ポート ${c.port} で待ち受けているものがない (IIS サイトが停止している、またはポートが違う) か、ファイアウォールが接続を拒否しています。エージェントはこれを 0x80072EFD (接続できない) として記録します。`,
          };
        case 'unreachable':
          return {
            en: 'The server could not be reached at all (no route to it): a routing or VPN problem, or the server is switched off. The agent logs this as 0x80072EFD (cannot connect).',
            ja: 'サーバーにまったく到達できませんでした (経路がありません)。ルーティングや VPN の問題か、サーバーの電源が切れている可能性があります。エージェントはこれを 0x80072EFD (接続できない) として記録します。',
          };
        case 'reset':
          return {
            en: 'The connection was cut (reset) before a complete answer arrived: a firewall, proxy or intrusion-prevention device in between, or the server closing the connection. The agent logs this as 0x80072EFE (connection error).',
            ja: '完全な応答が届く前に接続が切断 (リセット) されました。途中のファイアウォール、プロキシ、侵入防止装置、またはサーバー側で接続が切られた可能性があります。エージェントはこれを 0x80072EFE (接続エラー) として記録します。',
          };
        case 'not-found':
          return {
            en: 'The server name (or the proxy\'s name) could not be resolved. The agent logs this as 0x80072EE7 (name not resolved).',
            ja: 'サーバー名 (またはプロキシ名) を解決できませんでした。エージェントはこれを 0x80072EE7 (名前を解決できない) として記録します。',
          };
        case 'tls':
          return {
            en: 'The secure (HTTPS) connection could not be set up: the server\'s certificate is not trusted, has expired or carries another name, or client and server share no TLS version. The agent logs this as 0x80072F8F (secure failure).',
            ja: 'セキュリティで保護された (HTTPS) 接続を確立できませんでした。サーバーの証明書が信頼されていない、期限切れ、別の名前のものである、またはクライアントとサーバーに共通の TLS バージョンがない可能性があります。エージェントはこれを 0x80072F8F (セキュリティ エラー) として記録します。',
          };
        case 'redirect-loop':
        case 'too-many-redirects':
          return {
            en: `The server kept redirecting (${c.hops} redirects${v.outcome === 'redirect-loop' ? ', back to an address already visited' : ''}) instead of answering. A URL rewrite rule, an HTTP-to-HTTPS redirect or another product's logon page sits in front of ${vd.en}.`,
            ja: `サーバーは応答する代わりにリダイレクトを繰り返しました (${c.hops} 回${v.outcome === 'redirect-loop' ? '、すでに訪れたアドレスへ戻るループ' : ''})。${vd.ja}の前に URL 書き換え規則、HTTP から HTTPS へのリダイレクト、または他の製品のログオン ページが入っています。`,
          };
        case 'error':
          return {
            en: `The request failed before an answer arrived: ${c.message || 'no reason was given'}.`,
            ja: `応答が届く前に要求が失敗しました: ${c.message || '理由は示されませんでした'}。`,
          };
      }
      break;
    case 'no-status':
      return {
        en: 'Something answered, but not with a readable HTTP status line: a program other than IIS may be listening on that port, or a device in between damages the traffic.',
        ja: '何かが応答しましたが、読み取れる HTTP ステータス行ではありませんでした。そのポートで IIS 以外のプログラムが待ち受けているか、途中の機器が通信を壊している可能性があります。',
      };
    case 'status':
      return explainStatus(v.status, v.schemes, res, c);
    case 'html':
      if (res.expect === 'page')
        return {
          en: `SharePoint answered instead of the WSUS web service (${v.sharePoint.join('; ')}): it has taken over this path on the site; see http.interception.`,
          ja: `WSUS の Web サービスではなく SharePoint が応答しました (${v.sharePoint.join('; ')})。サイト上でこのパスを横取りしています。http.interception を参照してください。`,
        };
      return {
        en: `The address answered 200 with a web page (${c.contentType || 'HTML'}) instead of the cabinet file. Another web application on that site${v.sharePoint.length > 0 ? ' (SharePoint, judging by the answer)' : ', most often SharePoint,'} has taken over the path; see http.interception. The agent cannot use a page in place of the file.`,
        ja: `このアドレスは CAB ファイルではなく Web ページ (${c.contentType || 'HTML'}) を 200 で返しました。同じサイト上の別の Web アプリケーション${v.sharePoint.length > 0 ? ' (応答の内容から見て SharePoint)' : ' (多くの場合 SharePoint)'}がこのパスを横取りしています。http.interception を参照してください。エージェントはファイルの代わりにページを受け取っても利用できません。`,
      };
    case 'empty':
      return {
        en: 'The address answered 200 but sent no data at all: the file on the server is empty, or a device in between dropped the body.',
        ja: 'このアドレスは 200 を返しましたが、データをまったく送ってきませんでした。サーバー上のファイルが空か、途中の機器が本文を捨てています。',
      };
    case 'incomplete':
      return {
        en: `The download stopped early: ${v.announced !== undefined ? `the server announced ${v.announced} bytes, but the connection closed after ${v.received}` : `the connection closed after ${v.received} bytes`}. A proxy or security device cutting the transfer, or a problem on the server, is the usual cause; the agent gets a broken download.`,
        ja: `ダウンロードが途中で止まりました。${v.announced !== undefined ? `サーバーは ${v.announced} バイトと予告しましたが、${v.received} バイトで接続が閉じられました` : `${v.received} バイトで接続が閉じられました`}。転送を切断するプロキシやセキュリティ機器、またはサーバー側の問題が主な原因です。エージェントは壊れたファイルを受け取ることになります。`,
      };
    case 'corrupt':
      return {
        en: `The address answered 200, but the data is not a valid cabinet file (${v.detail}). The file on the server is damaged (re-running Selfupdate.msi on the server restores the self-update files), or a proxy changed the download.`,
        ja: `このアドレスは 200 を返しましたが、データが正しい CAB ファイルではありません (${v.detail})。サーバー上のファイルが壊れている (サーバーで Selfupdate.msi を再実行すると自己更新ファイルが元に戻ります) か、プロキシがダウンロードの内容を変えています。`,
      };
    case 'size-mismatch':
      return {
        en: `The cabinet file says it is ${v.declared} bytes long, but ${v.basis === 'content-length' ? `the server announced ${v.actual} bytes (Content-Length)` : `the server sent ${v.actual} bytes`}. The file on the server is damaged or cut short, or a proxy changed the download.`,
        ja: `CAB ファイル自身は ${v.declared} バイトだと宣言していますが、${v.basis === 'content-length' ? `サーバーは ${v.actual} バイトと予告しました (Content-Length)` : `サーバーが送ってきたのは ${v.actual} バイトでした`}。サーバー上のファイルが壊れているか途中で切れている、またはプロキシがダウンロードの内容を変えています。`,
      };
  }
  return { en: 'The answer could not be used.', ja: '応答を利用できませんでした。' };
}

function explainStatus(status: number, schemes: readonly string[], res: Resource, c: ExplainContext): L10n {
  const vd = vdirText(res);
  const code = agentCodeForStatus(status);
  switch (status) {
    case 401: {
      const list = schemes.join(', ');
      if (schemes.some((s) => /^(negotiate|ntlm|kerberos)$/i.test(s)))
        return {
          en: `The server asked for a Windows logon (401, offering ${list}) instead of serving ${res.name.en} anonymously. Anonymous authentication is turned off on ${vd.en} (or on the whole site). Clients never log on to WSUS, so the agent fails with ${code} (HTTP 401).`,
          ja: `サーバーは${res.name.ja} を匿名で返さず、Windows へのログオンを求めました (401、提示された方式: ${list})。${vd.ja} (またはサイト全体) で匿名認証が無効になっています。クライアントは WSUS にログオンしないため、エージェントは ${code} (HTTP 401) で失敗します。`,
        };
      if (schemes.length > 0)
        return {
          en: `The server asked for a user name and password (401, offering ${list}) instead of serving ${res.name.en} anonymously. Anonymous access is off on ${vd.en}; clients never log on, so the agent fails with ${code} (HTTP 401).`,
          ja: `サーバーは${res.name.ja} を匿名で返さず、ユーザー名とパスワードを求めました (401、提示された方式: ${list})。${vd.ja}で匿名アクセスが無効です。クライアントはログオンしないため、エージェントは ${code} (HTTP 401) で失敗します。`,
        };
      return {
        en: `The server answered 401 (logon required) without saying which logon it wants (no WWW-Authenticate header). A proxy or a product other than IIS may be answering. The agent fails with ${code} (HTTP 401).`,
        ja: `サーバーは 401 (ログオンが必要) を返しましたが、どのログオン方式かを示していません (WWW-Authenticate ヘッダーなし)。プロキシや IIS 以外の製品が応答している可能性があります。エージェントは ${code} (HTTP 401) で失敗します。`,
      };
    }
    case 403:
      return {
        en: `Access was refused (403). Usually the anonymous account (IUSR, or IUSR_<server> on IIS 6) may not read the folder behind ${vd.en}, an IP address restriction blocks this computer, or the folder requires SSL. The agent fails with ${code} (HTTP 403).`,
        ja: `アクセスが拒否されました (403)。多くの場合、匿名アカウント (IUSR、IIS 6 では IUSR_<サーバー名>) が ${vd.ja}の背後のフォルダーを読み取れない、IP アドレス制限でこのコンピューターが拒否されている、またはフォルダーで SSL が必須になっている、のいずれかです。エージェントは ${code} (HTTP 403) で失敗します。`,
      };
    case 404:
      if (res.expect === 'page')
        return {
          en: `The address was not found (404): ${vd.en} does not exist on the site that answers on port ${c.port}. WSUS may run on another port (8530 instead of 80, or the other way round), so check the port in the address. The agent fails with ${code} (HTTP 404).`,
          ja: `アドレスが見つかりませんでした (404)。ポート ${c.port} で応答しているサイトに ${vd.ja}がありません。WSUS が別のポート (80 ではなく 8530、またはその逆) で動いている可能性があるため、アドレスのポートを確認してください。エージェントは ${code} (HTTP 404) で失敗します。`,
        };
      return {
        en: `${capitalise(res.name.en)} was not found (404): ${res.vdir ? `${vd.en} or the file in it is missing` : 'the file is missing'} on the site that answers on port ${c.port}. The agent fails with ${code} (HTTP 404; the download itself is logged as 0x80190194).`,
        ja: `${res.name.ja} が見つかりませんでした (404)。ポート ${c.port} で応答しているサイトに${res.vdir ? ` ${vd.ja}またはその中のファイル` : 'ファイル'}がありません。エージェントは ${code} (HTTP 404。ダウンロード自体は 0x80190194 として記録されます) で失敗します。`,
      };
    case 407:
      return {
        en: `A proxy asked for a logon (407). The update agent runs as SYSTEM and cannot log on to a proxy, so the WSUS address must bypass it. The agent fails with ${code} (HTTP 407).`,
        ja: `プロキシがログオンを求めました (407)。更新エージェントは SYSTEM として動作するためプロキシにログオンできません。WSUS のアドレスはプロキシを経由しないようにする必要があります。エージェントは ${code} (HTTP 407) で失敗します。`,
      };
    case 500:
      return {
        en: `The server failed while answering (500): an IIS module, a broken web.config under ${vd.en}, or the WSUS application itself. The Application event log and the IIS log on the server show which. The agent fails with ${code} (HTTP 500).`,
        ja: `サーバーが応答の途中で失敗しました (500)。IIS のモジュール、${vd.ja}配下の壊れた web.config、または WSUS アプリケーション自体が原因です。どれなのかはサーバーのアプリケーション イベント ログと IIS ログで分かります。エージェントは ${code} (HTTP 500) で失敗します。`,
      };
    case 503:
      return {
        en: `The server is up, but the application behind this address is not running (503). Usually the WsusPool application pool has stopped, often after hitting its memory limit. The agent fails with ${code} (HTTP 503).`,
        ja: `サーバーは動いていますが、このアドレスの背後のアプリケーションが動いていません (503)。多くの場合 WsusPool アプリケーション プールが停止しており、メモリ上限に達したことが原因であることがよくあります。エージェントは ${code} (HTTP 503) で失敗します。`,
      };
    default: {
      if (status < 200 || (status > 200 && status < 400))
        return {
          en: `The server answered HTTP ${status} where the agent expects 200 with the content. Something between the client and IIS, or an unusual IIS setting, changes the answer. The agent reports ${code}.`,
          ja: `エージェントが内容付きの 200 を期待するところで、サーバーは HTTP ${status} を返しました。クライアントと IIS の間の何か、または通常と異なる IIS の設定が応答を変えています。エージェントは ${code} を報告します。`,
        };
      const e = explainCode(code);
      const meaning = e.httpStatus === status ? e.forWsus : { en: '', ja: '' };
      return {
        en: `The server answered HTTP ${status}. ${meaning.en ? `${meaning.en} ` : ''}The agent fails with ${code}.`,
        ja: `サーバーは HTTP ${status} を返しました。${meaning.ja}エージェントは ${code} で失敗します。`,
      };
    }
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
