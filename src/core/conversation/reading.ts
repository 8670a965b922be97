/**
 * How the conversation reads a message beside the interpreter: the text
 * folded for its own patterns, names written by the parent (answers,
 * typos, unknown names), and whether a message is a request on its own.
 */
import { fold, osaDistance, type Interpretation } from '../interpretation/index.js';
import type { ActionNote } from '../interpretation/index.js';
import type { Session } from './session.js';

/** Lower case, no accents, apostrophes and punctuation as spaces. */
export function normalized(text: string): string {
  return fold(text)
    .replace(/['’`]/g, ' ')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const YES = /^(oui|ouais|ok|okay|d ?accord|dac|yes|yep|yeah|yup|sure|confirm\w*|je confirme|vas y|allez y|go|c est bon|c est ok|parfait|valide\w*|tres bien|entendu|bien sur|absolument|volontiers|exactement|exact|correct|that s right|right|please do|do it)\b/;
export const YES_EMOJI = /^\s*(👍|👌|✅|✔️?|☑️?|🆗|🙏|💯)/u;
export const NO = /^(non|no|nope|nan|laisse tomber|laissez tomber|never ?mind|pas la peine|stop|surtout pas|don t|forget it)\b/;
export const ALL = /^(tous|toutes|les deux|les 2|tous les deux|toutes les deux|les trois|les 3|tous les trois|toutes les trois|tout le monde|les enfants|mes enfants|all|both|both of them|all of them|everyone|the two|the kids|the children)\b/;
/** Undoing the last change, or forgetting the pending question. */
export const UNDO =
  /(^(finalement non|non finalement|annule ca|annulez ca|annule cela|annulez cela|defai\w*|undo|revert|oublie|oubliez|oublie ca|oubliez ca|oublie tout|oubliez tout|forget it|forget that|laisse tomber ma demande)( svp| s il vous plait| merci| please| thanks)?$)|\b(defai\w* (ca|cela|tout)|(oups|oops|pardon|non) defai\w*|ce que je viens de (faire|demander|reserver|annuler|dire)|(revenez|revenir|retournez|retour) en arriere|go back|roll (it |that )?back|ma derniere demande|ma demande precedente|oubliez ma demande|oublie ma demande|forget my (last )?request|undo (that|it|my last|the last)|what i just (did|asked|booked|sent)|my last request)\b/;
export const ALSO = /\b(aussi|pareil|idem|de meme|egalement|meme chose|non plus|too|also|same|as well|neither|either)\b/;
export const AND_START = /^(?:(?:ok|okay|d accord|bon|ah|oh|bah|alors) )?(et|and|plus|puis)\b/;
/** "vendredi à la place", "plutôt lundi", "Friday instead": another day (or child, service) for the last request. */
export const INSTEAD = /\b(a la place|plutot|instead|rather)\b/;
export const NEXT = /\b(suivant|suivante|suivants|d apres|next|following|after that|after this)\b/;
/** "la semaine suivante", "la semaine d'après", "the week after", "the following week": the week after the one just said. */
export const WEEK_AFTER = /\b(la semaine (suivante|d apres|apres|qui suit|d ensuite)|the (following|next) week|the week (after|following))\b/;
export const THAT_DAY = /\b(ce jour la|ce jour-la|le meme jour|ces jours la|ces jours-la|ce (?:lundi|mardi|mercredi|jeudi|vendredi)[ -]la|that day|the same day|those days|same days?)\b/;
/** One brother or sister, pointed at: "sa sœur", "l'autre", "her brother", "the other one". */
const SIBLING = String.raw`(sa soeur|son frere|sa sœur|l autre|his sister|her sister|his brother|her brother|the other( one| child| kid)?)`;
export const SIBLING_ONE = new RegExp(String.raw`\b${SIBLING}\b`);
/** "c'est sa sœur qui y va", "it's her sister who goes": the sibling is told of, the subject of a remark, not asked for. */
export const SIBLING_TOLD = new RegExp(String.raw`\b(c est|it s|it is) ${SIBLING}\b|\b${SIBLING} (qui|who|that)\b`);
export const SIBLING_ALL = /\b(ses soeurs|ses sœurs|ses freres|les autres|his sisters|her sisters|his brothers|her brothers|the others|the other (ones|children|kids))\b/;
/** The parent says the last request was wrong ("je me suis trompée", "I meant"). */
export const CORRECTION = /\b(je me suis trompe\w*|je me trompe|trompee?|erreur|je voulais dire|je voulais plutot|je me suis mal exprime\w*|correction|i meant|i mean|my mistake|my bad|wrong day|i made a mistake|(pardon|oups|oops|sorry|desolee?) c etait pour|(pardon|oups|oops|sorry) it was for|wrong (kid|child|one|children|kids)|mauvais (enfant|jour)|pas le bon (enfant|jour))\b|^(ah |oh )?(non|oups|oops|pardon|sorry|no)\b.{0,20}\b(c etait|c est|it s|it was|it is)\b|\bc pas \w+ c \w+/;
/** A pronoun for one child ("ajoutez-lui", "inscrivez-la", "elle mangera", "book her"), on the lower-cased raw text. */
export const CHILD_PRONOUN = /(-(lui|la|le)\b)|\b(il|elle|lui|him|her|he|she)\b|\bl['’](inscri|ajout|mett|réinscri|reinscri)/;
/** "mardi, pas lundi", "Tuesday not Monday": a day for another. */
export const DAY_SWAP = /\b(lundi|mardi|mercredi|jeudi|vendredi|monday|tuesday|wednesday|thursday|friday)( \d+)? (et |mais |but |and )?(pas|not) (le |la |on |the )?(lundi|mardi|mercredi|jeudi|vendredi|monday|tuesday|wednesday|thursday|friday|\d+)\b/;
/**
 * "c'est jeudi pas vendredi", "au lieu de", "not Friday but Thursday", "non pas Tom, Léa": a
 * correction only when the message asks nothing else.
 */
export const SWAP = /\b(au lieu de|et non pas|et non|instead of|not .+ but|pas .+ mais|plutot que|rather than)\b|\b(pas|not) (pour |for )?\w+ (c est|c etait|it s|it is) (pour |for )?\w+$|\bc (est|etait) (pour )?\w+( \d+)? (et )?pas\b|\b(it s|it is|it was|that was) (for )?\w+( \d+)?,? (and )?not\b|^(ah |oh )?(non|oups|oops|pardon|sorry|no) (pas|not) (pour |for )?\w+ (pour |for )?\w+$/;
const NEGATION_CUES = new Set(['pas', 'non', 'not', 'ne', 'n', 'no', 'plutot']);

/**
 * "ah non pas Ambre, juste Rose", "seulement pour Rose, pas Ambre", "oups, only Ella": the last
 * request, for fewer of its children. Needs a "pas X" beside a "juste Y", or a slip word before
 * "juste/seulement/only".
 */
export const NARROW =
  /\b(pas|not) (pour |for )?\w+ ?,? (juste|seulement|uniquement|que|only|just) (pour |for )?\w+|\b(juste|seulement|uniquement|only|just) (pour |for )?\w+ ?,? (et )?(pas|not) (pour |for )?\w+|^(ah non|oh non|non|oups|oops|pardon|sorry|no) (c est )?(juste|seulement|uniquement|que|only|just) (pour |for )?\w+$/;
const KEEP_WORDS = /\b(?:juste|seulement|uniquement|que|only|just) (?:pour |for )?([\w-]+)/g;
const LEAVE_WORDS = /\b(?:pas|not) (?:pour |for )?([\w-]+)/g;

/** The children written right after "pas"/"not" ("pas Ambre", "not Ella"). */
export function childrenSetAside(s: Session, folded: string): number[] {
  const out = new Set<number>();
  for (const m of folded.matchAll(LEAVE_WORDS)) for (const id of childrenNamed(s, m[1]!)) out.add(id);
  return [...out];
}

/** The children a narrowing correction keeps and sets aside, among those of the last change. */
export function narrowedChildren(s: Session, message: string, lastChildren: ReadonlySet<number>): { kept: number[]; removed: number[] } | null {
  const folded = withoutTrailingCourtesy(message);
  if (!NARROW.test(folded)) return null;
  const kept = new Set<number>();
  const left = new Set<number>();
  for (const m of folded.matchAll(KEEP_WORDS)) for (const id of childrenNamed(s, m[1]!)) kept.add(id);
  for (const id of childrenSetAside(s, folded)) left.add(id);
  if ([...kept, ...left].some((id) => !lastChildren.has(id)) || [...kept].some((id) => left.has(id))) return null;
  const keep = kept.size > 0 ? [...lastChildren].filter((id) => kept.has(id)) : [...lastChildren].filter((id) => !left.has(id));
  const removed = [...lastChildren].filter((id) => !keep.includes(id));
  return keep.length > 0 && removed.length > 0 ? { kept: keep, removed } : null;
}

/** Apologies and politeness closing a short message ("ah non pas Léa, Tom ! désolée", "not Monday, Tuesday sorry"). */
const TRAILING_COURTESY = /(?: (?:desolee?s?|pardon|sorry|merci|svp|stp|please|thanks|thank you|oups|oops|excusez moi|excuse moi|my bad|bisous|bises))+$/;

/** The folded message without the apologies and politeness that close it. */
export function withoutTrailingCourtesy(folded: string): string {
  return folded.replace(TRAILING_COURTESY, '');
}

/** The message reads as a correction of the last request (see CORRECTION, SWAP and NARROW). */
export function isCorrection(message: string, interpretation: Interpretation): boolean {
  const folded = withoutTrailingCourtesy(message);
  if (CORRECTION.test(folded)) return true;
  if (NARROW.test(folded)) {
    const said = interpretation.notes.flatMap((n) => n.matched.intent).flatMap((w) => normalized(w).split(' '));
    if (said.every((w) => NEGATION_CUES.has(w)) && interpretation.actions.every((a) => a.dates === null && a.services === null)) return true;
  }
  if (!SWAP.test(folded) && !DAY_SWAP.test(folded)) return false;
  const cues = interpretation.notes.flatMap((n) => n.matched.intent).flatMap((w) => normalized(w).split(' '));
  return cues.every((w) => NEGATION_CUES.has(w));
}
export const GREETING = /^(bonjour|bonsoir|salut|coucou|hello|hi|hey|good (morning|afternoon|evening)|dear)\b/;
/** A greeting opening a message, with what often follows it ("Bonjour Madame,", "Hello again", "Dear team"). */
const OPENING_GREETING = new RegExp(`${GREETING.source}(?: (?:madame|monsieur|mesdames|messieurs|a vous|a tous|again|there|madam|sir|team|all))? `);

/** The folded message without the greeting that opens it ("Bonjour,\n\nLes deux" answers as "les deux"). */
export function withoutOpeningGreeting(folded: string): string {
  return folded.replace(OPENING_GREETING, '');
}
// ("thx", "tks", "mrc", "mci": thanks as they are texted.)
export const THANKS = /\b(merci\w*|thanks?|thank you|cheers|je vous remercie|thx|thnx|thanx|tks|tnx|ty|mrc|mci|merki|remerciements?)\b/;
export const BYE = /\b(au revoir|bonne (journee|soiree|fin de journee)|a bientot|bye|have a (nice|good) day)\b/;
const ILLNESS =
  /\b(malade|absente?s?|fievre|grippe|gastro|varicelle|otite|angine|rhume|tousse|vomi\w*|conjonctivite|bronchite|covid|sick|ill|fever|cold|flu|unwell|poorly|temperature|medecin|docteur|pediatre|rdv medical|rendez vous medical|hopital|hospitalis\w*|urgences|doctor|hospital)\b/;

/** The clause of an action reads as an absence (the child is ill, at the doctor's). */
export function isAbsence(note: ActionNote | undefined, folded: string, cancels: number): boolean {
  // The interpreter says so per request when it can ("Tom est malade demain, et annulez la cantine de Léa").
  const said = (note as { absence?: unknown } | undefined)?.absence;
  if (typeof said === 'boolean') return said;
  const cue = normalized((note?.matched.intent ?? []).join(' '));
  if (ILLNESS.test(cue)) return true;
  // The interpreter did not say which words decided: the whole message, when it asks one thing.
  return cancels === 1 && ILLNESS.test(folded);
}

/**
 * The message is a request on its own: it has its own intent words, or it
 * names a child or a service together with a day. Such a message is never
 * taken as the answer to a pending question.
 */
export function isOwnRequest(interpretation: Interpretation): boolean {
  return interpretation.actions.some((a, i) => {
    if (a.intent !== 'book' && a.intent !== 'cancel' && a.intent !== 'list') return false;
    const m = interpretation.notes[i]?.matched;
    if (!m) return false;
    if (m.intent.length > 0) return true;
    return (m.children.length > 0 || m.services.length > 0) && m.dates.length > 0;
  });
}

/** The family's children a short answer names ("Tom", "maelle", "Léa et Tom"), typos of exactly one child included. */
export function childrenNamed(s: Session, folded: string): number[] {
  const words = folded.replace(/-/g, ' ').split(' ').filter(Boolean);
  const found = new Set<number>();
  for (const c of s.children) {
    const name = normalized(c.firstName).replace(/-/g, ' ');
    if (` ${words.join(' ')} `.includes(` ${name} `)) found.add(c.id);
  }
  for (const w of words) {
    if (w.length < 3) continue;
    let best: number | null = null;
    let bestD = Infinity;
    let tie = false;
    for (const c of s.children) {
      const name = normalized(c.firstName).replace(/[-\s]/g, '');
      // Three-letter names allow one letter too many ("Tomm"), not another name of their length ("Tim").
      const budget = name.length >= 8 ? 2 : name.length >= 4 ? 1 : w.length > name.length ? 1 : 0;
      if (Math.abs(name.length - w.length) > budget) continue;
      const d = osaDistance(w, name, budget);
      if (d > budget) continue;
      if (d < bestD) {
        bestD = d;
        best = c.id;
        tie = false;
      } else if (d === bestD) tie = true;
    }
    if (best !== null && !tie) found.add(best);
  }
  return s.children.filter((c) => found.has(c.id)).map((c) => c.id);
}

const NOT_NAMES = new Set(
  [
    'bonjour', 'bonsoir', 'merci', 'madame', 'monsieur', 'cordialement', 'salut', 'hello', 'dear', 'thanks', 'thank', 'noel', 'toussaint', 'paques', 'pentecote',
    'ccas', 'mairie', 'ecole', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
    'saturday', 'sunday', 'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre', 'january',
    'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'christmas', 'easter', 'portail', 'famille',
    'chatenoy', 'royal', 'france', 'telegram',
  ],
);
const NAME_BEFORE = /(?:^|\s)(?:pour|de|d['’]|à|a|for|que|qu['’]|and|et|avec|with|inscri\w*|r[ée]serv\w*|annul\w*|d[ée]sinscri\w*|book|cancel|enrol\w*|register|sign up|put)\s*$/iu;
const NAME_AFTER = /^\s*(?:à la|au|aux|à l['’]|mange\w*|sera|est|ira|va|a|ne|n['’]|has|is|will|won['’]t|isn['’]t|eats|needs|doit|reste\w*|aura|prendra|viendra|dejeun\w*|déjeun\w*|mangera|part|ira|finit|termine|sort|goes|stays|takes|can|should|would|was)\b/iu;

/**
 * First names written that are not the family's children: from the
 * interpreter when it says (`unknownNames`), otherwise a capitalised word in
 * a name's place ("pour Jules", "Jules mange") that is no child's name and
 * no word the interpreter matched.
 */
export function unknownNames(s: Session, raw: string, interpretation: Interpretation): string[] {
  const fromInterpreter = interpretation.notes.flatMap((n) => (n as ActionNote & { unknownNames?: string[] }).unknownNames ?? []);
  if (interpretation.notes.some((n) => Array.isArray((n as { unknownNames?: unknown }).unknownNames))) return [...new Set(fromInterpreter)];
  const matched = new Set(interpretation.notes.flatMap((n) => [...n.matched.children, ...n.matched.dates, ...n.matched.services, ...n.matched.intent]).flatMap((w) => normalized(w).split(' ')));
  const known = new Set(s.children.map((c) => normalized(c.firstName)));
  const out: string[] = [];
  for (const m of raw.matchAll(/(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}{2,}(?:-\p{Lu}\p{Ll}+)?)(?![\p{L}\p{N}])/gu)) {
    const word = m[1]!;
    const f = normalized(word);
    if (known.has(f) || NOT_NAMES.has(f) || matched.has(f)) continue;
    if (childrenNamed(s, f).length > 0) continue;
    const before = raw.slice(Math.max(0, m.index - 12), m.index);
    const after = raw.slice(m.index + word.length, m.index + word.length + 14);
    if (NAME_BEFORE.test(before) || NAME_AFTER.test(after)) out.push(word);
  }
  return [...new Set(out)];
}

/** "un de mes enfants", "one of the kids": a vague reference, never read as every child. */
export const VAGUE = /\b(un de mes|une de mes|l un des|l une des|un des|une des|l un de mes|l une de mes|un de nos|une de nos|one of (my|the|our)|either of|un enfant|une enfant|a child|one child)\b/;

/** A child's first name stands in the text (folded). */
export function namesAChild(s: Session, folded: string): boolean {
  return childrenNamed(s, folded).length > 0;
}

const DETERMINER = /(?:^|[\s'’(])(?:le|la|les|l['’]|un|une|des|du|au|aux|ma|ta|sa|mes|tes|ses|cette|ce|the|a|an|some)\s*$/iu;

/**
 * A first name that is also a word ("prune", "rose", "olive") reads as the
 * word where every time it is written in lower case after a determiner
 * ("une tarte à la prune"): then it names nobody.
 */
export function readsAsWord(raw: string, firstName: string): boolean {
  const target = normalized(firstName);
  let seen = false;
  for (const m of raw.matchAll(/[\p{L}][\p{L}-]*/gu)) {
    if (normalized(m[0]) !== target) continue;
    seen = true;
    if (m[0] !== m[0].toLowerCase()) return false;
    if (!DETERMINER.test(raw.slice(Math.max(0, m.index - 10), m.index))) return false;
  }
  return seen;
}
