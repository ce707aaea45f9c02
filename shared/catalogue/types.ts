import type { CheckId } from '../check-ids.js';
import type { Era } from '../os-era.js';
import type { Role } from '../status.js';
import type { L10n } from '../text.js';

export interface CheckDefinition {
  id: CheckId;
  /** Roles whose run includes this check. */
  roles: readonly Role[];
  title: L10n;
  /** What we check and why, in two or three plain sentences. */
  explanation: L10n;
  /** Windows generations the check applies to on the machine itself (client and server roles); absent = all. */
  eras?: readonly Era[];
  /** Checks whose results this one needs first (the engine runs everything else in parallel). */
  after?: readonly CheckId[];
  /** Source articles and references. */
  docs: readonly string[];
}
