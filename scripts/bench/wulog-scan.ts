/**
 * The Windows Update log analyzer's throughput on a generated log (target: 200 MB/s or better), run
 * as the bundled command line (`scan-wu-log`) in a child process; peak RSS from GNU time when present.
 *
 *   npm run bench:wulog [-- --size-mb 512 --runs 3]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './common.js';
import { ensureWuBenchLog } from './gen-wulog.js';

const ROOT = join(import.meta.dirname, '..', '..');
const num = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SIZE_MB = num('--size-mb', 512);
const RUNS = num('--runs', 3);
execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'ignore' });
const log = ensureWuBenchLog(SIZE_MB);
const mb = statSync(log).size / 1048576;
execFileSync('/usr/bin/wc', ['-l', log], { stdio: 'ignore' }); // warm the page cache
const cli = join(ROOT, 'dist', 'cli', 'wsus-doctor.cjs');
const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const times: number[] = [];
let rss = 0;
let verdict = '';
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const r = time
    ? spawnSync(time, ['-f', '@@rss %M', process.execPath, cli, 'scan-wu-log', log, '--lang', 'en'], { encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, [cli, 'scan-wu-log', log, '--lang', 'en'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  times.push(ms);
  const m = /@@rss (\d+)/.exec(r.stderr ?? '');
  if (m) rss = Math.max(rss, Number(m[1]) / 1024);
  verdict = (r.stdout ?? '').split('\n')[0]!.slice(0, 120);
  console.log(`run ${i + 1}: ${(mb / (ms / 1000)).toFixed(0)} MB/s (${(ms / 1000).toFixed(2)} s, exit ${r.status})`);
}
console.log(`\n${log}: ${mb.toFixed(0)} MB`);
console.log(`median: ${(mb / (median(times) / 1000)).toFixed(0)} MB/s (target >= 200 MB/s), peak RSS ${rss ? `${rss.toFixed(0)} MB` : 'n/a'}`);
console.log(`first line of the output: ${verdict}`);
