/**
 * Every word the assistant says to parents, French first, English when the
 * parent writes English: one table, so wording stays consistent and a
 * reason code always has its sentence.
 */
import type { ServiceConfig, TownConfig } from '../config.js';
import type { Reason } from '../reasons.js';
import { formatDateEn, formatDateFr } from '../replies/format.js';
import { zonedParts, type IsoDate } from '../time.js';

export type Lang = 'fr' | 'en';

export function formatDate(date: IsoDate, lang: Lang): string {
  return lang === 'en' ? formatDateEn(date) : formatDateFr(date);
}

/** "mardi 1er décembre à 10:00" / "Tuesday 1 December at 10:00", in the town's time. */
export function formatInstant(instant: Date, town: TownConfig, lang: Lang): string {
  const p = zonedParts(instant, town.timeZone);
  const hm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return lang === 'en' ? `${formatDateEn(p.date)} at ${hm}` : `${formatDateFr(p.date)} à ${hm}`;
}

/** How a service is named in a sentence: "la cantine" is "cantine" here; English labels as configured. */
export function serviceName(service: Pick<ServiceConfig, 'shortLabel' | 'labelEn'> | undefined, code: string, lang: Lang): string {
  if (!service) return code;
  return lang === 'en' ? service.labelEn : service.shortLabel;
}

const WEEKDAY_FR = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const WEEKDAY_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Why something was refused, in a short clause. */
export function reasonText(reason: Reason, ctx: { town: TownConfig; lang: Lang; service: string }): string {
  const { lang } = ctx;
  switch (reason.code) {
    case 'SERVICE_NOT_RUNNING':
      return lang === 'en'
        ? `no ${ctx.service} on ${WEEKDAY_EN[reason.weekday - 1]}s`
        : `pas de ${ctx.service} le ${WEEKDAY_FR[reason.weekday - 1]}`;
    case 'CLOSED_DAY': {
      const c = reason.closed;
      switch (c.code) {
        case 'SCHOOL_HOLIDAY':
          return lang === 'en' ? `school holidays (${c.name})` : `vacances scolaires (${c.name})`;
        case 'PUBLIC_HOLIDAY':
          return lang === 'en' ? `public holiday (${c.name})` : `jour férié (${c.name})`;
        case 'BRIDGE_DAY':
          return lang === 'en' ? `no school that day (${c.name})` : `pas d’école ce jour-là (${c.name})`;
        case 'CLOSURE':
          return lang === 'en' ? `closed that day (${c.reason})` : `fermé ce jour-là (${c.reason})`;
        case 'OUTSIDE_SCHOOL_YEAR':
          return lang === 'en' ? 'outside the school year' : 'en dehors de l’année scolaire';
      }
      break;
    }
    case 'DEADLINE_PASSED': {
      const when = formatInstant(reason.deadline, ctx.town, lang);
      if (lang === 'en') return `too late: ${reason.change === 'booking' ? 'bookings' : 'cancellations'} closed on ${when}`;
      return `trop tard : les ${reason.change === 'booking' ? 'réservations' : 'annulations'} fermaient le ${when}`;
    }
    case 'CANCELLATION_NOT_ALLOWED':
      return lang === 'en' ? 'this service cannot be cancelled (an absence can be reported)' : 'ce service ne s’annule pas (une absence peut être signalée)';
    case 'DAY_PASSED':
      return lang === 'en' ? 'that day is over' : 'ce jour est passé';
    case 'UNKNOWN_CHILD':
      return lang === 'en' ? 'child not found in your family' : 'enfant inconnu dans votre famille';
    case 'UNKNOWN_SERVICE':
      return lang === 'en' ? 'unknown service' : 'service inconnu';
  }
  return reason satisfies never;
}

/** Button labels. "Défaire" undoes a change: never "Annuler", which parents read as cancelling a booking. */
export const LABELS = {
  confirm: { fr: 'Confirmer', en: 'Confirm' },
  drop: { fr: 'Laisser tomber', en: 'Never mind' },
  undo: { fr: 'Défaire', en: 'Undo' },
  all: { fr: 'Tous', en: 'All' },
} as const;

export function helpText(lang: Lang, children: string[]): string {
  const a = children[0] ?? 'Léa';
  const b = children[1] ?? children[0] ?? 'Tom';
  if (lang === 'en') {
    return [
      'I book and cancel the school lunch, morning and after-school care and the Wednesday club. Write as you would to a person, for example:',
      `• "${a} has lunch at school on Monday and Tuesday"`,
      `• "cancel ${b}'s after-school care on Friday"`,
      `• "${a} is sick today" (the absence is recorded, even on the day itself)`,
      `• "what does ${a} have this week?"`,
      'Every change can be undone for 15 minutes with the "Undo" button.',
    ].join('\n');
  }
  return [
    'Je réserve et j’annule la cantine, la garderie du matin et du soir et l’accueil du mercredi. Écrivez comme à une personne, par exemple :',
    `• « ${a} mange à la cantine lundi et mardi »`,
    `• « annule la garderie du soir de ${b} vendredi »`,
    `• « ${a} est malade aujourd’hui » (l’absence est notée, même le jour même)`,
    `• « qu’est-ce que ${a} a cette semaine ? »`,
    'Chaque changement peut être défait pendant 15 minutes avec le bouton « Défaire ».',
  ].join('\n');
}

export function notUnderstoodText(lang: Lang, children: string[]): string {
  const a = children[0] ?? 'Léa';
  return lang === 'en'
    ? `Sorry, I did not understand. You can write for example: "${a} has lunch at school on Thursday", "cancel ${a} on Wednesday" or "help".`
    : `Désolé, je n’ai pas compris. Vous pouvez écrire par exemple : « ${a} mange à la cantine jeudi », « annule ${a} mercredi » ou « aide ».`;
}
