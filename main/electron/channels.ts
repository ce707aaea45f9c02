/**
 * The IPC channels between the main process and the preload: one `wsus:<method>` channel per
 * DoctorApi method (invoke), plus two main → renderer event channels. Pure: bundled into the preload.
 *
 * Wire format of the invoke channels: the method's arguments exactly as in API_SCHEMAS, except
 * `wsus:runChecks`, whose arguments are `(runId, sessionId)`: the preload picks a random runId per
 * call and the main process tags each `wsus:progress` event with it, so concurrent runs never mix.
 * Every invoke answers with a DispatchResult ({ ok: true, value } | { ok: false, error }), never throws.
 */
import type { ApiMethod } from '../../shared/api.js';

export const CHANNEL_PREFIX = 'wsus:';

export type ApiChannel = `${typeof CHANNEL_PREFIX}${ApiMethod}`;

export function channelOf(method: ApiMethod): ApiChannel {
  return `${CHANNEL_PREFIX}${method}`;
}

/** main → renderer: `(runId: string, event: ProgressEvent)` while runChecks runs. */
export const PROGRESS_CHANNEL = 'wsus:progress';

/** main → renderer: `(action: MenuAction)` when a menu item needs the wizard. */
export const MENU_CHANNEL = 'wsus:menu';

/** The runId the preload sends first on `wsus:runChecks`. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function isRunId(value: unknown): value is string {
  return typeof value === 'string' && RUN_ID_PATTERN.test(value);
}

/** Menu items whose work happens in the wizard (it knows the session and the chosen options). */
export { isMenuAction, MENU_ACTIONS, type DoctorShellApi, type MenuAction } from '../../shared/api.js';
