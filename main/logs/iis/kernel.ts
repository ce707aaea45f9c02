/**
 * The hot loop of the IIS W3C log scanner. It works on raw bytes: per line one native newline search,
 * then only the bytes needed to reach the URL field decide whether the line matters; matching lines are
 * parsed in place (no per-line strings) into typed-array hash tables keyed on low-variety values
 * (path group, status triple, client IP, hour).
 *
 * Everything lives inside one function with no imports and no outside references, because the same
 * source also runs in worker threads (its text is evaluated there; see worker-pool.ts). Keep it so:
 * only `fs` is passed in.
 */

/** What one task (a byte range of one file) found. Plain data and typed arrays, so it can cross threads. */
export interface KernelResult {
  lines: number;
  comments: number;
  blank: number;
  unparseable: number;
  tooLong: number;
  /** lines in the path groups that were read */
  matched: number;
  /** lines in the path groups before --since */
  beforeSince: number;
  /** lines outside the path groups (other WSUS services, other sites' paths) */
  other: number;
  /** matched lines whose date/time did not parse (counted, without time) */
  noTime: number;
  minSec: number;
  maxSec: number;
  /** "#Fields:" lines seen in this range, in order: byte offset and the field names (at most 16 kept) */
  fields: { offset: number; text: string }[];
  /** the last "#Fields:" text seen in the range, or null */
  lastFields: string | null;
  samples: { offset: number; reason: string; text: string }[];
  /** "utf-16" when the file is UTF-16 (IIS never writes it): not read */
  encodingProblem: string | null;
  endsWithNewline: boolean;
  /** combos: key = group<<20 | status<<10 | min(sub,1023), plus win32 */
  comboKey: Int32Array;
  comboWin32: Float64Array;
  comboCount: Float64Array;
  comboFirst: Float64Array;
  comboLast: Float64Array;
  comboN: number;
  comboOverflow: number;
  /** clients: IP bytes in a pool */
  ipPool: Uint8Array;
  ipOff: Int32Array;
  ipLen: Int32Array;
  /** per client, stride CI: total, fail, n401, suKindMask, lastFailCombo, suCombo, wsCombo, ctCombo, wsKindMask, ctKindMask */
  clientInt: Int32Array;
  /** per client, stride CF: firstFail, lastFail, last401, lastOk, lastSu, lastWs, lastCt */
  clientF64: Float64Array;
  clientN: number;
  /** requests from clients beyond the table's cap (counted only in the totals) */
  clientOverflow: number;
  /** hours: hour number since 1970 (UTC) and, per hour, GROUPS x (total, fail) */
  hourKey: Float64Array;
  hourCounts: Int32Array;
  hourN: number;
}

export interface KernelTask {
  path: string;
  start: number;
  end: number;
  /** the "#Fields:" text in effect at `start` (null: none yet, the IIS default layout is assumed) */
  initialFields: string | null;
  /** ignore matched requests before this time (seconds since 1970, UTC); -Infinity for no filter */
  sinceSec: number;
}

export interface KernelFs {
  openSync(path: string, flags: string): number;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  closeSync(fd: number): void;
  fstatSync(fd: number): { size: number };
}

/** Columns of the per-client tables. */
export const CI = 10;
export const CF = 7;
export const GROUP_COUNT = 6;

export function iisKernel(fs: KernelFs | null) {
  'use strict';
  const GROUPS = 6; // selfupdate, iuident, wutrack, clientwebservice, simpleauth, content
  const CLASS_OF_GROUP = [0, 0, 0, 1, 1, 2]; // self-update, web services, content
  const NI = 10;
  const NF = 7;
  const MAX_LINE = 65536;
  const CHUNK = 1 << 20;
  const MAX_CLIENTS = 1 << 18;
  const MAX_COMBOS = 4096;
  const MAX_SAMPLES = 5;
  const DEFAULT_FIELDS =
    'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';

  const enc = (s: string): Uint8Array => {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  };
  const P_SELFUPDATE = enc('/selfupdate');
  const P_IUIDENT = enc('/iuident.cab');
  const P_WUTRACK = enc('/wutrack.bin');
  const P_CWS = enc('/clientwebservice');
  const P_SAWS = enc('/simpleauthwebservice');
  const P_CONTENT = enc('/content');
  const P_FIELDS = enc('#fields:');

  /** The failure kind of a status.substatus (bit number in a client's kind mask); -1 for success. */
  function kindOf(status: number, sub: number): number {
    if (status < 400) return -1;
    if (status === 401) return sub === 2 ? 0 : sub === 1 ? 1 : sub === 3 ? 2 : 3;
    if (status === 403) return 4;
    if (status === 404) return sub === 3 ? 6 : sub === 2 ? 7 : 5;
    if (status === 500) return 8;
    if (status === 503) return 9;
    return status < 500 ? 10 : 11;
  }

  interface Layout {
    n: number;
    date: number;
    time: number;
    stem: number;
    ip: number;
    status: number;
    sub: number;
    win32: number;
    /** the first and last long free-text field after the stem (user agent, referer, cookie); -1 if none */
    longFirst: number;
    longLast: number;
  }

  function layoutOf(text: string | null): Layout | null {
    const names = (text ?? DEFAULT_FIELDS).trim().split(/\s+/).map((s) => s.toLowerCase());
    const at = (n: string) => names.indexOf(n);
    const l: Layout = {
      n: names.length,
      date: at('date'),
      time: at('time'),
      stem: at('cs-uri-stem'),
      ip: at('c-ip'),
      status: at('sc-status'),
      sub: at('sc-substatus'),
      win32: at('sc-win32-status'),
      longFirst: -1,
      longLast: -1,
    };
    names.forEach((n, i) => {
      if (i > l.stem && (n === 'cs(user-agent)' || n === 'cs(referer)' || n === 'cs(cookie)')) {
        if (l.longFirst < 0) l.longFirst = i;
        l.longLast = i;
      }
    });
    if (l.stem < 0 || l.status < 0 || l.n > 64) return null;
    return l;
  }

  function fieldsText(buf: Uint8Array, from: number, to: number): string {
    let s = '';
    for (let i = from + 8; i < to && i - from < 4096; i++) {
      const c = buf[i]!;
      s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : ' ';
    }
    return s.trim().replace(/\s+/g, ' ');
  }

  function printable(buf: Uint8Array, from: number, to: number): string {
    let s = '';
    const end = Math.min(to, from + 200);
    for (let i = from; i < end; i++) {
      const c = buf[i]!;
      s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : c === 9 ? ' ' : '\u00b7';
    }
    return to > end ? `${s}…` : s;
  }

  function startsWithCi(buf: Uint8Array, at: number, end: number, pat: Uint8Array): boolean {
    if (end - at < pat.length) return false;
    for (let i = 0; i < pat.length; i++) if ((buf[at + i]! | 0x20) !== pat[i]) return false;
    return true;
  }

  /** The path group of a URL stem, or -1. */
  function groupOf(buf: Uint8Array, s: number, e: number): number {
    if (e - s < 8 || buf[s] !== 0x2f) return -1;
    const c = buf[s + 1]! | 0x20;
    const len = e - s;
    if (c === 0x73) {
      // /selfupdate or /selfupdate/... ; /simpleauthwebservice/...
      if (startsWithCi(buf, s, e, P_SELFUPDATE) && (len === P_SELFUPDATE.length || buf[s + P_SELFUPDATE.length] === 0x2f)) return 0;
      if (startsWithCi(buf, s, e, P_SAWS) && (len === P_SAWS.length || buf[s + P_SAWS.length] === 0x2f)) return 4;
      return -1;
    }
    if (c === 0x69) return len === P_IUIDENT.length && startsWithCi(buf, s, e, P_IUIDENT) ? 1 : -1;
    if (c === 0x77) return len === P_WUTRACK.length && startsWithCi(buf, s, e, P_WUTRACK) ? 2 : -1;
    if (c === 0x63) {
      if (startsWithCi(buf, s, e, P_CWS) && (len === P_CWS.length || buf[s + P_CWS.length] === 0x2f)) return 3;
      if (startsWithCi(buf, s, e, P_CONTENT) && (len === P_CONTENT.length || buf[s + P_CONTENT.length] === 0x2f)) return 5;
    }
    return -1;
  }

  /** Unsigned decimal number in [s, e); -1 when it is not one (or has more than 10 digits). */
  function num(buf: Uint8Array, s: number, e: number): number {
    if (e <= s || e - s > 10) return -1;
    let v = 0;
    for (let i = s; i < e; i++) {
      const d = buf[i]! - 48;
      if (d < 0 || d > 9) return -1;
      v = v * 10 + d;
    }
    return v;
  }

  function newState() {
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
      fields: [] as { offset: number; text: string }[],
      lastFields: null as string | null,
      samples: [] as { offset: number; reason: string; text: string }[],
      encodingProblem: null as string | null,
      endsWithNewline: true,
      // combos
      comboSlots: new Int32Array(8192),
      comboKey: new Int32Array(256),
      comboWin32: new Float64Array(256),
      comboCount: new Float64Array(256),
      comboFirst: new Float64Array(256),
      comboLast: new Float64Array(256),
      comboN: 0,
      comboOverflow: 0,
      // clients
      slots: new Int32Array(8192),
      ipPool: new Uint8Array(65536),
      poolUsed: 0,
      ipOff: new Int32Array(4096),
      ipLen: new Int32Array(4096),
      ci: new Int32Array(4096 * NI),
      cf: new Float64Array(4096 * NF),
      clientN: 0,
      clientOverflow: 0,
      // hours
      hourMap: new Map<number, number>(),
      hourKey: new Float64Array(64),
      hourCounts: new Int32Array(64 * GROUPS * 2),
      hourN: 0,
    };
  }
  type State = ReturnType<typeof newState>;

  function comboIndex(st: State, key: number, win32: number): number {
    let mask = st.comboSlots.length - 1;
    let h = (Math.imul(key, 0x9e3779b1) ^ Math.imul(win32 | 0, 0x85ebca6b)) >>> 0;
    for (;;) {
      const slot = h & mask;
      const v = st.comboSlots[slot]!;
      if (v === 0) break;
      const i = v - 1;
      if (st.comboKey[i] === key && st.comboWin32[i] === win32) return i;
      h = slot + 1;
    }
    if (st.comboN >= MAX_COMBOS) return -1;
    const i = st.comboN++;
    if (i >= st.comboKey.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as { new (n: number): T })(a.length * 2);
        b.set(a);
        return b;
      };
      st.comboKey = grow(st.comboKey);
      st.comboWin32 = grow(st.comboWin32);
      st.comboCount = grow(st.comboCount);
      st.comboFirst = grow(st.comboFirst);
      st.comboLast = grow(st.comboLast);
    }
    st.comboKey[i] = key;
    st.comboWin32[i] = win32;
    st.comboCount[i] = 0;
    st.comboFirst[i] = Infinity;
    st.comboLast[i] = -Infinity;
    // insert
    h = (Math.imul(key, 0x9e3779b1) ^ Math.imul(win32 | 0, 0x85ebca6b)) >>> 0;
    for (;;) {
      const slot = h & mask;
      if (st.comboSlots[slot] === 0) {
        st.comboSlots[slot] = i + 1;
        break;
      }
      h = slot + 1;
    }
    if (st.comboN * 2 > st.comboSlots.length) {
      const slots = new Int32Array(st.comboSlots.length * 2);
      mask = slots.length - 1;
      for (let j = 0; j < st.comboN; j++) {
        let g = (Math.imul(st.comboKey[j]!, 0x9e3779b1) ^ Math.imul(st.comboWin32[j]! | 0, 0x85ebca6b)) >>> 0;
        for (;;) {
          const slot = g & mask;
          if (slots[slot] === 0) {
            slots[slot] = j + 1;
            break;
          }
          g = slot + 1;
        }
      }
      st.comboSlots = slots;
    }
    return i;
  }

  function ipHash(buf: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    return h >>> 0;
  }

  function rehashClients(st: State): void {
    const slots = new Int32Array(st.slots.length * 2);
    const mask = slots.length - 1;
    for (let j = 0; j < st.clientN; j++) {
      const off = st.ipOff[j]!;
      let h = ipHash(st.ipPool, off, off + st.ipLen[j]!);
      for (;;) {
        const slot = h & mask;
        if (slots[slot] === 0) {
          slots[slot] = j + 1;
          break;
        }
        h = slot + 1;
      }
    }
    st.slots = slots;
  }

  function newClient(st: State, buf: Uint8Array, s: number, e: number): number {
    const i = st.clientN++;
    const len = e - s;
    if (i >= st.ipOff.length) {
      const n = st.ipOff.length * 2;
      const off = new Int32Array(n);
      off.set(st.ipOff);
      st.ipOff = off;
      const ln = new Int32Array(n);
      ln.set(st.ipLen);
      st.ipLen = ln;
      const ci = new Int32Array(n * NI);
      ci.set(st.ci);
      st.ci = ci;
      const cf = new Float64Array(n * NF);
      cf.set(st.cf);
      st.cf = cf;
    }
    if (st.poolUsed + len > st.ipPool.length) {
      const pool = new Uint8Array(Math.max(st.ipPool.length * 2, st.poolUsed + len));
      pool.set(st.ipPool.subarray(0, st.poolUsed));
      st.ipPool = pool;
    }
    st.ipPool.set(buf.subarray(s, e), st.poolUsed);
    st.ipOff[i] = st.poolUsed;
    st.ipLen[i] = len;
    st.poolUsed += len;
    const bi = i * NI;
    for (let k = 0; k < NI; k++) st.ci[bi + k] = 0;
    st.ci[bi + 4] = -1;
    st.ci[bi + 5] = -2;
    st.ci[bi + 6] = -2;
    st.ci[bi + 7] = -2;
    const bf = i * NF;
    st.cf[bf] = Infinity;
    for (let k = 1; k < NF; k++) st.cf[bf + k] = -Infinity;
    return i;
  }

  function clientIndex(st: State, buf: Uint8Array, s: number, e: number): number {
    const mask = st.slots.length - 1;
    const len = e - s;
    let h = ipHash(buf, s, e);
    for (;;) {
      const slot = h & mask;
      const v = st.slots[slot]!;
      if (v === 0) {
        if (st.clientN >= MAX_CLIENTS) return -1;
        const i = newClient(st, buf, s, e);
        st.slots[slot] = i + 1;
        if (st.clientN * 2 > st.slots.length) rehashClients(st);
        return i;
      }
      const i = v - 1;
      if (st.ipLen[i] === len) {
        const off = st.ipOff[i]!;
        let same = true;
        for (let k = 0; k < len; k++) {
          if (st.ipPool[off + k] !== buf[s + k]) {
            same = false;
            break;
          }
        }
        if (same) return i;
      }
      h = slot + 1;
    }
  }

  function hourSlot(st: State, hour: number): number {
    let i = st.hourMap.get(hour);
    if (i !== undefined) return i;
    i = st.hourN++;
    if (i >= st.hourKey.length) {
      const k = new Float64Array(st.hourKey.length * 2);
      k.set(st.hourKey);
      st.hourKey = k;
      const c = new Int32Array(st.hourCounts.length * 2);
      c.set(st.hourCounts);
      st.hourCounts = c;
    }
    st.hourKey[i] = hour;
    st.hourMap.set(hour, i);
    return i;
  }

  function sample(st: State, offset: number, reason: string, buf: Uint8Array, s: number, e: number): void {
    if (st.samples.length < MAX_SAMPLES) st.samples.push({ offset, reason, text: printable(buf, s, e) });
  }

  /**
   * A scanner over one byte range: feed it buffers of whole lines (`processLines`), then `result()`.
   * The caller deals with reading and with lines split across reads.
   */
  function createScanner(initialFields: string | null, sinceSec: number) {
    const st = newState();
    let layout = layoutOf(initialFields) ?? layoutOf(null)!;
    // positions of field starts/ends found from the front and from the back of a line
    let fwdMax = 0;
    let dateTimeFirst = false;
    let backMax = 0;
    const fStart = new Int32Array(66);
    const fEnd = new Int32Array(66);
    const bStart = new Int32Array(66);
    const bEnd = new Int32Array(66);
    // For each needed field: from the front (>= 0: index) or from the back (< 0: -(index from end) - 1)
    let where = { date: 0, time: 0, stem: 0, ip: 0, status: 0, sub: 0, win32: 0 };
    function plan(): void {
      const n = layout.n;
      // Fields up to the stem, and those before the first long free-text field (user agent ...), come
      // from the front; fields after the last long one from the back; otherwise the nearer end.
      const back = (k: number) => -(n - 1 - k) - 1;
      const pick = (k: number) => {
        if (k < 0) return -1000;
        if (k <= layout.stem) return k;
        if (layout.longFirst >= 0) {
          if (k < layout.longFirst) return k;
          if (k > layout.longLast) return back(k);
        }
        return k <= n - 1 - k ? k : back(k);
      };
      // The stem is always read from the front: it decides whether the rest of the line is read.
      where = {
        date: pick(layout.date),
        time: pick(layout.time),
        stem: layout.stem,
        ip: pick(layout.ip),
        status: pick(layout.status),
        sub: pick(layout.sub),
        win32: pick(layout.win32),
      };
      dateTimeFirst = layout.date === 0 && layout.time === 1;
      fwdMax = layout.stem;
      backMax = -1;
      for (const w of [where.date, where.time, where.ip, where.status, where.sub, where.win32]) {
        if (w === -1000) continue;
        if (w >= 0) fwdMax = Math.max(fwdMax, w);
        else backMax = Math.max(backMax, -w - 1);
      }
    }
    plan();
    let dayKey = -1;
    let daySec = 0;
    let lastHour = NaN;
    let lastHourSlot = -1;
    let lastComboKey = -1;
    let lastComboW = -1;
    let lastComboIdx = -1;

    function setFields(text: string, offset: number): void {
      if (st.fields.length < 16) st.fields.push({ offset, text });
      st.lastFields = text;
      const l = layoutOf(text);
      if (l) {
        layout = l;
        plan();
      } else {
        layout = { n: 0, date: -1, time: -1, stem: -1, ip: -1, status: -1, sub: -1, win32: -1, longFirst: -1, longLast: -1 };
      }
    }

    function fieldS(w: number): number {
      return w >= 0 ? fStart[w]! : bStart[-w - 1]!;
    }
    function fieldE(w: number): number {
      return w >= 0 ? fEnd[w]! : bEnd[-w - 1]!;
    }

    function timeOf(buf: Uint8Array): number {
      if (where.date === -1000 || where.time === -1000) return NaN;
      const ds = fieldS(where.date);
      const de = fieldE(where.date);
      const ts = fieldS(where.time);
      const te = fieldE(where.time);
      if (de - ds !== 10 || te - ts < 8 || buf[ds + 4] !== 0x2d || buf[ds + 7] !== 0x2d || buf[ts + 2] !== 0x3a || buf[ts + 5] !== 0x3a) return NaN;
      const y = num(buf, ds, ds + 4);
      const mo = num(buf, ds + 5, ds + 7);
      const d = num(buf, ds + 8, ds + 10);
      const hh = num(buf, ts, ts + 2);
      const mm = num(buf, ts + 3, ts + 5);
      const ss = num(buf, ts + 6, ts + 8);
      if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) return NaN;
      const key = y * 10000 + mo * 100 + d;
      if (key !== dayKey) {
        dayKey = key;
        daySec = Date.UTC(y, mo - 1, d) / 1000;
      }
      return daySec + hh * 3600 + mm * 60 + ss;
    }

    /** One line [s, e) (no CR/LF), starting at byte `offset` of the file. */
    function line(buf: Uint8Array, s: number, e: number, offset: number): void {
      st.lines++;
      if (e === s) {
        st.blank++;
        return;
      }
      const c0 = buf[s]!;
      if (c0 === 0x23) {
        st.comments++;
        if (startsWithCi(buf, s, e, P_FIELDS)) setFields(fieldsText(buf, s, e), offset);
        return;
      }
      if (layout.n === 0) {
        st.unparseable++;
        sample(st, offset, 'no-fields', buf, s, e);
        return;
      }
      // fields from the front, up to the furthest one needed
      let f = 0;
      fStart[0] = s;
      let p = s;
      const stop = fwdMax;
      if (dateTimeFirst && stop >= 2 && e - s > 21 && buf[s + 10] === 0x20 && buf[s + 19] === 0x20) {
        // "yyyy-mm-dd hh:mm:ss " has a fixed width: skip it
        fEnd[0] = s + 10;
        fStart[1] = s + 11;
        fEnd[1] = s + 19;
        f = 2;
        fStart[2] = s + 20;
        p = s + 20;
      }
      while (p < e) {
        if (buf[p] === 0x20) {
          fEnd[f] = p;
          if (f === stop) break;
          f++;
          fStart[f] = p + 1;
        }
        p++;
      }
      if (p >= e) fEnd[f] = e;
      if (f < stop) {
        st.unparseable++;
        sample(st, offset, 'too-few-fields', buf, s, e);
        return;
      }
      // plausibility: when the layout starts with the date, the line must start with one (yyyy-mm-dd)
      if (layout.date === 0 && (c0 < 0x30 || c0 > 0x39 || fEnd[0]! - s !== 10 || buf[s + 4] !== 0x2d)) {
        st.unparseable++;
        sample(st, offset, 'garbage', buf, s, e);
        return;
      }
      const g = groupOf(buf, fStart[layout.stem]!, fEnd[layout.stem]!);
      if (g < 0) {
        st.other++;
        return;
      }
      // fields from the back
      if (backMax >= 0) {
        let b = 0;
        bEnd[0] = e;
        let q = e - 1;
        const lim = fEnd[stop]!;
        while (q >= lim) {
          if (buf[q] === 0x20) {
            bStart[b] = q + 1;
            if (b === backMax) break;
            b++;
            bEnd[b] = q;
          }
          q--;
        }
        if (q < lim) {
          st.unparseable++;
          sample(st, offset, 'too-few-fields', buf, s, e);
          return;
        }
      }
      const status = num(buf, fieldS(where.status), fieldE(where.status));
      if (status < 100 || status > 999) {
        st.unparseable++;
        sample(st, offset, 'bad-status', buf, s, e);
        return;
      }
      let sub = 0;
      if (where.sub !== -1000) {
        sub = num(buf, fieldS(where.sub), fieldE(where.sub));
        if (sub < 0) {
          st.unparseable++;
          sample(st, offset, 'bad-status', buf, s, e);
          return;
        }
        if (sub > 1023) sub = 1023;
      }
      let win32 = 0;
      if (where.win32 !== -1000) {
        win32 = num(buf, fieldS(where.win32), fieldE(where.win32));
        if (win32 < 0 || win32 > 0xffffffff) {
          st.unparseable++;
          sample(st, offset, 'bad-status', buf, s, e);
          return;
        }
      }
      let sec = timeOf(buf);
      if (sec !== sec) {
        st.noTime++;
        sec = 0;
      } else {
        if (sec < sinceSec) {
          st.beforeSince++;
          return;
        }
        if (sec < st.minSec) st.minSec = sec;
        if (sec > st.maxSec) st.maxSec = sec;
      }
      st.matched++;
      const fail = status >= 400;
      // status combo
      const key = (g << 20) | (status << 10) | sub;
      let ci: number;
      if (key === lastComboKey && win32 === lastComboW) ci = lastComboIdx;
      else {
        ci = comboIndex(st, key, win32);
        lastComboKey = key;
        lastComboW = win32;
        lastComboIdx = ci;
      }
      if (ci >= 0) {
        st.comboCount[ci]!++;
        if (sec < st.comboFirst[ci]!) st.comboFirst[ci] = sec;
        if (sec > st.comboLast[ci]!) st.comboLast[ci] = sec;
      } else st.comboOverflow++;
      // hour
      if (sec > 0) {
        const hour = Math.floor(sec / 3600);
        if (hour !== lastHour) {
          lastHour = hour;
          lastHourSlot = hourSlot(st, hour);
        }
        const hb = (lastHourSlot * GROUPS + g) * 2;
        st.hourCounts[hb]!++;
        if (fail) st.hourCounts[hb + 1]!++;
      }
      // client
      let k = -1;
      if (where.ip !== -1000) {
        const is = fieldS(where.ip);
        const ie = fieldE(where.ip);
        if (ie > is && ie - is <= 64) k = clientIndex(st, buf, is, ie);
      }
      if (k < 0) {
        st.clientOverflow++;
        return;
      }
      const bi = k * NI;
      const bf = k * NF;
      const ints = st.ci;
      const f64 = st.cf;
      ints[bi]!++;
      const cls = CLASS_OF_GROUP[g]!;
      if (sec >= f64[bf + 4 + cls]!) {
        f64[bf + 4 + cls] = sec;
        ints[bi + 5 + cls] = fail ? ci : -1;
      }
      if (fail) {
        ints[bi + 1]!++;
        ints[bi + (cls === 0 ? 3 : 7 + cls)]! |= 1 << kindOf(status, sub);
        if (sec < f64[bf]!) f64[bf] = sec;
        if (sec >= f64[bf + 1]!) {
          f64[bf + 1] = sec;
          ints[bi + 4] = ci;
        }
        if (status === 401) {
          ints[bi + 2]!++;
          if (sec >= f64[bf + 2]!) f64[bf + 2] = sec;
        }
      } else if (status < 300 || status === 304) {
        if (sec >= f64[bf + 3]!) f64[bf + 3] = sec;
      }
    }

    /**
     * Processes the complete lines in buf[from, to) that start before file offset `stopAt`. `base` is the
     * file offset of buf[0]. Returns the index just after the last line read; with `final`, a last line
     * without a newline is read too. Pass a Buffer: its indexOf is the native newline search.
     */
    function processLines(buf: Uint8Array, from: number, to: number, base: number, final: boolean, stopAt = Infinity): number {
      let s = from;
      while (s < to && base + s < stopAt) {
        let nl = buf.indexOf(10, s);
        if (nl < 0 || nl >= to) {
          if (!final) return s;
          nl = to;
          st.endsWithNewline = false;
        }
        let e = nl;
        if (e > s && buf[e - 1] === 13) e--;
        if (e - s > MAX_LINE) {
          st.lines++;
          st.tooLong++;
          st.unparseable++;
          sample(st, base + s, 'too-long', buf, s, e);
        } else line(buf, s, e, base + s);
        s = nl + 1;
      }
      return s;
    }

    /** Counts a line that was too long to keep in the buffer (the caller skips to its end). */
    function tooLongLine(buf: Uint8Array, s: number, e: number, offset: number): void {
      st.lines++;
      st.tooLong++;
      st.unparseable++;
      sample(st, offset, 'too-long', buf, s, e);
    }

    function result(): KernelResult {
      const n = st.clientN;
      return {
        lines: st.lines,
        comments: st.comments,
        blank: st.blank,
        unparseable: st.unparseable,
        tooLong: st.tooLong,
        matched: st.matched,
        beforeSince: st.beforeSince,
        other: st.other,
        noTime: st.noTime,
        minSec: st.minSec,
        maxSec: st.maxSec,
        fields: st.fields,
        lastFields: st.lastFields,
        samples: st.samples,
        encodingProblem: st.encodingProblem,
        endsWithNewline: st.endsWithNewline,
        comboKey: st.comboKey.slice(0, st.comboN),
        comboWin32: st.comboWin32.slice(0, st.comboN),
        comboCount: st.comboCount.slice(0, st.comboN),
        comboFirst: st.comboFirst.slice(0, st.comboN),
        comboLast: st.comboLast.slice(0, st.comboN),
        comboN: st.comboN,
        comboOverflow: st.comboOverflow,
        ipPool: st.ipPool.slice(0, st.poolUsed),
        ipOff: st.ipOff.slice(0, n),
        ipLen: st.ipLen.slice(0, n),
        clientInt: st.ci.slice(0, n * NI),
        clientF64: st.cf.slice(0, n * NF),
        clientN: n,
        clientOverflow: st.clientOverflow,
        hourKey: st.hourKey.slice(0, st.hourN),
        hourCounts: st.hourCounts.slice(0, st.hourN * GROUPS * 2),
        hourN: st.hourN,
      };
    }

    function encodingProblem(problem: string): void {
      st.encodingProblem = problem;
    }

    return { processLines, tooLongLine, result, encodingProblem };
  }

  /**
   * Scans the lines that start in [task.start, task.end) of a file with synchronous reads into one
   * reused buffer (the fast path, used by worker threads and for small inputs).
   */
  let readBuffer: Buffer | null = null; // one buffer for every range this kernel scans

  function scanTask(task: KernelTask): KernelResult {
    if (!fs) throw new Error('scanTask needs the fs module');
    const sc = createScanner(task.initialFields, task.sinceSec);
    const fd = fs.openSync(task.path, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const end = Math.min(task.end, size);
      const buf = (readBuffer ??= Buffer.allocUnsafe(CHUNK + MAX_LINE));
      let pos = task.start; // file offset of buf[0]
      let have = 0;
      let from = 0;
      if (task.start === 0) {
        have = fs.readSync(fd, buf, 0, CHUNK, 0);
        if (have >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
          sc.encodingProblem('utf-16');
          return sc.result();
        }
        if (have >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) from = 3;
      } else {
        // begin after the first newline at or after start-1: the line in progress belongs to the task before
        pos = task.start - 1;
        for (;;) {
          have = fs.readSync(fd, buf, 0, CHUNK, pos);
          if (have === 0) return sc.result();
          const nl = buf.indexOf(10, 0);
          if (nl >= 0 && nl < have) {
            from = nl + 1;
            break;
          }
          pos += have;
          if (pos >= end) return sc.result();
        }
      }
      let skipping = false; // inside a line too long for the buffer
      for (;;) {
        if (pos + from >= end && !skipping) break;
        const eof = pos + have >= size;
        if (skipping) {
          const nl = buf.indexOf(10, from);
          if (nl >= 0 && nl < have) {
            from = nl + 1;
            skipping = false;
            continue;
          }
          from = have;
        } else {
          // lines must start before `end`: cut the buffer at the first line start at or after end
          const consumed = sc.processLines(buf, from, have, pos, eof, end);
          from = consumed;
          if (pos + from >= end) break;
          if (eof) break;
          if (have - from >= MAX_LINE) {
            sc.tooLongLine(buf, from, have, pos + from);
            skipping = true;
            from = have;
          }
        }
        // move the partial line to the front and read more
        const rest = have - from;
        if (rest > 0) buf.copyWithin(0, from, have);
        pos += from;
        from = 0;
        have = rest;
        const got = fs.readSync(fd, buf, have, CHUNK, pos + have);
        if (got === 0) {
          if (have > 0 && !skipping) sc.processLines(buf, 0, have, pos, true, end);
          break;
        }
        have += got;
      }
    } finally {
      fs.closeSync(fd);
    }
    return sc.result();
  }

  return { scanTask, createScanner, kindOf, layoutOf, GROUPS, MAX_LINE, CHUNK };
}

export type IisKernel = ReturnType<typeof iisKernel>;
export type IisLineScanner = ReturnType<IisKernel['createScanner']>;
