/** Shared by the benchmark scripts: sessions on scenarios or servers, and a memory sampler. */
import { createWindowsMachine } from '../../main/adapters/windows/windows-machine.js';
import { builtInScenarioDir } from '../../main/app/paths.js';
import { DoctorSession, type SessionRequest } from '../../main/app/session.js';
import { ScenarioLibrary } from '../../main/scenarios/loader.js';

export function openSession(req: SessionRequest): Promise<DoctorSession> {
  return DoctorSession.open(req, {
    scenarios: new ScenarioLibrary(builtInScenarioDir()),
    platform: 'linux',
    createWindowsMachine: () => createWindowsMachine(),
  });
}

/** Samples resident memory every few milliseconds while work runs; reports the peak above the start. */
export async function withMemory<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakRssDeltaMb: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const t0 = performance.now();
  try {
    const value = await work();
    return { value, ms: Math.round(performance.now() - t0), peakRssDeltaMb: Math.round(((peak - base) / 1024 / 1024) * 10) / 10 };
  } finally {
    clearInterval(timer);
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
