/**
 * Renderer tests: the wizard's state classes against the fake bridge, and components rendered with
 * @testing-library/svelte in happy-dom.
 *   npx vitest run --config tests/renderer/vitest.config.ts
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root: repoRoot,
  plugins: [svelte({ configFile: false, compilerOptions: { css: 'external' } }), svelteTesting()],
  test: {
    name: 'renderer',
    include: ['tests/renderer/**/*.spec.ts'],
    environment: 'happy-dom',
    testTimeout: 20_000,
    reporters: ['default'],
  },
});
