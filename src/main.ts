/**
 * `npm start`: reads the configuration, migrates the database, serves the
 * staff web (and, once they exist, the bot and the mail worker), and stops
 * cleanly on SIGINT/SIGTERM, also when the signal arrives twice.
 */
import { buildApp } from './app.js';
import { EnvError, readEnv } from './config/env.js';
import { loadTownConfig } from './config/town.js';
import { buildStaffWeb } from './staff-web/buildStaffWeb.js';
import { runBot, type RunningBot } from './bot/runBot.js';
import { PrismaOutboxStore } from './db/outboxStore.js';
import { MailWorker } from './mail/mailWorker.js';
import { sendEmailOutbox, smtpSender } from './mail/sendMail.js';
import { dispatchEvents } from './notifications.js';
import { redact, redactingLog } from './core/privacy/redact.js';
import { instanceLeaseName, keepLease, PROCESS_HOLDER, reapDead, type KeptLease } from './db/lease.js';
import { nightlyBackup } from './db/backup.js';
import { startNightlyRetention } from './nightlyRetention.js';

const systemClock = { now: () => new Date() };

async function main(): Promise<void> {
  let env;
  try {
    env = readEnv();
  } catch (e) {
    console.error(e instanceof EnvError ? e.message : e);
    process.exit(2);
  }
  const app = await buildApp({ databaseUrl: env.DATABASE_URL, town: loadTownConfig(env.TOWN_CONFIG), appSecret: env.APP_SECRET });
  // Several processes may share one database (PostgreSQL): each keeps its
  // instance lease (restore refuses then; admin commands leave their mail to
  // it), and leases elect the one that reads the mailbox, the one that sends
  // the outbox and the one that takes the nightly backup. The leases and
  // outbox claims of a process that died are taken back here: at once when
  // it ran on this host, else once its lease expired (15 s).
  // No email address in clear in the logs (an SMTP or IMAP error often quotes one).
  const log = redactingLog((line: string) => console.error(line));
  const leases: KeptLease[] = [keepLease(app.db, instanceLeaseName(), { log })];
  await leases[0]!.ready;
  const outboxStore = new PrismaOutboxStore(app.db);
  const reap = async () => {
    const freed = await outboxStore.releaseHolders(await reapDead(app.db, systemClock.now()));
    if (freed > 0) console.error(`outbox : ${freed} message(s) d’un processus arrêté repris.`);
  };
  await reap();
  const reapTimer = setInterval(() => void reap().catch((error: unknown) => console.error(`bail : ${error instanceof Error ? error.message : String(error)}`)), 5_000);
  // The letters' Telegram links: TELEGRAM_BOT_USERNAME, else the running bot's name once it answered.
  const web = buildStaffWeb({ app, clock: systemClock, env, botUsername: () => telegram?.bot.botInfo.username, ...(env.TRUST_PROXY !== undefined ? { trustProxy: env.TRUST_PROXY } : {}) });
  // The bot starts with the rest, but Telegram being unreachable must not keep
  // the staff web down: it is tried again in the background until it answers.
  let telegram: RunningBot | undefined;
  let stopped = false;
  const startTelegram = async (attempt: number): Promise<void> => {
    if (!env.TELEGRAM_BOT_TOKEN || stopped) return;
    try {
      telegram = await runBot({
        app,
        clock: systemClock,
        token: env.TELEGRAM_BOT_TOKEN,
        apiRoot: env.TELEGRAM_API_ROOT,
        webhookUrl: env.TELEGRAM_WEBHOOK_URL,
        secret: app.secret,
        log,
      });
      console.log(`Telegram : @${telegram.bot.botInfo.username} (${env.TELEGRAM_WEBHOOK_URL ? `webhook ${env.TELEGRAM_WEBHOOK_URL}` : 'long polling'}).`);
    } catch (error) {
      const delay = Math.min(5_000 * 2 ** attempt, 300_000);
      console.error(`Telegram injoignable (${error instanceof Error ? error.message : String(error)}) : nouvel essai dans ${Math.round(delay / 1000)} s.`);
      setTimeout(() => void startTelegram(attempt + 1), delay).unref();
    }
  };
  // In webhook mode the route must exist before the web listens, bot or not:
  // until the bot has started, Telegram is told to come back later (503).
  if (env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_WEBHOOK_URL) {
    web.post(new URL(env.TELEGRAM_WEBHOOK_URL).pathname, async (request, reply) =>
      telegram?.webhook ? telegram.webhook(request, reply) : reply.code(503).send({ ok: false, description: 'bot starting' }),
    );
  }

  // Email: the worker reads the mailbox when IMAP is set; the outbox goes out when SMTP is set.
  const secret = app.secret;
  const mailOptions = { app, clock: systemClock, mailFrom: env.MAIL_FROM, authservId: env.MAIL_AUTHSERV_ID, secret, log };
  let worker: MailWorker | undefined;
  let workerStopping: Promise<void> = Promise.resolve();
  if (env.IMAP_URL) {
    const imapUrl = env.IMAP_URL;
    leases.push(
      keepLease(app.db, 'leader:mail', {
        log,
        onChange(held) {
          if (held && !stopped) {
            worker = new MailWorker({ ...mailOptions, imapUrl });
            void workerStopping.then(() => worker?.start());
            console.log('Email : ce processus lit la boîte aux lettres.');
          } else if (!held && worker) {
            const w = worker;
            worker = undefined;
            workerStopping = w.stop();
            console.log('Email : la lecture de la boîte passe à un autre processus.');
          }
        },
      }),
    );
  }
  const outboxLease = keepLease(app.db, 'leader:outbox', { log });
  leases.push(outboxLease);
  const smtp = env.SMTP_URL ? smtpSender(env.SMTP_URL, env.MAIL_FROM, app.secret) : undefined;
  let outboxBusy = false;
  const outboxTimer = setInterval(async () => {
    if (outboxBusy || !outboxLease.held()) return;
    outboxBusy = true;
    try {
      const now = systemClock.now();
      await dispatchEvents(app, now);
      if (smtp) await sendEmailOutbox(app, smtp.send, now, (line) => console.error(line));
    } catch (error) {
      console.error(redact(`outbox : ${error instanceof Error ? error.message : String(error)}`));
    } finally {
      outboxBusy = false;
    }
  }, 250);

  // Nightly backups (BACKUP_DIR): today's is taken when missing (at start, then checked every 10 minutes).
  let backupTimer: NodeJS.Timeout | undefined;
  if (env.BACKUP_DIR) {
    const backupDir = env.BACKUP_DIR;
    const backupLease = keepLease(app.db, 'leader:backup', { log });
    leases.push(backupLease);
    let backupBusy = false;
    const backupNow = async () => {
      if (backupBusy || stopped || !backupLease.held()) return;
      backupBusy = true;
      try {
        const written = await nightlyBackup({ databaseUrl: app.databaseUrl, dir: backupDir, keep: env.BACKUP_KEEP, today: app.town.today(systemClock.now()) });
        if (written) console.log(`Sauvegarde : ${written} (les ${env.BACKUP_KEEP} dernières sont gardées).`);
      } catch (error) {
        console.error(`Sauvegarde impossible : ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        backupBusy = false;
      }
    };
    void backupLease.ready.then(backupNow);
    backupTimer = setInterval(() => void backupNow(), 10 * 60_000);
    backupTimer.unref();
  }

  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      console.log(`${signal} reçu : arrêt en cours…`);
      const force = setTimeout(() => {
        console.error('Arrêt forcé après 10 s.');
        process.exit(1);
      }, 10_000);
      force.unref();
      stopped = true;
      clearInterval(outboxTimer);
      if (backupTimer) clearInterval(backupTimer);
      await worker?.stop();
      await workerStopping;
      await telegram?.stop();
      while (outboxBusy) await new Promise((r) => setTimeout(r, 10));
      smtp?.close();
      clearInterval(reapTimer);
      await web.close();
      // The instance lease last: restore refuses until everything has stopped.
      for (const lease of [...leases].reverse()) await lease.stop();
      await app.close();
      console.log('Arrêté proprement.');
      // A Telegram still being retried (grammY's own backoff) must not keep the process alive.
      process.exit(0);
    })();
    return stopping;
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const address = await web.listen({ host: env.HOST, port: env.PORT });
  const staffCount = await app.db.staffUser.count();
  console.log(`Portail Famille — ${app.town.config.organisation}`);
  console.log(`Base de données : ${app.dbFile}`);
  console.log(`Processus : ${PROCESS_HOLDER}`);
  console.log(`Tableau de bord : ${address}/`);
  if (staffCount === 0) {
    console.log('Aucun compte agent : créez-en un avec « npm run admin -- staff-add prenom.nom@mairie.fr » (un mot de passe à usage unique s’affiche).');
  } else {
    console.log(`Connexion : avec un compte agent (${staffCount} compte(s) ; « npm run admin -- staff-add EMAIL » pour en ajouter).`);
  }
  if (!env.TELEGRAM_BOT_TOKEN) console.log('Telegram : désactivé (TELEGRAM_BOT_TOKEN absent).');
  else {
    console.log('Telegram : connexion au Bot API…');
    void startTelegram(0);
  }
  console.log(env.IMAP_URL ? `Email : lecture de ${new URL(env.IMAP_URL).host}${new URL(env.IMAP_URL).pathname} (par un seul des processus qui partagent la base).` : 'Email : désactivé (IMAP_URL absent).');
  console.log(env.SMTP_URL ? `Envoi des emails : ${new URL(env.SMTP_URL).host}.` : 'Envoi des emails : désactivé (SMTP_URL absent) ; les emails attendent dans la boîte d’envoi.');
  console.log(startupLine());
}

/** How long the start took, and whether the sources had to be built first (scripts/launch.mjs). */
function startupLine(): string {
  const ms = Math.round(process.uptime() * 1000);
  const built = process.env.PORTAIL_LAUNCH_BUILT === '1' ? ` dont compilation ${process.env.PORTAIL_LAUNCH_MS} ms` : '';
  return `Prêt en ${ms} ms${built}.`;
}

main().catch((error: unknown) => {
  console.error('Démarrage impossible :', error instanceof Error ? error.message : error);
  process.exit(1);
});
