/**
 * server.log.iis: reads the WSUS site's IIS W3C logs (folder W3SVC<IISTargetWebsiteIndex>) and says what
 * the answers to the self-update, web service and content requests mean, which clients fail most and
 * since when. Reads through the machine's file adapter in chunks: the newest files first, up to a bound.
 */
import type { Evidence } from '../../../shared/results.js';
import { l10n, verbatim, type L10n } from '../../../shared/text.js';
import type { CheckContext, CheckImpl, CheckOutcome } from '../../engine/check.js';
import { IIS_LOG_NAME } from '../../logs/iis/names.js';
import { KIND_NAME } from '../../logs/iis/explain.js';
import { buildIisReport, type IisLogReport } from '../../logs/iis/report.js';
import { scanIisFilesVia } from '../../logs/iis/scan-via-files.js';
import { guarded, notInstalled, wsusSetup } from './server-facts.js';

/** The most the check reads: the newest files up to this many bytes and days. */
export const IIS_CHECK_MAX_BYTES = 1024 * 1024 * 1024;
export const IIS_CHECK_MAX_FILES = 31;
const CHART_HOURS = 72;
const TABLE_CLIENTS = 10;

/** The folders where IIS writes the logs of site `id`: IIS 7 and later, then IIS 6. */
export function iisLogFolders(systemRoot: string, siteId: number): string[] {
  const root = (systemRoot || 'C:\\Windows').replace(/[\\/]+$/, '');
  const drive = /^[A-Za-z]:/.exec(root)?.[0] ?? 'C:';
  return [`${drive}\\inetpub\\logs\\LogFiles\\W3SVC${siteId}`, `${root}\\System32\\LogFiles\\W3SVC${siteId}`];
}

function rowsOf(r: IisLogReport): Evidence[] {
  const rows: Evidence[] = [];
  const l = r.lines;
  rows.push({
    label: l10n('Lines read', '読み取った行'),
    value: `${l.total} lines: ${l.matched} requests to the paths that matter, ${l.other} other, ${l.comments} header, ${l.unparseable} unparseable${l.tooLong ? ` (${l.tooLong} too long)` : ''}${l.beforeSince ? `, ${l.beforeSince} before the period` : ''}`,
  });
  rows.push({ label: l10n('Period covered (UTC)', '対象期間 (UTC)'), value: `${r.period.first ?? '-'} → ${r.period.last ?? '-'}` });
  rows.push({
    label: l10n('Requests by path (failed)', 'パス別の要求数 (失敗)'),
    value: r.groups
      .filter((g) => g.requests > 0)
      .map((g) => `${g.path} ${g.requests} (${g.failures})`)
      .join(' · ') || '(none)',
  });
  for (const f of r.findings.slice(0, 8)) {
    rows.push({
      label: f.explanation,
      value: `${f.combos.join(', ')} · ${f.requests} requests · ${f.clients} clients · ${f.firstSeen ?? '?'} → ${f.lastSeen ?? '?'}${f.matters ? '' : ' · usually harmless'}`,
    });
  }
  if (r.topClients.length > 0) {
    rows.push({
      label: l10n('Clients that fail most', '失敗の多いクライアント'),
      value: `${r.clients.failing} of ${r.clients.total} clients had failures; ${r.clients.stillFailingSelfUpdate} still fail on self-update, ${r.clients.stillFailingWebService} on the web services`,
      table: {
        columns: [l10n('Client', 'クライアント'), l10n('Failed / requests', '失敗 / 要求'), l10n('Latest failure', '最新の失敗'), l10n('State', '状態'), l10n('Cause (explained above)', '原因 (説明は上記)')],
        rows: r.topClients.slice(0, TABLE_CLIENTS).map((c) => [
          verbatim(c.ip),
          verbatim(`${c.failures} / ${c.requests}`),
          verbatim(`${c.lastFailure ?? '-'} ${c.lastFailureAt ?? ''}`.trim()),
          c.stillFailing ? l10n('still failing', '失敗が継続中') : l10n('recovered', '回復済み'),
          c.kind ? KIND_NAME[c.kind] : verbatim('-'),
        ]),
      },
    });
  }
  const hours = r.hours.slice(-CHART_HOURS);
  if (hours.some((h) => h.selfUpdateRequests > 0)) {
    rows.push({
      label: l10n('Self-update failures per hour (UTC)', '1 時間ごとの自己更新の失敗 (UTC)'),
      value: `${hours.reduce((s, h) => s + h.selfUpdateFailures, 0)} failures in the last ${hours.length} hours with requests${r.failuresSince ? `; failing since ${r.failuresSince}` : ''}`,
      series: {
        unit: l10n('failed self-update requests', '失敗した自己更新の要求'),
        totalUnit: l10n('self-update requests', '自己更新の要求'),
        points: hours.map((h) => ({ label: `${h.hour}:00`, value: h.selfUpdateFailures, total: h.selfUpdateRequests })),
      },
    });
  }
  for (const s of r.unparseableSamples.slice(0, 3)) {
    rows.push({ label: l10n(`Unparseable line (${s.reason})`, `解析できない行 (${s.reason})`), value: `${s.file} @${s.offset}: ${s.text}` });
  }
  return rows;
}

async function run(ctx: CheckContext): Promise<CheckOutcome> {
  const setup = await wsusSetup(ctx);
  if (!setup.key) return notInstalled();
  const os = await ctx.facts.os();
  const siteId = setup.siteIndex !== null && setup.siteIndex > 0 && setup.siteIndex < 2 ** 31 ? setup.siteIndex : 1;
  const assumed: L10n | null =
    setup.siteIndex === null
      ? l10n('IISTargetWebsiteIndex is not set; the Default Web Site (ID 1) is assumed. ', 'IISTargetWebsiteIndex が設定されていないため、既定の Web サイト (ID 1) と見なしました。')
      : null;
  const looked: Evidence[] = [{ label: verbatim('IISTargetWebsiteIndex'), value: setup.siteIndex === null ? '(not set)' : String(setup.siteIndex) }];
  for (const folder of iisLogFolders(os.systemRoot, siteId)) {
    const info = await ctx.machine.files.stat(folder, ctx.signal);
    if (!info.exists || !info.isDirectory) {
      looked.push({ label: verbatim(folder), value: '(not found)' });
      continue;
    }
    const names = (await ctx.machine.files.listDir(folder, ctx.signal)).filter((n) => IIS_LOG_NAME.test(n)).sort();
    if (names.length === 0) {
      looked.push({ label: verbatim(folder), value: '(no log files)' });
      continue;
    }
    // the newest files, within the bounds
    const chosen: { path: string; size: number }[] = [];
    let total = 0;
    for (const name of [...names].reverse()) {
      if (chosen.length >= IIS_CHECK_MAX_FILES) break;
      const path = `${folder}\\${name}`;
      const st = await ctx.machine.files.stat(path, ctx.signal);
      if (!st.exists || st.isDirectory) continue;
      if (chosen.length > 0 && total + st.size > IIS_CHECK_MAX_BYTES) break;
      chosen.unshift({ path, size: st.size });
      total += st.size;
    }
    const raw = await scanIisFilesVia(ctx.machine.files, chosen, { signal: ctx.signal });
    const report = buildIisReport(raw);
    const left = names.length - chosen.length;
    looked.push({
      label: verbatim(folder),
      value: `${names.length} log file(s); read the newest ${chosen.length} (${total} bytes): ${chosen[0]?.path.split('\\').pop()} … ${chosen[chosen.length - 1]?.path.split('\\').pop()}${left > 0 ? `; ${left} older file(s) not read` : ''}`,
    });
    for (const f of raw.files) if (f.problem) looked.push({ label: verbatim(f.path), value: f.problem });
    const changed = raw.files.filter((f) => f.layouts.length > 1).length;
    if (changed > 0) looked.push({ label: l10n('Files whose #Fields line changed', '#Fields 行が途中で変わったファイル'), value: `${changed} (columns were mapped from the latest #Fields line each time)` });
    const verdict = beforeTheChange(report, ctx.options.changedAt) ?? report.verdict;
    return {
      status: verdict.status,
      summary: assumed ? { en: assumed.en + verdict.summary.en, ja: assumed.ja + verdict.summary.ja } : verdict.summary,
      evidence: [...looked, ...rowsOf(report)],
    };
  }
  return {
    status: 'info',
    summary: {
      en: `${assumed?.en ?? ''}No IIS log files were found for the WSUS site (ID ${siteId}). Logging may be turned off for the site or written to another folder (IIS Manager > the site > Logging shows where); the other checks test the site directly.`,
      ja: `${assumed?.ja ?? ''}WSUS サイト (ID ${siteId}) の IIS ログ ファイルが見つかりませんでした。サイトのログ記録が無効か、別のフォルダーに書き込まれている可能性があります (IIS マネージャーでサイトの [ログ] を開くと場所がわかります)。サイトは他のチェックで直接確認しています。`,
    },
    evidence: looked,
  };
}

export const logIis: CheckImpl = {
  id: 'server.log.iis',
  run: (ctx) => guarded(ctx, () => run(ctx)),
};

/**
 * A log is history: right after a fix, every client's latest request still shows the old failure.
 * When all failures are older than this session's last change to the machine, say so and warn
 * instead of failing; clients recover at their next detection.
 */
function beforeTheChange(report: IisLogReport, changedAt: string | undefined): IisLogReport['verdict'] | null {
  if (report.verdict.status !== 'fail' || !changedAt) return null;
  const lastFailure = report.combos.filter((c) => c.kind !== null && c.last !== null).reduce<string | null>((m, c) => (m === null || c.last! > m ? c.last : m), null);
  if (lastFailure === null || Date.parse(lastFailure) >= Date.parse(changedAt)) return null;
  return {
    status: 'warn',
    summary: {
      en: `Every failure in the log (the last at ${lastFailure}) is older than the change made in this session (${changedAt}); clients should succeed at their next detection, which can take up to a day. Check the log again later. Before the change: ${report.verdict.summary.en}`,
      ja: `ログの失敗 (最後は ${lastFailure}) はすべて、このセッションで行った変更 (${changedAt}) より前のものです。クライアントは次回の検出で成功するはずですが、最大で 1 日かかることがあります。後でもう一度ログを確認してください。変更前の状況: ${report.verdict.summary.ja}`,
    },
  };
}
