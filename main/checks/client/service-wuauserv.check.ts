import type { CheckImpl } from '../../engine/check.js';
import { runServiceCheck, type ServiceCheckSpec } from './service-common.js';

export const WUAUSERV_SPEC: ServiceCheckSpec = {
  id: 'client.service.wuauserv',
  service: 'wuauserv',
  label: { en: 'Windows Update (Automatic Updates)', ja: 'Windows Update (自動更新)' },
  impact: {
    en: 'Without it the client cannot detect, self-update or report to WSUS at all.',
    ja: 'このサービスがないと、クライアントは検出も自己更新も WSUS への報告も一切できません。',
  },
  defaultStartType(era) {
    if (era === 'nt5' || era === 'nt6.0')
      return {
        startType: 'auto',
        why: {
          en: 'on Windows XP, Vista and 7 the Automatic Updates service runs all the time and detects on its own schedule, so Windows ships it as automatic.',
          ja: 'Windows XP、Vista、7 では自動更新サービスは常に動作して自分のスケジュールで検出するため、Windows の既定は「自動」です。',
        },
      };
    return {
      startType: 'manual',
      why: {
        en: 'on Windows 8 and later Windows starts the service when a scan is due (trigger start), so Windows ships it as manual.',
        ja: 'Windows 8 以降では、スキャンが必要になると Windows がサービスを開始する (トリガー開始) ため、既定は「手動」です。',
      },
    };
  },
  mustRunContinuously: (era) => era === 'nt5' || era === 'nt6.0',
};

export const serviceWuauserv: CheckImpl = {
  id: 'client.service.wuauserv',
  run: (ctx) => runServiceCheck(ctx, WUAUSERV_SPEC),
};
