/**
 * Wall time of a full client-role run against a healthy emulated WSUS server and against an
 * unresponsive one (accepts connections, never answers).   npm run bench:client [-- --runs 5]
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInScenarioDir } from '../../main/app/paths.js';
import { median, openSession, withMemory } from './common.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const TIMEOUT_MS = 30_000; // the engine's default per-check timeout

const dir = await mkdtemp(join(tmpdir(), 'wsus-bench-'));
const healthy = JSON.parse(await readFile(join(builtInScenarioDir(), 'client-healthy.json'), 'utf8'));
const unresponsive = { ...healthy, name: 'client-healthy-unresponsive', server: { wsus: { all: { kind: 'hang' }, paths: {} }, port80: { all: { kind: 'hang' }, paths: {} } } };
const unresponsiveFile = join(dir, 'client-healthy-unresponsive.json');
await writeFile(unresponsiveFile, JSON.stringify(unresponsive));

async function measure(label: string, scenario: string): Promise<void> {
  const times: number[] = [];
  let rss = 0;
  let counts = '';
  for (let i = 0; i < RUNS; i++) {
    const session = await openSession({ scenario });
    const { value: run, ms, peakRssDeltaMb } = await withMemory(() => session.run({ timeoutMs: TIMEOUT_MS }));
    await session.close();
    times.push(ms);
    rss = Math.max(rss, peakRssDeltaMb);
    const by = (s: string) => run.results.filter((r) => r.status === s).length;
    counts = `${run.results.length} checks: ${by('pass')} pass, ${by('warn')} warn, ${by('fail')} fail, ${by('skip')} skip, ${by('error')} error`;
  }
  console.log(`${label.padEnd(34)} median ${String(median(times)).padStart(6)} ms   min ${String(Math.min(...times)).padStart(6)}   max ${String(Math.max(...times)).padStart(6)}   peak RSS +${rss} MB   (${counts})`);
}

console.log(`Full client-role run (simulated client, real HTTP to the emulator on loopback), ${RUNS} runs each, per-check timeout ${TIMEOUT_MS} ms\n`);
await measure('healthy WSUS server', 'client-healthy');
await measure('unresponsive WSUS server', unresponsiveFile);
await rm(dir, { recursive: true, force: true });
