import type { CheckImpl } from '../../engine/check.js';
import { runServiceCheck, type ServiceCheckSpec } from '../client/service-common.js';

const AUTOMATIC = {
  startType: 'auto' as const,
  why: {
    en: 'it does the server\'s background work (synchronization, clean-up, health checks) and WSUS installs it as automatic.',
    ja: 'サーバーの裏側の処理 (同期、クリーンアップ、正常性の確認) を行うため、WSUS は「自動」でインストールします。',
  },
};

export const WSUS_SERVICE_SPEC: ServiceCheckSpec = {
  id: 'server.service.wsus',
  service: 'WsusService',
  label: { en: 'WSUS', ja: 'WSUS' },
  impact: {
    en: 'Without it the console reports components that cannot be contacted, and synchronization and health checks stop.',
    ja: 'このサービスがないと、コンソールには接続できないコンポーネントが表示され、同期や正常性の確認も止まります。',
  },
  defaultStartType: () => AUTOMATIC,
  mustRunContinuously: () => true,
};

export const serviceWsus: CheckImpl = {
  id: 'server.service.wsus',
  run: (ctx) => runServiceCheck(ctx, WSUS_SERVICE_SPEC),
};
