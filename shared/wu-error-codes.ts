/**
 * Windows Update error codes as they appear in WindowsUpdate.log, normalised and explained in plain
 * words for the path from a client to its WSUS server.
 *
 * Pure: no Node, no DOM. The WU_E_PT_HTTP_STATUS_* family is a lookup table on purpose (the mapping
 * from HTTP status to HRESULT is not arithmetic). Two families are derived by rule because the rule is
 * documented: WinHTTP errors (HRESULT = 0x80070000 | error) and the BITS / WinHTTP form of an HTTP
 * status (0x80190000 | status, e.g. 0x80190194 = 404).
 */
import { DOCS } from './docs.js';
import type { L10n } from './text.js';

/** What a code is about. */
export type WuCodeKind =
  /** an HTTP status from the server (or a proxy), in the WU_E_PT_HTTP_STATUS_* form */
  | 'http-status'
  /** an HTTP status in the BITS / WinHTTP form 0x8019xxxx */
  | 'bits-http'
  /** a WinHTTP connection-level error: timeout, name resolution, refused, TLS */
  | 'winhttp'
  /** another error of the update agent's protocol layer (WU_E_PT_*) */
  | 'protocol'
  /** the agent's own self-update */
  | 'setup'
  /** another Windows Update Agent error (not about the network) */
  | 'agent'
  /** a general Windows / COM / WMI / crypto error */
  | 'system'
  | 'success'
  | 'unknown';

export interface WuCodeExplanation {
  /** "0x80244019": 0x and eight upper-case hex digits, or the input as given when it is not a code */
  code: string;
  /** the symbolic name, e.g. "WU_E_PT_HTTP_STATUS_NOT_FOUND", when known */
  name: string | null;
  /** false: the code is reported as "unknown code 0x........", possibly with its family */
  known: boolean;
  kind: WuCodeKind;
  /** the code says something went wrong talking to a server: HTTP status, connection, name, TLS */
  network: boolean;
  /** the HTTP status the code stands for (400..599), when it stands for one */
  httpStatus?: number;
  /** the WinHTTP error number (12002 ...), when the code is one */
  winHttpError?: number;
  /** one short phrase, e.g. "the server answered 404 (not found)" */
  short: L10n;
  /** what the code means for the path from this client to its WSUS server */
  forWsus: L10n;
  /** a reference page (one of DOCS) */
  doc: string;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

function hex8(n: number): string {
  return `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** 12002 → "0x80072EE2" (WinHTTP errors are wrapped as HRESULT_FROM_WIN32). */
export function winHttpErrorToHresult(error: number): string {
  return hex8((0x80070000 | (error & 0xffff)) >>> 0);
}

/** Is this WinHTTP's number range (12001..12199)? */
function isWinHttpNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 12000 && n <= 12199;
}

export interface NormaliseOptions {
  /** The surrounding text says the number is a WinHTTP error ("WinHttp ... error 12002"): read plain decimals as such. */
  winHttpDecimal?: boolean;
}

/**
 * Normalises an error code to "0x" + eight upper-case hex digits.
 * Accepts "0x80244019", "0X8024401c", "80244019" (eight hex digits, as the log writes hr values),
 * "[8024043D]", a signed decimal ("-2145107943"), an unsigned decimal with 9-10 digits, a number,
 * and, when opts.winHttpDecimal is set, a plain WinHTTP number such as 12002. Returns null otherwise.
 */
export function normaliseCode(input: string | number, opts: NormaliseOptions = {}): string | null {
  if (typeof input === 'number') {
    if (!Number.isInteger(input)) return null;
    if (opts.winHttpDecimal && isWinHttpNumber(input)) return winHttpErrorToHresult(input);
    if (input < 0 && input >= -0x80000000) return hex8(input);
    if (input >= 0 && input <= 0xffffffff) return hex8(input);
    return null;
  }
  if (typeof input !== 'string') return null;
  let s = input.trim();
  if (s.length === 0 || s.length > 40) return null;
  // Brackets and trailing punctuation as the log writes them: "[8024043D]", "0x80244019.", "(0x80072ee2)"
  s = s.replace(/^[[(<{]+/, '').replace(/[\])>}.,;:]+$/, '');
  let m = /^0x([0-9a-f]{1,8})$/i.exec(s);
  if (m) return hex8(parseInt(m[1]!, 16));
  m = /^([0-9a-f]{8})$/i.exec(s);
  if (m) return hex8(parseInt(m[1]!, 16));
  m = /^-(\d{1,10})$/.exec(s);
  if (m) {
    const n = -Number(m[1]);
    return n >= -0x80000000 ? hex8(n) : null;
  }
  m = /^(\d{1,7})$/.exec(s);
  if (m) {
    const n = Number(m[1]);
    if (opts.winHttpDecimal && isWinHttpNumber(n)) return winHttpErrorToHresult(n);
    return null;
  }
  m = /^(\d{9,10})$/.exec(s);
  if (m) {
    const n = Number(m[1]);
    return n <= 0xffffffff ? hex8(n) : null;
  }
  return null;
}

/** True when the HRESULT has its severity bit set (a failure, not a success or informational value). */
export function isFailureCode(code: string): boolean {
  const n = normaliseCode(code);
  return n !== null && /^0x[89A-F]/.test(n);
}

// ---------------------------------------------------------------------------------------------
// HTTP statuses, in plain words (used by both the WU_E_PT_HTTP_STATUS_* and the 0x8019xxxx forms)

interface HttpMeaning {
  reason: string;
  short: L10n;
  forWsus: L10n;
}

const HTTP: Record<number, HttpMeaning> = {
  400: {
    reason: 'Bad Request',
    short: { en: 'the server answered 400 (bad request)', ja: 'サーバーが 400 (不正な要求) を返しました' },
    forWsus: {
      en: 'The server, or a proxy in between, rejected the request as malformed. Check that WUServer holds only the scheme, server name and port, and whether a proxy or load balancer rewrites the requests.',
      ja: 'サーバーまたは途中のプロキシが、要求の形式が正しくないとして拒否しました。WUServer にスキーム、サーバー名、ポート以外が入っていないか、途中のプロキシやロード バランサーが要求を書き換えていないかを確認してください。',
    },
  },
  401: {
    reason: 'Unauthorized',
    short: { en: 'the server answered 401 (sign-in required)', ja: 'サーバーが 401 (認証が必要) を返しました' },
    forWsus: {
      en: 'The server asked the client to sign in. Clients reach WSUS anonymously, so anonymous authentication is probably turned off on the WSUS site or on the virtual directory in the URL (for self-update: SelfUpdate). See KB 920659.',
      ja: 'サーバーがクライアントに認証を求めました。クライアントは匿名で WSUS に接続するため、WSUS サイトまたは URL の仮想ディレクトリ (自己更新なら SelfUpdate) で匿名認証が無効になっている可能性が高いです。KB 920659 を参照してください。',
    },
  },
  403: {
    reason: 'Forbidden',
    short: { en: 'the server answered 403 (access refused)', ja: 'サーバーが 403 (アクセス拒否) を返しました' },
    forWsus: {
      en: 'The server refused access. On a WSUS URL this points to folder permissions (the anonymous account must be able to read the folder), an IIS setting such as "require SSL" or an IP restriction. On a download from Microsoft\'s network it is not a WSUS problem.',
      ja: 'サーバーがアクセスを拒否しました。WSUS の URL であれば、フォルダーのアクセス許可 (匿名アカウントが読み取れる必要があります)、「SSL を必要とする」などの IIS 設定、IP 制限が疑われます。Microsoft の配信ネットワークからのダウンロードであれば WSUS の問題ではありません。',
    },
  },
  404: {
    reason: 'Not Found',
    short: { en: 'the server answered 404 (not found)', ja: 'サーバーが 404 (見つからない) を返しました' },
    forWsus: {
      en: 'The file or virtual directory in the URL does not exist on that site. For /selfupdate/ the SelfUpdate virtual directory or its files are missing on the site and port the client uses; for /ClientWebService/ the WSUS web services are not on that site or port (check the port in WUServer).',
      ja: 'URL のファイルまたは仮想ディレクトリがそのサイトに存在しません。/selfupdate/ であれば、クライアントが使うサイトとポートに SelfUpdate 仮想ディレクトリまたはそのファイルがありません。/ClientWebService/ であれば、WSUS の Web サービスがそのサイトやポートにありません (WUServer のポートを確認してください)。',
    },
  },
  405: {
    reason: 'Method Not Allowed',
    short: { en: 'the server answered 405 (method not allowed)', ja: 'サーバーが 405 (メソッドが許可されていない) を返しました' },
    forWsus: {
      en: 'The site does not accept that kind of request on that URL. Another application or a changed handler mapping may have taken over the WSUS path.',
      ja: 'サイトがその URL でその種類の要求を受け付けません。別のアプリケーションや変更されたハンドラー マッピングが WSUS のパスを横取りしている可能性があります。',
    },
  },
  407: {
    reason: 'Proxy Authentication Required',
    short: { en: 'a proxy answered 407 (proxy sign-in required)', ja: 'プロキシが 407 (プロキシ認証が必要) を返しました' },
    forWsus: {
      en: 'A proxy between the client and WSUS wants credentials, which the update agent (running as SYSTEM) cannot give. Let the WSUS server bypass the WinHTTP proxy (netsh winhttp show proxy) or allow it through without authentication.',
      ja: 'クライアントと WSUS の間のプロキシが資格情報を求めていますが、SYSTEM として動く更新エージェントはそれを渡せません。WSUS サーバーを WinHTTP プロキシの対象外にする (netsh winhttp show proxy で確認) か、認証なしで通すようにしてください。',
    },
  },
  408: {
    reason: 'Request Timeout',
    short: { en: 'the server answered 408 (request timed out)', ja: 'サーバーが 408 (要求のタイムアウト) を返しました' },
    forWsus: {
      en: 'The server stopped waiting for the client\'s request: a slow or lossy network, or a proxy holding the request.',
      ja: 'サーバーがクライアントの要求を待ちきれずに打ち切りました。遅い、または不安定なネットワークか、要求を止めているプロキシが疑われます。',
    },
  },
  409: {
    reason: 'Conflict',
    short: { en: 'the server answered 409 (conflict)', ja: 'サーバーが 409 (競合) を返しました' },
    forWsus: {
      en: 'The server reported a conflict with the state of the resource. This is unusual for WSUS; look at the IIS log on the server for the same time.',
      ja: 'サーバーがリソースの状態との競合を報告しました。WSUS では珍しい応答です。同じ時刻のサーバーの IIS ログを確認してください。',
    },
  },
  410: {
    reason: 'Gone',
    short: { en: 'the server answered 410 (gone)', ja: 'サーバーが 410 (削除済み) を返しました' },
    forWsus: {
      en: 'The server says the resource was removed for good. The client asks for something the server no longer offers; check the URL and the server\'s content.',
      ja: 'サーバーはリソースが恒久的に削除されたと応答しました。クライアントがサーバーにもう無いものを要求しています。URL とサーバーのコンテンツを確認してください。',
    },
  },
  500: {
    reason: 'Internal Server Error',
    short: { en: 'the server answered 500 (internal error)', ja: 'サーバーが 500 (内部エラー) を返しました' },
    forWsus: {
      en: 'The WSUS web application failed while answering. Look on the server: the WsusPool application pool, the Application event log and the IIS log at the same time.',
      ja: 'WSUS の Web アプリケーションが応答中に失敗しました。サーバー側で WsusPool アプリケーション プール、アプリケーション イベント ログ、同じ時刻の IIS ログを確認してください。',
    },
  },
  501: {
    reason: 'Not Implemented',
    short: { en: 'the server answered 501 (not implemented)', ja: 'サーバーが 501 (未実装) を返しました' },
    forWsus: {
      en: 'The server or a proxy does not support what the client asked for. Something other than WSUS may be answering on that address.',
      ja: 'サーバーまたはプロキシが、クライアントの要求に対応していません。そのアドレスで WSUS 以外のものが応答している可能性があります。',
    },
  },
  502: {
    reason: 'Bad Gateway',
    short: { en: 'a gateway answered 502 (bad gateway)', ja: 'ゲートウェイが 502 (不正なゲートウェイ) を返しました' },
    forWsus: {
      en: 'A proxy or gateway between client and server got no usable answer from the next hop, usually because the WSUS server could not be reached from it.',
      ja: 'クライアントとサーバーの間のプロキシまたはゲートウェイが、次の経路から使える応答を得られませんでした。多くの場合、そこから WSUS サーバーに到達できていません。',
    },
  },
  503: {
    reason: 'Service Unavailable',
    short: { en: 'the server answered 503 (service unavailable)', ja: 'サーバーが 503 (サービス利用不可) を返しました' },
    forWsus: {
      en: 'IIS is running but the application behind the URL is not: usually the WsusPool application pool is stopped or keeps stopping (often its memory limit).',
      ja: 'IIS は動いていますが、URL の背後のアプリケーションが動いていません。多くの場合、WsusPool アプリケーション プールが停止しているか、停止を繰り返しています (メモリ上限が原因のことが多いです)。',
    },
  },
  504: {
    reason: 'Gateway Timeout',
    short: { en: 'a gateway answered 504 (gateway timeout)', ja: 'ゲートウェイが 504 (ゲートウェイ タイムアウト) を返しました' },
    forWsus: {
      en: 'A proxy or gateway gave up waiting for the WSUS server: the server is slow, overloaded or unreachable from the proxy.',
      ja: 'プロキシまたはゲートウェイが WSUS サーバーの応答を待ちきれませんでした。サーバーが遅い、過負荷、またはプロキシから到達できない状態です。',
    },
  },
  505: {
    reason: 'HTTP Version Not Supported',
    short: { en: 'the server answered 505 (HTTP version not supported)', ja: 'サーバーが 505 (HTTP バージョン非対応) を返しました' },
    forWsus: {
      en: 'The server or a proxy refused the HTTP version of the request. Something other than IIS may be answering, or a proxy in between is misbehaving.',
      ja: 'サーバーまたはプロキシが要求の HTTP バージョンを拒否しました。IIS 以外のものが応答しているか、途中のプロキシの動作がおかしい可能性があります。',
    },
  },
};

function httpMeaning(status: number): HttpMeaning {
  return (
    HTTP[status] ?? {
      reason: `HTTP ${status}`,
      short: { en: `the server answered HTTP ${status}`, ja: `サーバーが HTTP ${status} を返しました` },
      forWsus: {
        en: `The server or a proxy answered with HTTP status ${status}. Look at the IIS log on the WSUS server for the same time to see which URL got it.`,
        ja: `サーバーまたはプロキシが HTTP ステータス ${status} を返しました。どの URL に対する応答かは、同じ時刻の WSUS サーバーの IIS ログで確認してください。`,
      },
    }
  );
}

// ---------------------------------------------------------------------------------------------
// The table

/** A row of the table: an explanation before the code is known, always named, its reference page optional. */
type Entry = Omit<WuCodeExplanation, 'code' | 'known' | 'name' | 'doc'> & { name: string; doc?: string };

/** WU_E_PT_HTTP_STATUS_*: HRESULT → (name, HTTP status). A table, not arithmetic. */
const PT_HTTP: ReadonlyArray<readonly [number, string, number]> = [
  [0x80244016, 'WU_E_PT_HTTP_STATUS_BAD_REQUEST', 400],
  [0x80244017, 'WU_E_PT_HTTP_STATUS_DENIED', 401],
  [0x80244018, 'WU_E_PT_HTTP_STATUS_FORBIDDEN', 403],
  [0x80244019, 'WU_E_PT_HTTP_STATUS_NOT_FOUND', 404],
  [0x8024401a, 'WU_E_PT_HTTP_STATUS_BAD_METHOD', 405],
  [0x8024401b, 'WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ', 407],
  [0x8024401c, 'WU_E_PT_HTTP_STATUS_REQUEST_TIMEOUT', 408],
  [0x8024401d, 'WU_E_PT_HTTP_STATUS_CONFLICT', 409],
  [0x8024401e, 'WU_E_PT_HTTP_STATUS_GONE', 410],
  [0x8024401f, 'WU_E_PT_HTTP_STATUS_SERVER_ERROR', 500],
  [0x80244020, 'WU_E_PT_HTTP_STATUS_NOT_SUPPORTED', 501],
  [0x80244021, 'WU_E_PT_HTTP_STATUS_BAD_GATEWAY', 502],
  [0x80244022, 'WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL', 503],
  [0x80244023, 'WU_E_PT_HTTP_STATUS_GATEWAY_TIMEOUT', 504],
  [0x80244024, 'WU_E_PT_HTTP_STATUS_VERSION_NOT_SUP', 505],
];

/** WinHTTP errors the update agent reports while talking to a server. */
const WINHTTP: Record<number, { name: string; short: L10n; forWsus: L10n }> = {
  12002: {
    name: 'ERROR_WINHTTP_TIMEOUT',
    short: { en: 'the connection timed out', ja: '接続がタイムアウトしました' },
    forWsus: {
      en: 'The client waited for the server and got nothing back in time: a firewall silently dropping the traffic, a proxy in the way, or the server being down or overloaded.',
      ja: 'クライアントはサーバーの応答を待ちましたが、時間内に何も返ってきませんでした。通信を黙って破棄しているファイアウォール、途中のプロキシ、またはサーバーの停止や過負荷が考えられます。',
    },
  },
  12007: {
    name: 'ERROR_WINHTTP_NAME_NOT_RESOLVED',
    short: { en: 'the server name could not be resolved', ja: 'サーバー名を解決できませんでした' },
    forWsus: {
      en: 'The server name (or the proxy\'s name) could not be looked up in DNS. Check the spelling of the name in WUServer and the client\'s DNS settings (nslookup <server>).',
      ja: 'サーバー名 (またはプロキシ名) を DNS で引けませんでした。WUServer の名前のつづりと、クライアントの DNS 設定 (nslookup <サーバー名>) を確認してください。',
    },
  },
  12029: {
    name: 'ERROR_WINHTTP_CANNOT_CONNECT',
    short: { en: 'the connection was refused', ja: '接続できませんでした' },
    forWsus: {
      en: 'Nothing accepted the connection: the port is blocked by a firewall, IIS is not listening on that port (check the port in WUServer: 8530, 8531 or 80), or the server is off.',
      ja: '接続を受け付ける相手がいませんでした。ファイアウォールでポートが塞がれている、IIS がそのポートで待ち受けていない (WUServer のポートが 8530、8531、80 のどれかを確認)、またはサーバーが停止しているかのいずれかです。',
    },
  },
  12030: {
    name: 'ERROR_WINHTTP_CONNECTION_ERROR',
    short: { en: 'the connection was dropped', ja: '接続が途中で切断されました' },
    forWsus: {
      en: 'The connection was opened and then reset or dropped: a firewall, proxy or TLS-inspection device in between, or the server closing it.',
      ja: '接続はできましたが、途中でリセットまたは切断されました。途中のファイアウォール、プロキシ、TLS 検査装置、またはサーバー側で切断された可能性があります。',
    },
  },
  12150: {
    name: 'ERROR_WINHTTP_HEADER_NOT_FOUND',
    short: { en: 'an expected HTTP header was missing', ja: '想定した HTTP ヘッダーがありませんでした' },
    forWsus: {
      en: 'The answer did not carry a header the client needed. Often a proxy or a page that is not WSUS answered instead of the WSUS server.',
      ja: '応答にクライアントが必要とするヘッダーがありませんでした。WSUS サーバーではなく、プロキシや WSUS 以外のページが応答していることがよくあります。',
    },
  },
  12152: {
    name: 'ERROR_WINHTTP_INVALID_SERVER_RESPONSE',
    short: { en: 'the server\'s answer could not be understood', ja: 'サーバーの応答を解釈できませんでした' },
    forWsus: {
      en: 'The answer was not valid HTTP. Something other than IIS may be listening on that port, or a device in between is damaging the traffic.',
      ja: '応答が正しい HTTP ではありませんでした。そのポートで IIS 以外のものが待ち受けているか、途中の機器が通信を壊している可能性があります。',
    },
  },
  12157: {
    name: 'ERROR_WINHTTP_SECURE_CHANNEL_ERROR',
    short: { en: 'the TLS connection could not be set up', ja: 'TLS 接続を確立できませんでした' },
    forWsus: {
      en: 'Client and server could not agree on TLS (protocol versions or cipher suites) on the HTTPS connection. Compare the TLS settings of the client and the WSUS server.',
      ja: 'HTTPS 接続で、クライアントとサーバーが TLS (プロトコル バージョンや暗号スイート) を合意できませんでした。クライアントと WSUS サーバーの TLS 設定を比べてください。',
    },
  },
  12175: {
    name: 'ERROR_WINHTTP_SECURE_FAILURE',
    short: { en: 'the server\'s TLS certificate was rejected', ja: 'サーバーの TLS 証明書が拒否されました' },
    forWsus: {
      en: 'The HTTPS certificate of the server (typically on port 8531) was not accepted: it has expired, its name does not match the name in WUServer, or the client does not trust the authority that issued it. Also check the client\'s clock.',
      ja: 'サーバーの HTTPS 証明書 (通常はポート 8531) が受け入れられませんでした。期限切れ、WUServer の名前と証明書の名前の不一致、または発行元をクライアントが信頼していないことが考えられます。クライアントの時刻も確認してください。',
    },
  },
};

const OTHER: Record<number, Entry> = {
  0x00000000: {
    name: 'S_OK',
    kind: 'success',
    network: false,
    short: { en: 'success', ja: '成功 (エラーなし)' },
    forWsus: { en: 'No error.', ja: 'エラーではありません。' },
  },
  0x8024402b: {
    name: 'WU_E_PT_HTTP_STATUS_NOT_MAPPED',
    kind: 'http-status',
    network: true,
    short: { en: 'the server answered with an unexpected HTTP status', ja: 'サーバーが想定外の HTTP ステータスを返しました' },
    forWsus: {
      en: 'The server or a proxy answered with an HTTP status that has no code of its own. The IIS log on the WSUS server (or the proxy\'s log) shows which status it was.',
      ja: 'サーバーまたはプロキシが、専用のコードを持たない HTTP ステータスで応答しました。どのステータスだったかは WSUS サーバーの IIS ログ (またはプロキシのログ) で確認できます。',
    },
  },
  0x8024402c: {
    name: 'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED',
    kind: 'protocol',
    network: true,
    short: { en: 'the server or proxy name could not be resolved', ja: 'サーバー名またはプロキシ名を解決できませんでした' },
    forWsus: {
      en: 'The name of the WSUS server or of the proxy could not be looked up. Check the spelling of WUServer, the client\'s DNS, and the WinHTTP proxy setting.',
      ja: 'WSUS サーバーまたはプロキシの名前を引けませんでした。WUServer のつづり、クライアントの DNS、WinHTTP のプロキシ設定を確認してください。',
    },
  },
  0x8024400a: {
    name: 'WU_E_PT_SOAPCLIENT_PARSE',
    kind: 'protocol',
    network: true,
    short: { en: 'the server\'s answer could not be parsed', ja: 'サーバーの応答を解析できませんでした' },
    forWsus: {
      en: 'The client could not read the web service\'s answer. Something other than the WSUS web service may have answered (an error page, a proxy page), or the server sent a broken reply.',
      ja: 'クライアントが Web サービスの応答を読めませんでした。WSUS の Web サービス以外 (エラー ページやプロキシのページ) が応答したか、サーバーが壊れた応答を返した可能性があります。',
    },
  },
  0x80244010: {
    name: 'WU_E_PT_EXCEEDED_MAX_SERVER_TRIPS',
    kind: 'protocol',
    network: true,
    short: { en: 'too many round trips to the server', ja: 'サーバーとの往復回数が上限を超えました' },
    forWsus: {
      en: 'One scan needed more exchanges with the server than the agent allows. It usually goes away after further scans; if it stays, the server may be slow or have a very large number of updates to send.',
      ja: '1 回のスキャンで、エージェントが許す回数より多くサーバーとやり取りが必要でした。通常は次のスキャン以降で解消します。続く場合は、サーバーが遅いか、送る更新の数が非常に多い可能性があります。',
    },
  },
  0x80240438: {
    name: 'WU_E_PT_ENDPOINT_UNREACHABLE',
    kind: 'protocol',
    network: true,
    short: { en: 'the update service could not be reached', ja: '更新サービスに到達できませんでした' },
    forWsus: {
      en: 'The agent found no network path to the service it wanted. Which server it was depends on the URL near this line: a Microsoft address is not a WSUS problem.',
      ja: 'エージェントが目的のサービスへのネットワーク経路を見つけられませんでした。どのサーバーかはこの行の近くの URL で分かります。Microsoft のアドレスなら WSUS の問題ではありません。',
    },
  },
  0x8024d009: {
    name: 'WU_E_SETUP_SKIP_UPDATE',
    kind: 'setup',
    network: false,
    short: { en: 'the agent update was skipped (wuident.cab directive)', ja: 'エージェントの更新がスキップされました (wuident.cab の指示)' },
    forWsus: {
      en: 'An update of the Windows Update Agent was skipped because of a directive in wuident.cab. Microsoft relates this to a WSUS server that does not hand out the self-update: check the self-update tree on the server (KB 920659).',
      ja: 'wuident.cab の指示により、Windows Update エージェントの更新がスキップされました。Microsoft はこれを、自己更新を配布できていない WSUS サーバーと関連付けています。サーバーの自己更新ツリーを確認してください (KB 920659)。',
    },
    doc: DOCS.kb920659,
  },
  0x8024043d: {
    name: 'WU_E_SERVICEPROP_NOTAVAIL',
    kind: 'agent',
    network: false,
    short: { en: 'a service property was not available', ja: 'サービスのプロパティを取得できませんでした' },
    forWsus: {
      en: 'An internal lookup of the agent found nothing. It is logged routinely during healthy scans and says nothing about the connection to WSUS.',
      ja: 'エージェント内部の参照で値が見つかりませんでした。正常なスキャンでも日常的に記録されるもので、WSUS への接続については何も示しません。',
    },
  },
  0x8024000e: {
    name: 'WU_E_XML_INVALID',
    kind: 'agent',
    network: false,
    short: { en: 'invalid data in an update\'s description', ja: '更新の記述に無効なデータがありました' },
    forWsus: {
      en: 'The agent found invalid information in an update\'s XML data. This concerns one update\'s metadata, not the path to the server.',
      ja: 'エージェントが更新の XML データに無効な情報を見つけました。個々の更新のメタデータの問題で、サーバーへの経路の問題ではありません。',
    },
  },
  0x80070005: {
    name: 'E_ACCESSDENIED',
    kind: 'system',
    network: false,
    short: { en: 'access denied on this computer', ja: 'このコンピューター上でアクセスが拒否されました' },
    forWsus: {
      en: 'A local operation was refused (file, registry or service permissions on the client). It is not an answer from the server.',
      ja: 'ローカルの操作が拒否されました (クライアント上のファイル、レジストリ、サービスのアクセス許可)。サーバーからの応答ではありません。',
    },
  },
  0x80070057: {
    name: 'E_INVALIDARG',
    kind: 'system',
    network: false,
    short: { en: 'an invalid argument inside the agent', ja: 'エージェント内部の引数が無効でした' },
    forWsus: {
      en: 'An internal call got an argument it did not accept. On its own it says nothing about the connection to WSUS.',
      ja: '内部の呼び出しが受け付けない引数を受け取りました。これだけでは WSUS への接続について何も示しません。',
    },
  },
  0x8007066f: {
    name: 'ERROR_UNKNOWN_PATCH',
    kind: 'system',
    network: false,
    short: { en: 'a Windows Installer update is not applied to this product', ja: 'Windows インストーラーの更新がこの製品に適用されていません' },
    forWsus: {
      en: 'Windows Installer answered that an update does not belong to an installed product. The agent logs this while it evaluates Office and other MSI-based updates; it is not a connection problem.',
      ja: 'Windows インストーラーが、その更新はインストール済みの製品のものではないと応答しました。Office など MSI ベースの更新を評価する際に記録されるもので、接続の問題ではありません。',
    },
  },
  0x80092004: {
    name: 'CRYPT_E_NOT_FOUND',
    kind: 'system',
    network: false,
    short: { en: 'a certificate or crypto object was not found', ja: '証明書または暗号オブジェクトが見つかりませんでした' },
    forWsus: {
      en: 'A lookup in the local certificate or crypto store found nothing. Logged routinely while the agent builds tokens for Microsoft services; not a WSUS connection error.',
      ja: 'ローカルの証明書ストアまたは暗号ストアの検索で何も見つかりませんでした。Microsoft のサービス用のトークンを作る際に日常的に記録されるもので、WSUS への接続エラーではありません。',
    },
  },
  0x80041010: {
    name: 'WBEM_E_INVALID_CLASS',
    kind: 'system',
    network: false,
    short: { en: 'a WMI class does not exist on this computer', ja: 'WMI クラスがこのコンピューターに存在しません' },
    forWsus: {
      en: 'An applicability rule queried a WMI class this computer does not have (often a rule for a product that is not installed). Not a connection problem.',
      ja: '適用性ルールが、このコンピューターに無い WMI クラスを照会しました (インストールされていない製品のルールであることが多いです)。接続の問題ではありません。',
    },
  },
};

function buildTable(): Map<number, Entry> {
  const t = new Map<number, Entry>();
  for (const [code, name, status] of PT_HTTP) {
    const h = httpMeaning(status);
    t.set(code >>> 0, { name, kind: 'http-status', network: true, httpStatus: status, short: h.short, forWsus: h.forWsus, doc: DOCS.wuaNetworkingErrors });
  }
  for (const [num, w] of Object.entries(WINHTTP)) {
    const n = Number(num);
    t.set((0x80070000 | n) >>> 0, { name: w.name, kind: 'winhttp', network: true, winHttpError: n, short: w.short, forWsus: w.forWsus });
  }
  for (const [num, e] of Object.entries(OTHER)) t.set(Number(num) >>> 0, e);
  return t;
}

const TABLE = buildTable();

/** Every code with an explicit explanation (for tests and documentation). */
export function knownCodes(): string[] {
  return [...TABLE.keys()].sort((a, b) => a - b).map(hex8);
}

function unknown(code: string, family: { en: string; ja: string } | null, kind: WuCodeKind, network: boolean, extra: Partial<WuCodeExplanation> = {}): WuCodeExplanation {
  const short: L10n = family
    ? { en: `unknown code ${code} (${family.en})`, ja: `不明なコード ${code} (${family.ja})` }
    : { en: `unknown code ${code}`, ja: `不明なコード ${code}` };
  const forWsus: L10n = network
    ? {
        en: 'The tool has no specific explanation for this code. Its family says it happened while talking to a server; the lines around it in the log show which URL was involved.',
        ja: 'このコードについて個別の説明はありません。コードの種類から、サーバーとの通信中に起きたものです。どの URL かはログの前後の行で分かります。',
      }
    : {
        en: 'The tool has no specific explanation for this code. Look it up in Microsoft\'s Windows Update error reference; on its own it does not point at the connection to WSUS.',
        ja: 'このコードについて個別の説明はありません。Microsoft の Windows Update エラー一覧で調べてください。これだけでは WSUS への接続の問題を示しません。',
      };
  return { code, name: null, known: false, kind, network, short, forWsus, doc: DOCS.wuErrors, ...extra };
}

/**
 * Explains a code. Never throws and never drops a code: anything without an entry is reported as
 * "unknown code 0x........", with its family when the family says something.
 */
export function explainCode(input: string | number, opts: NormaliseOptions = {}): WuCodeExplanation {
  const code = normaliseCode(input, opts);
  if (code === null) {
    const shown = String(input).slice(0, 40);
    return unknown(shown, null, 'unknown', false);
  }
  const n = parseInt(code.slice(2), 16) >>> 0;
  const e = TABLE.get(n);
  if (e) {
    const out: WuCodeExplanation = {
      code,
      name: e.name,
      known: true,
      kind: e.kind,
      network: e.network,
      short: e.short,
      forWsus: e.forWsus,
      doc: e.doc ?? DOCS.wuErrors,
    };
    if (e.httpStatus !== undefined) out.httpStatus = e.httpStatus;
    if (e.winHttpError !== undefined) out.winHttpError = e.winHttpError;
    return out;
  }
  const high = n >>> 16;
  const low = n & 0xffff;
  // BITS / WinHTTP form of an HTTP status: 0x80190000 | status (0x80190194 = 404).
  if (high === 0x8019 && low >= 100 && low <= 599) {
    const h = httpMeaning(low);
    return {
      code,
      name: `HTTP ${low} ${h.reason}`,
      known: true,
      kind: 'bits-http',
      network: true,
      httpStatus: low,
      short: h.short,
      forWsus: h.forWsus,
      doc: DOCS.wuaNetworkingErrors,
    };
  }
  if (high === 0x8007 && isWinHttpNumber(low)) {
    return unknown(code, { en: `WinHTTP error ${low}`, ja: `WinHTTP エラー ${low}` }, 'winhttp', true, { winHttpError: low });
  }
  if (high === 0x8024 && (low & 0xf000) === 0x4000) {
    return unknown(code, { en: 'Windows Update protocol error', ja: 'Windows Update の通信エラー' }, 'protocol', true);
  }
  if (high === 0x8024) return unknown(code, { en: 'Windows Update Agent error', ja: 'Windows Update エージェントのエラー' }, 'agent', false);
  if (high === 0x8007) return unknown(code, { en: `Windows error ${low}`, ja: `Windows エラー ${low}` }, 'system', false);
  if (!/^0x[89A-F]/.test(code)) return unknown(code, { en: 'not a failure code', ja: '失敗を表すコードではありません' }, 'success', false);
  return unknown(code, null, 'unknown', false);
}

/** "0x80244019 (WU_E_PT_HTTP_STATUS_NOT_FOUND)" or "0x8007066F". */
export function codeLabel(e: WuCodeExplanation): string {
  return e.name ? `${e.code} (${e.name})` : e.code;
}
