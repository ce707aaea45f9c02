/**
 * The three objects every component may need, handed down through Svelte context (one wizard per
 * window, never a module singleton). The keys are exported so component tests can pass a context Map.
 */
import { getContext, setContext } from 'svelte';
import type { Language } from './i18n.svelte.js';
import type { Theme } from './theme.svelte.js';
import type { WizardMachine } from './wizard.svelte.js';

export const WIZARD_KEY = Symbol('wizard');
export const LANGUAGE_KEY = Symbol('language');
export const THEME_KEY = Symbol('theme');

function required<T>(key: symbol, what: string): T {
  const value = getContext<T | undefined>(key);
  if (value === undefined) throw new Error(`${what} is missing from the component context`);
  return value;
}

export function provide(values: { wizard?: WizardMachine; language: Language; theme?: Theme }): void {
  if (values.wizard) setContext(WIZARD_KEY, values.wizard);
  setContext(LANGUAGE_KEY, values.language);
  if (values.theme) setContext(THEME_KEY, values.theme);
}

export const useWizard = (): WizardMachine => required<WizardMachine>(WIZARD_KEY, 'The wizard');
export const useLanguage = (): Language => required<Language>(LANGUAGE_KEY, 'The language');
export const useTheme = (): Theme => required<Theme>(THEME_KEY, 'The theme');

/** For tests and for mounting a component on its own. */
export function contextMap(values: { wizard?: WizardMachine; language: Language; theme?: Theme }): Map<symbol, unknown> {
  const map = new Map<symbol, unknown>([[LANGUAGE_KEY, values.language]]);
  if (values.wizard) map.set(WIZARD_KEY, values.wizard);
  if (values.theme) map.set(THEME_KEY, values.theme);
  return map;
}
