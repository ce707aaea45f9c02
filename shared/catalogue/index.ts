import { ALL_CHECK_IDS, type CheckId } from '../check-ids.js';
import type { Role } from '../status.js';
import { CLIENT_CHECKS } from './client.js';
import { HTTP_CHECKS } from './http.js';
import { NETWORK_CHECKS } from './network.js';
import { SERVER_CHECKS } from './server.js';
import type { CheckDefinition } from './types.js';

export type { CheckDefinition } from './types.js';

/** Every check, in flowchart order: client, network, HTTP, server. */
export const CATALOGUE: readonly CheckDefinition[] = [...CLIENT_CHECKS, ...NETWORK_CHECKS, ...HTTP_CHECKS, ...SERVER_CHECKS];

const BY_ID = new Map<CheckId, CheckDefinition>(CATALOGUE.map((d) => [d.id, d]));

export function definition(id: CheckId): CheckDefinition {
  const d = BY_ID.get(id);
  if (!d) throw new Error(`unknown check id ${id}`);
  return d;
}

export function definitionsForRole(role: Role): CheckDefinition[] {
  return CATALOGUE.filter((d) => d.roles.includes(role));
}

/** Ids listed in check-ids.ts that have no catalogue entry (must be empty; a test asserts it). */
export function missingDefinitions(): CheckId[] {
  return ALL_CHECK_IDS.filter((id) => !BY_ID.has(id));
}
