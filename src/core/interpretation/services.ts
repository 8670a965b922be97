/**
 * Which services a message is about, from the many words parents use:
 * "cantine", "repas", "il mangera", "midi" (canteen); "garderie du matin",
 * "breakfast club" (morning); "accueil du soir", "after-school" (evening);
 * "centre de loisirs", "Wednesday club" (wednesday). A care word alone
 * ("garderie", "accueil") is vague and settled from the days named.
 */
import type { Token } from './normalize.js';
import { PhraseSet } from './phrases.js';

/** A service word or phrase found in the text. `code` null: a vague care word (morning or evening). */
export interface ServiceTag {
  code: string | null;
  start: number;
  end: number;
}

type ServiceValue = 'canteen' | 'morning' | 'evening' | 'wednesday' | 'care' | 'none';

const SERVICE_PHRASES = new PhraseSet<ServiceValue>([
  // Neutral phrases that contain a service word but mean something else.
  ['apres midi|midis, bon|bonne appetit, bonne|bonnes soiree|soirees|matinee', 'none'],
  ['packed lunch|lunches, lunch box|boxes, lunchbox|picnic, panier|paniers repas, pique nique|niques', 'none'],
  ['petit dejeuner|dej, breakfast club|clubs?, before|avant school|le|la ecole|classe club|care|childcare?', 'morning'],
  ['early drop off|dropoff, morning|mornings club|care|childcare, matin|matins|morning|mornings|breakfast|breakfasts', 'morning'],
  ['after school|schools club|clubs|care|childcare?, afterschool club|care|childcare?, apres le|la ecole|classe', 'evening'],
  ['sortie de le|la ecole|classe, after care, aftercare, late club, soir|soirs|evening|evenings|tonight|etude|etudes', 'evening'],
  ['picked|pick|collected up? early, recupere|recuperee|recuperes|recuperees|recuperer plus tot', 'evening'],
  ['stay|stays|staying late, late pick up|pickup', 'evening'],
  ['cantine|cantines|canteen|canteens|cafeteria|refectoire|self|cantina|cantinne|cantinee', 'canteen'],
  ['restauration|restaurant scolaire, resto, pause meridienne', 'canteen'],
  ['repas|repa|dejeuner|dejeuners|dej|lunch|lunches|lunchtime|meal|meals|midi|midis|noon', 'canteen'],
  ['school dinner|dinners, ~mang, ~dejeun, eat|eats|eating', 'canteen'],
  ['centre|center|centres de|du loisirs|loisir, centre|center aere, centre|center, accueil|accueils de loisirs|loisir', 'wednesday'],
  ['loisirs|loisir|alsh|clsh, mercredi|mercredis loisirs|loisir', 'wednesday'],
  ['club|accueil|garderie|centre|loisirs du|le mercredi|mercredis', 'wednesday'],
  ['wednesday|wednesdays club|clubs|care|childcare, holiday club|clubs, play scheme, playscheme', 'wednesday'],
  ['garderie|garderies|accueil|accueils|periscolaire|peri|childcare|daycare|club|clubs, accueil periscolaire, child care', 'care'],
]);

/** Vocabulary used by the service phrases (never read as first names). */
export function serviceVocabulary(): ReadonlySet<string> {
  return SERVICE_PHRASES.words();
}

/**
 * Every service word or phrase, longest first: "garderie du matin" gives a
 * care word and "matin"; "mercredi loisirs" and "Wednesday club" are the
 * Wednesday service (and their weekday is not a date).
 */
export function tagServices(tokens: readonly Token[]): ServiceTag[] {
  const out: ServiceTag[] = [];
  for (const m of SERVICE_PHRASES.scan(tokens)) {
    if (m.value === 'none') continue;
    out.push({ code: m.value === 'care' ? null : m.value, start: m.start, end: m.end });
  }
  return out;
}

/** The care services clock times name: before 10 h is the morning, from 16 h the evening. */
export function careOfClockTimes(tokens: readonly Token[]): ReadonlySet<string> {
  const codes = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'time' || t.hour === undefined) continue;
    if (t.hour < 10) codes.add('morning');
    else if (t.hour >= 16) codes.add('evening');
  }
  return codes;
}

/**
 * The services that a set of tags names for sure, and whether a vague care word is left
 * unresolved; `clockCare` (from `careOfClockTimes`) settles a vague care word.
 */
export function readServices(tags: readonly ServiceTag[], clockCare: ReadonlySet<string>): { codes: Set<string>; vagueCare: boolean } {
  const codes = new Set<string>();
  let care = false;
  for (const t of tags) {
    if (t.code === null) care = true;
    else codes.add(t.code);
  }
  let vagueCare = care && !codes.has('morning') && !codes.has('evening') && !codes.has('wednesday');
  if (vagueCare && clockCare.size > 0) {
    for (const c of clockCare) codes.add(c);
    vagueCare = false;
  }
  return { codes, vagueCare };
}

/** When a service starts on its days, in minutes after midnight (town time), from the town configuration. */
export function serviceStart(service: { startsAt: string }): number {
  const [h, m] = service.startsAt.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
