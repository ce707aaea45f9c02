import { Buffer } from 'node:buffer';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../../main/emulator/emulator.js';
import { EmulatedServerSchema } from '../../../main/emulator/server-spec.js';

describe('emulator memory', () => {
  it('streams 200 MB of an endless body with flat memory', async () => {
    const e = await startEmulator(EmulatedServerSchema.parse({ wsus: { paths: { '/selfupdate': { kind: 'huge-body' } } }, port80: null }));
    try {
      const target = 200 * 1024 * 1024;
      // The client reads into one reused buffer, so the RSS measured is the emulator's, not the
      // garbage of a client allocating a Buffer per chunk.
      const scratch = Buffer.alloc(256 * 1024);
      const before = process.memoryUsage().rss;
      let peak = before;
      let head = '';
      const read = await new Promise<number>((resolve, reject) => {
        let n = 0;
        let reads = 0;
        const socket = connect({
          host: '127.0.0.1',
          port: e.wsusPort,
          onread: {
            buffer: scratch,
            callback: (bytes) => {
              if (head.length < 1000) head += scratch.toString('latin1', 0, Math.min(bytes, 1000));
              n += bytes;
              if (++reads % 64 === 0) peak = Math.max(peak, process.memoryUsage().rss);
              if (n >= target) {
                socket.destroy();
                resolve(n);
                return false;
              }
              return true;
            },
          },
        });
        socket.on('error', reject);
        socket.on('close', () => {
          if (n < target) reject(new Error(`the endless body ended after ${n} bytes`));
        });
        socket.write('GET /selfupdate/wuident.cab HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      });
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(head.toLowerCase()).toContain('transfer-encoding: chunked');
      expect(read).toBeGreaterThanOrEqual(target);
      expect(peak - before).toBeLessThan(50 * 1024 * 1024);
    } finally {
      await e.close();
    }
  }, 60_000);
});
