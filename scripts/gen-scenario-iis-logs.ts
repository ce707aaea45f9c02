/**
 * Writes the small IIS W3C logs that two built-in server scenarios carry beside them, so the
 * server.log.iis check (and its chart and clients table) has something real to read in the demo:
 *
 * - server-anonymous-disabled (site 1384017035, port 8530): ~30 clients over about 11 hours; every
 *   request succeeds until 2026-11-20 03:12 UTC, when anonymous access on SelfUpdate is turned off and
 *   each self-update probe gets 401.2.5 from then on (the scan stops there, so no web service calls
 *   follow; a few BITS downloads already under way still finish).
 * - server-healthy (site 1, port 80): ~20 clients over about 8 hours, only 200, 206 and 304.
 *
 * Deterministic (a seeded generator): running it again writes the same bytes.
 *   npx tsx scripts/gen-scenario-iis-logs.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const DATA = join(import.meta.dirname, '..', 'main', 'scenarios', 'data', 'iis');
const FIELDS = 'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
const WUA = 'Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50';
const BITS = 'Microsoft+BITS/7.8';

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

interface Line {
  /** seconds since 1970, UTC */
  at: number;
  method: string;
  stem: string;
  query: string;
  ip: string;
  agent: string;
  status: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const sec = (iso: string) => Date.parse(iso) / 1000;

function stamp(at: number): { date: string; time: string } {
  const d = new Date(at * 1000);
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  };
}

/** The query WUA appends to wuident.cab: the local time as yyMMddHHmm, which defeats caches. */
function wuidentQuery(at: number, offsetMinutes: number): string {
  const d = new Date((at + offsetMinutes * 60) * 1000);
  return `${String(d.getUTCFullYear()).slice(2)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
}

interface Site {
  serverIp: string;
  port: number;
  start: number;
  end: number;
  clients: string[];
  /** minutes between two detection cycles of one client */
  period: [number, number];
  /** from this time on, self-update requests get 401.2.5 (null: never) */
  anonymousOffAt: number | null;
  seed: number;
}

function hashOf(rnd: () => number): string {
  let s = '';
  for (let i = 0; i < 40; i++) s += '0123456789ABCDEF'[Math.floor(rnd() * 16)];
  return s;
}

function traffic(site: Site): Line[] {
  const rnd = mulberry32(site.seed);
  const lines: Line[] = [];
  const ms = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo));
  for (const ip of site.clients) {
    const period = ms(site.period[0], site.period[1]) * 60;
    // some clients retry sooner after a failed scan than others
    const retry = ms(25, 100) * 60;
    let at = site.start + ms(0, period);
    while (at < site.end) {
      const off = site.anonymousOffAt !== null && at >= site.anonymousOffAt;
      const q = wuidentQuery(at, 540);
      if (off) {
        lines.push({ at, method: 'GET', stem: '/selfupdate/wuident.cab', query: q, ip, agent: WUA, status: `401 2 5 ${ms(0, 3)}` });
        at += retry + ms(0, 300);
        continue;
      }
      // the self-update probe: a fresh copy, or "not modified"
      lines.push({ at, method: 'GET', stem: '/selfupdate/wuident.cab', query: q, ip, agent: WUA, status: rnd() < 0.6 ? `304 0 0 ${ms(0, 4)}` : `200 0 0 ${ms(2, 30)}` });
      let t = at + ms(1, 3);
      if (rnd() < 0.3) {
        lines.push({ at: t, method: 'POST', stem: '/SimpleAuthWebService/SimpleAuth.asmx', query: '-', ip, agent: WUA, status: `200 0 0 ${ms(8, 40)}` });
        t += ms(1, 2);
      }
      lines.push({ at: t, method: 'POST', stem: '/ClientWebService/client.asmx', query: '-', ip, agent: WUA, status: `200 0 0 ${ms(15, 120)}` });
      t += ms(2, 20);
      lines.push({ at: t, method: 'POST', stem: '/ClientWebService/client.asmx', query: '-', ip, agent: WUA, status: `200 0 0 ${ms(200, 2400)}` });
      t += ms(5, 60);
      if (rnd() < 0.25) {
        // an approved update downloads over BITS, in ranges
        const h = hashOf(rnd);
        const stem = `/Content/${h.slice(-2)}/${h}.cab`;
        lines.push({ at: t, method: 'HEAD', stem, query: '-', ip, agent: BITS, status: `200 0 0 ${ms(0, 3)}` });
        for (let r = 0; r < 2; r++) lines.push({ at: t + 2 + r * ms(3, 40), method: 'GET', stem, query: '-', ip, agent: BITS, status: `206 0 0 ${ms(50, 900)}` });
        t += 90;
      }
      lines.push({ at: t, method: 'POST', stem: '/ReportingWebService/ReportingWebService.asmx', query: '-', ip, agent: WUA, status: `200 0 0 ${ms(10, 60)}` });
      at += period + ms(-300, 300);
    }
  }
  // the administrator's console talks to the server too (not a client path: counted as "other")
  for (let at = site.start + 1800; at < site.end; at += 5400) {
    lines.push({ at, method: 'POST', stem: '/ApiRemoting30/WebService.asmx', query: '-', ip: '10.20.30.5', agent: 'Mozilla/4.0+(compatible;+MSIE+6.0;+MS+Web+Services+Client+Protocol+4.0.30319.42000)', status: `200 0 0 ${ms(20, 300)}` });
  }
  return lines.filter((l) => l.at < site.end).sort((a, b) => a.at - b.at || a.ip.localeCompare(b.ip));
}

/** One W3C file per UTC day, with the header IIS writes (again after a restart at `restartAt`). */
function writeDays(site: Site, folder: string, restartAt: number | null): string[] {
  const byDay = new Map<string, Line[]>();
  for (const l of traffic(site)) {
    const day = stamp(l.at).date;
    byDay.set(day, [...(byDay.get(day) ?? []), l]);
  }
  const written: string[] = [];
  for (const [day, lines] of byDay) {
    const header = (at: number) => {
      const s = stamp(at);
      return ['#Software: Microsoft Internet Information Services 10.0', '#Version: 1.0', `#Date: ${s.date} ${s.time}`, `#Fields: ${FIELDS}`];
    };
    const out: string[] = header(lines[0]!.at);
    let restarted = false;
    for (const l of lines) {
      if (restartAt !== null && !restarted && l.at >= restartAt && stamp(restartAt).date === day) {
        out.push(...header(restartAt));
        restarted = true;
      }
      const s = stamp(l.at);
      out.push(`${s.date} ${s.time} ${site.serverIp} ${l.method} ${l.stem} ${l.query} ${site.port} - ${l.ip} ${l.agent} - ${l.status}`);
    }
    // not *.log: the repository ignores those (the scenario maps it to u_exYYMMDD.log on the simulated disk)
    const name = `u-ex${day.slice(2).replace(/-/g, '')}.w3c.txt`;
    const path = join(folder, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${out.join('\r\n')}\r\n`);
    written.push(`${path} (${out.length} lines)`);
  }
  return written;
}

const range = (prefix: string, from: number, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${from + i}`);

const anonymousOff = sec('2026-11-20T03:12:40Z');
const written = [
  ...writeDays(
    {
      serverIp: '10.20.30.40',
      port: 8530,
      start: sec('2026-11-19T22:00:00Z'),
      end: sec('2026-11-20T09:25:00Z'),
      clients: [...range('10.20.1.', 11, 18), ...range('10.20.2.', 101, 12)],
      period: [100, 160],
      anonymousOffAt: anonymousOff,
      seed: 20261120,
    },
    join(DATA, 'server-anonymous-disabled'),
    // the administrator's change recycled the site: IIS starts the log again with a fresh header
    anonymousOff - 20,
  ),
  ...writeDays(
    {
      serverIp: '10.20.30.40',
      port: 80,
      start: sec('2026-11-20T01:00:00Z'),
      end: sec('2026-11-20T09:20:00Z'),
      clients: range('10.20.1.', 31, 20),
      period: [90, 150],
      anonymousOffAt: null,
      seed: 1119,
    },
    join(DATA, 'server-healthy'),
    null,
  ),
];
for (const w of written) console.log(`wrote ${w}`);
