import type { CheckImpl } from '../../engine/check.js';

// Placeholder until the log analyzer lands; replaced by the real check.
export const logWindowsUpdate: CheckImpl = {
  id: 'client.log.windowsupdate',
  async run() {
    return { status: 'info', summary: { en: 'The Windows Update log was not read.', ja: 'Windows Update ログは読み取っていません。' } };
  },
};
