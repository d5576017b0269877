import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/data/tables.ts', './src/data/feedback-tables.ts', './src/ctf/tables.ts'],
  out: './migrations',
  schemaFilter: ['progress'],
});
