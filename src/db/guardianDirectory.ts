/** The core's GuardianDirectory on Prisma. */
import type { GuardianDirectory } from '../core/activation/access.js';
import type { GuardianRecord } from '../core/ports.js';
import type { Db } from './database.js';
import { toGuardian } from './familyStore.js';

export class PrismaGuardianDirectory implements GuardianDirectory {
  constructor(private readonly db: Db) {}
  async byTelegramChat(chatId: string): Promise<GuardianRecord | null> {
    // findFirst: Prisma's findUnique goes through a batching loader that costs more than the query.
    const row = await this.db.guardian.findFirst({ where: { telegramChatId: chatId } });
    return row ? toGuardian(row) : null;
  }
}
