/** Reads a Windows Update log file from this machine's disk and analyzes all of it, in chunks. */
import { open } from 'node:fs/promises';
import type { AnalyzeOptions, WuLogAnalysis } from './wu-log.js';
import { analyzeWindowsUpdateLogChunks, WU_CHUNK_BYTES } from './wu-log-stream.js';

export async function analyzeWindowsUpdateLogFile(path: string, opts: AnalyzeOptions = {}): Promise<WuLogAnalysis> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    // Two buffers in turn: the analyzer reads the next chunk while it works on the current one.
    const buffers = [Buffer.allocUnsafe(WU_CHUNK_BYTES), Buffer.allocUnsafe(WU_CHUNK_BYTES)] as const;
    let turn = 0;
    return await analyzeWindowsUpdateLogChunks(
      async (offset, length) => {
        const buf = buffers[turn]!;
        turn ^= 1;
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
