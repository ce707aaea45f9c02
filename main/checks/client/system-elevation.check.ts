import type { FixOffer } from '../../../shared/changes.js';
import type { CheckImpl } from '../../engine/check.js';
import { textEvidence } from '../evidence.js';

const relaunch: FixOffer = {
  id: 'client.system.elevation:relaunch-elevated',
  title: { en: 'Run the tool as administrator', ja: '管理者としてツールを実行する' },
  automatic: false,
  requiresAdmin: true,
  steps: [
    {
      en: 'In the wizard, choose "Relaunch as administrator" and accept the Windows prompt (UAC).',
      ja: 'ウィザードで「管理者として再起動」を選び、Windows の確認画面 (UAC) で許可します。',
    },
    {
      en: 'On the command line, open the Start menu, right-click "Command Prompt" or "Windows PowerShell", choose "Run as administrator", and run wsus-doctor again from there.',
      ja: 'コマンド ラインの場合は、スタート メニューで「コマンド プロンプト」または「Windows PowerShell」を右クリックして「管理者として実行」を選び、そこから wsus-doctor をもう一度実行します。',
    },
    {
      en: 'Your account must be a member of the local Administrators group; otherwise ask someone who is to run the repairs.',
      ja: 'お使いのアカウントがローカルの Administrators グループのメンバーである必要があります。メンバーでない場合は、メンバーの担当者に修復を依頼してください。',
    },
  ],
  plan: [],
};

export const systemElevation: CheckImpl = {
  id: 'client.system.elevation',
  async run(ctx) {
    const info = await ctx.facts.elevation();
    const evidence = [
      textEvidence({ en: 'Elevated', ja: '昇格' }, info.elevated === null ? 'unknown' : info.elevated ? 'yes' : 'no'),
      textEvidence({ en: 'How it was determined', ja: '判定方法' }, info.method),
    ];
    if (info.elevated === true) {
      return {
        status: 'pass',
        summary: {
          en: 'The tool runs as administrator, so it can apply the repairs it offers.',
          ja: 'ツールは管理者として実行されているため、提案する修復を適用できます。',
        },
        evidence,
      };
    }
    if (info.elevated === false) {
      return {
        status: 'warn',
        summary: {
          en: 'The tool is not running as administrator. Every check still runs, but the repairs (registry writes and service changes) will be refused until you run it as administrator or relaunch it elevated.',
          ja: 'ツールは管理者として実行されていません。チェックはすべて実行できますが、修復 (レジストリの書き込みやサービスの変更) は、管理者として実行するか昇格して再起動するまで拒否されます。',
        },
        evidence,
        fixes: [relaunch],
      };
    }
    return {
      status: 'info',
      summary: {
        en: 'The tool could not tell whether it runs as administrator. The checks are not affected; if a repair is refused, run the tool as administrator.',
        ja: 'ツールが管理者として実行されているか判定できませんでした。チェックには影響しません。修復が拒否された場合は、管理者としてツールを実行してください。',
      },
      evidence,
      fixes: [relaunch],
    };
  },
};
