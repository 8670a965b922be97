/**
 * The town's retention rule (`retention` in the town file), applied: what is
 * past its time goes, bookings and attendance stay. Runs every night; the
 * clock is passed in.
 */
import type { RetentionConfig } from '../config.js';
import type { Town } from '../town.js';
import { addDays, zonedDate, zonedInstant } from '../time.js';
import type { PrivacyStore, RetentionCounts, RetentionCutoffs } from './ports.js';

const DAY = 86_400_000;

/** The instants before which each kind of data goes, `now` being the run's. */
export function retentionCutoffs(rule: RetentionConfig, now: Date): RetentionCutoffs {
  const before = (days: number) => new Date(now.getTime() - days * DAY);
  return {
    inboundMessagesBefore: before(rule.inboundMessagesDays),
    conversationStatesBefore: before(rule.conversationStatesDays),
    sentMessagesBefore: before(rule.sentMessagesDays),
    auditDetailsBefore: before(rule.auditDetailsDays),
  };
}

/** The next run after `now`: `runAt` on the town's wall clock, today or tomorrow. */
export function nextRetentionRun(rule: RetentionConfig, now: Date, timeZone: string): Date {
  const today = zonedDate(now, timeZone);
  const todays = zonedInstant(today, rule.runAt, timeZone);
  return todays.getTime() > now.getTime() ? todays : zonedInstant(addDays(today, 1), rule.runAt, timeZone);
}

/**
 * Removes what the town's rule says is past its time, in one transaction,
 * and records that it ran (an audit event with the counts, nothing personal).
 */
export async function applyRetention(deps: { store: PrivacyStore; town: Town }, input: { now: Date }): Promise<RetentionCounts> {
  const counts = await deps.store.purge(retentionCutoffs(deps.town.config.retention, input.now));
  if (Object.values(counts).some((n) => n > 0)) {
    await deps.store.audit([{ at: input.now, actor: { type: 'system' }, channel: 'system', action: 'privacy.retention', familyId: null, before: null, after: counts }]);
  }
  return counts;
}
