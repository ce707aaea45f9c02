// Builds the web harness: dist/web/web-harness.cjs, which serves the built renderer (dist/renderer,
// from `npm run build:renderer`) and the app's services over HTTP on 127.0.0.1, for driving the real
// renderer in a browser. Beside it, like the CLI: the built-in scenarios (scenarios/) and the
// regedit package's VBScript files (vbs/, used on Windows).
// `--out DIR` builds elsewhere (the tests build into a temporary folder); the bundle then looks for
// the renderer in DIR/../renderer.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleNodeEntry } from './bundle-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 && process.argv[outArg + 1] ? resolve(process.argv[outArg + 1]) : join(root, 'dist', 'web');

// The folder is emptied first: refuse one that holds anything but an earlier build.
const earlier = await readdir(out).catch(() => []);
const foreign = earlier.filter((name) => !/^(web-harness\.cjs(\.LEGAL\.txt)?|scenarios|vbs)$/.test(name));
if (foreign.length > 0) {
  console.error(`build-web: ${out} holds other files (${foreign.slice(0, 3).join(', ')}); give an empty or new folder.`);
  process.exit(2);
}
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const started = Date.now();
await bundleNodeEntry({ root, entry: 'main/web/web-main.ts', outDir: out, fileName: 'web-harness.cjs' });
console.log(`built ${relative(root, join(out, 'web-harness.cjs')) || out} (with vbs/ and scenarios/) in ${Date.now() - started} ms`);
