/** Every check implementation, by role. The catalogue (shared/catalogue) decides order and applicability. */
import type { CheckImpl } from '../engine/check.js';
import { CLIENT_CHECK_IMPLS } from './client/index.js';
import { NET_CHECK_IMPLS } from './net/index.js';

export const CHECK_IMPLS: readonly CheckImpl[] = [...CLIENT_CHECK_IMPLS, ...NET_CHECK_IMPLS];
