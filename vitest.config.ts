import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS and ESM builds without an exports map: Node picks the CommonJS one for libraries,
    // Vite would pick the ESM one for our sources, and graphql refuses to mix two copies. Use Node's choice everywhere.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    // Every test file fails if anything in its process tried to reach a host outside this machine.
    setupFiles: ['test/helpers/no-egress-setup.ts'],
    // Three projects: units (*.test.ts) run fast and alone; rules (test/rules) call each subgraph's commands directly; end-to-end tests (*.e2e.ts) start
    // the real gateway and subgraphs on free ports over a fresh database (PGlite, or PostgreSQL with DATABASE_URL).
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['**/*.test.ts'], exclude: ['**/node_modules/**', 'test/rules/**'] },
      },
      {
        // Each rule's command against a fresh database with fixtures built through the commands (test/kit), no HTTP.
        extends: true,
        test: { name: 'rules', include: ['test/rules/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 120_000, pool: 'forks' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['**/*.e2e.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});
