import { slotKey, type Actor, type Channel } from '../model.js';
import type { BookingStore } from '../ports.js';
import type { ChildId } from '../ids.js';
import type { IsoDate } from '../time.js';
import type { Town } from '../town.js';
import { Changes } from './changes.js';
import { loadSlots } from './slots.js';

export type JustifyOutcome = { childId: ChildId; serviceCode: string; date: IsoDate; outcome: 'updated' | 'unchanged' | 'not_absent' };

/**
 * Staff decide whether an absence is justified (a medical certificate) or
 * not, which is what billing needs; `null` puts it back to undecided.
 */
export async function justifyAbsences(
  deps: { store: BookingStore; town: Town },
  input: { actor: Extract<Actor, { type: 'staff' }>; channel: Channel; now: Date; childId: ChildId; serviceCodes: readonly string[]; dates: readonly IsoDate[]; justified: boolean | null },
): Promise<JustifyOutcome[]> {
  return deps.store.write(async (tx) => {
    const loaded = await loadSlots(tx, deps.town, { childIds: [input.childId], serviceCodes: input.serviceCodes, dates: input.dates });
    const out: JustifyOutcome[] = [];
    const changes = new Changes();
    for (const date of loaded.dates) {
      for (const service of loaded.services) {
        const slot = { childId: input.childId, serviceCode: service.code, date };
        const row = loaded.existing.get(slotKey(input.childId, service.code, date));
        if (row?.state !== 'absent') {
          out.push({ ...slot, outcome: 'not_absent' });
          continue;
        }
        if (row.justified === input.justified) {
          out.push({ ...slot, outcome: 'unchanged' });
          continue;
        }
        changes.change(slot, row.id, 'absent', { state: 'absent', reason: row.reason, justified: input.justified }, {
          before: `absent (${justification(row.justified)})`,
          after: `absent (${justification(input.justified)})`,
        });
        out.push({ ...slot, outcome: 'updated' });
      }
    }
    await changes.commit(tx, { town: deps.town, calendar: loaded.calendar, children: loaded.children }, input, 'booking.absence_justification');
    return out;
  });
}

function justification(j: boolean | null): string {
  return j === null ? 'à décider' : j ? 'justifiée' : 'non justifiée';
}
