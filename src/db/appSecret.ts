import { randomBytes } from 'node:crypto';
import type { Db } from './database.js';
import { writeTransaction } from './transaction.js';

/**
 * The key for sessions and reply tokens: APP_SECRET when set, otherwise one
 * generated at first start and kept in the database, so it survives restarts.
 */
export async function appSecret(db: Db, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const existing = await db.setting.findUnique({ where: { key: 'app-secret' } });
  if (existing) return existing.value;
  const value = randomBytes(32).toString('base64url');
  await writeTransaction(db, (tx) => tx.setting.upsert({ where: { key: 'app-secret' }, create: { key: 'app-secret', value }, update: {} }));
  return (await db.setting.findUniqueOrThrow({ where: { key: 'app-secret' } })).value;
}
