import type { AclRights, Change } from '../../../shared/changes.js';
import { l10n, type L10n } from '../../../shared/text.js';
import { FILE_ALL_ACCESS, FILE_READ_EXECUTE, rightsOf, WELL_KNOWN_SIDS } from '../../adapters/iis/sddl.js';
import type { CheckImpl } from '../../engine/check.js';
import { can, maskText, readAcl, usersMembers } from './acl-read.js';
import { automaticFix, grant } from './fixes.js';
import { ev, guarded, selfUpdateFolderOf } from './server-facts.js';

interface Row {
  sid: string;
  name: L10n;
  rights: AclRights;
}

/** KB920659's minimum permissions table, by SID. */
const REQUIRED: Row[] = [
  { sid: WELL_KNOWN_SIDS.administrators, name: l10n('Administrators', 'Administrators'), rights: 'F' },
  { sid: WELL_KNOWN_SIDS.system, name: l10n('SYSTEM', 'SYSTEM'), rights: 'F' },
  { sid: WELL_KNOWN_SIDS.users, name: l10n('Users', 'Users'), rights: 'RX' },
];

export const fsSelfUpdateAcl: CheckImpl = {
  id: 'server.fs.selfupdate-acl',
  run: (ctx) =>
    guarded(ctx, async () => {
      const where = await selfUpdateFolderOf(ctx);
      if (!where.ok) return where.outcome;
      const { folder } = where;
      const acl = await readAcl(ctx, folder);
      if (!acl.ok) {
        return {
          status: 'error',
          summary: l10n(`The permissions of ${folder} could not be read: ${acl.message}`, `${folder} のアクセス許可を読み取れませんでした: ${acl.message}`),
        };
      }
      const evidence = [ev(l10n(`Permissions of ${folder} (SDDL)`, `${folder} のアクセス許可 (SDDL)`), acl.sddl)];
      const missing = REQUIRED.filter((r) => !can(acl.dacl, [r.sid], r.rights === 'F' ? FILE_ALL_ACCESS : FILE_READ_EXECUTE));
      for (const r of REQUIRED) evidence.push(ev(l10n(`${r.name.en} (${r.sid})`, `${r.name.ja} (${r.sid})`), `${maskText(rightsOf(acl.dacl, [r.sid]))} (needs ${r.rights === 'F' ? 'Full Control 0x1f01ff' : 'Read & Execute 0x1200a9'})`));
      const iusrDirect = can(acl.dacl, [WELL_KNOWN_SIDS.iusr], FILE_READ_EXECUTE);
      const members = await usersMembers(ctx);
      const iusrInUsers = members.ok && members.sids.includes(WELL_KNOWN_SIDS.iusr);
      evidence.push(ev(l10n(`IUSR (${WELL_KNOWN_SIDS.iusr})`, `IUSR (${WELL_KNOWN_SIDS.iusr})`), iusrDirect ? 'Read & Execute of its own' : iusrInUsers ? 'no entry of its own; member of Users' : 'no entry of its own (see server.account.iusr)'));
      if (missing.length === 0) {
        return {
          status: 'pass',
          summary: l10n(
            `${folder} grants Administrators and SYSTEM full control and Users read & execute${iusrDirect ? ', and IUSR read & execute' : ''}, as KB920659 asks (compared by SID).`,
            `${folder} では Administrators と SYSTEM にフル コントロール、Users に読み取りと実行${iusrDirect ? '、IUSR に読み取りと実行' : ''}が許可されており、KB920659 の要件どおりです (SID で比較)。`,
          ),
          evidence,
        };
      }
      const plan: Change[] = missing.map((r) => grant(folder, r.sid, r.rights));
      return {
        status: 'fail',
        summary: l10n(
          `${folder} is missing ${missing.map((r) => `${r.name.en} ${r.rights === 'F' ? 'Full Control' : 'Read & Execute'}`).join(', ')}. Without them IIS or the WSUS services cannot read or maintain the self-update files and the console reports SelfUpdate as not running (KB920659).`,
          `${folder} に ${missing.map((r) => `${r.name.ja} の${r.rights === 'F' ? 'フル コントロール' : '読み取りと実行'}`).join('、')} がありません。これがないと IIS や WSUS のサービスが自己更新ファイルを読み取ったり管理したりできず、コンソールは SelfUpdate が動作していないと報告します (KB920659)。`,
        ),
        evidence,
        fixes: [
          automaticFix(
            'server.fs.selfupdate-acl:repair',
            l10n('Repair the SelfUpdate permissions', 'SelfUpdate のアクセス許可を修復する'),
            l10n('Grant the missing rights by SID (never by name, which changes with the language), inherited by the files below:', '不足している権限を SID で付与します (言語で変わる名前は使いません)。配下のファイルにも継承されます:'),
            plan,
          ),
        ],
      };
    }),
};
