import { KEYS } from '../../../shared/registry-types.js';
import { l10n } from '../../../shared/text.js';
import type { CheckImpl } from '../../engine/check.js';
import { registryEvidence } from '../evidence.js';
import { guarded, notInstalled, wsusSetup } from './server-facts.js';

const NAMES = ['TargetDir', 'ContentDir', 'PortNumber', 'UsingSSL', 'IISTargetWebsiteIndex'] as const;

export const wsusSetupCheck: CheckImpl = {
  id: 'server.wsus.setup',
  run: (ctx) =>
    guarded(ctx, async () => {
      const setup = await wsusSetup(ctx);
      if (!setup.key) return notInstalled();
      const evidence = NAMES.map((n) => registryEvidence(KEYS.wsusSetup, n, setup.key));
      const missing = [
        setup.targetDir === null ? 'TargetDir' : null,
        setup.portNumber === null ? 'PortNumber' : null,
        setup.siteIndex === null ? 'IISTargetWebsiteIndex' : null,
      ].filter((x): x is string => x !== null);
      if (missing.length > 0) {
        return {
          status: 'fail',
          summary: l10n(
            `WSUS's setup key exists but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing or not valid, so the install looks damaged; the other server checks cannot find the WSUS site and folders. Re-running WSUS post-installation (wsusutil postinstall) usually writes them again.`,
            `WSUS のセットアップ キーはありますが、${missing.join('、')} がないか正しくないため、インストールが壊れているようです。ほかのサーバー側チェックは WSUS のサイトやフォルダーを特定できません。通常は WSUS のインストール後の構成 (wsusutil postinstall) を再実行すると書き直されます。`,
          ),
          evidence,
        };
      }
      const scheme = setup.usingSsl ? 'https' : 'http';
      return {
        status: 'pass',
        summary: l10n(
          `WSUS is installed in ${setup.targetDir}, on IIS site id ${setup.siteIndex}, port ${setup.portNumber} (${scheme}).`,
          `WSUS は ${setup.targetDir} にインストールされており、IIS サイト ID ${setup.siteIndex}、ポート ${setup.portNumber} (${scheme}) で動作しています。`,
        ),
        evidence,
      };
    }),
};
