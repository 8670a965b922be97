/**
 * Turns the booking use cases' outcomes into the lines of a reply: child by
 * child, service by service, the days grouped ("✅ Léa : cantine réservée le
 * jeudi 3 et le vendredi 4 décembre"), and what did not happen, with why.
 * The words are the catalogue's.
 */
import type { TownConfig } from '../config.js';
import type { AbsenceOutcome, BookOutcome, CancelOutcome, Promotion } from '../bookings/outcomes.js';
import { catalogue } from '../replies/catalogue.js';
import type { IsoDate } from '../time.js';
import { reasonText, serviceName, type Lang } from './texts.js';

type AnyOutcome = BookOutcome | CancelOutcome | AbsenceOutcome;

/** "le jeudi 3 décembre", "le jeudi 3 décembre et le vendredi 4 décembre", "7 jours, du lundi 7 au vendredi 18 décembre". */
export function datesPhrase(dates: readonly IsoDate[], lang: Lang): string {
  return catalogue(lang).dates(dates);
}

interface LineContext {
  town: TownConfig;
  lang: Lang;
  childName: (childId: number) => string;
}

/**
 * The lines for a list of outcomes, grouped by child, service, outcome and
 * reason, in the order children and services first appear.
 */
export function outcomeLines(outcomes: readonly AnyOutcome[], ctx: LineContext): string[] {
  const words = catalogue(ctx.lang);
  const groups = new Map<string, { kind: AnyOutcome['outcome']; childId: number; serviceCode: string; extra: string; dates: IsoDate[] }>();
  for (const o of outcomes) {
    const service = ctx.town.services.find((s) => s.code === o.serviceCode);
    const name = serviceName(service, o.serviceCode, ctx.lang);
    let extra = '';
    if (o.outcome === 'refused') extra = reasonText(o.reason, { town: ctx.town, lang: ctx.lang, service: name });
    if (o.outcome === 'waiting_list' || o.outcome === 'already_waiting') extra = words.waitingRank(o.rank);
    const key = `${o.childId}|${o.serviceCode}|${o.outcome}|${extra}`;
    const g = groups.get(key) ?? { kind: o.outcome, childId: o.childId, serviceCode: o.serviceCode, extra, dates: [] };
    g.dates.push(o.date);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const service = ctx.town.services.find((s) => s.code === g.serviceCode);
    return words.outcome[g.kind]({
      child: ctx.childName(g.childId),
      service: serviceName(service, g.serviceCode, ctx.lang),
      feminine: service?.feminine ?? true,
      when: words.dates(g.dates),
      extra: g.extra,
    });
  });
}

/** The announcement to a family whose waiting child got a place. */
export function promotionText(p: Pick<Promotion, 'firstName' | 'serviceCode' | 'date'>, town: TownConfig, lang: Lang): string {
  const service = town.services.find((s) => s.code === p.serviceCode);
  return catalogue(lang).promotion(p.firstName, serviceName(service, p.serviceCode, lang), datesPhrase([p.date], lang));
}

/** The announcement to a family whose bookings staff cancelled. */
export function staffCancellationText(p: { firstName: string; serviceCode: string; dates: IsoDate[] }, town: TownConfig, lang: Lang): string {
  const service = town.services.find((s) => s.code === p.serviceCode);
  return catalogue(lang).staffCancellation(p.firstName, serviceName(service, p.serviceCode, lang), service?.feminine ?? true, datesPhrase(p.dates, lang));
}
