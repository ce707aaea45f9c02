/**
 * Files on the real machine (node:fs/promises), and the file version of an executable read from its
 * VS_FIXEDFILEINFO structure (found by its signature 0xFEEF04BD), without any Windows API.
 */
import { open, readdir, stat } from 'node:fs/promises';
import type { FileAdapter, FileInfo } from '../types.js';

/** fileVersion reads at most this much of a file. */
export const MAX_VERSION_SCAN_BYTES = 64 * 1024 * 1024;
/** readBytes never reads more than this, whatever is asked. */
export const MAX_READ_BYTES = 512 * 1024 * 1024;
/** readRange never reads more than this at once. */
export const MAX_RANGE_BYTES = 16 * 1024 * 1024;

const SIGNATURE = [0xbd, 0x04, 0xef, 0xfe] as const;
const FIXED_FILE_INFO_SIZE = 52;
const VS_VERSION_INFO_UTF16 = Buffer.from('VS_VERSION_INFO', 'utf16le');

/**
 * The file version ("a.b.c.d", from dwFileVersionMS/LS) of the first plausible VS_FIXEDFILEINFO in
 * the bytes: the signature BD 04 EF FE followed by dwStrucVersion 0x00010000, or preceded (within a
 * few bytes) by the UTF-16 key "VS_VERSION_INFO". Null when there is none. Never throws.
 */
export function parseFileVersion(bytes: unknown): string | null {
  if (!(bytes instanceof Uint8Array)) return null;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fallback: string | null = null;
  let from = 0;
  for (;;) {
    const at = buf.indexOf(Buffer.from(SIGNATURE), from);
    if (at < 0 || at + FIXED_FILE_INFO_SIZE > buf.length) break;
    from = at + 1;
    const strucVersion = buf.readUInt32LE(at + 4);
    const ms = buf.readUInt32LE(at + 8);
    const ls = buf.readUInt32LE(at + 12);
    const version = `${ms >>> 16}.${ms & 0xffff}.${ls >>> 16}.${ls & 0xffff}`;
    if (strucVersion === 0x00010000) return version;
    const keyAt = buf.lastIndexOf(VS_VERSION_INFO_UTF16, at);
    if (fallback === null && keyAt >= 0 && at - (keyAt + VS_VERSION_INFO_UTF16.length) <= 8) fallback = version;
  }
  return fallback;
}

function isMissing(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function checkPath(path: unknown): string {
  if (typeof path !== 'string' || path.length === 0 || path.includes('\0')) throw new Error('The file path is empty or contains NUL characters.');
  return path;
}

async function readPrefix(path: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
  const limit = Math.min(Math.max(0, Math.floor(maxBytes)), MAX_READ_BYTES);
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      signal?.throwIfAborted();
      const chunk = Buffer.alloc(Math.min(1024 * 1024, limit - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    return new Uint8Array(Buffer.concat(chunks, total));
  } finally {
    await handle.close();
  }
}

export class NodeFiles implements FileAdapter {
  async stat(path: string, signal?: AbortSignal): Promise<FileInfo> {
    checkPath(path);
    signal?.throwIfAborted();
    try {
      const s = await stat(path);
      return { exists: true, isDirectory: s.isDirectory(), size: s.isDirectory() ? 0 : s.size, modified: s.mtime.toISOString() };
    } catch (e) {
      if (isMissing(e)) return { exists: false, isDirectory: false, size: 0 };
      throw e;
    }
  }

  async readBytes(path: string, maxBytes: number, signal?: AbortSignal): Promise<Uint8Array> {
    checkPath(path);
    if (typeof maxBytes !== 'number' || !Number.isFinite(maxBytes) || maxBytes < 0) throw new Error('maxBytes must be a number of bytes.');
    signal?.throwIfAborted();
    return readPrefix(path, maxBytes, signal);
  }

  async readRange(path: string, offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array> {
    checkPath(path);
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) throw new Error('offset and length must be whole numbers of bytes.');
    signal?.throwIfAborted();
    const handle = await open(path, 'r');
    try {
      const buf = Buffer.alloc(Math.min(length, MAX_RANGE_BYTES));
      const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
      return new Uint8Array(buf.buffer, buf.byteOffset, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async fileVersion(path: string, signal?: AbortSignal): Promise<string | null> {
    checkPath(path);
    signal?.throwIfAborted();
    let bytes: Uint8Array;
    try {
      bytes = await readPrefix(path, MAX_VERSION_SCAN_BYTES, signal);
    } catch (e) {
      if (signal?.aborted) throw e;
      return null;
    }
    return parseFileVersion(bytes);
  }

  async listDir(path: string, signal?: AbortSignal): Promise<string[]> {
    checkPath(path);
    signal?.throwIfAborted();
    try {
      return (await readdir(path)).sort();
    } catch (e) {
      // Like the simulated machine: a folder that is not there has no entries.
      if (isMissing(e)) return [];
      throw e;
    }
  }
}
