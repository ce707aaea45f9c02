// Generates shared/report.schema.json (JSON Schema draft 2020-12) from ReportSchema in
// shared/report-model.ts, through the same reportJsonSchema() the unit test compares against.
//
//   node scripts/gen-report-schema.mjs          write the file
//   node scripts/gen-report-schema.mjs --check  exit 1 when the committed file is out of date
//
// esbuild bundles the TypeScript (with zod) into a temporary ES module, which is imported and
// deleted again: no tsx or ts-node needed.
import { build } from 'esbuild';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'shared', 'report.schema.json');
const check = process.argv.includes('--check');

const dir = await mkdtemp(join(tmpdir(), 'wsus-doctor-schema-'));
let text;
try {
  const outfile = join(dir, 'report-model.mjs');
  await build({
    entryPoints: [join(root, 'shared', 'report-model.ts')],
    outfile,
    bundle: true,
    platform: 'neutral',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const model = await import(pathToFileURL(outfile).href);
  text = `${JSON.stringify(model.reportJsonSchema(), null, 2)}\n`;
} finally {
  await rm(dir, { recursive: true, force: true });
}

if (check) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== text) {
    console.error('shared/report.schema.json is out of date: run node scripts/gen-report-schema.mjs');
    process.exit(1);
  }
  console.log('shared/report.schema.json is up to date');
} else {
  await writeFile(target, text, 'utf8');
  console.log('wrote shared/report.schema.json');
}
