/**
 * Which database a DATABASE_URL names: `file:PATH` is SQLite,
 * `postgresql://…` or `postgres://…` is PostgreSQL. Each provider has its
 * own Prisma schema, client and migrations (see src/db/README.md).
 */
import path from 'node:path';

export type Provider = 'sqlite' | 'postgresql';

export function providerOf(databaseUrl: string): Provider {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? 'postgresql' : 'sqlite';
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Each provider's Prisma schema and migrations folder, in Prisma's layout. */
export const PRISMA_FILES: Record<Provider, { schema: string; migrations: string }> = {
  sqlite: { schema: path.join(ROOT, 'prisma/schema.prisma'), migrations: path.join(ROOT, 'prisma/migrations') },
  postgresql: { schema: path.join(ROOT, 'prisma/postgresql/schema.prisma'), migrations: path.join(ROOT, 'prisma/postgresql/migrations') },
};

/** The URL without its password, for messages and logs. */
export function redactUrl(databaseUrl: string): string {
  if (providerOf(databaseUrl) === 'sqlite') return databaseUrl;
  try {
    const u = new URL(databaseUrl);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://…';
  }
}
