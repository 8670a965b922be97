/**
 * The words of replies, taken from the catalogue of each language
 * (`src/core/replies/fr.ts`, `en.ts`): formatting helpers the channels and
 * the dashboard share.
 */
import type { ServiceConfig, TownConfig } from '../config.js';
import type { Reason } from '../reasons.js';
import { catalogue, type Lang } from '../replies/catalogue.js';
import { zonedParts, type IsoDate } from '../time.js';

export type { Lang } from '../replies/catalogue.js';

export function formatDate(date: IsoDate, lang: Lang): string {
  return catalogue(lang).date(date);
}

/** "mardi 1er décembre à 10:00" / "Tuesday 1 December at 10:00", in the town's time. */
export function formatInstant(instant: Date, town: TownConfig, lang: Lang): string {
  const p = zonedParts(instant, town.timeZone);
  const hm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return catalogue(lang).instant(p.date, hm);
}

/** How a service is named in a sentence: "la cantine" is "cantine" here; English labels as configured. */
export function serviceName(service: Pick<ServiceConfig, 'shortLabel' | 'labelEn'> | undefined, code: string, lang: Lang): string {
  if (!service) return code;
  return lang === 'en' ? service.labelEn : service.shortLabel;
}

/** Why something was refused, in a short clause. */
export function reasonText(reason: Reason, ctx: { town: TownConfig; lang: Lang; service: string }): string {
  const words = catalogue(ctx.lang).reason[reason.code] as (r: Reason, c: { service: string; instant: (d: Date) => string }) => string;
  return words(reason, { service: ctx.service, instant: (d) => formatInstant(d, ctx.town, ctx.lang) });
}

/** Button labels. "Défaire" undoes a change: never "Annuler", which parents read as cancelling a booking. */
export const LABELS = {
  confirm: { fr: catalogue('fr').buttons.confirm, en: catalogue('en').buttons.confirm },
  drop: { fr: catalogue('fr').buttons.drop, en: catalogue('en').buttons.drop },
  undo: { fr: catalogue('fr').buttons.undo, en: catalogue('en').buttons.undo },
  all: { fr: catalogue('fr').buttons.all, en: catalogue('en').buttons.all },
} as const;

export function helpText(lang: Lang, children: string[]): string {
  return catalogue(lang).help(children);
}

export function notUnderstoodText(lang: Lang, children: string[]): string {
  return catalogue(lang).notUnderstood(children[0] ?? 'Léa');
}
