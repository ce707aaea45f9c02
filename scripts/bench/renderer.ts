/**
 * The renderer's initial JavaScript and CSS (what index.html loads before the first page; gzip sizes)
 * and the time from navigation to the first interactive page in Chromium, through the web harness.
 *   npm run bench:renderer [-- --runs 7]        (needs `npm run build:renderer` and /usr/bin/chromium)
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createWindowsMachine } from '../../main/adapters/windows/windows-machine.js';
import { builtInScenarioDir } from '../../main/app/paths.js';
import { DoctorService } from '../../main/app/doctor-service.js';
import { ScenarioLibrary } from '../../main/scenarios/loader.js';
import { startHarness } from '../../main/web/harness.js';
import { launchBrowser } from '../../tests/e2e/browser.js';
import { median } from './common.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const dist = join(import.meta.dirname, '..', '..', 'dist', 'renderer');

const html = await readFile(join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log('Initial assets (loaded by index.html):');
let totalGz = 0;
for (const file of initial) {
  const bytes = await readFile(join(dist, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  totalGz += gz;
  console.log(`  ${file.padEnd(40)} ${kb(bytes.length).padStart(10)}  gzip ${kb(gz).padStart(9)}`);
}
console.log(`  total gzip ${kb(totalGz)}`);
const lazy = (await readdir(join(dist, 'assets'))).filter((f) => f.endsWith('.js') && !initial.includes(`assets/${f}`));
for (const f of lazy) {
  const bytes = await readFile(join(dist, 'assets', f));
  console.log(`  lazy: assets/${f} ${kb(bytes.length)}  gzip ${kb(gzipSync(bytes, { level: 9 }).length)}  (the web harness client; not loaded in the app)`);
}

const service = new DoctorService({ scenarios: new ScenarioLibrary(builtInScenarioDir()), platform: 'linux', createWindowsMachine: () => createWindowsMachine() });
const harness = await startHarness({ service, staticDir: dist, port: 0 });
const browser = await launchBrowser();
const times: number[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(harness.url);
    // Interactive: the demo list (from the backend) is on screen and its first button can be clicked.
    await page.getByRole('region', { name: /Demo/ }).getByRole('button').first().waitFor({ state: 'visible' });
    times.push(Math.round(performance.now() - t0));
    await context.close();
  }
} finally {
  await browser.close();
  await harness.close();
}
console.log(`\nNavigation → first interactive page (demo list loaded and clickable), ${RUNS} runs, fresh context each:`);
console.log(`  median ${median(times)} ms, min ${Math.min(...times)} ms, max ${Math.max(...times)} ms  (${times.join(', ')})`);
