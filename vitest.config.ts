import { defineConfig } from 'vitest/config';

// One root config for every project: tests import sibling libraries from
// their TypeScript sources (the `sirocco-source` export condition), so no
// build is needed before `vitest run`.
export default defineConfig({
  resolve: { conditions: ['sirocco-source', 'module', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['sirocco-source', 'module', 'node', 'import', 'default'] } },
  test: {
    include: ['{libs,apps,tools}/**/src/**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
