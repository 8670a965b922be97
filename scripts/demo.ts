/**
 * `npm run demo`: a demonstration on its own database (./data/demo.db,
 * made afresh at each run; DEMO_DATABASE_URL to put it elsewhere): a small
 * town of a dozen families, bookings this week and next, absences, waiting
 * lists, a closure, an activity log, and a staff account printed below.
 * Then it starts everything as `npm start` does, on that database.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import { buildApp, type App } from '../src/app.js';
import { loadTownConfig } from '../src/config/town.js';
import { addStaffUser } from '../src/core/addStaffUser.js';
import { issueActivationCodes } from '../src/core/activation/issueActivationCodes.js';
import { redeemActivationCode } from '../src/core/activation/redeemActivationCode.js';
import { bookChildren } from '../src/core/bookings/bookChildren.js';
import { justifyAbsences } from '../src/core/bookings/justifyAbsences.js';
import { reportAbsence } from '../src/core/bookings/reportAbsence.js';
import { closeDay } from '../src/core/closures/closeDay.js';
import { handleMessage } from '../src/core/conversation/converse.js';
import { importFamilies } from '../src/core/families/importFamilies.js';
import { parseFamiliesCsv } from '../src/core/families/parseFamiliesCsv.js';
import { StaffId, type ChildId } from '../src/core/ids.js';
import { addDays, isoWeekday, type IsoDate } from '../src/core/time.js';
import { sqlitePath } from '../src/db/database.js';
import { toGuardian } from '../src/db/familyStore.js';
import { PrismaClosureStore } from '../src/db/staffWebStores.js';

const DATABASE_URL = process.env.DEMO_DATABASE_URL ?? 'file:./data/demo.db';
const STAFF_EMAIL = 'demo@ccas.example';

/** A dozen families: two guardians here and there, PAI, every meal type, three schools. */
const FAMILIES = `famille;responsable;email;telephone;enfant;nom;naissance;ecole;classe;regime;pai
D-001;Claire Martin;claire.martin@example.fr;0612345678;Léa;Martin;2018-03-14;Jules Ferry;CE1;standard;non
D-001;Claire Martin;claire.martin@example.fr;0612345678;Tom;Martin;2020-09-02;Jules Ferry;GS;sans_porc;oui
D-001;Marc Martin;marc.martin@example.fr;0698765432;;;;;;;
D-002;Nadia Benali;nadia.benali@example.fr;0611223344;Yanis;Benali;2017-02-03;Pasteur;CM1;vegetarien;non
D-002;Nadia Benali;nadia.benali@example.fr;0611223344;Inès;Benali;2019-05-06;Pasteur;CP;sans_porc;non
D-003;Julien Petit;julien.petit@example.fr;0622334455;Jade;Petit;2018-04-30;Pasteur;CE1;standard;oui
D-004;Sophie Bernard;sophie.bernard@example.fr;0633445566;Hugo;Bernard;2016-11-12;Jules Ferry;CM2;standard;non
D-005;Karim Haddad;karim.haddad@example.fr;0644556677;Adam;Haddad;2019-01-20;Louis Pergaud;CP;sans_porc;non
D-005;Karim Haddad;karim.haddad@example.fr;0644556677;Lina;Haddad;2021-06-15;Louis Pergaud;MS;sans_porc;non
D-006;Émilie Durand;emilie.durand@example.fr;0655667788;Chloé;Durand;2017-08-08;Louis Pergaud;CE2;vegetarien;non
D-007;Thomas Moreau;thomas.moreau@example.fr;0666778899;Louis;Moreau;2018-10-01;Jules Ferry;CE1;standard;non
D-007;Aurélie Moreau;aurelie.moreau@example.fr;0677889900;;;;;;;
D-008;Isabelle Laurent;isabelle.laurent@example.fr;0688990011;Manon;Laurent;2016-02-29;Pasteur;CM2;standard;non
D-009;David Garcia;david.garcia@example.fr;0699001122;Nathan;Garcia;2020-03-03;Louis Pergaud;GS;standard;oui
D-010;Fatou Diallo;fatou.diallo@example.fr;0610203040;Awa;Diallo;2017-12-24;Jules Ferry;CE2;vegetarien;non
D-010;Fatou Diallo;fatou.diallo@example.fr;0610203040;Moussa;Diallo;2019-07-07;Jules Ferry;CP;vegetarien;non
D-011;Pierre Lefèvre;;0620304050;Zoé;Lefèvre;2018-09-09;Pasteur;CE1;standard;non
D-012;Camille Roux;camille.roux@example.fr;0630405060;Noé;Roux;2017-05-05;Louis Pergaud;CM1;standard;non`;

function removeDatabase(url: string): string {
  const file = sqlitePath(url);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  return file;
}

/** The Monday of the first week with school days, from this one on (the next one at the weekend). */
function firstSchoolWeek(app: App, today: IsoDate): IsoDate {
  const canteen = app.town.service('canteen') ?? app.town.serviceList[0]!;
  let monday = addDays(today, (isoWeekday(today) >= 6 ? 8 : 1) - isoWeekday(today));
  for (let i = 0; i < 52; i++, monday = addDays(monday, 7)) {
    if (app.town.calendar.serviceDays(canteen, monday, addDays(monday, 4)).length > 0) return monday;
  }
  return addDays(today, 1 - isoWeekday(today));
}

async function seed(app: App, now: Date): Promise<{ password: string; monday: IsoDate }> {
  const account = await addStaffUser({ staff: app.staff, random: randomBytes, hashPassword: (p) => hash(p) }, STAFF_EMAIL, { actor: { type: 'system' }, channel: 'admin', now });
  if (!account.ok) throw new Error('demo account');
  // A demonstration: the agent goes straight to the dashboard.
  const staffRow = await app.db.staffUser.update({ where: { email: STAFF_EMAIL }, data: { mustChangePassword: false } });
  const staff = { type: 'staff' as const, id: StaffId(staffRow.id) };

  const parsed = parseFamiliesCsv(FAMILIES, app.town.today(now));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `ligne ${e.line} : ${e.message}`).join('\n'));
  await importFamilies({ families: app.families }, { families: parsed.families, actor: staff, channel: 'web', now });

  // Access: some linked on Telegram, some by email, some with a code on its way, the rest not yet.
  for (const [i, ref] of ['D-001', 'D-002', 'D-003', 'D-004', 'D-005', 'D-006', 'D-007'].entries()) {
    const issued = await issueActivationCodes({ families: app.families, activation: app.activation, random: randomBytes }, { reference: ref, now, actor: staff, channel: 'web' });
    if (!issued.ok) continue;
    if (i < 3 && !process.env.TELEGRAM_BOT_TOKEN) {
      // Made-up chats: with a real bot they would be real parents' (no token, nothing is ever sent to them).
      await redeemActivationCode({ activation: app.activation }, { code: issued.codes[0]!.code, chatId: String(900_000_001 + i), now });
    } else if (i < 5) {
      await app.db.guardian.update({ where: { id: issued.codes[0]!.guardian.id }, data: { accessState: 'active', activatedAt: now } });
    }
  }

  const today = app.town.today(now);
  const monday = firstSchoolWeek(app, today);
  const days = Array.from({ length: 12 }, (_, i) => addDays(monday, i)).filter((d) => isoWeekday(d) <= 5);
  const children = await app.db.child.findMany({ orderBy: { id: 'asc' } });
  const book = (childIds: number[], serviceCodes: string[], dates: IsoDate[]) =>
    bookChildren({ store: app.store, town: app.town }, { actor: staff, channel: 'web', now, childIds: childIds as ChildId[], serviceCodes, dates, overrideDeadline: true });
  // Nearly everyone eats at the canteen; care and the Wednesday club for some, so the small capacities fill up.
  for (const [i, c] of children.entries()) {
    await book([c.id], ['canteen'], days.filter((d) => i % 7 !== 3 || isoWeekday(d) !== 5));
    if (i % 2 === 0) await book([c.id], ['evening'], days.filter((d) => isoWeekday(d) !== 3));
    if (i % 3 === 0) await book([c.id], ['morning'], days.filter((d) => isoWeekday(d) === 1 || isoWeekday(d) === 4));
    if (i % 2 === 1 || i % 5 === 0) await book([c.id], ['wednesday'], days.filter((d) => isoWeekday(d) === 3));
  }

  // Absences: one undecided, one justified.
  const sick = days.find((d) => d >= today && isoWeekday(d) !== 3) ?? days[0]!;
  await reportAbsence({ store: app.store, town: app.town }, { actor: staff, channel: 'web', now, childIds: [children[0]!.id as ChildId], serviceCodes: ['canteen'], dates: [sick], reason: 'fièvre' });
  await reportAbsence({ store: app.store, town: app.town }, { actor: staff, channel: 'web', now, childIds: [children[3]!.id as ChildId], serviceCodes: ['canteen', 'evening'], dates: [sick], reason: 'rendez-vous médical' });
  await justifyAbsences({ store: app.store, town: app.town }, { actor: staff, channel: 'web', now, childId: children[3]!.id as ChildId, serviceCodes: ['canteen', 'evening'], dates: [sick], justified: true });

  // One closure: a Wednesday club of the second week (else of the first), for a staff training day.
  const club = app.town.service('wednesday');
  const closed = club && [...days.slice(5), ...days.slice(0, 5)].find((d) => app.town.calendar.runs(club, d));
  if (closed) {
    await closeDay({ store: app.store, town: app.town, closures: new PrismaClosureStore(app.db, async () => STAFF_EMAIL) }, { date: closed, serviceCode: 'wednesday', reason: 'formation des animateurs', actor: staff, channel: 'web', now });
  }

  // A parent writes to the assistant, as on Telegram: the activity log shows it.
  const claire = await app.db.guardian.findFirst({ where: { email: 'claire.martin@example.fr' } });
  if (claire) await handleMessage(app.conversation, { guardian: toGuardian(claire), channel: 'telegram', text: 'Tom ne mangera pas à la cantine vendredi prochain', now });

  return { password: account.password, monday };
}

async function main(): Promise<void> {
  const file = removeDatabase(DATABASE_URL);
  // The demo town: Châtenoy-le-Royal's, with the small capacities of a dozen families.
  const config = loadTownConfig(process.env.TOWN_CONFIG);
  const capacities: Record<string, number> = { canteen: 15, morning: 5, evening: 8, wednesday: 6 };
  for (const s of config.services) s.capacity = capacities[s.code] ?? Math.min(s.capacity, 10);
  const townFile = path.join(path.dirname(file), 'demo-town.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(townFile, `${JSON.stringify(config, null, 2)}\n`);

  const now = new Date();
  const app = await buildApp({ databaseUrl: DATABASE_URL, town: config });
  let seeded;
  try {
    seeded = await seed(app, now);
  } finally {
    await app.close();
  }

  console.log('');
  console.log('=== Portail Famille — démonstration ===');
  console.log(`Base de démonstration : ${file} (recréée à chaque lancement ; la base réelle n’est pas touchée)`);
  console.log(`12 familles, réservations des semaines du ${seeded.monday} et suivante, listes d’attente, absences, une fermeture.`);
  console.log(`Compte agent : ${STAFF_EMAIL}`);
  console.log(`Mot de passe : ${seeded.password}`);
  console.log('');

  process.env.DATABASE_URL = DATABASE_URL;
  process.env.TOWN_CONFIG = townFile;
  await import('../src/main.js');
}

main().catch((error: unknown) => {
  console.error('Démonstration impossible :', error instanceof Error ? error.message : error);
  process.exit(1);
});
