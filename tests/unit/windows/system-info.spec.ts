import { describe, expect, it } from 'vitest';
import { SimulatedRegistry } from '../../../main/adapters/simulated/machine.js';
import type { RegistryAdapter } from '../../../main/adapters/types.js';
import { lcidToBcp47, NLS_LANGUAGE_KEY, normaliseArch, osArch, osVersionFrom, WindowsSystem } from '../../../main/adapters/windows/system-info.js';
import { KEYS, type RegKeySnapshot, type RegValue } from '../../../shared/registry-types.js';

const sz = (data: string): RegValue => ({ type: 'REG_SZ', data });
const snap = (values: Record<string, RegValue>): RegKeySnapshot => ({ path: KEYS.currentVersion, values, subkeys: [] });
const dw = (data: number): RegValue => ({ type: 'REG_DWORD', data });

const WIN10_22H2 = {
  ProductName: sz('Windows 10 Enterprise'),
  EditionID: sz('Enterprise'),
  InstallationType: sz('Client'),
  CurrentVersion: sz('6.3'),
  CurrentMajorVersionNumber: dw(10),
  CurrentMinorVersionNumber: dw(0),
  CurrentBuild: sz('19045'),
  CurrentBuildNumber: sz('19045'),
  DisplayVersion: sz('22H2'),
  UBR: dw(3803),
};

function system(values: Record<string, RegValue> | null, env: NodeJS.ProcessEnv, nls?: Record<string, RegValue>): WindowsSystem {
  const registry = new SimulatedRegistry('test');
  if (values) registry.load(KEYS.currentVersion, values);
  if (nls) registry.load(NLS_LANGUAGE_KEY, nls);
  return new WindowsSystem(registry, { env, processArch: 'x64', hostname: () => 'fallback-host', osRelease: () => '10.0.19045', userName: () => 'os-user', intlLocale: () => 'de-DE' });
}

describe('OS version from the registry', () => {
  it('Windows 10 22H2', () => {
    expect(osVersionFrom(snap(WIN10_22H2))).toEqual({
      productName: 'Windows 10 Enterprise',
      version: '10.0.19045',
      ubr: 3803,
      displayVersion: '22H2',
      editionId: 'Enterprise',
      installationType: 'Client',
    });
  });

  it('Windows 11 still says "Windows 10" in ProductName: the build decides', () => {
    expect(osVersionFrom(snap({ ...WIN10_22H2, ProductName: sz('Windows 10 Pro'), CurrentBuild: sz('22631'), CurrentBuildNumber: sz('22631'), DisplayVersion: sz('23H2') })).productName).toBe('Windows 11 Pro');
    expect(osVersionFrom(snap({ ...WIN10_22H2, ProductName: sz('Windows Server 2022 Standard'), CurrentBuildNumber: sz('20348') })).productName).toBe('Windows Server 2022 Standard');
  });

  it('Windows 7 / Server 2008 R2: CurrentVersion "6.1"', () => {
    expect(osVersionFrom(snap({ ProductName: sz('Windows 7 Professional'), CurrentVersion: sz('6.1'), CurrentBuildNumber: sz('7601'), CSDVersion: sz('Service Pack 1') }))).toEqual({
      productName: 'Windows 7 Professional',
      version: '6.1.7601',
      displayVersion: 'Service Pack 1',
    });
  });

  it('falls back to os.release() when the key is missing or garbage', () => {
    expect(osVersionFrom(null, '10.0.17763')).toEqual({ productName: 'Windows', version: '10.0.17763' });
    expect(osVersionFrom(snap({ CurrentVersion: dw(5), CurrentBuild: sz('abc') }), '')).toEqual({ productName: 'Windows', version: 'unknown' });
  });
});

describe('languages and architectures', () => {
  it('LCIDs to BCP 47', () => {
    expect(lcidToBcp47('0409')).toBe('en-US');
    expect(lcidToBcp47('0411')).toBe('ja-JP');
    expect(lcidToBcp47(0x0804)).toBe('zh-CN');
    expect(lcidToBcp47('0x0407')).toBe('de-DE');
    expect(lcidToBcp47('ffff')).toBeUndefined();
    expect(lcidToBcp47('not hex')).toBeUndefined();
    expect(lcidToBcp47(undefined)).toBeUndefined();
  });

  it('architectures, including a 32-bit process on 64-bit Windows', () => {
    expect(osArch({ PROCESSOR_ARCHITECTURE: 'x86', PROCESSOR_ARCHITEW6432: 'AMD64' }, 'ia32')).toBe('x64');
    expect(osArch({ PROCESSOR_ARCHITECTURE: 'ARM64' }, 'arm64')).toBe('arm64');
    expect(osArch({}, 'ia32')).toBe('x86');
    expect(osArch({}, 'x64')).toBe('x64');
    expect(normaliseArch('IA64')).toBe('ia64');
    expect(normaliseArch('weird')).toBeUndefined();
  });
});

describe('WindowsSystem.info', () => {
  it('puts together environment and registry', async () => {
    const info = await system(
      WIN10_22H2,
      {
        COMPUTERNAME: 'PC-0042',
        USERDOMAIN: 'CONTOSO',
        USERNAME: 'alice',
        USERDNSDOMAIN: 'CONTOSO.LOCAL',
        PROCESSOR_ARCHITECTURE: 'AMD64',
        SystemRoot: 'C:\\Windows',
        ProgramFiles: 'C:\\Program Files',
      },
      { InstallLanguage: sz('0411'), Default: sz('0409') },
    ).info();
    expect(info).toEqual({
      platform: 'win32',
      computerName: 'PC-0042',
      domain: 'CONTOSO.LOCAL',
      userName: 'CONTOSO\\alice',
      productName: 'Windows 10 Enterprise',
      version: '10.0.19045',
      ubr: 3803,
      arch: 'x64',
      uiLanguage: 'ja-JP',
      systemRoot: 'C:\\Windows',
      programFiles: 'C:\\Program Files',
      displayVersion: '22H2',
      editionId: 'Enterprise',
      installationType: 'Client',
    });
  });

  it('falls back sensibly: hostname, OS user, Intl locale, default folders, os.release()', async () => {
    const info = await system(null, { SystemRoot: '\\\\evil\\share', ProgramFiles: 'relative', COMPUTERNAME: 'bad\u0000name' }).info();
    expect(info).toMatchObject({
      computerName: 'fallback-host',
      userName: 'os-user',
      uiLanguage: 'de-DE',
      systemRoot: 'C:\\Windows',
      programFiles: 'C:\\Program Files',
      version: '10.0.19045',
      productName: 'Windows',
    });
    expect(info.domain).toBeUndefined();
  });

  it('prefers the 64-bit Program Files from a 32-bit process', async () => {
    const info = await system(WIN10_22H2, { ProgramFiles: 'C:\\Program Files (x86)', ProgramW6432: 'C:\\Program Files' }).info();
    expect(info.programFiles).toBe('C:\\Program Files');
  });

  it('still answers when the registry fails', async () => {
    const failing: RegistryAdapter = {
      backend: 'broken',
      readKey: async () => {
        throw new Error('reg.exe could not export');
      },
      setValue: async () => undefined,
      deleteValue: async () => undefined,
    };
    const info = await new WindowsSystem(failing, { env: {}, processArch: 'x64', hostname: () => 'h', osRelease: () => '6.3.9600', userName: () => undefined, intlLocale: () => undefined }).info();
    expect(info).toMatchObject({ productName: 'Windows', version: '6.3.9600', uiLanguage: 'en-US', computerName: 'h' });
    expect(info.userName).toBeUndefined();
  });
});
