/** The closures staff added, as the calendar lists them. */
import type { Db } from '../../db/database.js';

/** Every staff closure, by date then service. */
export function staffClosures(db: Db) {
  return db.closure.findMany({ orderBy: [{ date: 'asc' }, { serviceCode: 'asc' }] });
}
