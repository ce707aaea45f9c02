import { describe, expect, it } from 'vitest';
import { fuseState, SEA_FUSE, seaConfig, stripAuthenticode, stripShebang } from '../../../scripts/build-exe.mjs';

/** A minimal PE32+ image: MZ header, PE signature, COFF header, optional header with 16 data directories. */
function fakePe(cert?: Buffer): Buffer {
  const peOffset = 0x80;
  const optional = peOffset + 24;
  const security = optional + 112 + 4 * 8;
  const body = Buffer.alloc(0x400, 0xcc);
  body.writeUInt16LE(0x5a4d, 0);
  body.writeUInt32LE(peOffset, 0x3c);
  body.writeUInt32LE(0x00004550, peOffset);
  body.writeUInt16LE(0x20b, optional);
  body.fill(0, optional + 112, optional + 112 + 16 * 8);
  if (!cert) return body;
  body.writeUInt32LE(body.length, security);
  body.writeUInt32LE(cert.length, security + 4);
  return Buffer.concat([body, cert]);
}

describe('build-exe helpers', () => {
  it('writes a blob config that another platform of the same Node version accepts', () => {
    expect(seaConfig('main.cjs', 'sea-prep.blob')).toEqual({
      main: 'main.cjs',
      output: 'sea-prep.blob',
      disableExperimentalSEAWarning: true,
      useSnapshot: false,
      useCodeCache: false,
    });
  });

  it('neutralises the #! line of the bundle without moving any line', () => {
    const src = '#!/usr/bin/env node\n"use strict";\nmain();\n';
    const out = stripShebang(src);
    expect(out.startsWith('#!')).toBe(false);
    expect(out.split('\n')).toHaveLength(src.split('\n').length);
    expect(out.split('\n').slice(1)).toEqual(src.split('\n').slice(1));
    expect(stripShebang('"use strict";')).toBe('"use strict";');
  });

  it('tells an injected executable from an empty one by the sentinel fuse', () => {
    expect(fuseState(Buffer.from(`xx${SEA_FUSE}:1yy`))).toBe('injected');
    expect(fuseState(Buffer.from(`xx${SEA_FUSE}:0yy`))).toBe('empty');
    expect(fuseState(Buffer.from('no fuse here'))).toBe('absent');
  });

  it('removes an Authenticode certificate table from the end of a PE file, like signtool remove /s', () => {
    const signed = fakePe(Buffer.alloc(0x200, 0x30));
    const out = stripAuthenticode(signed);
    expect(out.length).toBe(0x400);
    const security = 0x80 + 24 + 112 + 32;
    expect(out.readUInt32LE(security)).toBe(0);
    expect(out.readUInt32LE(security + 4)).toBe(0);
    expect(out.subarray(0, security).equals(signed.subarray(0, security))).toBe(true);
  });

  it('leaves an unsigned PE alone and refuses what is not a PE', () => {
    const unsigned = fakePe();
    expect(stripAuthenticode(unsigned)).toBe(unsigned);
    expect(() => stripAuthenticode(Buffer.from('#!/bin/sh\necho not a PE, just a script padded out to be long enough to have a header\n'))).toThrow(/not a PE file/);
    const wrongTable = fakePe(Buffer.alloc(16, 1));
    wrongTable.writeUInt32LE(wrongTable.length + 100, 0x80 + 24 + 112 + 32);
    expect(() => stripAuthenticode(wrongTable)).toThrow(/past the end/);
  });
});
