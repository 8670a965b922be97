/**
 * The town's retention rule, applied every night by `npm start` at the
 * town file's `retention.runAt` (town time), and once shortly after start
 * so that a server that was off at night catches up. Wiring, in main.ts:
 *
 *   const retention = startNightlyRetention({ app, clock: systemClock, log: (l) => console.log(l) });
 *   // …and when stopping: retention.stop();
 *
 * Each run is one transaction (src/db/privacyStore.ts) and is safe to repeat,
 * so several processes on one database may all run it.
 */
import type { App } from './app.js';
import { applyRetention, nextRetentionRun } from './core/privacy/applyRetention.js';
import type { RetentionCounts } from './core/privacy/ports.js';
import type { Clock } from './core/time.js';
import { PrismaPrivacyStore } from './db/privacyStore.js';

export interface NightlyRetention {
  /** Runs it now (also what the timer calls). */
  runNow(): Promise<RetentionCounts>;
  /** When the next run is due. */
  readonly nextRunAt: Date;
  stop(): void;
}

/** Schedules the retention; `firstRunAfterMs` (default 60 s) delays the catch-up run after start. */
export function startNightlyRetention(opts: { app: App; clock: Clock; log: (line: string) => void; firstRunAfterMs?: number }): NightlyRetention {
  const { app, clock, log } = opts;
  const store = new PrismaPrivacyStore(app.db);
  const rule = app.town.config.retention;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<RetentionCounts> | undefined;
  let nextRunAt = new Date(clock.now().getTime() + (opts.firstRunAfterMs ?? 60_000));

  const runNow = () => {
    running ??= applyRetention({ store, town: app.town }, { now: clock.now() })
      .then((c) => {
        const total = Object.values(c).reduce((n, v) => n + v, 0);
        if (total > 0) {
          log(`Conservation : ${c.inboundMessages} message(s) reçu(s), ${c.mailSenderDays} compteur(s) d’adresse, ${c.conversationStates} conversation(s), ${c.sentMessages} message(s) envoyé(s), ${c.domainEvents} notification(s) supprimés ; ${c.auditDetails} détail(s) du journal effacé(s).`);
        }
        return c;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    // setTimeout's delay is capped at about 24.8 days; a night is far less.
    timer = setTimeout(async () => {
      try {
        await runNow();
      } catch (error) {
        log(`Conservation : échec (${error instanceof Error ? error.message : String(error)}), nouvel essai la nuit prochaine.`);
      }
      nextRunAt = nextRetentionRun(rule, clock.now(), app.town.timeZone);
      schedule();
    }, Math.max(0, nextRunAt.getTime() - clock.now().getTime()));
    timer.unref();
  };
  schedule();

  return {
    runNow,
    get nextRunAt() {
      return nextRunAt;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
