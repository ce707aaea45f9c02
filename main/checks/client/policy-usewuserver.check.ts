import { KEYS, findValue } from '../../../shared/registry-types.js';
import type { FixOffer } from '../../../shared/changes.js';
import { registryEvidence } from '../evidence.js';
import type { CheckImpl } from '../../engine/check.js';

import { dwordOrStringNumber, readPolicy, RESTART_WUAUSERV, setUseWuServer } from './policy.js';

const FIX_ID = 'client.policy.usewuserver:set-dword-1';

const fix: FixOffer = {
  id: FIX_ID,
  title: { en: 'Set UseWUServer to 1 and restart Windows Update', ja: 'UseWUServer を 1 にして Windows Update を再起動' },
  automatic: true,
  requiresAdmin: true,
  steps: [
    {
      en: `Write ${KEYS.auPolicy}\\UseWUServer as REG_DWORD 1, then restart the wuauserv service so the agent reads it.`,
      ja: `${KEYS.auPolicy}\\UseWUServer に REG_DWORD の 1 を書き込み、エージェントが読み直すよう wuauserv サービスを再起動します。`,
    },
    {
      en: 'If a domain Group Policy sets this value, correct the GPO as well, or the next policy refresh brings the old value back.',
      ja: 'ドメインのグループ ポリシーでこの値を設定している場合は GPO も修正してください。修正しないと次のポリシー更新で元の値に戻ります。',
    },
  ],
  plan: [setUseWuServer(), RESTART_WUAUSERV],
};

export const policyUseWuServer: CheckImpl = {
  id: 'client.policy.usewuserver',
  async run(ctx) {
    const { au } = await readPolicy(ctx);
    const evidence = [registryEvidence(KEYS.auPolicy, 'UseWUServer', au)];
    const found = findValue(au, 'UseWUServer');
    const parsed = dwordOrStringNumber(found?.value);
    if (!found) {
      return {
        status: 'fail',
        summary: {
          en: 'UseWUServer is not set, so Windows ignores WUServer and goes to Microsoft Update on the internet.',
          ja: 'UseWUServer が設定されていないため、Windows は WUServer を無視してインターネット上の Microsoft Update に接続します。',
        },
        evidence,
        fixes: [fix],
      };
    }
    if (parsed && parsed.n === 1 && !parsed.wrongType) {
      return { status: 'pass', summary: { en: 'UseWUServer is 1: the client uses the WSUS server.', ja: 'UseWUServer は 1 です。クライアントは WSUS サーバーを使います。' }, evidence };
    }
    if (parsed && parsed.n === 1 && parsed.wrongType) {
      return {
        status: 'warn',
        summary: {
          en: `UseWUServer holds the text "1" (${found.value.type}) instead of the number 1 (REG_DWORD). Group Policy always writes a DWORD; rewrite it so every Windows version reads it.`,
          ja: `UseWUServer に数値 1 (REG_DWORD) ではなく文字列 "1" (${found.value.type}) が入っています。グループ ポリシーは常に DWORD で書き込みます。どの Windows でも読めるよう書き直してください。`,
        },
        evidence,
        fixes: [fix],
      };
    }
    return {
      status: 'fail',
      summary: {
        en: 'UseWUServer is not 1, so Windows ignores WUServer and goes to Microsoft Update on the internet.',
        ja: 'UseWUServer が 1 ではないため、Windows は WUServer を無視してインターネット上の Microsoft Update に接続します。',
      },
      evidence,
      fixes: [fix],
    };
  },
};

