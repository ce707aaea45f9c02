import { describe, expect, it } from 'vitest';
import { buildCabinet, parseCabHeader } from '../../../shared/cab.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('cabinet files', () => {
  it('builds a cabinet whose header reads back', () => {
    const cab = buildCabinet([{ name: 'wuident.txt', data: text('[Setup]\nVersion=7.6.7600.256\n') }]);
    const h = parseCabHeader(cab);
    expect(h).toEqual({ ok: true, declaredSize: cab.length, folders: 1, files: 1, version: '1.3' });
  });

  it('handles payloads over one 32 KiB data block', () => {
    const cab = buildCabinet([
      { name: 'a.bin', data: new Uint8Array(70_000).fill(7) },
      { name: 'b.txt', data: text('b') },
    ]);
    expect(parseCabHeader(cab)).toMatchObject({ ok: true, declaredSize: cab.length, files: 2 });
  });

  it.each([
    [new Uint8Array(0), 'too-short'],
    [text('<html><body>Access denied</body></html>'), 'bad-signature'],
    [text('MSCF'), 'too-short'],
    [(() => { const c = buildCabinet([{ name: 'x', data: text('x') }]); c[25] = 9; return c; })(), 'bad-version'],
    [(() => { const c = buildCabinet([{ name: 'x', data: text('x') }]); new DataView(c.buffer).setUint32(8, 0xffffffff, true); return c; })(), 'implausible-size'],
    [(() => { const c = buildCabinet([{ name: 'x', data: text('x') }]); new DataView(c.buffer).setUint16(28, 0, true); return c; })(), 'bad-layout'],
  ])('rejects %#: %s', (bytes, reason) => {
    const h = parseCabHeader(bytes);
    expect(h.ok).toBe(false);
    if (!h.ok) expect(h.reason).toBe(reason);
  });

  it('never throws on random bytes', () => {
    let seed = 7;
    for (let i = 0; i < 500; i++) {
      const b = new Uint8Array(i % 80);
      for (let j = 0; j < b.length; j++) b[j] = (seed = (seed * 1103515245 + 12345) >>> 0) & 0xff;
      if (i % 3 === 0 && b.length >= 4) b.set([0x4d, 0x53, 0x43, 0x46]);
      expect(() => parseCabHeader(b)).not.toThrow();
    }
  });
});
