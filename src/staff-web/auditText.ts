/** Audit events in words: who, what, when, through which channel, before and after. */
import type { Town } from '../core/town.js';
import type { IsoDate } from '../core/time.js';
import type { Db } from '../db/database.js';
import { CHANNEL_LABELS, instantFr, longDate, mealLabel, numericDate, serviceShort, shortDate, stateLabel } from './format.js';
import { html, type Html } from './html.js';

const ACTIONS: Record<string, string> = {
  'booking.book': 'Réservation',
  'booking.cancel': 'Annulation',
  'booking.absence': 'Absence signalée',
  'booking.absence_justification': 'Justification d’absence',
  'waiting_list.promoted': 'Place libérée attribuée (liste d’attente)',
  'waiting_list.promoted_by_staff': 'Place donnée par un agent (liste d’attente)',
  'waiting_list.promoted_by_staff.over_capacity': 'Place donnée par un agent au-delà de la capacité',
  'family.create': 'Famille créée',
  'family.update': 'Famille modifiée',
  'guardian.code_issued': 'Code d’activation émis',
  'guardian.codes_batch': 'Lettres d’activation émises en lot',
  'guardian.link_telegram': 'Compte Telegram lié',
  'closure.add': 'Fermeture ajoutée',
  'closure.remove': 'Fermeture retirée',
  'staff.create': 'Compte agent créé',
  'staff.password_reset': 'Mot de passe agent réinitialisé',
  'staff.password_change': 'Mot de passe agent changé',
  'attendance.mark': 'Présence pointée (liste d’appel)',
  'staff_plan.set': 'Encadrement prévu (adultes) saisi',
  'staff.role_change': 'Rôle d’un agent changé',
  'staff.disable': 'Compte agent désactivé',
  'staff.enable': 'Compte agent réactivé',
  'conversation.applied_by_staff': 'Message appliqué depuis « Essayer l’assistant »',
  'email.not_acted': 'Email reçu, non appliqué',
  'family.erase': 'Famille effacée (données personnelles)',
  'privacy.retention': 'Durée de conservation appliquée',
};

/** "Annulation — hors délai (dérogation)" for "booking.cancel.override". */
export function actionLabel(action: string): string {
  const override = action.endsWith('.override');
  const base = override ? action.slice(0, -'.override'.length) : action;
  return `${ACTIONS[base] ?? base}${override ? ' — hors délai (dérogation)' : ''}`;
}

const KEYS: Record<string, string> = {
  name: 'nom',
  email: 'email',
  phone: 'téléphone',
  firstName: 'prénom',
  lastName: 'nom',
  birthDate: 'naissance',
  school: 'école',
  className: 'classe',
  mealType: 'régime',
  pai: 'PAI',
  reason: 'motif',
  date: 'jour',
  serviceCode: 'service',
  expiresAt: 'valable jusqu’au',
  replacedCodes: 'codes remplacés',
  guardianId: 'responsable',
  text: 'message',
  responsable: 'responsable',
  enfant: 'enfant',
  days: 'jours',
  guardians: 'responsables',
  children: 'enfants',
  bookingsKept: 'réservations gardées (anonymes)',
  conversationStates: 'conversations',
  inboundMessages: 'messages reçus',
  sentMessages: 'messages envoyés',
  domainEvents: 'notifications',
  auditDetails: 'détails du journal effacés',
  adults: 'adultes prévus',
};

/** An audit row as stored, with its JSON read. */
export interface AuditRow {
  id: number;
  at: Date;
  actorType: string;
  actorId: number | null;
  channel: string;
  action: string;
  familyId: number | null;
  before: unknown;
  after: unknown;
}

export interface Names {
  children: Map<number, string>;
  guardians: Map<number, string>;
  staff: Map<number, string>;
  families: Map<number, string>;
}

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/** Every number under a key named `key` in a parsed value. */
function idsUnder(value: unknown, key: string, out: Set<number>): Set<number> {
  if (Array.isArray(value)) for (const v of value) idsUnder(v, key, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key && typeof v === 'number') out.add(v);
      else idsUnder(v, key, out);
    }
  }
  return out;
}

/** Reads the JSON of stored rows and the names they refer to (children, guardians, staff, families), in four queries. */
export async function withNames(
  db: Db,
  stored: { id: number; at: Date; actorType: string; actorId: number | null; channel: string; action: string; familyId: number | null; before: string | null; after: string | null }[],
): Promise<{ rows: AuditRow[]; names: Names }> {
  const rows = stored.map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) }));
  const childIds = new Set<number>();
  const guardianIds = new Set<number>();
  for (const r of rows) {
    for (const v of [r.before, r.after]) {
      idsUnder(v, 'childId', childIds);
      idsUnder(v, 'guardianId', guardianIds);
    }
    if (r.actorType === 'guardian' && r.actorId !== null) guardianIds.add(r.actorId);
  }
  const staffIds = [...new Set(rows.filter((r) => r.actorType === 'staff' && r.actorId !== null).map((r) => r.actorId!))];
  const familyIds = [...new Set(rows.map((r) => r.familyId).filter((id): id is number => id !== null))];
  const [children, guardians, staff, families] = await Promise.all([
    db.child.findMany({ where: { id: { in: [...childIds] } }, select: { id: true, firstName: true, lastName: true } }),
    db.guardian.findMany({ where: { id: { in: [...guardianIds] } }, select: { id: true, name: true } }),
    db.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, email: true } }),
    db.family.findMany({ where: { id: { in: familyIds } }, select: { id: true, reference: true } }),
  ]);
  return {
    rows,
    names: {
      children: new Map(children.map((c) => [c.id, `${c.firstName} ${c.lastName}`])),
      guardians: new Map(guardians.map((g) => [g.id, g.name])),
      staff: new Map(staff.map((s) => [s.id, s.email])),
      families: new Map(families.map((f) => [f.id, f.reference])),
    },
  };
}

/** A before/after value in words. */
export function describeValue(value: unknown, names: Names, town: Town): Html {
  if (value === null || value === undefined) return html`<span class="muted">—</span>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return html`<span class="muted">—</span>`;
    return html`<ul>${value.map((v) => html`<li>${describeValue(v, names, town)}</li>`)}</ul>`;
  }
  if (typeof value !== 'object') return html`${String(value)}`;
  const o = value as Record<string, unknown>;
  // A group of booking rows: { childId, serviceCode, state, dates }.
  if (typeof o.childId === 'number' && typeof o.serviceCode === 'string' && typeof o.state === 'string') {
    // Single days, and runs of days ("2026-09-01/2027-07-02", with `days` counting them all).
    const dates = Array.isArray(o.dates) ? (o.dates as string[]) : typeof o.date === 'string' ? [o.date] : [];
    const day = (d: string) => {
      const [from, to] = d.split('/');
      return to ? `du ${shortDate(from as IsoDate)} au ${shortDate(to as IsoDate)}` : shortDate(d as IsoDate);
    };
    const shown = dates.slice(0, 12).map(day);
    const total = typeof o.days === 'number' ? o.days : dates.length;
    const state = o.state.includes(' ') ? o.state : stateLabel(o.state);
    return html`${names.children.get(o.childId) ?? `enfant n° ${o.childId}`} — ${serviceShort(town, o.serviceCode)} — ${state}${typeof o.reason === 'string' ? ` (« ${o.reason} »)` : ''} : ${shown.join(', ')}${dates.length > shown.length ? ' …' : ''}${total > shown.length ? ` (${total} jours)` : ''}`;
  }
  const entries = Object.entries(o).map(([k, v]) => {
    let text: Html | string;
    if (k === 'guardianId' && typeof v === 'number') text = names.guardians.get(v) ?? `n° ${v}`;
    else if (k === 'serviceCode') text = v === null ? 'tous les services' : serviceShort(town, String(v));
    else if (k === 'date' && typeof v === 'string') text = longDate(v as IsoDate);
    else if (k === 'birthDate' && typeof v === 'string') text = numericDate(v);
    else if (k === 'expiresAt' && typeof v === 'string') text = instantFr(new Date(v), town);
    else if (k === 'mealType' && typeof v === 'string') text = mealLabel(v);
    else if (typeof v === 'boolean') text = v ? 'oui' : 'non';
    else if (v !== null && typeof v === 'object') text = describeValue(v, names, town);
    else text = v === null ? '—' : String(v);
    return html`${KEYS[k] ?? k} : ${text}`;
  });
  return html`${entries.map((e, i) => html`${i ? ' ; ' : ''}${e}`)}`;
}

/** The activity table. */
export function auditTable(rows: AuditRow[], names: Names, town: Town, caption: string): Html {
  const who = (r: AuditRow) =>
    r.actorType === 'staff'
      ? `Agent ${names.staff.get(r.actorId!) ?? `n° ${r.actorId}`}`
      : r.actorType === 'guardian'
        ? `Responsable ${names.guardians.get(r.actorId!) ?? `n° ${r.actorId}`}`
        : 'Système';
  return html`<div class="table-wrap"><table><caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Quand</th><th scope="col">Qui</th><th scope="col">Canal</th><th scope="col">Quoi</th><th scope="col">Famille</th><th scope="col">Avant</th><th scope="col">Après</th></tr></thead>
<tbody>${rows.map(
    (r) => html`<tr><td>${instantFr(r.at, town)}</td><td>${who(r)}</td><td>${CHANNEL_LABELS[r.channel] ?? r.channel}</td><td>${actionLabel(r.action)}</td>
<td>${r.familyId !== null ? html`<a href="/familles/${r.familyId}">${names.families.get(r.familyId) ?? r.familyId}</a>` : html`<span class="muted">—</span>`}</td><td>${describeValue(r.before, names, town)}</td><td>${describeValue(r.after, names, town)}</td></tr>`,
  )}</tbody></table></div>`;
}
