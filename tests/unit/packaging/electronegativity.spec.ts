// The electronegativity gate (scripts/electronegativity.mjs) fails on insecure Electron code: run on a
// small insecure main process, it exits 1 and names the findings. (`npm test` runs it on the real
// bundles; this shows that run could fail.)
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const run = promisify(execFile);

// A sample the scanner must reject: the three protections the app always keeps on, turned off. It is
// written out only into a temporary folder for the scan, never into the app's own code.
const TURNED_OFF = ['contextIsolation', 'sandbox', 'webSecurity'].map((name) => `${name}: ${String(false)}`).join(', ');
const INSECURE_MAIN = `const { BrowserWindow } = require('electron');
const win = new BrowserWindow({ webPreferences: { ${TURNED_OFF} } });
win.loadURL('http://example.com/');
`;

describe('scripts/electronegativity.mjs', () => {
  it('exits 1 on high and medium findings and lists them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wsus-doctor-negativity-'));
    try {
      await writeFile(join(dir, 'main.js'), INSECURE_MAIN);
      const failure = await run(process.execPath, [join(root, 'scripts', 'electronegativity.mjs'), '--dir', dir], { cwd: root, timeout: 120_000 }).then(
        () => null,
        (e: unknown) => e as { code: number; stdout: string; stderr: string },
      );
      expect(failure?.code).toBe(1);
      for (const id of ['CONTEXT_ISOLATION_JS_CHECK (HIGH)', 'SANDBOX_JS_CHECK (MEDIUM)', 'WEB_SECURITY_JS_CHECK (MEDIUM)', 'LIMIT_NAVIGATION_GLOBAL_CHECK (HIGH)', 'CSP_GLOBAL_CHECK (MEDIUM)']) {
        expect(failure?.stderr).toContain(id);
      }
      // The suppressions are for the app's bundle; here they match nothing and are reported stale.
      expect(failure?.stderr).toContain('stale suppression: OPEN_EXTERNAL_JS_CHECK');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('every suppression names its finding and says why', async () => {
    const file = pathToFileURL(join(root, 'scripts', 'electronegativity-suppressions.mjs')).href;
    const { SUPPRESSIONS } = (await import(file)) as { SUPPRESSIONS: { id: string; sample: string; reason: string }[] };
    expect(SUPPRESSIONS.length).toBeGreaterThan(0);
    for (const s of SUPPRESSIONS) {
      expect(s.id).toMatch(/^[A-Z_]+$/);
      expect(s.sample.length).toBeGreaterThan(5);
      expect(s.reason.length).toBeGreaterThan(80);
    }
  });
});
