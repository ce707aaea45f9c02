/** Links to the source articles and reference pages that explanations cite. Only these hosts are linked. */
export const DOCS = {
  /** "Issues with Client Self-Update" (WSUS 3.0, English): the client-side flowchart. */
  clientSelfUpdate: 'https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/dd939801(v=ws.10)',
  /** KB 920659 "WSUS SelfUpdate service doesn't send automatic updates" (server side). */
  kb920659: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/deployment/wsus-selfupdate-not-send-automatic-updates',
  /** "自動更新を更新する必要がある" (WSUS 2.0, Japanese). */
  autoUpdateMustBeUpdatedJa: 'https://learn.microsoft.com/ja-jp/previous-versions/windows/it-pro/windows-server-2003/cc708554(v=ws.10)',
  /** Group Policy / registry settings for Windows Update. */
  wuSettings: 'https://learn.microsoft.com/en-us/windows/deployment/update/waas-wu-settings',
  /** Configure Group Policy settings for Automatic Updates (WSUS deployment). */
  wsusGpo: 'https://learn.microsoft.com/en-us/windows-server/administration/windows-server-update-services/deploy/4-configure-group-policy-settings-for-automatic-updates',
  /** Windows Update log files. */
  wuLogs: 'https://learn.microsoft.com/en-us/windows/deployment/update/windows-update-logs',
  /** Windows Update error codes. */
  wuErrors: 'https://learn.microsoft.com/en-us/windows/deployment/update/windows-update-errors',
  /** WUA networking error codes (WU_E_PT_*). */
  wuaNetworkingErrors: 'https://learn.microsoft.com/en-us/windows/win32/wua_sdk/wua-networking-error-codes',
  /** Updating the Windows Update Agent. */
  updatingWua: 'https://learn.microsoft.com/en-us/windows/win32/wua_sdk/updating-the-windows-update-agent',
  /** Troubleshoot software update scan failures (ConfigMgr; the 8530 self-update test URL). */
  scanFailures: 'https://learn.microsoft.com/en-us/troubleshoot/mem/configmgr/update-management/troubleshoot-software-update-scan-failures',
  /** KB 943891 "HTTP status code in IIS" (status.substatus values in IIS logs). */
  iisStatusCodes: 'https://learn.microsoft.com/en-us/troubleshoot/developer/webapps/iis/www-administration-management/http-status-code',
  /** Getting started with AppCmd.exe (sites, app pools, virtual directories, configuration). */
  iisAppcmd: 'https://learn.microsoft.com/en-us/iis/get-started/getting-started-with-iis/getting-started-with-appcmdexe',
  /** IIS configuration reference: anonymous authentication. */
  iisAnonymousAuth: 'https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/authentication/anonymousauthentication',
  /** IIS configuration reference: Windows authentication. */
  iisWindowsAuth: 'https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/authentication/windowsauthentication/',
  /** Understanding built-in user and group accounts in IIS (IUSR, IIS_IUSRS). */
  iisBuiltInAccounts: 'https://learn.microsoft.com/en-us/iis/get-started/planning-for-security/understanding-built-in-user-and-group-accounts-in-iis',
  /** IIS configuration reference: site bindings (IP:port:host). */
  iisBinding: 'https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/sites/site/bindings/binding',
  /** IIS configuration reference: default log file settings (location, W3C fields, UTC rollover). */
  iisLogFile: 'https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/sites/sitedefaults/logfile/',
} as const;

export type DocKey = keyof typeof DOCS;

/** Hosts the app may open in a browser. */
export const DOC_HOSTS: readonly string[] = ['learn.microsoft.com', 'support.microsoft.com'];
