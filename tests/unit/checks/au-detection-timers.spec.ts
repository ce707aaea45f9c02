import { describe, expect, it } from 'vitest';
import { auDetectionTimers } from '../../../main/checks/client/au-detection-timers.check.js';
import { auTimeAsLocal, auTimeAsUtc, parseAuTime } from '../../../main/checks/client/au-timers.js';
import type { Clock } from '../../../main/adapters/types.js';
import { KEYS, findValue, type RegValue } from '../../../shared/registry-types.js';
import { applyAll, clientMachine, dw, healthyPolicy, runOne, sz, WIN10, WIN7, WINXP } from './client-helpers.js';

/** now = 2026-11-20 09:30 UTC unless told otherwise. */
function timers(values: Record<string, RegValue>, opts: { offset?: number; now?: string; system?: typeof WIN7 } = {}) {
  const registry = healthyPolicy();
  registry[KEYS.autoUpdate] = values;
  return clientMachine({
    system: opts.system ?? WIN7,
    registry,
    now: opts.now ?? '2026-11-20T09:30:00Z',
    utcOffsetMinutes: opts.offset ?? 540,
    files: { 'C:\\Windows\\System32\\wuaueng.dll': { version: '7.6.7601.23806' }, 'C:\\WINDOWS\\System32\\wuaueng.dll': { version: '7.6.7600.256' } },
  });
}

describe('parseAuTime', () => {
  it('reads the documented dotted format and the colon variant', () => {
    expect(parseAuTime('2026.11.20 23.07.27')).toEqual({ year: 2026, month: 11, day: 20, hour: 23, minute: 7, second: 27 });
    expect(parseAuTime('2003.09.10 12:38:10')).toEqual({ year: 2003, month: 9, day: 10, hour: 12, minute: 38, second: 10 });
    expect(parseAuTime(' 2026.1.5 7.05.09 ')).toEqual({ year: 2026, month: 1, day: 5, hour: 7, minute: 5, second: 9 });
  });

  it('rejects garbage and impossible dates instead of throwing', () => {
    for (const bad of [
      '',
      'yesterday',
      '2026.02.30 10.00.00',
      '2026.13.01 10.00.00',
      '2026.11.20 24.00.00',
      '2026.11.20 10.60.00',
      '0000.01.01 00.00.00',
      '2026.11.20',
      '2026.11.20 10.00.00 extra',
      `2026.11.20 10.00.00${' '.repeat(100)}`,
      '9'.repeat(65_000),
      '２０２６.11.20 10.00.00',
      null,
      42,
      undefined,
    ]) {
      expect(parseAuTime(bad), String(bad).slice(0, 30)).toBeNull();
    }
    expect(parseAuTime('2028.02.29 00.00.00')).not.toBeNull();
    expect(parseAuTime('2027.02.29 00.00.00')).toBeNull();
  });

  it('converts local time with the offset in force at that instant', () => {
    const t = parseAuTime('2026.11.20 18.30.00')!;
    expect(new Date(auTimeAsUtc(t)).toISOString()).toBe('2026-11-20T18:30:00.000Z');
    const tokyo: Clock = { now: () => new Date(0), utcOffsetMinutes: () => 540 };
    expect(new Date(auTimeAsLocal(t, tokyo)).toISOString()).toBe('2026-11-20T09:30:00.000Z');
    // A clock whose offset changes (summer time until 2026-10-25 01:00 UTC): -240 before, -300 after.
    const ny: Clock = { now: () => new Date(0), utcOffsetMinutes: (at) => (at.getTime() < Date.UTC(2026, 9, 25, 1) ? -240 : -300) };
    expect(new Date(auTimeAsLocal(parseAuTime('2026.07.01 12.00.00')!, ny)).toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(new Date(auTimeAsLocal(parseAuTime('2026.11.20 12.00.00')!, ny)).toISOString()).toBe('2026-11-20T17:00:00.000Z');
  });
});

describe('client.au.detection-timers', () => {
  it('passes when nothing is recorded', async () => {
    const r = await runOne(auDetectionTimers, timers({}));
    expect(r.status).toBe('pass');
    expect(r.fixes).toEqual([]);
    expect(r.evidence[1]!.value).toBe('(not present)');
    const noKey = await runOne(auDetectionTimers, clientMachine({ system: WIN7 }));
    expect(noKey.status).toBe('pass');
    expect(noKey.evidence[1]!.value).toBe('(key not present)');
  });

  it('fails when LastWaitTimeout (UTC) is about 24 hours ahead: the server could not be reached', async () => {
    const m = timers({ AUState: dw(2), DetectionStartTime: sz('2026.11.20 18:25:00'), LastWaitTimeout: sz('2026.11.21 09.25.00') });
    const r = await runOne(auDetectionTimers, m);
    expect(r.status).toBe('fail');
    expect(r.summary.en).toContain('could not reach the server');
    expect(r.summary.en).toContain('2026-11-21 18:25');
    expect(r.summary.ja).toContain('接続できなかった');
    expect(r.evidence.map((e) => e.value)).toContain('REG_SZ "2026.11.21 09.25.00"');
    expect(r.evidence.find((e) => e.label.en === 'AUState means')!.value).toContain('detection pending');
    expect(r.fixes[0]!.id).toBe('client.au.detection-timers:reset-detection');
  });

  it('uses 20 and 28 hours as the edges of "about a day"', async () => {
    const at = (h: number) => {
      const d = new Date(Date.UTC(2026, 10, 20, 9, 30) + h * 3_600_000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getUTCFullYear()}.${p(d.getUTCMonth() + 1)}.${p(d.getUTCDate())} ${p(d.getUTCHours())}.${p(d.getUTCMinutes())}.00`;
    };
    const status = async (h: number) => (await runOne(auDetectionTimers, timers({ LastWaitTimeout: sz(at(h)) }))).status;
    expect(await status(19.5)).toBe('info');
    expect(await status(20)).toBe('fail');
    expect(await status(24)).toBe('fail');
    expect(await status(28)).toBe('fail');
    expect(await status(28.5)).toBe('warn');
    expect(await status(72)).toBe('warn');
    expect(await status(2)).toBe('info');
    expect(await status(-3)).toBe('pass');
  });

  it('reads LastWaitTimeout as UTC whatever the time zone, and DetectionStartTime as local time', async () => {
    // The same UTC instant, 24 h ahead, seen from three time zones: always a failure.
    for (const offset of [-480, 0, 540, 345]) {
      expect((await runOne(auDetectionTimers, timers({ LastWaitTimeout: sz('2026.11.21 09.30.00') }, { offset }))).status).toBe('fail');
    }
    // DetectionStartTime 18:33 local: 3 minutes ahead in Tokyo (UTC+9), 9 hours ahead at UTC.
    const tokyo = await runOne(auDetectionTimers, timers({ DetectionStartTime: sz('2026.11.20 18.33.00') }, { offset: 540 }));
    expect(tokyo.status).toBe('info');
    expect(tokyo.summary.en).toContain('scheduled at 18:33 local time');
    expect(tokyo.summary.en).toContain('around 18:38');
    expect(tokyo.evidence.find((e) => e.label.en === 'DetectionStartTime read as')!.value).toBe(
      '2026-11-20 18:33 local = 2026-11-20 09:33 UTC, 0.1 h from now',
    );
    const utc = await runOne(auDetectionTimers, timers({ DetectionStartTime: sz('2026.11.20 18.33.00') }, { offset: 0 }));
    expect(utc.evidence.find((e) => e.label.en === 'DetectionStartTime read as')!.value).toContain('9.1 h from now');
    // In the past: nothing holds the client back.
    expect((await runOne(auDetectionTimers, timers({ DetectionStartTime: sz('2026.11.20 08:00:00') }))).status).toBe('pass');
  });

  it('reports garbage as such and never throws', async () => {
    for (const bad of [sz('soon'), sz('2026.02.31 10.00.00'), sz('x'.repeat(65_000)), dw(12345), { type: 'REG_BINARY', data: 'ffff' } as RegValue, sz('"; rm -rf /')]) {
      const r = await runOne(auDetectionTimers, timers({ AUState: { type: 'REG_SZ', data: 'two' }, LastWaitTimeout: bad, DetectionStartTime: bad }));
      expect(r.status).toBe('warn');
      expect(r.fixes.map((f) => f.id)).toEqual(['client.au.detection-timers:reset-detection']);
      for (const e of r.evidence) expect(e.value.length).toBeLessThan(1000);
      expect(r.summary.en.length).toBeLessThan(1500);
    }
    const unknown = await runOne(auDetectionTimers, timers({ AUState: dw(99) }));
    expect(unknown.status).toBe('pass');
    expect(unknown.evidence.find((e) => e.label.en === 'AUState means')!.value).toContain('not a known state');
  });

  it('the reset fix sets AUState 2, deletes both times, restarts wuauserv; the check then passes; undo restores', async () => {
    const m = timers({ AUState: dw(3), DetectionStartTime: sz('2026.11.20 18.25.00'), LastWaitTimeout: sz('2026.11.21 09.25.00') });
    const before = m.dump();
    const r = await runOne(auDetectionTimers, m);
    expect(r.fixes[0]!.plan).toEqual([
      { kind: 'registry.set', key: KEYS.autoUpdate, name: 'AUState', value: dw(2) },
      { kind: 'registry.delete', key: KEYS.autoUpdate, name: 'LastWaitTimeout' },
      { kind: 'registry.delete', key: KEYS.autoUpdate, name: 'DetectionStartTime' },
      { kind: 'service.restart', service: 'wuauserv' },
    ]);
    expect(r.fixes[0]!.steps.some((s) => s.en.includes('6 to 10 minutes'))).toBe(true);
    const { applied, undoAll } = await applyAll(m, r.fixes);
    expect(applied[0]!.result).toBe('applied');
    const key = await m.registry.readKey(KEYS.autoUpdate);
    expect(findValue(key, 'LastWaitTimeout')).toBeUndefined();
    expect((await runOne(auDetectionTimers, m)).status).toBe('pass');
    expect(await undoAll()).toEqual([]);
    expect(m.dump()).toBe(before);
  });

  it('runs on XP, and is skipped by the engine on Windows 10', async () => {
    expect((await runOne(auDetectionTimers, timers({ LastWaitTimeout: sz('2026.11.21 09.25.00') }, { system: WINXP }))).status).toBe('fail');
    expect((await runOne(auDetectionTimers, timers({ LastWaitTimeout: sz('2026.11.21 09.25.00') }, { system: WIN10 }))).status).toBe('skip');
  });
});
