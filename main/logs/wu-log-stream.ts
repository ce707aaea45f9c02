/**
 * Analyzes a whole Windows Update log of any size in pieces: bytes are read in chunks, decoded with a
 * streaming decoder chosen from the first chunk (as decodeLogBytes would), and fed to the analyzer.
 * Memory stays bounded; a file that stops being valid UTF-8 after its first chunk is read again as the
 * ANSI code page, like the whole-file decoder does.
 */
import { Buffer, isAscii } from 'node:buffer';
import { decodeLogBytes, utf8CompleteLength, type LogEncoding } from './decode.js';
import { createWuLogAnalyzer, type AnalyzeOptions, type WuLogAnalysis } from './wu-log.js';

/**
 * Reads up to `length` bytes at `offset` (fewer at the end of the file). The next chunk is requested
 * while the previous one is still being analysed, so the bytes a call returns must stay valid until the
 * call after the next one (a reader that reuses buffers needs two of them).
 */
export type ChunkReader = (offset: number, length: number) => Promise<Uint8Array>;

export const WU_CHUNK_BYTES = 1024 * 1024;
/**
 * Bytes decoded at a time. Small pieces give small strings that the young generation collects cheaply;
 * megabyte strings would go to the large-object space and pile up until a full collection.
 */
const DECODE_BYTES = 32 * 1024;

const CP1252_C1 = /[\u0080-\u009f]/g;
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decoderFor(encoding: LogEncoding, codePage: string | undefined): { decode(b: Uint8Array, last: boolean): string } {
  // ignoreBOM: a file that starts without a BOM keeps a later U+FEFF even when earlier ASCII chunks
  // bypassed the decoder (see asciiIsLatin1).
  const make = (label: string, fatal = false, ignoreBOM = false) => {
    const d = new TextDecoder(label, { fatal, ignoreBOM });
    return { decode: (b: Uint8Array, last: boolean) => d.decode(b, { stream: !last }) };
  };
  switch (encoding) {
    case 'utf-8':
    case 'empty':
      return make('utf-8', true, true);
    case 'utf-8-bom':
      return make('utf-8');
    case 'utf-16le-bom':
    case 'utf-16le':
      return make('utf-16le');
    case 'utf-16be-bom':
      return make('utf-16be');
    case 'ansi': {
      const label = codePage ?? 'windows-1252';
      const d = make(label);
      if (!/1252/.test(label)) return d;
      // Some Node versions decode windows-1252 as Latin-1: map the C1 range (a no-op with a correct decoder).
      return { decode: (b, last) => d.decode(b, last).replace(CP1252_C1, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!)) };
    }
  }
}

/**
 * Whether a chunk of plain ASCII decodes to the same characters as Latin-1 in this encoding, so that it can
 * skip the decoder (Latin-1 is a plain copy). True for UTF-8 and Windows-1252; not for UTF-16, and not for
 * the double-byte code pages, whose second byte of a character may be an ASCII byte.
 */
function asciiIsLatin1(encoding: LogEncoding, codePage: string | undefined): boolean {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom' || encoding === 'empty') return true;
  return encoding === 'ansi' && /1252/.test(codePage ?? 'windows-1252');
}

async function pass(read: ChunkReader, size: number, opts: AnalyzeOptions, forceAnsi: boolean, signal?: AbortSignal): Promise<WuLogAnalysis | null> {
  const first = await read(0, Math.min(size, WU_CHUNK_BYTES));
  // The first chunk decides the encoding, as for a whole file (a cut character at its end is allowed).
  const probe = decodeLogBytes(first, opts.ansiCodePage);
  let encoding = probe.encoding;
  let codePage = probe.codePage;
  if (forceAnsi) {
    encoding = 'ansi';
    codePage = opts.ansiCodePage ?? 'windows-1252';
  }
  const decoder = decoderFor(encoding, codePage);
  const asciiFast = asciiIsLatin1(encoding, codePage);
  const utf8 = encoding !== 'ansi';
  // The decoder holds no half character from the chunks before: an ASCII chunk may bypass it.
  let decoderClean = true;
  const analyzer = createWuLogAnalyzer(opts);
  let offset = 0;
  let chunk = first;
  let next: Promise<Uint8Array> | null = null;
  try {
    for (;;) {
      signal?.throwIfAborted();
      offset += chunk.length;
      const last = chunk.length === 0 || offset >= size;
      // The next read runs while this chunk is analysed: the disk (or page cache) and the CPU overlap.
      next = last ? null : read(offset, Math.min(WU_CHUNK_BYTES, size - offset));
      try {
        if (asciiFast && decoderClean && isAscii(chunk)) {
          const b = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
          for (let at = 0; at < chunk.length; at += DECODE_BYTES) analyzer.push(b.toString('latin1', at, Math.min(chunk.length, at + DECODE_BYTES)));
        } else {
          for (let at = 0; at < chunk.length || (last && at === 0); at += DECODE_BYTES) {
            const end = Math.min(chunk.length, at + DECODE_BYTES);
            analyzer.push(decoder.decode(chunk.subarray(at, end), last && end === chunk.length));
            if (end === chunk.length) break;
          }
          // A UTF-8 chunk that ends inside a character leaves its first bytes in the decoder.
          decoderClean = !utf8 || (chunk.length >= 4 && utf8CompleteLength(chunk) === chunk.length);
        }
      } catch {
        return null; // not UTF-8 after all
      }
      if (next === null) break;
      const pending = next;
      next = null;
      chunk = await pending;
    }
  } finally {
    // A read still running when this pass gives up must end before its buffer is used again.
    if (next !== null) await next.catch(() => undefined);
  }
  return analyzer.finish({ bytes: offset, encoding, ...(codePage !== undefined ? { codePage } : {}), binaryRatio: probe.binaryRatio });
}

/** Analyzes `size` bytes read through `read`. Never throws for bad content (read errors and aborts do). */
export async function analyzeWindowsUpdateLogChunks(read: ChunkReader, size: number, opts: AnalyzeOptions = {}, signal?: AbortSignal): Promise<WuLogAnalysis> {
  return (await pass(read, size, opts, false, signal)) ?? (await pass(read, size, opts, true, signal))!;
}
