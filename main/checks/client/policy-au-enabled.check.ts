import type { FixOffer } from '../../../shared/changes.js';
import { findValue, KEYS } from '../../../shared/registry-types.js';
import type { L10n } from '../../../shared/text.js';
import { registryEvidence } from '../evidence.js';
import type { CheckImpl } from '../../engine/check.js';
import type { OsFacts } from '../../engine/facts.js';

import { dwordOrStringNumber, GPO_STEP, readPolicy, RESTART_STEP, RESTART_WUAUSERV } from './policy.js';

const AU_OPTION_TEXT: Record<number, L10n> = {
  2: { en: 'notify before downloading', ja: 'ダウンロード前に通知' },
  3: { en: 'download automatically and notify before installing', ja: '自動ダウンロードしてインストール前に通知' },
  4: { en: 'download automatically and install on a schedule', ja: '自動ダウンロードしてスケジュールに従いインストール' },
  5: { en: 'let the local administrator choose', ja: 'ローカル管理者が選択' },
  7: { en: 'notify to install and notify to restart (Windows Server 2016 and later)', ja: 'インストールと再起動を通知 (Windows Server 2016 以降)' },
};

/** AUOptions 7 exists only on Windows Server 2016 (build 14393) and later. */
function supportsOption7(os: OsFacts | null): boolean {
  if (!os || os.era !== 'nt10' || !os.parsedVersion) return false;
  return /server/i.test(os.productName) && os.parsedVersion.build >= 14393;
}

const enableFix: FixOffer = {
  id: 'client.policy.au-enabled:enable-au',
  title: { en: 'Turn Automatic Updates back on (NoAutoUpdate = 0)', ja: '自動更新を有効に戻す (NoAutoUpdate = 0)' },
  automatic: true,
  requiresAdmin: true,
  steps: [
    {
      en: `Write ${KEYS.auPolicy}\\NoAutoUpdate as REG_DWORD 0, which lets the agent detect on its own again.`,
      ja: `${KEYS.auPolicy}\\NoAutoUpdate に REG_DWORD の 0 を書き込み、エージェントが再び自分から検出できるようにします。`,
    },
    RESTART_STEP,
    {
      en: 'If a domain Group Policy turned Automatic Updates off, the next policy refresh sets NoAutoUpdate back to 1: change the setting "Configure Automatic Updates" in the GPO as well.',
      ja: 'ドメインのグループ ポリシーで自動更新を無効にしている場合、次のポリシー更新で NoAutoUpdate が 1 に戻ります。GPO の「自動更新を構成する」設定も変更してください。',
    },
  ],
  plan: [
    { kind: 'registry.set', key: KEYS.auPolicy, name: 'NoAutoUpdate', value: { type: 'REG_DWORD', data: 0 } },
    RESTART_WUAUSERV,
  ],
};

const optionsFix: FixOffer = {
  id: 'client.policy.au-enabled:set-auoptions-3',
  title: { en: 'Set AUOptions to 3 (download and notify)', ja: 'AUOptions を 3 (ダウンロードして通知) にする' },
  automatic: true,
  requiresAdmin: true,
  steps: [
    {
      en: `Write ${KEYS.auPolicy}\\AUOptions as REG_DWORD 3: updates download automatically and a user is asked before they install. This is the Group Policy default; choose 2, 4 or 5 in the GPO if your organisation prefers another behaviour.`,
      ja: `${KEYS.auPolicy}\\AUOptions に REG_DWORD の 3 を書き込みます。更新は自動でダウンロードされ、インストール前に確認が表示されます。これはグループ ポリシーの既定値です。別の動作が必要なら GPO で 2、4、5 のいずれかを選んでください。`,
    },
    RESTART_STEP,
    GPO_STEP,
  ],
  plan: [
    { kind: 'registry.set', key: KEYS.auPolicy, name: 'AUOptions', value: { type: 'REG_DWORD', data: 3 } },
    RESTART_WUAUSERV,
  ],
};

type Level = 'pass' | 'warn' | 'fail';

export const policyAuEnabled: CheckImpl = {
  id: 'client.policy.au-enabled',
  async run(ctx) {
    const { au } = await readPolicy(ctx);
    const os = await ctx.facts.os().catch(() => null);
    const evidence = [registryEvidence(KEYS.auPolicy, 'NoAutoUpdate', au), registryEvidence(KEYS.auPolicy, 'AUOptions', au)];
    const fixes: FixOffer[] = [];
    const en: string[] = [];
    const ja: string[] = [];
    let level: Level = 'pass';
    const raise = (l: Level) => {
      if (l === 'fail' || (l === 'warn' && level === 'pass')) level = l;
    };

    // NoAutoUpdate
    const noAuto = findValue(au, 'NoAutoUpdate');
    const noAutoN = dwordOrStringNumber(noAuto?.value);
    if (!noAuto) {
      en.push('NoAutoUpdate is not set, so Automatic Updates is on (the default).');
      ja.push('NoAutoUpdate は設定されていないため、自動更新は有効 (既定) です。');
    } else if (noAutoN?.n === 1) {
      raise('fail');
      fixes.push(enableFix);
      en.push(
        `NoAutoUpdate is 1${noAutoN.wrongType ? ` (stored as text, ${noAuto.value.type})` : ''}: Automatic Updates is turned off by policy, so the agent does not detect on its own and therefore neither self-updates nor reports.`,
      );
      ja.push(
        `NoAutoUpdate が 1${noAutoN.wrongType ? ` (文字列 ${noAuto.value.type} で保存)` : ''} です。ポリシーで自動更新が無効になっているため、エージェントは自分から検出を行わず、自己更新も報告もしません。`,
      );
    } else if (noAutoN?.n === 0) {
      en.push('NoAutoUpdate is 0: Automatic Updates is on.');
      ja.push('NoAutoUpdate は 0 です。自動更新は有効です。');
    } else {
      raise('warn');
      fixes.push(enableFix);
      en.push('NoAutoUpdate holds something other than 0 or 1, so it is unclear whether Windows treats Automatic Updates as on or off.');
      ja.push('NoAutoUpdate に 0 でも 1 でもない値が入っているため、Windows が自動更新を有効と扱うか無効と扱うかはっきりしません。');
    }

    // AUOptions
    const opt = findValue(au, 'AUOptions');
    const optN = dwordOrStringNumber(opt?.value);
    if (!opt) {
      en.push('AUOptions is not set, so the default behaviour applies.');
      ja.push('AUOptions は設定されていないため、既定の動作になります。');
    } else if (!optN) {
      raise('warn');
      fixes.push(optionsFix);
      en.push('AUOptions does not hold a number, so Windows cannot use it.');
      ja.push('AUOptions に数値が入っていないため、Windows はこの値を使えません。');
    } else if (optN.n === 1) {
      raise('fail');
      fixes.push(optionsFix);
      en.push('AUOptions is 1, which one Microsoft page lists as "Automatic Updates disabled" and the others do not list at all; the client may never detect.');
      ja.push('AUOptions が 1 です。Microsoft のある資料ではこれを「自動更新を無効にする」としており、他の資料には記載がありません。クライアントが検出を行わない可能性があります。');
    } else if (optN.n === 7 && !supportsOption7(os)) {
      raise('warn');
      fixes.push(optionsFix);
      en.push('AUOptions is 7, a value only Windows Server 2016 and later understand; on this system it is probably ignored.');
      ja.push('AUOptions が 7 です。この値を理解するのは Windows Server 2016 以降だけで、このシステムではおそらく無視されます。');
    } else if (AU_OPTION_TEXT[optN.n]) {
      en.push(`AUOptions is ${optN.n} (${AU_OPTION_TEXT[optN.n]!.en}), a documented value.`);
      ja.push(`AUOptions は ${optN.n} (${AU_OPTION_TEXT[optN.n]!.ja}) で、文書化された値です。`);
      if (optN.wrongType) {
        raise('warn');
        fixes.push(optionsFix);
        en.push(`It is stored as text (${opt.value.type}) instead of a REG_DWORD, which Windows may not read.`);
        ja.push(`ただし REG_DWORD ではなく文字列 (${opt.value.type}) で保存されており、Windows が読み取れない可能性があります。`);
      }
    } else {
      raise('warn');
      fixes.push(optionsFix);
      en.push(`AUOptions is ${optN.n}, which is not one of the documented values (2, 3, 4, 5, and 7 on Server 2016 and later).`);
      ja.push(`AUOptions が ${optN.n} で、文書化された値 (2、3、4、5、Server 2016 以降の 7) のいずれでもありません。`);
    }

    return { status: level, summary: { en: en.join(' '), ja: ja.join('') }, evidence, fixes };
  },
};
