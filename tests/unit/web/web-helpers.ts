/** Shared by the web harness tests: the real services on the built-in scenarios, a renderer folder, raw HTTP. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DoctorService } from '../../../main/app/doctor-service.js';
import { builtInScenarioDir } from '../../../main/app/paths.js';
import type { SessionDeps } from '../../../main/app/session.js';
import { ScenarioLibrary } from '../../../main/scenarios/loader.js';

export const INDEX_HTML = '<!doctype html><title>WSUS Self-Update Doctor</title><script type="module" src="./assets/app.js"></script>\n';
export const APP_JS = 'console.log("renderer");\n';
export const SECRET = 'SECRET-OUTSIDE-THE-RENDERER-FOLDER';

export function linuxDeps(): SessionDeps {
  return {
    scenarios: new ScenarioLibrary(builtInScenarioDir()),
    platform: 'linux',
    createWindowsMachine: () => Promise.reject(new Error('not Windows')),
  };
}

export function realService(): DoctorService {
  return new DoctorService(linuxDeps());
}

/** tmp/secret.txt beside tmp/static/{index.html, assets/app.js, assets/logo.svg}: traversal has a target. */
export async function makeStaticDir(): Promise<{ root: string; staticDir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'wsus-doctor-web-'));
  const staticDir = join(root, 'static');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), INDEX_HTML);
  await writeFile(join(staticDir, 'assets', 'app.js'), APP_JS);
  await writeFile(join(staticDir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(staticDir, '.hidden'), 'hidden');
  await writeFile(join(root, 'secret.txt'), SECRET);
  await writeFile(join(root, 'package.json'), `{"name": "${SECRET}"}`);
  return { root, staticDir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent exactly as given (fetch would normalise "/../"). */
export function rawRequest(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
