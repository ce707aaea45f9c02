/** Line breaking for SVG text (which does not wrap by itself). */
import type { Lang } from '../../../shared/text.js';

/** Roughly how many characters fit on one line of the flow map, per language. */
export const FLOW_LINE_CHARS: Record<Lang, number> = { en: 24, ja: 14 };

const BREAK_AFTER = '、。・）)」';

/**
 * Splits `text` into at most `maxLines` lines of at most `width` characters: at spaces where there are
 * any (English), otherwise after punctuation or anywhere (Japanese). A cut last line ends with "…".
 */
export function wrapText(text: string, width: number, maxLines = 3): string[] {
  const lines: string[] = [];
  let rest = text.trim();
  while (rest.length > 0 && lines.length < maxLines) {
    if (rest.length <= width) {
      lines.push(rest);
      rest = '';
      break;
    }
    let cut = rest.lastIndexOf(' ', width);
    if (cut < width / 2) {
      cut = width;
      for (let i = width; i > width / 2; i -= 1) {
        if (BREAK_AFTER.includes(rest[i - 1]!)) {
          cut = i;
          break;
        }
      }
    }
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 && lines.length > 0) {
    const last = lines[lines.length - 1]!;
    lines[lines.length - 1] = `${last.length >= width ? last.slice(0, width - 1).trimEnd() : last}…`;
  }
  return lines;
}
