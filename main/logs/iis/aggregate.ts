/**
 * The merged counts of an IIS log scan: the kernel's per-range tables added together, in file and
 * offset order (so "latest" means the latest line). Bounded: at most MAX_CLIENTS clients and MAX_HOURS hours.
 */
import { CF, CI, GROUP_COUNT, type KernelResult } from './kernel.js';

export const PATH_GROUPS = ['selfupdate', 'iuident', 'wutrack', 'clientwebservice', 'simpleauth', 'content'] as const;
export type PathGroup = (typeof PATH_GROUPS)[number];

/** The failure kinds of the kernel's kindOf, by bit number. */
export const FAILURE_KINDS = [
  'anonymous-off',
  'logon-failed',
  'ntfs-acl',
  'auth-required',
  'forbidden',
  'not-found',
  'mime-missing',
  'isapi-restricted',
  'server-error',
  'app-pool-down',
  'client-error',
  'server-error-other',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export const MAX_CLIENTS = 100_000;
export const MAX_HOURS = 24 * 92;

export interface Combo {
  group: PathGroup;
  status: number;
  sub: number;
  win32: number;
  count: number;
  /** seconds since 1970 (UTC); 0 when the log had no time */
  first: number;
  last: number;
}

export interface ClientAgg {
  ip: string;
  requests: number;
  failures: number;
  n401: number;
  /** failure kinds seen, per class (self-update, web services, content), as bits of FAILURE_KINDS */
  kindMask: [number, number, number];
  firstFail: number;
  lastFail: number;
  last401: number;
  lastOk: number;
  lastFailCombo: Combo | null;
  /** per class (self-update, web services, content): time of the latest request and its combo when it failed */
  lastAt: [number, number, number];
  lastFailed: [Combo | null, Combo | null, Combo | null];
}

export interface Aggregate {
  lines: number;
  comments: number;
  blank: number;
  unparseable: number;
  tooLong: number;
  matched: number;
  beforeSince: number;
  other: number;
  noTime: number;
  minSec: number;
  maxSec: number;
  comboOverflow: number;
  clientOverflow: number;
  combos: Map<string, Combo>;
  clients: Map<string, ClientAgg>;
  /** hour number since 1970 → per group (total, failures) */
  hours: Map<number, Int32Array>;
  samples: { file: string; offset: number; reason: string; text: string }[];
}

export function emptyAggregate(): Aggregate {
  return {
    lines: 0,
    comments: 0,
    blank: 0,
    unparseable: 0,
    tooLong: 0,
    matched: 0,
    beforeSince: 0,
    other: 0,
    noTime: 0,
    minSec: Infinity,
    maxSec: -Infinity,
    comboOverflow: 0,
    clientOverflow: 0,
    combos: new Map(),
    clients: new Map(),
    hours: new Map(),
    samples: [],
  };
}

function latin1(bytes: Uint8Array, off: number, len: number): string {
  let s = '';
  for (let i = off; i < off + len; i++) {
    const c = bytes[i]!;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?';
  }
  return s;
}

/** Adds one range's result. Call in file order, then offset order. */
export function mergeResult(agg: Aggregate, r: KernelResult, file: string): void {
  agg.lines += r.lines;
  agg.comments += r.comments;
  agg.blank += r.blank;
  agg.unparseable += r.unparseable;
  agg.tooLong += r.tooLong;
  agg.matched += r.matched;
  agg.beforeSince += r.beforeSince;
  agg.other += r.other;
  agg.noTime += r.noTime;
  agg.minSec = Math.min(agg.minSec, r.minSec);
  agg.maxSec = Math.max(agg.maxSec, r.maxSec);
  agg.comboOverflow += r.comboOverflow;
  agg.clientOverflow += r.clientOverflow;
  for (const s of r.samples) if (agg.samples.length < 10) agg.samples.push({ file, ...s });

  const local: Combo[] = [];
  for (let i = 0; i < r.comboN; i++) {
    const key = r.comboKey[i]!;
    const win32 = r.comboWin32[i]!;
    const id = `${key}:${win32}`;
    let c = agg.combos.get(id);
    if (!c) {
      c = {
        group: PATH_GROUPS[(key >>> 20) & 7] ?? 'selfupdate',
        status: (key >>> 10) & 1023,
        sub: key & 1023,
        win32,
        count: 0,
        first: Infinity,
        last: -Infinity,
      };
      agg.combos.set(id, c);
    }
    c.count += r.comboCount[i]!;
    c.first = Math.min(c.first, r.comboFirst[i]!);
    c.last = Math.max(c.last, r.comboLast[i]!);
    local.push(c);
  }
  const comboAt = (i: number): Combo | null => (i >= 0 ? (local[i] ?? null) : null);

  for (let i = 0; i < r.clientN; i++) {
    const bi = i * CI;
    const bf = i * CF;
    const ip = latin1(r.ipPool, r.ipOff[i]!, r.ipLen[i]!);
    let c = agg.clients.get(ip);
    if (!c) {
      if (agg.clients.size >= MAX_CLIENTS) {
        agg.clientOverflow += r.clientInt[bi]!;
        continue;
      }
      c = {
        ip,
        requests: 0,
        failures: 0,
        n401: 0,
        kindMask: [0, 0, 0],
        firstFail: Infinity,
        lastFail: -Infinity,
        last401: -Infinity,
        lastOk: -Infinity,
        lastFailCombo: null,
        lastAt: [-Infinity, -Infinity, -Infinity],
        lastFailed: [null, null, null],
      };
      agg.clients.set(ip, c);
    }
    c.requests += r.clientInt[bi]!;
    c.failures += r.clientInt[bi + 1]!;
    c.n401 += r.clientInt[bi + 2]!;
    c.kindMask[0] |= r.clientInt[bi + 3]!;
    c.kindMask[1] |= r.clientInt[bi + 8]!;
    c.kindMask[2] |= r.clientInt[bi + 9]!;
    c.firstFail = Math.min(c.firstFail, r.clientF64[bf]!);
    if (r.clientF64[bf + 1]! >= c.lastFail && r.clientInt[bi + 1]! > 0) {
      c.lastFail = r.clientF64[bf + 1]!;
      c.lastFailCombo = comboAt(r.clientInt[bi + 4]!);
    }
    c.last401 = Math.max(c.last401, r.clientF64[bf + 2]!);
    c.lastOk = Math.max(c.lastOk, r.clientF64[bf + 3]!);
    for (let k = 0; k < 3; k++) {
      const code = r.clientInt[bi + 5 + k]!;
      if (code === -2) continue; // no request of this class in the range
      const at = r.clientF64[bf + 4 + k]!;
      if (at >= c.lastAt[k]!) {
        c.lastAt[k] = at;
        c.lastFailed[k] = comboAt(code);
      }
    }
  }

  const stride = GROUP_COUNT * 2;
  for (let i = 0; i < r.hourN; i++) {
    const hour = r.hourKey[i]!;
    let h = agg.hours.get(hour);
    if (!h) {
      if (agg.hours.size >= MAX_HOURS) {
        // keep the most recent hours
        const oldest = Math.min(...agg.hours.keys());
        if (hour < oldest) continue;
        agg.hours.delete(oldest);
      }
      h = new Int32Array(stride);
      agg.hours.set(hour, h);
    }
    for (let k = 0; k < stride; k++) h[k]! += r.hourCounts[i * stride + k]!;
  }
}
