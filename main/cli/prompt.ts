/** Asks the user to confirm on a terminal. Anything but "y"/"yes" (or はい) is no. */
import { createInterface } from 'node:readline/promises';
import { tr, type L10n, type Lang } from '../../shared/text.js';
import { UsageError } from '../app/errors.js';

/** What the commands that change the machine (check --fix, recover, undo) say about consent. */
export const CHANGE_TEXT = {
  dryRun: { en: 'Dry run: nothing was changed.', ja: 'ドライ ラン: 何も変更していません。' },
  declined: { en: 'Nothing was changed.', ja: '何も変更していません。' },
  noTty: {
    en: 'Refusing to change the machine without confirmation: run in a terminal to be asked, or add --yes.',
    ja: '確認なしでは変更しません。ターミナルで実行して確認に答えるか、--yes を付けてください。',
  },
} as const satisfies Record<string, L10n>;

/**
 * Consent to change the machine: --yes, or "y" on a terminal. Without a terminal and without --yes
 * nothing is asked and nothing changes: a usage error (exit 2).
 */
export async function consentToChange(opts: { yes: boolean; question: string; stdin: NodeJS.ReadStream; stderr: NodeJS.WriteStream; lang: Lang }): Promise<boolean> {
  if (opts.yes) return true;
  if (!opts.stdin.isTTY) throw new UsageError(tr(CHANGE_TEXT.noTty, opts.lang));
  return confirm(opts.question, opts.stdin, opts.stderr);
}

export async function confirm(question: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<boolean> {
  const rl = createInterface({ input, output });
  try {
    const answer = await rl.question(`${question} `);
    return /^\s*(y|yes|はい)\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}
