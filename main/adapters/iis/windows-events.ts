/** The Application event log's WSUS events on the real machine, through wevtutil.exe (XML, newest first). */
import type { CommandRunner, EventLogAdapter, WsusEvent } from '../types.js';
import { decodeConsoleText } from '../windows/command-runner.js';
import { parseWevtutilEvents } from './wevtutil-xml.js';
import { runOrThrow } from './windows-run.js';

export const WSUS_EVENT_SOURCE = 'Windows Server Update Services';

export function wevtutilArgs(max: number): string[] {
  const count = Math.max(1, Math.min(500, Math.floor(max)));
  return ['qe', 'Application', `/q:*[System[Provider[@Name='${WSUS_EVENT_SOURCE}']]]`, '/f:xml', `/c:${count}`, '/rd:true'];
}

export class WindowsEvents implements EventLogAdapter {
  readonly #runner: CommandRunner;
  readonly #wevtutil: string;

  constructor(runner: CommandRunner, wevtutilExe: string) {
    this.#runner = runner;
    this.#wevtutil = wevtutilExe;
  }

  async wsusEvents(max: number, signal?: AbortSignal): Promise<WsusEvent[]> {
    const r = await runOrThrow(this.#runner, this.#wevtutil, wevtutilArgs(max), 'Reading the Application event log (wevtutil qe)', {
      maxOutputBytes: 8 * 1024 * 1024,
      ...(signal ? { signal } : {}),
    });
    return parseWevtutilEvents(decodeConsoleText(r.stdout));
  }
}
