import type { ChildId, FamilyId } from '../ids.js';
import type { BookingListRow, BookingStore } from '../ports.js';
import type { IsoDate } from '../time.js';

/**
 * A family's bookings (or some of its children's), sorted by date, then
 * first name, then service; every state, cancelled ones included.
 */
export async function listBookings(
  deps: { store: BookingStore },
  q: { familyId?: FamilyId; childIds?: readonly ChildId[]; from?: IsoDate; to?: IsoDate },
): Promise<BookingListRow[]> {
  const rows = await deps.store.list(q);
  return rows.sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      a.firstName.localeCompare(b.firstName, 'fr') ||
      (a.serviceCode < b.serviceCode ? -1 : a.serviceCode > b.serviceCode ? 1 : 0),
  );
}
