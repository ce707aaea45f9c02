/** The fix that writes a WSUS URL policy value, shared by the WUServer and WUStatusServer checks. */
import type { FixOffer } from '../../../shared/changes.js';
import { KEYS } from '../../../shared/registry-types.js';
import type { L10n } from '../../../shared/text.js';
import { NO_URL_BLOCKED, type UrlCandidate } from './misspelling.js';
import { GPO_STEP, RESTART_STEP, RESTART_WUAUSERV, setUrlValue } from './policy.js';

/**
 * The fix that writes WUServer or WUStatusServer: with a validated URL it has a plan; without one it is
 * offered but blocked, with the steps a person would take.
 */
export function urlValueFix(opts: {
  id: string;
  title: L10n;
  name: 'WUServer' | 'WUStatusServer';
  candidate: UrlCandidate | null;
  /** what to write when no address is known yet */
  manualStep: L10n;
  extraSteps?: readonly L10n[];
}): FixOffer {
  const base = { id: opts.id, title: opts.title, automatic: true, requiresAdmin: true };
  const c = opts.candidate;
  if (!c) return { ...base, steps: [opts.manualStep, GPO_STEP], plan: [], blocked: NO_URL_BLOCKED };
  return {
    ...base,
    steps: [
      {
        en: `Write ${KEYS.wuPolicy}\\${opts.name} as REG_SZ "${c.url}" (taken from ${c.source.en}).`,
        ja: `${KEYS.wuPolicy}\\${opts.name} に REG_SZ の "${c.url}" を書き込みます (${c.source.ja}から取得)。`,
      },
      ...(opts.extraSteps ?? []),
      RESTART_STEP,
      GPO_STEP,
    ],
    plan: [setUrlValue(opts.name, c.url), RESTART_WUAUSERV],
  };
}
