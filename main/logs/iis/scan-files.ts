/**
 * Scans IIS log files on this machine's disk: each file is cut into byte ranges that worker threads
 * scan in parallel; the results are merged in order.
 *
 * A range that starts mid-file does not know which "#Fields:" line is in effect at its start. It is
 * given the best guess (the fields in effect at the end of the latest finished range before it, else
 * the file's first header); when the ranges are merged in order the guess is checked, and a range
 * whose guess was wrong is scanned again with the right fields. So a field change costs at most about
 * one range more, and the counts are exactly those of a sequential read.
 */
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import { emptyAggregate, mergeResult, type Aggregate } from './aggregate.js';
import { iisKernel, type KernelResult, type KernelTask } from './kernel.js';
import { KernelPool } from './worker-pool.js';

export interface IisFileSummary {
  path: string;
  size: number;
  /** the distinct "#Fields:" lines seen, in order (at most 8) */
  layouts: string[];
  endsWithNewline: boolean;
  /** why the file was not read (or not completely), in English */
  problem?: string;
}

export interface IisScanRaw {
  files: IisFileSummary[];
  aggregate: Aggregate;
  bytes: number;
  threads: number;
  /** ranges scanned twice because the field set changed inside the range before them */
  rescans: number;
}

export interface IisScanOptions {
  /** ignore requests before this time */
  since?: Date;
  /** worker threads; default: the machine's cores, at most 4; 1 scans in this thread */
  threads?: number;
  /** bytes per range (default 32 MiB) */
  rangeBytes?: number;
  signal?: AbortSignal;
}

const HEAD_BYTES = 64 * 1024;
/** Below this much data, starting threads costs more than it saves. */
const SMALL_INPUT = 24 * 1024 * 1024;

interface FileHead {
  size: number;
  firstFields: string | null;
  problem?: string;
}

function readHead(path: string): FileHead {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch (e) {
    return { size: 0, firstFields: null, problem: `cannot open: ${(e as Error).message}` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) return { size: 0, firstFields: null, problem: 'is a folder' };
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, st.size));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n);
    if (n >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
      return { size: st.size, firstFields: null, problem: 'UTF-16 text: IIS writes W3C logs in UTF-8 or ANSI; this file was not read' };
    }
    const m = /^#Fields:[ \t]*([^\r\n]*)/im.exec(head.toString('latin1'));
    return { size: st.size, firstFields: m ? m[1]!.trim().replace(/\s+/g, ' ') : null };
  } catch (e) {
    return { size: 0, firstFields: null, problem: `cannot read: ${(e as Error).message}` };
  } finally {
    fs.closeSync(fd);
  }
}

function sinceSeconds(since: Date | undefined): number {
  return since ? since.getTime() / 1000 : -Infinity;
}

function noteLayouts(summary: IisFileSummary, r: KernelResult): void {
  summary.endsWithNewline = r.endsWithNewline;
  for (const f of r.fields) {
    if (summary.layouts.length < 8 && !summary.layouts.includes(f.text)) summary.layouts.push(f.text);
  }
}

export async function scanIisFiles(paths: readonly string[], opts: IisScanOptions = {}): Promise<IisScanRaw> {
  const agg = emptyAggregate();
  const files: IisFileSummary[] = [];
  const heads: FileHead[] = [];
  let bytes = 0;
  for (const path of paths) {
    const head = readHead(path);
    heads.push(head);
    const summary: IisFileSummary = { path, size: head.size, layouts: [], endsWithNewline: true };
    if (head.problem) summary.problem = head.problem;
    files.push(summary);
    if (!head.problem) bytes += head.size;
  }
  const sinceSec = sinceSeconds(opts.since);
  const wanted = opts.threads ?? Math.min(4, Math.max(1, availableParallelism()));
  const threads = opts.threads === undefined && bytes < SMALL_INPUT ? 1 : Math.max(1, Math.min(8, wanted));

  if (threads === 1) {
    const kernel = iisKernel(fs);
    for (let i = 0; i < files.length; i++) {
      opts.signal?.throwIfAborted();
      if (files[i]!.problem) continue;
      const r = kernel.scanTask({ path: paths[i]!, start: 0, end: heads[i]!.size, initialFields: null, sinceSec });
      noteLayouts(files[i]!, r);
      mergeResult(agg, r, paths[i]!);
    }
    return { files, aggregate: agg, bytes, threads: 1, rescans: 0 };
  }

  // ranges, in file and offset order
  const rangeBytes = Math.max(1024 * 1024, opts.rangeBytes ?? 32 * 1024 * 1024);
  interface Range {
    file: number;
    index: number;
    task: KernelTask;
    result?: KernelResult;
    running: boolean;
  }
  const ranges: Range[] = [];
  for (let f = 0; f < files.length; f++) {
    if (files[f]!.problem) continue;
    const size = heads[f]!.size;
    let index = 0;
    for (let start = 0; start < size || (size === 0 && index === 0); start += rangeBytes, index++) {
      ranges.push({ file: f, index, running: false, task: { path: paths[f]!, start, end: Math.min(size, start + rangeBytes), initialFields: null, sinceSec } });
      if (size === 0) break;
    }
  }

  // This thread scans too (between merges), so one thread fewer is started: less memory for the same cores.
  const pool = new KernelPool(threads - 1);
  const kernel = iisKernel(fs);
  let rescans = 0;
  let nextId = 1;
  try {
    let cursor = 0; // next range to merge
    let dispatched = 0;
    let fieldsAtCursor: string | null = null;
    /** The best guess of the fields in effect at the start of range i. */
    const guess = (i: number): string | null => {
      const r = ranges[i]!;
      if (r.index === 0) return null;
      for (let j = i - 1; j >= 0 && ranges[j]!.file === r.file; j--) {
        if (j < cursor) return fieldsAtCursor; // merged already: known exactly
        const done = ranges[j]!.result;
        if (done?.lastFields) return done.lastFields;
      }
      return heads[r.file]!.firstFields;
    };

    let wake: (() => void) | null = null;
    let failure: Error | null = null;
    const start = (i: number, initialFields: string | null) => {
      const r = ranges[i]!;
      r.task.initialFields = initialFields;
      r.running = true;
      delete r.result;
      pool.run({ id: nextId++, task: r.task }).then(
        (res) => {
          r.result = res;
          r.running = false;
          wake?.();
        },
        (e: unknown) => {
          failure = e instanceof Error ? e : new Error(String(e));
          wake?.();
        },
      );
    };
    const inline = (i: number, initialFields: string | null) => {
      const r = ranges[i]!;
      r.task.initialFields = initialFields;
      r.result = kernel.scanTask(r.task);
      r.running = false;
    };
    const ahead = () => dispatched < ranges.length && dispatched < cursor + threads * 2;
    while (cursor < ranges.length) {
      opts.signal?.throwIfAborted();
      if (failure) throw failure;
      // keep the workers busy, but never far ahead of the merge (bounded memory)
      while (ahead() && pool.idle > 0) {
        start(dispatched, guess(dispatched));
        dispatched++;
      }
      const r = ranges[cursor]!;
      if (r.index === 0) fieldsAtCursor = null;
      if (r.result && !r.running) {
        if (r.task.initialFields !== fieldsAtCursor) {
          rescans++;
          inline(cursor, fieldsAtCursor);
          continue;
        }
        noteLayouts(files[r.file]!, r.result);
        mergeResult(agg, r.result, r.task.path);
        fieldsAtCursor = r.result.lastFields ?? fieldsAtCursor;
        delete r.result;
        cursor++;
        continue;
      }
      if (ahead()) {
        // nothing to merge yet: scan the next range here, then let the workers' messages in
        inline(dispatched, guess(dispatched));
        dispatched++;
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    await pool.close();
  }
  return { files, aggregate: agg, bytes, threads, rescans };
}
