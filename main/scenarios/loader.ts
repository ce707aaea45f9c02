/**
 * Finds and validates scenario files. Built-in scenarios live in main/scenarios/data/*.json (copied
 * beside the bundled CLI); a path to a .json file loads a scenario of the user's own.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ScenarioSchema, type Scenario } from './schema.js';

export class ScenarioError extends Error {}

const MAX_SCENARIO_BYTES = 2 * 1024 * 1024;
/** A text file kept beside a scenario (an applicationHost.config): larger is refused. */
const MAX_TEXT_FILE_BYTES = 1024 * 1024;

/** Reads every `textFile` of the machine's files (relative to the scenario's folder, never outside it) into `text`. */
async function readTextFiles(scenario: Scenario, scenarioPath: string): Promise<Scenario> {
  const files = scenario.machine?.files;
  if (!files) return scenario;
  const base = resolve(dirname(scenarioPath));
  for (const [winPath, f] of Object.entries(files)) {
    if (f.textFile === undefined) continue;
    const full = resolve(base, f.textFile);
    if (!full.startsWith(base + sep)) throw new ScenarioError(`The scenario ${scenario.name} names a file outside its folder: ${f.textFile}.`);
    let size: number;
    try {
      size = (await stat(full)).size;
    } catch {
      throw new ScenarioError(`The scenario ${scenario.name} names ${f.textFile} for ${winPath}, which cannot be read.`);
    }
    if (size > MAX_TEXT_FILE_BYTES) throw new ScenarioError(`${f.textFile} (for scenario ${scenario.name}) is larger than 1 MB.`);
    const text = await readFile(full, 'utf8');
    const { textFile: _textFile, ...rest } = f;
    files[winPath] = { ...rest, text };
  }
  return scenario;
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  const where = issue.path.map(String).join('.') || '(top level)';
  return `${where}: ${issue.message}`;
}

export async function loadScenarioFile(path: string): Promise<Scenario> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new ScenarioError(`Cannot read the scenario file ${path}.`);
  }
  if (size > MAX_SCENARIO_BYTES) throw new ScenarioError(`The scenario file ${path} is larger than 2 MB.`);
  const text = await readFile(path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ScenarioError(`The scenario file ${basename(path)} is not valid JSON (${e instanceof Error ? e.message : 'parse error'}).`);
  }
  const parsed = ScenarioSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map(describeIssue).join('; ');
    throw new ScenarioError(`The scenario file ${basename(path)} is not a valid scenario: ${first}.`);
  }
  return readTextFiles(parsed.data, path);
}

export class ScenarioLibrary {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  async names(): Promise<string[]> {
    const files = await readdir(this.#dir).catch(() => [] as string[]);
    return files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  }

  async all(): Promise<Scenario[]> {
    return Promise.all((await this.names()).map((n) => loadScenarioFile(join(this.#dir, `${n}.json`))));
  }

  /** A built-in name, or a path to a .json file. */
  async load(nameOrPath: string): Promise<Scenario> {
    if (/\.json$/i.test(nameOrPath)) return loadScenarioFile(nameOrPath);
    if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(nameOrPath)) throw new ScenarioError(`"${nameOrPath}" is not a scenario name (see: wsus-doctor scenarios).`);
    const names = await this.names();
    if (!names.includes(nameOrPath)) {
      throw new ScenarioError(`Unknown scenario "${nameOrPath}". Built-in scenarios: ${names.join(', ')}.`);
    }
    const scenario = await loadScenarioFile(join(this.#dir, `${nameOrPath}.json`));
    if (scenario.name !== nameOrPath) throw new ScenarioError(`The scenario file ${nameOrPath}.json names itself "${scenario.name}".`);
    return scenario;
  }
}
