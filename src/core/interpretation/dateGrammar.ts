/**
 * The date grammar: a small parser over folded tokens for the ways parents
 * name days in French and English (a day, a weekday, a range, a week, a
 * month, a recurrence, an exception…). It gives date items; turning a
 * clause's items into days is `dateResolution.ts`.
 */
import { addDays, isoWeekday, type IsoDate } from '../time.js';
import {
  anyServiceRuns,
  holidaysAfter,
  lastOfMonth,
  makeDate,
  mondayOf,
  rentree,
  resolvePartial,
  todayStillOpen,
  weekdayOnOrAfter,
  ymd,
  type DateContext,
  type PartialDate,
} from './calendarDays.js';
import { MONTHS, NUMBER_WORDS, TAKE_BACK_WORDS, WEAK_MONTHS, WEEKDAYS } from './lexicon.js';
import { fold, isSentenceEnd, type Token } from './normalize.js';
import { EN_HUIT, resolveWeekday } from './dateResolution.js';

/** An end of a range or of a "from"/"until": a concrete day or a weekday still to place. */
export type DayRef =
  | { kind: 'date'; date: IsoDate }
  | { kind: 'weekday'; wd: number; shift: number }
  /** The end of the week or month of the period's start ("jusqu'à la fin du mois"). */
  | { kind: 'end'; unit: 'week' | 'month' };

type ItemBody =
  | { kind: 'dates'; dates: IsoDate[] }
  /** `following`: "le lundi suivant", "the following Monday": the week after that weekday named before. */
  | { kind: 'weekday'; wd: number; shift: number; following?: boolean; generic?: boolean }
  | { kind: 'range'; from: DayRef; to: DayRef }
  /** `loose`: "toute la semaine" with no "cette" or "prochaine": the week of a day said beside it, when one is. */
  | { kind: 'span'; from: IsoDate; to: IsoDate; scope: 'week' | 'month' | 'holiday'; loose?: boolean }
  | { kind: 'from'; ref: DayRef }
  /** `returning`: said as a return ("ne revient qu'à partir du 14"): the days before it are an absence. */
  | { kind: 'until'; ref: DayRef; returning?: boolean }
  /** `step` 2: every other week ("un jeudi sur deux"), from the first of those days. */
  | { kind: 'every'; weekdays: number[] | null; step?: number }
  | { kind: 'nextN'; wd: number; count: number }
  | { kind: 'except'; weekdays: number[]; dates: IsoDate[] }
  /** `period`: "pour la même période", "for the same period": the bounds of the period said before. */
  | { kind: 'anaphor'; period?: boolean; wd?: number }
  /** "à la rentrée", "après les vacances de printemps": that day, or the week from it for weekdays named beside it. */
  | { kind: 'anchor'; date: IsoDate; frame?: boolean };

/** One date expression of the text, over tokens [start, end). */
export type DateItem = ItemBody & { start: number; end: number };

/** Units an ordinal word counts ("first week"), that no day number precedes. */
const ORDINAL_UNITS = new Set(['week', 'semaine', 'time', 'fois', 'term', 'trimestre', 'month', 'mois', 'year', 'annee']);
const UNIT_WORDS = new Set([
  'h', 'heure', 'heures', 'ans', 'an', 'euros', 'euro', 'eur', 'enfants', 'enfant', 'fois', 'jours', 'semaines', 'mois',
  'minutes', 'min', 'personnes', 'kids', 'children', 'years', 'year', 'days', 'weeks', 'times', 'hours', 'months', 'repas', 'meals',
]);
const DAY_LEADS = new Set(['le', 'les', 'the', 'on', 'du', 'des', 'au', 'ce', 'this']);
const ARTICLES = new Set(['le', 'la', 'les', 'the', 'on', 'l']);
const LIST_SEPARATORS = new Set([',', 'et', 'and', '&', 'ni', 'ou', 'or', '/', '+']);
const RANGE_PREFIXES = new Set(['du', 'de', 'des', 'from', 'entre', 'between', 'depuis']);
const MONTH_PREPS = new Set(['en', 'in', 'de', 'du', 'of', 'during', 'pendant', 'durant', 'pour', 'for', 'until', 'till', 'from', 'mois', 'courant', 'fin', 'debut', 'end', 'early', 'late', 'throughout', 'since', 'by']);
/** Word sets the grammar skips or accepts at some positions (built once). */
const HOLIDAY_LEADS = new Set(['les', 'la', 'le', 'the', 'aux', 'au', 'a']);
const END_LEADS = new Set(['la', 'the', 'a']);
const END_OF_LINKS = new Set(['de', 'du', 'of', 'la', 'le', 'the', 'l', 'this']);
const UNTIL_LEADS = new Set(['le', 'the', 'au', 'a']);
const WEEK_PREFIXES = new Set(['toute', 'tout', 'toutes', 'la', 'le', 'cette', 'cet', 'ce', 'this', 'the', 'whole', 'all', 'of', 'next', 'following', 'coming', 'de', 'du', 'entire', 'rest']);
const ORDINAL_WEEK_LEADS = new Set(['la', 'le', 'the']);
const MONTH_PREFIXES = new Set(['tout', 'toute', 'le', 'au', 'du', 'de', 'd', 'en', 'in', 'of', 'during', 'pendant', 'durant', 'pour', 'for', 'courant', 'all', 'the', 'throughout', 'month', 'mois']);
const WEEKDAY_LIST_ARTICLES = new Set(['le', 'les', 'on']);
const EXCEPT_LEADS = new Set(['le', 'la', 'les', 'the', 'on', 'pour', 'for', 'du']);
const EXCEPT_LIST_ARTICLES = new Set(['le', 'la', 'les', 'the', 'on']);
const HOLIDAY_ARTICLES = new Set(['les', 'the']);
const REST_LEADS = new Set(['pour', 'for', 'le', 'the', 'tout', 'all']);
/** Words before "de la semaine" that name a part of any week, not this one. */
const EVERY_DAY_OF = new Set(['jours', 'soirs', 'matins', 'midis']);
const WEEK_PARTS = new Set(['jour', 'jours', 'day', 'days', 'fin', 'debut', 'milieu', 'end', 'start', 'middle', 'reste', 'rest', 'moitie', 'half', 'matin', 'matins', 'soir', 'soirs']);
/** Words after "mois" that make it another month than this one. */
const MONTH_FOLLOWERS = new Set(['de', 'd', 'prochain', 'dernier', 'suivant', 'precedent', 'passe', 'after', 'next', 'last', 'of']);
/** At most this many words before "semaine" or a month ("pour toute la semaine", "pendant tout le mois de"). */
const MAX_PREFIXES = 5;
const HOLIDAY_WORDS = new Set(['vacances', 'holidays', 'holiday', 'break', 'hols', 'conges']);

/** Places a child comes back to: "elle ne revient à l'école qu'à partir de jeudi". */
const RETURN_PLACES = new Set(['ecole', 'classe', 'cantine', 'garderie', 'centre', 'school', 'class', 'nous', 'maison', 'creche', 'periscolaire']);

/** The month of holidays "half-term" stands for: none of its own, the next break inside a term. */
const HALF_TERM = 0;
/** The months the breaks inside a term start in: Toussaint (October), winter (February), spring (April). */
const MID_TERM_MONTHS = new Set([10, 2, 4]);
/** Verbs of coming back: "elle ne revient que lundi". */
const RETURN_VERBS = new Set(['revient', 'reviendra', 'reviennent', 'reviendront', 'revenir', 'retourne', 'retournera', 'retourner', 'rentre', 'rentrera', 'rentrer', 'reprend', 'reprendra', 'reprendre', 'retour', 'return', 'returns']);
/** "elle ne pourra retourner à l'école que jeudi": a modal before the return. */
const RETURN_MODALS = new Set(['pourra', 'peut', 'pourrait', 'pourront', 'peuvent', 'doit', 'devra', 'va', 'ira']);

/** Wishes before a weekday: "bon dimanche", "bonne fin de semaine", "have a nice Sunday", "happy Friday". */
const WISH_BEFORE = new Set(['bon', 'bonne', 'nice', 'happy', 'lovely', 'good']);
/** ("bon lundi 14 …": a date after the weekday keeps it a day.) */
const WEEKDAY_AFTER_WISH = new Set(['matin', 'soir', 'midi']);

/** Ordinals before "semaine" (feminine) and before a weekday: "la première semaine", "le premier mercredi". */
const WEEK_ORDINALS: ReadonlyMap<string, number> = new Map([
  ['premiere', 1], ['first', 1], ['deuxieme', 2], ['seconde', 2], ['second', 2], ['troisieme', 3], ['third', 3], ['quatrieme', 4], ['fourth', 4], ['derniere', -1], ['last', -1],
]);
const ORDINALS: ReadonlyMap<string, number> = new Map([...WEEK_ORDINALS, ['premier', 1], ['dernier', -1]]);
/** Counts before a weekday or a unit: "les deux prochains mercredis", "the next three weeks". */
const COUNT_WORDS: ReadonlyMap<string, number> = new Map([
  ['deux', 2], ['trois', 3], ['quatre', 4], ['cinq', 5], ['six', 6], ['huit', 8], ['dix', 10], ['quinze', 15],
  ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['ten', 10], ['fifteen', 15],
]);

/** School-holiday names and the month their holidays start in. */
const HOLIDAY_NAMES: ReadonlyMap<string, number> = new Map([
  ['noel', 12], ['christmas', 12], ['xmas', 12], ['decembre', 12], ['december', 12],
  ['toussaint', 10], ['halloween', 10], ['autumn', 10], ['fall', 10], ['octobre', 10], ['october', 10],
  ['hiver', 2], ['winter', 2], ['fevrier', 2], ['february', 2], ['ski', 2],
  ['printemps', 4], ['spring', 4], ['paques', 4], ['easter', 4], ['avril', 4], ['april', 4],
  ['ete', 7], ['summer', 7], ['grandes', 7], ['juillet', 7], ['july', 7],
]);

/** Parts of a month said alone, with no day ("début décembre", "early December"). */
const VAGUE_PARTS = new Set(['debut', 'mi', 'early', 'mid']);
const PERIOD_LEADS = new Set(['du', 'de', 'd', 'partir', 'from', 'starting', 'des', 'depuis', 'au', 'a', 'jusque', 'until', 'to', 'till']);

/** "dernier", "last": the last days before the holidays. */
const LAST_WORDS = new Set(['dernier', 'derniere', 'derniers', 'dernieres', 'last']);

class Parser {
  private readonly n: number;
  /** Day lists that named no month ("le 18, le 19 et le 25"), with their days as written. */
  private readonly bareDays = new Map<DateItem, PartialDate[]>();
  /** The end of the last run of bare numbers read whole and found to name no month. */
  private monthlessUntil = -1;

  /** Per token: blocked (1) or not, asked once (the grammar asks about every token many times). */
  private readonly blockedAt: Uint8Array;
  /** Per token: what `w` answers ('' for punctuation, other symbols and blocked tokens). */
  private readonly words: string[];
  /** Per token: what `p` answers ('' for blocked tokens). */
  private readonly texts: string[];
  /** `endpointAt` per position: it depends on the tokens only, and many rules ask it at the same place. */
  private readonly endpoints = new Map<number, ReturnType<Parser['readEndpointAt']>>();
  /** The items read so far (parse fills it left to right): "cette date", "cette semaine-là" point back at them. */
  private said: readonly DateItem[] = [];

  constructor(
    private readonly tokens: readonly Token[],
    private readonly ctx: DateContext,
    blocked: (i: number) => boolean,
  ) {
    this.n = tokens.length;
    this.blockedAt = new Uint8Array(this.n);
    this.words = new Array<string>(this.n);
    this.texts = new Array<string>(this.n);
    for (let i = 0; i < this.n; i++) {
      const t = tokens[i]!;
      const b = blocked(i);
      this.blockedAt[i] = b ? 1 : 0;
      this.texts[i] = b ? '' : t.norm;
      this.words[i] = b || t.kind === 'punct' || t.kind === 'other' ? '' : t.norm;
    }
  }

  private blocked(i: number): boolean {
    return this.blockedAt[i] === 1;
  }

  /** The folded word at i ('' for punctuation, blocked tokens and out of range). */
  private w(i: number): string {
    return this.words[i] ?? '';
  }

  /** The folded text at i, punctuation included. */
  private p(i: number): string {
    return this.texts[i] ?? '';
  }

  /**
   * Past the words of `words` from i, at most `max` of them: a grammar phrase never has more
   * leading articles than that, and a bound keeps the parse linear on "le le le …".
   */
  private skip(i: number, words: ReadonlySet<string>, max = 3): number {
    const stop = Math.min(this.n, i + max);
    while (i < stop && words.has(this.w(i))) i++;
    return i;
  }

  private weekdayAt(i: number): { wd: number; plural: boolean } | undefined {
    // "Merci et bon dimanche", "have a nice Sunday", "happy Monday": a wish, no day.
    if (WISH_BEFORE.has(this.w(i - 1)) && !WEEKDAY_AFTER_WISH.has(this.w(i + 1))) return undefined;
    return WEEKDAYS.get(this.w(i));
  }

  private monthAt(i: number, loose = false): number | undefined {
    const word = this.w(i);
    const m = MONTHS.get(word);
    if (m === undefined) return undefined;
    // "ce n'est pas un poisson d'avril": the joke, no month.
    if (m === 4 && this.w(i - 1) === 'de' && this.w(i - 2) === 'poisson') return undefined;
    // ("la journée Octobre rose", "Movember": a campaign, no month.)
    if (m === 10 && this.w(i + 1) === 'rose') return undefined;
    if (!WEAK_MONTHS.has(word) && word !== 'sept') return m;
    if (loose) return m;
    const prev = this.tokens[i - 1];
    const next = this.tokens[i + 1];
    if (prev && (prev.kind === 'num' || MONTH_PREPS.has(prev.norm))) return m;
    if (next && next.kind === 'num') return m;
    return undefined;
  }

  private yearAt(i: number): number | undefined {
    const t = this.tokens[i];
    if (t && t.kind === 'num' && !this.blocked(i) && t.num !== undefined && t.num >= 2000 && t.num <= 2100) return t.num;
    return undefined;
  }

  /** A day number at i (digits, "1er", "premier", "vingt et un"), not followed by a unit ("5 ans", "16 h"). */
  private dayNumAt(i: number): { day: number; end: number; ordinal: boolean; word: boolean } | null {
    const t = this.tokens[i];
    if (!t || this.blocked(i)) return null;
    let day: number | undefined;
    let end = i + 1;
    let ordinal = false;
    let word = false;
    if (t.kind === 'num' && t.num !== undefined && /^\d{1,2}$/.test(t.norm)) {
      day = t.num;
      ordinal = t.ordinal === true;
    } else if (t.kind === 'word') {
      const v = NUMBER_WORDS.get(t.norm);
      if (v === undefined) return null;
      word = true;
      day = v;
      ordinal = t.norm === 'premier' || t.norm === 'premiere' || /(st|nd|rd|th)$/.test(t.norm);
      if (v === 20 || v === 30) {
        const a = this.w(i + 1);
        const b = this.w(i + 2);
        if (a === 'et' && (b === 'un' || b === 'une')) {
          day = v + 1;
          end = i + 3;
        } else if (v === 20) {
          const unit = NUMBER_WORDS.get(a);
          if (unit !== undefined && unit < 10) {
            day = v + unit;
            end = i + 2;
          }
        }
      }
    }
    if (day === undefined || day < 1 || day > 31) return null;
    const next = this.tokens[end];
    if (next && (UNIT_WORDS.has(next.norm) || next.kind === 'time')) return null;
    // ("the first week after the Easter holidays", "la première semaine", "the first time": an ordinal word before a unit counts it.)
    if (word && next && ORDINAL_UNITS.has(next.norm)) return null;
    return { day, end, ordinal, word };
  }

  /**
   * A day given by number: "14/12", "2026-12-14", "[lundi] [le] 14 [de] [décembre] [2026]",
   * "December 14th [2026]". `strong` when it cannot be anything but a date
   * (a month, a weekday, an ordinal or a numeric date).
   */
  private partialAt(i: number): { p: PartialDate; end: number; strong: boolean } | null {
    const t = this.tokens[i];
    if (!t || this.blocked(i)) return null;
    if (t.kind === 'numdate' && t.day !== undefined && t.month !== undefined) {
      return { p: { day: t.day, month: t.month, ...(t.year !== undefined ? { year: t.year } : {}) }, end: i + 1, strong: true };
    }
    // English order: month then day.
    const mFirst = this.monthAt(i);
    if (mFirst !== undefined) {
      const j = this.skip(i + 1, ARTICLES);
      const dn = this.dayNumAt(j);
      if (dn && !dn.word) {
        const p: PartialDate = { day: dn.day, month: mFirst };
        let end = dn.end;
        if (this.p(end) === ',') end++;
        const y = this.yearAt(end);
        if (y !== undefined) {
          p.year = y;
          end++;
        } else if (this.p(end - 1) === ',' && end - 1 > dn.end - 1) end--;
        return { p, end, strong: true };
      }
      return null;
    }
    let j = i;
    let wd: number | undefined;
    const wdTok = this.weekdayAt(j);
    if (wdTok) {
      wd = wdTok.wd;
      j = this.skip(j + 1, ARTICLES);
      // "lundi 15/03", "Monday 3/22": a weekday and a numeric date.
      const nd = this.tokens[j];
      if (nd && nd.kind === 'numdate' && !this.blocked(j) && nd.day !== undefined && nd.month !== undefined && !wdTok.plural) {
        return { p: { day: nd.day, month: nd.month, wd, ...(nd.year !== undefined ? { year: nd.year } : {}) }, end: j + 1, strong: true };
      }
    }
    const dn = this.dayNumAt(j);
    if (!dn) return null;
    const p: PartialDate = { day: dn.day, ...(wd !== undefined ? { wd } : {}) };
    let end = dn.end;
    let k = end;
    if (this.w(k) === 'de' || this.w(k) === 'of') k++;
    const m = this.monthAt(k, true);
    if (m !== undefined) {
      p.month = m;
      end = k + 1;
      const y = this.yearAt(end);
      if (y !== undefined) {
        p.year = y;
        end++;
      }
    } else if (dn.word && !dn.ordinal) {
      return null; // "deux" alone is not a day; "deux mars" is.
    }
    return { p, end, strong: wd !== undefined || p.month !== undefined || dn.ordinal };
  }

  /** Whether the token before i makes a bare number a day ("le 14", "du 7", "the 9th"). */
  private dayContextBefore(i: number): boolean {
    const prev = this.tokens[i - 1];
    if (!prev) return false;
    return DAY_LEADS.has(prev.norm) || WEEKDAYS.has(prev.norm) || RANGE_PREFIXES.has(prev.norm);
  }

  private relativeAt(i: number): { date: IsoDate; end: number } | null {
    const { today } = this.ctx;
    const a = this.w(i);
    const b = this.w(i + 1);
    const c = this.w(i + 2);
    const d = this.w(i + 3);
    if (a === 'apres' && b === 'demain') return { date: addDays(today, 2), end: i + 2 };
    if (a === 'surlendemain') return { date: addDays(today, 2), end: i + 1 };
    if (a === 'day' && b === 'after' && c === 'tomorrow') return { date: addDays(today, 2), end: i + 3 };
    if (a === 'the' && b === 'day' && c === 'after' && d === 'tomorrow') return { date: addDays(today, 2), end: i + 4 };
    if (a === 'after' && b === 'tomorrow') return { date: addDays(today, 2), end: i + 2 };
    if (a === 'avant' && b === 'hier') return { date: addDays(today, -2), end: i + 2 };
    if (a === 'demain' || a === 'tomorrow') return { date: addDays(today, 1), end: i + 1 };
    if (a === 'aujourdhui' || a === 'today' || a === 'tonight' || a === 'tonite') return { date: today, end: i + 1 };
    if (a === 'hier' || a === 'yesterday') return { date: addDays(today, -1), end: i + 1 };
    if ((a === 'ce' || a === 'cette') && (b === 'soir' || b === 'midi' || b === 'matin' || b === 'soiree' || b === 'matinee')) return { date: today, end: i + 2 };
    if (a === 'cet' && b === 'apres' && c === 'midi') return { date: today, end: i + 3 };
    if (a === 'ce' && b === 'jour' && c !== 'la') return { date: today, end: i + 2 };
    if (a === 'this' && (b === 'evening' || b === 'morning' || b === 'afternoon' || b === 'lunchtime' || b === 'lunch')) return { date: today, end: i + 2 };
    return null;
  }

  /**
   * School holidays named from token j: "les vacances (de printemps)", "the spring break",
   * "half-term", "la Toussaint", "Noël". `month` is the month they start in, null for "les vacances",
   * HALF_TERM for "half-term" (the next break inside a term: see rentreeAfter).
   */
  private holidayRefAt(j: number): { month: number | null; end: number } | null {
    const k = this.skip(j, HOLIDAY_LEADS);
    let month: number | null = null;
    let saw = false;
    let e = k;
    for (let step = 0; step < 4; step++) {
      const word = this.w(e);
      if (HOLIDAY_WORDS.has(word)) saw = true;
      else if (word === 'half' && this.w(e + 1) === 'term') {
        saw = true;
        month ??= HALF_TERM;
        e++;
      } else if (word === 'halfterm') {
        saw = true;
        month ??= HALF_TERM;
      } else if (HOLIDAY_NAMES.has(word) && (word !== 'grandes' || this.w(e + 1) === 'vacances')) month ??= HOLIDAY_NAMES.get(word)!;
      else if (!(word === 'de' || word === 'd' || word === 'du' || word === 'of' || word === 'la') || (!saw && month === null)) break;
      e++;
    }
    while (e > k && ['de', 'du', 'of', 'la', 'd'].includes(this.w(e - 1))) e--;
    return saw || month !== null ? { month, end: e } : null;
  }

  /** The first school day after holidays: the current or next ones, or those of that name. */
  private rentreeAfter(month: number | null): IsoDate | null {
    const { today, calendar } = this.ctx;
    const all = [...calendar.calendar.holidays].filter((h) => h.to >= today).sort((a, b) => (a.from < b.from ? -1 : 1));
    // Half-term: the next break inside a term (autumn, winter or spring), never Christmas or summer.
    const h =
      month === HALF_TERM
        ? all.find((x) => MID_TERM_MONTHS.has(ymd(x.from)[1]))
        : ((month !== null ? all.find((x) => ymd(x.from)[1] === month || ymd(x.to)[1] === month) : undefined) ?? (month === null ? all[0] : undefined));
    return h ? addDays(h.to, 1) : null;
  }

  /** The first school day after holidays that falls in month `month` (1–12), from today on. */
  private rentreeInMonth(month: number): IsoDate | null {
    const { today, calendar } = this.ctx;
    const starts = [...calendar.calendar.holidays]
      .filter((h) => h.to >= today)
      .map((h) => addDays(h.to, 1))
      .filter((d) => ymd(d)[1] === month)
      .sort();
    return starts[0] ?? null;
  }

  /**
   * "la rentrée", "la reprise (après Noël)", "back to school", "first day back", "après les
   * vacances de printemps", "after the Christmas break", "after half-term": the first school day
   * after those holidays.
   */
  private rentreeAt(i: number): { date: IsoDate; end: number } | null {
    // "Suite à la rentrée, je souhaite inscrire Jules …", "depuis la rentrée", "since back to
    // school": the rentrée that has passed is what the message follows from; it names no day.
    let b = i - 1;
    if (this.w(b) === 'la' || this.w(b) === 'le' || this.w(b) === 'the') b--;
    if (this.w(b) === 'depuis' || this.w(b) === 'since' || (this.w(b) === 'a' && this.w(b - 1) === 'suite') || (this.w(b) === 'de' && this.w(b - 1) === 'lors')) return null;
    // "la réunion de rentrée", "les fournitures de rentrée": "de rentrée" with no article is what kind of thing, no day.
    if (this.w(i) === 'rentree' && this.w(i - 1) === 'de') return null;
    let j = i;
    if (this.w(j) === 'le' && this.w(j + 1) === 'jour' && this.w(j + 2) === 'de') j += 3;
    if (this.w(j) === 'la' || this.w(j) === 'le' || this.w(j) === 'the') j++;
    let end = -1;
    if (this.w(j) === 'rentree' || this.w(j) === 'reprise') end = j + 1;
    else if (this.w(j) === 'back' && this.w(j + 1) === 'to' && this.w(j + 2) === 'school') end = j + 3;
    else if (this.w(j) === 'first' && this.w(j + 1) === 'day' && (this.w(j + 2) === 'back' || this.w(j + 2) === 'of')) end = this.w(j + 2) === 'of' ? j + 4 : j + 3;
    else if ((this.w(j) === 'apres' || this.w(j) === 'after') && j === i) {
      const h = this.holidayRefAt(j + 1);
      if (!h) return null;
      const date = this.rentreeAfter(h.month);
      return date ? { date, end: h.end } : null;
    }
    if (end < 0) return null;
    // "la reprise après Noël", "la rentrée des vacances de printemps".
    const lead = this.w(end);
    // "la rentrée de janvier", "la reprise en septembre": the first school day after holidays, in that month.
    if (lead === 'de' || lead === 'd' || lead === 'du' || lead === 'en' || lead === 'in' || lead === 'of') {
      const m = this.monthAt(end + 1, true);
      if (m !== undefined) {
        const date = this.rentreeInMonth(m);
        if (date) return { date, end: end + 2 };
      }
    }
    if (lead === 'apres' || lead === 'after' || lead === 'de' || lead === 'des' || lead === 'du' || lead === 'd') {
      const h = this.holidayRefAt(end + 1);
      if (h) {
        const date = this.rentreeAfter(h.month);
        return date ? { date, end: h.end } : null;
      }
    }
    const date = rentree(this.ctx);
    return date ? { date, end } : null;
  }

  /** A singular weekday with its modifiers: "lundi", "lundi prochain", "next Monday", "mercredi en huit". */
  private weekdayRefAt(i: number): { wd: number; shift: number; end: number; following?: boolean } | null {
    let j = i;
    let shift = 0;
    let following = false;
    const lead = this.w(j);
    if (lead === 'following' || ((lead === 'the' || lead === 'le') && this.w(j + 1) === 'following')) {
      following = true;
      shift = 1;
      j += lead === 'following' ? 1 : 2;
    } else if (lead === 'next' || lead === 'coming') {
      shift = 1;
      j++;
    } else if (lead === 'last') {
      shift = -1;
      j++;
    } else if (lead === 'ce' || lead === 'cette' || lead === 'this' || lead === 'le' || lead === 'on' || lead === 'un') {
      j++;
      if (this.w(j) === 'coming' || this.w(j) === 'next') {
        shift = this.w(j) === 'next' ? 1 : 0;
        j++;
      }
    }
    const wd = this.weekdayAt(j);
    if (!wd || wd.plural) return null;
    j++;
    const a = this.w(j);
    const b = this.w(j + 1);
    const weekAfter = b === 'week' || b === 'weeks' || b === 'semaine';
    if (['prochain', 'prochaine', 'prochains', 'prochaines', 'suivant', 'suivante', 'pro', 'next'].includes(a) && !weekAfter) {
      shift = Math.max(shift, 1);
      if (a === 'suivant' || a === 'suivante') following = true;
      j++;
    } else if (a === 'en' && (b === 'huit' || b === '8')) {
      // "jeudi en huit", "lundi en 8": a week after the coming Thursday.
      shift = EN_HUIT;
      j += 2;
    } else if ((a === 'de' && b === 'apres') || (a === 'after' && b === 'next')) {
      shift = 2;
      j += 2;
    } else if (a === 'qui' && b === 'vient') {
      j += 2;
    } else if (a === 'after' && (b === 'that' || b === 'this' || b === 'it')) {
      // "the Tuesday after that": the week after that weekday named before.
      shift = Math.max(shift, 1);
      following = true;
      j += 2;
    } else if (a === 'dernier' || a === 'derniere' || a === 'passe' || a === 'last') {
      shift = -1;
      j++;
    }
    return following ? { wd: wd.wd, shift, end: j, following } : { wd: wd.wd, shift, end: j };
  }

  /** An end of a range: a numbered day, a relative day, a weekday or the rentrée. */
  private endpointAt(i: number): { ref: DayRef | null; partial: { p: PartialDate; strong: boolean } | null; end: number } | null {
    let e = this.endpoints.get(i);
    if (e === undefined) this.endpoints.set(i, (e = this.mayOpenEndpoint(i) ? this.readEndpointAt(i) : null));
    return e;
  }

  /**
   * A word no date grammar rule knows, nor the first word of a named day, opens no end of a range: a quick
   * answer for the many places the rules ask (every article, every preposition) before reading one in full.
   */
  private mayOpenEndpoint(i: number): boolean {
    const t = this.tokens[i];
    if (!t) return false;
    if (t.kind !== 'word') return true;
    return DATE_STARTERS.has(t.norm) || namedDaysOf(this.ctx.calendar).has(t.norm);
  }

  private readEndpointAt(i: number): { ref: DayRef | null; partial: { p: PartialDate; strong: boolean } | null; end: number } | null {
    // "à partir de cette date", "from that date": the one day said before.
    if (['cette', 'this', 'that'].includes(this.w(i)) && this.w(i + 1) === 'date') {
      const day = this.lastDaySaid();
      if (day) return { ref: { kind: 'date', date: day }, partial: null, end: i + 2 };
    }
    const named = this.namedDayAt(i);
    if (named && named.kind === 'dates') return { ref: { kind: 'date', date: named.dates[0]! }, partial: null, end: named.end };
    const offset = this.offsetAt(i, undefined);
    if (offset && offset.kind === 'dates') return { ref: { kind: 'date', date: offset.dates[0]! }, partial: null, end: offset.end };
    const pd = this.partialAt(i);
    if (pd) return { ref: null, partial: { p: pd.p, strong: pd.strong }, end: pd.end };
    const rel = this.relativeAt(i);
    if (rel) return { ref: { kind: 'date', date: rel.date }, partial: null, end: rel.end };
    const wk = this.weekdayRefAt(i);
    if (wk) return { ref: { kind: 'weekday', wd: wk.wd, shift: wk.shift }, partial: null, end: wk.end };
    const r = this.rentreeAt(i);
    if (r) return { ref: { kind: 'date', date: r.date }, partial: null, end: r.end };
    return null;
  }

  /** "du 7 au 11 décembre", "de mercredi à vendredi", "from Tuesday to Friday", "7-11 décembre", "entre le 7 et le 11". */
  private rangeAt(i: number): DateItem | null {
    let j = i;
    const prefix = RANGE_PREFIXES.has(this.w(j)) ? this.w(j) : null;
    if (prefix) j++;
    j = this.skip(j, ARTICLES);
    const a = this.endpointAt(j);
    if (!a) return null;
    let k = a.end;
    const conn = this.p(k);
    const between = prefix === 'entre' || prefix === 'between';
    if (conn === 'jusque') {
      k++;
      // "ce soir jusqu'à 6", "demain jusqu'à 18": the hour the child is picked up, not a last day.
      if (prefix === null && this.w(k) === 'a' && this.bareHourAt(k + 1)) return null;
      if (['au', 'a', 'aux'].includes(this.w(k))) k++;
    } else if (conn === 'au' || conn === 'to' || conn === 'till' || conn === 'until' || conn === 'through' || conn === 'thru') k++;
    else if (conn === 'a' && prefix !== null && !between) k++;
    else if ((conn === 'et' || conn === 'and') && between) k++;
    else if (conn === '-' && (a.partial !== null || a.ref?.kind === 'weekday')) k++;
    else return null;
    const afterConn = k;
    k = this.skip(k, ARTICLES);
    const returnWord = this.w(afterConn) === 'after' || this.w(k) === 'retour';
    const b = returnWord ? null : this.endpointAt(k);
    if (!b) {
      // "du 8 mars jusqu'aux vacances de printemps", "from Thursday 15th until after half term".
      const untilWord = conn === 'jusque' || conn === 'until' || conn === 'till';
      // ("du 3 mai à fin juin", "from 3 May to the end of June": an end after "à"/"to" too.)
      const toEnd = (conn === 'a' || conn === 'au' || conn === 'to') && (this.w(k) === 'fin' || this.w(k) === 'end');
      const target = prefix !== null && prefix !== 'entre' && prefix !== 'between' && (untilWord || toEnd) ? this.untilTargetAt(conn === 'jusque' ? afterConn - (['au', 'a', 'aux'].includes(this.w(afterConn - 1)) ? 1 : 0) : toEnd ? k : afterConn) : null;
      if (!target) return null;
      const from: DayRef = a.partial ? { kind: 'date', date: resolvePartial(this.ctx.today, a.partial.p) ?? this.ctx.today } : a.ref!;
      return { kind: 'range', from, to: target.ref, start: i, end: target.end };
    }
    if (a.partial && !a.partial.strong && !prefix && !(b.partial && b.partial.p.month !== undefined)) return null;
    const today = this.ctx.today;
    let from: DayRef;
    let to: DayRef;
    if (a.partial && b.partial) {
      const pa = { ...a.partial.p };
      const pb = { ...b.partial.p };
      if (pb.month !== undefined) {
        const dbRaw = resolvePartial(today, pb);
        if (!dbRaw) return null;
        let da: IsoDate | null;
        if (pa.month === undefined) {
          const [by, bm] = ymd(dbRaw);
          da = makeDate(by, bm, pa.day);
          if (!da || da > dbRaw) da = bm === 1 ? makeDate(by - 1, 12, pa.day) : makeDate(by, bm - 1, pa.day);
        } else {
          da = resolvePartial(today, pa);
        }
        if (!da) return null;
        let db = dbRaw;
        if (pb.year === undefined && db < da) db = makeDate(ymd(db)[0] + 1, ymd(db)[1], ymd(db)[2]) ?? db;
        from = { kind: 'date', date: da };
        to = { kind: 'date', date: db };
      } else {
        const da = resolvePartial(today, pa);
        if (!da) return null;
        const [ay, am] = ymd(da);
        let db = makeDate(ay, am, pb.day);
        if (!db || db < da) db = am === 12 ? makeDate(ay + 1, 1, pb.day) : makeDate(ay, am + 1, pb.day);
        if (!db) return null;
        from = { kind: 'date', date: da };
        to = { kind: 'date', date: db };
      }
    } else {
      if (a.partial) {
        const da = resolvePartial(today, a.partial.p);
        if (!da) return null;
        from = { kind: 'date', date: da };
      } else from = a.ref!;
      if (b.partial) {
        const db = resolvePartial(today, b.partial.p);
        if (!db) return null;
        to = { kind: 'date', date: db };
      } else to = b.ref!;
    }
    return { kind: 'range', from, to, start: i, end: b.end };
  }

  /** What "until" points at: holidays ("jusqu'aux vacances de printemps"), an end ("la fin du mois") or a day. */
  private untilTargetAt(j: number): { ref: DayRef; end: number } | null {
    const { today, calendar } = this.ctx;
    let k = this.skip(j, HOLIDAY_LEADS);
    // "jusqu'au retour des vacances", "until after half term": no service runs in the holidays,
    // so the days covered are those up to the holidays, as "jusqu'aux vacances".
    const back = (this.w(k) === 'retour' && ['des', 'de', 'du', 'd'].includes(this.w(k + 1))) ? 2 : this.w(k) === 'after' ? 1 : 0;
    if (back > 0) {
      const h = this.skip(k + back, HOLIDAY_LEADS);
      if (HOLIDAY_WORDS.has(this.w(h)) || HOLIDAY_NAMES.has(this.w(h)) || this.w(h) === 'half' || this.w(h) === 'halfterm') k = h;
    }
    // "jusqu'au pont de l'Ascension": up to the bridge day (the holiday before it closes too).
    if (this.w(k) === 'pont' || (this.w(k) === 'bridge' && this.w(k - 1) === 'ascension')) {
      const bridge = calendar.calendar.bridges.find((b) => b.date >= today);
      if (bridge) {
        let e = k + 1;
        while (['de', 'du', 'l', 'la', 'ascension', 'mai'].includes(this.w(e))) e++;
        return { ref: { kind: 'date', date: addDays(bridge.date, -1) }, end: e };
      }
    }
    // "vacances (de printemps)", "the February break", "half term", "Noël", "Easter".
    let name: number | null = null;
    let nameWord = '';
    let sawHoliday = false;
    let e = k;
    for (let step = 0; step < 4; step++) {
      const word = this.w(e);
      if (HOLIDAY_WORDS.has(word)) sawHoliday = true;
      else if (word === 'half' && this.w(e + 1) === 'term') {
        sawHoliday = true;
        e++;
      } else if (word === 'halfterm') sawHoliday = true;
      else if (HOLIDAY_NAMES.has(word) && (word !== 'grandes' || this.w(e + 1) === 'vacances')) {
        if (name === null) {
          name = HOLIDAY_NAMES.get(word)!;
          nameWord = word;
        }
      } else if (!(word === 'de' || word === 'd' || word === 'du' || word === 'of' || word === 'la')) break;
      else if (!sawHoliday && name === null) break;
      e++;
    }
    while (e > k && ['de', 'du', 'of', 'la'].includes(this.w(e - 1))) e--;
    if (sawHoliday || name !== null) {
      if (!sawHoliday && name !== null) {
        // A feast alone ("jusqu'à Pâques", "until Christmas"): the public holiday of that name if any.
        // (A word of the name, not a part of one: "été" is not in "Fête du Travail".)
        const ph = calendar.calendar.publicHolidays.find((h) => h.date > today && fold(h.name).toLowerCase().split(/[^a-z]+/).includes(nameWord));
        if (ph) return { ref: { kind: 'date', date: addDays(ph.date, -1) }, end: e };
      }
      const h = holidaysAfter(this.ctx, name);
      if (!h) return null;
      return { ref: { kind: 'date', date: addDays(h.from, -1) }, end: e };
    }
    // "jusqu'à nouvel ordre", "until further notice": to the end of the school year.
    if ((this.w(k) === 'nouvel' && this.w(k + 1) === 'ordre') || (this.w(k) === 'further' && this.w(k + 1) === 'notice')) {
      return { ref: { kind: 'date', date: calendar.calendar.lastDay }, end: k + 2 };
    }
    // "la fin de la semaine / du mois / de l'année (scolaire)", "the end of the week/month/term/year".
    k = this.skip(j, END_LEADS);
    if (this.w(k) === 'fin' || this.w(k) === 'end') {
      let m = k + 1;
      m = this.skip(m, END_OF_LINKS);
      const what = this.w(m);
      const [y] = ymd(today);
      // "la fin de la semaine prochaine", "the end of next week": the Sunday of that week.
      if ((what === 'semaine' || what === 'week') && ['prochaine', 'suivante', 'next'].includes(this.w(m + 1))) return { ref: { kind: 'date', date: addDays(mondayOf(today), 13) }, end: m + 2 };
      if (what === 'next' && this.w(m + 1) === 'week') return { ref: { kind: 'date', date: addDays(mondayOf(today), 13) }, end: m + 2 };
      if (what === 'semaine' || what === 'week') return { ref: { kind: 'end', unit: 'week' }, end: m + 1 };
      if (what === 'mois' || what === 'month') return { ref: { kind: 'end', unit: 'month' }, end: m + 1 };
      // "jusqu'à fin mai", "du 3 mai à fin juin", "until the end of June": the last day of that month.
      const month = this.monthOfYearAt(m);
      if (month) return { ref: { kind: 'date', date: lastOfMonth(month.y, month.m) }, end: month.end };
      if (what === 'term' || what === 'trimestre' || what === 'periode') {
        const h = holidaysAfter(this.ctx, null);
        return h ? { ref: { kind: 'date', date: addDays(h.from, -1) }, end: m + 1 } : null;
      }
      if (what === 'annee' || what === 'year' || what === 'school') {
        const school = this.w(m + 1) === 'scolaire' || what === 'school' || (what === 'year' && this.w(m - 1) === 'school');
        const end = school ? (what === 'school' ? m + 2 : this.w(m + 1) === 'scolaire' ? m + 2 : m + 1) : m + 1;
        return { ref: { kind: 'date', date: school ? calendar.calendar.lastDay : makeDate(y, 12, 31)! }, end };
      }
      return null;
    }
    const ep = this.endpointAt(this.skip(j, UNTIL_LEADS));
    if (!ep) return null;
    if (ep.partial) {
      // "jusqu'au 18": after "until" a number alone is a day.
      const d = resolvePartial(today, ep.partial.p);
      return d ? { ref: { kind: 'date', date: d }, end: ep.end } : null;
    }
    return { ref: ep.ref!, end: ep.end };
  }

  /**
   * "elle ne revient qu'à partir du jeudi 14", "il ne reviendra pas avant lundi", "won't be back
   * until Monday": the days up to the one before the return (an absence).
   */
  private returnAt(i: number): DateItem | null {
    let j = i;
    if (this.w(j) === 'ne') j++;
    if (RETURN_MODALS.has(this.w(j)) && RETURN_VERBS.has(this.w(j + 1))) j++;
    const verb = this.w(j);
    let restrictive = false;
    if (RETURN_VERBS.has(verb)) {
      j++;
      // "elle ne revient à l'école / en classe / à la cantine qu'à partir de …": the place said on the way.
      const place = this.placeAt(j);
      if (place > j && (this.w(place) === 'que' || (this.w(place) === 'pas' && this.w(place + 1) === 'avant'))) j = place;
      const afterPas = this.w(j) === 'pas' ? this.placeAt(j + 1) : j;
      if (afterPas > j + 1 && this.w(afterPas) === 'avant') {
        restrictive = true;
        j = afterPas + 1;
      } else if (this.w(j) === 'que') {
        restrictive = true;
        j++;
      } else if (this.w(j) === 'pas' && this.w(j + 1) === 'avant') {
        restrictive = true;
        j += 2;
      }
    } else if ((verb === 'be' || verb === 'come') && this.w(j + 1) === 'back' && ['until', 'till', 'before', 'til'].includes(this.w(this.schoolPlaceAt(j + 2)))) {
      // "won't be back (at school) until Monday": the negation sits before ("not", "won't").
      const before = this.w(i - 1);
      if (before !== 'not' && before !== 'never') return null;
      restrictive = true;
      j = this.schoolPlaceAt(j + 2) + 1;
    } else if (verb === 'back' && ['until', 'till', 'before'].includes(this.w(j + 1)) && this.w(i - 1) === 'not') {
      restrictive = true;
      j += 2;
    } else return null;
    if (!restrictive) return null;
    if (this.w(j) === 'a' && this.w(j + 1) === 'partir') j += 2;
    if (['de', 'du', 'le', 'au', 'a', 'on', 'the'].includes(this.w(j))) j++;
    const ep = this.endpointAt(this.skip(j, ARTICLES));
    if (!ep) return null;
    let back: IsoDate | null = null;
    if (ep.partial) back = resolvePartial(this.ctx.today, ep.partial.p);
    else if (ep.ref?.kind === 'date') back = ep.ref.date;
    else if (ep.ref?.kind === 'weekday') back = weekdayOnOrAfter(addDays(this.ctx.today, 1), ep.ref.wd);
    if (!back || back <= this.ctx.today) return null;
    return { kind: 'until', ref: { kind: 'date', date: addDays(back, -1) }, returning: true, start: i, end: ep.end };
  }

  /** Past "at school", "to class", "in school" after "be back", or `i`. */
  private schoolPlaceAt(i: number): number {
    if (['at', 'to', 'in'].includes(this.w(i)) && ['school', 'class', 'nursery'].includes(this.w(i + 1))) return i + 2;
    return i;
  }

  /** Past a place after a verb of coming back ("à l'école", "en classe", "à la cantine", "to school"), or `i`. */
  private placeAt(i: number): number {
    let j = i;
    if (this.w(j) === 'a' || this.w(j) === 'en' || this.w(j) === 'to' || this.w(j) === 'au' || this.w(j) === 'chez') j++;
    else return i;
    j = this.skip(j, ARTICLES, 2);
    return RETURN_PLACES.has(this.w(j)) ? j + 1 : i;
  }

  /**
   * A bare number of the day's hours at `at` with no month nor another number after it ("jusqu'à
   * 6", "until 6"): a time, not a date ("jusqu'au 6", "until the 6th" say a day).
   */
  private bareHourAt(at: number): boolean {
    const n = this.tokens[at];
    const after = this.w(at + 1);
    return n?.kind === 'num' && !n.ordinal && n.num !== undefined && n.num >= 1 && n.num <= 24 && this.monthAt(at + 1) === undefined && !/^\d{1,2}$/.test(after) && !['et', 'and', '-', 'a', 'au', 'to'].includes(after);
  }

  private untilAt(i: number): DateItem | null {
    let j = i;
    const a = this.w(j);
    if (a === 'jusque') j++;
    else if ((a === 'de' || a === 'd') && this.w(j + 1) === 'ici') j += 2; // "d'ici vendredi"
    else if (a === 'until' || a === 'till' || a === 'til' || a === 'untill') j++;
    else if (a === 'up' && (this.w(j + 1) === 'to' || this.w(j + 1) === 'until')) j += 2;
    else return null;
    // "stay at the club until 6", "jusqu'à 6" (but "jusqu'au 6", "until the 6th"): a bare number
    // of the day's hours with no month after it is a time, not a date.
    const at = this.w(i) === 'jusque' && this.w(j) === 'a' ? j + 1 : j;
    if (this.w(i) !== 'de' && this.bareHourAt(at)) return null;
    const t = this.untilTargetAt(j);
    if (!t) return null;
    // "doctor says no school until Monday 22nd", "off school until Thursday": in English the day after "until" is the return.
    const noSchool = a !== 'jusque' && a !== 'de' && a !== 'd' && ((this.w(i - 1) === 'school' && ['no', 'off'].includes(this.w(i - 2))) || (this.w(i - 1) === 'off' && this.w(i - 2) !== 'day'));
    const back = !noSchool ? null : t.ref.kind === 'date' ? t.ref.date : t.ref.kind === 'weekday' ? resolveWeekday(this.ctx, null, t.ref.wd, t.ref.shift) : null;
    if (back && back > this.ctx.today) return { kind: 'until', ref: { kind: 'date', date: addDays(back, -1) }, returning: true, start: i, end: t.end };
    return { kind: 'until', ref: t.ref, start: i, end: t.end };
  }

  private fromAt(i: number): DateItem | null {
    const a = this.w(i);
    const b = this.w(i + 1);
    const c = this.w(i + 2);
    const rawA = this.tokens[i]?.raw.toLowerCase() ?? '';
    let j = -1;
    if (a === 'desormais' || a === 'dorenavant' || a === 'definitivement') return { kind: 'from', ref: { kind: 'date', date: this.ctx.today }, start: i, end: i + 1 };
    if ((a === 'for' && b === 'good') || (a === 'from' && b === 'now' && c !== 'on')) return { kind: 'from', ref: { kind: 'date', date: this.ctx.today }, start: i, end: i + 2 };
    if (a === 'from' && b === 'now' && c === 'on') return { kind: 'from', ref: { kind: 'date', date: this.ctx.today }, start: i, end: i + 3 };
    if (a === 'a' && b === 'partir') j = i + 2;
    else if (a === 'a' && b === 'compter') j = i + 2;
    else if (rawA === 'dès' || rawA === 'dés') j = i + 1;
    else if (a === 'from' || a === 'starting' || a === 'beginning' || a === 'commencing' || a === 'effective') j = i + 1;
    else if (a === 'as' && (b === 'of' || b === 'from')) j = i + 2;
    else if (a === 'depuis') j = i + 1;
    if (j < 0) return null;
    if (this.w(j) === 'from') j++;
    if (this.w(j) === 'de' || this.w(j) === 'du' || this.w(j) === 'des' || this.w(j) === 'd') j++;
    const now = this.w(j);
    if (now === 'maintenant' || now === 'now' || now === 'aujourdhui' || now === 'today') {
      return { kind: 'from', ref: { kind: 'date', date: this.ctx.today }, start: i, end: j + 1 };
    }
    const week = this.weekAt(j);
    if (week && week.kind === 'span') return { kind: 'from', ref: { kind: 'date', date: week.from }, start: i, end: week.end };
    const month = this.monthSpanAt(j);
    if (month && month.kind === 'span') return { kind: 'from', ref: { kind: 'date', date: month.from }, start: i, end: month.end };
    const ep = this.endpointAt(this.skip(j, ARTICLES));
    if (!ep) return null;
    if (ep.partial) {
      const d = resolvePartial(this.ctx.today, ep.partial.p);
      return d ? { kind: 'from', ref: { kind: 'date', date: d }, start: i, end: ep.end } : null;
    }
    return { kind: 'from', ref: ep.ref!, start: i, end: ep.end };
  }

  /** "la semaine prochaine", "toute la semaine", "cette semaine", "la semaine du 7 juin", "next week", "the week of the 9th". */
  private weekAt(i: number): DateItem | null {
    const { today } = this.ctx;
    let j = i;
    let next = 0;
    let thisWeek = false;
    let whole = false;
    while (j < this.n && j - i < MAX_PREFIXES && WEEK_PREFIXES.has(this.w(j))) {
      const word = this.w(j);
      if (word === 'next' || word === 'following' || word === 'coming') next = 1;
      if (word === 'cette' || word === 'this' || word === 'rest') thisWeek = true;
      if (word === 'toute' || word === 'tout' || word === 'whole' || word === 'all' || word === 'entire') whole = true;
      j++;
    }
    const noun = this.w(j);
    if (noun !== 'semaine' && noun !== 'week' && noun !== 'semaines') return null;
    // "le récap de la semaine", "the plan of the week": this week; not "les jours de la semaine", "la fin de la semaine".
    const ofThe = j === i + 2 && (this.w(i) === 'de' || this.w(i) === 'of') && (this.w(i + 1) === 'la' || this.w(i + 1) === 'the');
    if (ofThe && !WEEK_PARTS.has(this.tokens[i - 1]?.norm ?? '') && !WEEKDAYS.has(this.tokens[i - 1]?.norm ?? '')) thisWeek = true;
    // "tous les jours de la semaine", "tous les soirs de la semaine": every day of this week.
    if (ofThe && EVERY_DAY_OF.has(this.tokens[i - 1]?.norm ?? '') && this.w(i - 2) === 'les' && (this.w(i - 3) === 'tous' || this.w(i - 3) === 'toutes')) thisWeek = true;
    if (this.w(j + 1) === 'end' || this.w(j + 1) === 'ends') return null;
    // ("toute cette semaine-là": the week said before, read by thatWeekAt.)
    if (thisWeek && this.w(j - 1) === 'cette' && this.w(j + 1) === 'la') return null;
    // ("la classe verte du 31 mai au 4 juin … pendant toute cette semaine": the week said before, when it is a later one.)
    if (thisWeek && whole && this.w(j - 1) === 'cette') {
      const said = this.lastDaySaid(true);
      if (said && said > addDays(mondayOf(today), 6)) {
        const from = mondayOf(said);
        return { kind: 'span', from, to: addDays(from, 6), scope: 'week', start: i, end: j + 1 };
      }
    }
    j++;
    const a = this.w(j);
    const b = this.w(j + 1);
    // "la semaine après les vacances (de printemps)", "the week after half-term": the week of the rentrée.
    const anchored = a === 'apres' || a === 'after' ? this.rentreeAt(j) : null;
    if (anchored) {
      const mon = mondayOf(anchored.date);
      return { kind: 'span', from: mon, to: addDays(mon, 6), scope: 'week', start: i, end: anchored.end };
    }
    if (a === 'prochaine' || a === 'prochain' || a === 'suivante' || a === 'pro' || a === 'apres' || a === 'after') {
      next = 1;
      j++;
      if ((a === 'after' || a === 'apres') && (b === 'next' || b === 'prochaine')) {
        next = 2;
        j++;
      }
    } else if (a === 'qui' && b === 'vient') {
      next = 1;
      j += 2;
    } else if (a === 'de' && b === 'apres') {
      next = 1;
      j += 2;
    } else if (a === 'du' || a === 'de' || a === 'of' || a === 'commencing' || a === 'starting' || a === 'beginning') {
      const ep = this.endpointAt(this.skip(j + 1, ARTICLES));
      if (ep) {
        let anchor: IsoDate | null = null;
        if (ep.partial) anchor = resolvePartial(today, ep.partial.p);
        else if (ep.ref?.kind === 'date') anchor = ep.ref.date;
        else if (ep.ref?.kind === 'weekday') anchor = weekdayOnOrAfter(today, ep.ref.wd);
        if (anchor) {
          const mon = mondayOf(anchor);
          return { kind: 'span', from: mon, to: addDays(mon, 6), scope: 'week', start: i, end: ep.end };
        }
      }
    }
    let monday: IsoDate;
    if (next > 0) monday = addDays(mondayOf(today), 7 * next);
    // Said on a Saturday or a Sunday, "cette semaine", "toute la semaine", "de la semaine" is the week to come: this one is over.
    else if (whole && !thisWeek && this.lastWeekSaid()) monday = this.lastWeekSaid()!;
    else if (thisWeek || whole) monday = isoWeekday(today) >= 6 ? addDays(mondayOf(today), 7) : mondayOf(today);
    else return null;
    return { kind: 'span', from: monday, to: addDays(monday, 6), scope: 'week', start: i, end: j, ...(whole && !thisWeek && next === 0 ? { loose: true } : {}) };
  }

  /**
   * "(mois) (de) juin (2027)" from token `j`: the month, in the year it
   * next comes (this year unless already past), or the year written.
   */
  private monthOfYearAt(j: number): { y: number; m: number; end: number } | null {
    if (this.w(j) === 'mois' || this.w(j) === 'month') j++;
    if (['de', 'd', 'of'].includes(this.w(j))) j++;
    const m = this.monthAt(j, true);
    if (m === undefined) return null;
    const [ty, tm] = ymd(this.ctx.today);
    const year = this.yearAt(j + 1);
    return year !== undefined ? { y: year, m, end: j + 2 } : { y: m < tm ? ty + 1 : ty, m, end: j + 1 };
  }

  /**
   * "la première semaine de février", "the last week of June": the week
   * (Monday to Sunday) holding the month's first (second…, last) Thursday,
   * so that a week belongs to the month holding most of its days.
   */
  private ordinalWeekAt(i: number): DateItem | null {
    let j = this.skip(i, ORDINAL_WEEK_LEADS);
    const t = this.tokens[j];
    if (!t || this.blocked(j)) return null;
    let n: number | undefined;
    if (t.kind === 'num' && t.ordinal && t.num !== undefined && t.num >= 1 && t.num <= 4) n = t.num;
    else if (t.kind === 'word') n = WEEK_ORDINALS.get(t.norm);
    if (n === undefined) return null;
    j++;
    if (this.w(j) !== 'semaine' && this.w(j) !== 'week') return null;
    j++;
    if (['de', 'du', 'd', 'of', 'in'].includes(this.w(j))) j++;
    const month = this.monthOfYearAt(j);
    if (!month) return null;
    const { y, m, end } = month;
    const firstThursday = weekdayOnOrAfter(makeDate(y, m, 1)!, 4);
    let thursday: IsoDate;
    if (n > 0) thursday = addDays(firstThursday, 7 * (n - 1));
    else {
      const last = lastOfMonth(y, m);
      thursday = addDays(last, -((isoWeekday(last) - 4 + 7) % 7));
    }
    const mon = mondayOf(thursday);
    return { kind: 'span', from: mon, to: addDays(mon, 6), scope: 'week', start: i, end };
  }

  /** "pour le reste de la semaine", "the rest of the term": from today to the end of that period. */
  private restOfAt(i: number): DateItem | null {
    let j = this.skip(i, REST_LEADS);
    if (this.w(j) !== 'reste' && this.w(j) !== 'rest') return null;
    j = this.skip(j + 1, END_OF_LINKS);
    const what = this.w(j);
    const { today, calendar } = this.ctx;
    const [y, m] = ymd(today);
    let to: IsoDate | null = null;
    let end = j + 1;
    if (what === 'semaine' || what === 'week') to = addDays(mondayOf(today), 6);
    else if (what === 'mois' || what === 'month') to = lastOfMonth(y, m);
    else if (what === 'term' || what === 'trimestre' || what === 'periode') {
      const h = holidaysAfter(this.ctx, null);
      to = h ? addDays(h.from, -1) : null;
    } else if (what === 'annee' || what === 'year' || what === 'school') {
      to = calendar.calendar.lastDay;
      if (this.w(end) === 'scolaire' || this.w(end) === 'year') end++;
    }
    if (to === null) return null;
    return { kind: 'until', ref: { kind: 'date', date: to }, start: i, end };
  }

  /** "dans 3 jours", "dans deux semaines", "in 2 weeks". */
  private inDurationAt(i: number): DateItem | null {
    const a = this.w(i);
    if (a !== 'dans' && a !== 'in') return null;
    let j = i + 1;
    let count: number | undefined;
    const t = this.tokens[j];
    if (t && t.kind === 'num' && t.num !== undefined && t.num < 100) count = t.num;
    else if (['un', 'une', 'a', 'one'].includes(this.w(j))) count = 1;
    else if (['deux', 'two'].includes(this.w(j))) count = 2;
    else if (['trois', 'three'].includes(this.w(j))) count = 3;
    else if (this.w(j) === 'quinze') count = 15;
    if (count === undefined) return null;
    j++;
    const unit = this.w(j);
    const today = this.ctx.today;
    if (unit === 'jour' || unit === 'jours' || unit === 'day' || unit === 'days') {
      return { kind: 'dates', dates: [addDays(today, count)], start: i, end: j + 1 };
    }
    if (unit === 'semaine' || unit === 'semaines' || unit === 'week' || unit === 'weeks') {
      const mon = mondayOf(addDays(today, 7 * count));
      return { kind: 'span', from: mon, to: addDays(mon, 6), scope: 'week', start: i, end: j + 1 };
    }
    return null;
  }

  /** "en mai", "les mercredis de novembre", "du mois de mai", "in January", "ce mois-ci", "le mois prochain". */
  private monthSpanAt(i: number): DateItem | null {
    const { today } = this.ctx;
    const [ty, tm] = ymd(today);
    let j = i;
    let sawMois = false;
    while (j < this.n && j - i < MAX_PREFIXES && MONTH_PREFIXES.has(this.w(j))) {
      if (this.w(j) === 'mois' || this.w(j) === 'month') sawMois = true;
      j++;
    }
    const word = this.w(j);
    if (sawMois && (word === 'ci' || word === 'la' || (word === '' && this.w(j - 1) === 'mois' && this.w(j - 2) === 'ce'))) {
      return { kind: 'span', from: today, to: lastOfMonth(ty, tm), scope: 'month', start: i, end: j + 1 };
    }
    // "le récap du mois", "the bookings of the month": this month, from today.
    const lastPrefix = this.w(j - 1);
    if (sawMois && (lastPrefix === 'mois' || lastPrefix === 'month') && j - i >= 2 && MONTHS.get(word) === undefined && !MONTH_FOLLOWERS.has(word)) {
      const lead = this.w(j - 2);
      if (lead === 'du' || lead === 'ce' || lead === 'the' || lead === 'this') {
        return { kind: 'span', from: today, to: lastOfMonth(ty, tm), scope: 'month', start: i, end: j };
      }
    }
    if ((this.w(i) === 'ce' && this.w(i + 1) === 'mois') || (this.w(i) === 'this' && this.w(i + 1) === 'month')) {
      const end = this.w(i + 2) === 'ci' || this.w(i + 2) === 'la' ? i + 3 : i + 2;
      return { kind: 'span', from: today, to: lastOfMonth(ty, tm), scope: 'month', start: i, end };
    }
    if (((this.w(i) === 'le' && this.w(i + 1) === 'mois' && this.w(i + 2) === 'prochain') || (this.w(i) === 'next' && this.w(i + 1) === 'month'))) {
      const end = this.w(i) === 'next' ? i + 2 : i + 3;
      const [ny, nm] = tm === 12 ? [ty + 1, 1] : [ty, tm + 1];
      return { kind: 'span', from: makeDate(ny, nm, 1)!, to: lastOfMonth(ny, nm), scope: 'month', start: i, end };
    }
    const m = this.monthAt(j);
    if (m === undefined) return null;
    let end = j + 1;
    let y = m < tm ? ty + 1 : ty;
    const year = this.yearAt(end);
    if (year !== undefined) {
      y = year;
      end++;
    } else {
      const next = this.tokens[end];
      if (next && next.kind === 'num' && this.dayNumAt(end)) return null;
    }
    return { kind: 'span', from: makeDate(y, m, 1)!, to: lastOfMonth(y, m), scope: 'month', start: i, end };
  }

  /** "tous les jeudis", "chaque mercredi", "les lundis et vendredis", "every Monday", "on Mondays", "tous les jours". */
  private recurrenceAt(i: number): DateItem | null {
    let j = i;
    let marker = false;
    const a = this.w(j);
    // "un jeudi sur deux", "every other Thursday", "every second Monday", "one Friday in two".
    const alt = this.weekdayAt(j + 1);
    if (alt && !alt.plural && (a === 'un' || a === 'one') && (this.w(j + 2) === 'sur' || this.w(j + 2) === 'in' || (this.w(j + 2) === 'out' && this.w(j + 3) === 'of'))) {
      const k = this.w(j + 2) === 'out' ? j + 4 : j + 3;
      if (this.w(k) === 'deux' || this.w(k) === 'two' || this.tokens[k]?.num === 2) return { kind: 'every', weekdays: [alt.wd], step: 2, start: i, end: k + 1 };
    }
    const alt2 = this.weekdayAt(j + 2);
    if (alt2 && (a === 'every' || a === 'each') && ['other', 'second', 'alternate'].includes(this.w(j + 1))) {
      return { kind: 'every', weekdays: [alt2.wd], step: 2, start: i, end: j + 3 };
    }
    if ((a === 'tous' || a === 'toutes') && this.w(j + 1) === 'les') {
      marker = true;
      j += 2;
    } else if (a === 'chaque' || a === 'every' || a === 'each') {
      marker = true;
      j++;
    } else if (a === 'les' || a === 'on' || a === 'le') j++;
    const head = this.w(j);
    if (marker && ['jours', 'jour', 'day', 'days', 'weekday', 'weekdays', 'matins', 'soirs', 'midis', 'matin', 'soir', 'midi', 'morning', 'evening', 'lunchtime', 'semaine', 'semaines', 'week', 'weeks'].includes(head)) {
      return { kind: 'every', weekdays: null, start: i, end: j + 1 };
    }
    if (head === 'daily' || head === 'quotidiennement') return { kind: 'every', weekdays: null, start: i, end: j + 1 };
    const wds: number[] = [];
    let plural = false;
    for (;;) {
      const wd = this.weekdayAt(j);
      if (!wd) break;
      wds.push(wd.wd);
      plural ||= wd.plural;
      j++;
      let k = j;
      if (LIST_SEPARATORS.has(this.p(k))) {
        k++;
        if (LIST_SEPARATORS.has(this.p(k))) k++;
        k = this.skip(k, WEEKDAY_LIST_ARTICLES);
        if (this.weekdayAt(k)) {
          j = k;
          continue;
        }
      }
      break;
    }
    if (wds.length === 0 || (!marker && !plural)) return null;
    if (this.dayNumAt(j)) return null;
    return { kind: 'every', weekdays: wds, start: i, end: j };
  }

  /** "les deux prochains mercredis", "the next 3 Mondays": the next N occurrences of those weekdays. */
  private nextNAt(i: number): DateItem | null {
    let j = i;
    if (['les', 'the', 'mes', 'ses', 'ces'].includes(this.w(j))) j++;
    let count: number | undefined;
    let next = false;
    if (this.w(j) === 'next' || this.w(j) === 'coming') {
      next = true;
      j++;
    }
    const t = this.tokens[j];
    if (t && t.kind === 'num' && t.num !== undefined && t.num >= 1 && t.num <= 31) count = t.num;
    else count = COUNT_WORDS.get(this.w(j));
    if (count === undefined) return null;
    j++;
    if (!next && ['prochains', 'prochaines', 'next', 'suivants', 'suivantes'].includes(this.w(j))) {
      next = true;
      j++;
    }
    const unit = this.w(j);
    const weeks = ['semaines', 'weeks', 'semaine', 'week'].includes(unit);
    const days = ['jours', 'days', 'jour', 'day'].includes(unit);
    if (!next && (weeks || days)) {
      // "les 15 jours à venir", "les 2 semaines qui viennent", "the coming 2 weeks".
      const a = this.w(j + 1);
      const b = this.w(j + 2);
      if ((a === 'a' && b === 'venir') || (a === 'qui' && b === 'viennent') || a === 'suivants' || a === 'suivantes' || a === 'ahead') {
        next = true;
        const end = a === 'a' || a === 'qui' ? j + 3 : j + 2;
        return this.comingDays(weeks ? 7 * count : count, unit, i, end);
      }
    }
    if (!next) return null;
    if (weeks || days) return this.comingDays(weeks ? 7 * count : count, unit, i, j + 1);
    if (count > 10) return null;
    const wd = this.weekdayAt(j);
    if (!wd) return null;
    return { kind: 'nextN', wd: wd.wd, count, start: i, end: j + 1 };
  }

  /**
   * "the next 2 weeks", "les 15 jours à venir": that many days from the first day still
   * open (tomorrow once today's services are over); French "8 jours", "15 jours" are one and two weeks.
   */
  private comingDays(count: number, unit: string, start: number, end: number): DateItem {
    const { today } = this.ctx;
    let n = count;
    if ((unit === 'jours' || unit === 'jour') && (count === 8 || count === 15)) n = count - 1;
    const from = todayStillOpen(this.ctx, null) ? today : addDays(today, 1);
    return { kind: 'span', from, to: addDays(from, n - 1), scope: 'week', start, end };
  }

  /** "le premier mercredi de juin", "the last Friday of March": that weekday of that month. */
  private ordinalWeekdayAt(i: number): DateItem | null {
    let j = this.skip(i, ORDINAL_WEEK_LEADS);
    const t = this.tokens[j];
    if (!t || this.blocked(j)) return null;
    let n: number | undefined;
    if (t.kind === 'num' && t.ordinal && t.num !== undefined && t.num >= 1 && t.num <= 4) n = t.num;
    else if (t.kind === 'word') n = ORDINALS.get(t.norm);
    if (n === undefined) return null;
    const wd = this.weekdayAt(j + 1);
    if (!wd || wd.plural) return null;
    j += 2;
    if (!['de', 'du', 'd', 'of', 'in'].includes(this.w(j))) return null;
    j++;
    const month = this.monthOfYearAt(j);
    if (!month) return null;
    const { y, m, end } = month;
    let date: IsoDate;
    if (n > 0) date = addDays(weekdayOnOrAfter(makeDate(y, m, 1)!, wd.wd), 7 * (n - 1));
    else {
      const last = lastOfMonth(y, m);
      date = addDays(last, -((isoWeekday(last) - wd.wd + 7) % 7));
    }
    if (ymd(date)[1] !== m) return null;
    return { kind: 'dates', dates: [date], start: i, end };
  }

  /** Days given by number, alone or in a list sharing a month: "le 23 et le 30", "les mercredis 10 et 17 mars", "the 4th and 5th of January". */
  private dayListAt(i: number): DateItem | null {
    let j = i;
    let context = false;
    let leadWd: number | undefined;
    if (DAY_LEADS.has(this.w(j))) {
      context = true;
      j++;
      if (this.w(j) === 'the') j++;
    }
    const lead = this.weekdayAt(j);
    if (lead && lead.plural) {
      leadWd = lead.wd;
      context = true;
      j++;
    }
    if (!context && this.dayContextBefore(i)) context = true;
    const items: PartialDate[] = [];
    // Whether each item's month was written before its day ("June 28"): bare days after it take that month.
    const monthFirst: boolean[] = [];
    let end = -1;
    // A bare number with nothing saying it is a day ("2 et 5 juillet", "14 15 17 dec") is one only
    // when the list ends up naming a month; numbers written side by side likewise.
    let provisional = false;
    let juxtaposedFrom = -1;
    let endBeforeJuxtaposed = -1;
    // Inside a run of numbers already read to its end without a month, a bare number is no day.
    if (!context && j < this.monthlessUntil && this.tokens[j]?.kind === 'num' && !this.tokens[j]!.ordinal) return null;
    for (;;) {
      j = this.skip(j, ARTICLES);
      const r = this.partialAt(j);
      if (!r) break;
      if (!r.strong && !context && items.length === 0) {
        // Inside a run of numbers already read to its end without a month: none is a day (linear time).
        if (j < this.monthlessUntil) return null;
        provisional = true;
      }
      monthFirst.push(this.monthAt(j) !== undefined);
      items.push(r.p);
      end = r.end;
      j = r.end;
      let k = j;
      if (LIST_SEPARATORS.has(this.p(k))) {
        k++;
        if (LIST_SEPARATORS.has(this.p(k))) k++;
        k = this.skip(k, ARTICLES);
        if (this.partialAt(k)) {
          j = k;
          context = true;
          continue;
        }
      } else if (this.tokens[k]?.kind === 'num' && k >= this.monthlessUntil && this.partialAt(k)) {
        if (juxtaposedFrom < 0) {
          juxtaposedFrom = items.length;
          endBeforeJuxtaposed = end;
        }
        j = k;
        continue;
      }
      break;
    }
    if (items.length === 0) return null;
    if ((provisional || juxtaposedFrom >= 0) && !items.some((x) => x.month !== undefined)) {
      this.monthlessUntil = Math.max(this.monthlessUntil, end);
      if (provisional) return null;
      items.length = juxtaposedFrom;
      end = endBeforeJuxtaposed;
    }
    // A month said once serves the whole list: "10 et 17 mars", "April 26th and 27th", "June 28 29".
    for (let k = 0; k < items.length; k++) {
      const it = items[k]!;
      if (leadWd !== undefined && it.wd === undefined) it.wd = leadWd;
      if (it.month !== undefined) continue;
      const laterAt = items.findIndex((x, at) => at > k && x.month !== undefined);
      const earlierAt = items.findLastIndex((x, at) => at < k && x.month !== undefined);
      const later = laterAt >= 0 ? items[laterAt] : undefined;
      const earlier = earlierAt >= 0 ? items[earlierAt] : undefined;
      const src = earlier && monthFirst[earlierAt] ? earlier : (later ?? earlier);
      if (src) {
        it.month = src.month!;
        if (src.year !== undefined) it.year = src.year;
        // "lundi 30 et mardi 1er décembre": a day after the later one in a list read in order is of the month before.
        // Never into the past: "le 17 et le 3 décembre" on 20 November stays in December.
        if (src === later && it.day !== undefined && later.day !== undefined && it.day > later.day) {
          const before: PartialDate = { ...it, month: src.month! === 1 ? 12 : src.month! - 1, ...(src.year !== undefined ? { year: src.month === 1 ? src.year - 1 : src.year } : {}) };
          const d = resolvePartial(this.ctx.today, before);
          const then = resolvePartial(this.ctx.today, later);
          if (d && then && d >= this.ctx.today && d < then) Object.assign(it, before);
        }
      }
    }
    const dates: IsoDate[] = [];
    for (const it of items) {
      const d = resolvePartial(this.ctx.today, it);
      if (d) dates.push(d);
    }
    if (dates.length === 0) return null;
    const item: DateItem = { kind: 'dates', dates, start: i, end };
    if (!items.some((x) => x.month !== undefined)) this.bareDays.set(item, items);
    return item;
  }

  /**
   * "book lunch on Monday 22nd and Tuesday 23rd March; Liam also needs care on the Tuesday":
   * a weekday said with a definite article after days given in full is the one of those days
   * on that weekday, when exactly one is.
   */
  private weekdayOfDaysBefore(items: readonly DateItem[], item: DateItem): DateItem | null {
    if (item.kind !== 'weekday' || item.shift !== 0 || item.following) return null;
    let definite = false;
    for (let k = Math.max(0, item.start - 1); k < item.end; k++) if (this.w(k) === 'the' || this.w(k) === 'le' || this.w(k) === 'ce') definite = true;
    if (!definite) return null;
    this.catchUp(items);
    const same = this.fullDays.get(item.wd);
    if (!same || same.size !== 1) return null;
    return { kind: 'dates', dates: [...same], start: item.start, end: item.end };
  }

  /** Items read so far by `catchUp`. */
  private seenItems = 0;
  /** Some item read so far names days (anything but an exception). */
  private daysSaid = false;
  /** The days given in full so far (a month of their own, not bare day numbers), by weekday. */
  private readonly fullDays = new Map<number, Set<IsoDate>>();

  /** Reads the items added since the last call, once each (the parse stays linear). */
  private catchUp(items: readonly DateItem[]): void {
    for (; this.seenItems < items.length; this.seenItems++) {
      const x = items[this.seenItems]!;
      if (x.kind !== 'except') this.daysSaid = true;
      if (x.kind !== 'dates' || this.bareDays.get(x) !== undefined) continue;
      for (const d of x.dates) {
        const wd = isoWeekday(d);
        let set = this.fullDays.get(wd);
        if (!set) this.fullDays.set(wd, (set = new Set()));
        set.add(d);
      }
    }
  }

  /** Some item before names days ("jeudi, pas vendredi"). */
  private daysBefore(items: readonly DateItem[]): boolean {
    this.catchUp(items);
    return this.daysSaid;
  }

  /**
   * "pour janvier : le 18, le 19 et le 25": a month named, then day numbers with no month of
   * their own in the same sentence, are those days of that month (from today on), not the
   * whole month and days of the current one. Replaces the month's span with those days.
   */
  private daysOfMonthBefore(items: DateItem[], item: DateItem): DateItem | null {
    const days = this.bareDays.get(item);
    const span = items[items.length - 1];
    if (!days || !span || span.kind !== 'span' || span.scope !== 'month') return null;
    for (let k = span.end; k < item.start; k++) if (isSentenceEnd(this.tokens[k]!)) return null;
    const [y, m] = ymd(span.from);
    const dates: IsoDate[] = [];
    for (const d of days) {
      const date = makeDate(y, m, d.day);
      if (date && date >= this.ctx.today && (d.wd === undefined || isoWeekday(date) === d.wd)) dates.push(date);
    }
    if (dates.length === 0) return null;
    items.pop();
    // The span is replaced by its days: `catchUp` reads the new item in its place.
    this.seenItems = Math.min(this.seenItems, items.length);
    return { kind: 'dates', dates, start: span.start, end: item.end };
  }

  /** "sauf mercredi", "sauf le 14", "except Friday", "but not Wednesday", "à part le jeudi". */
  /** "(de) chaque semaine", "toutes les semaines", "every week": the weekdays said, every week (no weekday of its own). */
  private everyWeekAt(i: number): DateItem | null {
    let j = i;
    if (this.w(j) === 'de' || this.w(j) === 'of') j++;
    const a = this.w(j);
    const b = this.w(j + 1);
    if ((a === 'chaque' || a === 'every' || a === 'each') && (b === 'semaine' || b === 'week')) return { kind: 'every', weekdays: [], start: i, end: j + 2 };
    if ((a === 'toutes' && b === 'les' && this.w(j + 2) === 'semaines')) return { kind: 'every', weekdays: [], start: i, end: j + 3 };
    return null;
  }

  /**
   * "la veille des vacances", "le dernier jour avant Noël", "the last day before the February break",
   * "les deux derniers jours avant les vacances d'hiver", "les deux semaines avant les vacances",
   * "the last two weeks before half term": school days counted back from the holidays (or feast) named.
   */
  private lastDaysBeforeAt(i: number): DateItem | null {
    let j = this.skip(i, ARTICLES);
    let count = 1;
    let unit: 'day' | 'week' | null = null;
    let last = false;
    const num = (k: number): number | undefined => {
      const t = this.tokens[k];
      if (t?.kind === 'num' && /^\d$/.test(t.norm)) return Number(t.norm);
      const n = NUMBER_WORDS.get(this.w(k));
      return n !== undefined && n >= 2 && n <= 9 ? n : undefined;
    };
    if (this.w(j) === 'veille') {
      unit = 'day';
      j++;
      if (!['de', 'des', 'du', 'd'].includes(this.w(j))) return null;
    } else if (this.w(j) === 'day' && this.w(j + 1) === 'before' && j > i) {
      unit = 'day';
      j += 1;
    } else {
      // "les deux derniers jours", "the last two days", "le dernier jour", "les deux semaines".
      const n1 = num(j);
      if (n1 !== undefined) {
        count = n1;
        j++;
      }
      if (LAST_WORDS.has(this.w(j))) {
        last = true;
        j++;
        const n2 = num(j);
        if (n2 !== undefined && n1 === undefined) {
          count = n2;
          j++;
        }
      }
      const u = this.w(j);
      if (u === 'jour' || u === 'jours' || u === 'journee' || u === 'day' || u === 'days') unit = 'day';
      else if ((u === 'semaines' || u === 'weeks') && count >= 2) unit = 'week';
      else return null;
      // (A count of days needs "derniers": "les deux jours avant les vacances" is read the same, a week count need not.)
      if (unit === 'day' && !last && count === 1) return null;
      j++;
      if ((this.w(j) === 'd' || this.w(j) === 'de' || this.w(j) === 'of') && ['ecole', 'classe', 'school', 'cours'].includes(this.w(j + 1))) j += 2;
      if (this.w(j) !== 'avant' && this.w(j) !== 'before') return null;
    }
    const t = this.untilTargetAt(j + 1);
    if (!t || t.ref.kind !== 'date') return null;
    // ("la veille de Noël" is the 24th itself: only the eve of holidays is their last school day.)
    // (Only holidays or a feast are counted back from: "la veille du 11 novembre" is the day before that day.)
    let holidays = false;
    let named = false;
    for (let k = j + 1; k < t.end; k++) {
      if (HOLIDAY_WORDS.has(this.w(k)) || this.w(k) === 'half' || this.w(k) === 'halfterm') holidays = true;
      if (HOLIDAY_NAMES.has(this.w(k))) named = true;
    }
    if (!holidays && !named) return null;
    if (unit === 'day' && count === 1 && !last && !holidays) return { kind: 'dates', dates: [t.ref.date], start: i, end: t.end };
    // The school days up to the day before the holidays (or the feast), counted back.
    let d = this.schoolDayOnOrBefore(t.ref.date);
    if (unit === 'week') {
      const from = addDays(mondayOf(d), -7 * (count - 1));
      return { kind: 'span', from, to: d, scope: 'week', start: i, end: t.end };
    }
    const days: IsoDate[] = [];
    for (let guard = 0; guard < 60 && days.length < count; guard++, d = addDays(d, -1)) if (anyServiceRuns(this.ctx, null, d)) days.push(d);
    return { kind: 'dates', dates: days.sort(), start: i, end: t.end };
  }

  /** The last day on or before `d` on which some service runs (at most a month back). */
  private schoolDayOnOrBefore(d: IsoDate): IsoDate {
    let day = d;
    for (let guard = 0; guard < 30 && !anyServiceRuns(this.ctx, null, day); guard++) day = addDays(day, -1);
    return day;
  }

  /** "la dernière semaine avant les vacances de Noël", "the last week before half term": the school week that ends there. */
  private lastWeekBeforeAt(i: number): DateItem | null {
    let j = this.skip(i, ORDINAL_WEEK_LEADS);
    if (this.w(j) !== 'derniere' && this.w(j) !== 'last') return null;
    j++;
    if (this.w(j) !== 'semaine' && this.w(j) !== 'week') return null;
    j++;
    // "la dernière semaine d'école", "the last week of school": the week of the last school day.
    if ((this.w(j) === 'd' || this.w(j) === 'de' || this.w(j) === 'of') && ['ecole', 'classe', 'school', 'term'].includes(this.w(j + 1))) {
      const mon = mondayOf(this.ctx.calendar.calendar.lastDay);
      return { kind: 'span', from: mon, to: addDays(mon, 6), scope: 'week', start: i, end: j + 2 };
    }
    if (this.w(j) !== 'avant' && this.w(j) !== 'before') return null;
    const t = this.untilTargetAt(j + 1);
    if (!t || t.ref.kind !== 'date') return null;
    // (The week of the last school day before it: "la dernière semaine avant Noël" is the week before the holidays.)
    const mon = mondayOf(this.schoolDayOnOrBefore(t.ref.date));
    return { kind: 'span', from: mon, to: addDays(mon, 6), scope: 'week', start: i, end: t.end };
  }

  /** "plutôt" or "rather" a few words before `i`, in the same sentence. */
  private saidRatherBefore(i: number): boolean {
    for (let k = i - 1; k >= 0 && k >= i - 6; k--) {
      const w = this.w(k);
      if (w === 'plutot' || w === 'rather') return true;
      if (this.tokens[k]!.kind === 'punct' && this.tokens[k]!.norm !== ',') return false;
    }
    return false;
  }

  private exceptAt(i: number, afterDays: boolean): DateItem | null {
    const a = this.w(i);
    const b = this.w(i + 1);
    let j = -1;
    const before = this.tokens[i - 1]?.norm ?? '';
    if (a === 'sauf' || a === 'excepte' || a === 'hormis' || a === 'except') j = i + 1;
    // "jeudi, pas vendredi": an exception only after days; "finalement, pas vendredi" is a negation.
    else if ((a === 'pas' || a === 'not') && afterDays && [',', 'mais', 'but', 'et', 'and'].includes(before)) j = i + 1;
    else if ((a === 'but' && b === 'not') || (a === 'apart' && b === 'from') || (a === 'other' && b === 'than') || (a === 'a' && b === 'part') || (a === 'not' && b === 'on')) j = i + 2;
    else if (a === 'a' && b === 'le' && this.w(i + 2) === 'exception') j = i + 4;
    // "mardi et non lundi", "c'est le mardi 9 et non le lundi 8" (", non le 16" corrects: it is no exception).
    else if (a === 'non' && afterDays && ['mais', 'but', 'et', 'and'].includes(before)) j = b === 'pas' ? i + 2 : i + 1;
    // "vendredi au lieu de jeudi", "Friday instead of Thursday", "plutôt que lundi", "rather than Monday".
    else if (a === 'au' && b === 'lieu' && ['de', 'du', 'd'].includes(this.w(i + 2))) j = i + 3;
    else if (a === 'a' && b === 'la' && this.w(i + 2) === 'place' && ['de', 'du', 'd'].includes(this.w(i + 3))) j = i + 4;
    // "I meant Friday not Thursday", "c'est mardi pas lundi": a day, then the one it is not.
    else if ((a === 'pas' || a === 'not') && afterDays && (WEEKDAYS.has(before) || this.tokens[i - 1]?.kind === 'num') && (this.weekdayAt(i + 1) !== undefined || this.weekdayAt(this.skip(i + 1, EXCEPT_LEADS)) !== undefined)) j = i + 1;
    else if ((a === 'instead' && b === 'of') || (a === 'plutot' && b === 'que') || (a === 'rather' && b === 'than')) j = i + 2;
    // "plutôt le mercredi 24 que le 17", "rather Wednesday than Thursday".
    else if ((a === 'que' || a === 'than') && afterDays && this.saidRatherBefore(i)) j = i + 1;
    else if (a === 'en' && b === 'dehors') j = i + 3;
    // "jeudi et vendredi. Scratch Friday", "… oubliez le vendredi": a day taken back after the days said.
    else if (TAKE_BACK_WORDS.has(a) && afterDays) j = i + 1;
    if (j < 0) return null;
    if (this.w(j) === 'for') j++;
    const weekdays: number[] = [];
    const dates: IsoDate[] = [];
    let end = -1;
    for (;;) {
      j = this.skip(j, EXCEPT_LEADS);
      const list = this.dayListAt(j);
      if (list && list.kind === 'dates') {
        dates.push(...list.dates);
        end = j = list.end;
      } else {
        const rel = this.relativeAt(j);
        const wd = this.weekdayAt(j);
        if (rel) {
          dates.push(rel.date);
          end = j = rel.end;
        } else if (wd) {
          weekdays.push(wd.wd);
          end = j = j + 1;
        } else break;
      }
      if (LIST_SEPARATORS.has(this.p(j))) {
        const k = this.skip(j + 1, EXCEPT_LIST_ARTICLES);
        if (this.weekdayAt(k) || this.partialAt(k) || this.relativeAt(k)) {
          j = j + 1;
          continue;
        }
      }
      break;
    }
    if (end < 0) return null;
    return { kind: 'except', weekdays, dates, start: i, end };
  }

  /** "pendant les vacances", "during the holidays": the holiday period (no service runs then). */
  private holidaySpanAt(i: number): DateItem | null {
    const a = this.w(i);
    if (a !== 'pendant' && a !== 'durant' && a !== 'during' && a !== 'over') return null;
    const j = this.skip(i + 1, HOLIDAY_ARTICLES);
    if (!HOLIDAY_WORDS.has(this.w(j))) return null;
    const h = this.ctx.calendar.holidayOn(this.ctx.today) ?? this.ctx.calendar.nextHolidays(this.ctx.today);
    if (!h) return null;
    return { kind: 'span', from: h.from, to: h.to, scope: 'holiday', start: i, end: j + 1 };
  }

  /** The last single day said before (a day in full, a weekday, the start of a period), or null. */
  private lastDaySaid(framing = false): IsoDate | null {
    for (let k = this.said.length - 1; k >= 0; k--) {
      const it = this.said[k]!;
      if (it.kind === 'dates' && it.dates.length > 0) return it.dates[it.dates.length - 1]!;
      // ("le lundi, mardi et jeudi de cette semaine-là": the weekdays it frames are no day said before it.)
      if (it.kind === 'weekday' && framing) continue;
      if (it.kind === 'weekday') return resolveWeekday(this.ctx, null, it.wd, it.shift);
      if (it.kind === 'from' && it.ref.kind === 'date') return it.ref.date;
      // ("la semaine du 24 mai … cette semaine-là", "du lundi 28 septembre au vendredi 2 octobre … toute cette semaine-là": the first day of a week or a range said.)
      if (it.kind === 'span' && it.scope === 'week') return it.from;
      if (it.kind === 'range' && it.from.kind === 'date') return it.from.date;
    }
    return null;
  }

  /** "Semaine prochaine c'est moi qui ai les enfants … toute la semaine sauf vendredi": the Monday of the last week said, if any. */
  private lastWeekSaid(): IsoDate | null {
    for (let k = this.said.length - 1; k >= 0; k--) {
      const it = this.said[k]!;
      if (it.kind === 'span' && it.scope === 'week' && !it.loose) return it.from;
    }
    return null;
  }

  /** "les semaines du 7 et du 21 septembre", "the weeks of the 7th and the 21st": after weeks said so, "et du N" is another week. */
  private anotherWeekAt(i: number, last: DateItem | undefined): DateItem | null {
    if (!last || last.kind !== 'span' || last.scope !== 'week' || last.end !== i) return null;
    if (!['et', 'and', ','].includes(this.w(i)) || !['du', 'de', 'of'].includes(this.w(i + 1))) return null;
    let k = last.start;
    while (k < last.end && this.w(k) !== 'semaines' && this.w(k) !== 'weeks') k++;
    if (k === last.end) return null;
    const ep = this.endpointAt(this.skip(i + 2, ARTICLES));
    if (!ep) return null;
    const anchor = ep.partial ? resolvePartial(this.ctx.today, ep.partial.p) : ep.ref?.kind === 'date' ? ep.ref.date : null;
    if (!anchor) return null;
    // ("du 8 et du 22 mars": the month said once is the first week's too.)
    const monthIn = (a: number, b: number) => {
      for (let x = a; x < b; x++) if (MONTHS.has(this.w(x))) return true;
      return false;
    };
    const dayTok = this.tokens.slice(last.start, last.end).find((t) => t.kind === 'num');
    if (dayTok && !monthIn(last.start, last.end) && monthIn(i, ep.end)) {
      const first = `${anchor.slice(0, 8)}${String(Number(dayTok.norm)).padStart(2, '0')}` as IsoDate;
      if (first < anchor && !Number.isNaN(Date.parse(first))) {
        const m = mondayOf(first);
        (last as { from: IsoDate }).from = m;
        (last as { to: IsoDate }).to = addDays(m, 6);
      }
    }
    const mon = mondayOf(anchor);
    return { kind: 'span', from: mon, to: addDays(mon, 6), scope: 'week', start: i, end: ep.end };
  }

  /** "cette semaine-là", "that week", "la même semaine": the week of the day said before. */
  private thatWeekAt(i: number): DateItem | null {
    const a = this.w(i);
    const b = this.w(i + 1);
    let end = -1;
    if (a === 'cette' && b === 'semaine' && this.w(i + 2) === 'la') end = i + 3;
    else if ((a === 'that' || a === 'same') && b === 'week') end = i + 2;
    else if ((a === 'la' || a === 'the') && (b === 'meme' || b === 'same') && this.w(i + 2) === (a === 'la' ? 'semaine' : 'week')) end = i + 3;
    if (end < 0) return null;
    const day = this.lastDaySaid(['de', 'of', 'du'].includes(this.w(i - 1)));
    if (!day) return null;
    const from = mondayOf(day);
    return { kind: 'span', from, to: addDays(from, 6), scope: 'week', start: i, end };
  }

  /** "ce jour-là", "le même jour", "that day": the days of the previous request. */
  private anaphorAt(i: number): DateItem | null {
    const a = this.w(i);
    const b = this.w(i + 1);
    const c = this.w(i + 2);
    if ((a === 'ce' || a === 'ces') && (b === 'jour' || b === 'jours') && c === 'la') return { kind: 'anaphor', start: i, end: i + 3 };
    // "ces deux mercredis", "ces 2 jours", "ces jeudis-là": the days just said.
    if (a === 'ces' && ['deux', 'trois', 'quatre', '2', '3', '4'].includes(b) && (c === 'jours' || this.weekdayAt(i + 2)?.plural)) return { kind: 'anaphor', start: i, end: i + 3 };
    if (a === 'ces' && this.weekdayAt(i + 1)?.plural && c === 'la') return { kind: 'anaphor', start: i, end: i + 3 };
    // "ce mercredi-là": the day just said.
    if (a === 'ce' && WEEKDAYS.has(b) && c === 'la') return { kind: 'anaphor', wd: WEEKDAYS.get(b)!.wd, start: i, end: i + 3 };
    if ((a === 'le' || a === 'les' || a === 'aux' || a === 'au') && (b === 'meme' || b === 'memes') && (c === 'jour' || c === 'jours' || c === 'dates')) return { kind: 'anaphor', start: i, end: i + 3 };
    if ((a === 'that' || a === 'those') && (b === 'day' || b === 'days')) return { kind: 'anaphor', start: i, end: i + 2 };
    if (a === 'the' && b === 'same' && (c === 'day' || c === 'days' || c === 'dates')) return { kind: 'anaphor', start: i, end: i + 3 };
    // "et la garderie le vendredi pour la même période", "on Fridays for the same period".
    if ((a === 'la' || a === 'the') && (b === 'meme' || b === 'same') && (c === 'periode' || c === 'period')) return { kind: 'anaphor', period: true, start: i, end: i + 3 };
    return null;
  }

  /**
   * "depuis hier", "malade depuis lundi", "since Monday": the start of a state the parent
   * describes, in the past; not a day the request covers. Returns where it ends.
   */
  private sinceAt(i: number): number | null {
    const a = this.w(i);
    if (a !== 'depuis' && a !== 'since') return null;
    const j = this.skip(i + 1, ARTICLES);
    const now = this.w(j);
    if (now === 'maintenant' || now === 'now' || now === 'aujourdhui' || now === 'today') return null;
    // "depuis ce matin", "depuis ce soir", "depuis cette nuit", "since this morning": a state begun today.
    if ((now === 'ce' || now === 'cette' || now === 'this' || now === 'last') && ['matin', 'morning', 'midi', 'noon', 'apres', 'soir', 'evening', 'nuit', 'night', 'aprem'].includes(this.w(j + 1))) return j + 2;
    const ep = this.endpointAt(j);
    if (!ep) return null;
    if (ep.ref?.kind === 'date' && ep.ref.date >= this.ctx.today) return null;
    return ep.end;
  }

  parse(): DateItem[] {
    const items: DateItem[] = [];
    this.said = items;
    // How far the next token that can head a date is (a number, a weekday, "semaine", "demain"…):
    // a run of small words ("le le le …", "de la") far from any opens no date.
    const ahead = new Int32Array(this.n + 1);
    ahead[this.n] = LEAD_REACH + 1;
    for (let i = this.n - 1; i >= 0; i--) {
      const t = this.tokens[i]!;
      const heads = t.kind === 'num' || t.kind === 'numdate' || t.kind === 'time' || (t.kind === 'word' && DATE_STARTERS.has(t.norm) && !LEAD_WORDS.has(t.norm));
      ahead[i] = heads ? 0 : Math.min(LEAD_REACH + 1, ahead[i + 1]! + 1);
    }
    for (let i = 0; i < this.n; ) {
      const t = this.tokens[i]!;
      if ((this.w(i) === '' && t.kind !== 'numdate') || (t.kind === 'word' && !DATE_STARTERS.has(t.norm)) || ahead[i]! > LEAD_REACH) {
        i++;
        continue;
      }
      const since = this.sinceAt(i);
      if (since !== null) {
        i = since;
        continue;
      }
      const another = this.anotherWeekAt(i, items[items.length - 1]);
      if (another) {
        items.push(another);
        i = another.end;
        continue;
      }
      const named = t.kind === 'word' ? this.namedDayAt(i) : null;
      if (named) {
        items.push(named);
        i = named.end;
        continue;
      }
      const weekly = t.kind === 'word' ? this.everyWeekAt(i) : null;
      if (weekly) {
        items.push(weekly);
        i = weekly.end;
        continue;
      }
      // "début décembre", "early December", "mi-janvier": a part of a month said alone names no day (the assistant asks).
      // (Not as the start or end of a period: "à partir de début mars", "du début décembre aux vacances".)
      if (VAGUE_PARTS.has(this.w(i)) && MONTHS.has(this.w(i + 1)) && this.tokens[i + 2]?.kind !== 'num' && !PERIOD_LEADS.has(this.w(i - 1))) {
        i += 2;
        continue;
      }
      const thatWeek = t.kind === 'word' ? this.thatWeekAt(i) : null;
      if (thatWeek) {
        items.push(thatWeek);
        i = thatWeek.end;
        continue;
      }
      const lastDays = t.kind === 'word' ? this.lastDaysBeforeAt(i) : null;
      if (lastDays) {
        items.push(lastDays);
        i = lastDays.end;
        continue;
      }
      const lastWeek = t.kind === 'word' ? this.lastWeekBeforeAt(i) : null;
      if (lastWeek) {
        items.push(lastWeek);
        i = lastWeek.end;
        continue;
      }
      const nth = t.kind === 'word' ? (this.ordinalWeekBackAt(i, items) ?? this.firstDaysBackAt(i, items)) : null;
      if (nth) {
        items.push(nth);
        i = nth.end;
        continue;
      }
      const following = t.kind === 'word' ? this.followingWeekAt(i, items[items.length - 1]) : null;
      if (following) {
        items.push(following);
        i = following.end;
        continue;
      }
      const sameNext = t.kind === 'word' ? this.sameDayNextWeekAt(i, items[items.length - 1]) : null;
      if (sameNext && sameNext.kind === 'dates') {
        // (The weekday before is that day itself, not one to pair with a date of the same weekday.)
        const said = items[items.length - 1]!;
        if (said.kind === 'weekday') items[items.length - 1] = { kind: 'dates', dates: [addDays(sameNext.dates[0]!, -7)], start: said.start, end: said.end };
        items.push(sameNext);
        i = sameNext.end;
        continue;
      }
      const offset = t.kind === 'word' ? this.offsetAt(i, items[items.length - 1]) : null;
      if (offset) {
        items.push(offset);
        i = offset.end;
        continue;
      }
      // A number can only open a day, a range, an ordinal or a count ("23 mars", "7-11", "3e semaine", "2 prochains mercredis").
      const item =
        t.kind !== 'word'
          ? (this.rangeAt(i) ?? this.ordinalWeekAt(i) ?? this.ordinalWeekdayAt(i) ?? this.nextNAt(i) ?? this.dayListAt(i))
          : this.returnAt(i) ??
            this.exceptAt(i, this.daysBefore(items)) ??
        this.rangeAt(i) ??
        this.untilAt(i) ??
        this.fromAt(i) ??
        this.ordinalWeekAt(i) ??
        this.ordinalWeekdayAt(i) ??
        this.restOfAt(i) ??
        this.weekAt(i) ??
        this.inDurationAt(i) ??
        this.nextNAt(i) ??
        (this.w(i) === 'ces' ? this.anaphorAt(i) : null) ??
        this.recurrenceAt(i) ??
        this.dayListAt(i) ??
        this.monthSpanAt(i) ??
        this.relativeItemAt(i) ??
        this.holidaySpanAt(i) ??
        this.anaphorAt(i) ??
        this.weekdayItemAt(i);
      if (item && item.end > i) {
        items.push(this.daysOfMonthBefore(items, item) ?? this.weekdayOfDaysBefore(items, item) ?? item);
        i = item.end;
      } else i++;
    }
    // "je me suis trompé de semaine, c'est celle du 23 novembre, pas celle du 16": "celle du" a day, after "semaine", is its week.
    for (let k = 0; k < items.length; k++) {
      const it = items[k]!;
      if (it.kind !== 'dates' || it.dates.length !== 1 || this.w(it.start - 1) !== 'celle' || !['du', 'de'].includes(this.w(it.start))) continue;
      let week = false;
      for (let j = Math.max(0, it.start - 16); j < it.start && !week; j++) week = this.w(j) === 'semaine' || this.w(j) === 'semaines';
      if (!week) continue;
      const from = mondayOf(it.dates[0]!);
      items[k] = { kind: 'span', from, to: addDays(from, 6), scope: 'week', start: it.start, end: it.end };
    }
    return items;
  }

  /**
   * A public holiday or a bridge day named as the calendar names it ("le lundi de Pâques",
   * "l'Ascension", "le pont de l'Ascension") or in English ("Easter Monday", "Whit Monday"),
   * with or without its weekday before it ("jeudi de l'Ascension"): that day, from today on.
   */
  private namedDayAt(i: number): DateItem | null {
    const { calendar, today } = this.ctx;
    const days = namedDaysOf(calendar);
    const at = this.skip(i, ARTICLES, 2);
    let j = at;
    if (WEEKDAYS.has(this.w(j)) && !WEEKDAYS.get(this.w(j))!.plural) {
      j++;
      while (['de', 'd', 'du', 'l', 'la', 'le'].includes(this.w(j)) && j < at + 4) j++;
    }
    for (const k of [j, at]) {
      for (const day of days.get(this.w(k)) ?? NO_DAYS) {
        if (day.date < today) continue;
        let m = 0;
        while (m < day.words.length && this.w(k + m) === day.words[m]) m++;
        if (m === day.words.length) return { kind: 'dates', dates: [day.date], start: i, end: k + m };
      }
      if (k === at) break;
    }
    return null;
  }

  /**
   * "le lendemain", "la veille", "the day after", "the day before": the day after or before the
   * single day said just before ("jeudi et le lendemain", "Easter Monday or the day after").
   */
  /**
   * "la première semaine" with no month: of the return to school said before it ("à la rentrée
   * … la première semaine"), or of the next one ("the first week back", "la première semaine
   * de reprise").
   */
  /**
   * "à la rentrée de février … les deux premiers jours", "the first two days back": the first school days from the return
   * said before it.
   */
  private firstDaysBackAt(i: number, items: DateItem[]): DateItem | null {
    let j = this.skip(i, ORDINAL_WEEK_LEADS);
    let count: number | undefined;
    if (this.w(j) === 'premiers' || this.w(j) === 'first') {
      count = COUNT_WORDS.get(this.w(j + 1)) ?? (this.tokens[j + 1]?.kind === 'num' ? this.tokens[j + 1]!.num : undefined);
      if (count === undefined) return null;
      j += 2;
    } else {
      count = COUNT_WORDS.get(this.w(j)) ?? (this.tokens[j]?.kind === 'num' ? this.tokens[j]!.num : undefined);
      if (count === undefined || (this.w(j + 1) !== 'premiers' && this.w(j + 1) !== 'first')) return null;
      j += 2;
    }
    if ((this.w(j) !== 'jours' && this.w(j) !== 'days') || count < 1 || count > 5) return null;
    const end = j + 1;
    const k = items.findIndex((it) => it.kind === 'anchor');
    if (k < 0) return null;
    const anchor = (items[k] as { date: IsoDate }).date;
    items.splice(k, 1);
    const dates: IsoDate[] = [];
    for (let d = anchor; dates.length < count && d < addDays(anchor, 21); d = addDays(d, 1)) if (anyServiceRuns(this.ctx, null, d)) dates.push(d);
    return { kind: 'dates', dates, start: i, end };
  }

  private ordinalWeekBackAt(i: number, items: DateItem[]): DateItem | null {
    let j = this.skip(i, ORDINAL_WEEK_LEADS);
    const n = WEEK_ORDINALS.get(this.w(j));
    if (n === undefined || n < 1) return null;
    j++;
    if (this.w(j) !== 'semaine' && this.w(j) !== 'week') return null;
    j++;
    let anchor: IsoDate | null = null;
    let end = j;
    if (this.w(j) === 'back' || (this.w(j) === 'de' && (this.w(j + 1) === 'reprise' || this.w(j + 1) === 'rentree'))) {
      anchor = rentree(this.ctx);
      end = this.w(j) === 'back' ? j + 1 : j + 2;
    } else {
      if (['de', 'du', 'd', 'of', 'in', 'en', 'apres', 'after'].includes(this.w(j)) || this.tokens[j]?.kind === 'num') return null;
      // The return said before is only the reference of the week: it is no day of its own.
      for (let k = items.length - 1; k >= 0 && anchor === null; k--) {
        const it = items[k]!;
        // ("dès la rentrée, tous les jours de la première semaine": the first week from the day said.)
        if (it.kind === 'from' && it.ref.kind === 'date') {
          anchor = it.ref.date;
          items.splice(k, 1);
          continue;
        }
        if (it.kind !== 'anchor') continue;
        anchor = it.date;
        items.splice(k, 1);
      }
    }
    if (anchor === null) return null;
    const from = addDays(mondayOf(anchor), 7 * (n - 1));
    return { kind: 'span', from, to: addDays(from, 6), scope: 'week', start: i, end };
  }

  /**
   * "… de cette semaine et de la suivante", "this week and next", "et celle d'après": the week
   * after the week said just before, named without the word "semaine".
   */
  private followingWeekAt(i: number, before: DateItem | undefined): DateItem | null {
    if (!before || before.kind !== 'span' || before.scope !== 'week' || before.end !== i) return null;
    let j = i;
    if (!LIST_SEPARATORS.has(this.w(j)) || this.w(j) === 'ou' || this.w(j) === 'or') return null;
    j++;
    j = this.skip(j, FOLLOWING_LEADS);
    const w = this.w(j);
    let end = -1;
    if (w === 'suivante' || w === 'prochaine' || w === 'next' || w === 'following') end = j + 1;
    else if (w === 'apres' || w === 'after') end = j + 1;
    else if ((w === 'd' || w === 'de') && this.w(j + 1) === 'apres') end = j + 2;
    if (end < 0 || (j === i + 1 && w !== 'next')) return null;
    if (this.w(end) === 'one' || this.w(end) === 'week') end++;
    const from = addDays(before.from, 7);
    return { kind: 'span', from, to: addDays(from, 6), scope: 'week', start: i, end };
  }

  /**
   * "ce mercredi ainsi que le suivant", "jeudi et celui d'après", "this Wednesday and the following one": the
   * same weekday a week after the one day said just before.
   */
  private sameDayNextWeekAt(i: number, before: DateItem | undefined): DateItem | null {
    if (!before || before.end < i - 3) return null;
    const j = i;
    if (this.w(j) !== 'le' && this.w(j) !== 'celui' && this.w(j) !== 'the') return null;
    for (let k = before.end; k < i; k++) if (!LIST_SEPARATORS.has(this.w(k)) && !['ainsi', 'que', 'as', 'well', 'puis'].includes(this.w(k))) return null;
    if (before.end === i) return null;
    let end = -1;
    if (this.w(j) === 'le' && (this.w(j + 1) === 'suivant' || this.w(j + 1) === 'prochain')) end = j + 2;
    // ("d'après" is read "de après".)
    else if (this.w(j) === 'celui' && (this.w(j + 1) === 'suivant' || ((this.w(j + 1) === 'd' || this.w(j + 1) === 'de') && this.w(j + 2) === 'apres'))) end = this.w(j + 1) === 'suivant' ? j + 2 : j + 3;
    else if (this.w(j) === 'the' && (this.w(j + 1) === 'following' || this.w(j + 1) === 'next') && (this.w(j + 2) === 'one' || this.w(j + 2) === 'week')) end = j + 3;
    else if (this.w(j) === 'the' && this.w(j + 1) === 'one' && this.w(j + 2) === 'after') end = j + 3;
    if (end < 0) return null;
    let base: IsoDate | null = null;
    if (before.kind === 'dates' && before.dates.length === 1) base = before.dates[0]!;
    else if (before.kind === 'weekday') base = resolveWeekday(this.ctx, null, before.wd, before.shift);
    if (base === null) return null;
    return { kind: 'dates', dates: [addDays(base, 7)], start: i, end };
  }

  private offsetAt(i: number, before: DateItem | undefined): DateItem | null {
    let j = this.skip(i, ARTICLES);
    let days = 0;
    if (this.w(j) === 'lendemain') days = 1;
    else if (this.w(j) === 'veille') days = -1;
    else if ((this.w(j) === 'day' || this.w(j) === 'jour') && ['after', 'apres', 'suivant', 'following', 'before', 'avant', 'precedent'].includes(this.w(j + 1))) {
      days = ['before', 'avant', 'precedent'].includes(this.w(j + 1)) ? -1 : 1;
      j++;
    } else if ((this.w(j) === 'following' || this.w(j) === 'next') && this.w(j + 1) === 'day') {
      days = 1;
      j++;
    } else return null;
    if (j === i && this.w(i) !== 'lendemain' && this.w(i) !== 'veille') return null;
    // "le lendemain du lundi de Pâques", "the day after Easter Monday": the day it is said of.
    const of = ['de', 'du', 'd', 'of'].includes(this.w(j + 1)) ? j + 2 : this.w(j) === 'after' || this.w(j) === 'before' ? j + 1 : -1;
    if (of >= 0) {
      const ep = this.endpointAt(this.skip(of, ARTICLES));
      let base: IsoDate | null = null;
      if (ep?.ref?.kind === 'date') base = ep.ref.date;
      else if (ep?.ref?.kind === 'weekday') base = resolveWeekday(this.ctx, null, ep.ref.wd, ep.ref.shift);
      else if (ep?.partial) base = resolvePartial(this.ctx.today, ep.partial.p);
      if (ep && base !== null) return { kind: 'dates', dates: [addDays(base, days)], start: i, end: ep.end };
      // "jeudi 12 (lendemain du férié)", "la veille de la sortie": the day after something that is no day said; it names no other day.
      if (['de', 'du', 'd', 'of'].includes(this.w(j + 1))) return null;
    }
    if (!before || before.end < i - 3) return null;
    for (let k = before.end; k < i; k++) if (this.w(k) !== '' && !LIST_SEPARATORS.has(this.w(k)) && this.w(k) !== 'puis') return null;
    let base: IsoDate | null = null;
    if (before.kind === 'dates' && before.dates.length === 1) base = before.dates[0]!;
    else if (before.kind === 'weekday') base = resolveWeekday(this.ctx, null, before.wd, before.shift);
    if (base === null) return null;
    return { kind: 'dates', dates: [addDays(base, days)], start: i, end: j + 1 };
  }

  private relativeItemAt(i: number): DateItem | null {
    const r = this.relativeAt(i);
    if (r) return { kind: 'dates', dates: [r.date], start: i, end: r.end };
    const a = this.rentreeAt(i);
    // ("À la rentrée, merci de l'inscrire le mardi 27 …": set apart by a comma, it frames the days said after it.)
    return a ? { kind: 'anchor', date: a.date, start: i, end: a.end, ...(this.p(a.end) === ',' || this.p(a.end) === ':' ? { frame: true } : {}) } : null;
  }

  private weekdayItemAt(i: number): DateItem | null {
    const r = this.weekdayRefAt(i);
    if (!r) return null;
    // ("le lundi", "les jeudis": a weekday said of every week, where a range is said beside it.)
    const generic = r.shift === 0 && (['le', 'les'].includes(this.w(i)) || ['le', 'les'].includes(this.w(i - 1)) || [...Array(r.end - i).keys()].some((k) => WEEKDAYS.get(this.w(i + k))?.plural === true));
    return { kind: 'weekday', wd: r.wd, shift: r.shift, start: i, end: r.end, ...(r.following ? { following: true } : {}), ...(generic ? { generic: true } : {}) };
  }
}

const FOLLOWING_LEADS = new Set(['de', 'du', 'la', 'celle', 'the', 'one', 'week']);

/** Small words that only lead into a date ("le", "de la", "pour toute la", "and the"): never one alone. */
const LEAD_WORDS: ReadonlySet<string> = new Set(
  `le la les l the on du des au aux a de d ce cet cette ces this that et and ou or ni en in of pour for from entre between depuis
  during pendant durant to un une an`.split(/\s+/),
);
/** At most this many leading small words before the word that heads a date. */
const LEAD_REACH = 5;

/** English names of the French public holidays, by the calendar's folded name. */
const ENGLISH_HOLIDAY_NAMES: Readonly<Record<string, readonly string[]>> = {
  'lundi de paques': ['easter monday'],
  'lundi de pentecote': ['whit monday', 'pentecost monday'],
  ascension: ['ascension day', 'ascension'],
  'fete du travail': ['may day', 'labour day', 'labor day'],
  'pont de l ascension': ['ascension bridge'],
};
type NamedDay = { words: string[]; date: IsoDate };
const NO_DAYS: readonly NamedDay[] = [];
const namedDays = new WeakMap<object, Map<string, NamedDay[]>>();

/**
 * The public holidays and bridge days by their names' words, longest first; names that are also
 * the school holidays' ("Toussaint", "Noël") stay the holidays'.
 */
function namedDaysOf(calendar: DateContext['calendar']): Map<string, NamedDay[]> {
  const known = namedDays.get(calendar);
  if (known) return known;
  const list: NamedDay[] = [];
  for (const h of [...calendar.calendar.publicHolidays, ...calendar.calendar.bridges]) {
    const name = fold(h.name.toLowerCase()).replace(/[^a-z0-9]+/g, ' ').trim();
    if (name.split(' ').some((w) => HOLIDAY_NAMES.has(w) && w !== 'paques') || /\d/.test(name)) continue;
    for (const n of [name, ...(ENGLISH_HOLIDAY_NAMES[name] ?? [])]) list.push({ words: n.split(' '), date: h.date });
  }
  list.sort((a, b) => b.words.length - a.words.length);
  const byFirst = new Map<string, NamedDay[]>();
  for (const d of list) {
    const l = byFirst.get(d.words[0]!);
    if (l) l.push(d);
    else byFirst.set(d.words[0]!, [d]);
  }
  namedDays.set(calendar, byFirst);
  return byFirst;
}

/**
 * Every date expression of a message, left to right. Tokens for which
 * `blocked` is true (first names, "mercredi" inside "mercredi loisirs")
 * are never read as dates.
 */
export function parseDates(tokens: readonly Token[], ctx: DateContext, blocked: (i: number) => boolean): DateItem[] {
  return new Parser(tokens, ctx, blocked).parse();
}

/** Every word the grammar compares with: a date expression only starts on one of them (or a number). */
const GRAMMAR_WORDS = `
  a after afternoon ahead all an anaphor and annee ans apart apres april as au aujourdhui autumn aux avant avril back 
  beginning between break but by ce ces cet cette chaque children christmas ci coming commencing compter conges courant d 
  daily dans date dates day days de debut december decembre definitivement dehors demain depuis dernier derniere des 
  desormais deux dorenavant du durant during each early easter effective en end ends enfant enfants entire entre et ete 
  eur euro euros evening every except excepte exception fall february fevrier fin first fois following for from further 
  good grandes h half halfterm instead lieu non plutot rather place que derniere avant before chaque halloween heure heures hier hiver holiday holidays hols hormis hours huit ici in jour 
  jours juillet july jusque kids l la last late le les lunch lunchtime maintenant mais matin matinee matins meals meme 
  mes middle midi midis milieu min minutes mois moitie month months morning next ni noel not notice nouvel now num 
  numdate october octobre of on one or ordre other ou over paques part partir pas passe pendant periode personnes pour 
  precedent premier premiere printemps pro prochain prochaine prochaines prochains punct qui quinze quotidiennement range 
  rentree repas rest reste same sauf school scolaire semaine semaines sept ses since ski soir soiree soirs span spring 
  start starting suivant suivante suivantes suivants summer surlendemain term than that the this those three through 
  throughout thru til till time times to today tomorrow tonight tonite tous toussaint tout toute toutes trimestre trois 
  two un une until untill up vacances venir viennent vient week weekday weekdays weeks whole winter word xmas year years 
  yesterday`;
const DATE_STARTERS: ReadonlySet<string> = new Set([
  ...GRAMMAR_WORDS.split(/\s+/).filter((w) => w !== ''),
  ...WEEKDAYS.keys(),
  ...MONTHS.keys(),
  ...NUMBER_WORDS.keys(),
  ...ORDINALS.keys(),
  ...COUNT_WORDS.keys(),
  ...HOLIDAY_NAMES.keys(),
  ...RETURN_VERBS,
  ...TAKE_BACK_WORDS,
  ...LAST_WORDS,
  'celui', 'journee',
  'ne', 'be', 'come', 'back', 'reprise', 'un', 'one', 'every', 'each',
  'celle', 'lendemain', 'veille', 'ascension', 'pentecote', 'whit', 'pentecost', 'pont', 'fete', 'labour', 'labor',
  ...[UNIT_WORDS, DAY_LEADS, ARTICLES, LIST_SEPARATORS, RANGE_PREFIXES, MONTH_PREPS, HOLIDAY_LEADS, END_LEADS, END_OF_LINKS, UNTIL_LEADS, WEEK_PREFIXES].flatMap((s) => [...s]),
  ...[ORDINAL_WEEK_LEADS, MONTH_PREFIXES, WEEKDAY_LIST_ARTICLES, EXCEPT_LEADS, EXCEPT_LIST_ARTICLES, HOLIDAY_ARTICLES, REST_LEADS, HOLIDAY_WORDS].flatMap((s) => [...s]),
]);

const DATE_VOCABULARY: ReadonlySet<string> = new Set(
  `prochain prochaine prochains prochaines suivant suivante pro semaine semaines week weeks weekend jour jours day days demain tomorrow
  aujourdhui today tonight hier yesterday apres avant surlendemain after ce cette cet this next last coming dernier derniere passe
  rentree back school vacances vacance holidays holiday break hols conges half term halfterm noel christmas xmas toussaint halloween
  autumn fall hiver winter ski printemps spring paques easter ete summer grandes jusque until till til up partir compter des depuis
  from starting beginning commencing effective desormais dorenavant now maintenant sauf excepte hormis except apart other than part
  exception dehors tous toutes chaque every each other alternate second sur daily quotidiennement entre between du de au to through thru fin end mois month
  annee year scolaire trimestre periode dans in huit qui vient meme same that those matin soir midi pendant durant during over reste rest
  lendemain veille ascension pentecote whit pentecost`.split(/\s+/),
);

/** Vocabulary of the date grammar (never read as first names). */
export function dateVocabulary(): ReadonlySet<string> {
  return DATE_VOCABULARY;
}
