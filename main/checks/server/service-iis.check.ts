/** W3SVC and WAS: the same service check as the client's, run for both and reported together. */
import type { CheckStatus } from '../../../shared/status.js';
import type { CheckImpl, CheckOutcome } from '../../engine/check.js';
import { runServiceCheck, type ServiceCheckSpec } from '../client/service-common.js';

const automatic = (en: string, ja: string) => () => ({ startType: 'auto' as const, why: { en, ja } });

const SPECS: ServiceCheckSpec[] = [
  {
    id: 'server.service.iis',
    service: 'W3SVC',
    label: { en: 'World Wide Web Publishing', ja: 'World Wide Web 発行' },
    impact: { en: 'Without it no IIS site answers, so clients get no self-update files and cannot report.', ja: 'このサービスがないと IIS のサイトは応答せず、クライアントは自己更新ファイルを取得できず、報告もできません。' },
    defaultStartType: automatic('IIS installs it as automatic so the sites answer from startup.', 'サイトが起動時から応答するよう、IIS は「自動」でインストールします。'),
    mustRunContinuously: () => true,
  },
  {
    id: 'server.service.iis',
    service: 'WAS',
    label: { en: 'Windows Process Activation', ja: 'Windows プロセス アクティブ化' },
    impact: { en: 'IIS 7 and later start application pools through it; without it WsusPool cannot run.', ja: 'IIS 7 以降はこのサービスを通じてアプリケーション プールを開始するため、ないと WsusPool が動作できません。' },
    defaultStartType: automatic('IIS needs it to start application pools, so it is installed as automatic.', 'IIS がアプリケーション プールを開始するために必要なため、「自動」でインストールされます。'),
    mustRunContinuously: () => true,
  },
];

const RANK: Record<CheckStatus, number> = { pass: 0, skip: 0, info: 1, warn: 2, fail: 3, error: 4 };

export const serviceIis: CheckImpl = {
  id: 'server.service.iis',
  async run(ctx): Promise<CheckOutcome> {
    const outcomes = await Promise.all(SPECS.map((s) => runServiceCheck(ctx, s)));
    const worst = outcomes.reduce((a, b) => (RANK[b.status] > RANK[a.status] ? b : a));
    const problems = outcomes.filter((o) => o.status !== 'pass');
    const summary =
      problems.length === 0
        ? { en: outcomes.map((o) => o.summary.en).join(' '), ja: outcomes.map((o) => o.summary.ja).join('') }
        : { en: problems.map((o) => o.summary.en).join(' '), ja: problems.map((o) => o.summary.ja).join('') };
    return {
      status: worst.status,
      summary,
      evidence: outcomes.flatMap((o) => o.evidence ?? []),
      // Both services' fixes would share an id ("server.service.iis:start"): name the service in it.
      fixes: outcomes.flatMap((o, i) => (o.fixes ?? []).map((f) => ({ ...f, id: f.id.replace('server.service.iis:', `server.service.iis:${SPECS[i]!.service.toLowerCase()}-`) }))),
    };
  },
};
