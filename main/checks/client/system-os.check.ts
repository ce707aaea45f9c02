import type { Era } from '../../../shared/os-era.js';
import type { Evidence } from '../../../shared/results.js';
import type { L10n } from '../../../shared/text.js';
import type { CheckImpl } from '../../engine/check.js';
import type { OsFacts } from '../../engine/facts.js';
import { textEvidence } from '../evidence.js';
import { ERA_RELEASES, quoteRaw } from './format.js';

/** The OS folder name in the WSUS 2.0 legacy self-update path /selfupdate/AU/x86/<OS>/<LANG>/wuaucomp.cab. */
export function legacyOsVariable(os: OsFacts): string | null {
  const v = os.parsedVersion;
  if (!v || v.major !== 5) return null;
  if (v.minor === 0) return 'W2K';
  if (v.minor === 1) return 'XP';
  if (v.minor === 2) return 'NetServer';
  return null;
}

/** The language folder of that path: the primary language subtag, upper case ("en-US" → "EN"). */
export function legacyLanguageVariable(uiLanguage: string): string | null {
  const m = /^([a-z]{2,3})(?:-|$)/i.exec(uiLanguage);
  return m ? m[1]!.toUpperCase() : null;
}

const NOTE: Record<Era, L10n> = {
  nt5: {
    en: 'This is a very old Windows: its agent can only become WSUS-capable through self-update from the WSUS server, so the self-update checks matter most here. Windows XP and Server 2003 are long out of support; plan their replacement.',
    ja: 'これは非常に古い Windows で、エージェントが WSUS 対応になる手段は WSUS サーバーからの自己更新だけです。そのため自己更新のチェックが最も重要です。Windows XP と Server 2003 はサポートがとうに終了しているため、置き換えを計画してください。',
  },
  'nt6.0': {
    en: 'The agent on this Windows still checks the server\'s self-update folder before every scan, and a failed check stops the scan, so the self-update path must work.',
    ja: 'この Windows のエージェントは、スキャンの前に毎回サーバーの自己更新フォルダーを確認し、確認に失敗するとスキャンを中止します。そのため自己更新の経路が動作している必要があります。',
  },
  'nt6.2': {
    en: 'On this Windows the agent arrives as an ordinary update, so the legacy self-update checks matter less; the policy, service and network checks still apply.',
    ja: 'この Windows ではエージェントは通常の更新として配布されるため、古い自己更新のチェックの重要度は下がります。ポリシー、サービス、ネットワークのチェックは引き続き重要です。',
  },
  nt10: {
    en: 'On this Windows the agent is part of the system and arrives with ordinary updates; the self-update checks are legacy and are shown for completeness. The log is read through Get-WindowsUpdateLog.',
    ja: 'この Windows ではエージェントはシステムの一部で、通常の更新と一緒に配布されます。自己更新のチェックは古い仕組みのためのもので、参考として表示します。ログは Get-WindowsUpdateLog で読み取ります。',
  },
};

export const systemOs: CheckImpl = {
  id: 'client.system.os',
  async run(ctx) {
    const os = await ctx.facts.os();
    const full = `${os.version}${os.ubr !== undefined ? `.${os.ubr}` : ''}`;
    const evidence: Evidence[] = [
      textEvidence({ en: 'Product', ja: '製品名' }, os.productName),
      textEvidence({ en: 'Version (build.UBR)', ja: 'バージョン (ビルド.UBR)' }, full),
      textEvidence({ en: 'Architecture', ja: 'アーキテクチャ' }, os.arch),
      textEvidence({ en: 'Display language', ja: '表示言語' }, os.uiLanguage),
      textEvidence({ en: 'Windows folder', ja: 'Windows フォルダー' }, os.systemRoot),
    ];
    if (!os.parsedVersion || !os.era) {
      return {
        status: 'error',
        summary: {
          en: `The Windows version could not be read (got ${quoteRaw(os.version)}), so the tool cannot tell which checks apply to this computer.`,
          ja: `Windows のバージョンを読み取れませんでした (取得した値: ${quoteRaw(os.version)})。そのため、このコンピューターにどのチェックが該当するか判断できません。`,
        },
        evidence,
      };
    }
    const era = os.era;
    evidence.push(textEvidence({ en: 'Generation', ja: '世代' }, `${era} (${ERA_RELEASES[era]})`));
    const osVar = legacyOsVariable(os);
    const langVar = legacyLanguageVariable(os.uiLanguage);
    if (osVar && langVar) {
      evidence.push(
        textEvidence(
          { en: 'Legacy self-update file for this client (WSUS 2.0 servers)', ja: 'このクライアント用の古い自己更新ファイル (WSUS 2.0 サーバー)' },
          `/selfupdate/AU/x86/${osVar}/${langVar}/wuaucomp.cab`,
        ),
      );
    }
    const head: L10n = {
      en: `${os.productName} ${full} (${os.arch}, display language ${os.uiLanguage}).`,
      ja: `${os.productName} ${full} (${os.arch}、表示言語 ${os.uiLanguage})。`,
    };
    return {
      // XP / 2003 get an informational status: nothing is wrong with the check, but the platform itself needs attention.
      status: era === 'nt5' ? 'info' : 'pass',
      summary: { en: `${head.en} ${NOTE[era].en}`, ja: `${head.ja}${NOTE[era].ja}` },
      evidence,
    };
  },
};
