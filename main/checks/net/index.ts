import type { CheckImpl } from '../../engine/check.js';
import { httpAuthMismatch } from './http-auth-mismatch.check.js';
import { httpClientWebService } from './http-clientwebservice.check.js';
import { httpInterception } from './http-interception.check.js';
import { httpIuident } from './http-iuident.check.js';
import { httpSelfUpdatePort80 } from './http-selfupdate-port80.check.js';
import { httpSelfUpdate } from './http-selfupdate.check.js';
import { httpSimpleAuth } from './http-simpleauth.check.js';
import { httpWuaucomp } from './http-wuaucomp.check.js';
import { netDns } from './net-dns.check.js';
import { netPing } from './net-ping.check.js';
import { netTcp } from './net-tcp.check.js';

/** Every network and HTTP check (client and remote roles), in the catalogue's order. */
export const NET_CHECK_IMPLS: readonly CheckImpl[] = [
  netDns,
  netPing,
  netTcp,
  httpSelfUpdate,
  httpSelfUpdatePort80,
  httpIuident,
  httpWuaucomp,
  httpClientWebService,
  httpSimpleAuth,
  httpAuthMismatch,
  httpInterception,
];
