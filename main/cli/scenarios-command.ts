/** `wsus-doctor scenarios`: the built-in simulated machines, for training and demos. */
import { tr, type Lang } from '../../shared/text.js';
import type { ScenarioLibrary } from '../scenarios/loader.js';
import { paint, type Out } from './terminal.js';

export async function scenariosCommand(lib: ScenarioLibrary, out: Out, opts: { lang: Lang; json: boolean }): Promise<number> {
  const all = await lib.all();
  if (opts.json) {
    out.write(
      `${JSON.stringify(
        all.map((s) => ({ name: s.name, role: s.role, title: tr(s.title, opts.lang), expect: s.expect })),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const width = Math.max(...all.map((s) => s.name.length));
  for (const s of all) {
    out.write(`${paint(out, 'bold', s.name.padEnd(width))}  ${s.role.padEnd(6)}  ${tr(s.title, opts.lang)}\n`);
  }
  return 0;
}
