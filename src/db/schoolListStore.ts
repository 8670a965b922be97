/** The town's schools as staff maintain them: one setting row (a JSON list of names), portable Prisma. */
import type { Db } from './database.js';

const KEY = 'staff-web:schools';

export class PrismaSchoolList {
  constructor(private readonly db: Db) {}

  async list(): Promise<string[]> {
    const row = await this.db.setting.findUnique({ where: { key: KEY } });
    if (!row) return [];
    try {
      const v = JSON.parse(row.value) as unknown;
      return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
    } catch {
      return [];
    }
  }

  async save(names: readonly string[]): Promise<void> {
    const value = JSON.stringify([...names]);
    await this.db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
  }
}
