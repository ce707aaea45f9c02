/**
 * Light or dark: follows the system (`prefers-color-scheme`) unless the user picks one. The effective
 * theme is written to `data-theme` on the root element; the stylesheet does the rest (no inline styles).
 */
import { safeStorage } from './storage.js';

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type EffectiveTheme = 'light' | 'dark';

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

const STORAGE_KEY = 'wsus-doctor.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

type MediaQuery = Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;

export interface ThemeOptions {
  matchMedia?: ((query: string) => MediaQuery) | null;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  root?: HTMLElement | null;
}


export class Theme {
  #choice = $state<ThemeChoice>('system');
  #systemDark = $state(false);
  readonly #storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  readonly #root: HTMLElement | null;
  readonly #query: MediaQuery | null;
  readonly #onChange = (event: { matches: boolean }): void => {
    this.#systemDark = event.matches;
    this.#apply();
  };

  readonly effective: EffectiveTheme = $derived(this.#choice === 'system' ? (this.#systemDark ? 'dark' : 'light') : this.#choice);

  constructor(options: ThemeOptions = {}) {
    this.#storage = options.storage === undefined ? safeStorage() : options.storage;
    this.#root = options.root === undefined ? (globalThis.document?.documentElement ?? null) : options.root;
    const mm = options.matchMedia === undefined ? (globalThis.matchMedia?.bind(globalThis) ?? null) : options.matchMedia;
    this.#query = mm ? mm(DARK_QUERY) : null;
    this.#systemDark = this.#query?.matches ?? false;
    this.#query?.addEventListener('change', this.#onChange);
    let stored: string | null = null;
    try {
      stored = this.#storage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      stored = null;
    }
    if (isThemeChoice(stored)) this.#choice = stored;
    this.#apply();
  }

  get choice(): ThemeChoice {
    return this.#choice;
  }

  get systemDark(): boolean {
    return this.#systemDark;
  }

  set(choice: ThemeChoice): void {
    this.#choice = choice;
    this.#apply();
    try {
      this.#storage?.setItem(STORAGE_KEY, choice);
    } catch {
      // not persisted; still applied
    }
  }

  /** Stops following the system setting (tests, or a window being torn down). */
  dispose(): void {
    this.#query?.removeEventListener('change', this.#onChange);
  }

  #apply(): void {
    if (!this.#root) return;
    this.#root.dataset.theme = this.effective;
    this.#root.dataset.themeChoice = this.#choice;
  }
}
