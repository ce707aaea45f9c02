/**
 * What this Windows machine is: name, user, OS product and version (from the registry, so it works
 * under Wine too), architecture, installed UI language, and the system folders.
 */
import { hostname, release, userInfo } from 'node:os';
import { findValue, KEYS, type RegKeySnapshot } from '../../../shared/registry-types.js';
import type { RegistryAdapter, SystemAdapter, SystemInfo } from '../types.js';
import { isSafeWindowsFolder, systemRoot } from './command-runner.js';

export interface WindowsSystemInfo extends SystemInfo {
  /** "22H2" (DisplayVersion, or ReleaseId on older Windows 10) */
  displayVersion?: string;
  /** "Enterprise", "ServerStandard", ... */
  editionId?: string;
  /** "Client", "Server", "Server Core" */
  installationType?: string;
}

export const NLS_LANGUAGE_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Nls\\Language';

/** Common Windows LCIDs → BCP 47 (the languages Windows ships in). */
const LCIDS: Record<number, string> = {
  0x0401: 'ar-SA',
  0x0402: 'bg-BG',
  0x0403: 'ca-ES',
  0x0404: 'zh-TW',
  0x0405: 'cs-CZ',
  0x0406: 'da-DK',
  0x0407: 'de-DE',
  0x0408: 'el-GR',
  0x0409: 'en-US',
  0x040a: 'es-ES',
  0x040b: 'fi-FI',
  0x040c: 'fr-FR',
  0x040d: 'he-IL',
  0x040e: 'hu-HU',
  0x0410: 'it-IT',
  0x0411: 'ja-JP',
  0x0412: 'ko-KR',
  0x0413: 'nl-NL',
  0x0414: 'nb-NO',
  0x0415: 'pl-PL',
  0x0416: 'pt-BR',
  0x0418: 'ro-RO',
  0x0419: 'ru-RU',
  0x041a: 'hr-HR',
  0x041b: 'sk-SK',
  0x041d: 'sv-SE',
  0x041e: 'th-TH',
  0x041f: 'tr-TR',
  0x0421: 'id-ID',
  0x0422: 'uk-UA',
  0x0424: 'sl-SI',
  0x0425: 'et-EE',
  0x0426: 'lv-LV',
  0x0427: 'lt-LT',
  0x042a: 'vi-VN',
  0x042d: 'eu-ES',
  0x043e: 'ms-MY',
  0x0456: 'gl-ES',
  0x0804: 'zh-CN',
  0x0809: 'en-GB',
  0x080a: 'es-MX',
  0x0816: 'pt-PT',
  0x081a: 'sr-Latn-RS',
  0x0c04: 'zh-HK',
  0x0c09: 'en-AU',
  0x0c0a: 'es-ES',
  0x0c0c: 'fr-CA',
  0x1009: 'en-CA',
  0x241a: 'sr-Latn-RS',
};

/** An LCID as the registry stores it ("0409", or a number) → BCP 47, when it is a common one. */
export function lcidToBcp47(lcid: unknown): string | undefined {
  let n: number;
  if (typeof lcid === 'number') n = lcid;
  else if (typeof lcid === 'string' && /^(0x)?[0-9a-fA-F]{1,8}$/.test(lcid.trim())) n = parseInt(lcid.trim().replace(/^0x/i, ''), 16);
  else return undefined;
  return LCIDS[n];
}

/** Windows' PROCESSOR_ARCHITECTURE (or Node's process.arch) → "x64" | "x86" | "arm64" | ... */
export function normaliseArch(value: string | undefined): string | undefined {
  if (!value) return undefined;
  switch (value.trim().toUpperCase()) {
    case 'AMD64':
    case 'X64':
    case 'EM64T':
      return 'x64';
    case 'X86':
    case 'IA32':
      return 'x86';
    case 'ARM64':
      return 'arm64';
    case 'ARM':
      return 'arm';
    case 'IA64':
      return 'ia64';
    default:
      return undefined;
  }
}

/** The OS architecture: the real one also from a 32-bit process on 64-bit Windows (PROCESSOR_ARCHITEW6432). */
export function osArch(env: NodeJS.ProcessEnv, processArch: string): string {
  return normaliseArch(env.PROCESSOR_ARCHITEW6432) ?? normaliseArch(env.PROCESSOR_ARCHITECTURE) ?? normaliseArch(processArch) ?? processArch;
}

function str(key: RegKeySnapshot | null, name: string): string | undefined {
  const v = findValue(key, name)?.value;
  if (!v || (v.type !== 'REG_SZ' && v.type !== 'REG_EXPAND_SZ')) return undefined;
  const t = v.data.trim();
  return t === '' ? undefined : t;
}

function dword(key: RegKeySnapshot | null, name: string): number | undefined {
  const v = findValue(key, name)?.value;
  if (v?.type === 'REG_DWORD') return v.data;
  if (v && (v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ') && /^\d+$/.test(v.data.trim())) return Number(v.data.trim());
  return undefined;
}

export interface OsVersionFacts {
  productName: string;
  version: string;
  ubr?: number;
  displayVersion?: string;
  editionId?: string;
  installationType?: string;
}

/**
 * HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion → product name and "major.minor.build".
 * Major/minor from CurrentMajorVersionNumber/CurrentMinorVersionNumber (Windows 10+), else
 * CurrentVersion ("6.1"); build from CurrentBuildNumber/CurrentBuild. Windows 11 still says
 * "Windows 10" in ProductName: builds from 22000 on are named Windows 11.
 */
export function osVersionFrom(key: RegKeySnapshot | null, fallbackRelease = ''): OsVersionFacts {
  let major = dword(key, 'CurrentMajorVersionNumber');
  let minor = dword(key, 'CurrentMinorVersionNumber');
  if (major === undefined || minor === undefined) {
    const m = /^(\d+)\.(\d+)$/.exec(str(key, 'CurrentVersion') ?? '');
    if (m) {
      major = Number(m[1]);
      minor = Number(m[2]);
    }
  }
  const buildText = str(key, 'CurrentBuildNumber') ?? str(key, 'CurrentBuild');
  let build = buildText && /^\d+$/.test(buildText) ? Number(buildText) : undefined;
  const rel = /^(\d+)\.(\d+)\.(\d+)/.exec(fallbackRelease);
  if (major === undefined || minor === undefined) {
    if (rel) {
      major = Number(rel[1]);
      minor = Number(rel[2]);
    }
  }
  if (build === undefined && rel) build = Number(rel[3]);
  const version = major !== undefined && minor !== undefined ? `${major}.${minor}${build !== undefined ? `.${build}` : ''}` : fallbackRelease || 'unknown';

  let productName = str(key, 'ProductName') ?? 'Windows';
  if (build !== undefined && build >= 22000 && /^Windows 10\b/.test(productName)) productName = productName.replace(/^Windows 10\b/, 'Windows 11');

  const facts: OsVersionFacts = { productName, version };
  const ubr = dword(key, 'UBR');
  if (ubr !== undefined) facts.ubr = ubr;
  const displayVersion = str(key, 'DisplayVersion') ?? str(key, 'ReleaseId') ?? str(key, 'CSDVersion');
  if (displayVersion) facts.displayVersion = displayVersion;
  const editionId = str(key, 'EditionID');
  if (editionId) facts.editionId = editionId;
  const installationType = str(key, 'InstallationType');
  if (installationType) facts.installationType = installationType;
  return facts;
}

export interface SystemInfoOptions {
  env?: NodeJS.ProcessEnv;
  processArch?: string;
  hostname?: () => string;
  osRelease?: () => string;
  userName?: () => string | undefined;
  /** The locale Intl resolves (default: Intl.DateTimeFormat().resolvedOptions().locale). */
  intlLocale?: () => string | undefined;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const PRINTABLE_NAME = /^[^\u0000-\u001f\u007f]{1,256}$/;

function envText(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name];
  return typeof v === 'string' && PRINTABLE_NAME.test(v.trim()) ? v.trim() : undefined;
}

export class WindowsSystem implements SystemAdapter {
  readonly #registry: RegistryAdapter;
  readonly #opts: Required<Omit<SystemInfoOptions, 'env'>> & { env: NodeJS.ProcessEnv };

  constructor(registry: RegistryAdapter, options: SystemInfoOptions = {}) {
    this.#registry = registry;
    this.#opts = {
      env: options.env ?? process.env,
      processArch: options.processArch ?? process.arch,
      hostname: options.hostname ?? hostname,
      osRelease: options.osRelease ?? release,
      userName:
        options.userName ??
        ((): string | undefined => {
          try {
            return userInfo().username;
          } catch {
            return undefined;
          }
        }),
      intlLocale:
        options.intlLocale ??
        ((): string | undefined => {
          try {
            return Intl.DateTimeFormat().resolvedOptions().locale;
          } catch {
            return undefined;
          }
        }),
    };
  }

  async #read(path: string, signal?: AbortSignal): Promise<RegKeySnapshot | null> {
    try {
      return await this.#registry.readKey(path, signal);
    } catch (e) {
      if (signal?.aborted) throw e;
      return null;
    }
  }

  async info(signal?: AbortSignal): Promise<WindowsSystemInfo> {
    const { env } = this.#opts;
    const [cv, nls] = [await this.#read(KEYS.currentVersion, signal), await this.#read(NLS_LANGUAGE_KEY, signal)];
    const os = osVersionFrom(cv, this.#opts.osRelease());

    const installLanguage = lcidToBcp47(str(nls, 'InstallLanguage')) ?? lcidToBcp47(str(nls, 'Default'));
    const intl = this.#opts.intlLocale();
    const uiLanguage = installLanguage ?? (intl && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(intl) ? intl : 'en-US');

    const computerName = envText(env, 'COMPUTERNAME') ?? this.#opts.hostname();
    const userDomain = envText(env, 'USERDOMAIN');
    const user = envText(env, 'USERNAME') ?? this.#opts.userName();
    const programFilesCandidate = [env.ProgramW6432, env.ProgramFiles, env.PROGRAMFILES].find((p) => isSafeWindowsFolder(p));

    const info: WindowsSystemInfo = {
      platform: 'win32',
      computerName,
      productName: os.productName,
      version: os.version,
      arch: osArch(env, this.#opts.processArch),
      uiLanguage,
      systemRoot: systemRoot(env),
      programFiles: programFilesCandidate ? programFilesCandidate.replace(/\\+$/, '') : 'C:\\Program Files',
    };
    const domain = envText(env, 'USERDNSDOMAIN');
    if (domain) info.domain = domain;
    if (user) info.userName = userDomain ? `${userDomain}\\${user}` : user;
    if (os.ubr !== undefined) info.ubr = os.ubr;
    if (os.displayVersion) info.displayVersion = os.displayVersion;
    if (os.editionId) info.editionId = os.editionId;
    if (os.installationType) info.installationType = os.installationType;
    return info;
  }
}
