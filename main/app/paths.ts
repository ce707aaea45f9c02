/**
 * Where the program's own files are, in every layout: run from source (tests), bundled into
 * dist/cli/wsus-doctor.cjs (the single-file CLI, with scenarios/ and vbs/ beside it), or packaged.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __WSUS_DOCTOR_BUNDLE__: boolean | undefined;

function hereDir(): string {
  // In the CommonJS bundle __dirname is the bundle's folder; in the single executable
  // (dist/exe/wsus-doctor.exe) Node sets it to the exe's folder; from source, this file's folder.
  if (typeof __WSUS_DOCTOR_BUNDLE__ !== 'undefined' && __WSUS_DOCTOR_BUNDLE__) return __dirname;
  return dirname(fileURLToPath(import.meta.url));
}

/** The folder holding the built-in scenario files. */
export function builtInScenarioDir(): string {
  const here = hereDir();
  const candidates = [join(here, 'scenarios'), resolve(here, '..', 'scenarios', 'data')];
  return candidates.find((d) => existsSync(d)) ?? candidates[0]!;
}

/** The folder the bundle sits in (for the regedit scripts shipped beside it). */
export function bundleDir(): string {
  return hereDir();
}
