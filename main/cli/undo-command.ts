/** `wsus-doctor undo BACKUP`: puts back what a fix changed on this machine. */
import { describeChange } from '../../shared/change-text.js';
import { tr, type Lang } from '../../shared/text.js';
import type { Machine } from '../adapters/types.js';
import { UsageError } from '../app/errors.js';
import { FileBackupStore } from '../fixes/backup-store.js';
import { undoBackup } from '../fixes/executor.js';
import { consentToChange } from './prompt.js';
import type { CliIo } from './check-command.js';
import { safeTerminalText } from './terminal.js';

export async function undoCommand(
  args: { backup: string; dryRun: boolean; yes: boolean; lang: Lang },
  createMachine: () => Promise<Machine>,
  io: CliIo,
): Promise<number> {
  const store = new FileBackupStore('.');
  const backup = await store.load(args.backup).catch((e: unknown) => {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  });
  io.out.write(`Backup of ${backup.fixId} taken ${backup.createdAt} on ${safeTerminalText(backup.machine)}. Restoring it will:\n`);
  backup.undo.forEach((c, i) => io.out.write(`  ${i + 1}. ${safeTerminalText(tr(describeChange(c), args.lang))}\n`));
  if (backup.undo.length === 0) {
    io.out.write('Nothing to restore.\n');
    return 0;
  }
  if (args.dryRun) return 0;
  if (!(await consentToChange({ yes: args.yes, question: 'Restore? [y/N]', stdin: io.stdin, stderr: io.stderr, lang: args.lang }))) return 0;
  const machine = await createMachine();
  const problems = await undoBackup(args.backup, { machine, backups: store });
  for (const p of problems) io.out.write(`  FAILED: ${safeTerminalText(p)}\n`);
  io.out.write(problems.length === 0 ? 'Restored.\n' : 'Some changes could not be restored (see above).\n');
  return problems.length === 0 ? 0 : 2;
}
