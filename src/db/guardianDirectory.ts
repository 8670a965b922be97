/** The core's GuardianDirectory on Prisma. */
import type { GuardianDirectory } from '../core/activation/access.js';
import type { GuardianRecord } from '../core/ports.js';
import type { Db } from './database.js';
import { toGuardian } from './familyStore.js';

export class PrismaGuardianDirectory implements GuardianDirectory {
  constructor(private readonly db: Db) {}
  async byTelegramChat(chatId: string): Promise<GuardianRecord | null> {
    const row = await this.db.guardian.findUnique({ where: { telegramChatId: chatId } });
    return row ? toGuardian(row) : null;
  }
}
