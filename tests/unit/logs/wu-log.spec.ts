import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeWindowsUpdateLog, type WuLogAnalysis } from '../../../main/logs/wu-log.js';
import { ansiCodePageForLanguage, decodeLogBytes } from '../../../main/logs/decode.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/wu-logs');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function utf16le(s: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = 0xff;
    out[o++] = 0xfe;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[o++] = c & 0xff;
    out[o++] = c >> 8;
  }
  return out;
}

function utf16be(s: string): Uint8Array {
  const le = utf16le(s, false);
  const out = new Uint8Array(2 + le.length);
  out[0] = 0xfe;
  out[1] = 0xff;
  for (let i = 0; i < le.length; i += 2) {
    out[2 + i] = le[i + 1]!;
    out[3 + i] = le[i]!;
  }
  return out;
}

function latin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

function networkWsusErrors(a: WuLogAnalysis) {
  return a.errors.filter((e) => e.explanation.network && e.wsusCount > 0);
}

const LEGACY_404 = readFileSync(join(FIXTURES, 'wu-01.log'), 'utf8');

describe('real logs (tests/fixtures/wu-logs, see REALWORLD-README.md)', () => {
  it('wu-01.log: legacy, space-separated, self-update 404 on http://colossus:8530, scan skipped', () => {
    const a = analyzeWindowsUpdateLog(fixture('wu-01.log'));
    expect(a.format).toBe('legacy');
    expect(a.separator).toBe('space');
    expect(a.lines).toMatchObject({ total: 8, parsed: 8, unparsable: 0 });
    expect(a.firstTimestamp).toBe('2008-03-22 18:53:24.377');
    expect(a.lastTimestamp).toBe('2008-03-22 18:53:25.002');
    expect(a.currentServer).toBe('http://colossus:8530');
    expect(a.servers.map((s) => s.root)).toEqual(['http://colossus:8530']);
    expect(a.servers[0]!.sources).toEqual(['selfupdate-url']);

    const su = a.selfUpdate.last!;
    expect(su.outcome).toBe('failed');
    expect(su.code).toBe('0x80244019');
    expect(su.httpStatus).toBe(404);
    expect(su.url).toBe('http://colossus:8530/selfupdate/wuident.cab');
    expect(su.scanSkipped).toBe(true);
    expect(a.selfUpdate.failures).toBe(1);
    expect(a.scan.lastExitCode).toBe('0x80244019');

    const codes = a.errors.map((e) => e.code).sort();
    expect(codes).toEqual(['0x80190194', '0x80244019']);
    const bits = a.errors.find((e) => e.code === '0x80190194')!;
    expect(bits.count).toBe(3);
    expect(bits.explanation.httpStatus).toBe(404);
    expect(bits.wsusCount).toBe(3);
    const pt = a.errors.find((e) => e.code === '0x80244019')!;
    expect(pt.count).toBe(5);
    expect(pt.where.selfupdate).toBe(5);
    expect(pt.components).toEqual(['Setup', 'Agent']);

    expect(a.verdict.kind).toBe('selfupdate-failed');
    expect(a.verdict.wsusProblem).toBe(true);
    expect(a.verdict.summary.en).toMatch(/404/);
    expect(a.verdict.summary.en).toMatch(/SelfUpdate folder/);
    expect(a.verdict.summary.en).toMatch(/skipped its scan/);
    expect(a.verdict.summary.ja).toMatch(/404/);
    expect(a.verdict.summary.ja).toMatch(/SelfUpdate フォルダー/);
  });

  it('wu10-01.log: healthy scan against https://SCCM01D.firm.saulewing.net:8531, no WSUS failure', () => {
    const a = analyzeWindowsUpdateLog(fixture('wu10-01.log'));
    expect(a.format).toBe('windows10');
    expect(a.lineEndings).toBe('crlf');
    expect(a.lines.unparsable).toBe(0);
    expect(a.currentServer).toBe('https://sccm01d.firm.saulewing.net:8531');
    expect(a.statusServer).toBe('https://sccm01d.firm.saulewing.net:8531');
    expect(a.servers).toHaveLength(1);
    expect(a.servers[0]!.sources).toEqual(expect.arrayContaining(['wsus-server', 'status-server', 'service-url']));
    expect(a.scan.lastExitCode).toBe('0x00000000');
    expect(a.scan.lastSuccessAt).toBe('2021-07-13 18:07:15.2048031');
    expect(a.selfUpdate.last).toBeNull();
    expect(networkWsusErrors(a)).toEqual([]);
    expect(a.errors.length).toBeGreaterThan(0); // WMI / MSI evaluation errors are present ...
    expect(a.errors.every((e) => !e.explanation.network)).toBe(true); // ... and none is about the network
    expect(a.verdict.wsusProblem).toBe(false);
    expect(a.verdict.kind).toBe('ok');
    // the same with the matching policy: still no problem and no mismatch
    const withPolicy = analyzeWindowsUpdateLog(fixture('wu10-01.log'), { policyServer: 'https://SCCM01D.firm.saulewing.net:8531' });
    expect(withPolicy.policy).toMatchObject({ relation: 'same', mismatch: false });
    expect(withPolicy.verdict.wsusProblem).toBe(false);
  });

  it('wu10-02.log: no WSUS server; a 403 on a Microsoft CDN download is not a WSUS problem', () => {
    for (const policyServer of [undefined, 'http://wsus01.corp.example:8530']) {
      const a = analyzeWindowsUpdateLog(fixture('wu10-02.log'), policyServer ? { policyServer } : {});
      expect(a.format).toBe('windows10');
      expect(a.servers).toEqual([]);
      expect(a.currentServer).toBeNull();
      expect(a.microsoft.hosts).toContain('fe3.delivery.mp.microsoft.com');
      const forbidden = a.errors.find((e) => e.code === '0x80244018')!;
      expect(forbidden.explanation.httpStatus).toBe(403);
      const bits = a.errors.find((e) => e.code === '0x80190193')!;
      expect(bits.explanation.httpStatus).toBe(403);
      for (const e of [forbidden, bits]) {
        expect(e.wsusCount).toBe(0);
        expect(e.where.download).toBe(1);
      }
      expect(networkWsusErrors(a)).toEqual([]);
      expect(a.verdict.wsusProblem).toBe(false);
      expect(a.verdict.kind).toBe('non-wsus-errors');
      expect(a.verdict.summary.en).toMatch(/not a WSUS problem/);
      expect(a.verdict.summary.ja).toMatch(/WSUS の問題ではありません/);
      expect(a.policy.mismatch).toBe(false);
      if (policyServer) expect(a.policy.relation).toBe('not-in-log');
    }
  });
});

describe('synthetic logs', () => {
  it('legacy, tab-separated, healthy: self-update not required, scan succeeded, policy matches', () => {
    const a = analyzeWindowsUpdateLog(fixture('legacy-healthy.log'), { policyServer: 'http://WSUS01.corp.example:8530/' });
    expect(a.format).toBe('legacy');
    expect(a.separator).toBe('tab');
    expect(a.currentServer).toBe('http://wsus01.corp.example:8530');
    expect(a.selfUpdate).toMatchObject({ checks: 1, failures: 0, agentVersion: '7.6.7600.256' });
    expect(a.selfUpdate.last!.outcome).toBe('not-required');
    expect(a.scan.lastExitCode).toBe('0x00000000');
    expect(a.policy).toMatchObject({ relation: 'same', mismatch: false });
    expect(a.errors).toEqual([]);
    expect(a.verdict.kind).toBe('ok');
  });

  it('a short name and the FQDN of the same server are not a mismatch', () => {
    const a = analyzeWindowsUpdateLog(fixture('legacy-healthy.log'), { policyServer: 'http://wsus01:8530' });
    expect(a.policy).toMatchObject({ relation: 'name-variant', mismatch: false });
  });

  it('a log that names another server than the policy is a mismatch', () => {
    const a = analyzeWindowsUpdateLog(fixture('legacy-other-server.log'), { policyServer: 'http://wsus01.corp.example:8530' });
    expect(a.currentServer).toBe('http://oldwsus.corp.example:8530');
    expect(a.policy).toMatchObject({ relation: 'different', mismatch: true });
    expect(a.verdict.kind).toBe('server-mismatch');
    expect(a.verdict.wsusProblem).toBe(false);
    expect(a.verdict.summary.en).toContain('http://oldwsus.corp.example:8530');
    expect(a.verdict.summary.ja).toContain('http://wsus01.corp.example:8530');
  });

  it('a self-update check that timed out (0x80072ee2, logged without 0x too) fails', () => {
    const a = analyzeWindowsUpdateLog(fixture('legacy-selfupdate-timeout.log'));
    expect(a.selfUpdate.last).toMatchObject({ outcome: 'failed', code: '0x80072EE2', scanSkipped: true });
    expect(a.selfUpdate.last!.url).toBe('http://wsus01.corp.example:8530/selfupdate/wuident.cab');
    const e = a.errors.find((x) => x.code === '0x80072EE2')!;
    expect(e.count).toBe(7); // "hr = 80072ee2" lines are counted with the 0x ones
    expect(e.explanation.name).toBe('ERROR_WINHTTP_TIMEOUT');
    expect(a.verdict.kind).toBe('selfupdate-failed');
  });

  it('a refused connection during the sync with WSUS is a WSUS error with its URL', () => {
    const a = analyzeWindowsUpdateLog(fixture('legacy-sync-refused.log'));
    expect(a.selfUpdate.last).toBeNull();
    const e = networkWsusErrors(a)[0]!;
    expect(e.code).toBe('0x80072EFD');
    expect(e.where.wsus).toBeGreaterThan(0);
    expect(e.url).toBe('http://wsus01.corp.example:8530/ClientWebService/client.asmx');
    expect(a.verdict.kind).toBe('wsus-errors');
    expect(a.verdict.summary.en).toMatch(/could not talk to its WSUS server/);
  });

  it('Windows 10 format: TLS failure on 8531 ([80072F8F] written without 0x)', () => {
    const a = analyzeWindowsUpdateLog(fixture('win10-tls-8531.log'), { policyServer: 'https://wsus01.corp.example:8531' });
    expect(a.format).toBe('windows10');
    expect(a.currentServer).toBe('https://wsus01.corp.example:8531');
    expect(a.errors[0]!.code).toBe('0x80072F8F');
    expect(a.errors[0]!.count).toBe(3);
    expect(a.verdict.kind).toBe('wsus-errors');
    expect(a.verdict.summary.en).toMatch(/certificate/);
  });

  it('errors followed by a successful scan are reported as recovered, not as a failure', () => {
    const later = readFileSync(join(FIXTURES, 'legacy-healthy.log'), 'utf8').replaceAll('2011-05-02', '2014-03-11');
    const text = readFileSync(join(FIXTURES, 'legacy-sync-refused.log'), 'utf8') + later;
    const a = analyzeWindowsUpdateLog(enc(text));
    expect(networkWsusErrors(a).map((e) => e.code)).toEqual(['0x80072EFD']);
    expect(a.verdict.kind).toBe('recovered');
    expect(a.verdict.wsusProblem).toBe(false);
  });

  it('accepts the "2018.10.21 12:08:49.8046643" and "2015-08-21 14:00:22.7528137" date forms', () => {
    const text = [
      '2018.10.21 12:08:49.8046643 1276 3628 Agent           WSUS server: http://wsus01:8530 (Unchanged)',
      '2015-08-21 14:00:22.7528137 1128 6972 Misc            Got 855E8A7C-ECB4-4CA3-B045-1DFA50104289 redir Regulation URL: https://fe3.delivery.mp.microsoft.com/UpdateRegulationService/UpdateRegulation.asmx""',
      '2015-08-21 14:00:23.7791296 1128 6972 WebServices     Web service call failed with hr = 80240438.',
    ].join('\n');
    const a = analyzeWindowsUpdateLog(enc(text));
    expect(a.lines).toMatchObject({ total: 3, parsed: 3, unparsable: 0 });
    expect(a.format).toBe('windows10');
    expect(a.currentServer).toBe('http://wsus01:8530');
    const e = a.errors.find((x) => x.code === '0x80240438')!;
    expect(e.where.microsoft).toBe(1); // the same thread had just talked to Microsoft
    expect(e.wsusCount).toBe(0);
  });

  it('a plain WinHTTP number is read as such only on a WinHttp line', () => {
    const text = [
      '2008-03-22 18:53:24:377 808 ba0 AU   * WSUS server: http://wsus01:8530',
      '2008-03-22 18:53:24:377 808 ba0 Misc WARNING: WinHttp: SendRequestUsingProxy failed for <http://wsus01:8530/ClientWebService/client.asmx>. error 12029',
      '2008-03-22 18:53:24:377 808 ba0 Misc Downloaded 12029 bytes, error 12029 in a sentence without the keyword',
    ].join('\r\n');
    const a = analyzeWindowsUpdateLog(enc(text));
    const e = a.errors.find((x) => x.code === '0x80072EFD')!;
    expect(e.count).toBe(1);
    expect(e.url).toBe('http://wsus01:8530/ClientWebService/client.asmx');
  });

  it('GUID pieces, success values and informational hex numbers are not errors', () => {
    const text = [
      '2021/07/13 18:06:20.9008526 3736  6296  Reporter        OS Product Type = 0x00000004',
      '2021/07/13 18:06:20.8988151 3752  3248  ComApi          * START *   Search ClientId = CcmExec, ServiceId = 8B24B027-1DEE-BABB-9A95-3517DFB9C552, Flags: 0X10050',
      '2021/07/13 18:06:20.8988151 3752  3248  ComApi          Update {8B24B027-1DEE-BABB-9A95-3517DFB9C552} failed with 8B24B027-1DEE',
      '2021/07/13 18:06:20.9008526 3736  6296  Agent           * END * Finding updates CallerId = X, Exit code = 0x00000000',
    ].join('\n');
    const a = analyzeWindowsUpdateLog(enc(text));
    expect(a.errors).toEqual([]);
    expect(a.scan.lastExitCode).toBe('0x00000000');
  });
});

describe('decoding', () => {
  const line = '2011-05-02\t10:48:30:125\t 972\t738\tAU\t  # WSUS server: http://wsus01.corp.example:8530\r\n';
  const accented = '2011-05-02\t10:48:31:000\t 972\t738\tAgent\t  * Title = Mise à jour de sécurité pour Windows XP (KB958644) – Français\r\n';

  it('UTF-16 LE with BOM', () => {
    const a = analyzeWindowsUpdateLog(utf16le(line + accented, true));
    expect(a.encoding).toBe('utf-16le-bom');
    expect(a.lines.parsed).toBe(2);
    expect(a.currentServer).toBe('http://wsus01.corp.example:8530');
    expect(decodeLogBytes(utf16le(accented, true)).text).toBe(accented);
  });

  it('UTF-16 BE with BOM', () => {
    const a = analyzeWindowsUpdateLog(utf16be(line + accented));
    expect(a.encoding).toBe('utf-16be-bom');
    expect(a.lines.parsed).toBe(2);
    expect(decodeLogBytes(utf16be('日本語 ' + accented)).text).toBe('日本語 ' + accented);
  });

  it('UTF-16 LE without BOM is recognised by its zero bytes', () => {
    const d = decodeLogBytes(utf16le(line, false));
    expect(d.encoding).toBe('utf-16le');
    expect(d.text).toBe(line);
  });

  it('UTF-8 with and without BOM', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(line + accented)]);
    expect(decodeLogBytes(bom)).toMatchObject({ encoding: 'utf-8-bom', text: line + accented });
    expect(decodeLogBytes(enc(line + accented))).toMatchObject({ encoding: 'utf-8', text: line + accented });
  });

  it('ANSI Windows-1252: accented letters, the euro sign and curly quotes', () => {
    const bytes = latin1(accented.replace('–', '\x96') + '2011-05-02\t10:48:32:000\t 972\t738\tAgent\t  * Price \x80 5 \x93quoted\x94\r\n');
    const d = decodeLogBytes(bytes);
    expect(d.encoding).toBe('ansi');
    expect(d.codePage).toBe('windows-1252');
    expect(d.text).toContain('Mise à jour de sécurité');
    expect(d.text).toContain('– Français');
    expect(d.text).toContain('€ 5 “quoted”');
    expect(analyzeWindowsUpdateLog(bytes).lines.parsed).toBe(2);
  });

  it('ANSI Japanese (Shift_JIS) with the machine\'s code page', () => {
    // "  * Title = 日本語" in Shift_JIS: 日 93FA, 本 967B, 語 8CEA
    const head = latin1('2011-05-02\t10:48:31:000\t 972\t738\tAgent\t  * Title = ');
    const sjis = new Uint8Array([...head, 0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x0d, 0x0a]);
    expect(ansiCodePageForLanguage('ja-JP')).toBe('shift_jis');
    const d = decodeLogBytes(sjis, ansiCodePageForLanguage('ja-JP'));
    expect(d).toMatchObject({ encoding: 'ansi', codePage: 'shift_jis' });
    expect(d.text).toContain('Title = 日本語');
    const a = analyzeWindowsUpdateLog(sjis, { ansiCodePage: 'shift_jis' });
    expect(a.lines.parsed).toBe(1);
    expect(a.codePage).toBe('shift_jis');
  });

  it('maps UI languages to ANSI code pages', () => {
    expect(ansiCodePageForLanguage('en-US')).toBe('windows-1252');
    expect(ansiCodePageForLanguage('de-DE')).toBe('windows-1252');
    expect(ansiCodePageForLanguage('ru-RU')).toBe('windows-1251');
    expect(ansiCodePageForLanguage('zh-TW')).toBe('big5');
    expect(ansiCodePageForLanguage('zh-CN')).toBe('gbk');
    expect(ansiCodePageForLanguage(undefined)).toBe('windows-1252');
  });

  it('a UTF-8 file cut inside a character is still UTF-8', () => {
    const bytes = enc(`${line}2011-05-02\t10:48:31:000\t 972\t738\tAgent\t  * Title = 日本語`);
    const cut = bytes.subarray(0, bytes.length - 1);
    const d = decodeLogBytes(cut);
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toContain('日本\uFFFD');
  });
});

describe('robustness', () => {
  it('0 bytes', () => {
    const a = analyzeWindowsUpdateLog(new Uint8Array(0));
    expect(a.encoding).toBe('empty');
    expect(a.lines.total).toBe(0);
    expect(a.verdict.kind).toBe('empty');
    expect(a.verdict.wsusProblem).toBe(false);
  });

  it('only blank lines', () => {
    const a = analyzeWindowsUpdateLog(enc('\r\n\r\n   \n\t\n'));
    expect(a.lines).toMatchObject({ total: 4, blank: 4, parsed: 0, unparsable: 0 });
    expect(a.verdict.kind).toBe('empty');
  });

  it('binary garbage', () => {
    let seed = 12345;
    const bytes = new Uint8Array(256 * 1024);
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    const a = analyzeWindowsUpdateLog(bytes);
    expect(a.lines.parsed).toBe(0);
    expect(a.binary).toBe(true);
    expect(a.verdict.kind).toBe('not-a-log');
    expect(a.verdict.summary.en).toMatch(/binary/);
  });

  it('text that is not a Windows Update log', () => {
    const a = analyzeWindowsUpdateLog(enc('hello\nworld\n#Fields: date time s-ip\n'));
    expect(a.lines).toMatchObject({ total: 3, parsed: 0, unparsable: 3 });
    expect(a.binary).toBe(false);
    expect(a.verdict.kind).toBe('not-a-log');
  });

  it('a truncated last line', () => {
    const cut = LEGACY_404.slice(0, LEGACY_404.length - 40);
    const a = analyzeWindowsUpdateLog(enc(cut));
    expect(a.endsWithNewline).toBe(false);
    expect(a.lines.total).toBe(8);
    expect(a.selfUpdate.last!.outcome).toBe('failed');
    const noHeader = analyzeWindowsUpdateLog(enc(`${LEGACY_404}2008-03-22 18:5`));
    expect(noHeader.lines).toMatchObject({ total: 9, parsed: 8, unparsable: 1 });
  });

  it('CRLF and LF give the same reading', () => {
    const lf = analyzeWindowsUpdateLog(enc(LEGACY_404));
    const crlf = analyzeWindowsUpdateLog(enc(LEGACY_404.replace(/\n/g, '\r\n')));
    expect(lf.lineEndings).toBe('lf');
    expect(crlf.lineEndings).toBe('crlf');
    const strip = (a: WuLogAnalysis) => ({ ...a, bytes: 0, lineEndings: '', errors: a.errors.map((e) => ({ ...e, sample: '' })), selfUpdate: { ...a.selfUpdate, last: { ...a.selfUpdate.last, sample: '' }, lastFailure: null } });
    expect(strip(crlf)).toEqual(strip(lf));
    const cr = analyzeWindowsUpdateLog(enc(LEGACY_404.replace(/\n/g, '\r')));
    expect(cr.lineEndings).toBe('cr');
    expect(cr.lines.parsed).toBe(8);
  });

  it('very long lines are bounded', () => {
    const huge = `2008-03-22 18:53:24:377 808 ba0 Misc ${'x'.repeat(3_000_000)} 0x80244019\n`;
    const noNewline = 'y'.repeat(2_000_000);
    const a = analyzeWindowsUpdateLog(enc(huge + LEGACY_404 + noNewline));
    expect(a.lines.long).toBe(1);
    expect(a.lines.total).toBe(10);
    expect(a.lines.unparsable).toBe(1);
    expect(a.errors.every((e) => e.sample.length <= 400)).toBe(true);
    expect(a.verdict.kind).toBe('selfupdate-failed');
  });

  it('never throws on odd input', () => {
    const inputs = [
      enc('\u0000\u0000\u0000'),
      new Uint8Array([0xff]),
      new Uint8Array([0xfe, 0xff, 0x00]),
      new Uint8Array([0xef, 0xbb, 0xbf]),
      enc('2008-03-22 18:53:24:377 808 ba0 Misc http:// https://[::1 0x 0x8 [80244019 hr = '),
      enc('2008-03-22 18:53:24:377 808 ba0 Setup FATAL: IsUpdateRequired failed with error\n'),
    ];
    for (const bytes of inputs) {
      expect(() => analyzeWindowsUpdateLog(bytes)).not.toThrow();
      expect(analyzeWindowsUpdateLog(bytes).verdict.summary.en.length).toBeGreaterThan(0);
    }
    expect(analyzeWindowsUpdateLog(enc(LEGACY_404), { policyServer: 'not a url' }).policy.given).toBe(true);
  });

  it('caps distinct codes, servers and samples', () => {
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) {
      const code = (0x80240000 + i).toString(16).toUpperCase();
      lines.push(`2008-03-22 18:53:24:377 808 ba0 Misc WARNING: failed for http://host${i}:8530/ClientWebService/client.asmx error 0x${code}`);
    }
    const a = analyzeWindowsUpdateLog(enc(lines.join('\n')));
    expect(a.errors.length).toBe(64);
    expect(a.droppedOccurrences).toBe(136);
    expect(a.servers.length).toBe(32);
  });

  it('parses a 5 MB generated log in one pass, quickly', () => {
    const block = readFileSync(join(FIXTURES, 'wu10-01.log'), 'utf8');
    const target = 5 * 1024 * 1024;
    const parts: string[] = [];
    let size = 0;
    while (size < target) {
      parts.push(block);
      size += block.length;
    }
    parts.push(LEGACY_404);
    const bytes = enc(parts.join(''));
    const t0 = performance.now();
    const a = analyzeWindowsUpdateLog(bytes);
    const ms = performance.now() - t0;
    expect(bytes.length).toBeGreaterThan(target);
    expect(a.lines.parsed).toBe(a.lines.total);
    expect(a.lines.total).toBe(563 * (parts.length - 1) + 8);
    expect(a.verdict.kind).toBe('selfupdate-failed'); // the last entries win
    expect(a.format).toBe('mixed');
    expect(ms).toBeLessThan(5000); // generous: a few hundred ms is typical
  });
});
