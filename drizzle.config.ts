import { defineConfig } from 'drizzle-kit';

// Generating migrations needs no database: drizzle-kit diffs src/db/schema.ts against drizzle/.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
  casing: 'snake_case',
});
