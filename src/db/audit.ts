/** Audit events as rows: who changed what, when, through which channel. */
import type { AuditEntry } from '../core/ports.js';
import type { Tx } from './transaction.js';

export async function writeAudit(tx: Tx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditEvent.createMany({
    data: entries.map((e) => ({
      at: e.at,
      actorType: e.actor.type,
      actorId: e.actor.type === 'system' ? null : e.actor.id,
      channel: e.channel,
      action: e.action,
      familyId: e.familyId,
      before: e.before === null ? null : JSON.stringify(e.before),
      after: e.after === null ? null : JSON.stringify(e.after),
    })),
  });
}
