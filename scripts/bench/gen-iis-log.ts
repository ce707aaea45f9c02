/**
 * Writes a W3C log of realistic WSUS traffic for the IIS scanner benchmark (and for tests, in small
 * sizes): client web service SOAP calls, content downloads (BITS / Delivery Optimization, ranges and
 * HEADs), reporting, self-update probes, a few thousand client addresses over a week, IIS restarts
 * that repeat the header, and one change of the logged field set half-way. Faults: for a while the
 * self-update tree refuses anonymous requests (401.2) for a third of the clients, some clients get
 * 404.0 for wuident.cab, and the app pool is down for two hours (503).
 *
 *   npx tsx scripts/bench/gen-iis-log.ts [--size-mb 1024] [--out FILE] [--seed 7]
 * Without --out it writes .cache/bench/iis-<size>mb.log (never inside git).
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

const FIELDS_A =
  'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const FIELDS_B =
  'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status sc-bytes cs-bytes time-taken';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenOptions {
  sizeBytes: number;
  out: string;
  seed?: number;
  clients?: number;
  /** the time of the first line (UTC) */
  start?: Date;
  /** seconds covered by the whole file */
  spanSeconds?: number;
}

const AGENTS = [
  'Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50',
  'Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.33',
  'Windows-Update-Agent/7.6.7600.320+Client-Protocol/1.81',
  'Microsoft-Delivery-Optimization/10.0',
  'Microsoft+BITS/7.8',
  'Windows-Update-Agent/7.6.7600.256+Client-Protocol/1.40',
];

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function generateIisLog(opts: GenOptions): { bytes: number; lines: number } {
  const rnd = mulberry32(opts.seed ?? 7);
  const clients = opts.clients ?? 4000;
  const start = (opts.start ?? new Date(Date.UTC(2024, 4, 1, 0, 0, 0))).getTime() / 1000;
  const span = opts.spanSeconds ?? 7 * 86400;
  const ips: string[] = [];
  for (let i = 0; i < clients; i++) ips.push(`10.${16 + (i >> 16)}.${(i >> 8) & 255}.${(i & 255) || 1}`);
  const hashes: string[] = [];
  for (let i = 0; i < 512; i++) hashes.push(Array.from({ length: 40 }, () => '0123456789ABCDEF'[Math.floor(rnd() * 16)]).join(''));

  mkdirSync(dirname(opts.out), { recursive: true });
  const fd = openSync(opts.out, 'w');
  let bytes = 0;
  let lines = 0;
  let batch: string[] = [];
  let batchLen = 0;
  const flush = () => {
    const s = batch.join('');
    bytes += writeSync(fd, s);
    batch = [];
    batchLen = 0;
  };
  const push = (s: string) => {
    batch.push(s);
    batchLen += s.length;
    lines++;
    if (batchLen > 4 << 20) flush();
  };
  const header = (t: number, fields: string) => {
    const d = new Date(t * 1000).toISOString().replace('T', ' ').slice(0, 19);
    push('#Software: Microsoft Internet Information Services 10.0\r\n');
    push('#Version: 1.0\r\n');
    push(`#Date: ${d}\r\n`);
    push(`#Fields: ${fields}\r\n`);
  };

  // estimate lines to spread time evenly: ~205 bytes a line
  const estLines = Math.max(1, Math.floor(opts.sizeBytes / 205));
  const step = span / estLines;
  let t = start;
  let fieldsB = false;
  header(t, FIELDS_A);
  let nextRestart = start + 86400 * (0.8 + rnd());
  const faultStart = start + span * 0.6; // 401.2 for a third of the clients from here
  const poolDownFrom = start + span * 0.75;
  const poolDownTo = poolDownFrom + 7200;
  let dayKey = '';
  let dateStr = '';
  while (bytes + batchLen < opts.sizeBytes) {
    t += step * (0.5 + rnd());
    if (!fieldsB && bytes + batchLen > opts.sizeBytes * 0.55) {
      fieldsB = true;
      header(t, FIELDS_B);
    } else if (t > nextRestart) {
      header(t, fieldsB ? FIELDS_B : FIELDS_A);
      nextRestart = t + 86400 * (0.8 + rnd());
    }
    const sec = Math.floor(t);
    const day = Math.floor(sec / 86400);
    const k = String(day);
    if (k !== dayKey) {
      dayKey = k;
      dateStr = new Date(day * 86400000).toISOString().slice(0, 10);
    }
    const s = sec % 86400;
    const time = `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
    const ci = Math.floor(rnd() * rnd() * clients); // some clients are busier than others
    const ip = ips[ci]!;
    const r = rnd();
    let method = 'POST';
    let stem: string;
    let query = '-';
    let status = 200;
    let sub = 0;
    let win32 = 0;
    let agent = AGENTS[ci % 3]!;
    const poolDown = t >= poolDownFrom && t < poolDownTo;
    if (r < 0.5) {
      stem = '/ClientWebService/client.asmx';
      if (poolDown) status = 503;
      else if (rnd() < 0.004) status = 500;
    } else if (r < 0.55) {
      stem = '/SimpleAuthWebService/SimpleAuth.asmx';
      if (poolDown) status = 503;
    } else if (r < 0.63) {
      stem = '/ReportingWebService/ReportingWebService.asmx';
      if (poolDown) status = 503;
    } else if (r < 0.9) {
      method = rnd() < 0.15 ? 'HEAD' : 'GET';
      const h = hashes[Math.floor(rnd() * hashes.length)]!;
      stem = `/Content/${h.slice(-2)}/${h}.cab`;
      agent = rnd() < 0.6 ? AGENTS[3]! : AGENTS[4]!;
      const x = rnd();
      if (x < 0.3 && method === 'GET') status = 206;
      else if (x < 0.32) {
        status = 404;
        win32 = 2;
      }
    } else if (r < 0.97) {
      method = rnd() < 0.3 ? 'HEAD' : 'GET';
      stem = rnd() < 0.9 ? '/selfupdate/wuident.cab' : '/selfupdate/WSUS3/x64/Other/wsus3setup.cab';
      query = rnd() < 0.5 ? `${Math.floor(rnd() * 1e10)}` : '-';
      if (t >= faultStart && ci % 3 === 0) {
        status = 401;
        sub = 2;
        win32 = 5;
      } else if (ci % 97 === 5) {
        status = 404;
        win32 = 2;
      } else if (rnd() < 0.2) status = 304;
    } else if (r < 0.98) {
      method = 'GET';
      stem = rnd() < 0.5 ? '/iuident.cab' : '/wutrack.bin';
      agent = AGENTS[5]!;
    } else if (r < 0.99) {
      stem = '/ApiRemoting30/WebService.asmx';
    } else {
      stem = '/DssAuthWebService/DssAuthWebService.asmx';
    }
    const taken = Math.floor(rnd() * rnd() * 900) + 1;
    const line = fieldsB
      ? `${dateStr} ${time} 10.0.0.5 ${method} ${stem} ${query} 8530 - ${ip} ${agent} ${status} ${sub} ${win32} ${Math.floor(rnd() * 90000) + 200} ${Math.floor(rnd() * 2000) + 150} ${taken}\r\n`
      : `${dateStr} ${time} 10.0.0.5 ${method} ${stem} ${query} 8530 - ${ip} ${agent} - ${status} ${sub} ${win32} ${taken}\r\n`;
    push(line);
  }
  flush();
  closeSync(fd);
  return { bytes, lines };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** The default benchmark file, generated once and reused while its size matches. */
export function ensureBenchLog(sizeMb: number, root = join(import.meta.dirname, '..', '..')): string {
  const out = join(root, '.cache', 'bench', `iis-${sizeMb}mb.log`);
  const want = sizeMb * 1024 * 1024;
  if (existsSync(out) && Math.abs(statSync(out).size - want) < 1024 * 1024) return out;
  const t0 = performance.now();
  const r = generateIisLog({ sizeBytes: want, out });
  console.log(`generated ${out}: ${(r.bytes / 1048576).toFixed(0)} MB, ${r.lines} lines in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const sizeMb = Number(arg('--size-mb') ?? 1024);
  const out = arg('--out');
  if (!Number.isFinite(sizeMb) || sizeMb <= 0) throw new Error('--size-mb must be a positive number');
  if (out) {
    const r = generateIisLog({ sizeBytes: sizeMb * 1024 * 1024, out, seed: Number(arg('--seed') ?? 7) });
    console.log(`wrote ${out}: ${r.bytes} bytes, ${r.lines} lines`);
  } else ensureBenchLog(sizeMb);
}
