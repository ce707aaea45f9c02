// `npm audit --omit=dev` for what the app ships, plus the `electron` package (a devDependency, but its
// binary is what the installer ships). Fails (exit 1) on a high or critical advisory that is not
// explained in scripts/audit-exceptions.mjs.
//
// When the registry's audit endpoint cannot be reached or refuses the request, the audit was NOT
// performed: this is printed plainly, with npm's own message. It then exits 0 so that the rest of
// `npm test` still runs offline, unless --strict is given (or WSUS_DOCTOR_AUDIT_STRICT=1), when it
// exits 3. Never a silent pass.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXCEPTIONS } from './audit-exceptions.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const strict = process.argv.includes('--strict') || process.env.WSUS_DOCTOR_AUDIT_STRICT === '1';
const FAILING = new Set(['high', 'critical']);
const TIMEOUT_MS = 120_000;
const npmCli = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? process.env.npm_execpath : null;

/** Runs `npm audit --json` with `extra`; resolves to the parsed report (npm exits 1 when it finds anything). */
function audit(extra) {
  const [file, args] = npmCli ? [process.execPath, [npmCli, 'audit', '--json', ...extra]] : ['npm', ['audit', '--json', ...extra]];
  return new Promise((resolve) => {
    execFile(file, args, { cwd: root, timeout: TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024, shell: false }, (error, stdout, stderr) => {
      let report = null;
      try {
        report = JSON.parse(stdout);
      } catch {
        report = null;
      }
      if (report && typeof report === 'object' && report.vulnerabilities && report.metadata) return resolve({ ok: true, report });
      const why =
        (report && typeof report.message === 'string' && report.message) ||
        (error && error.killed ? `no answer within ${TIMEOUT_MS / 1000} s` : '') ||
        String(stderr).split('\n').find((l) => /error|ERR!/i.test(l)) ||
        (error ? error.message : 'no audit report in the output');
      resolve({ ok: false, why: why.trim() });
    });
  });
}

function explained(name, via) {
  return EXCEPTIONS.find((e) => e.package === name && (e.advisory === '*' || via.some((v) => typeof v === 'object' && String(v.url ?? '').includes(e.advisory))));
}

function findings(report, only) {
  return Object.entries(report.vulnerabilities)
    .filter(([name]) => !only || only.includes(name))
    .map(([name, v]) => ({ name, severity: v.severity, range: v.range, via: v.via ?? [], fixAvailable: v.fixAvailable }));
}

async function main() {
  const problems = [];
  const prod = await audit(['--omit=dev']);
  const all = await audit([]);
  if (!prod.ok || !all.ok) {
    const why = !prod.ok ? prod.why : all.why;
    console.error('npm audit: NOT PERFORMED. The registry audit endpoint could not be used:');
    console.error(`  ${why}`);
    console.error('  No advisory data was checked. Run `npm run audit` on a machine that reaches the audit endpoint.');
    process.exitCode = strict ? 3 : 0;
    return;
  }
  const rows = [...findings(prod.report), ...findings(all.report, ['electron'])];
  const m = prod.report.metadata;
  console.log(`npm audit --omit=dev: ${m.dependencies?.prod ?? '?'} production packages; vulnerabilities ${JSON.stringify(m.vulnerabilities)}`);
  for (const r of rows) {
    const exception = explained(r.name, r.via);
    const failing = FAILING.has(r.severity) && !exception;
    if (failing) problems.push(`${r.name} (${r.severity}) ${r.range}`);
    console.log(`  ${failing ? 'FAIL' : exception ? 'explained' : 'noted'} ${r.severity} ${r.name} ${r.range}${exception ? ` — ${exception.reason}` : ''}`);
  }
  if (problems.length > 0) {
    console.error(`npm audit: FAILED (high or critical, not explained in scripts/audit-exceptions.mjs):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log('npm audit: passed (no unexplained high or critical advisory in the shipped packages or electron)');
  }
}

main().catch((e) => {
  console.error(`npm audit: could not run: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});
