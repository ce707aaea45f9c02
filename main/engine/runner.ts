/**
 * Runs the checks of a role in flowchart order. Checks that do not depend on each other run in
 * parallel; each has a timeout; a check that throws or times out becomes status "error" with its
 * reason instead of ending the run; every result records how long it took.
 */
import { definitionsForRole } from '../../shared/catalogue/index.js';
import type { CheckDefinition } from '../../shared/catalogue/types.js';
import type { CheckId } from '../../shared/check-ids.js';
import type { CheckResult, RunEnvironment, RunResult } from '../../shared/results.js';
import type { Role } from '../../shared/status.js';
import { l10n } from '../../shared/text.js';
import type { Machine } from '../adapters/types.js';
import type { CheckContext, CheckImpl, CheckOutcome, RunOptions } from './check.js';
import { Facts } from './facts.js';

export type ProgressEvent =
  | { type: 'start'; id: CheckId; index: number; total: number }
  | { type: 'done'; result: CheckResult; index: number; total: number };

export interface RunRequest {
  role: Role;
  machine: Machine;
  implementations: readonly CheckImpl[];
  options?: RunOptions;
  scenario?: string;
  /** per check; default 30 s */
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 30_000;

class CheckTimeout extends Error {}

function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

async function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  outer?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = new CheckTimeout(`did not finish within ${timeoutMs} ms`);
      reject(reason);
      controller.abort(reason);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } catch (e) {
    // A check that rejects because it was aborted by the timeout reports the timeout, not "aborted".
    if (controller.signal.reason instanceof CheckTimeout) throw controller.signal.reason;
    throw e;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

function skippedForEra(def: CheckDefinition, osText: string): CheckOutcome {
  return {
    status: 'skip',
    summary: l10n(
      `Does not apply to this version of Windows (${osText}).`,
      `この Windows のバージョン (${osText}) には該当しません。`,
    ),
  };
}

async function describeEnvironment(machine: Machine, facts: Facts, role: Role): Promise<RunEnvironment> {
  const env: RunEnvironment = {
    registryBackend: machine.registry.backend,
    elevated: null,
    computerName: '',
  };
  if (role === 'remote') return env;
  try {
    const os = await facts.os();
    env.computerName = os.computerName;
    if (os.domain) env.domain = os.domain;
    if (os.userName) env.userName = os.userName;
    env.os = `${os.productName} ${os.version}${os.ubr !== undefined ? `.${os.ubr}` : ''} ${os.arch}`;
  } catch {
    // the OS check reports the failure itself
  }
  try {
    env.elevated = (await facts.elevation()).elevated;
  } catch {
    env.elevated = null;
  }
  if (role === 'client') {
    // The server this client reports to (its valid WUServer policy): fleet reports group machines by it.
    const target = await facts.target('client', undefined).catch(() => null);
    if (target?.ok) env.wsusUrl = target.parsed.url;
  }
  return env;
}

export async function runChecks(request: RunRequest): Promise<RunResult> {
  const started = Date.now();
  const { role, machine } = request;
  const timeoutMs = request.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const facts = new Facts(machine, { checkTimeoutMs: timeoutMs });
  const impls = new Map(request.implementations.map((c) => [c.id, c]));
  const defs = definitionsForRole(role).filter((d) => impls.has(d.id));
  const total = defs.length;
  const settled = new Map<CheckId, CheckResult>();
  const pending = new Map<CheckId, Promise<CheckResult>>();

  // The era decides which checks apply; reading it once up front is cheap and shared.
  const osFacts = role === 'remote' ? null : await facts.os().catch(() => null);
  const osText = osFacts ? `${osFacts.productName} ${osFacts.version}` : '';

  const runOne = async (def: CheckDefinition, index: number): Promise<CheckResult> => {
    // Let every check register its promise before any looks up its dependencies.
    await Promise.resolve();
    for (const dep of def.after ?? []) {
      const p = pending.get(dep);
      if (p) await p;
    }
    request.onProgress?.({ type: 'start', id: def.id, index, total });
    const t0 = performance.now();
    let outcome: CheckOutcome;
    if (def.eras && osFacts?.era && !def.eras.includes(osFacts.era)) {
      outcome = skippedForEra(def, osText);
    } else {
      const impl = impls.get(def.id)!;
      try {
        outcome = await withTimeout(
          (signal) => {
            const ctx: CheckContext = {
              machine,
              facts,
              options: request.options ?? {},
              role,
              signal,
              timeoutMs,
              resultOf: (id) => settled.get(id),
            };
            return impl.run(ctx);
          },
          timeoutMs,
          request.signal,
        );
      } catch (e) {
        outcome = {
          status: 'error',
          summary:
            e instanceof CheckTimeout
              ? l10n(`The check ${errorMessage(e)} and was stopped.`, `このチェックは ${timeoutMs} ms 以内に終わらなかったため中止しました。`)
              : l10n(`The check could not run: ${errorMessage(e)}`, `チェックを実行できませんでした: ${errorMessage(e)}`),
        };
      }
    }
    const result: CheckResult = {
      id: def.id,
      status: outcome.status,
      title: def.title,
      summary: outcome.summary,
      explanation: def.explanation,
      evidence: outcome.evidence ?? [],
      fixes: outcome.fixes ?? [],
      docs: [...def.docs],
      durationMs: Math.round((performance.now() - t0) * 10) / 10,
    };
    settled.set(def.id, result);
    request.onProgress?.({ type: 'done', result, index, total });
    return result;
  };

  defs.forEach((def, index) => pending.set(def.id, runOne(def, index)));
  const results = await Promise.all(defs.map((d) => pending.get(d.id)!));
  const environment = await describeEnvironment(machine, facts, role);
  const run: RunResult = {
    role,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    environment,
    results,
  };
  if (request.scenario) run.scenario = request.scenario;
  return run;
}
