/**
 * Builds the wizard into dist/renderer/ with relative asset paths (the Electron window loads it from
 * disk; the web harness serves it). The page has a strict CSP, so nothing may be inlined: Svelte's CSS
 * goes to a .css file, there is no module-preload polyfill, and no asset becomes a data: URL.
 *   npx vite build --config renderer/vite.config.ts
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The dev server injects CSS through <style> elements (hot reload), which the page's CSP forbids.
 * Only while serving, allow inline styles; the built page keeps the strict policy unchanged.
 */
function devCsp(): Plugin {
  return {
    name: 'wsus-doctor:dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  publicDir: false,
  clearScreen: false,
  plugins: [
    svelte({
      configFile: false,
      emitCss: true,
      compilerOptions: { css: 'external' },
    }),
    devCsp(),
  ],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    // shared/ lives beside renderer/
    fs: { allow: [repoRoot] },
  },
});
