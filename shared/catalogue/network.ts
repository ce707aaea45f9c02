import type { CheckDefinition } from './types.js';

export const NETWORK_CHECKS: readonly CheckDefinition[] = [];
