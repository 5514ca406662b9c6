import { defineConfig } from 'drizzle-kit';

// One migration history for all three owners' schemas: every database gets the same tables, so any subgraph can be
// pointed at its own database or all at one.
export default defineConfig({
  dialect: 'postgresql',
  schema: './drizzle/src/schema/index.ts',
  out: './drizzle/migrations',
  casing: 'snake_case',
});
