// `npm start`: builds, then runs the doctor. Until the desktop wizard lands this is the command
// line: on Windows it checks this machine; elsewhere it walks through a simulated client whose
// policy was typed from a misspelled article, so there is something real to look at.
// Extra arguments go to `wsus-doctor check`, e.g. `npm start -- --scenario client-healthy`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const built = spawnSync(node, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 2);

const extra = process.argv.slice(2);
const args = ['check', ...extra];
if (process.platform !== 'win32' && !extra.some((a) => a === '--scenario' || a.startsWith('--scenario=') || a === '--server' || a.startsWith('--server='))) {
  console.log('Not on Windows: showing a simulated client (scenario client-misspelled-policy). Try also: npm start -- --scenario client-healthy\n');
  args.push('--scenario', 'client-misspelled-policy');
}
const run = spawnSync(node, [join(root, 'dist', 'cli', 'wsus-doctor.cjs'), ...args], { stdio: 'inherit' });
process.exit(run.status ?? 2);
