// Builds the single-file command line: dist/cli/wsus-doctor.cjs, which plain `node` runs anywhere
// (copy the dist/cli folder onto a Windows machine). Beside it: the regedit package's VBScript
// files (vbs/) and the built-in scenarios (scenarios/).
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleNodeEntry } from './bundle-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'cli');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const started = Date.now();
await bundleNodeEntry({ root, entry: 'main/cli/main.ts', outDir: out, fileName: 'wsus-doctor.cjs' });
console.log(`built dist/cli/wsus-doctor.cjs (with vbs/ and scenarios/) in ${Date.now() - started} ms`);
