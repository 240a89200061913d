// @ts-check
/**
 * ESLint flat config: typescript-eslint (type-checked, one shared program via the project
 * service), Lit and Lit a11y rules for widget/, and the import BOUNDARIES of STYLE.md as
 * `no-restricted-imports` blocks, so a broken boundary explains itself when it happens.
 */
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';

const TS = ['**/*.ts', '**/*.mts', '**/*.cts'];
const JS = ['**/*.js', '**/*.mjs', '**/*.cjs'];

/**
 * Node's built-in modules, for folders that must stay free of I/O. A regex anchored at the start,
 * so a package's own sub-path such as `natural/lib/natural/util/index.js` is not mistaken for `util`.
 */
const NODE_BUILTINS = '^(node:|(fs|path|os|child_process|net|http|https|crypto|worker_threads|process|url|stream|events|util|zlib|dns|tls)(/|$))';

/** `no-restricted-imports` (typescript-eslint's, which understands `import type`). */
const restrict = (/** @type {unknown[]} */ patterns, /** @type {unknown[]} */ paths = []) => ({
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**', 'dist/**', 'data/**', '.cache/**', 'coverage/**', 'test-results/**',
      'widget/generated/**', '**/*.d.ts',
      // dot-folders are local scratch space, caches and tooling, never shipped source
      '.*/**',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  // ---- TypeScript, type-checked ---------------------------------------------------------------
  {
    files: TS,
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Real bugs stay errors.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Style and noise: tsc already checks these (verbatimModuleSyntax forces `import type`), or
      // they fight common, correct code.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      'no-var': 'error',
      'prefer-const': 'error',
      'no-debugger': 'error',
      'no-eval': 'error',
    },
  },
  // Tests and tooling: parsing JSON from the wire and test doubles make `any` flows normal there.
  {
    files: ['tests/**', 'bench/**', 'scripts/**', '*.config.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  // Plain JavaScript (this file, scripts/*.mjs): syntax rules only, no type information.
  {
    files: JS,
    extends: [tseslint.configs.disableTypeChecked],
    rules: { 'no-var': 'error', 'prefer-const': 'error' },
  },

  // ---- Boundaries (STYLE.md) ------------------------------------------------------------------
  // content/: data only. Any code file there is an error.
  {
    files: ['content/**'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      'no-restricted-syntax': ['error', { selector: 'Program', message: 'content/ holds YAML data only: no code. Put code in server/content/.' }],
    },
  },
  // dialogs/: pure. xstate, natural and its own files only.
  {
    files: ['dialogs/**'],
    rules: restrict([
      { group: ['**/server', '**/server/**'], message: 'dialogs/ is pure: it must not import server/. The server passes what the dialogs need as input.' },
      { group: ['**/widget', '**/widget/**'], message: 'dialogs/ must not import widget/.' },
      { group: ['**/content', '**/content/**'], message: 'dialogs/ must not read content/ files: content arrives as input, loaded by the server.' },
      { group: ['**/tests/**', '**/bench/**', '**/scripts/**'], message: 'dialogs/ must not import tests or tooling.' },
      { regex: NODE_BUILTINS, message: 'dialogs/ is pure: no Node APIs (no I/O, no clocks of its own).' },
      {
        regex: '^(?!xstate(/|$)|natural(/|$)|\\.{1,2}/)',
        message: 'dialogs/ may import only xstate, natural (deep imports) and its own files.',
      },
    ]),
  },
  // server/ (all of it): never the widget, except server/build/** which bundles it.
  {
    files: ['server/**'],
    ignores: ['server/build/**'],
    rules: restrict([
      { group: ['**/widget', '**/widget/**'], message: 'server/ must not import widget/ (only server/build/** bundles it).' },
    ]),
  },
  // server/protocol/: the one door. botframework-schema, typebox, its own files, and the
  // documented exceptions: TYPE-ONLY imports of dialogs/safety/finding.js and dialogs/types.js.
  {
    files: ['server/protocol/**'],
    rules: restrict([
      {
        regex: '^(?!botframework-schema$|@sinclair/typebox(/|$)|\\./|(\\.\\./)+dialogs/(safety/finding|types)\\.js$)',
        message: 'server/protocol may import only botframework-schema, @sinclair/typebox and its own files.',
      },
      {
        group: ['**/dialogs/safety/finding.js', '**/dialogs/types.js'],
        allowTypeImports: true,
        message: 'server/protocol may import dialogs/safety/finding.js and dialogs/types.js for TYPES only (import type / export type).',
      },
    ]),
  },
  // widget/: lit, server/protocol, widget/generated. Never dialogs/, the rest of server/, content/.
  {
    files: ['widget/**'],
    rules: {
      ...restrict(
        [
          { group: ['**/dialogs', '**/dialogs/**'], message: 'widget/ must not import dialogs/: the bot runs on the server.' },
          { group: ['**/content', '**/content/**'], message: 'widget/ must not import content/: helpline numbers come from widget/generated.' },
          { group: ['**/server/**', '!**/server/protocol', '!**/server/protocol/**'], message: 'widget/ may import only server/protocol from the server.' },
          { regex: NODE_BUILTINS, message: 'widget/ runs in the browser: no Node modules.' },
          { group: ['lit/directives/unsafe-html*', 'lit/directives/unsafe-svg*', 'lit-html/directives/unsafe-*'], message: 'Never render text as HTML in the widget: children\'s words are text.' },
        ],
      ),
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'innerHTML is banned in widget/: render with Lit templates, clear with replaceChildren().' },
        { property: 'outerHTML', message: 'outerHTML is banned in widget/.' },
        { property: 'insertAdjacentHTML', message: 'insertAdjacentHTML is banned in widget/.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "Identifier[name='unsafeHTML']", message: 'unsafeHTML is banned in widget/: children\'s words are text, never HTML.' },
        { selector: "Identifier[name='unsafeSVG']", message: 'unsafeSVG is banned in widget/.' },
        { selector: "MemberExpression[property.name='innerHTML']", message: 'innerHTML is banned in widget/.' },
        { selector: "Literal[value='innerHTML']", message: 'innerHTML is banned in widget/ (also via computed access).' },
      ],
    },
  },
  {
    files: ['widget/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['widget/**/*.ts'],
    ...litA11y.configs.recommended,
  },
);
