/**
 * The troubleshooting flowchart of the source articles, as data: for each role, the steps in the
 * order an administrator would take them, each grouping the checks that answer its question.
 * The wizard shows one page per step; the CLI and the report group results the same way.
 */
import type { CheckId } from './check-ids.js';
import { DOCS } from './docs.js';
import type { CheckStatus, Role } from './status.js';
import { STATUS_SEVERITY } from './status.js';
import type { L10n } from './text.js';

export interface FlowStep {
  id: string;
  title: L10n;
  /** The question this step answers, in plain words. */
  question: L10n;
  checks: readonly CheckId[];
  docs: readonly string[];
}

const CLIENT_FLOW: readonly FlowStep[] = [
  {
    id: 'client-identity',
    title: { en: 'Which client is this?', ja: 'どのクライアントか' },
    question: {
      en: 'Is this a client that can self-update, and are we able to repair it from here?',
      ja: 'このクライアントは自己更新できる種類か、そしてここから修復できる権限があるか。',
    },
    checks: ['client.system.os', 'client.system.elevation', 'client.agent.version'],
    docs: [DOCS.clientSelfUpdate],
  },
  {
    id: 'client-policy',
    title: { en: 'Is it pointed at the WSUS server?', ja: 'WSUS サーバーを向いているか' },
    question: {
      en: 'Do the policy values name your WSUS server correctly, with names Windows actually reads?',
      ja: 'ポリシー値が、Windows が実際に読む正しい名前で WSUS サーバーを指定しているか。',
    },
    checks: [
      'client.policy.wuserver',
      'client.policy.wustatusserver',
      'client.policy.usewuserver',
      'client.policy.misspelled',
      'client.policy.au-enabled',
    ],
    docs: [DOCS.clientSelfUpdate, DOCS.autoUpdateMustBeUpdatedJa],
  },
  {
    id: 'client-services',
    title: { en: 'Are the update services able to run?', ja: '更新サービスは動作できるか' },
    question: {
      en: 'Can the Windows Update service and BITS start when the agent needs them?',
      ja: 'エージェントが必要とするときに Windows Update サービスと BITS が起動できるか。',
    },
    checks: ['client.service.wuauserv', 'client.service.bits'],
    docs: [DOCS.clientSelfUpdate],
  },
  {
    id: 'client-network',
    title: { en: 'Can it reach the server?', ja: 'サーバーに届くか' },
    question: {
      en: 'Does the server name resolve, is the port open, and does a proxy stand in the way?',
      ja: 'サーバー名が解決でき、ポートが開いていて、プロキシが妨げていないか。',
    },
    checks: ['client.network.proxy', 'net.dns', 'net.ping', 'net.tcp'],
    docs: [DOCS.clientSelfUpdate],
  },
  {
    id: 'selfupdate-tree',
    title: { en: 'Does the server hand out the self-update files?', ja: 'サーバーが自己更新ファイルを配布しているか' },
    question: {
      en: 'Can the client download the self-update files the way the agent does, without being asked to log on?',
      ja: 'エージェントと同じ方法で、ログオンを求められずに自己更新ファイルをダウンロードできるか。',
    },
    checks: [
      'http.selfupdate',
      'http.selfupdate-port80',
      'http.iuident',
      'http.wuaucomp',
      'http.auth-mismatch',
      'http.interception',
    ],
    docs: [DOCS.clientSelfUpdate, DOCS.kb920659, DOCS.autoUpdateMustBeUpdatedJa],
  },
  {
    id: 'client-web-services',
    title: { en: 'Do the WSUS web services answer?', ja: 'WSUS の Web サービスが応答するか' },
    question: {
      en: 'Do the client and authentication web services answer, so the client can detect and report?',
      ja: 'クライアントが検出と報告を行えるよう、クライアント Web サービスと認証 Web サービスが応答するか。',
    },
    checks: ['http.clientwebservice', 'http.simpleauth'],
    docs: [DOCS.clientSelfUpdate],
  },
  {
    id: 'client-log',
    title: { en: 'What does the client\'s log say?', ja: 'クライアントのログには何が記録されているか' },
    question: {
      en: 'Did the client try to contact the server, and which errors did it get?',
      ja: 'クライアントがサーバーへの接続を試みたか、どのエラーが返されたか。',
    },
    checks: ['client.log.windowsupdate'],
    docs: [DOCS.wuLogs],
  },
  {
    id: 'client-detection',
    title: { en: 'Force detection and read the timers', ja: '検出を強制してタイマーを読む' },
    question: {
      en: 'After a reset, did the client reach the server, or did it postpone its next try by a day?',
      ja: 'リセット後にクライアントがサーバーに接続できたか、それとも次の試行を 1 日延期したか。',
    },
    checks: ['client.au.detection-timers'],
    docs: [DOCS.clientSelfUpdate],
  },
];

const REMOTE_FLOW: readonly FlowStep[] = CLIENT_FLOW.filter((s) =>
  ['client-network', 'selfupdate-tree', 'client-web-services'].includes(s.id),
).map((s) => ({ ...s, checks: s.checks.filter((c) => !c.startsWith('client.')) }));

const SERVER_FLOW: readonly FlowStep[] = [
  {
    id: 'server-setup',
    title: { en: 'Is WSUS installed and running?', ja: 'WSUS がインストールされ動作しているか' },
    question: {
      en: 'Where is WSUS installed, which site and port does it use, and are its services and app pool running?',
      ja: 'WSUS はどこにインストールされ、どのサイトとポートを使い、サービスとアプリケーション プールは動作しているか。',
    },
    checks: ['server.wsus.setup', 'server.service.wsus', 'server.service.iis', 'server.iis.apppool'],
    docs: [DOCS.kb920659],
  },
  {
    id: 'server-iis-layout',
    title: { en: 'Is the self-update tree published?', ja: '自己更新ツリーが公開されているか' },
    question: {
      en: 'Is there a site on port 80, and do the WSUS site and that site have the SelfUpdate folder and the other virtual directories?',
      ja: 'ポート 80 のサイトがあり、WSUS のサイトとそのサイトに SelfUpdate フォルダーやその他の仮想ディレクトリがあるか。',
    },
    checks: ['server.iis.port80-site', 'server.iis.selfupdate-vdir', 'server.iis.vdirs', 'server.iis.ip-binding'],
    docs: [DOCS.kb920659, DOCS.clientSelfUpdate],
  },
  {
    id: 'server-iis-auth',
    title: { en: 'Can clients get in without logging on?', ja: 'クライアントがログオンなしでアクセスできるか' },
    question: {
      en: 'Is anonymous access on where clients need it, and Windows authentication only on the administration API?',
      ja: 'クライアントが必要とする場所で匿名アクセスが有効で、Windows 認証は管理 API だけに設定されているか。',
    },
    checks: ['server.iis.anonymous-auth', 'server.iis.windows-auth-scope', 'server.iis.auth-mismatch'],
    docs: [DOCS.kb920659, DOCS.clientSelfUpdate],
  },
  {
    id: 'server-files',
    title: { en: 'Are the files there and readable?', ja: 'ファイルがあり読み取れるか' },
    question: {
      en: 'Do the self-update files exist, and can the anonymous account read them?',
      ja: '自己更新ファイルが存在し、匿名アカウントがそれを読み取れるか。',
    },
    checks: ['server.fs.selfupdate-files', 'server.fs.selfupdate-acl', 'server.account.iusr'],
    docs: [DOCS.kb920659],
  },
  {
    id: 'server-coexistence',
    title: { en: 'Is another product in the way?', ja: '他の製品が妨げていないか' },
    question: {
      en: 'Has SharePoint taken over the paths that clients request?',
      ja: 'クライアントが要求するパスを SharePoint が横取りしていないか。',
    },
    checks: ['server.sharepoint'],
    docs: [DOCS.clientSelfUpdate, DOCS.kb920659],
  },
  {
    id: 'server-evidence',
    title: { en: 'What do the server and its logs say?', ja: 'サーバーとログは何を示しているか' },
    question: {
      en: 'Does the server answer itself, what did WSUS record about its health, and what did IIS answer to clients?',
      ja: 'サーバー自身からの要求に応答するか、WSUS は正常性について何を記録したか、IIS はクライアントに何を返したか。',
    },
    checks: ['server.http.loopback', 'server.events.health', 'server.log.iis'],
    docs: [DOCS.kb920659, DOCS.clientSelfUpdate],
  },
];

export const FLOWS: Record<Role, readonly FlowStep[]> = {
  client: CLIENT_FLOW,
  remote: REMOTE_FLOW,
  server: SERVER_FLOW,
};

/** The step that holds a check in a role's flow. */
export function stepOf(role: Role, id: CheckId): FlowStep | undefined {
  return FLOWS[role].find((s) => s.checks.includes(id));
}

/** A step's status is its worst check's; a step with no results yet has none. */
export function stepStatus(step: FlowStep, statusOf: (id: CheckId) => CheckStatus | undefined): CheckStatus | undefined {
  let worst: CheckStatus | undefined;
  for (const id of step.checks) {
    const s = statusOf(id);
    if (s === undefined) continue;
    if (worst === undefined || STATUS_SEVERITY[s] > STATUS_SEVERITY[worst] || (worst === 'skip' && s !== 'skip')) worst = s;
  }
  return worst;
}

/** Every id appears in exactly one step of at least one flow (a test asserts it). */
export function idsInFlows(): Set<CheckId> {
  const ids = new Set<CheckId>();
  for (const steps of Object.values(FLOWS)) for (const s of steps) for (const c of s.checks) ids.add(c);
  return ids;
}

