import type { CheckDefinition } from './types.js';

export const HTTP_CHECKS: readonly CheckDefinition[] = [];
