/**
 * The IIS log scanner against mawk doing the same aggregation (scripts/bench/iis-aggregate.awk) on the
 * same generated WSUS log, side by side in one run, each in its own child process. Prints MB/s for both,
 * the ratio, and the scanner's peak RSS, and checks that both counted the same requests.
 *
 *   npm run bench:iis [-- --size-mb 1024 --runs 3]
 * The log is generated once under .cache/bench/ (see gen-iis-log.ts). The scanner is the bundled command
 * line (dist/cli/wsus-doctor.cjs scan-iis-log), built first.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBenchLog } from './gen-iis-log.js';
import { median } from './common.js';

const ROOT = join(import.meta.dirname, '..', '..');
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  const v = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return v;
};
const SIZE_MB = arg('--size-mb', 1024);
const RUNS = arg('--runs', 3);
const MAWK = ['/usr/bin/mawk', '/bin/mawk'].find((p) => existsSync(p));
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
if (!MAWK) {
  console.error('mawk is not installed: apt-get install -y mawk');
  process.exit(2);
}

interface Run {
  ms: number;
  peakRssMb: number | null;
  stdout: string;
}

/** Runs a command; wall time from here, peak RSS from GNU time (or the kernel's VmHWM, polled). */
function measure(cmd: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const full = GNU_TIME ? [GNU_TIME, ['-f', '@@rss %M', cmd, ...args]] as const : ([cmd, args] as const);
    const t0 = performance.now();
    const child = spawn(full[0], [...full[1]], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let hwm = 0;
    const poll = GNU_TIME
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwm = Math.max(hwm, Number(m[1]));
          } catch {
            // exited
          }
        }, 20);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (poll) clearInterval(poll);
      if (code !== 0 && code !== 1) return reject(new Error(`${cmd} exited with ${code}: ${stderr.slice(-500)}`));
      const m = /@@rss (\d+)/.exec(stderr);
      const kb = m ? Number(m[1]) : hwm;
      resolve({ ms, peakRssMb: kb ? kb / 1024 : null, stdout });
    });
  });
}

console.log('building the command line…');
execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'ignore' });
const log = ensureBenchLog(SIZE_MB, ROOT);
const bytes = statSync(log).size;
const mbytes = bytes / 1024 / 1024;
// warm the page cache so both read from memory
execFileSync('/usr/bin/wc', ['-l', log], { stdio: 'ignore' });

const jsonOut = join(tmpdir(), `wsus-bench-iis-${process.pid}.json`);
const awkFile = join(ROOT, 'scripts', 'bench', 'iis-aggregate.awk');
const cli = join(ROOT, 'dist', 'cli', 'wsus-doctor.cjs');
const scanner: Run[] = [];
const awk: Run[] = [];
console.log(`file: ${log} (${mbytes.toFixed(0)} MB), ${RUNS} runs each, alternating; cores: ${(await import('node:os')).availableParallelism()}\n`);
for (let i = 0; i < RUNS; i++) {
  const a = await measure(MAWK, ['-f', awkFile, log]);
  const s = await measure(process.execPath, [cli, 'scan-iis-log', log, '--json', jsonOut, '--lang', 'en']);
  awk.push(a);
  scanner.push(s);
  const rate = (r: Run) => (mbytes / (r.ms / 1000)).toFixed(0).padStart(5);
  console.log(`run ${i + 1}: scanner ${rate(s)} MB/s (${(s.ms / 1000).toFixed(2)} s, peak RSS ${s.peakRssMb?.toFixed(0) ?? '?'} MB)   mawk ${rate(a)} MB/s (${(a.ms / 1000).toFixed(2)} s, peak RSS ${a.peakRssMb?.toFixed(0) ?? '?'} MB)`);
}

// Both must have counted the same thing.
const report = JSON.parse(readFileSync(jsonOut, 'utf8')) as { combos: { group: string; status: string; count: number }[]; clients: { total: number } };
rmSync(jsonOut, { force: true });
const mine = new Map(report.combos.map((c) => [`${c.group} ${c.status}`, c.count]));
const theirs = new Map<string, number>();
let awkClients = -1;
for (const line of awk[awk.length - 1]!.stdout.split('\n')) {
  const p = line.split(' ');
  if (p[0] === 'combo') theirs.set(`${p[1]} ${p[2]}`, Number(p[3]));
  if (p[0] === 'clients') awkClients = Number(p[1]);
}
const agree = mine.size === theirs.size && [...mine].every(([k, v]) => theirs.get(k) === v) && awkClients === report.clients.total;

const sRate = mbytes / (median(scanner.map((r) => r.ms)) / 1000);
const aRate = mbytes / (median(awk.map((r) => r.ms)) / 1000);
const peak = Math.max(...scanner.map((r) => r.peakRssMb ?? 0));
console.log(`\nmedian: scanner ${sRate.toFixed(0)} MB/s, mawk ${aRate.toFixed(0)} MB/s, ratio ${(sRate / aRate).toFixed(2)}x (target >= 1.5x)`);
console.log(`scanner peak RSS: ${peak.toFixed(0)} MB (target < 150 MB; measured by ${GNU_TIME ? 'GNU time' : 'VmHWM'} on the child process)`);
console.log(`same counts as mawk (status combos by path group, distinct clients): ${agree ? 'yes' : 'NO'}`);
if (!agree) process.exitCode = 1;
