import { parseCabHeader } from '../../../shared/cab.js';
import { l10n } from '../../../shared/text.js';
import type { CheckImpl } from '../../engine/check.js';
import { manualFix } from './fixes.js';
import { ev, guarded, selfUpdateFolderOf } from './server-facts.js';

export const fsSelfUpdateFiles: CheckImpl = {
  id: 'server.fs.selfupdate-files',
  run: (ctx) =>
    guarded(ctx, async () => {
      const where = await selfUpdateFolderOf(ctx);
      if (!where.ok) return where.outcome;
      const { folder, targetDir } = where;
      const files = ctx.machine.files;
      const info = await files.stat(folder, ctx.signal);
      const names = info.exists ? await files.listDir(folder, ctx.signal) : [];
      const cabPath = `${folder}\\wuident.cab`;
      const cab = await files.stat(cabPath, ctx.signal);
      const header = cab.exists && !cab.isDirectory ? parseCabHeader(await files.readBytes(cabPath, 64, ctx.signal)) : null;
      const evidence = [
        ev(l10n('SelfUpdate folder', 'SelfUpdate フォルダー'), info.exists ? `${folder}: ${names.join(', ') || '(empty)'}` : `${folder} (missing)`),
        ev(l10n('wuident.cab', 'wuident.cab'), !cab.exists ? '(missing)' : header?.ok ? `${cab.size} bytes, cabinet (MSCF)` : `${cab.size} bytes, not a cabinet (${header && !header.ok ? header.detail : 'unreadable'})`),
      ];
      if (cab.exists && header?.ok) {
        return { status: 'pass', summary: l10n(`The self-update files are present: ${cabPath} is a valid cabinet.`, `自己更新ファイルがあります: ${cabPath} は正しいキャビネット ファイルです。`), evidence };
      }
      return {
        status: 'fail',
        summary: l10n(
          `${!info.exists ? `The folder ${folder} does not exist` : !cab.exists ? `${cabPath} is missing` : `${cabPath} is damaged (not a cabinet)`}, so clients asking for /selfupdate/wuident.cab get 404 or garbage. KB920659 names a defective Selfupdate.msi installation as the cause.`,
          `${!info.exists ? `フォルダー ${folder} が存在しません` : !cab.exists ? `${cabPath} がありません` : `${cabPath} が壊れています (キャビネット ファイルではありません)`}。そのため /selfupdate/wuident.cab を要求したクライアントは 404 または不正なデータを受け取ります。KB920659 は Selfupdate.msi のインストール不良を原因に挙げています。`,
        ),
        evidence,
        fixes: [
          manualFix('server.fs.selfupdate-files:reinstall', l10n('Reinstall the self-update files', '自己更新ファイルを再インストールする'), [
            l10n(`On the server, run ${targetDir}\\Setup\\Selfupdate.msi (elevated) to put the files back into ${folder}.`, `サーバーで ${targetDir}\\Setup\\Selfupdate.msi を管理者として実行し、${folder} にファイルを戻します。`),
            l10n('On WSUS 4 and later, where Setup holds no Selfupdate.msi, run "wsusutil.exe postinstall" again or repair the WSUS role; the files come with it.', 'Setup に Selfupdate.msi がない WSUS 4 以降では、「wsusutil.exe postinstall」を再実行するか WSUS の役割を修復します。ファイルも一緒に戻ります。'),
            l10n('Then run this tool again: server.fs.selfupdate-acl checks the permissions of the new files.', 'その後このツールを再実行します。新しいファイルのアクセス許可は server.fs.selfupdate-acl が確認します。'),
          ]),
        ],
      };
    }),
};
