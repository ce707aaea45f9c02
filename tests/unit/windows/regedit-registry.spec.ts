import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  canRegeditDelete,
  classifyRegeditError,
  loadRegedit,
  pinRealRegeditCscript,
  pinRegeditCscript,
  RegeditClient,
  regeditArchFor,
  regeditPutEntry,
  RegeditTimeoutError,
  resolveVbsDir,
  snapshotFromRegedit,
  vbsDirCandidates,
  withQuietConsole,
} from '../../../main/adapters/windows/regedit-registry.js';
import { FakeRegedit, regeditError } from './fake-runner.js';

describe('resolveVbsDir', () => {
  const has = (...files: string[]) => {
    const set = new Set(files);
    return (p: string): boolean => set.has(p);
  };

  it('packaged Electron app: resources/regedit/vbs (extraResources)', () => {
    const resourcesPath = join('/', 'Program Files', 'WSUS Self-Update Doctor', 'resources');
    const dir = join(resourcesPath, 'regedit', 'vbs');
    expect(resolveVbsDir({ resourcesPath, bundleDir: join(resourcesPath, 'app.asar', 'dist', 'main'), exists: has(join(dir, 'regList.wsf')) })).toBe(dir);
  });

  it('packaged Electron app: app.asar.unpacked/node_modules/regedit/vbs', () => {
    const resourcesPath = join('/', 'app', 'resources');
    const dir = join(resourcesPath, 'app.asar.unpacked', 'node_modules', 'regedit', 'vbs');
    expect(resolveVbsDir({ resourcesPath, bundleDir: join(resourcesPath, 'app.asar'), exists: has(join(dir, 'regList.wsf')) })).toBe(dir);
  });

  it('never returns a folder inside app.asar (cscript cannot read it)', () => {
    const resourcesPath = join('/', 'app', 'resources');
    const inside = join(resourcesPath, 'app.asar', 'node_modules', 'regedit', 'vbs');
    expect(resolveVbsDir({ resourcesPath, bundleDir: join(resourcesPath, 'app.asar', 'dist'), exists: has(join(inside, 'regList.wsf')) })).toBeNull();
  });

  it('the bundled single-file CLI: <bundle dir>/vbs', () => {
    const bundleDir = join('/', 'tools', 'wsus-doctor');
    expect(resolveVbsDir({ bundleDir, exists: has(join(bundleDir, 'vbs', 'regList.wsf')) })).toBe(join(bundleDir, 'vbs'));
  });

  it('development: node_modules/regedit/vbs above the source folder', () => {
    const root = join('/', 'work', 'repo');
    const dir = join(root, 'node_modules', 'regedit', 'vbs');
    expect(resolveVbsDir({ bundleDir: join(root, 'main', 'adapters', 'windows'), exists: has(join(dir, 'regList.wsf')) })).toBe(dir);
  });

  it('development, for real: finds this repository’s node_modules/regedit/vbs', async () => {
    const { existsSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const here = fileURLToPath(new URL('../../../main/adapters/windows/', import.meta.url));
    expect(resolveVbsDir({ bundleDir: here, exists: existsSync })).toMatch(/node_modules[/\\]regedit[/\\]vbs$/);
  });

  it('a folder without regList.wsf does not count; nothing found is null; a throwing exists is no', () => {
    const bundleDir = join('/', 'x');
    expect(resolveVbsDir({ bundleDir, exists: has(join(bundleDir, 'vbs')) })).toBeNull();
    expect(
      resolveVbsDir({
        bundleDir,
        exists: () => {
          throw new Error('EACCES');
        },
      }),
    ).toBeNull();
  });

  it('tries resources before the bundle folder, and stops at the file-system root', () => {
    const c = vbsDirCandidates({ resourcesPath: join('/', 'r'), bundleDir: join('/', 'a', 'b') });
    expect(c.slice(0, 4)).toEqual([join('/', 'r', 'regedit', 'vbs'), join('/', 'r', 'vbs'), join('/', 'r', 'app.asar.unpacked', 'node_modules', 'regedit', 'vbs'), join('/', 'a', 'b', 'vbs')]);
    expect(c).toContain(join('/', 'node_modules', 'regedit', 'vbs'));
    expect(c.length).toBeLessThan(10);
  });
});

describe('regedit results → snapshots', () => {
  it('maps every type', () => {
    const r = snapshotFromRegedit('HKLM\\X', {
      exists: true,
      keys: ['AU', 42],
      values: {
        WUServer: { type: 'REG_SZ', value: 'http://wsus01:8530' },
        '': { type: 'REG_DEFAULT', value: 'default' },
        UseWUServer: { type: 'REG_DWORD', value: 1 },
        Big: { type: 'REG_DWORD', value: 4294967295 },
        Q: { type: 'REG_QWORD', value: 123456789 },
        M: { type: 'REG_MULTI_SZ', value: ['a', 'b'] },
        B: { type: 'REG_BINARY', value: [0, 1, 254, 255] },
      },
    });
    expect(r).toEqual({
      ok: true,
      lossy: [],
      snapshot: {
        path: 'HKLM\\X',
        subkeys: ['AU'],
        values: {
          WUServer: { type: 'REG_SZ', data: 'http://wsus01:8530' },
          '': { type: 'REG_SZ', data: 'default' },
          UseWUServer: { type: 'REG_DWORD', data: 1 },
          Big: { type: 'REG_DWORD', data: 4294967295 },
          Q: { type: 'REG_QWORD', data: '123456789' },
          M: { type: 'REG_MULTI_SZ', data: ['a', 'b'] },
          B: { type: 'REG_BINARY', data: '0001feff' },
        },
      },
    });
  });

  it('a missing key is null', () => {
    expect(snapshotFromRegedit('HKLM\\X', { exists: false, keys: [], values: {} })).toEqual({ ok: true, snapshot: null, lossy: [] });
  });

  it('marks what regedit cannot return exactly', () => {
    const r = snapshotFromRegedit('HKLM\\X', {
      exists: true,
      keys: [],
      values: {
        E: { type: 'REG_EXPAND_SZ', value: 'C:\\Windows\\system32' },
        N: { type: 'REG_NONE', value: 0 },
        Q: { type: 'REG_QWORD', value: 2 ** 60 },
        Path: { type: 'REG_SZ', value: 'C:\\new\\report' },
        U: { type: 'REG_LINK', value: '' },
      },
    });
    expect(r.ok && r.lossy.map((l) => l.split(':')[0])).toEqual(['E', 'N', 'Q', 'Path', 'U']);
  });

  it.each([null, undefined, 42, 'x', {}, { exists: 'yes' }])('garbage %j is an error, not an exception', (item) => {
    expect(snapshotFromRegedit('HKLM\\X', item).ok).toBe(false);
  });

  it('values of the wrong shape are reported as lossy, never thrown', () => {
    const r = snapshotFromRegedit('HKLM\\X', {
      exists: true,
      keys: 'nope',
      values: { a: null, b: { type: 'REG_DWORD', value: -1 }, c: { type: 'REG_BINARY', value: [300] }, d: { type: 'REG_SZ', value: 5 }, e: { type: 'REG_MULTI_SZ', value: 'x' } },
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.snapshot?.values).toEqual({});
      expect(r.snapshot?.subkeys).toEqual([]);
      expect(r.lossy).toHaveLength(5);
    }
  });
});

describe('what regedit may write', () => {
  it('plain values go to regedit', () => {
    expect(regeditPutEntry('WUServer', { type: 'REG_SZ', data: 'http://x' })).toEqual({ type: 'REG_SZ', value: 'http://x' });
    expect(regeditPutEntry('x', { type: 'REG_SZ', data: 'a\nb "c" 日本' })).toEqual({ type: 'REG_SZ', value: 'a\nb "c" 日本' });
    expect(regeditPutEntry('UseWUServer', { type: 'REG_DWORD', data: 1 })).toEqual({ type: 'REG_DWORD', value: 1 });
    expect(regeditPutEntry('m', { type: 'REG_MULTI_SZ', data: ['a', 'b'] })).toEqual({ type: 'REG_MULTI_SZ', value: ['a', 'b'] });
    expect(regeditPutEntry('b', { type: 'REG_BINARY', data: '00ff' })).toEqual({ type: 'REG_BINARY', value: [0, 255] });
  });

  it('what regedit would mangle goes to reg.exe', () => {
    expect(regeditPutEntry('', { type: 'REG_SZ', data: 'default value' })).toBeNull();
    expect(regeditPutEntry('x', { type: 'REG_SZ', data: '' })).toBeNull();
    expect(regeditPutEntry('x', { type: 'REG_EXPAND_SZ', data: '' })).toBeNull();
    expect(regeditPutEntry('x', { type: 'REG_DWORD', data: 0x80000000 })).toBeNull();
    expect(regeditPutEntry('x', { type: 'REG_MULTI_SZ', data: ['a,b'] })).toBeNull();
    expect(regeditPutEntry('x', { type: 'REG_MULTI_SZ', data: ['a', ''] })).toBeNull();
    expect(regeditPutEntry('x', { type: 'REG_MULTI_SZ', data: [] })).toBeNull();
    expect(regeditPutEntry('x', { type: 'REG_BINARY', data: '' })).toBeNull();
    expect(regeditPutEntry('x', { type: 'REG_QWORD', data: '1' })).toBeNull();
    expect(regeditPutEntry('x', { type: 'REG_NONE', data: '00' })).toBeNull();
    expect(canRegeditDelete('a\\b')).toBe(false);
    expect(canRegeditDelete('')).toBe(false);
    expect(canRegeditDelete('WSUServer')).toBe(true);
  });
});

describe('regedit errors', () => {
  it.each([
    [regeditError('access is denied', 5), 'permission'],
    [regeditError('wbemErrAccessDenied', 2147749891), 'permission'],
    [new SyntaxError('Unexpected token'), 'data'],
    [regeditError('empty line written to vbscript stdin', 25127), 'data'],
    [new Error('invalid Registry Value Type 5'), 'data'],
    [new Error('cscript not found'), 'wsh'],
    [new Error('vbscript process reported unknown error code 1'), 'wsh'],
    [regeditError('wbemErrNotFound', 2147749890), 'wsh'],
    [new RegeditTimeoutError(10_000), 'wsh'],
    ['a string', 'wsh'],
  ])('%s → %s', (e, kind) => {
    expect(classifyRegeditError(e)).toBe(kind);
  });

  it('timeout messages', () => {
    expect(new RegeditTimeoutError(10_000).message).toBe('cscript did not answer within 10 s');
    expect(new RegeditTimeoutError(50).message).toBe('cscript did not answer within 50 ms');
  });
});

describe('keeping regedit quiet', () => {
  const original = { log: console.log, error: console.error, warn: console.warn };
  afterEach(() => {
    console.log = original.log;
    console.error = original.error;
    console.warn = original.warn;
  });

  it('captures console output during a failing call, attaches it, and restores the console', async () => {
    const seen: string[] = [];
    const mine = (...a: unknown[]): void => void seen.push(a.join(' '));
    console.log = mine;
    console.error = mine;
    const err = await withQuietConsole(async () => {
      console.log('cscript stdout noise');
      console.error('regList.wsf(0, 2) (null): 0x80041002');
      throw new Error('vbscript process reported unknown error code 1');
    }).catch((e: unknown) => e as Error & { regeditOutput?: string });
    expect(seen).toEqual([]);
    expect(err.regeditOutput).toBe('cscript stdout noise\nregList.wsf(0, 2) (null): 0x80041002');
    expect(console.log).toBe(mine);
    expect(console.error).toBe(mine);
  });

  it('passes on what others printed during a successful call', async () => {
    const seen: string[] = [];
    console.log = (...a: unknown[]): void => void seen.push(a.join(' '));
    expect(await withQuietConsole(async () => (console.log('progress from elsewhere'), 7))).toBe(7);
    expect(seen).toEqual(['progress from elsewhere']);
  });

  it('restores the console when calls overlap', async () => {
    const mine = console.log;
    let release!: () => void;
    const slow = withQuietConsole(() => new Promise<void>((r) => (release = r)));
    await withQuietConsole(async () => undefined);
    expect(console.log).not.toBe(mine);
    release();
    await slow;
    expect(console.log).toBe(mine);
  });
});

describe('RegeditClient', () => {
  it('lists one key with the chosen architecture', async () => {
    const fake = new FakeRegedit();
    fake.items.set('hklm\\x', { exists: true, keys: [], values: {} });
    const client = new RegeditClient(fake, { arch: '64' });
    expect(await client.list('HKLM\\X')).toEqual({ exists: true, keys: [], values: {} });
    expect(fake.calls).toEqual([{ method: 'list', args: [['HKLM\\X'], '64'] }]);
  });

  it('finds the entry when regedit changed the key’s case', async () => {
    const fake = new FakeRegedit();
    fake.list = async () => ({ 'hklm\\x': { exists: false, keys: [], values: {} } });
    expect(await new RegeditClient(fake).list('HKLM\\X')).toEqual({ exists: false, keys: [], values: {} });
  });

  it('times out a call that never answers, and the next call still runs', async () => {
    const fake = new FakeRegedit();
    let hang = true;
    fake.list = (keys) => (hang ? new Promise(() => undefined) : Promise.resolve({ [keys[0]!]: { exists: false, keys: [], values: {} } }));
    const client = new RegeditClient(fake, { timeoutMs: 30 });
    await expect(client.list('HKLM\\X')).rejects.toBeInstanceOf(RegeditTimeoutError);
    hang = false;
    expect(await client.list('HKLM\\X')).toEqual({ exists: false, keys: [], values: {} });
  });

  it('runs one call at a time', async () => {
    const fake = new FakeRegedit();
    let running = 0;
    let max = 0;
    fake.list = async (keys) => {
      running++;
      max = Math.max(max, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return { [keys[0]!]: { exists: false, keys: [], values: {} } };
    };
    const client = new RegeditClient(fake);
    await Promise.all([client.list('HKLM\\A'), client.list('HKLM\\B'), client.list('HKLM\\C')]);
    expect(max).toBe(1);
  });

  it('stops waiting when aborted', async () => {
    const fake = new FakeRegedit();
    fake.list = () => new Promise(() => undefined);
    const ac = new AbortController();
    const p = new RegeditClient(fake).list('HKLM\\X', ac.signal);
    ac.abort(new Error('user cancelled'));
    await expect(p).rejects.toThrow('user cancelled');
  });

  it('creates the key, then puts the value with the exact map regedit expects', async () => {
    const fake = new FakeRegedit();
    await new RegeditClient(fake).put('HKLM\\SOFTWARE\\P', 'WUServer', { type: 'REG_SZ', value: 'http://x' });
    expect(fake.calls).toEqual([
      { method: 'createKey', args: [['HKLM\\SOFTWARE\\P'], 'A'] },
      { method: 'putValue', args: [{ 'HKLM\\SOFTWARE\\P': { WUServer: { type: 'REG_SZ', value: 'http://x' } } }, 'A'] },
    ]);
  });

  it('deleting an absent value (regedit code 2) succeeds', async () => {
    const fake = new FakeRegedit();
    fake.deleteValue = async () => {
      throw regeditError('registry path does not exist', 2);
    };
    await expect(new RegeditClient(fake).deleteValue('HKLM\\P', 'WSUServer')).resolves.toBeUndefined();
    expect(fake.calls).toEqual([{ method: 'deleteValue', args: [['HKLM\\P\\WSUServer'], 'A'] }]);
  });
});

describe('the real regedit package', () => {
  it('loads (CommonJS default export) with the functions used here', async () => {
    const regedit = await loadRegedit();
    expect(regedit).not.toBeNull();
    expect(typeof regedit!.setExternalVBSLocation).toBe('function');
    for (const m of ['list', 'putValue', 'deleteValue', 'createKey'] as const) expect(typeof regedit!.promisified[m]).toBe('function');
  });

  it('uses the 64-bit view from a 32-bit process on 64-bit Windows', () => {
    expect(regeditArchFor('ia32', { PROCESSOR_ARCHITEW6432: 'AMD64' })).toBe('64');
    expect(regeditArchFor('x64', {})).toBe('A');
    expect(regeditArchFor('ia32', {})).toBe('A');
  });
});

describe('making regedit run the system cscript.exe', () => {
  const SYSTEM_CSCRIPT = 'C:\\Windows\\System32\\cscript.exe';

  function locator() {
    const captured: { fs?: { stat: (p: string, cb: (e: NodeJS.ErrnoException | null) => void) => void }; execFile?: (...a: unknown[]) => void; init?: boolean } = {};
    return {
      captured,
      _mock(fs: unknown, execFile: unknown, init: boolean) {
        Object.assign(captured, { fs, execFile, init });
      },
    };
  }

  it('disables the PATH/current-folder search and allows only the absolute system path', async () => {
    const l = locator();
    expect(pinRegeditCscript(l, SYSTEM_CSCRIPT)).toBeNull();
    expect(l.captured.init).toBe(false);
    const spawnResult = await new Promise<NodeJS.ErrnoException>((resolve) => l.captured.execFile!('cscript.exe', resolve));
    expect(spawnResult.code).toBe('ENOENT');
    const whereResult = await new Promise<NodeJS.ErrnoException>((resolve) => l.captured.execFile!('where cscript.exe', resolve));
    expect(whereResult.code).toBe('ENOENT');
    const other = await new Promise<NodeJS.ErrnoException | null>((resolve) => l.captured.fs!.stat('D:\\evil\\cscript.exe', resolve));
    expect(other?.code).toBe('ENOENT');
  });

  it('refuses when the system folder is not the one regedit knows, or the hook is missing', () => {
    expect(pinRegeditCscript(locator(), 'D:\\Windows\\System32\\cscript.exe')).toMatch(/only from c:\\windows\\system32\\cscript.exe/);
    expect(pinRegeditCscript({}, SYSTEM_CSCRIPT)).toMatch(/could not be told/);
    expect(
      pinRegeditCscript(
        {
          _mock: () => {
            throw new Error('boom');
          },
        },
        SYSTEM_CSCRIPT,
      ),
    ).toMatch(/boom/);
  });

  it('works on the real regedit module (which then finds no cscript on this non-Windows host)', async () => {
    expect(await pinRealRegeditCscript(SYSTEM_CSCRIPT)).toBeNull();
    const cscript = (await import('regedit/lib/cscript.js')) as unknown as { default: { init: (cb: (e?: Error | null) => void) => void; _mockReset: () => void } };
    const err = await new Promise<Error | null | undefined>((resolve) => cscript.default.init(resolve));
    expect(err?.message).toBe('cscript not found');
    cscript.default._mockReset();
  });
});
