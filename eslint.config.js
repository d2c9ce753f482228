// One linter for the whole repository. Layer boundaries (docs/architecture.md, Dark Reader style)
// are enforced here: shared imports nothing of ours, server and extension never import each other.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const BOUNDARY = 'crosses a layer boundary (docs/architecture.md)';
// `forbidden`: import patterns (gitignore style, a package's subpaths included); `exactly`: module
// names forbidden as written, not their subpaths.
const layer = (files, forbidden, exactly = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((group) => ({ group: [group], message: BOUNDARY })),
        paths: exactly.map((name) => ({ name, message: BOUNDARY })),
      },
    ],
  },
});

// Only content/gmail.ts talks to InboxSDK (behind the GmailAdapter interface) and only
// background/index.ts loads its background part: everything else stays testable without Gmail.
const inboxSdk = '@inboxsdk/core*';

const serverForbidden = ['**/extension/**', '**/viewer/**', 'react*', 'dexie*', inboxSdk];
const extensionForbidden = ['**/server/**', '**/viewer/**', 'node:*', 'fastify*', 'better-sqlite3'];
// Which other extension folders each folder may import: data/ is the shared bottom layer.
const EXTENSION_FOLDER_IMPORTS = {
  data: [],
  background: ['data'],
  content: ['data'],
  ui: ['data'],
  popup: ['data', 'ui'],
  options: ['data', 'ui'],
  campaigns: ['data', 'ui'],
};
const foldersForbiddenTo = (folder) =>
  Object.keys(EXTENSION_FOLDER_IMPORTS)
    .filter((other) => other !== folder && !EXTENSION_FOLDER_IMPORTS[folder].includes(other))
    .map((other) => `**/${other}/**`);
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
  layer(
    ['src/shared/**'],
    ['**/server/**', '**/extension/**', '**/viewer/**', 'node:*', 'fastify*', 'better-sqlite3', 'react*', 'dexie*', inboxSdk],
  ),
  layer(['src/server/**'], serverForbidden),
  // Generic helpers know nothing of Glint: no import leaves lib/ (a later layer replaces the
  // earlier lists for its files, so each repeats them).
  layer(['src/server/lib/**'], [...serverForbidden, '../*']),
  {
    ...layer(['src/server/store/**'], [...serverForbidden, ...storeDialects]),
    ignores: ['src/server/store/sqlite/**', 'src/server/store/postgres/**', 'src/server/store/open-store.ts'],
  },
  layer(['src/server/store/postgres/**'], [...serverForbidden, '**/sqlite/**', 'better-sqlite3']),
  layer(['src/server/store/sqlite/**'], [...serverForbidden, '**/postgres/**', 'pg']),
  layer(['src/extension/**'], [...extensionForbidden, inboxSdk]),
  // The worker, the pages and the Gmail content script run apart: they reach each other by
  // messages (shared/messages.ts) and share code through data/ (and src/shared) only.
  ...Object.keys(EXTENSION_FOLDER_IMPORTS).map((folder) =>
    layer([`src/extension/${folder}/**`], [...extensionForbidden, inboxSdk, ...foldersForbiddenTo(folder)]),
  ),
  layer(['src/extension/content/gmail.ts'], [...extensionForbidden, '@inboxsdk/core/*', ...foldersForbiddenTo('content')]),
  layer(['src/extension/background/index.ts'], [...extensionForbidden, ...foldersForbiddenTo('background')], ['@inboxsdk/core']),
  layer(['src/viewer/**'], ['**/server/**', '**/extension/**', 'node:*', 'fastify*', 'better-sqlite3', 'dexie*', inboxSdk]),
);
