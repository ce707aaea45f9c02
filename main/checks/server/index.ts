import type { CheckImpl } from '../../engine/check.js';
import { accountIusr } from './account-iusr.check.js';
import { eventsHealth } from './events-health.check.js';
import { fsSelfUpdateAcl } from './fs-selfupdate-acl.check.js';
import { fsSelfUpdateFiles } from './fs-selfupdate-files.check.js';
import { httpLoopback } from './http-loopback.check.js';
import { iisAnonymousAuth } from './iis-anonymous-auth.check.js';
import { iisAppPool } from './iis-apppool.check.js';
import { iisAuthMismatch } from './iis-auth-mismatch.check.js';
import { iisIpBinding } from './iis-ip-binding.check.js';
import { iisPort80Site } from './iis-port80-site.check.js';
import { iisSelfUpdateVdir } from './iis-selfupdate-vdir.check.js';
import { iisVdirs } from './iis-vdirs.check.js';
import { iisWindowsAuthScope } from './iis-windows-auth-scope.check.js';
import { serviceIis } from './service-iis.check.js';
import { serviceWsus } from './service-wsus.check.js';
import { sharepoint } from './sharepoint.check.js';
import { wsusSetupCheck } from './wsus-setup.check.js';

/** Every server check except server.log.iis (built with the IIS log scanner), in the catalogue's order. */
export const SERVER_CHECK_IMPLS: readonly CheckImpl[] = [
  wsusSetupCheck,
  serviceWsus,
  serviceIis,
  iisAppPool,
  iisPort80Site,
  iisSelfUpdateVdir,
  iisVdirs,
  iisAnonymousAuth,
  iisWindowsAuthScope,
  iisAuthMismatch,
  iisIpBinding,
  fsSelfUpdateAcl,
  accountIusr,
  fsSelfUpdateFiles,
  sharepoint,
  eventsHealth,
  httpLoopback,
];
