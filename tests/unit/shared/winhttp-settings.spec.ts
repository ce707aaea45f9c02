import { describe, expect, it } from 'vitest';
import { bypassesProxy, decodeWinHttpSettings, encodeWinHttpSettings } from '../../../shared/winhttp-settings.js';

describe('WinHttpSettings', () => {
  it('decodes the "direct access" value Windows writes by default', () => {
    expect(decodeWinHttpSettings('2800000000000000010000000000000000000000')).toEqual({ kind: 'direct' });
  });

  it('round-trips a named proxy and bypass list', () => {
    const hex = encodeWinHttpSettings({ kind: 'proxy', proxy: 'proxy.corp.example:8080', bypass: '<local>;*.corp.example' });
    expect(decodeWinHttpSettings(hex)).toEqual({ kind: 'proxy', proxy: 'proxy.corp.example:8080', bypass: '<local>;*.corp.example' });
  });

  it.each(['', 'zz', '28000000', `28000000000000000300000010000000${'41'.repeat(4)}`, 'ff'.repeat(40)])('returns null for malformed bytes %j', (hex) => {
    expect(decodeWinHttpSettings(hex)).toBeNull();
  });

  it('applies the bypass rules the way WinHTTP does', () => {
    expect(bypassesProxy('wsus01', '<local>')).toBe(true);
    expect(bypassesProxy('wsus01.corp.example', '<local>')).toBe(false);
    expect(bypassesProxy('wsus01.corp.example', '<local>;*.corp.example')).toBe(true);
    expect(bypassesProxy('WSUS01.Corp.Example', '*.corp.example')).toBe(true);
    expect(bypassesProxy('10.1.2.3', '10.*')).toBe(true);
    expect(bypassesProxy('wsus01.corp.example', '*.other.example wsus02.corp.example')).toBe(false);
    expect(bypassesProxy('evil.example', '(.*')).toBe(false);
  });
});
