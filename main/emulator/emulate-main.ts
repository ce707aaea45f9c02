/**
 * `wsus-doctor emulate --scenario NAME [--port N] [--host 127.0.0.1]`: runs the WSUS emulator for a
 * scenario's server until the signal aborts (Ctrl+C), printing every request as an IIS log line.
 */
import { EmulatedServerSchema, type EmulatedServer, type Fault, type Site } from './server-spec.js';
import { emulatorUrl, startEmulator, type RunningEmulator } from './emulator.js';

export interface EmulateCommandArgs {
  spec: EmulatedServer;
  scenarioName: string;
  host: string;
  /** the WSUS site's port; 0 = any free port */
  port: number;
  /** the port-80 site's port; default 0 = any free port (port 80 itself usually needs privileges) */
  port80?: number;
  out: (line: string) => void;
  signal: AbortSignal;
}

/** One line, plain English, for a fault. */
export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'status':
      return `HTTP ${fault.status}${fault.subStatus !== undefined ? `.${fault.subStatus}` : ''}${fault.status === 503 ? ' (application pool stopped)' : ''}`;
    case 'windows-auth':
      return '401.2 Windows authentication only (WWW-Authenticate: Negotiate, NTLM)';
    case 'html':
      return fault.product === 'sharepoint' ? '200 with a SharePoint page instead of the file' : '200 with an HTML page instead of the file';
    case 'truncated-cab':
      return 'cabinet cut off halfway (connection closed before Content-Length bytes)';
    case 'corrupt-cab':
      return fault.variant === 'size-mismatch' ? 'cabinet whose declared size does not match the bytes sent' : 'garbage instead of a cabinet (no MSCF signature)';
    case 'redirect-loop':
      return 'redirects to itself forever';
    case 'hang':
      return 'accepts the connection and never answers';
    case 'trickle':
      return `answers one byte every ${fault.intervalMs} ms`;
    case 'reset':
      return 'resets the connection (TCP RST)';
    case 'huge-body':
      return '200 with an endless body';
  }
}

function describeSite(name: string, site: Site): string[] {
  const lines: string[] = [];
  if (site.all) lines.push(`${name}, every path: ${describeFault(site.all)}`);
  for (const [path, fault] of Object.entries(site.paths)) lines.push(`${name}, ${path}: ${describeFault(fault)}${site.all ? ' (overridden by the site-wide fault)' : ''}`);
  return lines;
}

/** Runs until args.signal aborts; 0 after a clean stop, 2 when the emulator cannot start. */
export async function runEmulateCommand(args: EmulateCommandArgs): Promise<number> {
  const { out, signal } = args;
  let emulator: RunningEmulator;
  let spec: EmulatedServer;
  try {
    spec = EmulatedServerSchema.parse(args.spec);
    emulator = await startEmulator(spec, { host: args.host, wsusPort: args.port, port80Port: args.port80 ?? 0, log: (line) => out(line) });
  } catch (err) {
    out(`Cannot start the WSUS emulator: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  try {
    const port80 = emulator.port80Port === null ? 'none' : emulatorUrl(emulator.host, emulator.port80Port);
    out(`WSUS emulator for scenario ${args.scenarioName}: ${emulator.wsusUrl} (port-80 site: ${port80})`);
    const faults = [...describeSite('WSUS site', spec.wsus), ...(spec.port80 ? describeSite('port-80 site', spec.port80) : [])];
    for (const line of faults) out(`  ${line}`);
    if (faults.length === 0) out('  no faults: answers as a healthy WSUS server');
    out('Press Ctrl+C to stop.');
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    await emulator.close();
  }
  return 0;
}
