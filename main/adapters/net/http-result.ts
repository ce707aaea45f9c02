import type { HttpOutcome, HttpResult } from '../types.js';

/** The result of a request that produced no HTTP answer: every field present, nothing received. */
export function noAnswer(url: string, message: string, totalMs = 0, outcome: HttpOutcome = 'error'): HttpResult {
  return { url, finalUrl: url, outcome, hops: [], headers: {}, body: new Uint8Array(0), bodyTruncated: false, timings: { totalMs }, message };
}
