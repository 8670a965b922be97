/**
 * Staff and IT commands (DESIGN.md, "contract — commands"):
 *   npm run --silent admin -- import-families FILE
 *   npm run --silent admin -- activate REF
 *   npm run --silent admin -- bookings REF
 *   npm run --silent admin -- headcount YYYY-MM-DD
 *   npm run --silent admin -- staff-add EMAIL [--role administrateur|agent]
 *   npm run --silent admin -- export-family REF [FILE]
 *   npm run --silent admin -- erase-family REF
 *   npm run --silent admin -- apply-retention
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
import { addStaffAccount, isRole } from '../core/staff/staffAccounts.js';
import { PrismaStaffAccounts } from '../db/staffAccountStore.js';
import { isIsoDate } from '../core/time.js';
import { botUsername } from './botUsername.js';
import { queueWelcomeEmails } from './welcomeEmail.js';
import { PrismaOutboxStore } from '../db/outboxStore.js';
import { adminLeaseName, keepLease, reapDead, serviceRunning } from '../db/lease.js';
import { sendEmailOutbox, smtpSender } from '../mail/sendMail.js';
import { PrismaPrivacyStore } from '../db/privacyStore.js';
import { exportFamily } from '../core/privacy/exportFamily.js';
import { eraseFamily } from '../core/privacy/eraseFamily.js';
import { applyRetention } from '../core/privacy/applyRetention.js';
import { backupDatabase, BackupError, restoreDatabase } from '../db/backup.js';

const USAGE = `Usage : npm run --silent admin -- COMMANDE
  import-families FICHIER   importe ou met à jour les familles d’un CSV
  activate REF              émet un code d’activation pour les responsables de la famille REF
  bookings REF              liste les réservations de la famille REF
  headcount AAAA-MM-JJ      effectifs de chaque service ce jour-là
  staff-add EMAIL [--role administrateur|agent]
                            crée un compte (mot de passe à usage unique) ; le premier est administrateur
  export-family REF [FICHIER]  toutes les données de la famille REF, en un document JSON (sur la sortie, ou dans FICHIER)
  erase-family REF          efface les données personnelles de la famille REF (réservations gardées, anonymes)
  apply-retention           applique maintenant la durée de conservation du fichier de la ville
  backup FICHIER            copie cohérente de la base en service (SQLite ; pg_dump sur PostgreSQL)
  restore FICHIER           vérifie FICHIER puis remplace la base (service arrêté)`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

type Command = (app: App, args: string[], io: Io, env: Env) => Promise<number>;

/** `args`: how many arguments, or the least and the most. */
const commands: Record<string, { args: number | [number, number]; run: Command }> = {
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
      await queueWelcomeEmails(app, result.codes, username, now, { from: env.MAIL_FROM, secret: app.secret });
      // A running service (npm start) sends the outbox: the emails are left to it,
      // so that no message is sent by two processes. Otherwise, with SMTP set,
      // this command sends them itself, through the same claims.
      if (env.SMTP_URL && !(await serviceRunning(app.db, new Date()))) {
        const outbox = new PrismaOutboxStore(app.db);
        await outbox.releaseHolders(await reapDead(app.db, new Date()));
        // Renewed while it sends, so that no other process takes its claims back meanwhile.
        const lease = keepLease(app.db, adminLeaseName(), { ttlMs: 60_000, renewMs: 20_000 });
        await lease.ready;
        const smtp = smtpSender(env.SMTP_URL, env.MAIL_FROM, app.secret);
        try {
          await sendEmailOutbox(app, smtp.send, new Date(), io.err);
        } finally {
          smtp.close();
          await lease.stop();
        }
        const waiting = await outbox.countWaiting('email', 'welcome', result.codes.map((c) => c.guardian.id as number));
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
    args: [1, 3],
    async run(app, [email, flag, value], io) {
      // `staff-add EMAIL [--role administrateur|agent]` (also `--role=agent`).
      let roleArg: string | undefined;
      if (flag?.startsWith('--role=') && value === undefined) roleArg = flag.slice('--role='.length);
      else if (flag === '--role' && value !== undefined) roleArg = value;
      else if (flag !== undefined) {
        io.err(`Option inconnue : ${flag}. Usage : staff-add EMAIL [--role administrateur|agent]`);
        return 2;
      }
      if (roleArg !== undefined && !isRole(roleArg)) {
        io.err(`Rôle inconnu : ${roleArg} (administrateur ou agent).`);
        return 1;
      }
      const result = await addStaffAccount(
        { accounts: new PrismaStaffAccounts(app.db), random: app.random, hashPassword: (p) => hash(p) },
        { email: email!, role: roleArg ?? null, actor: { type: 'system' }, channel: 'admin', now: new Date() },
      );
      if (!result.ok) {
        io.err(`Adresse email invalide : ${email}`);
        return 1;
      }
      io.out(`${result.existed ? 'Mot de passe réinitialisé' : 'Compte créé'} pour ${email!.trim().toLowerCase()} (${result.role}).`);
      io.out(`Mot de passe à usage unique : ${result.password}`);
      io.out('Il sera demandé de le changer à la première connexion.');
      return 0;
    },
  },
  'export-family': {
    args: [1, 2],
    async run(app, [reference, file], io) {
      const result = await exportFamily({ store: new PrismaPrivacyStore(app.db) }, { reference: reference!, now: new Date() });
      if (!result.ok) {
        io.err(`Famille inconnue : ${reference}`);
        return 1;
      }
      const text = `${JSON.stringify(result.document, null, 2)}\n`;
      if (!file) {
        io.out(text.trimEnd());
        return 0;
      }
      try {
        // Personal data: readable by its owner only.
        fs.writeFileSync(file, text, { mode: 0o600 });
      } catch (e) {
        io.err(`Impossible d’écrire ${file} : ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        return 1;
      }
      io.out(file);
      return 0;
    },
  },
  'erase-family': {
    args: 1,
    async run(app, [reference], io) {
      const result = await eraseFamily({ store: new PrismaPrivacyStore(app.db) }, { reference: reference!, actor: { type: 'system' }, channel: 'admin', now: new Date() });
      if (!result.ok) {
        io.err(`Famille inconnue : ${reference}`);
        return 1;
      }
      const c = result.counts;
      io.out(
        `Famille ${reference} effacée : ${c.guardians} responsable(s) et leurs accès supprimés, ${c.children} enfant(s) anonymisé(s), ` +
          `${c.bookingsKept} réservation(s) gardée(s) sans nom, ${c.conversationStates} conversation(s), ${c.inboundMessages} message(s) reçu(s) et ` +
          `${c.sentMessages} message(s) envoyé(s) supprimés, ${c.auditDetails} détail(s) du journal effacé(s).`,
      );
      return 0;
    },
  },
  'apply-retention': {
    args: 0,
    async run(app, _args, io) {
      const c = await applyRetention({ store: new PrismaPrivacyStore(app.db), town: app.town }, { now: new Date() });
      io.out(
        `Conservation appliquée : ${c.inboundMessages} message(s) reçu(s), ${c.mailSenderDays} compteur(s) d’adresse, ${c.conversationStates} conversation(s), ${c.sentMessages} message(s) envoyé(s), ` +
          `${c.domainEvents} notification(s) supprimés ; ${c.auditDetails} détail(s) du journal effacé(s).`,
      );
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
  const command = name && Object.hasOwn(commands, name) ? commands[name] : undefined;
  const databaseCommand = name && Object.hasOwn(databaseCommands, name) ? databaseCommands[name] : undefined;
  const [least, most] = Array.isArray(command?.args) ? command.args : [command?.args ?? 1, command?.args ?? 1];
  if ((!command && !databaseCommand) || args.length < least! || args.length > most!) {
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
  const app = await buildApp({ databaseUrl: env.DATABASE_URL, town: loadTownConfig(env.TOWN_CONFIG), appSecret: env.APP_SECRET });
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
      // People at a terminal are told how long it took; scripts reading stdout see only the contract's lines.
      if (process.stderr.isTTY) process.stderr.write(`(${Math.round(process.uptime() * 1000)} ms)\n`);
    },
    (error: unknown) => {
      process.stderr.write(`Erreur : ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
