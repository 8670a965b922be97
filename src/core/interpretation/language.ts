/**
 * The language a message is written in, for replies: English when it has
 * more English marker words than French ones, French otherwise (the town's
 * language, also for messages with no words at all).
 */
import type { Token } from './normalize.js';

const EN = new Set(
  `the and to for on is are be will not please can could would you your my his her he she him they them we our it this that what how
  when where why which who cancel book booked booking lunch club next tomorrow today tonight week weeks monday tuesday wednesday thursday
  friday mondays tuesdays wednesdays thursdays fridays kids children son daughter both needs need at in of into up until every each
  thanks thank hi hello there won have has does do did sign after school breakfast care from till off sick no yes too also
  confirm confirmed yeah yep sure undo`.split(/\s+/),
);

const FR = new Set(
  `le la les de du des et au aux pour ne pas est sera seront demain lundi mardi mercredi jeudi vendredi lundis mardis mercredis jeudis
  vendredis je il elle ils elles mes mon ma nos notre vous tu cantine garderie merci bonjour svp stp semaine prochaine prochain ira iront
  mange mangera annule annulez inscris inscrire inscrivez qui que ce cette sur dans avec chez sauf tous toutes chaque jusque aujourdhui
  apres matin soir midi repas enfants fils fille filles garcons absent absente malade centre loisirs accueil comment combien quand est ou
  une un en a y plus rien sa son ses leur aussi oui ouais confirme defaire`.split(/\s+/),
);

/** 'en' when English marker words outnumber French ones, else 'fr'. */
export function detectLanguage(tokens: readonly Token[]): 'fr' | 'en' {
  return languageOf(tokens).language;
}

/** The language, and whether marker words decided it (not a tie, as in "Léa" or "👍"). */
export function languageOf(tokens: readonly Token[]): { language: 'fr' | 'en'; sure: boolean } {
  let en = 0;
  let fr = 0;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    if (EN.has(t.norm)) en++;
    if (FR.has(t.norm)) fr++;
  }
  return { language: en > fr ? 'en' : 'fr', sure: en !== fr };
}
