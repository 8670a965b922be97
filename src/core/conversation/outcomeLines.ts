/**
 * Turns the booking use cases' outcomes into the lines of a reply: child by
 * child, service by service, the days grouped ("✅ Léa : cantine réservée le
 * jeudi 3 et le vendredi 4 décembre"), and what did not happen, with why.
 */
import type { TownConfig } from '../config.js';
import type { AbsenceOutcome, BookOutcome, CancelOutcome, Promotion } from '../bookings/outcomes.js';
import type { IsoDate } from '../time.js';
import { formatDate, reasonText, serviceName, type Lang } from './texts.js';

type AnyOutcome = BookOutcome | CancelOutcome | AbsenceOutcome;

/** "le jeudi 3 décembre", "le jeudi 3 et le vendredi 4 décembre", "les 7 jours du lundi 7 au vendredi 18 décembre". */
export function datesPhrase(dates: readonly IsoDate[], lang: Lang): string {
  const sorted = [...dates].sort();
  if (sorted.length > 4) {
    const first = formatDate(sorted[0]!, lang);
    const last = formatDate(sorted[sorted.length - 1]!, lang);
    return lang === 'en' ? `on ${sorted.length} days from ${first} to ${last}` : `${sorted.length} jours, du ${first} au ${last}`;
  }
  const parts = sorted.map((d) => formatDate(d, lang));
  if (lang === 'en') return `on ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]}`;
  const le = parts.map((p) => `le ${p}`);
  return le.length > 1 ? `${le.slice(0, -1).join(', ')} et ${le[le.length - 1]}` : le[0]!;
}

function agree(word: string, feminine: boolean): string {
  return feminine ? `${word}e` : word;
}

interface LineContext {
  town: TownConfig;
  lang: Lang;
  childName: (childId: number) => string;
}

/** The sentence for one group of identical outcomes. */
function sentence(kind: string, child: string, serviceCode: string, dates: IsoDate[], extra: string, ctx: LineContext): string {
  const service = ctx.town.services.find((s) => s.code === serviceCode);
  const name = serviceName(service, serviceCode, ctx.lang);
  const fem = service?.feminine ?? true;
  const when = datesPhrase(dates, ctx.lang);
  const en = ctx.lang === 'en';
  switch (kind) {
    case 'booked':
      return en ? `✅ ${child}: ${name} booked ${when}` : `✅ ${child} : ${name} ${agree('réservé', fem)} ${when}`;
    case 'already_booked':
      return en ? `☑️ ${child}: ${name} already booked ${when}` : `☑️ ${child} : ${name} déjà ${agree('réservé', fem)} ${when}`;
    case 'waiting_list':
      return en
        ? `⏳ ${child}: ${name} full ${when}, on the waiting list (${extra})`
        : `⏳ ${child} : ${name} ${agree('complet', fem)} ${when}, inscription sur la liste d’attente (${extra})`;
    case 'already_waiting':
      return en ? `⏳ ${child}: already on the ${name} waiting list ${when} (${extra})` : `⏳ ${child} : déjà sur la liste d’attente de ${name} ${when} (${extra})`;
    case 'cancelled':
      return en ? `✅ ${child}: ${name} cancelled ${when}` : `✅ ${child} : ${name} ${agree('annulé', fem)} ${when}`;
    case 'left_waiting_list':
      return en ? `✅ ${child}: off the ${name} waiting list ${when}` : `✅ ${child} : retiré de la liste d’attente de ${name} ${when}`;
    case 'not_booked':
      return en ? `ℹ️ ${child}: ${name} was not booked ${when}` : `ℹ️ ${child} : ${name} n’était pas ${agree('réservé', fem)} ${when}`;
    case 'absent':
      return en ? `🤒 ${child}: absence recorded for ${name} ${when}` : `🤒 ${child} : absence notée pour ${name} ${when}`;
    case 'already_absent':
      return en ? `☑️ ${child}: absence already recorded for ${name} ${when}` : `☑️ ${child} : absence déjà notée pour ${name} ${when}`;
    default:
      return en ? `⛔ ${child}: ${name} ${when}: ${extra}` : `⛔ ${child} : ${name} ${when} — ${extra}`;
  }
}

/**
 * The lines for a list of outcomes, grouped by child, service, outcome and
 * reason, in the order children and services first appear.
 */
export function outcomeLines(outcomes: readonly AnyOutcome[], ctx: LineContext): string[] {
  const groups = new Map<string, { kind: string; childId: number; serviceCode: string; extra: string; dates: IsoDate[] }>();
  for (const o of outcomes) {
    const service = ctx.town.services.find((s) => s.code === o.serviceCode);
    const name = serviceName(service, o.serviceCode, ctx.lang);
    let extra = '';
    if (o.outcome === 'refused') extra = reasonText(o.reason, { town: ctx.town, lang: ctx.lang, service: name });
    if (o.outcome === 'waiting_list' || o.outcome === 'already_waiting') extra = ctx.lang === 'en' ? `position ${o.rank}` : `rang ${o.rank}`;
    const key = `${o.childId}|${o.serviceCode}|${o.outcome}|${extra}`;
    const g = groups.get(key) ?? { kind: o.outcome, childId: o.childId, serviceCode: o.serviceCode, extra, dates: [] };
    g.dates.push(o.date);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => sentence(g.kind, ctx.childName(g.childId), g.serviceCode, g.dates, g.extra, ctx));
}

/** The announcement to a family whose waiting child got a place. */
export function promotionText(p: Pick<Promotion, 'firstName' | 'serviceCode' | 'date'>, town: TownConfig, lang: Lang): string {
  const service = town.services.find((s) => s.code === p.serviceCode);
  const name = serviceName(service, p.serviceCode, lang);
  return lang === 'en'
    ? `🎉 A place opened up: ${p.firstName} is now booked for ${name} ${datesPhrase([p.date], lang)}.`
    : `🎉 Une place s’est libérée : ${p.firstName} a maintenant sa place (${name}) ${datesPhrase([p.date], lang)}.`;
}

/** The announcement to a family whose bookings staff cancelled. */
export function staffCancellationText(p: { firstName: string; serviceCode: string; dates: IsoDate[] }, town: TownConfig, lang: Lang): string {
  const service = town.services.find((s) => s.code === p.serviceCode);
  const name = serviceName(service, p.serviceCode, lang);
  return lang === 'en'
    ? `ℹ️ ${p.firstName}: ${name} cancelled by the children's services ${datesPhrase(p.dates, lang)}. For any question, contact the CCAS.`
    : `ℹ️ ${p.firstName} : ${name} ${agree('annulé', service?.feminine ?? true)} par le service enfance ${datesPhrase(p.dates, lang)}. Pour toute question, contactez le CCAS.`;
}
