/**
 * The web harness in-process, with the real services: the same DoctorService the app uses, the built
 * renderer from dist/renderer, the built-in scenarios plus the e2e fixtures (copied into one folder).
 */
import { cp, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWindowsMachine } from '../../main/adapters/windows/windows-machine.js';
import { DoctorService } from '../../main/app/doctor-service.js';
import { ScenarioLibrary } from '../../main/scenarios/loader.js';
import { startHarness } from '../../main/web/harness.js';

const ROOT = join(import.meta.dirname, '..', '..');

export interface RunningHarness {
  url: string;
  close(): Promise<void>;
}

export async function startTestHarness(): Promise<RunningHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'wsus-e2e-scenarios-'));
  await cp(join(ROOT, 'main', 'scenarios', 'data'), dir, { recursive: true });
  for (const f of await readdir(join(ROOT, 'tests', 'e2e', 'fixtures'))) await cp(join(ROOT, 'tests', 'e2e', 'fixtures', f), join(dir, f));
  const service = new DoctorService({
    scenarios: new ScenarioLibrary(dir),
    platform: 'linux',
    createWindowsMachine: () => createWindowsMachine(),
  });
  const harness = await startHarness({ service, staticDir: join(ROOT, 'dist', 'renderer'), port: 0 });
  return { url: harness.url, close: () => harness.close() };
}
