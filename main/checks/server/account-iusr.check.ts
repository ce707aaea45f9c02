import { l10n } from '../../../shared/text.js';
import { effectiveAuth, findVirtualDirectory } from '../../adapters/iis/application-host.js';
import { FILE_READ_EXECUTE, WELL_KNOWN_SIDS } from '../../adapters/iis/sddl.js';
import type { CheckImpl } from '../../engine/check.js';
import { can, readAcl, usersMembers } from './acl-read.js';
import { automaticFix, grant, manualFix } from './fixes.js';
import { ev, guarded, layout, selfUpdateFolder } from './server-facts.js';

export const accountIusr: CheckImpl = {
  id: 'server.account.iusr',
  run: (ctx) =>
    guarded(ctx, async () => {
      const read = await layout(ctx);
      if (!read.ok) return read.outcome;
      const { wsusSite, config, setup } = read.layout;
      const folder = selfUpdateFolder(setup);
      const self = wsusSite ? findVirtualDirectory(wsusSite, '/SelfUpdate') : null;
      const user = effectiveAuth(config, self?.location ?? wsusSite?.name ?? '').anonymousUser;
      const evidence = [ev(l10n('Anonymous account (anonymousAuthentication userName)', '匿名アカウント (anonymousAuthentication の userName)'), user === '' ? '(empty: the application pool identity)' : user)];
      if (user === '') {
        return { status: 'info', summary: l10n('Anonymous requests run as the application pool identity (userName is empty), not as IUSR; that account needs read access to SelfUpdate.', '匿名の要求は IUSR ではなくアプリケーション プールの ID で処理されます (userName が空)。そのアカウントに SelfUpdate の読み取り権限が必要です。'), evidence };
      }
      if (!/^iusr$/i.test(user)) {
        return {
          status: 'info',
          summary: l10n(`Anonymous requests run as "${user}", not the built-in IUSR. On IIS 6 that was IUSR_<computer name>, which read through the Users group; make sure this account is in Users or has Read & Execute on SelfUpdate.`, `匿名の要求は組み込みの IUSR ではなく「${user}」で処理されます。IIS 6 では IUSR_<コンピューター名> で、Users グループを通じて読み取っていました。このアカウントが Users のメンバーか、SelfUpdate に読み取りと実行の権限を持つことを確認してください。`),
          evidence,
        };
      }
      if (!folder) return { status: 'error', summary: l10n('TargetDir is not set, so the SelfUpdate folder is unknown.', 'TargetDir が設定されていないため、SelfUpdate フォルダーが不明です。'), evidence };
      const [acl, members] = await Promise.all([readAcl(ctx, folder), usersMembers(ctx)]);
      if (!acl.ok) return { status: 'error', summary: l10n(`The permissions of ${folder} could not be read: ${acl.message}`, `${folder} のアクセス許可を読み取れませんでした: ${acl.message}`), evidence };
      const inUsers = members.ok && members.sids.includes(WELL_KNOWN_SIDS.iusr);
      evidence.push(ev(l10n(`Members of Users (${WELL_KNOWN_SIDS.users})`, `Users (${WELL_KNOWN_SIDS.users}) のメンバー`), members.ok ? members.sids.join(', ') || '(none)' : `could not be read: ${members.message}`));
      const direct = can(acl.dacl, [WELL_KNOWN_SIDS.iusr, WELL_KNOWN_SIDS.everyone], FILE_READ_EXECUTE);
      const viaUsers = inUsers && can(acl.dacl, [WELL_KNOWN_SIDS.users], FILE_READ_EXECUTE);
      if (direct || viaUsers) {
        return {
          status: 'pass',
          summary: l10n(`IUSR (${WELL_KNOWN_SIDS.iusr}) can read ${folder}${direct ? ' through an entry of its own' : ' as a member of Users'}.`, `IUSR (${WELL_KNOWN_SIDS.iusr}) は${direct ? '自身のエントリによって' : ' Users のメンバーとして'} ${folder} を読み取れます。`),
          evidence,
        };
      }
      if (!members.ok) {
        return { status: 'warn', summary: l10n(`IUSR has no entry of its own on ${folder}, and the members of Users could not be read to see whether it reads through that group.`, `IUSR には ${folder} に自身のエントリがなく、Users のメンバーを読み取れなかったため、このグループを通じて読み取れるかを判断できません。`), evidence };
      }
      return {
        status: 'fail',
        summary: l10n(
          `The anonymous account IUSR (${WELL_KNOWN_SIDS.iusr}) cannot read ${folder}: it has no entry of its own and is not a member of Users. IIS answers 401.3 for the self-update files (KB920659: the IUSR account removed from Users).`,
          `匿名アカウント IUSR (${WELL_KNOWN_SIDS.iusr}) は ${folder} を読み取れません。自身のエントリがなく、Users のメンバーでもないためです。IIS は自己更新ファイルに 401.3 を返します (KB920659: IUSR アカウントが Users から削除された場合)。`,
        ),
        evidence,
        fixes: [
          automaticFix(
            'server.account.iusr:grant-read',
            l10n('Give IUSR read access to SelfUpdate', 'IUSR に SelfUpdate の読み取りを許可する'),
            l10n('KB920659\'s table lists IUSR with Read & Execute; grant it by SID:', 'KB920659 の表では IUSR に読み取りと実行が必要です。SID で付与します:'),
            [grant(folder, WELL_KNOWN_SIDS.iusr, 'RX')],
          ),
          manualFix('server.account.iusr:add-to-users', l10n('Or put IUSR back into Users', 'または IUSR を Users に戻す'), [
            l10n('In Computer Management > Local Users and Groups > Groups, open Users (S-1-5-32-545) and add "IUSR" (location: this computer). The group name is translated on non-English Windows; the SID is not.', 'コンピューターの管理 > ローカル ユーザーとグループ > グループ で Users (S-1-5-32-545) を開き、「IUSR」(場所: このコンピューター) を追加します。グループ名は言語によって変わりますが、SID は変わりません。'),
          ]),
        ],
      };
    }),
};
