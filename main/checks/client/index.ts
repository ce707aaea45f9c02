import type { CheckImpl } from '../../engine/check.js';
import { agentVersion } from './agent-version.check.js';
import { auDetectionTimers } from './au-detection-timers.check.js';
import { logWindowsUpdate } from './log-windowsupdate.check.js';
import { networkProxy } from './network-proxy.check.js';
import { policyAuEnabled } from './policy-au-enabled.check.js';
import { policyMisspelled } from './policy-misspelled.check.js';
import { policyUseWuServer } from './policy-usewuserver.check.js';
import { policyWuServer } from './policy-wuserver.check.js';
import { policyWuStatusServer } from './policy-wustatusserver.check.js';
import { serviceBits } from './service-bits.check.js';
import { serviceWuauserv } from './service-wuauserv.check.js';
import { systemElevation } from './system-elevation.check.js';
import { systemOs } from './system-os.check.js';

/** Every client check, in the catalogue's (flowchart) order. */
export const CLIENT_CHECK_IMPLS: readonly CheckImpl[] = [
  systemOs,
  systemElevation,
  agentVersion,
  policyWuServer,
  policyWuStatusServer,
  policyUseWuServer,
  policyMisspelled,
  policyAuEnabled,
  serviceWuauserv,
  serviceBits,
  auDetectionTimers,
  networkProxy,
  logWindowsUpdate,
];
