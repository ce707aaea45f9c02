import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeFiles, parseFileVersion } from '../../../main/adapters/windows/files.js';

/** A buffer with a VS_VERSION_INFO resource: key, padding, then VS_FIXEDFILEINFO. */
function versionResource(ms: number, ls: number, { strucVersion = 0x00010000, key = true } = {}): Buffer {
  const fixed = Buffer.alloc(52);
  fixed.writeUInt32LE(0xfeef04bd, 0);
  fixed.writeUInt32LE(strucVersion, 4);
  fixed.writeUInt32LE(ms, 8);
  fixed.writeUInt32LE(ls, 12);
  fixed.writeUInt32LE(ms, 16);
  fixed.writeUInt32LE(ls, 20);
  const header = Buffer.alloc(6);
  const name = key ? Buffer.from('VS_VERSION_INFO\0', 'utf16le') : Buffer.alloc(0);
  return Buffer.concat([header, name, Buffer.alloc(2), fixed]);
}

describe('parseFileVersion', () => {
  it('reads "a.b.c.d" from dwFileVersionMS/LS (wuaueng.dll 7.6.7600.256)', () => {
    const pe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(5000, 0x90), versionResource((7 << 16) | 6, (7600 << 16) | 256), Buffer.alloc(100)]);
    expect(parseFileVersion(pe)).toBe('7.6.7600.256');
  });

  it('skips signature bytes that are not a version structure', () => {
    const decoy = Buffer.concat([Buffer.from([0xbd, 0x04, 0xef, 0xfe]), Buffer.alloc(60, 0x11)]);
    const bytes = Buffer.concat([decoy, versionResource((10 << 16) | 0, (19041 << 16) | 3636)]);
    expect(parseFileVersion(bytes)).toBe('10.0.19041.3636');
  });

  it('accepts an odd struct version when the VS_VERSION_INFO key is right before it', () => {
    expect(parseFileVersion(versionResource((5 << 16) | 8, (6001 << 16) | 22, { strucVersion: 0 }))).toBe('5.8.6001.22');
    expect(parseFileVersion(versionResource((5 << 16) | 8, (6001 << 16) | 22, { strucVersion: 0, key: false }))).toBeNull();
  });

  it.each([new Uint8Array(0), Buffer.from('MZ garbage'), Buffer.from([0xbd, 0x04, 0xef, 0xfe, 0, 0]), 'string', null, 42])('garbage → null', (b) => {
    expect(parseFileVersion(b)).toBeNull();
  });

  it('works on a Uint8Array view into a larger buffer', () => {
    const big = Buffer.concat([Buffer.alloc(7), versionResource(0x00020003, 0x00040005)]);
    expect(parseFileVersion(new Uint8Array(big.buffer, big.byteOffset + 7, big.length - 7))).toBe('2.3.4.5');
  });
});

describe('NodeFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wsus-doctor-files-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('stat: files, folders, missing', async () => {
    writeFileSync(join(dir, 'wuident.cab'), Buffer.from('MSCF0000'));
    mkdirSync(join(dir, 'AU'));
    const files = new NodeFiles();
    expect(await files.stat(join(dir, 'wuident.cab'))).toMatchObject({ exists: true, isDirectory: false, size: 8 });
    expect((await files.stat(join(dir, 'wuident.cab'))).modified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await files.stat(join(dir, 'AU'))).toMatchObject({ exists: true, isDirectory: true });
    expect(await files.stat(join(dir, 'nope'))).toEqual({ exists: false, isDirectory: false, size: 0 });
    expect(await files.stat(join(dir, 'wuident.cab', 'below-a-file'))).toEqual({ exists: false, isDirectory: false, size: 0 });
  });

  it('readBytes reads only as much as asked, and throws for a missing file', async () => {
    writeFileSync(join(dir, 'big.bin'), Buffer.alloc(3 * 1024 * 1024, 7));
    const files = new NodeFiles();
    expect((await files.readBytes(join(dir, 'big.bin'), 4)).length).toBe(4);
    expect((await files.readBytes(join(dir, 'big.bin'), 2.5 * 1024 * 1024)).length).toBe(2.5 * 1024 * 1024);
    expect((await files.readBytes(join(dir, 'big.bin'), 10 * 1024 * 1024)).length).toBe(3 * 1024 * 1024);
    expect((await files.readBytes(join(dir, 'big.bin'), 0)).length).toBe(0);
    await expect(files.readBytes(join(dir, 'nope'), 10)).rejects.toThrow(/ENOENT/);
    await expect(files.readBytes(join(dir, 'big.bin'), -1)).rejects.toThrow(/maxBytes/);
  });

  it('listDir is sorted; a missing folder has no entries', async () => {
    writeFileSync(join(dir, 'b'), '');
    writeFileSync(join(dir, 'a'), '');
    const files = new NodeFiles();
    expect(await files.listDir(dir)).toEqual(['a', 'b']);
    expect(await files.listDir(join(dir, 'missing'))).toEqual([]);
  });

  it('fileVersion of a file on disk; null for missing or versionless files', async () => {
    writeFileSync(join(dir, 'wuaueng.dll'), Buffer.concat([Buffer.from('MZ'), Buffer.alloc(70_000), versionResource(0x00070006, 0x1db00100)]));
    writeFileSync(join(dir, 'plain.txt'), 'hello');
    const files = new NodeFiles();
    expect(await files.fileVersion(join(dir, 'wuaueng.dll'))).toBe('7.6.7600.256');
    expect(await files.fileVersion(join(dir, 'plain.txt'))).toBeNull();
    expect(await files.fileVersion(join(dir, 'missing.dll'))).toBeNull();
  });

  it('rejects empty paths and NULs', async () => {
    const files = new NodeFiles();
    await expect(files.stat('')).rejects.toThrow(/empty/);
    await expect(files.stat('a\0b')).rejects.toThrow(/NUL/);
  });
});
