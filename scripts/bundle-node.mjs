// One recipe for the Node bundles that run outside Electron (the CLI, the web harness): a single CJS
// file for Node 20+, with the built-in scenarios (scenarios/) and the regedit package's VBScript files
// (vbs/, used on Windows) beside it.
import { build } from 'esbuild';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function bundleNodeEntry({ root, entry, outDir, fileName }) {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  await build({
    entryPoints: [join(root, ...entry.split('/'))],
    outfile: join(outDir, fileName),
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
  await cp(join(root, 'node_modules', 'regedit', 'vbs'), join(outDir, 'vbs'), { recursive: true });
  await cp(join(root, 'main', 'scenarios', 'data'), join(outDir, 'scenarios'), { recursive: true });
}
