/**
 * The roll call as CSV for Excel (data in, text out): one line per child,
 * in the rows' order. At a city's size that is 10,000 lines, so values that
 * repeat down the file (the day, the service, schools, classes, labels, a
 * family's phones) are escaped once.
 */
import type { RollCallCsvRow } from '../queries/day.js';
import { CSV_EOL, csvField, csvFieldCache, phoneCell, toCsv } from '../csv.js';
import { mealLabel, stateLabel } from '../format.js';

const HEADER = ['Date', 'Service', 'École', 'Classe', 'Nom', 'Prénom', 'Régime', 'PAI', 'Allergies (PAI)', 'Protocole (PAI)', 'Téléphones', 'État', 'Présence', 'Famille'];

const presence = (a: string | null) => (a === 'present' ? 'présent' : a === 'absent' ? 'absent' : '');

export function rollCallCsvText(p: { day: string; service: string; rows: readonly RollCallCsvRow[] }): string {
  const cached = csvFieldCache();
  const lead = `${csvField(p.day)};${csvField(p.service)};`;
  // A family's phones are one array shared by its children's rows.
  const phonesOf = new Map<string[], string>();
  const parts: string[] = [toCsv([HEADER]).slice(0, -CSV_EOL.length)];
  for (const r of p.rows) {
    let phones = phonesOf.get(r.phones);
    if (phones === undefined) phonesOf.set(r.phones, (phones = csvField(r.phones.map(phoneCell).join(', '))));
    parts.push(
      `${lead}${cached(r.school)};${cached(r.className)};${csvField(r.lastName)};${csvField(r.firstName)};${cached(mealLabel(r.mealType))};${r.pai ? 'oui' : 'non'};${r.paiAllergens ? csvField(r.paiAllergens) : ''};${r.paiProtocol ? csvField(r.paiProtocol) : ''};${phones};${cached(stateLabel(r.state, r.absenceJustified))};${cached(presence(r.attendance))};${csvField(r.reference)}`,
    );
  }
  return `${parts.join(CSV_EOL)}${CSV_EOL}`;
}
