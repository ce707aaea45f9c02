/**
 * What the emulated WSUS server sends: cabinets, the IIS pages (default page, error pages), the
 * ASP.NET web service help pages, and the pages of products that take over a path (SharePoint).
 * Pure functions that return a planned reply; emulator.ts puts them on the wire.
 *
 * The page texts follow IIS 10 (custom error pages as a remote client sees them, the detailed
 * 401.2 page, HTTP.sys's own "HTTP Error 503." page) and ASP.NET 4 (.asmx help pages). The content
 * of the text files inside the cabinets is made up but shaped like the real ones (INI-like).
 */
import { Buffer } from 'node:buffer';
import { STATUS_CODES } from 'node:http';
import { buildCabinet } from '../../shared/cab.js';

/** What IIS's static file handler sends for .cab (applicationHost.config mimeMap); used for every cabinet the emulator serves. */
export const CAB_CONTENT_TYPE = 'application/vnd.ms-cab-compressed';
export const BINARY_CONTENT_TYPE = 'application/octet-stream';
export const HTML_CONTENT_TYPE = 'text/html';
export const IIS_SERVER = 'Microsoft-IIS/10.0';
export const SHAREPOINT_VERSION = '15.0.0.4420';
/** The agent version the emulated wuident.cab declares. */
export const EMULATED_AGENT_VERSION = '7.6.7600.320';
/** The WSUS version the emulated server reports. */
export const EMULATED_WSUS_VERSION = '10.0.17763.1';

/** Fixed, so every reply is byte-identical from one run to the next. */
const MODIFIED = new Date(Date.UTC(2024, 0, 1));
const LAST_MODIFIED = MODIFIED.toUTCString();

export type HeaderValue = string | string[];

export interface Reply {
  status: number;
  /** IIS sc-substatus, for the log */
  subStatus: number;
  /** IIS sc-win32-status, for the log (0 OK, 2 not found, 5 access denied) */
  win32: number;
  headers: Record<string, HeaderValue>;
  body: Buffer;
  /** true when the body is a cabinet */
  cabinet: boolean;
}

/** Headers IIS adds to every response of a WSUS server (X-Powered-By is a server-level custom header). */
export function baseHeaders(): Record<string, HeaderValue> {
  return { Server: IIS_SERVER, 'X-Powered-By': 'ASP.NET' };
}

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A weak 32-bit FNV-1a hash: enough for a stable ETag. */
function fnv1a(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function staticFile(body: Buffer, contentType: string, cabinet: boolean): Reply {
  return {
    status: 200,
    subStatus: 0,
    win32: 0,
    headers: {
      ...baseHeaders(),
      'Content-Type': contentType,
      'Last-Modified': LAST_MODIFIED,
      ETag: `"${fnv1a(body)}d95c0:0"`,
    },
    body,
    cabinet,
  };
}

function cabinetOf(name: string, content: string): Buffer {
  const cab = buildCabinet([{ name, data: text(content.replace(/\n/g, '\r\n')) }], MODIFIED);
  return Buffer.from(cab.buffer, cab.byteOffset, cab.byteLength);
}

/** 200 with a cabinet, headers as IIS's static file handler sends them. */
export function cabinetReply(body: Buffer): Reply {
  return staticFile(body, CAB_CONTENT_TYPE, true);
}

// ---------------------------------------------------------------------------------------------
// Cabinets and the other self-update files

const WUIDENT_TXT = `[SusClientUpdate]
ServerUrlEx=/selfupdate
SusClientVersion=${EMULATED_AGENT_VERSION}

[x86]
ClientVersion=${EMULATED_AGENT_VERSION}
SetupCab=wsus3setup.cab

[x64]
ClientVersion=${EMULATED_AGENT_VERSION}
SetupCab=wsus3setup.cab

[ia64]
ClientVersion=${EMULATED_AGENT_VERSION}
SetupCab=wsus3setup.cab

; Emulated by WSUS Self-Update Doctor: not a file from a real WSUS server.
`;

const IUIDENT_TXT = `[IUIdent]
ServerUrl=/selfupdate
SusClientVersion=5.4.3790.1000

; Emulated by WSUS Self-Update Doctor (WSUS 2.0-era iuident.cab).
`;

/** The files the emulator builds once at start. */
export interface StaticContent {
  wuident: Buffer;
  iuident: Buffer;
  wutrack: Buffer;
}

export function buildStaticContent(): StaticContent {
  const wutrack = Buffer.alloc(64);
  for (let i = 0; i < wutrack.length; i++) wutrack[i] = (i * 37 + 11) & 0xff;
  return {
    wuident: cabinetOf('wuident.txt', WUIDENT_TXT),
    iuident: cabinetOf('iuident.txt', IUIDENT_TXT),
    wutrack,
  };
}

export function wuaucompCabinet(os: string, lang: string): Buffer {
  return cabinetOf(
    'wuaucomp.txt',
    `[wuaucomp]\nPlatform=x86\nOS=${os}\nLanguage=${lang}\nAUClientVersion=5.8.0.2469\n\n; Emulated by WSUS Self-Update Doctor (WSUS 2.0-era Automatic Updates client).\n`,
  );
}

/** Any other file below /selfupdate (wsus3setup.cab, WSUS3/x86/...): a cabinet holding one text file named after it. */
export function genericSelfUpdateCabinet(fileName: string): Buffer {
  const base = fileName.replace(/\.[^.]*$/, '') || 'file';
  return cabinetOf(`${base}.txt`, `[${base}]\nVersion=${EMULATED_AGENT_VERSION}\n\n; Emulated by WSUS Self-Update Doctor.\n`);
}

// ---------------------------------------------------------------------------------------------
// Pages

const IIS_ERROR_STYLE = `<style type="text/css">
<!--
body{margin:0;font-size:.7em;font-family:Verdana, Arial, Helvetica, sans-serif;background:#EEEEEE;}
fieldset{padding:0 15px 10px 15px;}
h1{font-size:2.4em;margin:0;color:#FFF;}
h2{font-size:1.7em;margin:0;color:#CC0000;}
h3{font-size:1.2em;margin:10px 0 0 0;color:#000000;}
#header{width:96%;margin:0 0 0 0;padding:6px 2% 6px 2%;font-family:"trebuchet MS", Verdana, sans-serif;color:#FFF;
background-color:#555555;}
#content{margin:0 0 0 2%;position:relative;}
.content-container{background:#FFF;width:96%;margin-top:8px;padding:10px;position:relative;}
-->
</style>`;

/** IIS custom error texts (what a remote client sees with errorMode DetailedLocalOnly). */
const IIS_ERRORS: Record<number, { title: string; detail: string }> = {
  400: { title: '400 - Bad Request.', detail: 'The request could not be understood by the server due to malformed syntax.' },
  401: {
    title: '401 - Unauthorized: Access is denied due to invalid credentials.',
    detail: 'You do not have permission to view this directory or page using the credentials that you supplied.',
  },
  403: { title: '403 - Forbidden: Access is denied.', detail: 'You do not have permission to view this directory or page using the credentials that you supplied.' },
  404: {
    title: '404 - File or directory not found.',
    detail: 'The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.',
  },
  405: {
    title: '405 - HTTP verb used to access this page is not allowed.',
    detail: 'The page you are looking for cannot be displayed because an invalid method (HTTP verb) was used to attempt access.',
  },
  406: {
    title: '406 - Client browser does not accept the MIME type of the requested page.',
    detail: 'The page you are looking for cannot be opened by your browser because it has a file name extension that your browser does not accept.',
  },
  500: { title: '500 - Internal server error.', detail: 'There is a problem with the resource you are looking for, and it cannot be displayed.' },
  501: { title: '501 - Header values specify a method that is not implemented.', detail: 'The page you are looking for cannot be displayed because a header value in the request does not match certain configuration settings on the Web server.' },
  502: {
    title: '502 - Web server received an invalid response while acting as a gateway or proxy server.',
    detail:
      'There is a problem with the page you are looking for, and it cannot be displayed. When the Web server (while acting as a gateway or proxy) contacted the upstream content server, it received an invalid response from the content server.',
  },
};

function customErrorPage(title: string, detail: string): string {
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>
<title>${escapeHtml(title)}</title>
${IIS_ERROR_STYLE}
</head>
<body>
<div id="header"><h1>Server Error</h1></div>
<div id="content">
 <div class="content-container"><fieldset>
  <h2>${escapeHtml(title)}</h2>
  <h3>${escapeHtml(detail)}</h3>
 </fieldset></div>
</div>
</body>
</html>
`;
}

/** HTTP.sys answers by itself when the application pool is stopped (IIS never sees the request). */
function httpSysPage(title: string, message: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">
<HTML><HEAD><TITLE>${escapeHtml(title)}</TITLE>
<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>
<BODY><h2>${escapeHtml(title)}</h2>
<hr><p>${escapeHtml(message)}</p>
</BODY></HTML>
`;
}

function win32For(status: number, subStatus: number): number {
  if (status === 401) return subStatus === 1 ? 1326 : 5;
  if (status === 403) return 5;
  if (status === 404) return 2;
  return 0;
}

/** Any status with the page IIS would send for it. */
export function errorReply(status: number, subStatus = 0): Reply {
  const reason = STATUS_CODES[status] ?? 'Unknown';
  let page: string;
  let contentType = HTML_CONTENT_TYPE;
  if (status === 503) {
    page = httpSysPage('Service Unavailable', 'HTTP Error 503. The service is unavailable.');
    contentType = 'text/html; charset=us-ascii';
  } else {
    const known = IIS_ERRORS[status];
    page = known
      ? customErrorPage(known.title, known.detail)
      : customErrorPage(`${status} - ${reason}.`, `The server answered with HTTP status ${status}${subStatus ? `.${subStatus}` : ''}.`);
  }
  return {
    status,
    subStatus,
    win32: win32For(status, subStatus),
    headers: { ...baseHeaders(), 'Content-Type': contentType },
    body: text(page),
    cabinet: false,
  };
}

export function notFoundReply(): Reply {
  return errorReply(404, 0);
}

export function methodNotAllowedReply(): Reply {
  const r = errorReply(405, 0);
  r.headers.Allow = 'GET, HEAD';
  return r;
}

/** 401.2: anonymous authentication is off and Windows authentication is on. */
export function windowsAuthReply(): Reply {
  const page = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>
<title>IIS 10.0 Detailed Error - 401.2 - Unauthorized</title>
${IIS_ERROR_STYLE}
</head>
<body>
<div id="header"><h1>Server Error</h1></div>
<div id="content">
 <div class="content-container"><fieldset>
  <h2>HTTP Error 401.2 - Unauthorized</h2>
  <h3>You are not authorized to view this page due to invalid authentication headers.</h3>
 </fieldset></div>
 <div class="content-container"><fieldset>
  <h3>Most likely causes:</h3>
  <ul><li>No authentication protocol (including anonymous) is selected in IIS.</li>
  <li>Only integrated authentication is enabled, and a client browser was used that does not support integrated authentication.</li>
  <li>Integrated authentication is enabled and the request was sent through a proxy that changed the authentication headers before they reach the Web server.</li></ul>
 </fieldset></div>
 <div class="content-container"><fieldset>
  <h3>Detailed Error Information:</h3>
  <p>Module: IIS Web Core<br/>Notification: AuthenticateRequest<br/>Handler: StaticFile<br/>Error Code: 0x80070005</p>
 </fieldset></div>
</div>
</body>
</html>
`;
  return {
    status: 401,
    subStatus: 2,
    win32: 5,
    headers: { ...baseHeaders(), 'Content-Type': HTML_CONTENT_TYPE, 'WWW-Authenticate': ['Negotiate', 'NTLM'] },
    body: text(page),
    cabinet: false,
  };
}

/** 200 with an HTML page from another product that owns the path. */
export function interceptionReply(product: 'sharepoint' | 'generic', path: string): Reply {
  if (product === 'sharepoint') {
    const page = `<!DOCTYPE html>
<html dir="ltr" lang="en-US">
<head><meta name="GENERATOR" content="Microsoft SharePoint" /><meta http-equiv="Content-type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=10" />
<title>Home - Intranet - SharePoint</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1033/styles/Themable/corev15.css?rev=2bpHeX9U8DH09TB5zpJcsQ%3D%3DTAG0"/>
<script type="text/javascript">var _spPageContextInfo={webServerRelativeUrl:"\\u002f",webAbsoluteUrl:"",siteServerRelativeUrl:"\\u002f",serverRequestPath:"${escapeHtml(path).replace(/\//g, '\\u002f')}",webTitle:"Intranet",webTemplate:"1",currentLanguage:1033};</script>
</head>
<body>
<form method="post" action="./" id="aspnetForm">
<div id="s4-workspace"><div id="s4-bodyContainer">
<div id="DeltaPlaceHolderPageTitleInTitleArea">Home</div>
<div id="contentBox">This page is served by Microsoft SharePoint Foundation.</div>
</div></div>
</form>
</body>
</html>
`;
    return {
      status: 200,
      subStatus: 0,
      win32: 0,
      headers: {
        ...baseHeaders(),
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'private, max-age=0',
        'X-AspNet-Version': '4.0.30319',
        SPRequestGuid: 'a3f1c29e-2b6f-4d1e-9a43-6f1f5c0e7b21',
        'request-id': 'a3f1c29e-2b6f-4d1e-9a43-6f1f5c0e7b21',
        'X-SharePointHealthScore': '0',
        SPIisLatency: '0',
        SPRequestDuration: '12',
        'X-MS-InvokeApp': '1; RequireReadOnly',
        MicrosoftSharePointTeamServices: SHAREPOINT_VERSION,
        'X-Content-Type-Options': 'nosniff',
      },
      body: text(page),
      cabinet: false,
    };
  }
  const page = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8" /><title>Welcome - Intranet portal</title></head>
<body>
<h1>Intranet portal</h1>
<p>The page you asked for (${escapeHtml(path)}) is handled by the intranet portal.</p>
</body>
</html>
`;
  return {
    status: 200,
    subStatus: 0,
    win32: 0,
    headers: { ...baseHeaders(), 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private' },
    body: text(page),
    cabinet: false,
  };
}

/** The "Object Moved" page IIS sends with a redirect. */
export function redirectReply(location: string, status: 301 | 302 = 302): Reply {
  const page = `<head><title>Document Moved</title></head>\n<body><h1>Object Moved</h1>This document may be found <a HREF="${escapeHtml(location)}">here</a></body>`;
  return {
    status,
    subStatus: 0,
    win32: 0,
    headers: { ...baseHeaders(), 'Content-Type': 'text/html; charset=UTF-8', Location: location },
    body: text(page),
    cabinet: false,
  };
}

function defaultPageReply(): Reply {
  const page = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1" />
<title>IIS Windows Server</title>
<style type="text/css">
<!--
body {color:#000000;background-color:#0072C6;margin:0;}
#container {margin-left:auto;margin-right:auto;text-align:center;}
a img {border:none;}
-->
</style>
</head>
<body>
<div id="container">
<a href="http://go.microsoft.com/fwlink/?linkid=66138&amp;clcid=0x409"><img src="iisstart.png" alt="IIS" width="960" height="600" /></a>
</div>
</body>
</html>
`;
  return staticFile(text(page), HTML_CONTENT_TYPE, false);
}

interface AsmxService {
  /** lower-case path */
  path: string;
  file: string;
  name: string;
  namespace: string;
  operations: string[];
}

const NS = 'http://www.microsoft.com/SoftwareDistribution/Server';
const ASMX_SERVICES: AsmxService[] = [
  {
    path: '/clientwebservice/client.asmx',
    file: 'client.asmx',
    name: 'Client',
    namespace: `${NS}/ClientWebService`,
    operations: ['GetConfig', 'GetCookie', 'GetExtendedUpdateInfo', 'GetExtendedUpdateInfo2', 'GetFileLocations', 'GetTimestamps', 'RefreshCache', 'RegisterComputer', 'StartCategoryScan', 'SyncPrinterCatalog', 'SyncUpdates'],
  },
  {
    path: '/simpleauthwebservice/simpleauth.asmx',
    file: 'SimpleAuth.asmx',
    name: 'SimpleAuth',
    namespace: `${NS}/SimpleAuthWebService`,
    operations: ['GetAuthorizationCookie'],
  },
  {
    path: '/reportingwebservice/reportingwebservice.asmx',
    file: 'ReportingWebService.asmx',
    name: 'ReportingWebService',
    namespace: `${NS}/ReportingWebService`,
    operations: ['GetRollupConfiguration', 'Hello', 'Ping', 'ReportEventBatch', 'RollupComputers', 'RollupDownstreamServers', 'RollupUpdateStatusPerComputer'],
  },
  {
    path: '/dssauthwebservice/dssauthwebservice.asmx',
    file: 'DssAuthWebService.asmx',
    name: 'DssAuthWebService',
    namespace: `${NS}/DssAuthWebService`,
    operations: ['GetAuthorizationCookie'],
  },
  {
    path: '/serversyncwebservice/serversyncwebservice.asmx',
    file: 'ServerSyncWebService.asmx',
    name: 'ServerSyncWebService',
    namespace: `${NS}/ServerSyncWebService`,
    operations: ['DownloadFiles', 'GetAuthConfig', 'GetCookie', 'GetDeployments', 'GetRelatedRevisionsForUpdates', 'GetRevisionIdList', 'GetUpdateData', 'GetUpdateDecryptionData', 'Ping'],
  },
  {
    path: '/inventory/inventory.asmx',
    file: 'inventory.asmx',
    name: 'Inventory',
    namespace: `${NS}/InventoryWebService`,
    operations: ['GetInventoryRules', 'ReportInventory'],
  },
];

/** The lower-case paths of the web services that answer with an ASP.NET help page. */
export const ASMX_PATHS: readonly string[] = ASMX_SERVICES.map((s) => s.path);

function asmxHelpPage(service: AsmxService, originalPath: string): Reply {
  const items = service.operations
    .map((op) => `        <li>\n          <a href="${service.file}?op=${op}">${op}</a>\n        </li>`)
    .join('\n');
  const page = `<html>

    <head><link rel="alternate" type="text/xml" href="${escapeHtml(originalPath)}?disco" />

    <style type="text/css">
		BODY { color: #000000; background-color: white; font-family: Verdana; margin-left: 0px; margin-top: 0px; }
		#content { margin-left: 30px; font-size: .70em; padding-bottom: 2em; }
		.heading1 { color: #ffffff; font-family: Tahoma; font-size: 26px; font-weight: normal; background-color: #003366; margin-top: 0px; margin-bottom: 0px; margin-left: -30px; padding-top: 10px; padding-bottom: 3px; padding-left: 15px; width: 105%; }
		.intro { margin-left: -15px; }
    </style>

    <title>
	${service.name} Web Service
</title></head>

  <body>

    <div id="content">

      <p class="heading1">${service.name}</p><br>

      <span>
          <p class="intro">The following operations are supported.  For a formal definition, please review the <a href="${service.file}?WSDL">Service Description</a>. </p>

          <ul>
${items}
          </ul>
      </span>

      <span>
        <p class="intro">This web service is using ${service.namespace} as its default namespace.</p>
      </span>

    </div>

  </body>
</html>
`;
  return {
    status: 200,
    subStatus: 0,
    win32: 0,
    headers: { ...baseHeaders(), 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private', 'X-AspNet-Version': '4.0.30319' },
    body: text(page),
    cabinet: false,
  };
}

function serverVersionReply(): Reply {
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<ServerVersion xmlns="${NS}/ClientWebService">
  <Version>${EMULATED_WSUS_VERSION}</Version>
  <ProtocolVersion>1.20</ProtocolVersion>
</ServerVersion>
`;
  return staticFile(text(xml), 'text/xml', false);
}

// ---------------------------------------------------------------------------------------------
// Routing of a healthy site

const LEGACY_WUAUCOMP = /^\/selfupdate\/au\/x86\/([^/]+)\/([^/]+)\/wuaucomp\.cab$/;
const LEGACY_OS = new Map([
  ['netserver', 'NetServer'],
  ['w2k', 'W2K'],
  ['xp', 'XP'],
]);

/**
 * What a healthy WSUS site answers for a GET of `path` (already canonical: decoded, single
 * slashes, no dot segments). Matching is case-insensitive, as on IIS. `origin` (e.g.
 * "http://wsus01:8530") makes absolute Location headers.
 */
export function healthyReply(path: string, content: StaticContent, origin: string): Reply {
  const p = path.toLowerCase();
  if (p === '/' || p === '/iisstart.htm') return defaultPageReply();
  if (p === '/iuident.cab') return cabinetReply(content.iuident);
  if (p === '/wutrack.bin') return staticFile(content.wutrack, BINARY_CONTENT_TYPE, false);
  if (p === '/selfupdate/wuident.cab') return cabinetReply(content.wuident);
  if (p === '/selfupdate/au' || p.startsWith('/selfupdate/au/')) {
    const m = LEGACY_WUAUCOMP.exec(p);
    const os = m ? LEGACY_OS.get(m[1]!) : undefined;
    if (!m || !os || !/^[a-z]{2,4}$/.test(m[2]!)) return notFoundReply();
    return cabinetReply(wuaucompCabinet(os, m[2]!.toUpperCase()));
  }
  if (p === '/selfupdate') return redirectReply(`${origin}${path}/`, 301); // IIS: a folder without its trailing slash
  if (p.startsWith('/selfupdate/')) {
    if (p.endsWith('/')) return errorReply(403, 14);
    const name = path.slice(path.lastIndexOf('/') + 1);
    return cabinetReply(genericSelfUpdateCabinet(name));
  }
  const service = ASMX_SERVICES.find((s) => s.path === p);
  if (service) return asmxHelpPage(service, path);
  if (p === '/clientwebservice/wusserverversion.xml') return serverVersionReply();
  if (p === '/apiremoting30' || p.startsWith('/apiremoting30/')) return windowsAuthReply();
  return notFoundReply();
}

/** The cabinet to use for a cabinet fault on a path whose healthy reply is not a cabinet. */
export function fallbackCabinet(healthy: Reply, content: StaticContent): Buffer {
  return healthy.cabinet ? healthy.body : content.wuident;
}

/** Deterministic bytes that are not a cabinet. */
export function garbageBytes(length: number): Buffer {
  const out = Buffer.alloc(Math.max(64, length));
  let x = 0x2545f491;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  out[0] = 0x00; // never "MSCF"
  return out;
}
