/**
 * One table for the reason codes the core answers with (why a use case
 * refused, why a day has no service) in the words staff read on the
 * dashboard. The routes look a code up here rather than each keeping its
 * own wording; a code missing from the table shows as itself, so a new
 * one is seen (and added here) rather than hidden.
 *
 * Parents' wording of the booking refusals is the core's catalogue
 * (src/core/replies), which the dashboard reuses for booking outcomes.
 */
import { MIN_PASSWORD_LENGTH } from '../core/staff/changeStaffPassword.js';

/** Why a staff action was refused: a sentence, shown after "Rien n’a été fait : " or on the form. */
const REFUSALS = {
  // Changing one's password (src/core/staff/changeStaffPassword.ts).
  WRONG_PASSWORD: 'Le mot de passe actuel est incorrect.',
  MISMATCH: 'Les deux saisies du nouveau mot de passe sont différentes.',
  TOO_SHORT: `Le nouveau mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`,
  SAME_AS_BEFORE: 'Le nouveau mot de passe doit être différent de l’actuel.',
  UNKNOWN_STAFF: 'Ce compte n’existe plus.',
  // Staff accounts (src/core/staff/staffAccounts.ts).
  INVALID_EMAIL: 'Adresse email invalide : rien n’a été fait.',
  // Closing and reopening a day (src/core/closures).
  UNKNOWN_SERVICE: 'Service inconnu.',
  REASON_REQUIRED: 'Indiquez le motif : il est dit aux familles.',
  NOT_RUNNING: 'Ce service ne fonctionne pas ce jour-là de toute façon (vacances, férié, jour sans service).',
  UNKNOWN_CLOSURE: 'Cette fermeture n’existe plus.',
  // Ticking a roll call (src/core/staff/recordAttendance.ts).
  UNKNOWN_BOOKING: 'Cette réservation n’existe plus ou a été annulée.',
} as const;

export type RefusalCode = keyof typeof REFUSALS;

export function refusalText(code: RefusalCode | (string & {})): string {
  return (REFUSALS as Record<string, string>)[code] ?? code;
}

/** Why a day has no service (src/core/calendar.ts), in a word or two for a calendar's cell. */
export function closedDayText(reason: { code: string; name?: string; reason?: string }): string {
  switch (reason.code) {
    case 'SCHOOL_HOLIDAY':
      return 'vacances';
    case 'PUBLIC_HOLIDAY':
      return `férié${reason.name ? ` (${reason.name})` : ''}`;
    case 'BRIDGE_DAY':
      return 'pont';
    case 'CLOSURE':
      return `fermé${reason.reason ? ` (${reason.reason})` : ''}`;
    case 'OUTSIDE_SCHOOL_YEAR':
      return 'hors année scolaire';
    default:
      return '';
  }
}
