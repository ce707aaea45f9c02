/** The WSUS addresses the HTTP checks request, and what their failure means for clients. */
import type { Resource } from './explain.js';

export const SELFUPDATE_PATH = '/selfupdate/wuident.cab';
export const IUIDENT_PATH = '/iuident.cab';
export const CLIENTWEBSERVICE_PATH = '/ClientWebService/client.asmx';
export const SIMPLEAUTH_PATH = '/SimpleAuthWebService/SimpleAuth.asmx';
/** Only asked for by http.auth-mismatch, to see whether the Content folder lets anonymous requests through. */
export const CONTENT_PATH = '/Content/';

export function wuaucompPath(os: string, lang: string): string {
  return `/selfupdate/AU/x86/${os}/${lang}/wuaucomp.cab`;
}

export const SELFUPDATE: Resource = {
  expect: 'cab',
  name: { en: 'the self-update file wuident.cab', ja: '自己更新ファイル wuident.cab' },
  vdir: 'SelfUpdate',
  consequence: {
    en: 'Agents read this file at the start of every scan, and a failed read can stop the scan (the client log then shows "Skipping scan, self-update check returned …"), so the client neither updates nor reports.',
    ja: 'エージェントはスキャンの最初に毎回このファイルを読み、読めないとスキャンを中止することがあります (クライアントのログに "Skipping scan, self-update check returned …" と記録されます)。その場合、クライアントは更新も報告も行いません。',
  },
};

export const SELFUPDATE_PORT80: Resource = {
  ...SELFUPDATE,
  consequence: {
    en: 'Clients that look for the self-update tree on port 80 cannot replace their agent.',
    ja: 'ポート 80 で自己更新ツリーを探すクライアントは、エージェントを入れ替えられません。',
  },
};

export const IUIDENT: Resource = {
  expect: 'cab',
  name: { en: 'the legacy file iuident.cab', ja: '旧形式のファイル iuident.cab' },
  vdir: null,
  consequence: {
    en: 'Legacy Automatic Updates clients need it to replace themselves with a WSUS-capable agent.',
    ja: '古い自動更新クライアントは、WSUS 対応のエージェントに入れ替わるためにこのファイルを必要とします。',
  },
};

export const WUAUCOMP: Resource = {
  expect: 'cab',
  name: { en: 'the legacy client package wuaucomp.cab', ja: '旧クライアントのパッケージ wuaucomp.cab' },
  vdir: 'SelfUpdate',
  consequence: {
    en: 'Legacy Automatic Updates clients download their replacement agent from this address.',
    ja: '古い自動更新クライアントは、入れ替え用のエージェントをこのアドレスからダウンロードします。',
  },
};

export const CLIENTWEBSERVICE: Resource = {
  expect: 'page',
  name: { en: 'the client web service (client.asmx)', ja: 'クライアント Web サービス (client.asmx)' },
  vdir: 'ClientWebService',
  consequence: {
    en: 'Without it, clients can neither detect the updates they need nor report their status, so they do not show up correctly in the WSUS console.',
    ja: 'これが使えないと、クライアントは必要な更新を検出することも状態を報告することもできず、WSUS コンソールに正しく表示されません。',
  },
};

export const SIMPLEAUTH: Resource = {
  expect: 'page',
  name: { en: 'the authorization web service (SimpleAuth.asmx)', ja: '認証 Web サービス (SimpleAuth.asmx)' },
  vdir: 'SimpleAuthWebService',
  consequence: {
    en: 'Without it, clients cannot get the authorization cookie they need before asking for updates, so they neither detect updates nor report.',
    ja: 'これが使えないと、クライアントは更新を問い合わせる前に必要な認証クッキーを受け取れず、更新の検出も報告もできません。',
  },
};
