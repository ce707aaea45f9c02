import type { CheckImpl } from '../../engine/check.js';
import { policyUseWuServer } from './policy-usewuserver.check.js';

export const CLIENT_CHECK_IMPLS: readonly CheckImpl[] = [policyUseWuServer];
