/** Terminal output: colour and the progress line only on a terminal; plain text everywhere else. */
import { STATUS_LABEL, type CheckStatus } from '../../shared/status.js';
import type { Lang } from '../../shared/text.js';

export interface Out {
  write(text: string): void;
  colour: boolean;
}

const ANSI: Record<string, string> = { red: '31', green: '32', yellow: '33', blue: '34', magenta: '35', cyan: '36', dim: '2', bold: '1' };

export function paint(out: Out, style: keyof typeof ANSI, text: string): string {
  return out.colour ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;
}


const STATUS_STYLE: Record<CheckStatus, keyof typeof ANSI> = {
  pass: 'green',
  warn: 'yellow',
  fail: 'red',
  info: 'cyan',
  skip: 'dim',
  error: 'magenta',
};

export function statusLabel(out: Out, status: CheckStatus, lang: Lang): string {
  // Padded to the widest label so the check ids line up (5 letters; 3 full-width characters in Japanese).
  return paint(out, STATUS_STYLE[status], STATUS_LABEL[status][lang].padEnd(lang === 'ja' ? 3 : 5));
}

/** Strips control characters from text that came from the machine before it reaches a terminal. */
export function safeTerminalText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '�');
}

export function useColour(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

/** A one-line progress indicator on stderr, shown only when stderr is a terminal. */
export class ProgressLine {
  readonly #stream: NodeJS.WriteStream;
  readonly #enabled: boolean;

  constructor(stream: NodeJS.WriteStream) {
    this.#stream = stream;
    this.#enabled = Boolean(stream.isTTY);
  }

  show(text: string): void {
    if (!this.#enabled) return;
    const width = Math.max(20, (this.#stream.columns ?? 80) - 1);
    this.#stream.write(`\r\u001b[2K${text.slice(0, width)}`);
  }

  clear(): void {
    if (this.#enabled) this.#stream.write('\r\u001b[2K');
  }
}
