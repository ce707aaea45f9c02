/**
 * `wsus-doctor recover`: fixes an earlier process started and never finished (it was killed, or the
 * machine lost power), found open in the journal. Lists them with what each action would do; rolls
 * one back (`--rollback`) or finishes it (`--finish`) after confirmation.
 */
import { describeChange } from '../../shared/change-text.js';
import { tr, type Lang } from '../../shared/text.js';
import type { DoctorSession } from '../app/session.js';
import { UsageError } from '../app/errors.js';
import type { JournalEntry } from '../fixes/journal.js';
import { recoveryPlan, type RecoveryAction } from '../fixes/recover.js';
import type { RecoverArgs } from './args.js';
import type { CliIo } from './check-command.js';
import { CHANGE_TEXT, consentToChange } from './prompt.js';
import { paint, safeTerminalText } from './terminal.js';

const T = {
  none: { en: 'No interrupted fix: every fix this tool started on this machine finished.', ja: '中断された修復はありません。このツールが開始した修復はすべて完了しています。' },
  found: { en: 'Interrupted fixes (the process ended before they finished):', ja: '中断された修復 (完了前にプロセスが終了しました):' },
  stopped: { en: 'stopped at change', ja: '停止した変更' },
  backup: { en: 'backup', ja: 'バックアップ' },
  rollback: { en: '--rollback puts back the state before the fix:', ja: '--rollback は修復前の状態に戻します:' },
  finish: { en: '--finish makes the remaining changes:', ja: '--finish は残りの変更を行います:' },
  unreadable: { en: 'Journal files that could not be read (left as they are):', ja: '読み取れなかったジャーナル ファイル (そのまま残しています):' },
  which: { en: 'Several fixes were interrupted: choose one with --id.', ja: '複数の修復が中断されています。--id で 1 つ選んでください。' },
  notOpen: { en: 'No interrupted fix with that id.', ja: 'その ID の中断された修復はありません。' },
  confirm: { en: 'Make these changes? [y/N]', ja: 'これらの変更を行いますか? [y/N]' },
  done: { en: 'Done; the journal entry is closed.', ja: '完了しました。ジャーナルのエントリを閉じました。' },
  failed: {
    en: 'Some changes could not be made (see above); the entry stays open so you can try again.',
    ja: '一部の変更を行えませんでした (上記参照)。再試行できるよう、エントリは開いたままです。',
  },
} as const;

function describePlan(entry: JournalEntry, action: RecoveryAction, lang: Lang): string {
  const plan = recoveryPlan(entry, action);
  if (plan.length === 0) return lang === 'ja' ? '      (変更なし)\n' : '      (nothing to change)\n';
  return plan.map((c, i) => `      ${i + 1}. ${safeTerminalText(tr(describeChange(c), lang))}\n`).join('');
}

export function formatInterrupted(entries: readonly JournalEntry[], lang: Lang): string {
  let s = '';
  for (const e of entries) {
    const at = e.applying < 0 ? 0 : e.applying + 1;
    s += `  ${safeTerminalText(e.id)}\n`;
    s += `    ${safeTerminalText(e.fixId)}, ${e.createdAt}, ${tr(T.stopped, lang)} ${at}/${e.plan.length}; ${tr(T.backup, lang)}: ${safeTerminalText(e.backup)}\n`;
    s += `    ${tr(T.rollback, lang)}\n${describePlan(e, 'rollback', lang)}`;
    s += `    ${tr(T.finish, lang)}\n${describePlan(e, 'finish', lang)}`;
  }
  return s;
}

export async function recoverCommand(args: RecoverArgs, session: DoctorSession, io: CliIo): Promise<number> {
  const lang = args.lang;
  const { entries, unreadable } = await session.interruptedFixes();
  if (unreadable.length > 0) {
    io.out.write(`${tr(T.unreadable, lang)}\n${unreadable.map((u) => `  ${safeTerminalText(u)}\n`).join('')}`);
  }
  if (entries.length === 0) {
    if (args.id !== undefined) throw new UsageError(tr(T.notOpen, lang));
    io.out.write(`${tr(T.none, lang)}\n`);
    return 0;
  }
  if (!args.action) {
    io.out.write(`${paint(io.out, 'bold', tr(T.found, lang))}\n${formatInterrupted(entries, lang)}`);
    return 1;
  }
  const entry = args.id !== undefined ? entries.find((e) => e.id === args.id) : entries.length === 1 ? entries[0] : undefined;
  if (!entry) throw new UsageError(tr(args.id !== undefined ? T.notOpen : T.which, lang));
  const plan = recoveryPlan(entry, args.action);
  io.out.write(`${safeTerminalText(entry.id)} (${safeTerminalText(entry.fixId)})\n`);
  io.out.write(`${tr(args.action === 'rollback' ? T.rollback : T.finish, lang)}\n${describePlan(entry, args.action, lang)}`);
  if (args.dryRun) {
    io.out.write(`${tr(CHANGE_TEXT.dryRun, lang)}\n`);
    return 0;
  }
  if (plan.length > 0 && !(await consentToChange({ yes: args.yes, question: tr(T.confirm, lang), stdin: io.stdin, stderr: io.stderr, lang }))) {
    io.out.write(`${tr(CHANGE_TEXT.declined, lang)}\n`);
    return 0;
  }
  const problems = await session.recover(entry.id, args.action);
  for (const p of problems) io.out.write(`  ${paint(io.out, 'red', 'FAILED')}: ${safeTerminalText(p)}\n`);
  io.out.write(`${tr(problems.length === 0 ? T.done : T.failed, lang)}\n`);
  return problems.length === 0 ? 0 : 2;
}
