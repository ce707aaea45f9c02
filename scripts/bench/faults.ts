/**
 * Every emulator fault against the remote role: does the run end within the configured timeout plus
 * one second, with memory flat, and does it say what happened? Prints one row per fault.
 *   npm run bench:faults [-- --timeout 5000]
 */
import { startEmulator } from '../../main/emulator/emulator.js';
import { EmulatedServerSchema, type FaultInput } from '../../main/emulator/server-spec.js';
import { openSession, withMemory } from './common.js';

const timeoutArg = process.argv.indexOf('--timeout');
const TIMEOUT_MS = timeoutArg > 0 ? Number(process.argv[timeoutArg + 1]) : 5000;

const FAULTS: { name: string; where: 'all' | '/selfupdate'; fault: FaultInput }[] = [
  { name: 'status 404', where: '/selfupdate', fault: { kind: 'status', status: 404 } },
  { name: 'status 403', where: '/selfupdate', fault: { kind: 'status', status: 403 } },
  { name: 'status 500', where: '/selfupdate', fault: { kind: 'status', status: 500 } },
  { name: '503 for everything', where: 'all', fault: { kind: 'status', status: 503 } },
  { name: '401 Negotiate, NTLM', where: '/selfupdate', fault: { kind: 'windows-auth' } },
  { name: 'HTML page with 200', where: '/selfupdate', fault: { kind: 'html' } },
  { name: 'truncated cabinet', where: '/selfupdate', fault: { kind: 'truncated-cab' } },
  { name: 'corrupt cabinet', where: '/selfupdate', fault: { kind: 'corrupt-cab', variant: 'bad-signature' } },
  { name: 'cabinet size lies', where: '/selfupdate', fault: { kind: 'corrupt-cab', variant: 'size-mismatch' } },
  { name: 'redirect loop', where: '/selfupdate', fault: { kind: 'redirect-loop' } },
  { name: 'accepts, never answers', where: 'all', fault: { kind: 'hang' } },
  { name: 'trickles a byte at a time', where: 'all', fault: { kind: 'trickle', intervalMs: 200 } },
  { name: 'connection reset', where: 'all', fault: { kind: 'reset' } },
  { name: 'huge body', where: '/selfupdate', fault: { kind: 'huge-body' } },
];

const rows: string[] = [];
let worst = { name: '', ms: 0, rss: 0 };
console.log(`Remote role against the emulator, --timeout ${TIMEOUT_MS} ms (limit: ${TIMEOUT_MS + 1000} ms per run)\n`);
console.log(`${'fault'.padEnd(26)} ${'wall ms'.padStart(8)} ${'peak RSS +MB'.padStart(13)}  within  http.selfupdate`);
for (const f of FAULTS) {
  const spec = EmulatedServerSchema.parse({
    wsus: f.where === 'all' ? { all: f.fault } : { paths: { [f.where]: f.fault } },
    port80: null,
  });
  const emulator = await startEmulator(spec, { wsusPort: 0 });
  try {
    const session = await openSession({ role: 'remote', server: emulator.wsusUrl });
    const { value: run, ms, peakRssDeltaMb } = await withMemory(() => session.run({ timeoutMs: TIMEOUT_MS }));
    await session.close();
    const su = run.results.find((r) => r.id === 'http.selfupdate')!;
    const errors = run.results.filter((r) => r.status === 'error').map((r) => r.id);
    const within = ms <= TIMEOUT_MS + 1000;
    if (ms > worst.ms) worst = { name: f.name, ms, rss: peakRssDeltaMb };
    const said = su.summary.en.split(/(?<=\.)\s/).slice(0, 2).join(' ').slice(0, 150);
    rows.push(f.name);
    console.log(
      `${f.name.padEnd(26)} ${String(ms).padStart(8)} ${String(peakRssDeltaMb).padStart(13)}  ${within ? 'yes   ' : 'NO    '}  ${su.status.toUpperCase()}: ${said}${errors.length ? `  [errors: ${errors.join(', ')}]` : ''}`,
    );
  } finally {
    await emulator.close();
  }
}
console.log(`\nSlowest: ${worst.name}, ${worst.ms} ms (limit ${TIMEOUT_MS + 1000} ms), peak RSS +${worst.rss} MB. Node ${process.version}, ${rows.length} faults.`);
