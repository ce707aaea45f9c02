// Least privilege in the bridge. (1) Everything the preload hands to contextBridge, enumerated with
// Reflect.ownKeys (symbols and non-enumerable keys included), must be a method of the typed API in
// shared/api.ts and nothing more. (2) Every IPC handler, sent malformed, hostile and oversized
// arguments, answers a short 'bad-input' rejection quickly and never reaches the service.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock.js'));

import type { ApiMethod, DoctorApi, DoctorShellApi } from '../../../shared/api.js';
import { API_METHODS } from '../../../shared/api-schemas.js';
import type { DispatchResult } from '../../../main/app/api-dispatch.js';
import type { DoctorService } from '../../../main/app/doctor-service.js';
import { MAX_ERROR_MESSAGE, registerIpc } from '../../../main/electron/ipc.js';
import '../../../main/electron/preload.js';
import { contextBridge, FakeBrowserWindow, invokeEvent, ipcMain, resetElectronMock } from './electron-mock.js';

// What the preload exposed when it was loaded (above), before any reset.
const exposed: Record<string, unknown> = { ...contextBridge.exposed };

/** The shell API's methods; the two type checks below fail to compile if this list and the type differ. */
const SHELL_METHODS = ['onMenuAction'] as const satisfies readonly (keyof DoctorShellApi)[];
type MissingShellMethod = Exclude<keyof DoctorShellApi, (typeof SHELL_METHODS)[number]>;
const noMissingShellMethod: [MissingShellMethod] extends [never] ? true : false = true;
// API_METHODS is Object.keys(API_SCHEMAS), which `satisfies Record<ApiMethod, …>`: exactly keyof DoctorApi.
type MissingApiMethod = Exclude<keyof DoctorApi, ApiMethod>;
const noMissingApiMethod: [MissingApiMethod] extends [never] ? true : false = true;

const TYPED_SURFACE: Record<string, readonly string[]> = { wsusDoctor: API_METHODS, wsusDoctorShell: SHELL_METHODS };

describe('what the preload exposes, compared with shared/api.ts', () => {
  it('the type-level lists are complete', () => {
    expect(noMissingShellMethod).toBe(true);
    expect(noMissingApiMethod).toBe(true);
  });

  it('exposes only the typed objects, each with exactly the typed methods, as plain functions', () => {
    expect(Reflect.ownKeys(exposed).map(String).sort()).toEqual(Object.keys(TYPED_SURFACE).sort());
    for (const [name, methods] of Object.entries(TYPED_SURFACE)) {
      const object = exposed[name] as object;
      const proto: unknown = Object.getPrototypeOf(object);
      expect(proto === Object.prototype || proto === null, `${name} is a plain object`).toBe(true);
      const keys = Reflect.ownKeys(object);
      expect(keys.filter((k) => typeof k === 'symbol'), name).toEqual([]);
      const extra = keys.map(String).filter((k) => !methods.includes(k));
      expect(extra, `${name} exposes what shared/api.ts does not declare`).toEqual([]);
      expect(keys.map(String).sort(), name).toEqual([...methods].sort());
      for (const key of keys) {
        const descriptor = Object.getOwnPropertyDescriptor(object, key);
        expect(descriptor?.get, `${name}.${String(key)} is not a getter`).toBeUndefined();
        const value: unknown = descriptor?.value;
        expect(typeof value, `${name}.${String(key)}`).toBe('function');
        // A function carries nothing of its own beyond its name and arity (no attached ipcRenderer etc.).
        const own = Reflect.ownKeys(value as object).filter((k) => k !== 'length' && k !== 'name' && k !== 'prototype');
        expect(own, `${name}.${String(key)} own properties`).toEqual([]);
      }
    }
  });
});

const SESSION = 'a1b2c3d4e5f6a7b8c9d0';
const RUN_ID = 'f00dfeedf00dfeedf00dfeed';
/**
 * Argument lists the schema rightly lets through, checked further by the service: an empty
 * startSession request means "detect the role"; undoFix's backup is any text up to 1024 characters,
 * and DoctorService.undoFix accepts only a backup recorded for one of the session's own applied fixes.
 */
const PASSED_TO_SERVICE: Record<string, readonly string[]> = {
  startSession: ['an empty object', 'a Map', 'a Date'], // a Map or Date has no own fields: read as the empty request
  undoFix: ['session id, then a string with NUL and control characters', 'session id, then a path traversal'],
};
/** Methods whose only valid argument list is the empty one. */
const NO_ARGUMENTS = new Set<string>(['listScenarios', 'detectRole', 'relaunchAsAdmin']);

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const HUGE = 'A'.repeat(2_000_000);
const HOSTILE_VALUES: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['NaN', Number.NaN],
  ['a negative number', -1],
  ['a bigint', 10n ** 30n],
  ['true', true],
  ['an empty object', {}],
  ['an empty array', []],
  ['a 2 MB string', HUGE],
  ['a string with NUL and control characters', `a\u0000b\u0007c\u202e../../`],
  ['a path traversal', '..\\..\\Windows\\System32\\config\\SAM'],
  ['a __proto__ payload', JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown],
  ['100 000 strings', Array.from({ length: 100_000 }, (_, i) => `fix-${i}`)],
  ['arrays nested 2 000 deep', nested(2_000)],
  ['a 1 MB byte array', new Uint8Array(1_000_000)],
  ['a Map', new Map([['sessionId', SESSION]])],
  ['a Date', new Date(0)],
];

/** Argument lists that are wrong for `method`: each hostile value alone, after a valid session id, and too many arguments. */
function hostileArgumentLists(method: string): [string, unknown[]][] {
  const lists: [string, unknown[]][] = [];
  for (const [name, value] of HOSTILE_VALUES) {
    lists.push([name, [value]]);
    if (!NO_ARGUMENTS.has(method)) lists.push([`session id, then ${name}`, [SESSION, value]]);
  }
  lists.push(['60 arguments', Array.from({ length: 60 }, () => SESSION)]);
  if (!NO_ARGUMENTS.has(method)) lists.push(['no arguments', []]);
  // runChecks takes a runId first (see channels.ts): hostile values also in the session id's place.
  if (method === 'runChecks') for (const [name, value] of HOSTILE_VALUES) lists.push([`runId, then ${name}`, [RUN_ID, value]]);
  return lists;
}

describe('every IPC handler rejects malformed and oversized arguments cleanly', () => {
  const calls: string[] = [];
  let win: FakeBrowserWindow;

  beforeEach(() => {
    resetElectronMock();
    calls.length = 0;
    win = new FakeBrowserWindow();
    // Every service method records that it was reached; none may be.
    const service = new Proxy({}, { get: (_t, name) => (...args: unknown[]) => (calls.push(String(name)), Promise.resolve(args)) }) as unknown as DoctorService;
    registerIpc({ service, mainWebContentsId: () => win.webContents.id, relaunchAsAdmin: async () => (calls.push('relaunchAsAdmin'), { started: false }) });
  });

  it('covers every channel the main process handles', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `wsus:${m}`).sort());
  });

  it.each([...API_METHODS])('%s', async (method) => {
    const event = invokeEvent(win.webContents, { url: 'app://wsus-doctor/index.html', parent: null });
    const passed = PASSED_TO_SERVICE[method] ?? [];
    for (const [name, args] of hostileArgumentLists(method)) {
      const started = performance.now();
      const answer = (await ipcMain.invoke(`wsus:${method}`, event, ...args)) as DispatchResult;
      const ms = performance.now() - started;
      if (passed.includes(name)) {
        // Handed over for the service's own check (the stub answers with what it was given).
        expect(answer.ok, `${method}(${name})`).toBe(true);
        if (typeof args[1] === 'string') expect(answer, `${method}(${name})`).toEqual({ ok: true, value: args });
        continue;
      }
      expect(answer, `${method}(${name})`).toMatchObject({ ok: false, error: { code: 'bad-input' } });
      if (answer.ok) continue;
      // A short message in both languages; the hostile input is not echoed back.
      expect(answer.error.message.en.length, `${method}(${name}) message length`).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
      expect(answer.error.message.ja.length, `${method}(${name}) message length`).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
      expect(answer.error.message.en).not.toContain('AAAAAAAAAA');
      expect(ms, `${method}(${name}) answered in ${Math.round(ms)} ms`).toBeLessThan(2_000);
    }
    expect(calls, `${method} reached the service`).toEqual(passed.map(() => method));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
