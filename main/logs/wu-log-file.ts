/** Reads a Windows Update log file from this machine's disk and analyzes all of it, in chunks. */
import { open } from 'node:fs/promises';
import type { AnalyzeOptions, WuLogAnalysis } from './wu-log.js';
import { analyzeWindowsUpdateLogChunks } from './wu-log-stream.js';

export async function analyzeWindowsUpdateLogFile(path: string, opts: AnalyzeOptions = {}): Promise<WuLogAnalysis> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buf = Buffer.allocUnsafe(1024 * 1024);
    return await analyzeWindowsUpdateLogChunks(
      async (offset, length) => {
        const { bytesRead } = await handle.read(buf, 0, Math.min(length, buf.length), offset);
        return buf.subarray(0, bytesRead);
      },
      size,
      opts,
    );
  } finally {
    await handle.close();
  }
}
