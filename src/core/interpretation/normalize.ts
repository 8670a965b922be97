/**
 * Text normalisation and tokenisation: every later stage works on folded
 * tokens (no accents, lower case, apostrophes and elisions resolved, SMS
 * spellings expanded) that still remember how the parent wrote them.
 */
import { WEEKDAYS } from './lexicon.js';

/** Words, numbers, numeric dates (14/12), clock times (16h30), punctuation, other symbols. */
export type TokenKind = 'word' | 'num' | 'numdate' | 'time' | 'punct' | 'other';

/** One token of a message. */
export interface Token {
  /** Position in the token list. */
  index: number;
  /** The text as the parent wrote it. */
  raw: string;
  /** Folded form used for matching (may be rewritten by typo correction). */
  norm: string;
  kind: TokenKind;
  /** Numbers: the value; `ordinal` when written 1er, 14th, 3e. */
  num?: number;
  ordinal?: boolean;
  /** Numeric dates (14/12, 2026-12-14): day, month and maybe year. */
  day?: number;
  month?: number;
  year?: number;
  /** Clock times (16h30): hour and minute. */
  hour?: number;
  minute?: number;
  /** The first letter was upper case. */
  capitalized: boolean;
  /** Set when typo correction rewrote `norm`: the folded form before correction. */
  corrected?: string;
  /** An English possessive "'s" followed it and was dropped ("Chloe's class"). */
  possessive?: boolean;
}

/** A map from an object literal's own entries (never its prototype: "constructor" is a word like any other). */
function entries<V>(record: Record<string, V>): ReadonlyMap<string, V> {
  return new Map(Object.entries(record));
}

const APOSTROPHES = /[\u2019\u2018\u201B\u0060\u00B4\u02BC\u2032]/g;
const MARKS = /\p{M}+/gu;

/** Folds text for matching: canonical decomposition, accents removed, lower case, ligatures spelt out. */
export function fold(text: string): string {
  let s = text.normalize('NFD').replace(MARKS, '').toLowerCase();
  if (/[œæß]/.test(s)) s = s.replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
  return s;
}

/** Words already folded (a message repeats its words; the folding never changes). */
const foldedWords = new Map<string, string>();

/** `fold` for one word, remembered. */
function foldWord(word: string): string {
  let f = foldedWords.get(word);
  if (f === undefined) {
    if (foldedWords.size >= 50_000) foldedWords.clear();
    foldedWords.set(word, (f = fold(word)));
  }
  return f;
}

/** SMS spellings with digits, rewritten before tokenising ("2main" is "demain"). */
const SMS_DIGITS: [RegExp, string][] = [
  [/\bapr[eè]s[- ]?(?:2main|dem1|dm1)\b/giu, 'après-demain'],
  [/\b(?:2main|2m1|dem1|dm1|dmain)\b/giu, 'demain'],
];

const EMOJI = /\p{Extended_Pictographic}/u;
const EMOJI_BEFORE_CAPITAL = /\p{Extended_Pictographic}[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]*(?=\s+\p{Lu})/gu;

/** What every SMS spelling above holds: most messages hold none, and are not scanned twice more. */
const SMS_DIGIT_HINT = /2m|dem1|dm1|dmain/iu;

const TOKEN_RE = new RegExp(
  [
    '(\\d{4})-(\\d{1,2})-(\\d{1,2})(?!\\d)', // 1-3 ISO date
    '(\\d{1,2})[/.](\\d{1,2})(?:[/.](\\d{4}|\\d{2}))?(?![\\d/])', // 4-6 numeric date
    '(\\d{1,2})\\s?[hH]\\s?(\\d{2})?(?![\\p{L}\\d])', // 7-8 16h30
    '(\\d{1,2}):(\\d{2})(?!\\d)', // 9-10 16:30
    '(\\d{1,2})\\s?([ap]m)(?![\\p{L}])', // 11-12 8am
    '(\\d+)(ères?|ères|ere|er|re|èmes?|emes?|e|è|st|nd|rd|th|ᵉʳ|ᵉ|\\s(?:er|ère|ere|ème|eme)(?=\\s))?(?![\\p{L}\\d])', // 13-14 numbers ("1 er" too)
    '(\\p{L}{1,4}\\d{1,2})(?![\\p{L}\\d])', // 15 class names and codes ("CE1", "CM2"): neither a word nor a day
    '(\\p{L}[\\p{L}\\p{M}]*)', // 16 words
    "(')", // 17 apostrophe
    '([.!?;:,()\\n&+/…\\-–—])', // 18 punctuation
  ].join('|'),
  'giu', // case-blind: "1ER", "15TH", "8AM" in a message typed in capitals
);

/** French elided words ("l'", "jusqu'") and what they stand for. */
const ELISIONS: ReadonlyMap<string, string> = entries({
  l: 'le',
  d: 'de',
  n: 'ne',
  j: 'je',
  m: 'me',
  t: 'te',
  s: 'se',
  c: 'ce',
  qu: 'que',
  jusqu: 'jusque',
  lorsqu: 'lorsque',
  puisqu: 'puisque',
  quoiqu: 'quoique',
  presqu: 'presque',
});

/** English clitics after an apostrophe. */
const EN_CLITICS: ReadonlyMap<string, string | null> = entries({ s: null, re: 'are', ll: 'will', ve: 'have', m: 'am', d: 'would' });

/** Words after which "'s" is "is", not a possessive. */
const IS_CONTRACTORS = new Set(['what', 'that', 'it', 'there', 'here', 'who', 'where', 'how', 'when', 'he', 'she', 'everything', 'nothing', 'which']);

/** Words typed without their apostrophe or in SMS style, and what they expand to. */
const EXPANSIONS: ReadonlyMap<string, string[]> = entries({
  jusqua: ['jusque', 'a'],
  jusquau: ['jusque', 'au'],
  jusquaux: ['jusque', 'aux'],
  jusqu: ['jusque'],
  ajd: ['aujourdhui'],
  ojd: ['aujourdhui'],
  auj: ['aujourdhui'],
  aujd: ['aujourdhui'],
  apresdemain: ['apres', 'demain'],
  nira: ['ne', 'ira'],
  niront: ['ne', 'iront'],
  nest: ['ne', 'est'],
  cest: ['ce', 'est'],
  quest: ['que', 'est'],
  jai: ['je', 'ai'],
  laccueil: ['le', 'accueil'],
  lacceuil: ['le', 'accueil'],
  acceuil: ['accueil'],
  wont: ['will', 'not'],
  cant: ['can', 'not'],
  doesnt: ['does', 'not'],
  didnt: ['did', 'not'],
  isnt: ['is', 'not'],
  wasnt: ['was', 'not'],
  arent: ['are', 'not'],
  wouldnt: ['would', 'not'],
  shouldnt: ['should', 'not'],
  couldnt: ['could', 'not'],
  im: ['i', 'am'],
  whats: ['what', 'is'],
  bjr: ['bonjour'],
  slt: ['salut'],
  cc: ['coucou'],
  mrc: ['merci'],
  mci: ['merci'],
  pr: ['pour'],
  ds: ['dans'],
  tt: ['tout'],
  ts: ['tous'],
  pk: ['pourquoi'],
  pq: ['pourquoi'],
  qd: ['quand'],
  kan: ['quand'],
  cmb: ['combien'],
  ki: ['qui'],
  ke: ['que'],
  koi: ['quoi'],
  pa: ['pas'],
  ns: ['nous'],
  vs: ['vous'],
  pls: ['please'],
  plz: ['please'],
  thx: ['thanks'],
  thks: ['thanks'],
  ty: ['thanks'],
  tmrw: ['tomorrow'],
  tmr: ['tomorrow'],
  tmrow: ['tomorrow'],
  tomorow: ['tomorrow'],
  tommorow: ['tomorrow'],
  tommorrow: ['tomorrow'],
  nxt: ['next'],
  wk: ['week'],
  u: ['you'],
  cantoche: ['cantine'],
  // (Spelt by ear: "la quantine", "la kantine".)
  quantine: ['cantine'],
  coment: ['comment'],
  komment: ['comment'],
  fai: ['fait'],
  kantine: ['cantine'],
  cantinne: ['cantine'],
  anule: ['annule'],
  anuler: ['annuler'],
  anulez: ['annulez'],
  cantoch: ['cantine'],
  sem: ['semaine'],
  dem: ['demain'],
  dmn: ['demain'],
  dmin: ['demain'],
  demin: ['demain'],
  ojourdui: ['aujourdhui'],
  ojourdhui: ['aujourdhui'],
  aujourdui: ['aujourdhui'],
});

interface RawToken extends Token {
  start: number;
  end: number;
}

/**
 * A token with its common fields first, always in the same order (`index` is set once the list
 * is final): tokens of one shape keep the later passes over them fast.
 */
function token(raw: string, norm: string, kind: TokenKind, start: number, end: number, capitalized: boolean): RawToken {
  return { index: 0, raw, norm, kind, capitalized, start, end };
}

function word(raw: string, norm: string, start: number, end: number): RawToken {
  const first = raw.charAt(0);
  return token(raw, norm, 'word', start, end, first !== first.toLowerCase());
}

function validDayMonth(day: number, month: number): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

function numericDate(raw: string, start: number, end: number, day: number, month: number, year: number | undefined): RawToken {
  const t = token(raw, raw, 'numdate', start, end, false);
  t.day = day;
  t.month = month;
  if (year !== undefined) t.year = year;
  return t;
}

function clockTime(raw: string, start: number, end: number, hour: number, minute: number): RawToken {
  const t = token(raw, 'h', 'time', start, end, false);
  t.hour = hour;
  t.minute = minute;
  return t;
}

function scan(text: string): RawToken[] {
  const out: RawToken[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const start = m.index ?? 0;
    const end = start + raw.length;
    if (m[1] !== undefined) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      out.push(validDayMonth(d, mo) ? numericDate(raw, start, end, d, mo, y) : token(raw, raw, 'other', start, end, false));
    } else if (m[4] !== undefined) {
      const d = Number(m[4]);
      const mo = Number(m[5]);
      let y: number | undefined = m[6] !== undefined ? Number(m[6]) : undefined;
      if (y !== undefined && y < 100) y += 2000;
      if (validDayMonth(d, mo)) out.push(numericDate(raw, start, end, d, mo, y));
      // Month first: a US date ("12/14", "1/14/2027") when day-first cannot be a date; never "3.30" (a clock time).
      else if (validDayMonth(mo, d) && (y !== undefined || raw.includes('/'))) out.push(numericDate(raw, start, end, mo, d, y));
      else out.push(token(raw, raw, 'other', start, end, false));
    } else if (m[7] !== undefined) {
      out.push(clockTime(raw, start, end, Number(m[7]), m[8] !== undefined ? Number(m[8]) : 0));
    } else if (m[9] !== undefined) {
      out.push(clockTime(raw, start, end, Number(m[9]), Number(m[10])));
    } else if (m[11] !== undefined) {
      const h = Number(m[11]) % 12 + (m[12]!.toLowerCase() === 'pm' ? 12 : 0);
      out.push(clockTime(raw, start, end, h, 0));
    } else if (m[13] !== undefined) {
      const t = token(raw, m[13], 'num', start, end, false);
      t.num = Number(m[13]);
      t.ordinal = m[14] !== undefined;
      out.push(t);
    } else if (m[15] !== undefined) {
      out.push(token(raw, foldWord(raw), 'other', start, end, false));
    } else if (m[16] !== undefined) {
      const norm = foldWord(raw);
      const exp = EXPANSIONS.get(norm);
      if (exp && !(exp.length === 1 && exp[0] === norm)) {
        for (const e of exp) out.push(word(raw, e, start, end));
      } else {
        out.push(word(raw, norm, start, end));
      }
    } else if (m[17] !== undefined) {
      out.push(token(raw, "'", 'punct', start, end, false));
    } else {
      const p = raw === '…' ? '.' : raw === '–' || raw === '—' ? '-' : raw;
      out.push(token(raw, p, 'punct', start, end, false));
    }
  }
  return out;
}

/**
 * Splits a message into folded tokens: typographic apostrophes become
 * straight ones, French elisions are spelt out ("n'ira" is "ne ira",
 * "jusqu'aux" is "jusque aux"), English clitics are expanded ("won't" is
 * "will not", "Leo's" is "Leo"), hyphens inside words become word breaks
 * ("après-demain", "Lou-Anne"), emoji and other symbols are dropped.
 */
export function tokenize(text: string): Token[] {
  let t = stripQuoted(text.normalize('NFC')).replace(APOSTROPHES, "'");
  if (SMS_DIGIT_HINT.test(t)) for (const [re, rep] of SMS_DIGITS) t = t.replace(re, rep);
  // "Quel temps pourri aujourd'hui 🌧️ Hugo est rentré trempé !": an emoji before a capital ends a sentence
  // (the same length, so that every offset stays true).
  if (EMOJI.test(t)) t = t.replace(EMOJI_BEFORE_CAPITAL, (m) => '.' + ' '.repeat(m.length - 1));
  const raw = scan(t);
  const out: RawToken[] = [];
  for (let k = 0; k < raw.length; k++) {
    const tok = raw[k]!;
    const prev = out[out.length - 1];
    const next = raw[k + 1];
    if (tok.norm === "'" && tok.kind === 'punct') {
      if (prev && prev.kind === 'word' && prev.end === tok.start) {
        const elided = ELISIONS.get(prev.norm);
        if (prev.norm === 'aujourd' && next && next.norm === 'hui') {
          prev.norm = 'aujourdhui';
          prev.raw += "'" + next.raw;
          prev.end = next.end;
          k++;
          continue;
        }
        if (elided !== undefined && next && next.kind === 'word') {
          prev.norm = elided;
          prev.raw += "'";
          continue;
        }
        if (next && next.kind === 'word' && next.start === tok.end) {
          if (next.norm === 't' && prev.norm.endsWith('n')) {
            prev.norm = prev.norm === 'won' ? 'will' : prev.norm === 'can' ? 'can' : prev.norm === 'shan' ? 'shall' : prev.norm.slice(0, -1);
            out.push(word('not', 'not', next.start, next.end));
            k++;
            continue;
          }
          // "what's", "it's", "there's": "is"; "Leo's": a possessive, dropped.
          const clitic = next.norm === 's' && IS_CONTRACTORS.has(prev.norm) ? 'is' : EN_CLITICS.get(next.norm);
          if (clitic !== undefined) {
            if (clitic !== null) out.push(word(next.raw, clitic, next.start, next.end));
            else if (next.norm === 's') prev.possessive = true;
            k++;
            continue;
          }
        }
      }
      continue;
    }
    if (tok.kind === 'word' && tok.norm === 'hui' && prev && prev.norm === 'aujourd') {
      prev.norm = 'aujourdhui';
      continue;
    }
    if (tok.kind === 'punct' && tok.norm === '-' && prev && next && prev.end === tok.start && next.start === tok.end) {
      // A hyphen inside a word ("après-demain", "Lou-Anne") is a plain word break;
      // between numbers ("7-11 décembre") it stays, as a range mark.
      // Between two weekdays ("Mon-Wed", "lundi-mercredi") it is a range too.
      if (prev.kind === 'word' && next.kind === 'word' && !(isWeekdayWord(prev.norm) && isWeekdayWord(next.norm))) continue;
    }
    out.push(tok);
  }
  const tokens: Token[] = dictatedPunctuation(mendMissingApostrophes(out));
  for (let index = 0; index < tokens.length; index++) tokens[index]!.index = index;
  return tokens;
}

/**
 * Punctuation spoken to a phone's dictation ("Chloé cantine jeudi virgule Hugo garderie du soir
 * jeudi point"): "virgule" is a comma; "point" a full stop at the end or before "à la ligne" (a
 * "point" inside a sentence is a word: "au point", "point de vue").
 */
function dictatedPunctuation(tokens: RawToken[]): RawToken[] {
  if (!tokens.some((t) => t.norm === 'virgule' || t.norm === 'point')) return tokens;
  const out: RawToken[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'word' && t.norm === 'virgule') {
      out.push(token(t.raw, ',', 'punct', t.start, t.end, false));
      continue;
    }
    if (t.kind === 'word' && t.norm === 'point') {
      const n1 = tokens[k + 1];
      const newLine = n1?.norm === 'a' && tokens[k + 2]?.norm === 'la' && tokens[k + 3]?.norm === 'ligne';
      // ("… ni demain point Noah par contre …": before a capitalised word, not after an article, a full stop too.)
      const beforeName = n1?.kind === 'word' && n1.capitalized && !POINT_WORD_BEFORE.has(tokens[k - 1]?.norm ?? '');
      if (!n1 || newLine || beforeName || (n1.kind === 'punct' && n1.norm === '\n')) {
        out.push(token(t.raw, '.', 'punct', t.start, t.end, false));
        if (newLine) k += 3;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/** Words before "point" that make it the noun ("au point", "un point", "le point de vue"). */
const POINT_WORD_BEFORE = new Set(['au', 'le', 'un', 'ce', 'du', 'de', 'a', 'mon', 'ton', 'son', 'notre', 'votre', 'bon', 'dernier', 'premier', 'petit']);

/** English negative stems typed with a space for the apostrophe ("won t", "don t"). */
const NOT_STEMS: ReadonlyMap<string, string> = entries({
  won: 'will', don: 'do', doesn: 'does', didn: 'did', can: 'can', isn: 'is', aren: 'are', wasn: 'was', weren: 'were',
  couldn: 'could', wouldn: 'would', shouldn: 'should', haven: 'have', hasn: 'has', hadn: 'had',
});
const FRENCH_ELIDED = new Set(['l', 'd', 'n', 'j', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu']);

/**
 * Apostrophes typed as spaces: "won t" is "will not", "what s" is "what is", "Jack s" a
 * possessive (dropped), "n ira" is "ne ira", "l enlever" is "le enlever".
 */
function mendMissingApostrophes(tokens: readonly RawToken[]): RawToken[] {
  const out: RawToken[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const prev = out[out.length - 1];
    if (prev && t.kind === 'word' && prev.kind === 'word') {
      if (t.norm === 't' && t.raw === 't' && NOT_STEMS.has(prev.norm)) {
        prev.norm = NOT_STEMS.get(prev.norm)!;
        t.norm = 'not';
      } else if (t.norm === 's' && t.raw === 's' && tokens[k + 1]?.norm !== 'il' && tokens[k + 1]?.norm !== 'ils') {
        if (IS_CONTRACTORS.has(prev.norm)) t.norm = 'is';
        else continue;
      }
    }
    out.push(t);
  }
  for (let k = 0; k + 1 < out.length; k++) {
    const t = out[k]!;
    const next = out[k + 1]!;
    if (t.kind !== 'word' || next.kind !== 'word' || t.raw !== t.raw.toLowerCase() || !FRENCH_ELIDED.has(t.norm)) continue;
    if (t.norm === 'd' && out[k - 1]?.norm === 'i') continue; // "I d like"
    t.norm = ELISIONS.get(t.norm)!;
  }
  return out;
}

/** The header line of a quoted reply: "Le lun. 11 janv. 2027 à 18:02, X a écrit :", "On Mon, Jan 11, 2027, X wrote:". */
const REPLY_HEADER = /^\s*(?:le|on)\b.{0,300}\b(?:a\s+[ée]crit|wrote)\s*:?\s*$/iu;
const INLINE_REPLY_HEADER = /(?<=^|\s)(?:le|on)\s(?=[^\n]{0,150}?\d)[^\n]{0,150}?\b(?:a\s+[ée]crit|wrote)\s*:/iu;
const FORWARD_HEADER = /^\s*-{2,}\s*(?:original message|message d['’]origine|forwarded message|message transf[ée]r[ée]|mensaje original)/iu;
/** A forwarded message's opening line (never a reply's history). */
const FORWARDED = /^\s*(?:-{2,}\s*(?:forwarded message|message transf[ée]r[ée])|d[ée]but du message r[ée]exp[ée]di[ée]|begin forwarded message)/iu;
/** The parent's words handing a forwarded message over ("je vous transfère …", "forwarding … below, could you sort it out?"). */
const HANDS_OVER = /(?:transf[èée]r|r[ée]exp[ée]di|ci-dessous|ci dessous|plus bas|faire le n[ée]cessaire|forward|below|sort (?:it|this) out)/iu;
const MAIL_FIELD = /^\s*(?:de|from|envoy[ée]|sent|date|[àa]|to|objet|subject|cc)\s*:/iu;

/**
 * An email body without what it quotes: lines after a reply header
 * ("Le … a écrit :", "On … wrote:"), an "Original message" rule or a
 * "De : / Envoyé :" block, lines starting with ">", and a signature after
 * a "-- " line. The parent's own words are what comes before.
 */
export function stripQuoted(text: string): string {
  return splitQuoted(text).own;
}

/**
 * What an email quotes and the parent did not write (a school's note forwarded below the
 * request, the history of a reply), without its header lines ("De :", "Date :", "Le … a
 * écrit :") and quote marks; the subject line's words are kept. Empty when nothing is quoted.
 */
export function quotedNote(text: string): string {
  return cleanNote(splitQuoted(text.normalize('NFC')).note);
}

/**
 * A forwarded message the body of which is read as the family's request ("je vous transfère le
 * message ci-dessous", or the forward with the family's words under it): the family's own words
 * alone, and the forwarded note. The interpreter reads the own words first; the forwarded body
 * counts only when they ask nothing.
 */
export function handedOver(text: string): { own: string; note: string } | null {
  // (Most messages forward nothing: they are not split a second time.)
  if (!FORWARD_HINT.test(text)) return null;
  const h = splitQuoted(text.normalize('NFC')).handed;
  return h ? { own: h.own, note: cleanNote(h.note) } : null;
}

function cleanNote(note: string): string {
  if (note.trim() === '') return '';
  return note
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:>\s*)+/, ''))
    .filter((l) => !REPLY_HEADER.test(l) && !FORWARD_HEADER.test(l) && !FORWARDED.test(l) && (!MAIL_FIELD.test(l) || SUBJECT_FIELD.test(l)))
    .map((l) => l.replace(SUBJECT_FIELD, ''))
    .join('\n');
}

/** Words every forwarded message's opening line holds (FORWARDED, FORWARD_HEADER). */
const FORWARD_HINT = /original|origine|forward|transf|r[ée]exp[ée]di/iu;

const SUBJECT_FIELD = /^\s*(?:objet|subject)\s*:/iu;

interface Split {
  /** The text read as the parent's. */
  own: string;
  /** What it quotes and does not read. */
  note: string;
  /** When a forwarded body is read with the parent's words: those words alone, and that body. */
  handed?: { own: string; note: string };
}

function splitQuoted(text: string): Split {
  if (!text.includes('\n')) {
    const inline = /(?:a\s+[ée]crit|wrote)\s*:/iu.test(text) ? INLINE_REPLY_HEADER.exec(text) : null;
    return inline && inline.index > 0 ? { own: text.slice(0, inline.index), note: text.slice(inline.index) } : { own: text, note: '' };
  }
  const lines = text.split(/\r?\n/);
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const two = i + 1 < lines.length ? `${line} ${lines[i + 1]}` : line;
    if (i > 0 && (REPLY_HEADER.test(line) || (REPLY_HEADER.test(two) && /^\s*(?:le|on)\b/iu.test(line)))) {
      end = i;
      break;
    }
    const forwarded = FORWARDED.test(line) || FORWARD_HEADER.test(line);
    // The family sends the forwarded message as its own request ("je vous transfère …, merci de faire le
    // nécessaire"), or forwards it first and writes below it: its body is read, its header lines are not.
    if (forwarded && ((FORWARDED.test(line) && HANDS_OVER.test(lines.slice(0, i).join(' '))) || lines.slice(0, i).every((l) => l.trim() === ''))) {
      let j = i + 1;
      while (j < lines.length && (lines[j]!.trim() === '' || MAIL_FIELD.test(lines[j]!))) j++;
      const rest = splitQuoted(lines.slice(j).join('\n'));
      const before = lines.slice(0, i);
      const quotedBefore = before.filter((l) => /^\s*>/.test(l));
      const note = [...quotedBefore, ...lines.slice(i, j), rest.note].join('\n');
      const ownBefore = before.filter((l) => !/^\s*>/.test(l));
      // Written under the forward, the family's words are its last paragraph.
      const paragraphs = rest.own.trim().split(/\n\s*\n/);
      const handed =
        ownBefore.some((l) => l.trim() !== '') || paragraphs.length < 2
          ? { own: ownBefore.join('\n'), note: `${rest.own}\n${note}` }
          : { own: paragraphs[paragraphs.length - 1]!, note: `${paragraphs.slice(0, -1).join('\n\n')}\n${note}` };
      return { own: [...ownBefore, '', rest.own].join('\n'), note, handed };
    }
    if (forwarded || line.trim() === '--' || line === '-- ') {
      end = i;
      break;
    }
    if (i > 0 && /^\s*(?:de|from)\s*:/iu.test(line) && lines.slice(i + 1, i + 4).some((l) => MAIL_FIELD.test(l))) {
      end = i;
      break;
    }
  }
  const head = lines.slice(0, end);
  const kept = head.filter((l) => !/^\s*>/.test(l)).join('\n');
  const quoted = [...head.filter((l) => /^\s*>/.test(l)), ...(end < lines.length && (lines[end]!.trim() === '--' || lines[end] === '-- ') ? [] : lines.slice(end))].join('\n');
  // A reply header left inside a flattened body: "… Le lun. 11 janv. 2027 à 18:02, X a écrit : …".
  const inline = INLINE_REPLY_HEADER.exec(kept);
  return inline ? { own: kept.slice(0, inline.index), note: `${kept.slice(inline.index)}\n${quoted}` } : { own: kept, note: quoted };
}

const WEEKDAY_ABBREVIATIONS = new Set(['mon', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim', 'sat', 'sun']);

function isWeekdayWord(norm: string): boolean {
  return WEEKDAYS.has(norm) || WEEKDAY_ABBREVIATIONS.has(norm);
}

/** Whether a token ends a sentence (. ! ? ; and line breaks). */
export function isSentenceEnd(t: Token): boolean {
  return t.kind === 'punct' && (t.norm === '.' || t.norm === '!' || t.norm === '?' || t.norm === ';' || t.norm === '\n');
}
