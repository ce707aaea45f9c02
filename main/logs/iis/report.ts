/**
 * Turns the merged counts of an IIS log scan into what a person reads: findings explained in plain
 * words, the clients that fail most, failures per hour, and a verdict. Shared by `scan-iis-log` and the
 * server.log.iis check.
 */
import type { CheckStatus } from '../../../shared/status.js';
import type { L10n } from '../../../shared/text.js';
import { FAILURE_KINDS, PATH_GROUPS, type Aggregate, type ClientAgg, type Combo, type FailureKind, type PathGroup } from './aggregate.js';
import { classOfGroup, explainKind, GROUP_LABEL, kindMatters, kindOf, type PathClass } from './explain.js';
import type { IisFileSummary } from './scan-files.js';

export interface IisFinding {
  kind: FailureKind | 'repeated-401';
  pathClass: PathClass;
  /** true when it points at a server problem; false for noise worth knowing (a few 500 SOAP faults, content 404s) */
  matters: boolean;
  requests: number;
  clients: number;
  /** e.g. ["401.2.5 /selfupdate/* 1234"] (status.substatus.win32, group, count), most frequent first */
  combos: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  explanation: L10n;
}

export interface IisClientRow {
  ip: string;
  requests: number;
  failures: number;
  /** the latest failure: "401.2.5 /selfupdate/*" */
  lastFailure: string | null;
  lastFailureAt: string | null;
  firstFailureAt: string | null;
  /** its latest self-update (or web service) request still failed */
  stillFailing: boolean;
  kind: FailureKind | 'repeated-401' | null;
  explanation: L10n | null;
}

export interface IisHourPoint {
  /** "2024-05-01T13" (UTC) */
  hour: string;
  selfUpdateRequests: number;
  selfUpdateFailures: number;
  webServiceFailures: number;
  contentFailures: number;
}

export interface IisLogReport {
  files: IisFileSummary[];
  bytes: number;
  since: string | null;
  lines: {
    total: number;
    comments: number;
    blank: number;
    unparseable: number;
    tooLong: number;
    matched: number;
    beforeSince: number;
    other: number;
    noTime: number;
  };
  unparseableSamples: { file: string; offset: number; reason: string; text: string }[];
  period: { first: string | null; last: string | null };
  groups: { group: PathGroup; path: string; requests: number; failures: number }[];
  combos: { group: PathGroup; path: string; status: string; count: number; first: string | null; last: string | null; kind: FailureKind | null }[];
  findings: IisFinding[];
  clients: { total: number; failing: number; stillFailingSelfUpdate: number; stillFailingWebService: number; overflowRequests: number };
  topClients: IisClientRow[];
  /** failures per hour, oldest first (hours with requests only) */
  hours: IisHourPoint[];
  /** when the current run of self-update failures began (the first failing hour after the last clean hour), if failures continue */
  failuresSince: string | null;
  verdict: { status: CheckStatus; summary: L10n };
  scan: { threads: number; rescans: number };
}

const TOP_CLIENTS = 20;
const CLASS_INDEX: Record<PathClass, 0 | 1 | 2> = { selfupdate: 0, webservice: 1, content: 2 };

function iso(sec: number): string | null {
  if (!Number.isFinite(sec) || sec <= 0) return null;
  return new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
}

export function comboLabel(c: Pick<Combo, 'status' | 'sub' | 'win32'>): string {
  return `${c.status}.${c.sub}.${c.win32}`;
}

function clientKind(c: ClientAgg): { kind: FailureKind | 'repeated-401' | null; cls: PathClass } {
  const combo = c.lastFailed[0] ?? c.lastFailed[1] ?? c.lastFailCombo;
  const cls = combo ? classOfGroup(combo.group) : 'selfupdate';
  if (c.n401 >= 2 && c.last401 > c.lastOk) return { kind: 'repeated-401', cls };
  if (!combo) return { kind: null, cls };
  return { kind: kindOf(combo.status, combo.sub), cls };
}

export function buildIisReport(
  raw: { files: IisFileSummary[]; aggregate: Aggregate; bytes: number; threads: number; rescans: number },
  opts: { since?: Date } = {},
): IisLogReport {
  const a = raw.aggregate;
  const combos = [...a.combos.values()].sort((x, y) => y.count - x.count);

  const groups = PATH_GROUPS.map((group) => {
    const of = combos.filter((c) => c.group === group);
    return {
      group,
      path: GROUP_LABEL[group],
      requests: of.reduce((s, c) => s + c.count, 0),
      failures: of.filter((c) => c.status >= 400).reduce((s, c) => s + c.count, 0),
    };
  });

  const clients = [...a.clients.values()];
  // findings: by kind and path class
  const findings = new Map<string, IisFinding>();
  for (const c of combos) {
    const kind = kindOf(c.status, c.sub);
    if (!kind) continue;
    const cls = classOfGroup(c.group);
    // A 401 without a substatus is usually the first half of a Windows logon: reported through repeated-401 instead.
    if (kind === 'auth-required') continue;
    const key = `${kind}:${cls}`;
    let f = findings.get(key);
    if (!f) {
      const bit = FAILURE_KINDS.indexOf(kind);
      f = {
        kind,
        pathClass: cls,
        matters: kindMatters(kind, cls),
        requests: 0,
        clients: clients.filter((cl) => (cl.kindMask[CLASS_INDEX[cls]] & (1 << bit)) !== 0).length,
        combos: [],
        firstSeen: null,
        lastSeen: null,
        explanation: explainKind(kind, cls, c.sub),
      };
      findings.set(key, f);
    }
    f.requests += c.count;
    if (f.combos.length < 6) f.combos.push(`${comboLabel(c)} ${GROUP_LABEL[c.group]} ${c.count}`);
    const first = iso(c.first);
    const last = iso(c.last);
    if (first && (!f.firstSeen || first < f.firstSeen)) f.firstSeen = first;
    if (last && (!f.lastSeen || last > f.lastSeen)) f.lastSeen = last;
  }
  // repeated 401 without a later success
  const repeated = clients.filter((c) => c.n401 >= 2 && c.last401 > c.lastOk);
  if (repeated.length > 0) {
    const n401 = combos.filter((c) => c.status === 401);
    const cls = n401[0] ? classOfGroup(n401[0].group) : 'selfupdate';
    findings.set('repeated-401', {
      kind: 'repeated-401',
      pathClass: cls,
      matters: true,
      requests: repeated.reduce((s, c) => s + c.n401, 0),
      clients: repeated.length,
      combos: n401.slice(0, 6).map((c) => `${comboLabel(c)} ${GROUP_LABEL[c.group]} ${c.count}`),
      firstSeen: iso(Math.min(...repeated.map((c) => c.firstFail))),
      lastSeen: iso(Math.max(...repeated.map((c) => c.last401))),
      explanation: explainKind('repeated-401', cls),
    });
  }
  const findingList = [...findings.values()].sort((x, y) => Number(y.matters) - Number(x.matters) || y.requests - x.requests);

  // clients
  const stillSu = clients.filter((c) => c.lastFailed[0] !== null);
  const stillWs = clients.filter((c) => {
    const f = c.lastFailed[1];
    return f !== null && kindMatters(kindOf(f.status, f.sub)!, 'webservice');
  });
  const failing = clients.filter((c) => c.failures > 0);
  const rank = (c: ClientAgg) => (c.lastFailed[0] ? 2 : c.lastFailed[1] ? 1 : 0);
  const top = [...failing].sort((x, y) => rank(y) - rank(x) || y.failures - x.failures || x.ip.localeCompare(y.ip)).slice(0, TOP_CLIENTS);
  const topClients: IisClientRow[] = top.map((c) => {
    const { kind, cls } = clientKind(c);
    const last = c.lastFailCombo;
    return {
      ip: c.ip,
      requests: c.requests,
      failures: c.failures,
      lastFailure: last ? `${comboLabel(last)} ${GROUP_LABEL[last.group]}` : null,
      lastFailureAt: iso(c.lastFail),
      firstFailureAt: iso(c.firstFail),
      stillFailing: c.lastFailed[0] !== null || c.lastFailed[1] !== null,
      kind,
      explanation: kind ? explainKind(kind, cls, last?.sub ?? 0) : null,
    };
  });

  // hours
  const hourKeys = [...a.hours.keys()].sort((x, y) => x - y);
  const G = PATH_GROUPS.length;
  const hours: IisHourPoint[] = hourKeys.map((h) => {
    const c = a.hours.get(h)!;
    let suReq = 0;
    let suFail = 0;
    let wsFail = 0;
    let ctFail = 0;
    for (let g = 0; g < G; g++) {
      const cls = classOfGroup(PATH_GROUPS[g]!);
      if (cls === 'selfupdate') {
        suReq += c[g * 2]!;
        suFail += c[g * 2 + 1]!;
      } else if (cls === 'webservice') wsFail += c[g * 2 + 1]!;
      else ctFail += c[g * 2 + 1]!;
    }
    return { hour: new Date(h * 3600_000).toISOString().slice(0, 13), selfUpdateRequests: suReq, selfUpdateFailures: suFail, webServiceFailures: wsFail, contentFailures: ctFail };
  });
  // when did the current run of self-update failures begin?
  let failuresSince: string | null = null;
  if (stillSu.length > 0) {
    let i = hours.length - 1;
    while (i >= 0 && (hours[i]!.selfUpdateFailures > 0 || hours[i]!.selfUpdateRequests === 0)) i--;
    const begin = hours.slice(i + 1).find((h) => h.selfUpdateFailures > 0);
    failuresSince = begin ? `${begin.hour}:00Z` : null;
  }

  const report: IisLogReport = {
    files: raw.files,
    bytes: raw.bytes,
    since: opts.since ? opts.since.toISOString() : null,
    lines: {
      total: a.lines,
      comments: a.comments,
      blank: a.blank,
      unparseable: a.unparseable,
      tooLong: a.tooLong,
      matched: a.matched,
      beforeSince: a.beforeSince,
      other: a.other,
      noTime: a.noTime,
    },
    unparseableSamples: a.samples,
    period: { first: iso(a.minSec), last: iso(a.maxSec) },
    groups,
    combos: combos.map((c) => ({ group: c.group, path: GROUP_LABEL[c.group], status: comboLabel(c), count: c.count, first: iso(c.first), last: iso(c.last), kind: kindOf(c.status, c.sub) })),
    findings: findingList,
    clients: { total: clients.length, failing: failing.length, stillFailingSelfUpdate: stillSu.length, stillFailingWebService: stillWs.length, overflowRequests: a.clientOverflow },
    topClients,
    hours,
    failuresSince,
    verdict: { status: 'info', summary: { en: '', ja: '' } },
    scan: { threads: raw.threads, rescans: raw.rescans },
  };
  report.verdict = verdictOf(report);
  return report;
}

function verdictOf(r: IisLogReport): { status: CheckStatus; summary: L10n } {
  const readable = r.files.filter((f) => !f.problem);
  if (r.files.length === 0 || readable.length === 0) {
    return {
      status: 'info',
      summary: { en: 'No IIS log file could be read.', ja: '読み取れる IIS ログ ファイルがありませんでした。' },
    };
  }
  if (r.lines.matched === 0) {
    return {
      status: 'info',
      summary: {
        en: `The logs (${r.lines.total} lines) contain no requests to the self-update files, the client web services or the content${r.since ? ' in the chosen period' : ''}, so they say nothing about the clients.`,
        ja: `ログ (${r.lines.total} 行) には${r.since ? '指定した期間に' : ''}自己更新ファイル、クライアント Web サービス、コンテンツへの要求が含まれていないため、クライアントについては何もわかりません。`,
      },
    };
  }
  const main = r.findings.find((f) => f.matters);
  const su = r.clients.stillFailingSelfUpdate;
  const ws = r.clients.stillFailingWebService;
  if (su > 0 || ws > 0) {
    const what: L10n = main ? main.explanation : { en: '', ja: '' };
    return {
      status: 'fail',
      summary: {
        en: `${su > 0 ? `${su} client(s) still fail to get the self-update files` : ''}${su > 0 && ws > 0 ? ' and ' : ''}${ws > 0 ? `${ws} client(s) still fail on the WSUS web services` : ''} (their latest request failed)${r.failuresSince ? `, failing since ${r.failuresSince}` : ''}. ${what.en}`.trim(),
        ja: `${su > 0 ? `${su} 台のクライアントが自己更新ファイルを取得できていません` : ''}${su > 0 && ws > 0 ? '。また、' : ''}${ws > 0 ? `${ws} 台のクライアントが WSUS の Web サービスで失敗しています` : ''} (最新の要求が失敗)${r.failuresSince ? `。${r.failuresSince} から失敗が続いています` : ''}。${what.ja}`,
      },
    };
  }
  if (main) {
    return {
      status: 'warn',
      summary: {
        en: `There were failures (${main.requests} requests: ${main.combos[0] ?? ''}), but every client's latest request succeeded: the problem seems to be over. ${main.explanation.en}`,
        ja: `失敗がありました (${main.requests} 件: ${main.combos[0] ?? ''}) が、どのクライアントも最新の要求は成功しているため、問題は解消したようです。${main.explanation.ja}`,
      },
    };
  }
  return {
    status: 'pass',
    summary: {
      en: `${r.lines.matched} requests to the self-update files, the web services and the content, from ${r.clients.total} clients: no failure that points at a server problem.`,
      ja: `${r.clients.total} 台のクライアントから自己更新ファイル、Web サービス、コンテンツへの要求が ${r.lines.matched} 件あり、サーバーの問題を示す失敗はありません。`,
    },
  };
}
