/**
 * The display language: one reactive value, switchable at any time. Every text in the UI goes through
 * `t`, so switching re-renders everything, engine texts (L10n from the bridge) included.
 */
import { safeStorage } from './storage.js';
import { isLang, type L10n, type Lang } from '../../../shared/text.js';

/** Values for `{name}` placeholders; an L10n value is taken in the same language as the text. */
export type Vars = Readonly<Record<string, string | number | L10n>>;

function isL10n(value: unknown): value is L10n {
  return typeof value === 'object' && value !== null && 'en' in value && 'ja' in value;
}

/** Fills `{name}` placeholders; unknown names stay visible so a mistake shows instead of vanishing. */
export function format(text: string, vars?: Vars, lang: Lang = 'en'): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(vars, name)) return whole;
    const v = vars[name];
    return isL10n(v) ? v[lang] : String(v);
  });
}

/** The text of `l10n` in `lang`, placeholders filled. */
export function translate(text: L10n, lang: Lang, vars?: Vars): string {
  return format(text[lang], vars, lang);
}

/** Japanese when the browser prefers it, English otherwise. */
export function langFromNavigator(nav: Pick<Navigator, 'language'> | undefined): Lang {
  return nav?.language?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

const STORAGE_KEY = 'wsus-doctor.lang';

export interface LanguageOptions {
  /** overrides both the stored choice and the browser's language */
  initial?: Lang;
  navigator?: Pick<Navigator, 'language'>;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** its `lang` attribute follows the choice (screen readers pick the voice from it) */
  root?: HTMLElement | null;
}


export class Language {
  #lang = $state<Lang>('en');
  readonly #storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  readonly #root: HTMLElement | null;

  constructor(options: LanguageOptions = {}) {
    this.#storage = options.storage === undefined ? safeStorage() : options.storage;
    this.#root = options.root === undefined ? (globalThis.document?.documentElement ?? null) : options.root;
    let stored: string | null = null;
    try {
      stored = this.#storage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      stored = null;
    }
    this.#lang = options.initial ?? (isLang(stored) ? stored : langFromNavigator(options.navigator ?? globalThis.navigator));
    this.#applyToRoot();
  }

  get lang(): Lang {
    return this.#lang;
  }

  set(lang: Lang): void {
    this.#lang = lang;
    this.#applyToRoot();
    try {
      this.#storage?.setItem(STORAGE_KEY, lang);
    } catch {
      // private mode or a full quota: the choice still holds for this window
    }
  }

  /** The text in the current language; an arrow so it can be passed around unbound. */
  t = (text: L10n, vars?: Vars): string => translate(text, this.#lang, vars);

  /** A locale for dates and numbers. */
  get locale(): string {
    return this.#lang === 'ja' ? 'ja-JP' : 'en-GB';
  }

  formatTime(iso: string): string {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(d);
  }

  #applyToRoot(): void {
    if (this.#root) this.#root.lang = this.#lang;
  }
}
