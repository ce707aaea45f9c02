import type { Change } from '../../../shared/changes.js';
import type { Evidence } from '../../../shared/results.js';
import { l10n, type L10n } from '../../../shared/text.js';
import { findVirtualDirectory, type IisSite } from '../../adapters/iis/application-host.js';
import type { CheckImpl, CheckOutcome } from '../../engine/check.js';
import { automaticFix, manualFix } from './fixes.js';
import { ev, expandPath, guarded, layout, samePath, selfUpdateFolder, siteLabel } from './server-facts.js';

export const iisSelfUpdateVdir: CheckImpl = {
  id: 'server.iis.selfupdate-vdir',
  run: (ctx) =>
    guarded(ctx, async (): Promise<CheckOutcome> => {
      const read = await layout(ctx);
      if (!read.ok) return read.outcome;
      const { wsusSite, port80Site, configuration, era, setup } = read.layout;
      const folder = selfUpdateFolder(setup);
      if (!wsusSite || !folder) {
        return { status: 'error', summary: l10n('The WSUS site or install folder is unknown (see server.wsus.setup and server.iis.apppool).', 'WSUS のサイトまたはインストール フォルダーが不明です (server.wsus.setup と server.iis.apppool を参照)。') };
      }
      const os = await ctx.facts.os();
      const folderInfo = await ctx.machine.files.stat(folder, ctx.signal);
      const evidence: Evidence[] = [ev(l10n('SelfUpdate folder', 'SelfUpdate フォルダー'), `${folder} (${folderInfo.exists ? 'exists' : 'missing'})`)];
      const problems: { en: string; ja: string; severity: 'fail' | 'warn' }[] = [];
      const plan: Change[] = [];
      const manual: L10n[] = [];
      const script = `${setup.targetDir}\\Setup\\InstallSelfupdateOnPort80.vbs`;
      const scriptExists = (await ctx.machine.files.stat(script, ctx.signal)).exists;

      const inspect = async (site: IisSite, role: 'wsus' | 'port80'): Promise<void> => {
        const v = findVirtualDirectory(site, '/SelfUpdate');
        const label = l10n(`SelfUpdate on ${site.name}`, `${site.name} の SelfUpdate`);
        if (!v) {
          evidence.push(ev(label, '(no virtual directory)'));
          const severity = role === 'wsus' || era === 'legacy' ? 'fail' : 'warn';
          problems.push({
            en: `the site ${siteLabel(site)} has no SelfUpdate virtual directory${role === 'port80' ? ' (the port-80 copy that older clients use)' : ''}`,
            ja: `サイト ${siteLabel(site)} に SelfUpdate 仮想ディレクトリがありません${role === 'port80' ? ' (古いクライアントが使うポート 80 側)' : ''}`,
            severity,
          });
          if (role === 'port80' && scriptExists) plan.push({ kind: 'iis.script.run', script });
          else plan.push({ kind: 'iis.vdir.add', app: `${site.name}/`, path: '/SelfUpdate', physicalPath: folder });
          return;
        }
        const physical = expandPath(v.physicalPath, os.programFiles, os.systemRoot);
        evidence.push(ev(label, v.physicalPath));
        if (!samePath(physical, folder)) {
          problems.push({ en: `SelfUpdate on ${siteLabel(site)} points to ${v.physicalPath} instead of ${folder}`, ja: `${siteLabel(site)} の SelfUpdate が ${folder} ではなく ${v.physicalPath} を指しています`, severity: 'fail' });
          manual.push(l10n(`In IIS Manager, open ${site.name} > SelfUpdate > Basic Settings and set the physical path to ${folder}.`, `IIS マネージャーで ${site.name} > SelfUpdate > 基本設定 を開き、物理パスを ${folder} にします。`));
        }
      };
      await inspect(wsusSite, 'wsus');
      if (configuration === 2 && port80Site && port80Site !== wsusSite) await inspect(port80Site, 'port80');
      if (!folderInfo.exists) {
        problems.push({ en: `the folder ${folder} does not exist`, ja: `フォルダー ${folder} が存在しません`, severity: 'fail' });
        manual.push(l10n('Repair the self-update files: run Selfupdate.msi from the WSUS Setup folder (see server.fs.selfupdate-files).', '自己更新ファイルを修復します。WSUS の Setup フォルダーにある Selfupdate.msi を実行します (server.fs.selfupdate-files を参照)。'));
      }
      const layoutText = configuration === 1 ? l10n('Configuration 1 of KB920659 (WSUS on the port-80 site)', 'KB920659 の構成 1 (ポート 80 のサイト上の WSUS)') : l10n('Configuration 2 of KB920659 (WSUS on its own site, SelfUpdate also on the port-80 site)', 'KB920659 の構成 2 (専用サイト上の WSUS、ポート 80 のサイトにも SelfUpdate)');
      evidence.unshift(ev(l10n('Layout', 'レイアウト'), layoutText.en));
      if (problems.length === 0) {
        return {
          status: 'pass',
          summary: l10n(`SelfUpdate is in place (${layoutText.en}) and points to ${folder}.`, `SelfUpdate は正しく構成されており (${layoutText.ja})、${folder} を指しています。`),
          evidence,
        };
      }
      const status = problems.some((p) => p.severity === 'fail') ? 'fail' : 'warn';
      const fixes = [];
      if (plan.length > 0) {
        fixes.push(
          automaticFix(
            'server.iis.selfupdate-vdir:add',
            l10n('Add the SelfUpdate virtual directory', 'SelfUpdate 仮想ディレクトリを追加する'),
            l10n(`Create the missing SelfUpdate virtual directories, pointing to ${folder}${scriptExists ? ', using WSUS\'s own InstallSelfupdateOnPort80.vbs for the port-80 site' : ''}:`, `${folder} を指す SelfUpdate 仮想ディレクトリを作成します${scriptExists ? '。ポート 80 のサイトには WSUS 付属の InstallSelfupdateOnPort80.vbs を使います' : ''}:`),
            plan,
          ),
        );
      }
      if (manual.length > 0) fixes.push(manualFix('server.iis.selfupdate-vdir:manual', l10n('Correct the SelfUpdate directory by hand', 'SelfUpdate ディレクトリを手動で修正する'), manual));
      return {
        status,
        summary: l10n(
          `${problems.map((p) => p.en).join('; ')}. Clients asking for /selfupdate/wuident.cab there get 404 and cannot self-update.${status === 'warn' ? ' On a server of this era only very old clients use the port-80 copy, so this is a warning.' : ''}`,
          `${problems.map((p) => p.ja).join('。')}。そこで /selfupdate/wuident.cab を要求したクライアントは 404 を受け取り、自己更新できません。${status === 'warn' ? 'この世代のサーバーではポート 80 側を使うのはごく古いクライアントだけなので、警告にしています。' : ''}`,
        ),
        evidence,
        fixes,
      };
    }),
};
