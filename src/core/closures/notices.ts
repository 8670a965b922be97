/**
 * What a family is told when staff change its bookings: a closed day, a
 * cancellation, a place given from the waiting list. One message per
 * family and staff action, French first (English for a guardian who writes
 * English), with the reason staff gave.
 */
import type { TownConfig } from '../config.js';
import { datesPhrase } from '../conversation/outcomeLines.js';
import { formatDate, serviceName, type Lang } from '../conversation/texts.js';
import type { IsoDate } from '../time.js';

export interface Notice {
  subject: string;
  body: string;
}

function list(items: string[], lang: Lang): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${lang === 'en' ? 'and' : 'et'} ${items[items.length - 1]}`;
}

const names = (town: TownConfig, codes: readonly string[], lang: Lang) =>
  list(codes.map((c) => serviceName(town.services.find((s) => s.code === c), c, lang)), lang);

const signature = (lang: Lang) => (lang === 'en' ? 'For any question, contact the CCAS.' : 'Pour toute question, contactez le CCAS.');

/** A closed day: everything each child loses that day, in one message. */
export function closureNotice(
  p: { date: IsoDate; reason: string; children: { firstName: string; cancelled: string[]; waiting: string[] }[] },
  town: TownConfig,
  lang: Lang,
): Notice {
  const day = formatDate(p.date, lang);
  const lines = p.children.flatMap((c) => [
    ...(c.cancelled.length ? [lang === 'en' ? `• ${c.firstName}: ${names(town, c.cancelled, lang)} cancelled.` : `• ${c.firstName} : ${names(town, c.cancelled, lang)} — réservation annulée.`] : []),
    ...(c.waiting.length ? [lang === 'en' ? `• ${c.firstName}: no longer on the waiting list for ${names(town, c.waiting, lang)}.` : `• ${c.firstName} : retiré(e) de la liste d’attente (${names(town, c.waiting, lang)}).`] : []),
  ]);
  return lang === 'en'
    ? { subject: `Closed on ${day}`, body: `ℹ️ The children's services are closed on ${day} (${p.reason}).\n${lines.join('\n')}\n${signature(lang)}` }
    : { subject: `Fermeture le ${day}`, body: `ℹ️ Le service enfance est fermé le ${day} (motif : ${p.reason}).\n${lines.join('\n')}\n${signature(lang)}` };
}

/** Bookings staff cancelled (a phone call, a correction), grouped by child and service. */
export function cancellationNotice(
  items: { firstName: string; serviceCode: string; dates: IsoDate[]; waiting?: IsoDate[]; reason?: string }[],
  town: TownConfig,
  lang: Lang,
): Notice {
  const lines = items.flatMap((i) => {
    const name = serviceName(town.services.find((s) => s.code === i.serviceCode), i.serviceCode, lang);
    return [
      ...(i.dates.length ? [lang === 'en' ? `• ${i.firstName}: ${name} cancelled ${datesPhrase(i.dates, lang)}.` : `• ${i.firstName} : ${name}, réservation annulée ${datesPhrase(i.dates, lang)}.`] : []),
      ...(i.waiting?.length ? [lang === 'en' ? `• ${i.firstName}: off the waiting list for ${name} ${datesPhrase(i.waiting, lang)}.` : `• ${i.firstName} : retiré(e) de la liste d’attente (${name}) ${datesPhrase(i.waiting, lang)}.`] : []),
    ];
  });
  const reasons = [...new Set(items.map((i) => i.reason).filter((r): r is string => !!r))];
  const why = reasons.length ? (lang === 'en' ? ` Reason: ${reasons.join('; ')}.` : ` Motif : ${reasons.join(' ; ')}.`) : '';
  return lang === 'en'
    ? { subject: 'A booking was cancelled', body: `ℹ️ The children's services cancelled:\n${lines.join('\n')}\n${why.trim() ? `${why.trim()}\n` : ''}${signature(lang)}` }
    : { subject: 'Une réservation a été annulée', body: `ℹ️ Le service enfance a annulé :\n${lines.join('\n')}\n${why.trim() ? `${why.trim()}\n` : ''}${signature(lang)}` };
}

/** Places given from the waiting list (by staff, or freed by a cancellation). */
export function promotionNotice(items: { firstName: string; serviceCode: string; date: IsoDate }[], town: TownConfig, lang: Lang): Notice {
  const lines = items.map((i) => {
    const name = serviceName(town.services.find((s) => s.code === i.serviceCode), i.serviceCode, lang);
    return lang === 'en' ? `• ${i.firstName}: ${name} ${datesPhrase([i.date], lang)}.` : `• ${i.firstName} : ${name} ${datesPhrase([i.date], lang)}.`;
  });
  return lang === 'en'
    ? { subject: 'A place opened up', body: `🎉 A place opened up, your child is now booked:\n${lines.join('\n')}` }
    : { subject: 'Une place s’est libérée', body: `🎉 Une place s’est libérée, votre enfant a maintenant sa place :\n${lines.join('\n')}` };
}
