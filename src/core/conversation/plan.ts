/**
 * From a plan to what happens next: ask for what is missing (which child,
 * which service, which day), summarise and ask to confirm what is large,
 * apply the rest.
 */
import { listBookings } from '../bookings/listBookings.js';
import { ChildId } from '../ids.js';
import { capitalize, type PlanLine } from '../replies/catalogue.js';
import type { IsoDate } from '../time.js';
import { apply } from './apply.js';
import { leftOutLines } from './leftOut.js';
import { encodeButton } from './buttons.js';
import type { Session } from './session.js';
import { CONFIRM_ABOVE, minutesLater, pendingMinutes, type Planned } from './state.js';
import { merge, reply, type Button, type Reply } from './types.js';

/** What a plan needs said before it can be acted on. */
export interface PlanContext {
  /** Replies to put before this one (lists, information, a dropped question). */
  before: Reply[];
  /** First names written that are not the family's children (said before asking which child). */
  unknownNames?: string[];
}

/** Asks for what is missing, asks to confirm what is large, applies the rest. */
export async function proceed(s: Session, actions: Planned[], ctx: PlanContext): Promise<Reply> {
  const unknown = ctx.unknownNames ?? [];
  if (unknown.length === 0 && s.children.length === 1) for (const a of actions) if (!a.childIds?.length) a.childIds = [s.children[0]!.id];
  // A name that is no child of the family: said so, with the names known; nothing is guessed and
  // nothing changes: which child is asked, the family's children as the choices (even when it has one).
  if (unknown.length > 0 && actions.some((a) => !a.childIds?.length)) {
    return merge(s.lang, [...ctx.before, reply(s.lang, 'information', s.words.unknownChildrenAsk(unknown, s.names())), ask(s, 'child', actions)]);
  }
  if (actions.some((a) => !a.childIds || a.childIds.length === 0)) return merge(s.lang, [...ctx.before, ask(s, 'child', actions)]);
  for (const a of actions) if (a.intent === 'book' && !a.services?.length) a.services = onlyServiceOn(s, a);
  if (actions.some((a) => a.intent === 'book' && !a.services?.length)) return merge(s.lang, [...ctx.before, ask(s, 'service', actions)]);
  if (actions.some((a) => !a.dates?.length)) return merge(s.lang, [...ctx.before, ask(s, 'date', actions)]);
  // A plan that cannot change more than CONFIRM_ABOVE bookings is applied without reading what it would change first.
  if (!s.confirmFirst && mostChanges(s, actions) <= CONFIRM_ABOVE) return merge(s.lang, [...ctx.before, await apply(s, actions)]);
  const lines = await effects(s, actions);
  const size = lines.reduce((n, l) => n + l.count, 0);
  if (size > CONFIRM_ABOVE || s.confirmFirst) return merge(s.lang, [...ctx.before, askConfirm(s, actions, size, lines)]);
  return merge(s.lang, [...ctx.before, await apply(s, actions)]);
}

/**
 * A booking that names no service, on days where a single service runs (the Wednesday club on
 * Wednesdays), is that service: the same one, the only one running on every one of its days, and
 * one the parent's vague word can mean. Null otherwise (the assistant asks).
 */
export function onlyServiceOn(s: Session, a: Planned): string[] | null {
  if (!a.dates?.length) return null;
  let only: string | null = null;
  for (const d of a.dates) {
    const running = s.town.serviceList.filter((svc) => s.town.calendar.runs(svc, d));
    if (running.length !== 1 || (only !== null && running[0]!.code !== only)) return null;
    only = running[0]!.code;
  }
  if (only === null || (a.serviceOptions?.length && !a.serviceOptions.includes(only))) return null;
  return [only];
}

/** The most bookings a plan can change: every child, service and day it names (`effects` counts those that would). */
function mostChanges(s: Session, actions: readonly Planned[]): number {
  return actions.reduce((n, a) => n + (a.childIds?.length ?? 0) * (a.services?.length || s.town.serviceList.length) * (a.dates?.length ?? 0), 0);
}

function pending(s: Session, kind: 'child' | 'service' | 'date' | 'confirm', actions: Planned[]): string {
  const id = s.deps.newId();
  s.state.pending = { id, kind, actions, expiresAt: minutesLater(s.now, pendingMinutes(s.input.channel)), lang: s.lang };
  return id;
}

function dropButton(s: Session, id: string): Button {
  const action = { kind: 'drop', pendingId: id } as const;
  return { label: s.words.buttons.drop, data: encodeButton(action), keyword: s.words.keywords.no };
}

/** Puts a question to the guardian; the plan waits in the state for the answer. */
export function ask(s: Session, kind: 'child' | 'service' | 'date', actions: Planned[]): Reply {
  const id = pending(s, kind, actions);
  const summary = describe(s, actions);
  switch (kind) {
    case 'child': {
      const buttons: Button[] = s.children.map((c, i) => {
        const action = { kind: 'child', pendingId: id, child: c.id as number } as const;
        return { label: c.firstName, data: encodeButton(action), keyword: String(i + 1) };
      });
      if (s.children.length > 1) {
        const all = { kind: 'child', pendingId: id, child: 'all' } as const;
        buttons.push({ label: s.words.buttons.all, data: encodeButton(all), keyword: String(s.children.length + 1) });
      }
      const text = `${s.words.ask.child(summary)}\n${s.words.childChoices(s.names())}`;
      return reply(s.lang, 'question', text, [buttons, [dropButton(s, id)]]);
    }
    case 'service': {
      const buttons: Button[] = serviceChoices(s, actions).map((svc, i) => {
        const action = { kind: 'service', pendingId: id, serviceCode: svc.code } as const;
        return { label: capitalize(s.serviceName(svc.code)), data: encodeButton(action), keyword: String(i + 1) };
      });
      return reply(s.lang, 'question', s.words.ask.service(summary), [...pairs(buttons), [dropButton(s, id)]]);
    }
    case 'date':
      return reply(s.lang, 'question', s.words.ask.date(summary), [[dropButton(s, id)]]);
  }
}

/**
 * The services a "which service?" question offers: when every request lacking one said a vague
 * word ("garderie"), only the services that word can mean (morning or evening care that runs
 * those days); else every service of the town.
 */
export function serviceChoices(s: Session, actions: readonly Planned[]): Session['town']['serviceList'] {
  const lacking = actions.filter((a) => a.intent === 'book' && !a.services?.length);
  if (lacking.length === 0 || lacking.some((a) => !a.serviceOptions?.length)) return s.town.serviceList;
  const options = new Set(lacking.flatMap((a) => a.serviceOptions!));
  const offered = s.town.serviceList.filter((svc) => options.has(svc.code));
  return offered.length > 0 ? offered : s.town.serviceList;
}

/** Asks to confirm a plan: a large one summarised per child and service; one from an unproven sender, whatever its size. */
export function askConfirm(s: Session, actions: Planned[], size: number, lines: PlanLine[]): Reply {
  const id = pending(s, 'confirm', actions);
  const confirm = { kind: 'confirm', pendingId: id } as const;
  if (s.confirmFirst) {
    return reply(s.lang, 'confirm', s.words.confirmUnverified(describe(s, actions)), [
      [{ label: s.words.buttons.confirm, data: encodeButton(confirm), keyword: s.words.keywords.yes }, dropButton(s, id)],
    ]);
  }
  const summary = s.words.confirm(size, lines).split('\n');
  const text = [...summary.slice(0, -1), ...leftOutLines(s, actions), summary[summary.length - 1]!].join('\n');
  return reply(s.lang, 'confirm', text, [
    [{ label: s.words.buttons.confirm, data: encodeButton(confirm), keyword: s.words.keywords.yes }, dropButton(s, id)],
  ]);
}

/** A short summary of planned actions: "réserver cantine pour Léa le jeudi 3 décembre". */
export function describe(s: Session, actions: readonly Planned[]): string {
  return actions
    .map((a) =>
      s.words.planSummary({
        intent: a.intent,
        services: a.services?.length ? a.services.map((c) => s.serviceName(c)).join(', ') : null,
        children: a.childIds?.length ? s.words.list(a.childIds.map(s.childName)) : '',
        when: a.dates?.length ? s.words.dates(a.dates) : '',
      }),
    )
    .join(' ; ');
}

/**
 * What a plan would change, per child, intent and service, with the days:
 * the bookings a booking adds on days the service runs, the bookings a
 * cancellation or an absence touches (those that exist).
 */
export async function effects(s: Session, actions: readonly Planned[]): Promise<PlanLine[]> {
  const groups = new Map<string, { childId: number; intent: Planned['intent']; code: string | null; dates: Set<IsoDate> }>();
  const add = (childId: number, intent: Planned['intent'], code: string | null, date: IsoDate) => {
    const key = `${childId}|${intent}|${code}`;
    const g = groups.get(key) ?? { childId, intent, code, dates: new Set<IsoDate>() };
    g.dates.add(date);
    groups.set(key, g);
  };
  for (const a of actions) {
    const dates = a.dates ?? [];
    if (dates.length === 0) continue;
    if (a.intent === 'book') {
      for (const code of a.services ?? []) {
        const service = s.town.service(code);
        if (!service) continue;
        for (const d of dates) if (s.town.calendar.runs(service, d)) for (const c of a.childIds ?? []) add(c, 'book', code, d);
      }
    } else {
      const rows = await listBookings({ store: s.deps.store }, { childIds: (a.childIds ?? []).map(ChildId), from: dates[0]!, to: dates[dates.length - 1]! });
      const set = new Set(dates);
      for (const r of rows) {
        if (!set.has(r.date) || r.state === 'cancelled' || (a.services && !a.services.includes(r.serviceCode))) continue;
        if (a.intent === 'absence' && r.state === 'absent') continue;
        add(r.childId, a.intent, r.serviceCode, r.date);
      }
    }
  }
  return [...groups.values()].map((g) => {
    const service = g.code ? s.town.service(g.code) : undefined;
    return {
      child: s.childName(g.childId),
      intent: g.intent,
      service: g.code ? s.serviceName(g.code) : null,
      feminine: service?.feminine ?? true,
      when: s.words.dates([...g.dates]),
      count: g.dates.size,
    };
  });
}

function pairs<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += 2) out.push(items.slice(i, i + 2));
  return out;
}
