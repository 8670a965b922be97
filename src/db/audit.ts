/** Audit events as rows: who changed what, when, through which channel. */
import type { AuditEntry } from '../core/ports.js';
import { sqliteExecute, type Tx } from './transaction.js';
import { providerOf } from './database.js';

/** DateTime as Prisma's SQLite adapter writes it. */
export function sqliteTimestamp(d: Date): string {
  return d.toISOString().replace('Z', '+00:00');
}

/**
 * Writes the entries in one statement. Every booking request writes one,
 * and Prisma's createMany costs three times a raw insert there, so the rows
 * travel as one JSON argument that SQLite unpacks (as bookings do; on
 * PostgreSQL, json_array_elements or createMany).
 */
export async function writeAudit(tx: Tx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (providerOf(tx) === 'postgresql') {
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
    return;
  }
  const rows = entries.map((e) => [
    sqliteTimestamp(e.at),
    e.actor.type,
    e.actor.type === 'system' ? null : e.actor.id,
    e.channel,
    e.action,
    e.familyId,
    e.before === null ? null : JSON.stringify(e.before),
    e.after === null ? null : JSON.stringify(e.after),
  ]);
  await sqliteExecute(tx, 
    `INSERT INTO "AuditEvent" ("at", "actorType", "actorId", "channel", "action", "familyId", "before", "after")
     SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7 FROM json_each(?)`,
    JSON.stringify(rows),
  );
}
