/** Every check implementation, by role. The catalogue (shared/catalogue) decides order and applicability. */
import type { CheckImpl } from '../engine/check.js';
import { CLIENT_CHECK_IMPLS } from './client/index.js';
import { NET_CHECK_IMPLS } from './net/index.js';
import { SERVER_CHECK_IMPLS } from './server/index.js';
import { logIis } from './server/log-iis.check.js';

export const CHECK_IMPLS: readonly CheckImpl[] = [...CLIENT_CHECK_IMPLS, ...NET_CHECK_IMPLS, ...SERVER_CHECK_IMPLS, logIis];
