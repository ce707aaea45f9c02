// @vitest-environment node
// The production build: a page that runs under the strict CSP (no inline script or style, relative paths).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const config = fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url));
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'";

let out: string;
let html: string;
let assets: string[];

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'wsus-renderer-'));
  await build({ configFile: config, logLevel: 'silent', build: { outDir: out, emptyOutDir: true } });
  html = await readFile(join(out, 'index.html'), 'utf8');
  assets = await readdir(join(out, 'assets'));
}, 120_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('renderer build', () => {
  it('carries the CSP and nothing inline', () => {
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(CSP);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\.\/assets\/[^"]+\.js"/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('links its assets relatively, with the CSS in a file', () => {
    // the empty data: favicon only stops the browser asking for /favicon.ico
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((r) => r !== 'data:,');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref.startsWith('./assets/')).toBe(true);
    expect(assets.some((f) => f.endsWith('.css'))).toBe(true);
    expect(refs.some((r) => r.endsWith('.css'))).toBe(true);
  });

  it('puts the component styles in the stylesheet', async () => {
    const css = (await Promise.all(assets.filter((f) => f.endsWith('.css')).map((f) => readFile(join(out, 'assets', f), 'utf8')))).join('\n');
    expect(css).toContain('.badge-fail');
    expect(css).toContain("[data-theme=dark]");
    expect(assets.some((f) => /\.(png|svg|woff2?)$/.test(f))).toBe(false);
  });
});
