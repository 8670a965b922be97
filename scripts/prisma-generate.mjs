// Generates the Prisma clients without network access: src/generated/prisma
// for SQLite (prisma/schema.prisma) and src/generated/prisma-pg for
// PostgreSQL (prisma/postgresql/schema.prisma, derived from the first one
// here: see scripts/postgresSchema.mjs). The prisma CLI wants a
// schema-engine binary before it does anything, and downloads one when it
// has none; `generate` itself only uses Wasm, so any existing file will do as
// the "binary". Run by `npm install` (postinstall) and `npm run generate`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { POSTGRES_SCHEMA, ROOT, SQLITE_SCHEMA, writePostgresSchema } from './postgresSchema.mjs';

writePostgresSchema();
for (const schema of [SQLITE_SCHEMA, POSTGRES_SCHEMA]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/prisma/build/index.js'), 'generate', '--schema', path.relative(ROOT, schema)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
