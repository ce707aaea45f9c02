import { describe, expect, it } from 'vitest';
import { parseWhoamiGroups, WhoamiElevation } from '../../../main/adapters/windows/elevation.js';
import { FakeRunner, fixture, result, WHOAMI } from './fake-runner.js';

describe('whoami /groups', () => {
  it('elevated: High Mandatory Level SID present', () => {
    expect(parseWhoamiGroups(fixture('whoami-groups-elevated.txt').toString('latin1'))).toEqual({
      elevated: true,
      method: 'whoami /groups: S-1-16-12288 (High Mandatory Level) present',
    });
  });

  it('not elevated: Medium Mandatory Level (an administrator with a filtered token)', () => {
    expect(parseWhoamiGroups(fixture('whoami-groups-not-elevated.txt').toString('latin1'))).toEqual({
      elevated: false,
      method: 'whoami /groups: S-1-16-8192 (Medium Mandatory Level) present',
    });
  });

  it('does not depend on the language (Japanese, OEM code page read as Latin-1)', () => {
    expect(parseWhoamiGroups(fixture('whoami-groups-ja-elevated.txt').toString('latin1')).elevated).toBe(true);
  });

  it('SYSTEM is elevated; Low is not', () => {
    expect(parseWhoamiGroups('Mandatory Label\\System Mandatory Level Label S-1-16-16384').elevated).toBe(true);
    expect(parseWhoamiGroups('Mandatory Label\\Low Mandatory Level Label S-1-16-4096').elevated).toBe(false);
  });

  it('matches whole SIDs only', () => {
    expect(parseWhoamiGroups('X S-1-16-122880 Y').elevated).toBeNull();
    expect(parseWhoamiGroups('X S-1-16-8192-5 Y').elevated).toBeNull();
  });

  it.each(['', '   ', 'garbage', 'GROUP INFORMATION\r\n-----------------\r\n', null, 42])('%j → unknown, never throws', (t) => {
    expect(parseWhoamiGroups(t).elevated).toBeNull();
  });
});

describe('WhoamiElevation', () => {
  it('runs whoami.exe /groups by absolute path', async () => {
    const runner = new FakeRunner(() => result(0, fixture('whoami-groups-elevated.txt')));
    expect(await new WhoamiElevation(runner, WHOAMI).check()).toMatchObject({ elevated: true });
    expect(runner.argvs()).toEqual([[WHOAMI, '/groups']]);
  });

  it('reads UTF-16 output too', async () => {
    const runner = new FakeRunner(() => result(0, Buffer.from(fixture('whoami-groups-not-elevated.txt').toString('latin1'), 'utf16le')));
    expect((await new WhoamiElevation(runner, WHOAMI).check()).elevated).toBe(false);
  });

  it('a failing or missing whoami gives null with the reason', async () => {
    expect(await new WhoamiElevation(new FakeRunner(() => result(1, '', 'ERROR: ...')), WHOAMI).check()).toEqual({ elevated: null, method: 'whoami /groups failed (exit code 1)' });
    const missing = new FakeRunner(() => {
      throw new Error('Could not start C:\\Windows\\System32\\whoami.exe: ENOENT');
    });
    expect(await new WhoamiElevation(missing, WHOAMI).check()).toEqual({ elevated: null, method: 'whoami.exe could not run: Could not start C:\\Windows\\System32\\whoami.exe: ENOENT' });
  });
});
