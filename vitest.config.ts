import { defineConfig } from 'vitest/config';

// One root config for every project: tests import sibling libraries from
// their TypeScript sources (the `sirocco-source` export condition), so no
// build is needed before `vitest run`. Only 'node' and 'default' besides:
// vitest hands these to Node as --conditions too, and 'module'/'import' would
// make CommonJS packages (express, pg) require ESM builds of their deps.
export default defineConfig({
  resolve: { conditions: ['sirocco-source', 'node', 'default'] },
  ssr: { resolve: { conditions: ['sirocco-source', 'node', 'default'] } },
  test: {
    include: ['{libs,apps,tools}/**/src/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    passWithNoTests: true,
  },
});
