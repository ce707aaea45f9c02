// `npm start`: builds everything, then opens the desktop app.
//   1. the CLI (scripts/build.mjs), the renderer (Vite, when its config exists) and the Electron
//      bundles (scripts/build-electron.mjs);
//   2. Electron on dist/electron/main.cjs when its binary is installed;
//   3. otherwise one line saying so, then the web harness (scripts/build-web.mjs → dist/web/web-harness.cjs)
//      when it exists, else the command line on a demo scenario (a simulated client off Windows).
// Extra arguments go to whichever runs, e.g. `npm start -- --scenario client-healthy`.
// Processes are started with argument arrays (no shell); the electron package is never require()d,
// because its index.js downloads the binary when it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const extra = process.argv.slice(2);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) {
    console.error(`start: could not run ${command}: ${result.error.message}`);
    process.exit(2);
  }
  return result.status ?? 2;
}

function step(script, ...args) {
  const status = run(node, [join(root, 'scripts', script), ...args]);
  if (status !== 0) process.exit(status);
}

/** The renderer's Vite config (in renderer/, else at the root), if the renderer has one yet. */
function rendererConfig() {
  const names = ['vite.config.ts', 'vite.config.mts', 'vite.config.js', 'vite.config.mjs'];
  return [...names.map((n) => join('renderer', n)), ...names]
    .map((p) => join(root, p))
    .find((p) => existsSync(p));
}

/** The Electron executable as `require('electron')` would name it, or null when it is not installed. */
function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  let name;
  try {
    name = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  if (!name) return null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const exe = override ? join(override, name) : join(pkg, 'dist', name);
  return existsSync(exe) ? exe : null;
}

step('build.mjs');
const viteConfig = rendererConfig();
if (viteConfig) {
  // `npx vite build --config …`, without npx (no shell needed on Windows).
  const status = run(node, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', viteConfig]);
  if (status !== 0) process.exit(status);
}
step('build-electron.mjs');

const electron = electronBinary();
if (electron) {
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
    console.warn('start: dist/renderer/index.html is missing (the renderer is not built yet); the window will be empty.');
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  process.exit(run(electron, [join(root, 'dist', 'electron', 'main.cjs'), ...extra], { env }));
}

console.log('Electron cannot run here (its binary is not installed); starting the web harness instead.');
if (existsSync(join(root, 'scripts', 'build-web.mjs'))) {
  step('build-web.mjs');
  const harness = join(root, 'dist', 'web', 'web-harness.cjs');
  if (existsSync(harness)) process.exit(run(node, [harness, ...extra]));
}

// No web harness yet: the command line. On Windows it checks this machine; elsewhere it walks through
// a simulated client whose policy was typed from a misspelled article, so there is something to look at.
const args = ['check', ...extra];
if (process.platform !== 'win32' && !extra.some((a) => a === '--scenario' || a.startsWith('--scenario=') || a === '--server' || a.startsWith('--server='))) {
  console.log('Not on Windows: showing a simulated client (scenario client-misspelled-policy). Try also: npm start -- --scenario client-healthy\n');
  args.push('--scenario', 'client-misspelled-policy');
}
process.exit(run(node, [join(root, 'dist', 'cli', 'wsus-doctor.cjs'), ...args]));
