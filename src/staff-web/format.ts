/** How the dashboard writes dates, services, states and access in French. */
import type { GuardianRecord } from '../core/ports.js';
import { formatDateFr } from '../core/replies/format.js';
import { isoWeekday, zonedParts, type IsoDate } from '../core/time.js';
import type { Town } from '../core/town.js';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const WEEKDAYS_SHORT = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'];

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "mardi 1er décembre 2026". */
export function longDate(date: IsoDate): string {
  return `${formatDateFr(date)} ${date.slice(0, 4)}`;
}

/** "mar. 01/12". */
export function shortDate(date: IsoDate): string {
  return `${WEEKDAYS_SHORT[isoWeekday(date) - 1]} ${date.slice(8, 10)}/${date.slice(5, 7)}`;
}

/** "01/12/2026". */
export function numericDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** "décembre 2026" for "2026-12". */
export function monthName(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** "01/12/2026 à 09:05", in the town's time. */
export function instantFr(instant: Date, town: Town): string {
  const p = zonedParts(instant, town.timeZone);
  return `${numericDate(p.date)} à ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

export function serviceLabel(town: Town, code: string): string {
  return town.service(code)?.label ?? code;
}

/** "Cantine", "Garderie du soir". */
export function serviceShort(town: Town, code: string): string {
  return capitalize(town.service(code)?.shortLabel ?? code);
}

export const MEAL_LABELS: Record<string, string> = { standard: 'Standard', sans_porc: 'Sans porc', vegetarien: 'Végétarien' };

export function mealLabel(mealType: string): string {
  return MEAL_LABELS[mealType] ?? mealType;
}

export function justifiedLabel(justified: boolean | null): string {
  return justified === null ? 'à décider' : justified ? 'justifiée' : 'non justifiée';
}

/** A booking state as staff read it. */
export function stateLabel(state: string, justified?: boolean | null): string {
  switch (state) {
    case 'booked':
      return 'réservé';
    case 'absent':
      return `absent (${justifiedLabel(justified ?? null)})`;
    case 'waiting':
      return 'liste d’attente';
    case 'cancelled':
      return 'annulé';
    default:
      return state;
  }
}

/** Where a guardian's access stands: not activated, code sent, linked on Telegram, active by email. */
export function accessLabel(g: Pick<GuardianRecord, 'accessState' | 'telegramChatId'>): string {
  if (g.telegramChatId) return 'lié à Telegram';
  if (g.accessState === 'active') return 'actif par email';
  if (g.accessState === 'code_sent') return 'code envoyé';
  return 'non activé';
}

export const CHANNEL_LABELS: Record<string, string> = { telegram: 'Telegram', email: 'Email', web: 'Tableau de bord', admin: 'Commande admin', system: 'Automatique' };

/** The first day of the ISO week (Monday) of `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (isoWeekday(date) - 1));
  return d.toISOString().slice(0, 10) as IsoDate;
}

/** The last day of the month of `date`. */
export function monthEnd(month: string): IsoDate {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) as IsoDate;
}

/** "2026-12" moved by `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}
