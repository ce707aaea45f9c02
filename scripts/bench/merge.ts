/**
 * `npm run bench:merge [-- --count 20000]`: merging a fleet. Generates COUNT JSON reports (real
 * reports of every simulated client scenario, renamed per machine and spread over five WSUS servers,
 * plus a few broken files) in .cache/bench-merge, then runs the bundled CLI's `merge` on them in a
 * child process and prints the wall time, the child's peak RSS and the sizes of the outputs. The
 * same merge of a tenth as many reports is printed first, to show that memory stays flat.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReport, type Report } from '../../shared/report-model.js';
import { TOOL_NAME, TOOL_VERSION } from '../../main/app/version.js';
import { ScenarioLibrary } from '../../main/scenarios/loader.js';
import { builtInScenarioDir } from '../../main/app/paths.js';
import { openSession } from './common.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const countArg = process.argv.indexOf('--count');
const COUNT = countArg > 0 ? Number(process.argv[countArg + 1]) : 20_000;
if (!Number.isInteger(COUNT) || COUNT < 10 || COUNT > 200_000) throw new Error('--count must be a whole number from 10 to 200000');
const CLI = join(root, 'dist', 'cli', 'wsus-doctor.cjs');
const BROKEN = 12;
const SERVERS = ['http://wsus01.corp.example:8530', 'http://wsus02.corp.example:8530', 'https://wsus-osaka.corp.example:8531', 'http://wsus-dmz.example.net:8530', ''];

async function baseReports(): Promise<Report[]> {
  const scenarios = (await new ScenarioLibrary(builtInScenarioDir()).all()).filter((s) => s.role === 'client');
  const out: Report[] = [];
  for (const s of scenarios) {
    const session = await openSession({ scenario: s.name });
    try {
      const run = await session.run({ timeoutMs: 8000 });
      out.push(buildReport({ run, fixesApplied: [], lang: 'en', tool: { name: TOOL_NAME, version: TOOL_VERSION } }));
    } finally {
      await session.close();
    }
  }
  return out;
}

/** Writes `count` reports (and BROKEN broken files) into dir, unless a previous run left exactly that. */
async function generate(dir: string, count: number, bases: readonly Report[]): Promise<void> {
  const marker = join(dir, '.generated');
  if ((await readFile(marker, 'utf8').catch(() => '')) === String(count)) return;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const t0 = performance.now();
  const texts = bases.map((b) => JSON.stringify(b, null, 2));
  let next = 0;
  const writer = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const name = `PC-${String(i).padStart(6, '0')}`;
      const base = bases[i % bases.length]!;
      const server = SERVERS[i % SERVERS.length]!;
      const startedAt = new Date(Date.UTC(2026, 10, 20, 8, 0, 0) + i * 1000).toISOString();
      // Swap the identity fields in the serialized text of the base: as fast as a template, and the
      // result is still a schema-valid report (the merge validates every file).
      const target: Report['target'] = { ...base.target, computerName: name, domain: 'corp.example' };
      if (server) target.wsusUrl = server;
      else delete target.wsusUrl;
      const text = texts[i % texts.length]!
        .replace(/"target": \{[^}]*\}/, `"target": ${JSON.stringify(target)}`)
        .replace(/"startedAt": "[^"]*"/, `"startedAt": "${startedAt}"`)
        .replace(/"computerName": "[^"]*"/g, `"computerName": "${name}"`);
      await writeFile(join(dir, `${name}.json`), text);
    }
  };
  await Promise.all(Array.from({ length: 32 }, writer));
  for (let i = 0; i < BROKEN; i++) {
    const kind = i % 3;
    const file = join(dir, `broken-${i}.json`);
    if (kind === 0) await writeFile(file, texts[0]!.slice(0, 700)); // truncated copy
    else if (kind === 1) await writeFile(file, JSON.stringify({ name: 'some other tool', items: [1, 2, 3] }));
    else await writeFile(file, JSON.stringify({ ...bases[0], schemaVersion: 7 }));
  }
  await writeFile(marker, String(count));
  process.stdout.write(`generated ${count} reports + ${BROKEN} broken files in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

interface MergeFigures {
  wallMs: number;
  peakRssMb: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI's merge in a child Node; the child reports its own peak RSS as it exits. */
function runMerge(dir: string, outDir: string): Promise<MergeFigures> {
  const reportRss = "import{writeSync}from'node:fs';process.on('exit',()=>writeSync(2,`\\nMAXRSS_KB ${process.resourceUsage().maxRSS}\\n`));";
  const args = ['--import', `data:text/javascript,${encodeURIComponent(reportRss)}`, CLI, 'merge', dir, '--html', join(outDir, 'fleet.html'), '--json', join(outDir, 'fleet.json'), '--csv', join(outDir, 'fleet.csv')];
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024, timeout: 10 * 60_000, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) => {
      const wallMs = performance.now() - t0;
      const m = /MAXRSS_KB (\d+)/.exec(stderr);
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : null) : 0;
      resolve({ wallMs, peakRssMb: m ? Number(m[1]) / 1024 : NaN, code, stdout, stderr });
    });
  });
}

async function sizeOf(path: string): Promise<string> {
  const s = await stat(path).catch(() => null);
  return s ? `${(s.size / 1024).toFixed(0)} KiB` : '(missing)';
}

async function benchOne(count: number, bases: readonly Report[]): Promise<void> {
  const dir = join(root, '.cache', 'bench-merge', `reports-${count}`);
  const outDir = join(root, '.cache', 'bench-merge', `out-${count}`);
  await generate(dir, count, bases);
  await mkdir(outDir, { recursive: true });
  const r = await runMerge(dir, outDir);
  const merged = /(\d+) machines merged/.exec(r.stdout)?.[1] ?? '?';
  const skipped = /(\d+) files skipped/.exec(r.stderr)?.[1] ?? '0';
  process.stdout.write(
    `${String(count).padStart(6)} reports: merged ${merged}, skipped ${skipped}, exit ${String(r.code)} | wall ${(r.wallMs / 1000).toFixed(2)} s | peak RSS ${r.peakRssMb.toFixed(0)} MB | ` +
      `fleet.html ${await sizeOf(join(outDir, 'fleet.html'))}, fleet.csv ${await sizeOf(join(outDir, 'fleet.csv'))}, fleet.json ${await sizeOf(join(outDir, 'fleet.json'))}\n`,
  );
  if (r.code !== 1) process.stdout.write(`unexpected exit code (expected 1: the generated fleet has failing machines)\n${r.stderr.slice(-2000)}\n`);
}

if (!existsSync(CLI)) {
  process.stdout.write('building the CLI bundle (node scripts/build.mjs)\n');
  await new Promise<void>((resolve, reject) => execFile(process.execPath, [join(root, 'scripts', 'build.mjs')], (e) => (e ? reject(e) : resolve())));
}
const bases = await baseReports();
const avg = (await Promise.all(bases.map((b) => JSON.stringify(b, null, 2).length))).reduce((a, b) => a + b, 0) / bases.length;
process.stdout.write(`merge benchmark: ${bases.length} distinct client reports (about ${(avg / 1024).toFixed(0)} KiB each) as templates, ${SERVERS.length - 1} WSUS servers + none; child process: node ${process.version} dist/cli/wsus-doctor.cjs merge\n`);
await benchOne(Math.max(10, Math.round(COUNT / 10)), bases);
await benchOne(COUNT, bases);
