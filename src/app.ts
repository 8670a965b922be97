/**
 * Wires the application: the database, the town, and the stores the core's
 * use cases take. Every entry point (npm start, admin commands, tests)
 * builds its dependencies here.
 */
import { randomBytes } from 'node:crypto';
import { Town } from './core/town.js';
import type { TownConfig } from './core/config.js';
import { openDatabase, type Db } from './db/database.js';
import { PrismaBookingStore } from './db/bookingStore.js';
import { PrismaConversationStore, PrismaFamilyStore, PrismaStaffStore } from './db/familyStore.js';
import { PrismaActivationStore } from './db/activationStore.js';
import { appSecret } from './db/appSecret.js';
import type { ConversationDeps } from './core/conversation/converse.js';
import { syncServices } from './db/syncServices.js';

export interface App {
  db: Db;
  /** The SQLite file, or the PostgreSQL URL without its password (for people). */
  dbFile: string;
  /** The DATABASE_URL it runs on (a second connection to the same database opens it). */
  databaseUrl: string;
  town: Town;
  store: PrismaBookingStore;
  families: PrismaFamilyStore;
  activation: PrismaActivationStore;
  staff: PrismaStaffStore;
  conversations: PrismaConversationStore;
  random: (n: number) => Uint8Array;
  /** The app secret (APP_SECRET, or the one kept in the database): keys activation codes and sealed outbox secrets. */
  secret: string;
  /** What the conversation needs, ready to pass. */
  conversation: ConversationDeps;
  close(): Promise<void>;
}

/** Opens (and migrates) the database and builds the stores; `appSecret` is APP_SECRET when set. */
export async function buildApp(opts: { databaseUrl: string; town: TownConfig; appSecret?: string | undefined }): Promise<App> {
  const opened = await openDatabase(opts.databaseUrl);
  const secret = await appSecret(opened.prisma, opts.appSecret);
  const town = new Town(opts.town);
  await syncServices(opened.prisma, opts.town);
  const store = new PrismaBookingStore(opened.prisma);
  const families = new PrismaFamilyStore(opened.prisma);
  const conversations = new PrismaConversationStore(opened.prisma);
  const newId = () => randomBytes(6).toString('base64url');
  return {
    db: opened.prisma,
    dbFile: opened.file,
    databaseUrl: opened.url,
    town,
    store,
    families,
    conversations,
    conversation: { store, families, conversations, town, newId },
    activation: new PrismaActivationStore(opened.prisma, secret),
    secret,
    staff: new PrismaStaffStore(opened.prisma),
    random: (n) => randomBytes(n),
    close: opened.close,
  };
}
