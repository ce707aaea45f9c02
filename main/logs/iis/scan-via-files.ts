/**
 * Scans IIS log files through a machine's FileAdapter (the server.log.iis check): chunked reads, one
 * thread, the same kernel and merge as the command line, so the counts are the same.
 */
import type { FileAdapter } from '../../adapters/types.js';
import { emptyAggregate, mergeResult } from './aggregate.js';
import { iisKernel } from './kernel.js';
import type { IisFileSummary, IisScanRaw } from './scan-files.js';

const CHUNK = 4 * 1024 * 1024;
/** Without readRange, a file is read whole only up to this size. */
const WHOLE_FILE_MAX = 64 * 1024 * 1024;

export async function scanIisFilesVia(files: FileAdapter, paths: readonly { path: string; size: number }[], opts: { since?: Date; signal?: AbortSignal } = {}): Promise<IisScanRaw> {
  const kernel = iisKernel(null);
  const agg = emptyAggregate();
  const summaries: IisFileSummary[] = [];
  let bytes = 0;
  const sinceSec = opts.since ? opts.since.getTime() / 1000 : -Infinity;
  for (const { path, size } of paths) {
    opts.signal?.throwIfAborted();
    const summary: IisFileSummary = { path, size, layouts: [], endsWithNewline: true };
    summaries.push(summary);
    const read = async (offset: number, length: number): Promise<Uint8Array> => {
      if (files.readRange) return files.readRange(path, offset, length, opts.signal);
      if (size > WHOLE_FILE_MAX) throw new Error(`the file is larger than ${WHOLE_FILE_MAX / 1048576} MB and this machine cannot read it in parts`);
      return (await files.readBytes(path, size, opts.signal)).subarray(offset, offset + length);
    };
    const sc = kernel.createScanner(null, sinceSec);
    let offset = 0;
    let pending: Buffer = Buffer.alloc(0);
    let pendingAt = 0; // file offset of pending[0]
    let skipping = false;
    try {
      for (;;) {
        const got = await read(offset, CHUNK);
        if (offset === 0 && got.length >= 2 && ((got[0] === 0xff && got[1] === 0xfe) || (got[0] === 0xfe && got[1] === 0xff))) {
          summary.problem = 'UTF-16 text: IIS writes W3C logs in UTF-8 or ANSI; this file was not read';
          break;
        }
        const eof = got.length === 0 || offset + got.length >= size;
        let data = pending.length > 0 ? Buffer.concat([pending, got]) : Buffer.from(got.buffer, got.byteOffset, got.length);
        let base = pendingAt;
        if (offset === 0 && data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
          data = data.subarray(3);
          base = 3;
        }
        offset += got.length;
        let from = 0;
        if (skipping) {
          const nl = data.indexOf(10);
          if (nl < 0) {
            pending = Buffer.alloc(0);
            pendingAt = offset;
            if (eof) break;
            continue;
          }
          from = nl + 1;
          skipping = false;
        }
        const used = sc.processLines(data, from, data.length, base, eof);
        if (eof) break;
        if (data.length - used > kernel.MAX_LINE) {
          sc.tooLongLine(data, used, data.length, base + used);
          skipping = true;
          pending = Buffer.alloc(0);
          pendingAt = offset;
        } else {
          pending = Buffer.from(data.subarray(used));
          pendingAt = base + used;
        }
      }
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      summary.problem = `cannot read: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (summary.problem?.startsWith('UTF-16')) continue;
    const r = sc.result();
    summary.endsWithNewline = r.endsWithNewline;
    for (const f of r.fields) if (summary.layouts.length < 8 && !summary.layouts.includes(f.text)) summary.layouts.push(f.text);
    mergeResult(agg, r, path);
    bytes += Math.min(offset, size);
  }
  return { files: summaries, aggregate: agg, bytes, threads: 1, rescans: 0 };
}
