/**
 * Which services a message is about, from the many words parents use, as
 * the town file lists them per service ("cantine", "repas", "il mangera",
 * "midi"; "garderie du matin", "breakfast club"; "accueil du soir",
 * "after-school"; "centre de loisirs", "Wednesday club"). A care word alone
 * ("garderie", "accueil") is vague and settled from the days named.
 */
import type { TownConfig } from '../config.js';
import { fold, type Token } from './normalize.js';
import { PhraseSet } from './phrases.js';

/** A service word or phrase found in the text. `code` null: a vague care word (morning or evening). */
export interface ServiceTag {
  code: string | null;
  start: number;
  end: number;
}

/** What a phrase of the service grammar names: a service of the town, a vague care word, or nothing. */
type ServiceValue = { code: string } | 'care' | 'none';

/** Phrases that hold a service word but name no service ("après-midi", "packed lunch"). */
const NEUTRAL_PHRASES: readonly string[] = [
  'apres midi|midis, bon|bonne appetit, bonne|bonnes soiree|soirees|matinee',
  'packed lunch|lunches, lunch box|boxes, lunchbox|picnic, panier|paniers repas, pique nique|niques',
  // What the child ate, in the past ("il a mangé une prune"): no booking.
  'a|ont|as|avons|avez|avait|avaient|aurait|auraient bien|deja|rien|pas|tout|trop|peu? mange|mangee|manges|mangees|dejeune, has|had|have eaten|ate',
  'ate|eaten',
  // A club or a centre of something else ("son club de foot", "le centre social", "football club"): no service of the town.
  'club|clubs|centre|centres|center de|du foot|football|judo|tennis|rugby|danse|musique|basket|handball|hand|natation|gym|gymnastique|theatre|sport|sports|equitation|karate|echecs|lecture|ados|jeunes',
  'centre|centres|center social|sociaux|medical|medico|hospitalier|commercial|ville|aquatique|equestre|culturel',
  'football|foot|soccer|judo|tennis|rugby|dance|drama|chess|swimming|swim|gym|sports|sport|book|music|coding|scout|scouts|cub|cubs club|clubs',
];
/** Care words that could mean the morning or the evening service, settled from the days and times named. */
const VAGUE_CARE_PHRASES: readonly string[] = [
  'garderie|garderies|accueil|accueils|periscolaire|peri|childcare|daycare|club|clubs, accueil periscolaire, child care',
];

/** A label as a phrase: folded, punctuation as spaces ("Garderie du soir" → "garderie du soir"). */
function labelPhrase(label: string): string {
  return fold(label)
    .replace(/['’]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const grammars = new WeakMap<TownConfig['services'], PhraseSet<ServiceValue>>();

/**
 * The town's service grammar, built once per configuration: neutral phrases first, then each
 * service's labels and `words` (config/town.json), then the vague care words.
 */
function grammarOf(services: TownConfig['services']): PhraseSet<ServiceValue> {
  let g = grammars.get(services);
  if (!g) {
    const entries: [string, ServiceValue][] = NEUTRAL_PHRASES.map((p) => [p, 'none']);
    for (const s of services) {
      const value = { code: s.code };
      for (const label of [s.label, s.shortLabel, s.labelEn]) {
        const phrase = labelPhrase(label);
        if (phrase !== '') entries.push([phrase, value]);
      }
      for (const w of s.words) entries.push([w, value]);
    }
    for (const p of VAGUE_CARE_PHRASES) entries.push([p, 'care']);
    g = new PhraseSet(entries);
    grammars.set(services, g);
  }
  return g;
}

const PARTITIVES = new Set(['de', 'du', 'des']);
const DEFINITE = new Set(['le', 'la', 'les', 'l']);
const MEAL_OR_WHEN = new Set(['repas', 'cantine', 'dejeuner', 'midi', 'midis', 'soir', 'soirs', 'matin', 'jour', 'jours', 'semaine', 'lendemain', 'mercredi', 'mercredis']);
const EATING_ADVERBS = new Set(['que', 'plus', 'moins', 'surtout', 'beaucoup', 'peu', 'trop', 'jamais', 'rien', 'pas', 'bien', 'mal', 'volontiers']);
/** Words after "manger du/de" that still say when: "il mangera du lundi au jeudi", "de nouveau". */
const WHEN_AFTER_PARTITIVE = new Set(['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'nouveau', 'temps', 'midi', 'semaine', 'journee', 'mois', 'periode', 'rentree', 'toute', 'tout', 'toutes', 'suite']);

/**
 * "il ne veut plus manger de légumes", "elle mange du poisson": a verb of eating with its food is
 * what the child eats, not the canteen (a weekday or a number after "du" still says when).
 */
export function eatsSomething(tokens: readonly Token[], start: number, end: number): boolean {
  if (end - start !== 1 || !tokens[start]!.norm.startsWith('mang')) return false;
  // ("ne mange que du pain", "mange surtout des pâtes", "mange plus de viande": the food after a word or two.)
  let at = end;
  while (at < end + 2 && EATING_ADVERBS.has(tokens[at]?.norm ?? '')) at++;
  const next = tokens[at];
  const food = tokens[at + 1];
  if (!!next && (next.norm === 'de' || next.norm === 'du') && (food?.norm === 'la' || food?.norm === 'l')) return tokens[at + 2]?.kind === 'word' && !WHEN_AFTER_PARTITIVE.has(tokens[at + 2]!.norm);
  // "Arthur ne mange pas les olives", "elle mange la purée": the food after an article, after a negation or an adverb
  // (not "ne mange pas le midi", "les jeudis", "le repas").
  if (at > end && !!next && DEFINITE.has(next.norm) && food?.kind === 'word' && !WHEN_AFTER_PARTITIVE.has(food.norm) && !MEAL_OR_WHEN.has(food.norm) && !/^(lun|mar|mer|jeu|ven)di/.test(food.norm)) return true;
  return !!next && PARTITIVES.has(next.norm) && !!food && food.kind === 'word' && !WHEN_AFTER_PARTITIVE.has(food.norm);
}

/** Vocabulary used by the town's service phrases (never read as first names). */
export function serviceVocabulary(services: TownConfig['services']): ReadonlySet<string> {
  return grammarOf(services).words();
}

/**
 * Every service word or phrase, longest first: "garderie du matin" gives the
 * morning service; "mercredi loisirs" and "Wednesday club" are the
 * Wednesday service (and their weekday is not a date).
 */
export function tagServices(tokens: readonly Token[], services: TownConfig['services']): ServiceTag[] {
  const out: ServiceTag[] = [];
  for (const m of grammarOf(services).scan(tokens)) {
    if (m.value === 'none') continue;
    if (eatsSomething(tokens, m.start, m.end)) continue;
    out.push({ code: m.value === 'care' ? null : m.value.code, start: m.start, end: m.end });
  }
  return out;
}

/** The care services clock times name: before 10 h is the morning, from 16 h the evening. */
export function careOfClockTimes(tokens: readonly Token[]): ReadonlySet<string> {
  const codes = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'time' || t.hour === undefined) continue;
    // "jusqu'à 6h30", "vers 5h": before 7 is no care's hour in the morning, so it is the evening's.
    if (t.hour < 7) codes.add('evening');
    else if (t.hour < 10) codes.add('morning');
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
