import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock.js'));

import { createAppProtocolHandler, registerAppProtocol, resolveAppFile } from '../../../main/electron/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/origin.js';
import { protocol, resetElectronMock } from './electron-mock.js';

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let base: string;
let rendererDir: string;
let serve: ReturnType<typeof createAppProtocolHandler>;

const get = (url: string, method = 'GET'): Promise<Response> => serve({ url, method });

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'wsus-doctor-protocol-'));
  rendererDir = join(base, 'dist', 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>wizard</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("wizard")');
  await writeFile(join(rendererDir, 'assets', 'app.css'), 'body{}');
  await writeFile(join(base, 'dist', 'secret.txt'), 'SECRET');
  await writeFile(join(base, 'dist', 'renderer-evil.txt'), 'SECRET');
  try {
    await symlink(join(base, 'dist', 'secret.txt'), join(rendererDir, 'link.txt'));
  } catch {
    // Symbolic links may need a privilege on Windows; the test below then checks a missing file instead.
  }
  serve = createAppProtocolHandler(rendererDir);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('app:// protocol handler', () => {
  beforeEach(() => resetElectronMock());

  it('serves files inside dist/renderer with their type and the CSP header', async () => {
    const index = await get('app://wsus-doctor/index.html');
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>wizard</title>');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CSP);
    expect(CONTENT_SECURITY_POLICY).toBe(CSP);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');

    const root = await get('app://wsus-doctor/');
    expect(await root.text()).toContain('<title>wizard</title>');

    const js = await get('app://wsus-doctor/assets/app.js?v=3#x');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://wsus-doctor/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    'app://wsus-doctor/../secret.txt',
    'app://wsus-doctor/assets/../../secret.txt',
    'app://wsus-doctor/%2e%2e/secret.txt',
    'app://wsus-doctor/..%2fsecret.txt',
    'app://wsus-doctor/assets%2f..%2f..%2fsecret.txt',
    'app://wsus-doctor/..%5csecret.txt',
    'app://wsus-doctor/..\\secret.txt',
    'app://wsus-doctor/%2fetc%2fpasswd',
    'app://wsus-doctor/../renderer-evil.txt',
    'app://wsus-doctor/index.html%00.js',
    'app://wsus-doctor/%E0%A4%A',
    'app://wsus-doctor/link.txt',
    'app://wsus-doctor/assets',
    'app://wsus-doctor/missing.js',
    'app://other-host/index.html',
    'app://user@wsus-doctor/index.html',
    'https://wsus-doctor/index.html',
  ])('refuses %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('SECRET');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('app://wsus-doctor/index.html', 'POST')).status).toBe(405);
    const head = await get('app://wsus-doctor/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('resolves only paths inside the folder', () => {
    expect(resolveAppFile(rendererDir, 'app://wsus-doctor/assets/app.js')).toBe(join(rendererDir, 'assets', 'app.js'));
    // The URL parser already removes dot segments, encoded or not: they cannot climb out of the root.
    expect(resolveAppFile(rendererDir, 'app://wsus-doctor/%2e%2e/secret.txt')).toBe(join(rendererDir, 'secret.txt'));
    // Encoded separators survive the parser; the decoded ".." segment is refused.
    expect(resolveAppFile(rendererDir, 'app://wsus-doctor/..%2fsecret.txt')).toBeNull();
    expect(resolveAppFile(rendererDir, 'app://wsus-doctor/..%5csecret.txt')).toBeNull();
    // Drive letters and NTFS stream names.
    expect(resolveAppFile(rendererDir, 'app://wsus-doctor/C:/Windows/win.ini')).toBeNull();
    expect(resolveAppFile(rendererDir, 'app://wsus-doctor/index.html::$DATA')).toBeNull();
  });

  it('is installed on the app scheme', async () => {
    registerAppProtocol(rendererDir);
    const handler = protocol.handlers.get('app');
    if (!handler) throw new Error('no handler for app:');
    const res = await handler(new Request('app://wsus-doctor/index.html'));
    expect(res.status).toBe(200);
  });
});
