/** Staff accounts as the sign-in and the accounts page read them. */
import type { Db } from '../../db/database.js';

/** How many staff accounts exist (none: the sign-in page says how to create the first). */
export function staffCount(db: Db): Promise<number> {
  return db.staffUser.count();
}

/** The account of an email address (already lowercased), or null. */
export function staffByEmail(db: Db, email: string) {
  return db.staffUser.findUnique({ where: { email } });
}

/** Every account, by email. */
export function staffList(db: Db) {
  return db.staffUser.findMany({ orderBy: { email: 'asc' } });
}
