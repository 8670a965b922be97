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
import { ServiceLeases } from './db/serviceLease.js';
import { PROCESS_ID } from './outbox/sendDue.js';
import { MailWorker } from './mail/mailWorker.js';
import { sendEmailOutbox, smtpSender } from './mail/sendMail.js';
import { dispatchEvents } from './notifications.js';
import { redact } from './core/privacy/redact.js';

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
  // The service's lease, kept fresh: admin commands see a service runs and leave
  // their mail to it. The claims of a service that died are taken back here.
  const leases = new ServiceLeases(app.db);
  const outboxStore = new PrismaOutboxStore(app.db);
  const beat = async () => {
    const now = systemClock.now();
    await leases.beat('service', PROCESS_ID, now, 20_000);
    const freed = await outboxStore.releaseHolders(await leases.reapDead(now));
    if (freed > 0) console.error(`outbox : ${freed} message(s) d’un processus arrêté repris.`);
  };
  await beat();
  const beatTimer = setInterval(() => void beat().catch((error: unknown) => console.error(`bail du service : ${error instanceof Error ? error.message : String(error)}`)), 5_000);
  // The letters' Telegram links: TELEGRAM_BOT_USERNAME, else the running bot's name once it answered.
  const web = buildStaffWeb({ app, clock: systemClock, env, botUsername: () => telegram?.bot.botInfo.username });
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
        log: (line) => console.error(line),
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
  const mailOptions = { app, clock: systemClock, mailFrom: env.MAIL_FROM, authservId: env.MAIL_AUTHSERV_ID, secret, log: (line: string) => console.error(line) };
  const worker = env.IMAP_URL ? new MailWorker({ ...mailOptions, imapUrl: env.IMAP_URL }) : undefined;
  const smtp = env.SMTP_URL ? smtpSender(env.SMTP_URL, env.MAIL_FROM) : undefined;
  let outboxBusy = false;
  const outboxTimer = setInterval(async () => {
    if (outboxBusy) return;
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
      await worker?.stop();
      await telegram?.stop();
      while (outboxBusy) await new Promise((r) => setTimeout(r, 10));
      smtp?.close();
      clearInterval(beatTimer);
      await leases.end('service', PROCESS_ID).catch(() => {});
      await web.close();
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
  worker?.start();
  console.log(env.IMAP_URL ? `Email : lecture de ${new URL(env.IMAP_URL).host}${new URL(env.IMAP_URL).pathname}.` : 'Email : désactivé (IMAP_URL absent).');
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
