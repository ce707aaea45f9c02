/**
 * Redaction before a report is shared (flutter doctor's piiStrippedMessage, for a whole report).
 *
 * Host names, IP addresses and user names are replaced by placeholders (host-1, ip-1, user-1 …).
 * The same name gets the same placeholder everywhere in the report, so the report still reads
 * ("host-3 did not answer on port 8530" in one check, "http://host-3:8530" in another).
 *
 * Replaced, in every string of the report except ids, statuses, timestamps and the tool's name:
 * - the computer name, the domain (DNS and NetBIOS forms), the WSUS host and every other host found
 *   in a URL, as a UNC server (\\host\share) or after a known domain (x.corp.example);
 * - other names that look like an FQDN (lower-case last label such as wsus01.contoso.com, or an
 *   all-capitals name with three labels or more such as WSUS01.CORP.LOCAL), but not file names
 *   (wuident.cab, WindowsUpdate.log), check ids, .NET type names or "ASP.NET";
 * - IPv4 and IPv6 addresses, except loopback and unspecified ones (127.0.0.1, ::1, 0.0.0.0), which
 *   several checks are about;
 * - user names: the environment's user name (with or without its domain), DOMAIN\user for a known
 *   domain or the computer itself, user@domain, a lower-case DOMAIN\user, and URL user info.
 *   Well-known principals (NT AUTHORITY\SYSTEM, BUILTIN\Users, IIS APPPOOL\WsusPool) are kept, and
 *   built-in groups such as CORP\Domain Admins keep their group name (host-2\Domain Admins).
 *
 * Kept as they are: URLs on Microsoft's public hosts (learn.microsoft.com, support.microsoft.com,
 * *.windowsupdate.com …) with their paths, and registry key paths (HKLM\SOFTWARE\Policies\Microsoft\
 * Windows\WindowsUpdate …). Placeholders are never replaced again. Pure: no Node or DOM.
 */
import { ALL_CHECK_IDS } from './check-ids.js';
import { DOC_HOSTS } from './docs.js';
import type { Report } from './report-model.js';

type Kind = 'host' | 'ip' | 'user';

/** Report keys whose strings are not free text: ids, enums, timestamps, the tool itself. */
const SKIP_KEYS: ReadonlySet<string> = new Set(['schemaVersion', 'tool', 'lang', 'role', 'id', 'status', 'startedAt', 'at', 'result']);

/** Microsoft's public hosts (and subdomains): naming them reveals nothing about the customer. */
const PUBLIC_DOMAINS: readonly string[] = [...DOC_HOSTS, 'microsoft.com', 'windowsupdate.com', 'windows.com', 'msftconnecttest.com', 'msftncsi.com'];

/** Single-label names too common in the report's own text to replace wherever they appear. */
const COMMON_WORDS: ReadonlySet<string> = new Set([
  'wsus', 'server', 'client', 'update', 'updates', 'windows', 'windowsupdate', 'selfupdate', 'content', 'localhost', 'www', 'iis',
  'http', 'https', 'proxy', 'microsoft', 'default', 'domain', 'admin', 'administrator', 'administrators', 'user', 'users', 'guest',
  'system', 'service', 'services', 'network', 'local', 'host', 'workgroup', 'test', 'none', 'null', 'true', 'false', 'site', 'sites',
]);

/** Accounts and groups that exist in every domain or on every machine: their names are not personal. */
const WELL_KNOWN_ACCOUNTS: readonly string[] = [
  'Domain Admins', 'Domain Users', 'Domain Computers', 'Domain Controllers', 'Domain Guests', 'Enterprise Admins', 'Schema Admins',
  'WSUS Administrators', 'WSUS Reporters', 'Authenticated Users', 'Network Service', 'Local Service', 'Administrators',
  'Administrator', 'Users', 'Guests', 'Guest', 'IIS_IUSRS', 'SYSTEM', 'Everyone',
];
const WELL_KNOWN_LOWER: ReadonlySet<string> = new Set(WELL_KNOWN_ACCOUNTS.map((a) => a.toLowerCase()));

/** Last labels that make a dotted name a file, not a host. */
const FILE_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'cab dll exe log config asmx aspx asp ashx axd svc xml xsd json txt etl htm html inf cat msi msu msp ps1 psm1 psd1 vbs js mjs cjs ' +
    'ts css bin sys ini dat reg mum manifest evtx evt old bak tmp temp cmd bat mdf ldf cer crt pfx pem p7b zip csv md mof sdb cfg db ' +
    'edb jrs chk wsf hta lnk png jpg jpeg gif ico pdb ocx drv efi wim vhd vhdx iso esd psf mui sql cs vb resx'
  ).split(' '),
);

/** The second word of well-known authorities (NT SERVICE\wuauserv, IIS APPPOOL\wsuspool), never user domains. */
const AUTHORITY_WORDS: ReadonlySet<string> = new Set(['AUTHORITY', 'SERVICE', 'APPPOOL', 'BUILTIN', 'MACHINE', 'NT', 'IIS', 'WINDOWS', 'SYSTEM32']);

/** Dotted words that are not host names. */
const NOT_HOSTS: ReadonlySet<string> = new Set(['asp.net', 'vb.net', 'ado.net', 'node.js', 'e.g', 'i.e']);

const CHECK_IDS: ReadonlySet<string> = new Set(ALL_CHECK_IDS);
const PLACEHOLDER = /^(?:host|ip|user)-\d+$/i;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** A case-insensitive pattern for one literal, usable inside a case-sensitive regex. */
function ci(s: string): string {
  return escapeRe(s).replace(/[A-Za-z]/g, (ch) => `[${ch.toUpperCase()}${ch.toLowerCase()}]`);
}

function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  const addr = s.replace(/%[0-9A-Za-z_-]+$/, '');
  if (!/^[0-9A-Fa-f:.]+$/.test(addr) || !addr.includes(':')) return false;
  const halves = addr.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string): string[] | null => {
    if (part === '') return [];
    const gs = part.split(':');
    const last = gs[gs.length - 1]!;
    const out: string[] = [];
    for (const [i, g] of gs.entries()) {
      if (i === gs.length - 1 && last.includes('.')) {
        if (!isIPv4(last)) return null;
        out.push('v4a', 'v4b');
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) out.push(g);
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return false;
  const n = head.length + tail.length;
  return halves.length === 2 ? n <= 7 : n === 8;
}

/** Loopback and unspecified addresses: the checks are about them, and they identify nobody. */
function isNonIdentifyingIp(ip: string): boolean {
  const a = ip.toLowerCase().replace(/%.*$/, '');
  if (isIPv4(a)) return a.startsWith('127.') || a === '0.0.0.0' || a === '255.255.255.255';
  return a === '::1' || a === '::' || a === '0:0:0:0:0:0:0:1' || a === '0:0:0:0:0:0:0:0';
}

function isPublicHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || PUBLIC_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}

function splitUser(userName: string): { domain?: string; account: string } {
  const back = userName.lastIndexOf('\\');
  if (back > 0) return { domain: userName.slice(0, back), account: userName.slice(back + 1) };
  const at = userName.indexOf('@');
  if (at > 0) return { account: userName.slice(0, at), domain: userName.slice(at + 1) };
  return { account: userName };
}

/** Hosts written in URLs (scheme://[user@]host) anywhere in a string. */
const URL_HOST = /\b[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/(?:[^\s@/?#"'<>]{1,256}@)?(\[[0-9A-Fa-f:.%]+\]|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)/g;

class Redactor {
  readonly #numbers = new Map<Kind, Map<string, string>>([
    ['host', new Map()],
    ['ip', new Map()],
    ['user', new Map()],
  ]);
  /** Other spellings of a host (its short name, the NetBIOS domain) → the key of its placeholder. */
  readonly #hostAliases = new Map<string, string>();
  /** Known names, lower-case → what they are. */
  readonly #known = new Map<string, { kind: 'host' | 'user'; key: string }>();
  /** NetBIOS-style domains whose DOMAIN\account names are redacted (lower-case). */
  readonly #netbiosDomains = new Set<string>();
  readonly #dnsDomains = new Set<string>();
  #scan: RegExp | null = null;
  #knownOnly: RegExp | null = null;

  placeholder(kind: Kind, rawKey: string): string {
    const key = rawKey.toLowerCase().replace(/\.$/, '');
    const canonical = kind === 'host' ? (this.#hostAliases.get(key) ?? key) : key;
    const map = this.#numbers.get(kind)!;
    let p = map.get(canonical);
    if (!p) {
      p = `${kind}-${map.size + 1}`;
      map.set(canonical, p);
    }
    return p;
  }

  addHost(name: string | undefined, canonical?: string): void {
    if (!name) return;
    const key = name.trim().toLowerCase().replace(/\.$/, '');
    if (key === '' || PLACEHOLDER.test(key) || isPublicHost(key)) return;
    if (isIPv4(key) || isIPv6(key.replace(/^\[|\]$/g, ''))) return; // addresses are found by shape
    const canon = canonical?.toLowerCase() ?? key;
    if (key !== canon && !this.#hostAliases.has(key)) this.#hostAliases.set(key, this.#hostAliases.get(canon) ?? canon);
    if (key.length >= 2 && !COMMON_WORDS.has(key) && !this.#known.has(key)) this.#known.set(key, { kind: 'host', key });
    const dot = key.indexOf('.');
    if (dot > 0) {
      // The short name of a known FQDN is the same machine.
      const short = key.slice(0, dot);
      if (short.length >= 2 && !COMMON_WORDS.has(short) && !this.#hostAliases.has(short) && !this.#known.has(short)) {
        this.#hostAliases.set(short, this.#hostAliases.get(canon) ?? canon);
        this.#known.set(short, { kind: 'host', key: short });
      }
    }
  }

  addDomain(domain: string | undefined): void {
    if (!domain) return;
    const d = domain.trim().toLowerCase().replace(/\.$/, '');
    if (d === '' || d === 'workgroup' || PLACEHOLDER.test(d)) return;
    if (d.includes('.')) {
      this.#dnsDomains.add(d);
      this.addHost(d);
      const netbios = d.slice(0, d.indexOf('.'));
      if (netbios.length >= 2 && !COMMON_WORDS.has(netbios)) this.#netbiosDomains.add(netbios);
    } else {
      this.#netbiosDomains.add(d);
      this.addHost(d);
    }
  }

  addComputer(name: string | undefined): void {
    if (!name) return;
    const n = name.trim().toLowerCase();
    if (n === '' || PLACEHOLDER.test(n)) return;
    this.addHost(n);
    if (!n.includes('.')) this.#netbiosDomains.add(n); // local accounts: PC-0142\tanaka
    for (const d of this.#dnsDomains) this.addHost(`${n}.${d}`, n);
  }

  addUser(userName: string | undefined): void {
    if (!userName) return;
    const { domain, account } = splitUser(userName.trim());
    if (domain) this.addDomain(domain);
    const a = account.toLowerCase();
    if (a.length >= 2 && !PLACEHOLDER.test(a) && !COMMON_WORDS.has(a) && !WELL_KNOWN_LOWER.has(a)) {
      this.#known.set(a, { kind: 'user', key: a });
    }
  }

  addUrlHostsOf(text: string): void {
    for (const m of text.matchAll(URL_HOST)) this.addHost(m[1]);
  }

  /** Fixes the numbering of the names every report has: the computer first, then its domain, then the WSUS server. */
  reserve(names: { computer?: string; domain?: string; wsusHost?: string }): void {
    if (names.computer) this.placeholder('host', names.computer);
    if (names.domain) this.placeholder('host', names.domain);
    if (names.wsusHost) this.placeholder('host', names.wsusHost);
  }

  build(): void {
    const byLength = (a: string, b: string) => b.length - a.length;
    const knownNames = [...this.#known.keys()].sort(byLength);
    const knownFqdns = knownNames.filter((n) => n.includes('.'));
    const knownSingles = knownNames.filter((n) => !n.includes('.'));
    const netbios = [...this.#netbiosDomains].sort(byLength);
    const alt = (names: string[]) => names.map(ci).join('|');
    const publicHosts = PUBLIC_DOMAINS.map(ci).join('|');
    const hives = ['HKEY_LOCAL_MACHINE', 'HKEY_CURRENT_USER', 'HKEY_CLASSES_ROOT', 'HKEY_CURRENT_CONFIG', 'HKEY_USERS', 'HKLM', 'HKCU', 'HKCR', 'HKCC', 'HKU']
      .map(ci)
      .join('|');
    const wellKnown = [...WELL_KNOWN_ACCOUNTS].sort(byLength).map(ci).join('|');
    const segment = `[^\\\\\\s"'<>:/]+`;
    const account = `[A-Za-z0-9_$-]+(?:\\.[A-Za-z0-9_$-]+)*`;
    const parts = [
      // Kept: public Microsoft URLs with their path, registry key paths (spaces allowed inside a key, not in the last name).
      `(?<keep>\\b[Hh][Tt][Tt][Pp][Ss]?:\\/\\/(?:[A-Za-z0-9-]+\\.)*(?:${publicHosts})(?=[/:?#\\s"'<>)\\]]|$)[^\\s"'<>]*` +
        `|(?<![A-Za-z0-9_\\\\])(?:${hives})(?:\\\\(?:${segment}(?: ${segment})*(?=\\\\)|${segment}))*(?![A-Za-z0-9_]))`,
      // scheme://[userinfo@]host
      `(?<urlPrefix>\\b[A-Za-z][A-Za-z0-9+.-]{0,31}:\\/\\/)(?:(?<urlUser>[^\\s@/?#"'<>]{1,256})@)?(?<urlHost>\\[[0-9A-Fa-f:.%]+\\]|[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*)`,
      `(?<ipv4>(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?!\\d|\\.\\d))`,
      `(?<ipv6>(?<![\\w:.%])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f]{1,4})?(?:%[0-9A-Za-z_-]+)?(?![\\w:]))`,
      `(?<upn>(?<![\\w.%+-])(?<upnUser>[A-Za-z0-9._%+-]{1,64})@(?:[A-Za-z0-9-]+\\.)+[A-Za-z]{2,}(?![\\w-]))`,
      ...(netbios.length
        ? [`(?<![A-Za-z0-9_\\\\-])(?<kdom>${alt(netbios)})\\\\(?<kacct>(?:${wellKnown})(?![A-Za-z0-9_$-])|${account})`]
        : []),
      `(?<![\\w\\\\/:.%-])(?<gdom>[A-Z][A-Z0-9-]{1,14})\\\\(?<gacct>[a-z][a-z0-9_-]*(?:\\.[a-z0-9_-]+)*)(?![\\w\\\\$-])`,
      `(?<unc>(?<![\\w\\\\:%.-])\\\\\\\\)(?<uncHost>[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*)(?=[\\\\\\s"'<>]|$)`,
      ...(knownFqdns.length ? [`(?<![A-Za-z0-9.-])(?<knownFqdn>${alt(knownFqdns)})(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`] : []),
      // a dotted name, whole: not the tail of a longer name (a "*." wildcard prefix is fine), not followed by more labels
      `(?<fqdn>(?<![A-Za-z0-9_@-])(?<![A-Za-z0-9_-]\\.)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]*(?![A-Za-z0-9_-]|\\.[A-Za-z0-9]))`,
      ...(knownSingles.length ? [`(?<![A-Za-z0-9-])(?<known>${alt(knownSingles)})(?![A-Za-z0-9-])`] : []),
    ];
    this.#scan = new RegExp(parts.join('|'), 'g');
    this.#knownOnly = knownNames.length ? new RegExp(`(?<![A-Za-z0-9-])(?:${alt(knownNames)})(?![A-Za-z0-9-])`, 'g') : null;
  }

  #host(raw: string): string {
    if (PLACEHOLDER.test(raw)) return raw;
    const bare = raw.replace(/^\[|\]$/g, '');
    if (isIPv4(bare) || isIPv6(bare)) {
      if (isNonIdentifyingIp(bare)) return raw;
      const p = this.placeholder('ip', bare);
      return raw.startsWith('[') ? `[${p}]` : p;
    }
    if (isPublicHost(raw)) return raw;
    return this.placeholder('host', raw);
  }

  #user(account: string): string {
    return PLACEHOLDER.test(account) ? account : this.placeholder('user', account);
  }

  /** Replaces only the known names inside a word that is otherwise kept (IUSR_WSUS01, WSUS01.log). */
  #knownInside(text: string): string {
    if (!this.#knownOnly) return text;
    return text.replace(this.#knownOnly, (name) => {
      const k = this.#known.get(name.toLowerCase())!;
      return k.kind === 'user' ? this.#user(k.key) : this.placeholder('host', k.key);
    });
  }

  #looksLikeHost(name: string): boolean {
    const lower = name.toLowerCase();
    if (NOT_HOSTS.has(lower) || CHECK_IDS.has(lower)) return false;
    if ([...this.#dnsDomains].some((d) => lower === d || lower.endsWith(`.${d}`))) return true;
    const labels = name.split('.');
    const tld = labels[labels.length - 1]!;
    if (!/^[A-Za-z]{2,63}$/.test(tld) || FILE_EXTENSIONS.has(tld.toLowerCase())) return false;
    if (tld === tld.toLowerCase()) return true;
    return tld === tld.toUpperCase() && labels.length >= 3;
  }

  #domainAccount(domain: string, account: string): string {
    if (WELL_KNOWN_LOWER.has(account.toLowerCase())) return `${this.#host(domain)}\\${account}`;
    if (/^(?:IUSR|IWAM)_/i.test(account)) return `${this.#host(domain)}\\${this.#knownInside(account)}`;
    return this.#user(account);
  }

  redact(text: string): string {
    const scan = this.#scan!;
    return text.replace(scan, (match: string, ...args: unknown[]) => {
      const g = args[args.length - 1] as Record<string, string | undefined>;
      if (g.keep !== undefined) return match;
      if (g.urlPrefix !== undefined) {
        // user info: the name is replaced, a password is dropped
        const user = g.urlUser !== undefined ? `${this.#user(g.urlUser.split(':')[0]!)}@` : '';
        return `${g.urlPrefix}${user}${this.#host(g.urlHost!)}`;
      }
      if (g.ipv4 !== undefined) return isIPv4(match) && !isNonIdentifyingIp(match) ? this.placeholder('ip', match) : match;
      if (g.ipv6 !== undefined) return isIPv6(match) && !isNonIdentifyingIp(match) ? this.placeholder('ip', match) : match;
      if (g.upn !== undefined) return this.#user(g.upnUser!);
      if (g.kdom !== undefined) return this.#domainAccount(g.kdom, g.kacct!);
      if (g.gdom !== undefined) {
        if (PLACEHOLDER.test(g.gacct!) || AUTHORITY_WORDS.has(g.gdom)) return match;
        return this.#domainAccount(g.gdom, g.gacct!);
      }
      if (g.unc !== undefined) return `${g.unc}${this.#host(g.uncHost!)}`;
      if (g.knownFqdn !== undefined) return this.placeholder('host', g.knownFqdn);
      if (g.fqdn !== undefined) return this.#looksLikeHost(match) ? this.#host(match) : this.#knownInside(match);
      if (g.known !== undefined) {
        const k = this.#known.get(match.toLowerCase())!;
        return k.kind === 'user' ? this.#user(k.key) : this.placeholder('host', k.key);
      }
      return match;
    });
  }
}

function hostOfUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  URL_HOST.lastIndex = 0;
  const m = URL_HOST.exec(url);
  URL_HOST.lastIndex = 0;
  return m?.[1];
}

/** Every free-text string of a JSON value, with its key; ids, enums and timestamps are left out. */
function forEachString(value: unknown, visit: (s: string) => void, key?: string): void {
  if (key !== undefined && SKIP_KEYS.has(key)) return;
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const v of value) forEachString(v, visit);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) forEachString(v, visit, k);
}

function mapStrings(value: unknown, map: (s: string) => string, key?: string): unknown {
  if (key !== undefined && SKIP_KEYS.has(key)) return structuredCloneJson(value);
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, map, k);
    return out;
  }
  return value;
}

function structuredCloneJson(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** A copy of the report with host names, IP addresses and user names replaced by placeholders. */
export function redactReport(report: Report): Report {
  if (report.redacted) return structuredCloneJson(report) as Report;
  const r = new Redactor();
  const env = report.environment;
  const target = report.target;
  const computer = target.computerName || env.computerName || undefined;
  const domain = target.domain || env.domain || undefined;
  const wsusHost = hostOfUrl(target.wsusUrl) ?? hostOfUrl(env.wsusUrl);

  r.addDomain(domain);
  r.addDomain(env.domain);
  r.addComputer(computer);
  r.addComputer(env.computerName || undefined);
  r.addHost(wsusHost);
  r.addUser(env.userName);
  forEachString(report, (s) => r.addUrlHostsOf(s));
  r.reserve({
    ...(computer ? { computer } : {}),
    ...(domain && domain.toLowerCase() !== 'workgroup' ? { domain } : {}),
    ...(wsusHost ? { wsusHost } : {}),
  });
  r.build();

  const out = mapStrings(report, (s) => r.redact(s)) as Report;
  out.redacted = true;
  return out;
}

/** Redacts one piece of text on its own (a ticket summary, a log line), with the same rules. */
export function redactText(text: string, context: { computerName?: string; domain?: string; userName?: string; wsusUrl?: string } = {}): string {
  const r = new Redactor();
  const wsusHost = hostOfUrl(context.wsusUrl);
  r.addDomain(context.domain);
  r.addComputer(context.computerName);
  r.addHost(wsusHost);
  r.addUser(context.userName);
  r.addUrlHostsOf(text);
  r.reserve({
    ...(context.computerName ? { computer: context.computerName } : {}),
    ...(context.domain ? { domain: context.domain } : {}),
    ...(wsusHost ? { wsusHost } : {}),
  });
  r.build();
  return r.redact(text);
}
