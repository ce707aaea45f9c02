/**
 * Worker threads that run the scanning kernel on byte ranges. The kernel's own source is evaluated in
 * each worker, so the same code runs in the bundled command line, in Electron and under tsx/vitest
 * without a separate worker file.
 */
import { Worker } from 'node:worker_threads';
import { iisKernel, type KernelResult, type KernelTask } from './kernel.js';

function workerSource(): string {
  return `'use strict';
var __name = (f) => f; // bundlers that keep function names call this helper
const { parentPort } = require('node:worker_threads');
const kernel = (${iisKernel.toString()})(require('node:fs'));
parentPort.on('message', (msg) => {
  try {
    const r = kernel.scanTask(msg.task);
    const transfer = [r.comboKey, r.comboWin32, r.comboCount, r.comboFirst, r.comboLast, r.ipPool, r.ipOff, r.ipLen, r.clientInt, r.clientF64, r.hourKey, r.hourCounts].map((a) => a.buffer);
    parentPort.postMessage({ id: msg.id, result: r }, transfer);
  } catch (e) {
    parentPort.postMessage({ id: msg.id, error: String((e && e.message) || e) });
  }
});`;
}

export interface PoolJob {
  id: number;
  task: KernelTask;
}

export class KernelPool {
  readonly #workers: Worker[] = [];
  readonly #idle: Worker[] = [];
  readonly #pending = new Map<number, { resolve: (r: KernelResult) => void; reject: (e: Error) => void }>();
  readonly #queue: { job: PoolJob; resolve: (r: KernelResult) => void; reject: (e: Error) => void }[] = [];
  #closed = false;

  constructor(size: number) {
    const src = workerSource();
    for (let i = 0; i < size; i++) {
      // A small, bounded heap: the worker keeps only one range's tables at a time, so peak memory stays
      // low whatever the size of the logs.
      const w = new Worker(src, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 4 } });
      w.on('message', (msg: { id: number; result?: KernelResult; error?: string }) => {
        const p = this.#pending.get(msg.id);
        this.#pending.delete(msg.id);
        this.#idle.push(w);
        if (p) {
          if (msg.result) p.resolve(msg.result);
          else p.reject(new Error(msg.error ?? 'the scan failed'));
        }
        this.#pump();
      });
      w.on('error', (e) => this.#failAll(e instanceof Error ? e : new Error(String(e))));
      this.#workers.push(w);
      this.#idle.push(w);
    }
  }

  /** Workers with nothing to do and no job waiting for them. */
  get idle(): number {
    return Math.max(0, this.#idle.length - this.#queue.length);
  }

  run(job: PoolJob): Promise<KernelResult> {
    if (this.#closed) return Promise.reject(new Error('the scanner was closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const w = this.#idle.pop()!;
      const q = this.#queue.shift()!;
      this.#pending.set(q.job.id, { resolve: q.resolve, reject: q.reject });
      w.postMessage(q.job);
    }
  }

  #failAll(e: Error): void {
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
    for (const q of this.#queue.splice(0)) q.reject(e);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#failAll(new Error('the scanner was closed'));
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
