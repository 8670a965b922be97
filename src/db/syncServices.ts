import type { TownConfig } from '../core/config.js';
import type { Db } from './database.js';

/**
 * Mirrors the configured services into the Service table, so the database
 * describes itself (reports, other tools); the configuration stays the truth.
 */
export async function syncServices(db: Db, config: TownConfig): Promise<void> {
  const rows = config.services.map((s) => ({
    code: s.code,
    label: s.label,
    weekdays: s.weekdays.join(','),
    capacity: s.capacity,
    bookingDeadline: JSON.stringify(s.booking),
    cancellationDeadline: JSON.stringify(s.cancellation),
  }));
  const current = await db.service.findMany();
  const same =
    current.length === rows.length &&
    rows.every((r) => {
      const c = current.find((x) => x.code === r.code);
      return c && JSON.stringify({ ...c }) === JSON.stringify({ ...r });
    });
  if (same) return;
  await db.$transaction([
    db.service.deleteMany({ where: { code: { notIn: rows.map((r) => r.code) } } }),
    ...rows.map((r) => db.service.upsert({ where: { code: r.code }, create: r, update: r })),
  ]);
}
