// The PostgreSQL schema is derived from prisma/schema.prisma (the one source):
// the same models, with the datasource's provider set to "postgresql" and the
// client generated into src/generated/prisma-pg. Written by
// scripts/prisma-generate.mjs (npm install, npm run generate) and by
// npm run db:migration; tests/db/migrations.test.ts checks it is current.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const SQLITE_SCHEMA = path.join(ROOT, 'prisma/schema.prisma');
export const POSTGRES_SCHEMA = path.join(ROOT, 'prisma/postgresql/schema.prisma');

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs: do not
// edit. Change prisma/schema.prisma, then run \`npm run db:migration -- NAME\`,
// which rewrites this file and writes the next migration of both providers.
`;

/** The PostgreSQL schema text for the SQLite schema text `source`. */
export function derivePostgresSchema(source) {
  let providers = 0;
  let outputs = 0;
  const text = source
    .replace(/(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*)"sqlite"/, (_, head) => {
      providers++;
      return `${head}"postgresql"`;
    })
    .replace(/(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/src\/generated\/prisma"/, (_, head) => {
      outputs++;
      return `${head}"../../src/generated/prisma-pg"`;
    });
  if (providers !== 1 || outputs !== 1) {
    throw new Error('prisma/schema.prisma: expected one sqlite datasource and one client generator with output "../src/generated/prisma"');
  }
  return HEADER + text;
}

/** Writes prisma/postgresql/schema.prisma from prisma/schema.prisma; returns whether it changed. */
export function writePostgresSchema() {
  const next = derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8'));
  const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, 'utf8') : null;
  if (current === next) return false;
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, next);
  return true;
}
