// Scans the built Electron main process and preload, and the page the window loads, with
// @doyensec/electronegativity. Fails (exit 1) on any HIGH or MEDIUM finding that is not suppressed
// with a written reason in scripts/electronegativity-suppressions.mjs, on a stale suppression, and on
// a file the scanner could not parse (an unparsed file would pass without being checked).
//
//   node scripts/electronegativity.mjs               build into a temporary folder, then scan
//   node scripts/electronegativity.mjs --dir DIR     scan DIR as it is (main.js, preload.js, *.html)
//
// How the input is prepared: scripts/build-electron.mjs builds dist/electron/{main,preload}.cjs; the
// scanner reads only .js/.ts/.html files and its parsers stop at syntax newer than ES2018 (private
// class fields), so each bundle is re-emitted by esbuild as ES2018 (same code, older syntax) under a
// .js name. renderer/index.html is added because the Content-Security-Policy meta tag lives there.
// The Electron version is the installed `electron` package's. The check that downloads Electron's
// release list (AvailableSecurityFixesGlobalCheck) is left out: that host is not reachable here, and
// Electron's own advisories are covered by scripts/audit.mjs.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { SUPPRESSIONS } from './electronegativity-suppressions.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const FAILING = new Set(['HIGH', 'MEDIUM']);

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** Builds the bundles into a fresh temporary folder and prepares the scan input there. */
async function prepare(work) {
  const built = join(work, 'electron');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), '--out', built], { stdio: 'pipe' });
  const scan = join(work, 'scan');
  await mkdir(scan, { recursive: true });
  for (const name of ['main', 'preload']) {
    const code = await readFile(join(built, `${name}.cjs`), 'utf8');
    const lowered = await transform(code, { loader: 'js', format: 'cjs', target: 'es2018', legalComments: 'none' });
    await writeFile(join(scan, `${name}.js`), lowered.code);
  }
  await copyFile(join(root, 'renderer', 'index.html'), join(scan, 'index.html'));
  return scan;
}

function checkSuppressions() {
  const problems = [];
  for (const [i, s] of SUPPRESSIONS.entries()) {
    for (const key of ['id', 'file', 'sample']) if (typeof s[key] !== 'string' || s[key].length === 0) problems.push(`suppression ${i}: ${key} is missing`);
    if (typeof s.reason !== 'string' || s.reason.trim().length < 40) problems.push(`suppression ${i} (${s.id}): the reason must say why, in a sentence or more`);
  }
  return problems;
}

function suppressionFor(issue) {
  return SUPPRESSIONS.find((s) => s.id === issue.id && s.file === issue.file && typeof issue.sample === 'string' && issue.sample.includes(s.sample));
}

async function main() {
  const given = argValue('--dir');
  const work = given ? null : await mkdtemp(join(tmpdir(), 'wsus-doctor-electronegativity-'));
  try {
    const input = given ? resolve(given) : await prepare(work);
    const files = (await readdir(input)).filter((f) => /\.(js|html)$/.test(f)).sort();
    const electronVersion = JSON.parse(await readFile(require.resolve('electron/package.json'), 'utf8')).version;
    const run = require('@doyensec/electronegativity');
    // The scanner logs progress and a translation download attempt (one second at most) to the console.
    const quiet = console.log;
    console.log = () => undefined;
    let result;
    try {
      result = await run({ input, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: EXCLUDED_CHECKS, parserPlugins: [] }, false);
    } finally {
      console.log = quiet;
    }

    const problems = checkSuppressions();
    for (const e of result.errors) problems.push(`could not parse ${e.file}: ${e.message}`);
    const used = new Set();
    const rows = result.issues.map((issue) => {
      const severity = issue.severity.name;
      const suppression = FAILING.has(severity) ? suppressionFor(issue) : undefined;
      if (suppression) used.add(suppression);
      const status = !FAILING.has(severity) ? 'noted' : suppression ? 'suppressed' : 'FAIL';
      if (status === 'FAIL') problems.push(`${issue.id} (${severity}) in ${issue.file} ${issue.location.line}:${issue.location.column}`);
      return { status, id: issue.id, severity, confidence: issue.confidence.name, where: `${issue.file}:${issue.location.line}`, reason: suppression?.reason, description: String(issue.description ?? '').replace(/\s+/g, ' ').slice(0, 160) };
    });
    for (const s of SUPPRESSIONS) if (!used.has(s)) problems.push(`stale suppression: ${s.id} in ${s.file} ("${s.sample}") matches no finding; remove it`);

    console.log(`electronegativity: scanned ${files.join(', ')} (Electron ${electronVersion}); ${result.globalChecks} global + ${result.atomicChecks} atomic checks; excluded: ${EXCLUDED_CHECKS.join(', ')}`);
    const count = (status) => rows.filter((r) => r.status === status).length;
    console.log(`findings: ${rows.length} (${count('FAIL')} failing, ${count('suppressed')} suppressed with a reason, ${count('noted')} low/informational)`);
    for (const r of rows) {
      console.log(`  ${r.status.padEnd(10)} ${r.severity.padEnd(13)} ${r.confidence.padEnd(9)} ${r.id} ${r.where}`);
      if (r.reason) console.log(`             reason: ${r.reason}`);
      else if (r.description) console.log(`             ${r.description}`);
    }
    if (problems.length > 0) {
      console.error(`electronegativity: FAILED\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      process.exitCode = 1;
    } else {
      console.log('electronegativity: passed (no unsuppressed high or medium finding)');
    }
  } finally {
    if (work) await rm(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`electronegativity: could not run: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(2);
});
