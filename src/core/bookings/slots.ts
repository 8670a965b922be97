/** Shared steps of the booking use cases: expanding a request and loading what it touches. */
import type { ServiceConfig } from '../config.js';
import type { ChildId, FamilyId } from '../ids.js';
import { slotKey, type BookingRecord, type BookingStateName, type ChildRecord } from '../model.js';
import type { BookingTx } from '../ports.js';
import type { Reason } from '../reasons.js';
import type { IsoDate } from '../time.js';
import type { Town } from '../town.js';
import type { SchoolCalendar } from '../calendar.js';

export interface SlotRequest {
  childIds: readonly ChildId[];
  /** null: every service of the town. */
  serviceCodes: readonly string[] | null;
  dates: readonly IsoDate[];
  /** When set, children of other families are unknown (a guardian acts for their own family only). */
  familyId?: FamilyId;
}

export interface Loaded {
  children: Map<ChildId, ChildRecord>;
  calendar: SchoolCalendar;
  existing: Map<string, BookingRecord>;
  services: ServiceConfig[];
  unknownServices: string[];
  dates: IsoDate[];
  /** Per `dayKey`, the day counts of the request's services and dates, when the store read them with the rest. */
  dayCounts?: Map<string, Partial<Record<BookingStateName, number>>>;
}

/** Loads the children, closures and existing rows a request touches, inside the transaction. */
export async function loadSlots(tx: BookingTx, town: Town, req: SlotRequest): Promise<Loaded> {
  const dates = [...new Set(req.dates)].sort();
  const codes = req.serviceCodes ?? town.serviceList.map((s) => s.code);
  const services = codes.map((c) => town.service(c)).filter((s): s is ServiceConfig => s !== undefined);
  const unknownServices = codes.filter((c) => !town.service(c));
  const children = new Map<ChildId, ChildRecord>();
  if (tx.snapshot && dates.length > 0 && services.length > 0 && req.childIds.length > 0) {
    const from = dates[0]!;
    const to = dates[dates.length - 1]!;
    const s = await tx.snapshot({ childIds: [...new Set(req.childIds)], serviceCodes: services.map((sv) => sv.code), from, to });
    for (const c of s.children) if (req.familyId === undefined || c.familyId === req.familyId) children.set(c.id, c);
    const existing = new Map<string, BookingRecord>();
    for (const r of s.bookings) if (children.has(r.childId)) existing.set(slotKey(r.childId, r.serviceCode, r.date), r);
    return { children, calendar: town.calendar.withClosures(s.closures), existing, services, unknownServices, dates, dayCounts: s.dayCounts };
  }
  for (const c of await tx.children([...new Set(req.childIds)])) {
    if (req.familyId === undefined || c.familyId === req.familyId) children.set(c.id, c);
  }
  const existing = new Map<string, BookingRecord>();
  let calendar = town.calendar;
  if (dates.length > 0) {
    const from = dates[0]!;
    const to = dates[dates.length - 1]!;
    calendar = town.calendar.withClosures(await tx.closures(from, to));
    if (children.size > 0 && services.length > 0) {
      const rows = await tx.bookings({ childIds: [...children.keys()], serviceCodes: services.map((s) => s.code), from, to });
      for (const r of rows) existing.set(slotKey(r.childId, r.serviceCode, r.date), r);
    }
  }
  return { children, calendar, existing, services, unknownServices, dates };
}

/**
 * Visits every (child, service, day) of a request, in date, child, service
 * order; slots that cannot exist (unknown child or service) are reported
 * through `refuse`.
 */
export function forEachSlot(
  req: SlotRequest,
  loaded: Loaded,
  visit: (child: ChildRecord, service: ServiceConfig, date: IsoDate) => void,
  refuse: (childId: ChildId, serviceCode: string, date: IsoDate, reason: Reason) => void,
): void {
  const childIds = [...new Set(req.childIds)];
  for (const date of loaded.dates) {
    for (const childId of childIds) {
      const child = loaded.children.get(childId);
      if (!child) {
        refuse(childId, req.serviceCodes?.[0] ?? '*', date, { code: 'UNKNOWN_CHILD', childId });
        continue;
      }
      for (const code of loaded.unknownServices) refuse(childId, code, date, { code: 'UNKNOWN_SERVICE', serviceCode: code });
      for (const service of loaded.services) visit(child, service, date);
    }
  }
}
