// electron-builder.yml: valid against electron-builder's own JSON schema, says what issue 8 asks for,
// and, packed for real by electron-builder (Linux "dir" target, with a stand-in Electron folder since
// the Electron binary cannot be downloaded here), puts outside app.asar exactly the files that must run
// or be read from outside it, where the app's path logic finds them.
import { listPackage } from '@electron/asar';
import { Ajv } from 'ajv';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';

vi.mock('electron', () => import('../electron/electron-mock.js'));

import { builtInScenarioDir } from '../../../main/app/paths.js';
import { resolveVbsDir } from '../../../main/adapters/windows/regedit-registry.js';
import { appLayout } from '../../../main/electron/main.js';

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
const run = promisify(execFile);

type Config = Record<string, unknown> & {
  win: { target: { target: string; arch: string[] }[]; requestedExecutionLevel: string; icon: string };
  nsis: Record<string, unknown>;
  portable: Record<string, unknown>;
  extraResources: { from: string; to: string }[];
  files: string[];
};

async function config(): Promise<Config> {
  return parse(await readFile(join(root, 'electron-builder.yml'), 'utf8')) as Config;
}

async function schemaValidator() {
  const schema = JSON.parse(await readFile(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  return ajv.compile(schema);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json, and the schema catches a misspelt option', async () => {
    const validate = await schemaValidator();
    const valid = validate(await config());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(validate({ ...(await config()), nsis: { oneClik: false } })).toBe(false);
    expect(validate({ ...(await config()), win: { requestedExecutionLevel: 'asAdministrator' } })).toBe(false);
  });

  it('builds an NSIS installer (choose folder, per-user or all users) and a portable exe for x64, unpublished', async () => {
    const c = await config();
    expect(c.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(c.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true, allowToChangeInstallationDirectory: true });
    expect(c.win.requestedExecutionLevel).toBe('asInvoker');
    expect(c.portable.requestExecutionLevel).toBe('user');
    expect(c.publish).toBeNull();
    for (const name of [c.artifactName, c.nsis.artifactName, c.portable.artifactName]) {
      expect(name).toMatch(/\$\{version\}/);
      expect(name).toMatch(/\$\{arch\}/);
    }
    expect(new Set([c.nsis.artifactName, c.portable.artifactName]).size).toBe(2);
  });

  it('takes name and version from package.json, never overrides them', async () => {
    const c = await config();
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { productName: string; version: string };
    expect(c.productName).toBe(pkg.productName);
    expect(c).not.toHaveProperty('version');
    expect(c).not.toHaveProperty('extraMetadata');
    expect(c.appId).toBe('com.wsus-selfupdate-doctor.app');
  });

  it('uses the icon the project draws (scripts/make-icon.mjs): an .ico with a 256 px image', async () => {
    const c = await config();
    const ico = await readFile(join(root, c.win.icon));
    expect(ico.readUInt16LE(0)).toBe(0); // reserved
    expect(ico.readUInt16LE(2)).toBe(1); // type: icon
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
    expect(widths).toEqual([16, 24, 32, 48, 64, 128, 256]);
    const { stdout } = await run(process.execPath, [join(root, 'scripts', 'make-icon.mjs'), '--check'], { cwd: root });
    expect(stdout).toBe('');
  });

  it('flips the Electron fuses that turn the binary into a general-purpose Node.js', async () => {
    expect((await config()).electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('the packed app (electron-builder, Linux dir target, stand-in Electron)', () => {
  let base: string;
  let resources: string;
  let outside: string[];

  beforeAll(async () => {
    // What the package holds must exist first: the Electron bundles and the renderer (a fresh clone has neither).
    await run(process.execPath, [join(root, 'scripts', 'build-electron.mjs')], { cwd: root, timeout: 120_000 });
    await run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, timeout: 180_000 });
    base = await mkdtemp(join(tmpdir(), 'wsus-doctor-pack-'));
    // A stand-in for the Electron distribution: electron-builder copies it and renames the executable.
    const electronDist = join(base, 'electron-dist');
    await mkdir(join(electronDist, 'resources'), { recursive: true });
    await writeFile(join(electronDist, 'electron'), '#!/bin/sh\n');
    await chmod(join(electronDist, 'electron'), 0o755);
    await writeFile(join(electronDist, 'LICENSE'), 'stand-in');
    // Fuses are written into the real Electron binary, which the stand-in is not: leave them out here.
    const { electronFuses: _fuses, ...packConfig } = await config();
    const configFile = join(base, 'electron-builder.json');
    await writeFile(configFile, JSON.stringify(packConfig));
    const cli = join(root, 'node_modules', 'electron-builder', 'cli.js');
    const args = [cli, '--linux', 'dir', '--x64', '--config', configFile, `-c.electronDist=${electronDist}`, `-c.directories.output=${join(base, 'out')}`, '--publish', 'never'];
    await run(process.execPath, args, { cwd: root, timeout: 240_000, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
    resources = join(base, 'out', 'linux-unpacked', 'resources');
    outside = filesUnder(resources).filter((f) => f !== 'app.asar');
    console.log(`files outside app.asar (resources/):\n  ${outside.join('\n  ')}`);
  }, 300_000);

  afterAll(async () => {
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('ships outside app.asar exactly the regedit VBScript files and the built-in scenarios', async () => {
    const vbs = filesUnder(join(root, 'node_modules', 'regedit', 'vbs')).map((f) => `regedit/vbs/${f}`);
    const scenarios = filesUnder(join(root, 'main', 'scenarios', 'data')).map((f) => `scenarios/${f}`);
    expect(vbs).toContain('regedit/vbs/regList.wsf');
    expect(scenarios.length).toBeGreaterThan(5);
    expect(outside).toEqual([...vbs, ...scenarios].sort());
  });

  it('app.asar holds the bundles and the renderer, no node_modules and no source maps', () => {
    const inside = listPackage(join(resources, 'app.asar'), { isPack: false }).map((p) => p.split(sep).join('/'));
    expect(inside).toContain('/package.json');
    expect(inside).toContain('/dist/electron/main.cjs');
    expect(inside).toContain('/dist/electron/preload.cjs');
    expect(inside).toContain('/dist/renderer/index.html');
    expect(inside.filter((p) => p.includes('node_modules'))).toEqual([]);
    expect(inside.filter((p) => p.endsWith('.map'))).toEqual([]);
  });

  it('packaged layout: the code finds the VBScript folder and the scenarios under resources/', () => {
    const bundleDir = join(resources, 'app.asar', 'dist', 'electron');
    expect(resolveVbsDir({ resourcesPath: resources, bundleDir, exists: existsSync })).toBe(join(resources, 'regedit', 'vbs'));
    const layout = appLayout({ bundleDir, packaged: true, resourcesPath: resources });
    expect(layout.scenarioDir).toBe(join(resources, 'scenarios'));
    expect(layout.preloadPath).toBe(join(bundleDir, 'preload.cjs'));
    expect(layout.rendererDir).toBe(join(resources, 'app.asar', 'dist', 'renderer'));
  });

  it('development layout: node_modules/regedit/vbs and main/scenarios/data', () => {
    const bundleDir = join(root, 'dist', 'electron');
    expect(resolveVbsDir({ resourcesPath: undefined, bundleDir, exists: existsSync })).toBe(join(root, 'node_modules', 'regedit', 'vbs'));
    // Electron's own resources folder in development holds neither: the project's files are used.
    expect(resolveVbsDir({ resourcesPath: join(base, 'electron-dist', 'resources'), bundleDir, exists: existsSync })).toBe(join(root, 'node_modules', 'regedit', 'vbs'));
    const layout = appLayout({ bundleDir, packaged: false, resourcesPath: join(base, 'electron-dist', 'resources') });
    expect(layout.scenarioDir).toBe(builtInScenarioDir());
    expect(existsSync(join(layout.scenarioDir, 'client-healthy.json'))).toBe(true);
  });
});
