import type { CheckImpl } from '../../engine/check.js';
import { runServiceCheck, type ServiceCheckSpec } from './service-common.js';

export const BITS_SPEC: ServiceCheckSpec = {
  id: 'client.service.bits',
  service: 'BITS',
  label: { en: 'Background Intelligent Transfer', ja: 'バックグラウンド インテリジェント転送' },
  impact: {
    en: 'The agent downloads files from WSUS through BITS, so without it downloads, including the self-update files, cannot happen.',
    ja: 'エージェントは BITS を使って WSUS からファイルをダウンロードするため、これがないと自己更新ファイルを含むダウンロードができません。',
  },
  defaultStartType: () => ({
    startType: 'manual',
    why: {
      en: 'BITS is started by Windows whenever a program (such as the update agent) hands it a transfer, so a manual start is enough on every Windows version; some versions ship it as delayed automatic, which makes no difference to updates.',
      ja: 'BITS は更新エージェントなどのプログラムが転送を依頼したときに Windows が開始するため、どの Windows でも「手動」で十分です。バージョンによっては既定が「自動 (遅延開始)」ですが、更新にとっての違いはありません。',
    },
  }),
  mustRunContinuously: () => false,
};

export const serviceBits: CheckImpl = {
  id: 'client.service.bits',
  run: (ctx) => runServiceCheck(ctx, BITS_SPEC),
};
