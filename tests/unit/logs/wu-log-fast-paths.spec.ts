// The analyzer's fast paths (ASCII chunks that bypass the decoder, reads that overlap the analysis, lines
// read in place) give the same analysis as decoding the whole file at once, on generated and real logs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateWuLog } from '../../../scripts/bench/gen-wulog.js';
import { analyzeWindowsUpdateLog } from '../../../main/logs/wu-log.js';
import { analyzeWindowsUpdateLogFile } from '../../../main/logs/wu-log-file.js';
import { analyzeWindowsUpdateLogChunks, WU_CHUNK_BYTES } from '../../../main/logs/wu-log-stream.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'wu-logs');
const REAL = ['wu-01.log', 'wu10-01.log', 'wu10-02.log', 'win10-tls-8531.log', 'legacy-selfupdate-timeout.log'];
const dir = mkdtempSync(join(tmpdir(), 'wu-fast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const POLICY = { policyServer: 'https://SCCM01D.firm.saulewing.net:8531' };
const reader = (bytes: Uint8Array) => async (offset: number, length: number) => bytes.subarray(offset, offset + length);

function generated(): Uint8Array {
  const path = join(dir, 'gen.log');
  generateWuLog(Math.round(WU_CHUNK_BYTES * 3.3), path);
  return new Uint8Array(readFileSync(path));
}

/** `bytes` with `insert` written over it just before, at and after each chunk boundary. */
function withAtBoundaries(bytes: Uint8Array, insert: string): Uint8Array {
  const out = new Uint8Array(bytes);
  const enc = new TextEncoder().encode(insert);
  for (let k = 1; k * WU_CHUNK_BYTES + 8 < out.length; k++) out.set(enc, k * WU_CHUNK_BYTES - k);
  return out;
}

describe('Windows Update log fast paths', () => {
  it('reads a generated multi-megabyte log from disk exactly as the whole-file analysis does', async () => {
    const bytes = generated();
    const path = join(dir, 'gen-copy.log');
    writeFileSync(path, bytes);
    const fromDisk = await analyzeWindowsUpdateLogFile(path, POLICY);
    expect(fromDisk).toEqual(analyzeWindowsUpdateLog(bytes, POLICY));
    expect(fromDisk.lines.parsed).toBeGreaterThan(20000);
    expect(fromDisk.errors.length).toBeGreaterThan(0);
  });

  it.each(['\u00e9', '\u20ac', '\u{1f600}', '\ufeff'])('keeps %j cut by a chunk boundary between ASCII chunks', async (ch) => {
    const bytes = withAtBoundaries(generated(), `${ch} 0x80244019 ${ch}`);
    const streamed = await analyzeWindowsUpdateLogChunks(reader(bytes), bytes.length, POLICY);
    expect(streamed.encoding).toBe('utf-8');
    expect(streamed).toEqual(analyzeWindowsUpdateLog(bytes, POLICY));
  });

  it('falls back to the ANSI code page for a Latin-1 byte after ASCII chunks, as the whole-file analysis does', async () => {
    const bytes = generated();
    bytes[WU_CHUNK_BYTES * 2 + 100] = 0xe9;
    const streamed = await analyzeWindowsUpdateLogChunks(reader(bytes), bytes.length);
    expect(streamed.encoding).toBe('ansi');
    expect(streamed).toEqual(analyzeWindowsUpdateLog(bytes));
  });

  it.each(REAL)('gives the same analysis of the real excerpt %s repeated past several chunks', async (name) => {
    const one = readFileSync(join(FIXTURES, name));
    const bytes = new Uint8Array(Buffer.concat(Array.from({ length: Math.ceil((WU_CHUNK_BYTES * 2.2) / one.length) }, () => one)));
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const whole = analyzeWindowsUpdateLog(bytes);
    expect(await analyzeWindowsUpdateLogFile(path)).toEqual(whole);
    expect(whole.lines.total).toBeGreaterThan(one.toString('latin1').split('\n').length);
  });
});
