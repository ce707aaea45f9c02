// Builds the Electron main process and preload:
//   dist/electron/main.cjs     the main process (CommonJS, Node platform; `electron` left external)
//   dist/electron/preload.cjs  the preload, fully bundled: a sandboxed preload can require nothing but
//                              `electron`, so the build fails if any other module would stay external
//   dist/electron/scenarios/   the built-in scenarios, beside the bundle as for the CLI
// The renderer (dist/renderer) is built separately with Vite.
// `--out DIR` builds elsewhere (the tests build into a temporary folder).
import { build } from 'esbuild';
import { cp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const out = outArg > 0 && process.argv[outArg + 1] ? resolve(process.argv[outArg + 1]) : join(root, 'dist', 'electron');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const started = Date.now();

// The folder is emptied first: refuse one that holds anything but an earlier build.
const earlier = await readdir(out).catch(() => []);
const foreign = earlier.filter((name) => !/^((main|preload)\.cjs(\.LEGAL\.txt)?|scenarios)$/.test(name));
if (foreign.length > 0) {
  console.error(`build-electron: ${out} holds other files (${foreign.slice(0, 3).join(', ')}); give an empty or new folder.`);
  process.exit(2);
}
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
};

await build({
  ...common,
  entryPoints: [join(root, 'main', 'electron', 'main.ts')],
  outfile: join(out, 'main.cjs'),
  // Electron 45 runs Node 22.
  target: 'node22',
  define: {
    __WSUS_DOCTOR_BUNDLE__: 'true',
    __WSUS_DOCTOR_ELECTRON_MAIN__: 'true',
    __WSUS_DOCTOR_VERSION__: JSON.stringify(pkg.version),
  },
  logOverride: { 'empty-import-meta': 'silent' },
});

const preload = await build({
  ...common,
  entryPoints: [join(root, 'main', 'electron', 'preload.ts')],
  outfile: join(out, 'preload.cjs'),
  // Electron 45 is Chromium 140.
  target: 'chrome140',
});
const externals = Object.values(preload.metafile.outputs)
  .flatMap((o) => o.imports)
  .filter((i) => i.external && i.path !== 'electron')
  .map((i) => i.path);
if (externals.length > 0) {
  console.error(`build-electron: the sandboxed preload cannot require ${[...new Set(externals)].join(', ')}; only 'electron' may stay external.`);
  process.exit(1);
}

await cp(join(root, 'main', 'scenarios', 'data'), join(out, 'scenarios'), { recursive: true });
console.log(`built ${relative(root, join(out, 'main.cjs'))} and ${relative(root, join(out, 'preload.cjs'))} in ${Date.now() - started} ms`);
