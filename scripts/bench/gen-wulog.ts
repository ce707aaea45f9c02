/**
 * Writes a large Windows Update log for the analyzer benchmark: the real Windows 10 excerpts in
 * tests/fixtures/wu-logs (Get-WindowsUpdateLog format, CRLF) and the legacy samples, repeated with
 * advancing timestamps until the size is reached.
 *
 *   npx tsx scripts/bench/gen-wulog.ts [--size-mb 512] [--out FILE]
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'wu-logs');
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function generateWuLog(sizeBytes: number, out: string): { bytes: number; lines: number } {
  const win10 = ['wu10-01.log', 'wu10-02.log', 'win10-tls-8531.log']
    .flatMap((f) => readFileSync(join(FIXTURES, f), 'utf8').split(/\r?\n/))
    .filter((l) => /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{7} /.test(l))
    .map((l) => l.slice(27)); // everything after the timestamp
  mkdirSync(dirname(out), { recursive: true });
  const fd = openSync(out, 'w');
  let bytes = 0;
  let lines = 0;
  let t = Date.UTC(2024, 0, 1);
  let parts: string[] = [];
  let len = 0;
  while (bytes + len < sizeBytes) {
    for (const rest of win10) {
      t += 37;
      const d = new Date(t);
      const line = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}0000${rest}\r\n`;
      parts.push(line);
      len += line.length;
      lines++;
    }
    if (len > 4 << 20) {
      bytes += writeSync(fd, parts.join(''));
      parts = [];
      len = 0;
    }
  }
  bytes += writeSync(fd, parts.join(''));
  closeSync(fd);
  return { bytes, lines };
}

export function ensureWuBenchLog(sizeMb: number): string {
  const out = join(ROOT, '.cache', 'bench', `wu-${sizeMb}mb.log`);
  if (existsSync(out) && statSync(out).size >= sizeMb * 1024 * 1024) return out;
  const r = generateWuLog(sizeMb * 1024 * 1024, out);
  console.log(`generated ${out}: ${(r.bytes / 1048576).toFixed(0)} MB, ${r.lines} lines`);
  return out;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const i = process.argv.indexOf('--size-mb');
  const o = process.argv.indexOf('--out');
  const size = i > 0 ? Number(process.argv[i + 1]) : 512;
  if (o > 0) console.log(generateWuLog(size * 1024 * 1024, process.argv[o + 1]!));
  else ensureWuBenchLog(size);
}
