// shared/ is used by the engine and by the renderer: the lint rule must reject Node, Electron and DOM.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function lintShared(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, 'shared', 'purity-probe.ts') });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('shared/ stays pure', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /no-restricted-imports/],
    ["import { join } from 'path';\nexport const x = join;\n", /no-restricted-imports/],
    ["import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", /no-restricted-imports/],
    ["import { runChecks } from '../main/engine/runner.js';\nexport const x = runChecks;\n", /no-restricted-imports/],
    ['export const x = process.env.HOME;\n', /no-restricted-globals/],
    ['export const x = document.title;\n', /no-restricted-globals/],
  ])('rejects %j', async (code, rule) => {
    const messages = await lintShared(code);
    expect(messages.join('\n')).toMatch(rule);
  });

  it('accepts pure code', async () => {
    expect(await lintShared("import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
  });
});
