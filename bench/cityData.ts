/**
 * City-scale data: 6,700 families, 10,000 children and a school year of
 * bookings (about 2.8 million rows), with what a year of use leaves beside
 * them (audit events in their compact form, messages taken, conversation
 * states), written straight into a SQLite file of the real schema (its
 * migrations, indexes and DayCount triggers) by batched prepared inserts
 * (the insert trigger is set aside during the load and DayCount counted
 * once, which gives the same rows).
 *
 * `buildCityData(file)` is for any benchmark that needs the data;
 * `npm run bench city` builds it once and prints the time, the database's
 * size and the process's memory.
 *
 * Capacities are those of the town file, so most days are booked past them:
 * the data is about volume, not about the waiting list.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadTownConfig } from '../src/config/town.js';
import type { TownConfig } from '../src/core/config.js';
import { Town } from '../src/core/town.js';
import type { IsoDate } from '../src/core/time.js';
import { applyMigrations } from '../src/db/migrate.js';

export interface CityDataOptions {
  /** 6,700 unless said. */
  families?: number;
  /** 10,000 unless said (at least one a family). */
  children?: number;
  town?: TownConfig;
  /** When the data was "written": the rentrée. */
  now?: Date;
  /** For the pseudo-random choices; the same seed gives the same data. */
  seed?: number;
}

export interface CityData {
  file: string;
  families: number;
  guardians: number;
  children: number;
  bookings: number;
  auditEvents: number;
  inboundMessages: number;
  conversations: number;
  elapsedMs: number;
  /** The file and its -wal, once checkpointed. */
  bytes: number;
}

/** Small, fast, seeded (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** DateTime as Prisma's SQLite adapter writes it. */
function stamp(d: Date): string {
  return d.toISOString().replace('Z', '+00:00');
}

/** How often a child uses each service, and on how many of its weekdays. */
const USE: Record<string, number> = { canteen: 0.95, evening: 0.65, morning: 0.4, wednesday: 0.5 };

const FIRST_NAMES = ['Léa', 'Tom', 'Noé', 'Jade', 'Louis', 'Emma', 'Gabriel', 'Alice', 'Raphaël', 'Chloé', 'Arthur', 'Inès', 'Jules', 'Lina', 'Adam', 'Rose'];
const SCHOOLS = ['Jules Ferry', 'Pasteur', 'Victor Hugo', 'Jean Moulin', 'Les Tilleuls', 'Marie Curie'];
const CLASSES = ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'];

/**
 * Writes the city-scale data into `file` (created, or emptied first) and
 * returns what it wrote. Takes well under a minute on a laptop.
 */
export function buildCityData(file: string, opts: CityDataOptions = {}): CityData {
  const started = process.hrtime.bigint();
  const familyCount = opts.families ?? 6_700;
  const childCount = Math.max(opts.children ?? 10_000, familyCount);
  const town = new Town(opts.town ?? loadTownConfig());
  const now = opts.now ?? new Date('2026-08-24T08:00:00Z');
  const rand = random(opts.seed ?? 2026);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });

  const db = new Database(file);
  // Building, not serving: no journal to keep, nothing to sync until the end.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -256000');
  db.pragma('temp_store = MEMORY');
  applyMigrations(db);
  const at = stamp(now);

  const insertFamily = db.prepare(`INSERT INTO "Family" ("id","reference","createdAt","updatedAt") VALUES (?,?,?,?)`);
  const insertGuardian = db.prepare(
    `INSERT INTO "Guardian" ("id","familyId","name","email","phone","language","telegramChatId","accessState","activatedAt","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertChild = db.prepare(
    `INSERT INTO "Child" ("id","familyId","firstName","lastName","birthDate","school","className","mealType","pai","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertBooking = db.prepare(
    `INSERT INTO "Booking" ("childId","serviceCode","date","state","absenceReason","absenceJustified","channel","changedBy","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertAudit = db.prepare(
    `INSERT INTO "AuditEvent" ("at","actorType","actorId","channel","action","familyId","before","after") VALUES (?,?,?,?,?,?,?,?)`,
  );
  const insertInbound = db.prepare(`INSERT INTO "InboundMessage" ("channel","externalId","guardianId","receivedAt") VALUES (?,?,?,?)`);
  const insertConversation = db.prepare(`INSERT INTO "Conversation" ("guardianId","state","updatedAt") VALUES (?,?,?)`);

  // Families and guardians, then children: 3,000 families of two, 150 of three, the rest of one (for the defaults).
  const counts = { guardians: 0, children: 0, bookings: 0, auditEvents: 0, inboundMessages: 0, conversations: 0 };
  const childrenOf: { familyId: number; childIds: number[]; guardianIds: number[] }[] = [];
  const extra = childCount - familyCount;
  const threes = Math.min(Math.floor(extra * 0.0455), familyCount);
  const twos = Math.min(extra - 2 * threes, familyCount - threes);
  db.transaction(() => {
    for (let f = 1; f <= familyCount; f++) {
      const reference = `F-${String(f).padStart(5, '0')}`;
      insertFamily.run(f, reference, at, at);
      const family = { familyId: f, childIds: [] as number[], guardianIds: [] as number[] };
      const guardians = rand() < 0.4 ? 2 : 1;
      for (let g = 0; g < guardians; g++) {
        const id = ++counts.guardians;
        const active = rand() < 0.7;
        insertGuardian.run(id, f, `Parent ${id} Famille${f}`, `parent${id}@example.fr`, `06${String(10_000_000 + id).slice(-8)}`, rand() < 0.05 ? 'en' : 'fr', active ? String(900_000_000 + id) : null, active ? 'active' : 'inactive', active ? at : null, at, at);
        family.guardianIds.push(id);
      }
      const n = f <= threes ? 3 : f <= threes + twos ? 2 : 1;
      for (let c = 0; c < n && counts.children < childCount; c++) {
        const id = ++counts.children;
        const year = 2015 + Math.floor(rand() * 8);
        insertChild.run(id, f, FIRST_NAMES[(f * 3 + c) % FIRST_NAMES.length]!, `Famille${f}`, `${year}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`, SCHOOLS[f % SCHOOLS.length]!, CLASSES[(2022 - year + 8) % CLASSES.length]!, rand() < 0.1 ? 'sans_porc' : rand() < 0.1 ? 'vegetarien' : 'standard', rand() < 0.04 ? 1 : 0, at, at);
        family.childIds.push(id);
      }
      childrenOf.push(family);
    }
  })();

  // The school year's days of each service, by ISO weekday.
  const { firstDay, lastDay } = town.config.calendar;
  const daysOf = new Map<string, { date: IsoDate; weekday: number }[]>();
  for (const s of town.serviceList) {
    daysOf.set(
      s.code,
      town.calendar.serviceDays(s, firstDay, lastDay).map((date) => ({ date, weekday: new Date(`${date}T00:00:00Z`).getUTCDay() || 7 })),
    );
  }

  // Bookings, child by child (the unique index grows at its end), in batches of a family's year.
  // Many rows a statement: the per-call cost of a prepared insert is most of a row's.
  const PER_STATEMENT = 100;
  const insertBookings = db.prepare(
    `INSERT INTO "Booking" ("childId","serviceCode","date","state","absenceReason","absenceJustified","channel","changedBy","createdAt","updatedAt") VALUES ${Array(PER_STATEMENT).fill('(?,?,?,?,?,?,?,?,?,?)').join(',')}`,
  );
  const batch = db.transaction((rows: (string | number | null)[][]) => {
    let i = 0;
    for (; i + PER_STATEMENT <= rows.length; i += PER_STATEMENT) insertBookings.run(rows.slice(i, i + PER_STATEMENT).flat());
    for (; i < rows.length; i++) insertBooking.run(rows[i]!);
  });
  const auditBatch = db.transaction((families: typeof childrenOf) => {
    for (const fam of families) {
      const actor = fam.guardianIds[0]!;
      insertAudit.run(at, 'system', null, 'admin', 'family.create', fam.familyId, null, JSON.stringify([{ responsable: { name: `Parent ${actor} Famille${fam.familyId}`, email: `parent${actor}@example.fr` } }]));
      counts.auditEvents++;
      // A year of requests: a dozen changes, as compact audit events.
      for (let k = 0; k < 12; k++) {
        const childId = fam.childIds[k % fam.childIds.length]!;
        const month = (8 + k) % 12;
        const year = month >= 8 ? 2026 : 2027;
        const from = `${year}-${String(month + 1).padStart(2, '0')}-0${1 + (k % 5)}`;
        const to = `${year}-${String(month + 1).padStart(2, '0')}-2${k % 8}`;
        const after = JSON.stringify([{ childId, serviceCode: k % 2 ? 'evening' : 'canteen', state: k % 3 ? 'booked' : 'cancelled', dates: [`${from}/${to}`], days: 12 }]);
        insertAudit.run(stamp(new Date(now.getTime() + k * 25 * 86_400_000)), 'guardian', actor, k % 4 ? 'telegram' : 'email', k % 3 ? 'booking.book' : 'booking.cancel', fam.familyId, '[]', after);
        counts.auditEvents++;
      }
      for (const g of fam.guardianIds) {
        for (let m = 0; m < 14; m++) {
          insertInbound.run(m % 4 ? 'telegram' : 'email', `${g}-${m}`, g, stamp(new Date(now.getTime() + m * 21 * 86_400_000)));
          counts.inboundMessages++;
        }
        insertConversation.run(g, JSON.stringify({ version: 1, pending: null, history: [] }), at);
        counts.conversations++;
      }
    }
  });
  // DayCount is kept by a trigger on every insert; for a bulk load it is
  // cheaper to set the trigger aside, count once, and put it back as it was.
  const trigger = db.prepare(`SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'trigger' AND "name" = 'Booking_count_insert'`).get() as
    | { name: string; sql: string }
    | undefined;
  if (trigger) db.exec(`DROP TRIGGER "${trigger.name}"`);
  let rows: (string | number | null)[][] = [];
  for (const fam of childrenOf) {
    const changedBy = `guardian:${fam.guardianIds[0]}`;
    for (const childId of fam.childIds) {
      for (const service of town.serviceList) {
        if (rand() >= (USE[service.code] ?? 0.3)) continue;
        // Most children come every day the service runs; some on two of its days.
        const weekdays = rand() < 0.9 ? service.weekdays : service.weekdays.filter((_, i) => i % 2 === 0);
        for (const { date, weekday } of daysOf.get(service.code)!) {
          if (!weekdays.includes(weekday)) continue;
          const r = rand();
          const state = r < 0.02 ? 'absent' : r < 0.03 ? 'cancelled' : 'booked';
          rows.push([childId, service.code, date, state, state === 'absent' ? 'malade' : null, state === 'absent' ? (r < 0.01 ? 1 : null) : null, 'telegram', changedBy, at, at]);
        }
      }
    }
    if (rows.length >= 50_000) {
      batch(rows);
      counts.bookings += rows.length;
      rows = [];
    }
  }
  batch(rows);
  counts.bookings += rows.length;
  if (trigger) {
    db.exec(`INSERT INTO "DayCount" ("serviceCode", "date", "booked", "absent", "waiting")
      SELECT "serviceCode", "date", sum("state" = 'booked'), sum("state" = 'absent'), sum("state" = 'waiting') FROM "Booking"
      WHERE "state" IN ('booked', 'absent', 'waiting') GROUP BY "serviceCode", "date"
      ON CONFLICT ("serviceCode", "date") DO UPDATE SET "booked" = "booked" + excluded."booked", "absent" = "absent" + excluded."absent", "waiting" = "waiting" + excluded."waiting"`);
    db.exec(trigger.sql);
  }
  for (let i = 0; i < childrenOf.length; i += 500) auditBatch(childrenOf.slice(i, i + 500));

  db.close();
  // Served as the application serves it: in WAL mode, set on a fresh
  // connection (the building one may still hold statements open), which
  // checkpoints everything into the file as it closes.
  const served = new Database(file);
  served.pragma('journal_mode = WAL');
  served.close();
  const bytes = [file, `${file}-wal`].reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
  return { file, families: familyCount, ...counts, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6, bytes };
}

/** `npm run bench city`: builds the data once and prints its figures. */
export async function runCityDataBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portail-city-'));
  try {
    const data = buildCityData(path.join(dir, 'city.db'));
    const mem = process.memoryUsage();
    const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
    console.log(
      `city data: ${data.families} families, ${data.guardians} guardians, ${data.children} children, ${data.bookings} bookings, ` +
        `${data.auditEvents} audit events, ${data.inboundMessages} messages taken, ${data.conversations} conversations`,
    );
    console.log(`  built in ${(data.elapsedMs / 1000).toFixed(1)} s (${Math.round(data.bookings / (data.elapsedMs / 1000))} bookings/s)`);
    console.log(`  database: ${mb(data.bytes)}; process memory: rss ${mb(mem.rss)}, heap used ${mb(mem.heapUsed)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
