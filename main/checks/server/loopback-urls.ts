/** The URLs the server fetches from itself, by the three names it answers to. */
import type { CheckContext } from '../../engine/check.js';
import type { Layout } from './server-facts.js';

export interface LoopbackProbe {
  /** "selfupdate" or "clientwebservice", on the WSUS port or on port 80 */
  what: 'selfupdate' | 'clientwebservice' | 'selfupdate-port80';
  name: string;
  url: string;
}

export async function machineName(ctx: CheckContext): Promise<string> {
  const os = await ctx.facts.os();
  return os.domain ? `${os.computerName}.${os.domain}`.toLowerCase() : os.computerName.toLowerCase();
}

export async function loopbackProbes(ctx: CheckContext, l: Layout): Promise<LoopbackProbe[]> {
  const port = l.setup.portNumber ?? 8530;
  const names = ['127.0.0.1', 'localhost', await machineName(ctx)];
  const base = (name: string, p: number): string => `http://${name}${p === 80 ? '' : `:${p}`}`;
  const out: LoopbackProbe[] = [];
  for (const name of names) {
    out.push({ what: 'selfupdate', name, url: `${base(name, port)}/selfupdate/wuident.cab` });
    out.push({ what: 'clientwebservice', name, url: `${base(name, port)}/ClientWebService/client.asmx` });
    if (port !== 80 && l.port80Site) out.push({ what: 'selfupdate-port80', name, url: `${base(name, 80)}/selfupdate/wuident.cab` });
  }
  return out;
}
