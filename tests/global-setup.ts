// Builds the single-file CLI once before the tests, so integration tests run exactly what ships.
// WSUS_DOCTOR_SKIP_BUILD=1 skips it for focused unit runs while other files are mid-edit.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  if (process.env.WSUS_DOCTOR_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build.mjs')], { stdio: 'inherit' });
}
