/**
 * Questions about the services answered from the town's own information
 * (`information` in the town file): prices, opening hours, menus, rules,
 * how to reach the CCAS. What is not there is said so, with the CCAS's
 * contact.
 */
import type { InformationConfig } from '../config.js';
import { fold } from '../interpretation/index.js';
import type { CcasFacts, ServiceFacts } from '../replies/catalogue.js';
import type { Session } from './session.js';
import { reply, type Reply } from './types.js';

type Topic = 'prices' | 'hours' | 'menus' | 'rules' | 'ccas';

const TOPICS: [Topic, RegExp][] = [
  ['prices', /\b(prix|tarifs?|couts?|coute\w*|combien|payer|paie|paye|facture\w*|facturation|quotient|price\w*|cost\w*|how much|fees?|pay|charge)\b/],
  ['hours', /\b(horaires?|heures?|ouvre|ouverture|ferme|fermeture|a partir de quelle|jusqu a quelle|hours?|what time|when does|open\w*|close\w*|closing)\b/],
  ['menus', /\b(menus?|au menu|on mange quoi|que mangent|what s for lunch|lunch menu)\b/],
  ['rules', /\b(reglement\w*|regles?|rules?|regulations?|conditions)\b/],
  ['ccas', /\b(adresse|telephone|tel|numero|joindre|contacter|contact\w*|address|phone|reach|call|email du ccas|mail du ccas|ou se trouve|where is|bureau|accueil du ccas)\b/],
];

/** A how-to question: answered with the help text, not the town's information. */
export const HOW_TO = /\b(aide|help|comment (ca marche|faire|utiliser|on fait|je fais|proceder|vous utiliser|reserver|annuler|inscrire)|que (sais|savez|peux|pouvez) (tu|vous)|how (does (it|this) work|do i|can i|to use)|what can you)\b/;

/** The topics a question is about, in a stable order. */
export function topicsOf(folded: string): Topic[] {
  return TOPICS.filter(([, re]) => re.test(folded)).map(([t]) => t);
}

/** The services a question names, from their configured names ("garderie" names both care services). */
export function servicesNamed(s: Session, folded: string): string[] {
  const words = new Set(folded.split(/[^a-z0-9]+/).filter(Boolean));
  const STOP = new Set(['de', 'du', 'la', 'le', 'les', 'des', 'l', 'd', 'a', 'the', 'of']);
  const scored = s.town.serviceList.map((svc) => {
    const keys = new Set([svc.shortLabel, svc.label, svc.labelEn].flatMap((l) => fold(l).split(/[^a-z0-9]+/)).filter((w) => w && !STOP.has(w)));
    let score = 0;
    for (const k of keys) if (words.has(k) || words.has(`${k}s`)) score++;
    return { code: svc.code, score };
  });
  const best = Math.max(0, ...scored.map((x) => x.score));
  return best === 0 ? [] : scored.filter((x) => x.score === best).map((x) => x.code);
}

function ccasFacts(s: Session, info: InformationConfig | undefined): CcasFacts {
  if (!info) return { name: s.town.config.organisation, address: '', phone: '', email: null, hours: '' };
  return { name: info.ccas.name, address: info.ccas.address, phone: info.ccas.phone, email: info.ccas.email, hours: info.ccas.hours[s.lang] };
}

function serviceFacts(s: Session, info: InformationConfig | undefined, codes: readonly string[]): ServiceFacts[] {
  return codes.map((code) => {
    const svc = s.town.service(code)!;
    const facts = info?.services.find((i) => i.code === code);
    return { name: s.serviceName(code), price: facts?.price ?? null, hours: facts?.hours ?? null, weekdays: svc.weekdays };
  });
}

/**
 * The answer to a question about the services, or null when the message
 * asks none of the topics the town's information covers.
 */
export function informationReply(s: Session, folded: string): Reply | null {
  const topics = topicsOf(folded);
  if (topics.length === 0) return null;
  const info = s.town.config.information;
  const words = s.words;
  const ccas = ccasFacts(s, info);
  const named = servicesNamed(s, folded);
  const codes = named.length > 0 ? named : s.town.serviceList.map((x) => x.code);
  const facts = serviceFacts(s, info, codes);
  const parts: string[] = [];
  let missing = false;
  for (const topic of topics) {
    switch (topic) {
      case 'prices': {
        const lines = facts.map((f) => words.info.priceLine(f)).filter((l): l is string => l !== null);
        if (lines.length > 0) parts.push(words.info.prices(lines, info?.priceNote?.[s.lang] ?? null));
        else missing = true;
        break;
      }
      case 'hours': {
        const lines = facts.map((f) => words.info.hoursLine(f)).filter((l): l is string => l !== null);
        // "les horaires du CCAS": the CCAS's own hours.
        if (topics.includes('ccas') || (named.length === 0 && /\bccas\b/.test(folded))) break;
        if (lines.length > 0) parts.push(words.info.hours(lines));
        else missing = true;
        break;
      }
      case 'menus':
        if (info?.menusUrl) parts.push(words.info.menus(info.menusUrl));
        else missing = true;
        break;
      case 'rules':
        if (info?.rulesUrl) parts.push(words.info.rules(info.rulesUrl));
        else missing = true;
        break;
      case 'ccas':
        if (info) parts.push(words.info.ccas(ccas));
        else missing = true;
        break;
    }
  }
  if (topics.includes('hours') && !topics.includes('ccas') && named.length === 0 && /\bccas\b/.test(folded) && info) parts.push(words.info.ccas(ccas));
  if (parts.length === 0 || missing) parts.push(words.info.unknown(ccas));
  return reply(s.lang, 'information', parts.join('\n\n'));
}

/** The answer to a question nothing in the town's information covers. */
export function unknownInformation(s: Session): Reply {
  return reply(s.lang, 'information', s.words.info.unknown(ccasFacts(s, s.town.config.information)));
}
