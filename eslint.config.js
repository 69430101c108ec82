// Lint rules, including the layering rule: the core never imports electron, the renderer never
// imports the core or Node, and only the preload touches ipcRenderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const noElectron = {
  paths: [{ name: 'electron', message: 'electron/core is plain Node: it must never import electron.' }],
  patterns: [{ group: ['electron/*', '../main/*', '../../main/*', '../preload/*'], message: 'electron/core must not depend on the desktop shell.' }],
};

export default tseslint.config(
  { ignores: ['electron/common/i18n/paraglide/**', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte', 'renderer/**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer speaks only to window.cairn (renderer/src/lib/api.ts).' }],
          patterns: [
            { group: ['**/electron/core/**', '**/electron/main/**', '**/electron/web/**', '**/electron/cli/**', 'node:*'], message: 'The renderer speaks only to window.cairn (renderer/src/lib/api.ts); it may import types from electron/contract.ts and the pure helpers in electron/common.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.svelte', 'e2e/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['electron/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='ipcRenderer']", message: 'Only the preload may use ipcRenderer.' },
        {
          selector: "CallExpression[callee.property.name=/^toLocale(Lower|Upper)Case$/][arguments.length=0]",
          message: "Name the locale, or use toLowerCase/toUpperCase: the machine's own locale changes I and İ in Turkish and Azerbaijani, so keys and the search index would differ from one machine to the next.",
        },
      ],
    },
  },
);
