/**
 * Manual fixes for what the network and HTTP checks find. Almost all of them are made on the WSUS
 * server, which this tool does not change from a client: each is a list of steps a technician follows.
 */
import type { FixOffer } from '../../../shared/changes.js';
import type { CheckId } from '../../../shared/check-ids.js';
import type { L10n } from '../../../shared/text.js';
import type { Resource } from './explain.js';
import type { Verdict } from './response.js';

const APPCMD = '%windir%\\system32\\inetsrv\\appcmd.exe';
const SELFUPDATE_DIR = '%ProgramFiles%\\Update Services\\SelfUpdate';

export interface FixPlace {
  /** the port the request went to */
  port: number;
  /** the request went to the extra port-80 site (http.selfupdate-port80) */
  port80Site: boolean;
}

/** The IIS site that usually serves a port: WSUS's own site on 8530/8531, the Default Web Site on 80/443. */
export function likelySiteName(port: number): string {
  return port === 80 || port === 443 ? 'Default Web Site' : 'WSUS Administration';
}

function manual(id: string, title: L10n, steps: L10n[], requiresAdmin = true): FixOffer {
  return { id, title, automatic: false, requiresAdmin, steps, plan: [] };
}

const RECHECK: L10n = {
  en: 'Run the checks again from this computer (Re-check).',
  ja: 'このコンピューターからチェックをもう一度実行します ([再チェック])。',
};

/** Turn anonymous authentication on for a virtual directory (or the site root). */
export function anonymousAccessFix(checkId: CheckId, vdir: string | null, site: string): FixOffer {
  const path = vdir ? `${site}/${vdir}` : site;
  const command = `${APPCMD} set config "${path}" -section:system.webServer/security/authentication/anonymousAuthentication /enabled:"True" /commit:apphost`;
  const where: L10n = vdir ? { en: `the ${vdir} virtual directory`, ja: `${vdir} 仮想ディレクトリ` } : { en: 'the site itself', ja: 'サイト自体' };
  return manual(
    `${checkId}:enable-anonymous`,
    { en: `Allow anonymous access to ${vdir ?? 'the WSUS site'} on the WSUS server`, ja: `WSUS サーバーで ${vdir ?? 'WSUS サイト'} への匿名アクセスを許可する` },
    [
      {
        en: `On the WSUS server, open IIS Manager (inetmgr) as an administrator and expand the site that serves this port (usually "${site}").`,
        ja: `WSUS サーバーで IIS マネージャー (inetmgr) を管理者として開き、このポートを提供しているサイト (通常は「${site}」) を展開します。`,
      },
      {
        en: `Select ${where.en}, open "Authentication", enable "Anonymous Authentication" and disable "Windows Authentication" there. Only the administration API (ApiRemoting30) needs Windows authentication.`,
        ja: `${where.ja}を選んで「認証」を開き、「匿名認証」を有効にして「Windows 認証」を無効にします。Windows 認証が必要なのは管理 API (ApiRemoting30) だけです。`,
      },
      {
        en: `Or run this in an elevated command prompt on the server (use your site's name if it differs): ${command}`,
        ja: `または、サーバーの管理者用コマンド プロンプトで次を実行します (サイト名が異なる場合は置き換えてください): ${command}`,
      },
      RECHECK,
    ],
  );
}

function permissionsFix(checkId: CheckId, res: Resource): FixOffer {
  return manual(
    `${checkId}:check-permissions`,
    { en: 'Let the anonymous account read the folder on the WSUS server', ja: 'WSUS サーバーで匿名アカウントがフォルダーを読めるようにする' },
    [
      {
        en: `On the WSUS server, check the permissions of the folder behind ${res.vdir ?? 'the site root'} (for SelfUpdate: ${SELFUPDATE_DIR}) with: icacls "<folder>". Users (or IUSR) need Read & Execute; Administrators and SYSTEM need Full Control.`,
        ja: `WSUS サーバーで、${res.vdir ? `${res.vdir} ` : 'サイトのルート'}の背後のフォルダー (SelfUpdate なら ${SELFUPDATE_DIR}) のアクセス許可を icacls "<フォルダー>" で確認します。Users (または IUSR) に「読み取りと実行」、Administrators と SYSTEM に「フル コントロール」が必要です。`,
      },
      {
        en: 'In IIS Manager, check "IP Address and Domain Restrictions" and "SSL Settings" on that virtual directory: clients must not be blocked, and SSL must not be required on an http address.',
        ja: 'IIS マネージャーで、その仮想ディレクトリの「IP アドレスおよびドメインの制限」と「SSL 設定」を確認します。クライアントが拒否されておらず、http のアドレスで SSL が必須になっていないことが必要です。',
      },
      RECHECK,
    ],
  );
}

function missingFix(checkId: CheckId, res: Resource, place: FixPlace): FixOffer {
  if (res.expect === 'page')
    return manual(
      `${checkId}:check-web-service`,
      { en: `Make ${res.vdir ?? 'the web service'} available on the WSUS port`, ja: `WSUS のポートで ${res.vdir ?? 'Web サービス'} を使えるようにする` },
      [
        {
          en: `Check which port WSUS really uses (on the server: the PortNumber value under HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup, usually 8530) and that the address under test uses the same port (now ${place.port}).`,
          ja: `WSUS が実際に使っているポート (サーバーの HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup の PortNumber、通常は 8530) と、テストしたアドレスのポート (現在 ${place.port}) が同じかを確認します。`,
        },
        {
          en: `In IIS Manager on the server, check that the WSUS site has the ${res.vdir ?? ''} application. If it is missing, the WSUS installation is damaged: run the WSUS post-installation again or repair WSUS.`,
          ja: `サーバーの IIS マネージャーで、WSUS サイトに ${res.vdir ?? ''} アプリケーションがあるかを確認します。ない場合は WSUS のインストールが壊れているため、WSUS のインストール後の構成をやり直すか、WSUS を修復します。`,
        },
        RECHECK,
      ],
    );
  if (place.port80Site)
    return manual(
      `${checkId}:add-port80-selfupdate`,
      { en: 'Publish the SelfUpdate folder on a port-80 site', ja: 'ポート 80 のサイトで SelfUpdate フォルダーを公開する' },
      [
        {
          en: 'On the WSUS server, make sure a web site with an http binding on port 80 exists and is started (the Default Web Site is fine; it does not have to be dedicated to WSUS).',
          ja: 'WSUS サーバーに、ポート 80 の http バインドを持つ Web サイトがあり、開始されていることを確認します (既定の Web サイトで構いません。WSUS 専用である必要はありません)。',
        },
        {
          en: 'Older WSUS versions ship a script for this: cscript "%ProgramFiles%\\Update Services\\setup\\InstallSelfupdateOnPort80.vbs" (it prints "Success" when done).',
          ja: '古いバージョンの WSUS にはこのためのスクリプトがあります: cscript "%ProgramFiles%\\Update Services\\setup\\InstallSelfupdateOnPort80.vbs" (完了すると "Success" と表示されます)。',
        },
        {
          en: `Without the script, add the virtual directory from an elevated command prompt: ${APPCMD} add vdir /app.name:"Default Web Site/" /path:/SelfUpdate /physicalPath:"${SELFUPDATE_DIR}" and allow anonymous access to it.`,
          ja: `スクリプトがない場合は、管理者用コマンド プロンプトで仮想ディレクトリを追加し、匿名アクセスを許可します: ${APPCMD} add vdir /app.name:"Default Web Site/" /path:/SelfUpdate /physicalPath:"${SELFUPDATE_DIR}"`,
        },
        RECHECK,
      ],
    );
  return manual(
    `${checkId}:restore-selfupdate`,
    { en: 'Restore the self-update files on the WSUS server', ja: 'WSUS サーバーの自己更新ファイルを元に戻す' },
    [
      {
        en: `In IIS Manager on the WSUS server, check that the site on port ${place.port} has ${res.vdir ? `the ${res.vdir} virtual directory, pointing to ${SELFUPDATE_DIR}` : 'the file in its root folder'}, and that the file exists in that folder.`,
        ja: `WSUS サーバーの IIS マネージャーで、ポート ${place.port} のサイトに${res.vdir ? ` ${SELFUPDATE_DIR} を指す ${res.vdir} 仮想ディレクトリ` : 'ルート フォルダーのファイル'}があり、そのフォルダーにファイルが存在することを確認します。`,
      },
      {
        en: 'If the virtual directory or the files are missing, re-run Selfupdate.msi from the WSUS installation folder (%ProgramFiles%\\Update Services\\Setup) to restore them.',
        ja: '仮想ディレクトリやファイルがない場合は、WSUS のインストール フォルダー (%ProgramFiles%\\Update Services\\Setup) の Selfupdate.msi を再実行して元に戻します。',
      },
      RECHECK,
    ],
  );
}

function appPoolFix(checkId: CheckId): FixOffer {
  return manual(
    `${checkId}:start-wsuspool`,
    { en: 'Start the WsusPool application pool on the WSUS server', ja: 'WSUS サーバーで WsusPool アプリケーション プールを開始する' },
    [
      {
        en: `In IIS Manager on the WSUS server, open "Application Pools", select WsusPool and click Start; or run in an elevated command prompt: ${APPCMD} start apppool /apppool.name:WsusPool`,
        ja: `WSUS サーバーの IIS マネージャーで「アプリケーション プール」を開き、WsusPool を選んで「開始」をクリックします。または管理者用コマンド プロンプトで次を実行します: ${APPCMD} start apppool /apppool.name:WsusPool`,
      },
      {
        en: 'If it stops again, look in the System event log for WAS warnings about WsusPool; raising the pool\'s "Private Memory Limit" (Advanced Settings) is the usual cure.',
        ja: '再び停止する場合は、システム イベント ログで WsusPool に関する WAS の警告を確認します。プールの「プライベート メモリの制限」(詳細設定) を引き上げるのが一般的な対処です。',
      },
      RECHECK,
    ],
  );
}

function serverErrorFix(checkId: CheckId): FixOffer {
  return manual(
    `${checkId}:read-server-logs`,
    { en: 'Find the error in the WSUS server\'s logs', ja: 'WSUS サーバーのログでエラーを探す' },
    [
      {
        en: 'On the WSUS server, open the Application event log and the IIS log of the WSUS site (%SystemDrive%\\inetpub\\logs\\LogFiles\\W3SVC<site id>) at the time of this check; the status.substatus and the error name the broken part.',
        ja: 'WSUS サーバーで、このチェックの時刻のアプリケーション イベント ログと WSUS サイトの IIS ログ (%SystemDrive%\\inetpub\\logs\\LogFiles\\W3SVC<サイト ID>) を開きます。ステータス.サブステータスとエラーから壊れている箇所が分かります。',
      },
      {
        en: 'A web.config edited by hand or an IIS module added after WSUS was installed are common causes; undo the change, or repair WSUS.',
        ja: '手で編集した web.config や、WSUS のインストール後に追加された IIS モジュールがよくある原因です。その変更を元に戻すか、WSUS を修復します。',
      },
      RECHECK,
    ],
  );
}

function repairFilesFix(checkId: CheckId): FixOffer {
  return manual(
    `${checkId}:repair-download`,
    { en: 'Find out where the file gets damaged', ja: 'ファイルがどこで壊れるかを突き止める' },
    [
      {
        en: `On the WSUS server, open ${SELFUPDATE_DIR} and compare the size of the file with what this check received (see the evidence). If the file there is damaged or empty, re-run Selfupdate.msi from %ProgramFiles%\\Update Services\\Setup.`,
        ja: `WSUS サーバーで ${SELFUPDATE_DIR} を開き、ファイルのサイズをこのチェックが受け取ったもの (根拠を参照) と比べます。そこでファイルが壊れているか空であれば、%ProgramFiles%\\Update Services\\Setup の Selfupdate.msi を再実行します。`,
      },
      {
        en: 'If the file on the server is fine, something in between changes the download: a proxy, a web filter or an intrusion-prevention device. Let WSUS traffic bypass it.',
        ja: 'サーバー上のファイルが正常なら、途中の何か (プロキシ、Web フィルター、侵入防止装置) がダウンロードを変えています。WSUS への通信がそれを経由しないようにします。',
      },
      RECHECK,
    ],
  );
}

export function connectionFix(checkId: CheckId, port: number, host: string): FixOffer {
  return manual(
    `${checkId}:open-path`,
    { en: `Make port ${port} on the WSUS server reachable`, ja: `WSUS サーバーのポート ${port} に届くようにする` },
    [
      {
        en: `On the WSUS server, check that the IIS site with port ${port} is started (IIS Manager, or: ${APPCMD} list site) and that WsusPool is started.`,
        ja: `WSUS サーバーで、ポート ${port} を持つ IIS サイトが開始されていること (IIS マネージャー、または ${APPCMD} list site で確認) と、WsusPool が開始されていることを確認します。`,
      },
      {
        en: `Check that Windows Firewall on the server, and any firewall in between, allows TCP ${port} inbound from the clients.`,
        ja: `サーバーの Windows ファイアウォールと途中のファイアウォールが、クライアントからの TCP ${port} の受信を許可していることを確認します。`,
      },
      {
        en: `From this computer, test again with PowerShell: Test-NetConnection ${host} -Port ${port}`,
        ja: `このコンピューターから PowerShell で再テストします: Test-NetConnection ${host} -Port ${port}`,
      },
    ],
  );
}

function tlsFix(checkId: CheckId): FixOffer {
  return manual(
    `${checkId}:check-certificate`,
    { en: 'Check the WSUS server\'s HTTPS certificate', ja: 'WSUS サーバーの HTTPS 証明書を確認する' },
    [
      {
        en: 'Open the address in a browser on this computer and look at the certificate: it must not be expired, must carry the exact server name used in the address, and must be issued by an authority this computer trusts.',
        ja: 'このコンピューターのブラウザーでアドレスを開き、証明書を確認します。期限切れでないこと、アドレスに使ったサーバー名がそのまま含まれていること、このコンピューターが信頼する機関が発行したものであることが必要です。',
      },
      {
        en: 'Also check the clock of this computer and the TLS versions enabled on both sides.',
        ja: 'このコンピューターの時刻と、双方で有効な TLS のバージョンも確認します。',
      },
      RECHECK,
    ],
    false,
  );
}

function proxyFix(checkId: CheckId): FixOffer {
  return manual(
    `${checkId}:bypass-proxy`,
    { en: 'Let WSUS traffic bypass the proxy', ja: 'WSUS への通信がプロキシを経由しないようにする' },
    [
      {
        en: 'Run "netsh winhttp show proxy" in an elevated command prompt. Add the WSUS server to the bypass list (netsh winhttp set proxy proxy-server="<proxy:port>" bypass-list="<local>;<WSUS server name>"), or remove the proxy with "netsh winhttp reset proxy" if it is not needed.',
        ja: '管理者用コマンド プロンプトで「netsh winhttp show proxy」を実行します。WSUS サーバーをバイパス一覧に追加する (netsh winhttp set proxy proxy-server="<プロキシ:ポート>" bypass-list="<local>;<WSUS サーバー名>") か、不要であれば「netsh winhttp reset proxy」でプロキシを削除します。',
      },
      RECHECK,
    ],
  );
}

function redirectFix(checkId: CheckId, res: Resource): FixOffer {
  return manual(
    `${checkId}:remove-redirect`,
    { en: 'Remove the redirect in front of the WSUS path', ja: 'WSUS のパスの前にあるリダイレクトを取り除く' },
    [
      {
        en: `In IIS Manager on the WSUS server, check "HTTP Redirect" and "URL Rewrite" on the site and on ${res.vdir ?? 'its root'}: WSUS paths must answer directly, without a redirect to HTTPS or to a logon page.`,
        ja: `WSUS サーバーの IIS マネージャーで、サイトと ${res.vdir ?? 'そのルート'} の「HTTP リダイレクト」と「URL 書き換え」を確認します。WSUS のパスは HTTPS やログオン ページへリダイレクトせず、直接応答する必要があります。`,
      },
      RECHECK,
    ],
  );
}

/** Exclude the WSUS paths from SharePoint (manual only). */
export function sharePointFix(checkId: CheckId): FixOffer {
  return manual(
    `${checkId}:exclude-from-sharepoint`,
    { en: 'Keep SharePoint away from the WSUS paths', ja: 'SharePoint が WSUS のパスを扱わないようにする' },
    [
      {
        en: 'On the WSUS server, open SharePoint Central Administration and go to the managed paths of the web application that runs on this site.',
        ja: 'WSUS サーバーで SharePoint サーバーの全体管理を開き、このサイトで動いている Web アプリケーションの管理パスの設定に進みます。',
      },
      {
        en: 'Add these as excluded paths, so that IIS serves them instead of SharePoint: /iuident.cab, /wutrack.bin, /clientwebservice, /selfupdate.',
        ja: '次のパスを除外パスとして追加し、SharePoint ではなく IIS が応答するようにします: /iuident.cab、/wutrack.bin、/clientwebservice、/selfupdate。',
      },
      {
        en: 'Make sure anonymous access is allowed on the site, on ClientWebService and on SelfUpdate (IIS Manager, Authentication).',
        ja: 'サイト、ClientWebService、SelfUpdate で匿名アクセスが許可されていることを確認します (IIS マネージャーの「認証」)。',
      },
      {
        en: 'If SharePoint does not need this site, moving it (or WSUS) to another site or port avoids the conflict altogether.',
        ja: 'SharePoint がこのサイトを必要としない場合は、SharePoint (または WSUS) を別のサイトやポートに移すと競合そのものがなくなります。',
      },
      RECHECK,
    ],
  );
}

/** The manual fix that matches a failure, or none when there is nothing specific to do. */
export function fixesFor(checkId: CheckId, v: Exclude<Verdict, { ok: true }>, res: Resource, place: FixPlace, host: string): FixOffer[] {
  const site = place.port80Site ? 'Default Web Site' : likelySiteName(place.port);
  switch (v.kind) {
    case 'connection':
      if (v.outcome === 'tls') return [tlsFix(checkId)];
      if (v.outcome === 'redirect-loop' || v.outcome === 'too-many-redirects') return [redirectFix(checkId, res)];
      if (v.outcome === 'not-found' || v.outcome === 'error') return [];
      if (place.port80Site && v.outcome === 'refused') return [missingFix(checkId, res, place)];
      return [connectionFix(checkId, place.port, host)];
    case 'no-status':
      return [connectionFix(checkId, place.port, host)];
    case 'status':
      if (v.status === 401) return [anonymousAccessFix(checkId, res.vdir, site)];
      if (v.status === 403) return [permissionsFix(checkId, res)];
      if (v.status === 404) return [missingFix(checkId, res, place)];
      if (v.status === 407) return [proxyFix(checkId)];
      if (v.status === 503) return [appPoolFix(checkId)];
      if (v.status >= 500) return [serverErrorFix(checkId)];
      return [serverErrorFix(checkId)];
    case 'html':
      return [sharePointFix(checkId)];
    case 'empty':
    case 'incomplete':
    case 'corrupt':
    case 'size-mismatch':
      return [repairFilesFix(checkId)];
  }
}
