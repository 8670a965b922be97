import { defineConfig } from 'prisma/config';

// Used by `prisma generate` (see scripts/prisma-generate.mjs, which passes
// --schema for each provider: prisma/schema.prisma, and the PostgreSQL schema
// derived from it). The database URL is only needed by Prisma's own migrate
// commands, where its engine exists.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/portail.db' },
});
