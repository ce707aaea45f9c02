import { describe, expect, it } from 'vitest';
import { parseWsusUrl } from '../../../shared/wsus-url.js';

describe('parseWsusUrl', () => {
  it.each([
    ['http://wsus01:8530', 'http://wsus01:8530', 8530],
    ['https://WSUS01.corp.example:8531', 'https://wsus01.corp.example:8531', 8531],
    ['http://wsus01', 'http://wsus01', 80],
    ['http://10.0.0.5:8530/', 'http://10.0.0.5:8530', 8530],
    ['  http://wsus01:8530  ', 'http://wsus01:8530', 8530],
    ['http://[fe80::1]:8530', 'http://[fe80::1]:8530', 8530],
  ])('accepts %s', (input, url, port) => {
    const r = parseWsusUrl(input);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.url).toBe(url);
      expect(r.value.port).toBe(port);
    }
  });

  it('notices a trailing slash (the agent would request //selfupdate)', () => {
    const r = parseWsusUrl('http://wsus01:8530/');
    expect(r.ok && r.value.hadTrailingSlash).toBe(true);
  });

  it.each([
    'not a url',
    'wsus01:8530',
    'ftp://wsus01',
    'http://',
    'http://wsus01:0',
    'http://wsus01:65536',
    'http://wsus01:8530/selfupdate',
    'http://wsus01:8530?x=1',
    'http://user@wsus01',
    'http://wsus"&calc&".corp:8530',
    'http://wsus01:8530/"&calc.exe&"',
    'http://%COMPUTERNAME%:8530',
    'http://wsus 01:8530',
    'http://wsus01\n:8530',
    'http://-bad-.example',
    'http://300.1.1.1',
    'http://1.2.3',
    `http://${'a'.repeat(400)}`,
    '',
  ])('rejects %j with a reason in both languages', (input) => {
    const r = parseWsusUrl(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.en.length).toBeGreaterThan(10);
      expect(r.reason.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it('rejects non-strings', () => {
    expect(parseWsusUrl(undefined).ok).toBe(false);
    expect(parseWsusUrl(42).ok).toBe(false);
  });
});
