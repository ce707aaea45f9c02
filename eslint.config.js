// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_AND_ELECTRON = [
  { group: ['node:*'], message: 'shared/ is pure TypeScript used by main and renderer: no Node modules.' },
  { group: ['electron', 'electron/*'], message: 'shared/ must not import Electron.' },
  { group: ['../main/*', '../../main/*', '../renderer/*', '../../renderer/*'], message: 'shared/ must not depend on main/ or renderer/.' },
];
const NODE_BUILTINS = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'dns', 'url', 'util', 'stream', 'process', 'buffer', 'worker_threads', 'readline'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'renderer/dist/**', 'test-results/**', '.cache/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'child_process', property: 'exec', message: 'Use execFile with an argument array; never a shell.' },
        { object: 'child_process', property: 'execSync', message: 'Use execFile with an argument array; never a shell.' },
      ],
    },
  },
  {
    // shared/ holds pure code used by both processes: no Node, DOM or Electron.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: NODE_AND_ELECTRON, paths: NODE_BUILTINS.map((name) => ({ name, message: 'shared/ must not import Node modules.' })) }],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'shared/ must not use Node globals.' },
        { name: 'Buffer', message: 'shared/ must not use Node globals.' },
        { name: 'require', message: 'shared/ must not use Node globals.' },
        { name: 'window', message: 'shared/ must not use the DOM.' },
        { name: 'document', message: 'shared/ must not use the DOM.' },
      ],
    },
  },
  {
    files: ['main/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'child_process', importNames: ['exec', 'execSync'], message: 'Use execFile with an argument array; never a shell.' }, { name: 'node:child_process', importNames: ['exec', 'execSync'], message: 'Use execFile with an argument array; never a shell.' }] }],
    },
  },
  {
    files: ['**/*.cjs', 'scripts/**/*.mjs', 'bin/**'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
