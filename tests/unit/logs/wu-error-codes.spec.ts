import { describe, expect, it } from 'vitest';
import { codeLabel, explainCode, isFailureCode, knownCodes, normaliseCode, winHttpErrorToHresult } from '../../../shared/wu-error-codes.js';

describe('normaliseCode', () => {
  it('accepts the forms the log writes, in any case, with or without 0x', () => {
    expect(normaliseCode('0x80244019')).toBe('0x80244019');
    expect(normaliseCode('0X8024401c')).toBe('0x8024401C');
    expect(normaliseCode('8024401c')).toBe('0x8024401C');
    expect(normaliseCode('80072ee2')).toBe('0x80072EE2');
    expect(normaliseCode('80244019')).toBe('0x80244019'); // eight digits are hex, as hr values are logged
    expect(normaliseCode('[8024043D]')).toBe('0x8024043D');
    expect(normaliseCode('  0x80190194: ')).toBe('0x80190194');
    expect(normaliseCode('0x0')).toBe('0x00000000');
  });

  it('reads signed and unsigned decimal HRESULTs', () => {
    expect(normaliseCode('-2145107943')).toBe('0x80244019');
    expect(normaliseCode(-2145107943)).toBe('0x80244019');
    expect(normaliseCode('2149859353')).toBe('0x80244019');
    expect(normaliseCode(0x80072efd)).toBe('0x80072EFD');
  });

  it('reads a plain WinHTTP number only when the context says it is one', () => {
    expect(normaliseCode('12002')).toBeNull();
    expect(normaliseCode('12002', { winHttpDecimal: true })).toBe('0x80072EE2');
    expect(normaliseCode(12029, { winHttpDecimal: true })).toBe('0x80072EFD');
    expect(normaliseCode('404', { winHttpDecimal: true })).toBeNull();
    expect(winHttpErrorToHresult(12007)).toBe('0x80072EE7');
    expect(winHttpErrorToHresult(12150)).toBe('0x80072F76');
    expect(winHttpErrorToHresult(12175)).toBe('0x80072F8F');
  });

  it('rejects what is not a code', () => {
    for (const bad of ['', 'xyz', '0x', '0x123456789', '8024401', 'hello 0x80244019', '99999999999', '1.5']) {
      expect(normaliseCode(bad)).toBeNull();
    }
    expect(normaliseCode(1.5)).toBeNull();
  });

  it('tells failures from success values', () => {
    expect(isFailureCode('0x80244019')).toBe(true);
    expect(isFailureCode('0x00000000')).toBe(false);
    expect(isFailureCode('0x00240005')).toBe(false);
    expect(isFailureCode('not a code')).toBe(false);
  });
});

describe('explainCode', () => {
  const family: Array<[string, string, number]> = [
    ['0x80244016', 'WU_E_PT_HTTP_STATUS_BAD_REQUEST', 400],
    ['0x80244017', 'WU_E_PT_HTTP_STATUS_DENIED', 401],
    ['0x80244018', 'WU_E_PT_HTTP_STATUS_FORBIDDEN', 403],
    ['0x80244019', 'WU_E_PT_HTTP_STATUS_NOT_FOUND', 404],
    ['0x8024401A', 'WU_E_PT_HTTP_STATUS_BAD_METHOD', 405],
    ['0x8024401B', 'WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ', 407],
    ['0x8024401C', 'WU_E_PT_HTTP_STATUS_REQUEST_TIMEOUT', 408],
    ['0x8024401D', 'WU_E_PT_HTTP_STATUS_CONFLICT', 409],
    ['0x8024401E', 'WU_E_PT_HTTP_STATUS_GONE', 410],
    ['0x8024401F', 'WU_E_PT_HTTP_STATUS_SERVER_ERROR', 500],
    ['0x80244020', 'WU_E_PT_HTTP_STATUS_NOT_SUPPORTED', 501],
    ['0x80244021', 'WU_E_PT_HTTP_STATUS_BAD_GATEWAY', 502],
    ['0x80244022', 'WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL', 503],
    ['0x80244023', 'WU_E_PT_HTTP_STATUS_GATEWAY_TIMEOUT', 504],
    ['0x80244024', 'WU_E_PT_HTTP_STATUS_VERSION_NOT_SUP', 505],
  ];

  it.each(family)('maps %s to %s (HTTP %i) by table', (code, name, status) => {
    const e = explainCode(code.toLowerCase());
    expect(e.code).toBe(code);
    expect(e.name).toBe(name);
    expect(e.httpStatus).toBe(status);
    expect(e.kind).toBe('http-status');
    expect(e.network).toBe(true);
    expect(e.known).toBe(true);
    expect(e.short.en).toContain(String(status));
    expect(e.short.ja).toContain(String(status));
  });

  it('explains the same code identically however it is written', () => {
    const forms = ['0x80244019', '0X80244019', '80244019', '0x80244019'.toLowerCase(), '[80244019]', -2145107943];
    const texts = forms.map((f) => JSON.stringify(explainCode(f)));
    expect(new Set(texts).size).toBe(1);
  });

  it('says what a 404, a 401 and a 503 mean for the path to WSUS', () => {
    expect(explainCode('0x80244019').forWsus.en).toMatch(/SelfUpdate virtual directory/);
    expect(explainCode('0x80244019').forWsus.ja).toMatch(/SelfUpdate 仮想ディレクトリ/);
    expect(explainCode('0x80244017').forWsus.en).toMatch(/anonymous authentication is probably turned off/i);
    expect(explainCode('0x80244017').forWsus.ja).toMatch(/匿名認証/);
    expect(explainCode('0x80244022').forWsus.en).toMatch(/WsusPool/);
  });

  it('explains the WinHTTP errors in their HRESULT form', () => {
    const cases: Array<[string, number, RegExp, RegExp]> = [
      ['0x80072EE2', 12002, /firewall/i, /ファイアウォール/],
      ['0x80072EE7', 12007, /DNS/, /DNS/],
      ['0x80072EFD', 12029, /port is blocked/i, /ポート/],
      ['0x80072F76', 12150, /header/i, /ヘッダー/],
      ['0x80072F8F', 12175, /certificate.*8531|8531.*certificate/is, /証明書/],
    ];
    for (const [code, n, en, ja] of cases) {
      const e = explainCode(code);
      expect(e.kind).toBe('winhttp');
      expect(e.winHttpError).toBe(n);
      expect(e.network).toBe(true);
      expect(e.forWsus.en).toMatch(en);
      expect(e.forWsus.ja).toMatch(ja);
      expect(explainCode(String(n), { winHttpDecimal: true }).code).toBe(code);
    }
  });

  it('reads the BITS / WinHTTP form of an HTTP status (0x80190000 | status)', () => {
    expect(explainCode('0x80190194')).toMatchObject({ kind: 'bits-http', httpStatus: 404, network: true, known: true });
    expect(explainCode('0x80190193').httpStatus).toBe(403);
    expect(explainCode('0x80190191').httpStatus).toBe(401);
    expect(explainCode('0x801901F7').httpStatus).toBe(503);
    // a status with no entry of its own still says which status it was
    expect(explainCode('0x801901AE').short.en).toContain('430');
  });

  it('explains the other protocol and setup codes', () => {
    expect(explainCode('0x8024402B').name).toBe('WU_E_PT_HTTP_STATUS_NOT_MAPPED');
    expect(explainCode('0x8024402c')).toMatchObject({ name: 'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED', network: true });
    expect(explainCode('0x8024400A').name).toBe('WU_E_PT_SOAPCLIENT_PARSE');
    expect(explainCode('0x80244010').name).toBe('WU_E_PT_EXCEEDED_MAX_SERVER_TRIPS');
    const skip = explainCode('0x8024D009');
    expect(skip.name).toBe('WU_E_SETUP_SKIP_UPDATE');
    expect(skip.forWsus.en).toContain('KB 920659');
    expect(skip.forWsus.ja).toContain('KB 920659');
    expect(skip.doc).toContain('wsus-selfupdate-not-send-automatic-updates');
  });

  it('reports unknown codes as "unknown code 0x........" and never drops them', () => {
    const e = explainCode('0x87654321');
    expect(e.known).toBe(false);
    expect(e.code).toBe('0x87654321');
    expect(e.short.en).toBe('unknown code 0x87654321');
    expect(e.short.ja).toContain('0x87654321');
    const winhttp = explainCode('0x80072F00');
    expect(winhttp.known).toBe(false);
    expect(winhttp.network).toBe(true);
    expect(winhttp.short.en).toBe('unknown code 0x80072F00 (WinHTTP error 12032)');
    expect(explainCode('0x8024FFFF').short.en).toMatch(/^unknown code 0x8024FFFF/);
    expect(explainCode('garbage').short.en).toBe('unknown code garbage');
  });

  it('has both languages, and no empty text, for every code in the table', () => {
    const codes = knownCodes();
    expect(codes.length).toBeGreaterThanOrEqual(30);
    for (const c of codes) {
      const e = explainCode(c);
      expect(e.known, c).toBe(true);
      for (const t of [e.short, e.forWsus]) {
        expect(t.en.trim().length, c).toBeGreaterThan(3);
        expect(t.ja.trim().length, c).toBeGreaterThan(3);
        expect(t.ja, c).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
    }
    expect(codeLabel(explainCode('0x80244019'))).toBe('0x80244019 (WU_E_PT_HTTP_STATUS_NOT_FOUND)');
  });
});
