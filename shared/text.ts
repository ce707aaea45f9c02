/** Every user-facing sentence exists in both languages; the compiler enforces it. */
export const LANGS = ['en', 'ja'] as const;
export type Lang = (typeof LANGS)[number];

export interface L10n {
  en: string;
  ja: string;
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** Picks the text for a language. */
export function tr(text: L10n, lang: Lang): string {
  return text[lang];
}

/** Builds an L10n; a small helper that keeps call sites short. */
export function l10n(en: string, ja: string): L10n {
  return { en, ja };
}

/** The same text in both languages (file paths, command lines, URLs). */
export function verbatim(text: string): L10n {
  return { en: text, ja: text };
}
