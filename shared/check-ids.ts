/**
 * The stable check ids. The CLI, the JSON report and the tests use them; never rename one.
 * Order within each list is the flowchart order.
 */
export const CLIENT_CHECK_IDS = [
  'client.system.os',
  'client.system.elevation',
  'client.agent.version',
  'client.policy.wuserver',
  'client.policy.wustatusserver',
  'client.policy.usewuserver',
  'client.policy.misspelled',
  'client.policy.au-enabled',
  'client.service.wuauserv',
  'client.service.bits',
  'client.au.detection-timers',
  'client.network.proxy',
  'client.log.windowsupdate',
] as const;

export const NETWORK_CHECK_IDS = ['net.dns', 'net.ping', 'net.tcp'] as const;

export const HTTP_CHECK_IDS = [
  'http.selfupdate',
  'http.selfupdate-port80',
  'http.iuident',
  'http.wuaucomp',
  'http.clientwebservice',
  'http.simpleauth',
  'http.auth-mismatch',
  'http.interception',
] as const;

export const SERVER_CHECK_IDS = [
  'server.wsus.setup',
  'server.service.wsus',
  'server.service.iis',
  'server.iis.apppool',
  'server.iis.port80-site',
  'server.iis.selfupdate-vdir',
  'server.iis.vdirs',
  'server.iis.anonymous-auth',
  'server.iis.windows-auth-scope',
  'server.iis.auth-mismatch',
  'server.iis.ip-binding',
  'server.fs.selfupdate-acl',
  'server.account.iusr',
  'server.fs.selfupdate-files',
  'server.sharepoint',
  'server.events.health',
  'server.http.loopback',
  'server.log.iis',
] as const;

export const ALL_CHECK_IDS = [
  ...CLIENT_CHECK_IDS,
  ...NETWORK_CHECK_IDS,
  ...HTTP_CHECK_IDS,
  ...SERVER_CHECK_IDS,
] as const;

export type CheckId = (typeof ALL_CHECK_IDS)[number];

export function isCheckId(value: unknown): value is CheckId {
  return typeof value === 'string' && (ALL_CHECK_IDS as readonly string[]).includes(value);
}
