/**
 * Whatever a bridge call rejects with becomes one bilingual message for the user. The bridge sends
 * ApiErrorShape; an ApiError instance (same process, e.g. a web client that rethrows) carries `l10n`;
 * a fetch that cannot reach the backend any more rejects with a TypeError.
 */
import type { ApiErrorShape } from '../../../shared/api.js';
import type { L10n } from '../../../shared/text.js';
import { format } from './i18n.svelte.js';
import { S } from './strings.js';

const CODES: readonly ApiErrorShape['code'][] = ['bad-input', 'not-found', 'not-allowed', 'failed', 'unavailable'];

function isL10n(value: unknown): value is L10n {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).en === 'string' &&
    typeof (value as Record<string, unknown>).ja === 'string'
  );
}

export function isApiErrorShape(value: unknown): value is ApiErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (CODES as readonly string[]).includes(v.code) && isL10n(v.message);
}

/** A rejection that means the other side is gone (network failure, closed IPC channel). */
export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'AbortError') return false;
  const text = `${error.name} ${error.message}`;
  return (
    (error instanceof TypeError && /fetch|network|load failed|connection/i.test(text)) ||
    /ECONNREFUSED|ECONNRESET|socket hang up|reply was never sent|object has been destroyed/i.test(text)
  );
}

function both(l10n: L10n, vars: Record<string, string>): L10n {
  return { en: format(l10n.en, vars), ja: format(l10n.ja, vars) };
}

/** The message to show for a failed bridge call, in both languages. */
export function toUserMessage(error: unknown): L10n {
  if (isApiErrorShape(error)) return error.message;
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    if (isL10n(e.l10n)) return e.l10n; // ApiError
    if (isApiErrorShape(e.cause)) return e.cause.message;
  }
  if (isConnectionLoss(error)) return S.errLostConnection;
  if (error instanceof Error && error.message.trim() !== '') return both(S.errUnexpected, { detail: error.message });
  if (typeof error === 'string' && error.trim() !== '') return both(S.errUnexpected, { detail: error });
  return S.errUnknown;
}
