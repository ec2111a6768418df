// @ts-check
/**
 * Sirocco lint configuration (ESLint 9 flat config).
 *
 * Layers, in order:
 *   1. ignores (build output, caches, generated code)
 *   2. every TS file in libs/apps/tools: typescript-eslint with type information (projectService),
 *      import-x (cycles), no deep imports into other packages, Nx module boundaries on `nx.tags`
 *   3. the pure core (libs/{dsl,expressions,workflow}/src, except tests): no I/O, clock or randomness
 *   4. tests: relaxed
 *   5. plain JS/MJS and root config files: no type information
 *   6. eslint-config-prettier last (formatting belongs to Prettier)
 *
 * `@nx/enforce-module-boundaries` reads the *cached* Nx project graph (.nx/workspace-data) and silently
 * skips itself when there is none. Nx refreshes that cache before it runs a lint task; for a direct
 * `eslint …` run (CI `npm run lint`, an editor) this file refreshes it first (about 1.7 s).
 * Set SIROCCO_LINT_NO_GRAPH=1 to skip that (the boundary rule then uses whatever cache exists).
 */
import { existsSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import nxPlugin from '@nx/eslint-plugin';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import prettierConfig from 'eslint-config-prettier';

if (!process.env['NX_TASK_TARGET_PROJECT'] && !process.env['SIROCCO_LINT_NO_GRAPH']) {
  try {
    const { createProjectGraphAsync } = await import('@nx/devkit');
    await createProjectGraphAsync({ exitOnError: false });
  } catch (err) {
    console.warn(
      `eslint.config.mjs: could not build the Nx project graph (${String(err)}); ` +
        '@nx/enforce-module-boundaries will use the cached graph or skip itself.',
    );
  }
}

const TS = ['**/*.ts', '**/*.mts', '**/*.cts'];
const TESTS = ['**/*.spec.ts', '**/*.test.ts', '**/test/**/*.ts', '**/__tests__/**/*.ts'];
/** Test support shipped inside a package (fakes, contract suites): relaxed like tests, but in tsconfig.json. */
const TEST_SUPPORT = ['**/src/testing/**/*.ts'];
const CORE_LIBS = ['dsl', 'expressions', 'workflow'];
const CORE_SRC = CORE_LIBS.map((lib) => `libs/${lib}/src/**/*.ts`);

/**
 * Each project's tsconfig.json excludes its tests; its tsconfig.spec.json (noEmit) includes them. The
 * project service only looks for files named tsconfig.json, so tests get an explicit program instead.
 */
const ROOT = import.meta.dirname;
const projectDirs = ['libs', 'apps', 'tools'].flatMap((group) =>
  existsSync(`${ROOT}/${group}`)
    ? readdirSync(`${ROOT}/${group}`, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(`${ROOT}/${group}/${d.name}/tsconfig.spec.json`))
        .map((d) => `${group}/${d.name}`)
    : [],
);
const testProgramConfigs = projectDirs.map((dir) => ({
  name: `sirocco/tests-program/${dir}`,
  files: TESTS.map((glob) => `${dir}/${glob}`),
  languageOptions: {
    parserOptions: { projectService: false, project: `./${dir}/tsconfig.spec.json` },
  },
}));

// ---- imports --------------------------------------------------------------------------------------------

/** Deep imports into another package, or relative paths that leave the project. Applies everywhere. */
const deepImportPatterns = [
  {
    regex: '^@sirocco/[^/]+/(src|dist)(/|$)',
    message: "Import the package's public entry point (e.g. '@sirocco/dsl'), never its src/ or dist/.",
  },
  {
    regex: '^(\\.\\./)+(libs|apps|tools)(/|$)',
    message: "Do not reach into another project by relative path; import it by package name ('@sirocco/…').",
  },
  {
    regex: '^\\.{1,2}/(.*/)?dist(/|$)',
    message: 'Do not import build output; import the TypeScript source (or the package by name).',
  },
];

/**
 * Node built-ins a pure core library may use: no I/O, no clock, no randomness, no environment.
 * Everything else in `builtinModules` (fs, net, http, child_process, crypto, os, process, timers,
 * perf_hooks, worker_threads, …) is banned in core, with and without the `node:` prefix.
 */
const CORE_ALLOWED_BUILTINS = new Set([
  'assert',
  'assert/strict',
  'buffer',
  'events',
  'path',
  'path/posix',
  'string_decoder',
  'url',
  'util',
  'util/types',
]);
const coreBannedBuiltins = builtinModules
  .filter((m) => !m.startsWith('_') && !CORE_ALLOWED_BUILTINS.has(m))
  .flatMap((m) => [m, `node:${m}`]);

/** npm packages the core must not import (enforced by @nx/enforce-module-boundaries). */
const CORE_BANNED_EXTERNALS = [
  'pg',
  'pg-*',
  'better-sqlite3',
  '@nats-io/*',
  'nats',
  '@kurrent/*',
  '@eventstore/*',
  'express',
  'express-*',
  'undici',
  'testcontainers',
  '@testcontainers/*',
  'croner',
  'pino',
  'pino-*',
  '@opentelemetry/sdk-*',
  '@grpc/*',
  '@connectrpc/connect-node',
  'ws',
  'ioredis',
  'axios',
  'node-fetch',
];

// ---- the config -----------------------------------------------------------------------------------------

export default defineConfig(
  {
    name: 'sirocco/ignores',
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.nx/**',
      '**/coverage/**',
      '**/*.d.ts',
      '**/src/gen/**',
      '**/*_pb.ts',
      '.sirocco/**',
      'tmp/**',
    ],
  },

  {
    name: 'sirocco/ts',
    files: TS,
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { '@nx': nxPlugin, 'import-x': importX },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: ROOT,
      },
    },
    settings: {
      'import-x/extensions': ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts', '.cts'] },
      'import-x/resolver-next': [
        createNodeResolver({
          // NodeNext sources import './x.js' that is really './x.ts'; workspace packages resolve to src
          extensions: ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '.node'],
          extensionAlias: { '.js': ['.ts', '.js'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'] },
          conditionNames: ['sirocco-source', 'types', 'import', 'node', 'default'],
        }),
      ],
    },
    rules: {
      // promises
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      // types and imports
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // event-sourced reducers switch over unions: a missing case must fail lint, not production
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'no-restricted-imports': ['error', { patterns: deepImportPatterns }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allowCircularSelfDependency: false,
          banTransitiveDependencies: false,
          checkDynamicDependenciesExceptions: [],
          depConstraints: [
            {
              sourceTag: 'type:core',
              onlyDependOnLibsWithTags: ['type:core'],
              bannedExternalImports: CORE_BANNED_EXTERNALS,
            },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:core', 'type:infra'] },
            {
              sourceTag: 'type:service',
              onlyDependOnLibsWithTags: ['type:core', 'type:infra', 'type:service'],
            },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
            // workspace tools (bench, expr-eval): like apps, may use any library
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },

  {
    // The deterministic core: what it computes must depend only on its inputs (events, specs, injected
    // clock/ids). Replay of recorded histories relies on this.
    name: 'sirocco/core-purity',
    files: CORE_SRC,
    ignores: [...TESTS, ...TEST_SUPPORT],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: deepImportPatterns,
          paths: [
            ...coreBannedBuiltins.map((name) => ({
              name,
              message:
                'Core libraries are pure (no I/O, clock, randomness or environment). Put this in an ' +
                'infra/service library and pass the result in.',
            })),
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'Core is clock-free: take the time from the event/command.',
        },
        { object: 'Math', property: 'random', message: 'Core is deterministic: inject an id/random source.' },
        { object: 'performance', property: 'now', message: 'Core is clock-free.' },
        {
          object: 'crypto',
          property: 'randomUUID',
          message: 'Core is deterministic: inject an id generator.',
        },
        { object: 'crypto', property: 'getRandomValues', message: 'Core is deterministic.' },
        { object: 'process', property: 'env', message: 'Core reads no environment: pass configuration in.' },
        { object: 'process', property: 'hrtime', message: 'Core is clock-free.' },
        { object: 'globalThis', property: 'crypto', message: 'Core is deterministic.' },
        { object: 'globalThis', property: 'process', message: 'Core reads no process state.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Core is clock-free: `new Date()` reads the clock. Take the time from the event/command.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'Core is clock-free: `Date()` reads the clock.',
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'setTimeout',
          'setInterval',
          'setImmediate',
          'clearTimeout',
          'clearInterval',
          'clearImmediate',
        ].map((name) => ({
          name,
          message: 'Core has no timers: emit a timer request and let the shell schedule it.',
        })),
        { name: 'fetch', message: 'Core does no I/O.' },
        { name: 'process', message: 'Core reads no process state or environment.' },
        { name: 'performance', message: 'Core is clock-free.' },
        { name: 'crypto', message: 'Core is deterministic: inject ids and random sources.' },
        { name: 'require', message: 'ESM only.' },
      ],
    },
  },

  ...testProgramConfigs,

  {
    name: 'sirocco/tests',
    files: [...TESTS, ...TEST_SUPPORT],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-empty-function': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },

  {
    // Root config files (vitest.config.ts, …) belong to no tsconfig: lint them without type information.
    name: 'sirocco/root-ts',
    files: ['*.ts', '*.mts', '*.cts'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { '@nx/enforce-module-boundaries': 'off', 'import-x/no-cycle': 'off' },
  },

  {
    name: 'sirocco/js',
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },

  prettierConfig,
);
