/**
 * Is this process elevated? `whoami.exe /groups` lists the token's mandatory label by SID, which is
 * never localized: S-1-16-12288 (High) or S-1-16-16384 (System) = elevated, S-1-16-8192 (Medium) or
 * S-1-16-4096 (Low) = not elevated. The output is decoded as Latin-1: SIDs are ASCII.
 */
import type { CommandRunner, ElevationAdapter, ElevationInfo } from '../types.js';
import { systemBinary } from './command-runner.js';

const HIGH = 'S-1-16-12288';
const SYSTEM = 'S-1-16-16384';
const MEDIUM = 'S-1-16-8192';
const MEDIUM_PLUS = 'S-1-16-8448';
const LOW = 'S-1-16-4096';
const UNTRUSTED = 'S-1-16-0';

function hasSid(text: string, sid: string): boolean {
  // Whole SID only: S-1-16-8192 must not match inside a longer SID.
  return new RegExp(`(^|[^0-9A-Za-z-])${sid.replace(/-/g, '\\-')}(?![0-9-])`, 'm').test(text);
}

/** `whoami /groups` output (any language) → elevation. Never throws. */
export function parseWhoamiGroups(text: unknown): ElevationInfo {
  if (typeof text !== 'string' || text.trim() === '') return { elevated: null, method: 'whoami /groups printed nothing' };
  if (hasSid(text, SYSTEM)) return { elevated: true, method: `whoami /groups: ${SYSTEM} (System Mandatory Level) present` };
  if (hasSid(text, HIGH)) return { elevated: true, method: `whoami /groups: ${HIGH} (High Mandatory Level) present` };
  if (hasSid(text, MEDIUM_PLUS)) return { elevated: false, method: `whoami /groups: ${MEDIUM_PLUS} (Medium Plus Mandatory Level) present` };
  if (hasSid(text, MEDIUM)) return { elevated: false, method: `whoami /groups: ${MEDIUM} (Medium Mandatory Level) present` };
  if (hasSid(text, LOW)) return { elevated: false, method: `whoami /groups: ${LOW} (Low Mandatory Level) present` };
  if (hasSid(text, UNTRUSTED)) return { elevated: false, method: `whoami /groups: ${UNTRUSTED} (Untrusted Mandatory Level) present` };
  return { elevated: null, method: 'whoami /groups: no mandatory level SID in the output' };
}

export class WhoamiElevation implements ElevationAdapter {
  readonly #runner: CommandRunner;
  readonly #whoami: string;

  constructor(runner: CommandRunner, whoamiPath: string = systemBinary('whoami.exe')) {
    this.#runner = runner;
    this.#whoami = whoamiPath;
  }

  async check(signal?: AbortSignal): Promise<ElevationInfo> {
    let result;
    try {
      result = await this.#runner.run(this.#whoami, ['/groups'], { timeoutMs: 15_000, maxOutputBytes: 1024 * 1024, ...(signal ? { signal } : {}) });
    } catch (e) {
      if (signal?.aborted) throw e;
      return { elevated: null, method: `whoami.exe could not run: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (result.exitCode !== 0) return { elevated: null, method: `whoami /groups failed (exit code ${result.exitCode})` };
    // NULs removed as well, in case the output is UTF-16.
    return parseWhoamiGroups(result.stdout.toString('latin1').replace(/\0/g, ''));
  }
}
