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
import { PrismaActivationStore, PrismaFamilyStore, PrismaStaffStore } from './db/familyStore.js';
import { syncServices } from './db/syncServices.js';

export interface App {
  db: Db;
  dbFile: string;
  town: Town;
  store: PrismaBookingStore;
  families: PrismaFamilyStore;
  activation: PrismaActivationStore;
  staff: PrismaStaffStore;
  random: (n: number) => Uint8Array;
  close(): Promise<void>;
}

/** Opens (and migrates) the database and builds the stores. */
export async function buildApp(opts: { databaseUrl: string; town: TownConfig }): Promise<App> {
  const opened = await openDatabase(opts.databaseUrl);
  const town = new Town(opts.town);
  await syncServices(opened.prisma, opts.town);
  return {
    db: opened.prisma,
    dbFile: opened.file,
    town,
    store: new PrismaBookingStore(opened.prisma),
    families: new PrismaFamilyStore(opened.prisma),
    activation: new PrismaActivationStore(opened.prisma),
    staff: new PrismaStaffStore(opened.prisma),
    random: (n) => randomBytes(n),
    close: opened.close,
  };
}
