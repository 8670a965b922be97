/** Dates as parents read them: "mercredi 2 décembre", "Wednesday 2 December". */
import { isoWeekday, type IsoDate } from '../time.js';

const WEEKDAYS_FR = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "mercredi 2 décembre" ("1er" for the first of the month). */
export function formatDateFr(date: IsoDate): string {
  const day = Number(date.slice(8, 10));
  return `${WEEKDAYS_FR[isoWeekday(date) - 1]} ${day === 1 ? '1er' : day} ${MONTHS_FR[Number(date.slice(5, 7)) - 1]}`;
}

/** "Wednesday 2 December". */
export function formatDateEn(date: IsoDate): string {
  return `${WEEKDAYS_EN[isoWeekday(date) - 1]} ${Number(date.slice(8, 10))} ${MONTHS_EN[Number(date.slice(5, 7)) - 1]}`;
}
