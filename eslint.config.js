// One linter for the whole repository. Layer boundaries (DESIGN.md, Dark Reader style) are
// enforced here: shared imports nothing of ours, server and extension never import each other.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const layer = (files, forbidden) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message: 'crosses a layer boundary (DESIGN.md)' })) },
    ],
  },
});

const serverForbidden = ['**/extension/**', '**/viewer/**', 'react*', 'dexie*'];
// The two stores never import each other, and what both use (store/*.ts, store/rows/) imports
// neither: only open-store.ts, the switch, knows both. A later layer replaces an earlier one's
// list for its files, hence serverForbidden in each.
const storeDialects = ['**/sqlite/**', '**/postgres/**', 'better-sqlite3', 'pg'];

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'data/', 'coverage/', 'public/pageWorld.js'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  layer(['src/shared/**'], ['**/server/**', '**/extension/**', '**/viewer/**', 'node:*', 'fastify*', 'better-sqlite3', 'react*', 'dexie*']),
  layer(['src/server/**'], serverForbidden),
  // Generic helpers know nothing of Glint: no import leaves lib/ (a later layer replaces the earlier lists, so each repeats them).
  layer(['src/server/lib/**'], [...serverForbidden, '../*']),
  {
    ...layer(['src/server/store/**'], [...serverForbidden, ...storeDialects]),
    ignores: ['src/server/store/sqlite/**', 'src/server/store/postgres/**', 'src/server/store/open-store.ts'],
  },
  layer(['src/server/store/postgres/**'], [...serverForbidden, '**/sqlite/**', 'better-sqlite3']),
  layer(['src/server/store/sqlite/**'], [...serverForbidden, '**/postgres/**', 'pg']),
  layer(['src/extension/**'], ['**/server/**', '**/viewer/**', 'node:*', 'fastify*', 'better-sqlite3']),
  layer(['src/viewer/**'], ['**/server/**', '**/extension/**', 'node:*', 'fastify*', 'better-sqlite3', 'dexie*']),
);
