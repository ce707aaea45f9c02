import type { CheckDefinition } from './types.js';

export const SERVER_CHECKS: readonly CheckDefinition[] = [];
