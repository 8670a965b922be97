/**
 * Staff and IT commands (DESIGN.md, "contract — commands"):
 *   npm run --silent admin -- import-families FILE
 *   npm run --silent admin -- activate REF
 *   npm run --silent admin -- bookings REF
 *   npm run --silent admin -- headcount YYYY-MM-DD
 *   npm run --silent admin -- staff-add EMAIL
 *   npm run --silent admin -- backup FILE
 *   npm run --silent admin -- restore FILE
 * Each opens (and migrates) the database first, except backup (a copy of
 * the database as it is) and restore (which migrates what it restored). Results go to stdout,
 * problems to stderr; the exit code is 0 on success, 1 when the command
 * refused its input, 2 on a usage error.
 */
import fs from 'node:fs';
import { hash } from '@node-rs/argon2';
import { buildApp, type App } from '../app.js';
import { EnvError, readEnv, type Env } from '../config/env.js';
import { loadTownConfig } from '../config/town.js';
import { parseFamiliesCsv } from '../core/families/parseFamiliesCsv.js';
import { importFamilies } from '../core/families/importFamilies.js';
import { issueActivationCodes } from '../core/activation/issueActivationCodes.js';
import { listBookings } from '../core/bookings/listBookings.js';
import { countHeadcount } from '../core/bookings/countHeadcount.js';
import { addStaffUser } from '../core/addStaffUser.js';
import { isIsoDate } from '../core/time.js';
import { botUsername } from './botUsername.js';
import { queueWelcomeEmails } from './welcomeEmail.js';
import { appSecret } from '../db/appSecret.js';
import { sendEmailOutbox, smtpSender } from '../mail/sendMail.js';
import { backupDatabase, BackupError, restoreDatabase } from '../db/backup.js';

const USAGE = `Usage : npm run --silent admin -- COMMANDE
  import-families FICHIER   importe ou met à jour les familles d’un CSV
  activate REF              émet un code d’activation pour les responsables de la famille REF
  bookings REF              liste les réservations de la famille REF
  headcount AAAA-MM-JJ      effectifs de chaque service ce jour-là
  staff-add EMAIL           crée un compte agent (mot de passe à usage unique)
  backup FICHIER            copie cohérente de la base en service (SQLite ; pg_dump sur PostgreSQL)
  restore FICHIER           vérifie FICHIER puis remplace la base (service arrêté)`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

type Command = (app: App, args: string[], io: Io, env: Env) => Promise<number>;

const commands: Record<string, { args: number; run: Command }> = {
  'import-families': {
    args: 1,
    async run(app, [file], io) {
      let text: string;
      try {
        text = fs.readFileSync(file!, 'utf8');
      } catch (e) {
        io.err(`Impossible de lire ${file} : ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        return 1;
      }
      const now = new Date();
      const parsed = parseFamiliesCsv(text, app.town.today(now));
      if (!parsed.ok) {
        io.out(`Aucune famille importée : ${parsed.errors.length} erreur${parsed.errors.length > 1 ? 's' : ''}.`);
        for (const e of parsed.errors) io.out(`ligne ${e.line} : ${e.message}`);
        return 1;
      }
      const s = await importFamilies({ families: app.families }, { families: parsed.families, actor: { type: 'system' }, channel: 'admin', now });
      io.out(
        `Import terminé : ${parsed.families.length} famille(s) lue(s) sur ${parsed.lines} ligne(s) ; ` +
          `familles créées ${s.familiesCreated}, mises à jour ${s.familiesUpdated}, inchangées ${s.familiesUnchanged} ; ` +
          `responsables créés ${s.guardiansCreated}, mis à jour ${s.guardiansUpdated} ; ` +
          `enfants créés ${s.childrenCreated}, mis à jour ${s.childrenUpdated}.`,
      );
      return 0;
    },
  },
  activate: {
    args: 1,
    async run(app, [reference], io, env) {
      const now = new Date();
      const result = await issueActivationCodes({ families: app.families, activation: app.activation, random: app.random }, { reference: reference!, now, actor: { type: 'system' }, channel: 'admin' });
      if (!result.ok) {
        io.err(result.why === 'UNKNOWN_FAMILY' ? `Famille inconnue : ${reference}` : `La famille ${reference} n’a aucun responsable.`);
        return 1;
      }
      const username = await botUsername(env, io.err);
      await queueWelcomeEmails(app, result.codes, username, now, { from: env.MAIL_FROM, secret: await appSecret(app.db, env.APP_SECRET) });
      if (env.SMTP_URL) {
        // Sent now when SMTP is set; what fails stays in the outbox for `npm start` to retry.
        const smtp = smtpSender(env.SMTP_URL, env.MAIL_FROM);
        try {
          await sendEmailOutbox(app, smtp.send, now);
        } finally {
          smtp.close();
        }
        const waiting = await app.db.outbox.count({ where: { channel: 'email', sentAt: null, payload: { contains: '"kind":"welcome"' } } });
        if (waiting > 0) io.err(`${waiting} email(s) de bienvenue non envoyé(s) pour l’instant : ils partiront dès que le serveur SMTP répondra (npm start).`);
      }
      for (const { guardian, code } of result.codes) {
        io.out(`${guardian.email ?? '-'}\t${code}\t${username ? `https://t.me/${username}?start=${code}` : '-'}`);
      }
      return 0;
    },
  },
  bookings: {
    args: 1,
    async run(app, [reference], io) {
      const family = await app.families.byReference(reference!);
      if (!family) {
        io.err(`Famille inconnue : ${reference}`);
        return 1;
      }
      for (const b of await listBookings({ store: app.store }, { familyId: family.id })) {
        io.out(`${b.firstName}\t${b.serviceCode}\t${b.date}\t${b.state}`);
      }
      return 0;
    },
  },
  headcount: {
    args: 1,
    async run(app, [date], io) {
      if (!isIsoDate(date!)) {
        io.err(`Date invalide : ${date} (attendu : AAAA-MM-JJ)`);
        return 2;
      }
      for (const r of await countHeadcount({ store: app.store, town: app.town }, { from: date, to: date })) {
        io.out(`${r.serviceCode}\t${r.booked}\t${r.capacity}\t${r.waiting}`);
      }
      return 0;
    },
  },
  'staff-add': {
    args: 1,
    async run(app, [email], io) {
      const result = await addStaffUser({ staff: app.staff, random: app.random, hashPassword: (p) => hash(p) }, email!, { actor: { type: 'system' }, channel: 'admin', now: new Date() });
      if (!result.ok) {
        io.err(`Adresse email invalide : ${email}`);
        return 1;
      }
      io.out(`${result.existed ? 'Mot de passe réinitialisé' : 'Compte créé'} pour ${email!.trim().toLowerCase()}.`);
      io.out(`Mot de passe à usage unique : ${result.password}`);
      io.out('Il sera demandé de le changer à la première connexion.');
      return 0;
    },
  },
};

/** Commands on the database file itself: no app is built (restore must not hold the database open). */
const databaseCommands: Record<string, (databaseUrl: string, file: string, io: Io) => Promise<number>> = {
  async backup(databaseUrl, file, io) {
    io.out(await backupDatabase(databaseUrl, file));
    return 0;
  },
  async restore(databaseUrl, file, io) {
    const result = await restoreDatabase(databaseUrl, file);
    io.err(
      `Base restaurée depuis ${file}` +
        (result.migrated.length > 0 ? ` ; migrations appliquées : ${result.migrated.join(', ')}` : '') +
        (result.previous ? ` ; l’ancienne base est gardée dans ${result.previous}` : '') +
        '.',
    );
    return 0;
  },
};

/** Runs one admin command; returns the exit code. */
export async function runAdmin(argv: string[], io: Io, source: Record<string, string | undefined> = process.env): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  const databaseCommand = name && Object.hasOwn(databaseCommands, name) ? databaseCommands[name] : undefined;
  if ((!command && !databaseCommand) || args.length !== (command?.args ?? 1)) {
    io.err(name && !command && !databaseCommand ? `Commande inconnue : ${name}\n${USAGE}` : USAGE);
    return 2;
  }
  let env: Env;
  try {
    env = readEnv(source);
  } catch (e) {
    io.err(e instanceof EnvError ? e.message : String(e));
    return 2;
  }
  if (databaseCommand) {
    try {
      return await databaseCommand(env.DATABASE_URL, args[0]!, io);
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      io.err(error.message);
      return 1;
    }
  }
  const app = await buildApp({ databaseUrl: env.DATABASE_URL, town: loadTownConfig(env.TOWN_CONFIG) });
  try {
    return await command!.run(app, args, io, env);
  } finally {
    await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/admin/cli.ts')) {
  runAdmin(process.argv.slice(2), { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Erreur : ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
