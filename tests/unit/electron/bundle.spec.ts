// The built bundles, loaded as Electron would load them but with the faked `electron` module: the
// preload with a sandbox's require (only 'electron'), the main process with Node's. This checks what
// the source-level tests cannot: that the esbuild output is complete and starts.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock.js'));

import { API_METHODS } from '../../../shared/api-schemas.js';
import * as electron from './electron-mock.js';

const root = join(import.meta.dirname, '..', '..', '..');
let base: string;
let out: string;

type CjsRequire = (id: string) => unknown;

async function load(file: string, requireFn: CjsRequire): Promise<void> {
  const code = await readFile(file, 'utf8');
  const wrapper = runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: file }) as (...a: unknown[]) => void;
  const module = { exports: {} };
  wrapper(module.exports, requireFn, module, file, out);
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'wsus-doctor-electron-build-'));
  out = join(base, 'electron');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), '--out', out], { stdio: 'pipe' });
}, 60_000);

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

beforeEach(() => electron.resetElectronMock());

describe('dist/electron bundles', () => {
  it('preload.cjs needs nothing but electron (sandbox) and exposes the two bridges', async () => {
    const asked: string[] = [];
    await load(join(out, 'preload.cjs'), (id) => {
      asked.push(id);
      if (id !== 'electron') throw new Error(`module not found in a sandboxed preload: ${id}`);
      return electron;
    });
    expect(asked).toEqual(['electron']);
    expect(Object.keys(electron.contextBridge.exposed).sort()).toEqual(['wsusDoctor', 'wsusDoctorShell']);
    expect(Object.keys(electron.contextBridge.exposed.wsusDoctor as object).sort()).toEqual([...API_METHODS].sort());
  });

  it('main.cjs starts: window, app scheme, IPC answering from the bundled scenarios', async () => {
    const nodeRequire = createRequire(join(out, 'main.cjs'));
    await load(join(out, 'main.cjs'), (id) => (id === 'electron' ? electron : nodeRequire(id)));
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    electron.app.fireReady();
    await vi.waitFor(() => expect(electron.FakeBrowserWindow.instances).toHaveLength(1));
    const win = electron.FakeBrowserWindow.instances[0]!;
    expect(win.options.webPreferences?.preload).toBe(join(out, 'preload.cjs'));
    expect(win.options.webPreferences?.sandbox).toBe(true);
    expect(electron.protocol.handlers.has('app')).toBe(true);

    const event = electron.invokeEvent(win.webContents, { url: 'app://wsus-doctor/index.html', parent: null });
    const answer = (await electron.ipcMain.invoke('wsus:listScenarios', event)) as { ok: boolean; value: { name: string }[] };
    expect(answer.ok).toBe(true);
    expect(answer.value.map((s) => s.name)).toContain('client-misspelled-policy');
  });
});
