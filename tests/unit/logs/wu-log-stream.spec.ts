// The Windows Update analyzer reads whole files of any size in chunks, with the same result as reading
// the bytes at once: lines and characters cut between chunks, UTF-16, and ANSI found late.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWindowsUpdateLog } from '../../../main/logs/wu-log.js';
import { analyzeWindowsUpdateLogChunks, WU_CHUNK_BYTES } from '../../../main/logs/wu-log-stream.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'wu-logs');
const reader = (bytes: Uint8Array) => async (offset: number, length: number) => bytes.subarray(offset, offset + length);
const stream = (bytes: Uint8Array, opts = {}) => analyzeWindowsUpdateLogChunks(reader(bytes), bytes.length, opts);

function big(): Uint8Array {
  // the real Windows 10 excerpt repeated past several chunks, so lines and fields are cut at chunk ends
  const one = readFileSync(join(FIXTURES, 'wu10-01.log'));
  const legacy = readFileSync(join(FIXTURES, 'wu-01.log'));
  const parts: Buffer[] = [];
  let n = 0;
  while (n < WU_CHUNK_BYTES * 2.5) {
    parts.push(one, legacy);
    n += one.length + legacy.length;
  }
  return new Uint8Array(Buffer.concat(parts));
}

describe('Windows Update log in chunks', () => {
  it('gives the same analysis as reading the whole file at once', async () => {
    const bytes = big();
    const whole = analyzeWindowsUpdateLog(bytes, { policyServer: 'https://SCCM01D.firm.saulewing.net:8531' });
    const chunked = await stream(bytes, { policyServer: 'https://SCCM01D.firm.saulewing.net:8531' });
    expect(chunked).toEqual(whole);
    expect(chunked.bytes).toBe(bytes.length);
    expect(chunked.errors.map((e) => e.code)).toContain('0x80244019');
  });

  it('decodes UTF-16 with a BOM across chunks', async () => {
    const text = readFileSync(join(FIXTURES, 'wu-01.log'), 'utf8').repeat(4000);
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const a = await stream(bytes);
    expect(a.encoding).toBe('utf-16le-bom');
    expect(a).toEqual(analyzeWindowsUpdateLog(bytes));
  });

  it('switches to the ANSI code page when a non-UTF-8 byte appears after the first chunk', async () => {
    const ascii = readFileSync(join(FIXTURES, 'wu-01.log'), 'latin1').repeat(Math.ceil((WU_CHUNK_BYTES * 1.5) / 854));
    const bytes = new Uint8Array(Buffer.from(`${ascii}2008-03-22 18:53:25:002  864  c48 Agent Caf\u00e9 0x80244019\n`, 'latin1'));
    const a = await stream(bytes);
    expect(a.encoding).toBe('ansi');
    expect(a.lines.unparsable).toBe(analyzeWindowsUpdateLog(bytes).lines.unparsable);
    expect(a.lines.total).toBe(analyzeWindowsUpdateLog(bytes).lines.total);
  });

  it('reads a 0-byte file', async () => {
    const a = await stream(new Uint8Array(0));
    expect(a.lines.total).toBe(0);
    expect(a.verdict.kind).toBe('empty');
  });
});
