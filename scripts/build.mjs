// Builds the single-file command line: dist/cli/wsus-doctor.cjs, which plain `node` runs anywhere
// (copy the dist/cli folder onto a Windows machine). Beside it: the regedit package's VBScript
// files (vbs/) and the built-in scenarios (scenarios/).
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'cli');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const started = Date.now();
await build({
  entryPoints: [join(root, 'main', 'cli', 'main.ts')],
  outfile: join(out, 'wsus-doctor.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  define: {
    __WSUS_DOCTOR_BUNDLE__: 'true',
    __WSUS_DOCTOR_VERSION__: JSON.stringify(pkg.version),
  },
  logOverride: { 'empty-import-meta': 'silent' },
  legalComments: 'linked',
  logLevel: 'warning',
});
await cp(join(root, 'node_modules', 'regedit', 'vbs'), join(out, 'vbs'), { recursive: true });
await cp(join(root, 'main', 'scenarios', 'data'), join(out, 'scenarios'), { recursive: true });
console.log(`built dist/cli/wsus-doctor.cjs (with vbs/ and scenarios/) in ${Date.now() - started} ms`);
