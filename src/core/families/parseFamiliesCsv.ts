/**
 * Reads the families CSV of DESIGN.md (UTF-8, `;` or `,`, header row, one
 * line per child, a guardian alone on a line with `enfant` empty) into
 * families ready to import, or into every error found, each with its line.
 */
import { isIsoDate, type IsoDate } from '../time.js';

export const MEAL_TYPES = ['standard', 'sans_porc', 'vegetarien'] as const;
export type MealType = (typeof MEAL_TYPES)[number];

export const CSV_COLUMNS = ['famille', 'responsable', 'email', 'telephone', 'enfant', 'nom', 'naissance', 'ecole', 'classe', 'regime', 'pai'] as const;
type Column = (typeof CSV_COLUMNS)[number];

export interface GuardianImport {
  name: string;
  email: string | null;
  phone: string | null;
}

export interface ChildImport {
  firstName: string;
  lastName: string;
  birthDate: IsoDate;
  school: string;
  className: string;
  mealType: MealType;
  pai: boolean;
}

export interface FamilyImport {
  reference: string;
  guardians: GuardianImport[];
  children: ChildImport[];
}

export interface CsvError {
  line: number;
  message: string;
}

export type ParseResult = { ok: true; families: FamilyImport[]; lines: number } | { ok: false; errors: CsvError[] };

/** Splits CSV text into records of fields, keeping the line each record starts on. Handles quotes and CRLF. */
export function splitCsv(text: string, separator: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // Blank lines, and the all-empty rows spreadsheets write (";;;;"), are skipped.
    if (!fields.every((f) => f.trim() === '')) records.push({ line: startLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === separator) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      startLine = line;
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function parseBirthDate(value: string): IsoDate | null {
  const v = value.trim();
  let iso = v;
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (fr) iso = `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

function parsePhone(value: string): string | null | undefined {
  const v = value.replace(/[\s.\-()]/g, '');
  if (v === '') return null;
  if (/^0\d{9}$/.test(v) || /^\+\d{8,15}$/.test(v)) return v;
  return undefined;
}

/**
 * Parses and checks the whole file. `today` bounds birth dates. Nothing is
 * returned unless every line is valid.
 */
export function parseFamiliesCsv(input: string, today: IsoDate): ParseResult {
  const text = input.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const separator = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = splitCsv(text, separator);
  const header = records.shift();
  if (!header) return { ok: false, errors: [{ line: 1, message: 'fichier vide : la ligne d’en-tête manque' }] };
  const index = new Map<Column, number>();
  header.fields.forEach((name, i) => {
    const col = CSV_COLUMNS.find((c) => c === fold(name));
    if (col && !index.has(col)) index.set(col, i);
  });
  const missing = CSV_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    return {
      ok: false,
      errors: [{ line: header.line, message: `colonne${missing.length > 1 ? 's' : ''} manquante${missing.length > 1 ? 's' : ''} : ${missing.join(', ')} (attendu : ${CSV_COLUMNS.join(separator)})` }],
    };
  }

  const errors: CsvError[] = [];
  const families = new Map<string, FamilyImport>();
  const childLines = new Map<string, { line: number; key: string }>();
  for (const { line, fields } of records) {
    const get = (c: Column) => (fields[index.get(c)!] ?? '').trim();
    const lineErrors: string[] = [];
    if (fields.length < header.fields.length) lineErrors.push(`${fields.length} champs au lieu de ${header.fields.length}`);
    const reference = get('famille');
    const name = get('responsable');
    const email = get('email').toLowerCase();
    const phone = parsePhone(get('telephone'));
    if (!reference) lineErrors.push('famille vide');
    if (!name) lineErrors.push('responsable vide');
    if (email && !EMAIL.test(email)) lineErrors.push(`email invalide « ${get('email')} »`);
    if (phone === undefined) lineErrors.push(`téléphone invalide « ${get('telephone')} »`);

    let child: ChildImport | undefined;
    const firstName = get('enfant');
    if (firstName) {
      const lastName = get('nom');
      const birth = parseBirthDate(get('naissance'));
      const regime = fold(get('regime')).replace(/[\s-]+/g, '_') as MealType;
      const pai = fold(get('pai'));
      if (!lastName) lineErrors.push('nom de l’enfant vide');
      if (!birth) lineErrors.push(`date de naissance invalide « ${get('naissance')} » (AAAA-MM-JJ ou JJ/MM/AAAA)`);
      else if (birth > today) lineErrors.push(`date de naissance dans le futur « ${get('naissance')} »`);
      if (!get('ecole')) lineErrors.push('école vide');
      if (!get('classe')) lineErrors.push('classe vide');
      if (!MEAL_TYPES.includes(regime)) lineErrors.push(`régime inconnu « ${get('regime')} » (standard, sans_porc ou vegetarien)`);
      if (pai !== 'oui' && pai !== 'non') lineErrors.push(`pai doit être oui ou non (« ${get('pai')} »)`);
      if (lastName && birth) {
        child = { firstName, lastName, birthDate: birth, school: get('ecole'), className: get('classe'), mealType: regime, pai: pai === 'oui' };
      }
    }
    if (lineErrors.length > 0) {
      errors.push(...lineErrors.map((message) => ({ line, message })));
      continue;
    }

    const family = families.get(reference) ?? { reference, guardians: [], children: [] };
    families.set(reference, family);
    const same =
      (email ? family.guardians.find((g) => g.email === email) : undefined) ??
      family.guardians.find((g) => fold(g.name) === fold(name) && (!g.email || !email));
    if (same) {
      if (fold(same.name) !== fold(name)) errors.push({ line, message: `l’email ${email} est déjà celui de « ${same.name} » dans la famille ${reference}` });
      if (phone && same.phone && phone !== same.phone) errors.push({ line, message: `téléphone différent pour ${same.name} dans la famille ${reference}` });
      same.phone ??= phone ?? null;
      same.email ??= email || null;
    } else {
      family.guardians.push({ name, email: email || null, phone: phone ?? null });
    }
    if (child) {
      const key = `${reference}|${fold(child.firstName)}|${fold(child.lastName)}`;
      const signature = JSON.stringify(child);
      const seen = childLines.get(key);
      if (seen) {
        if (seen.key !== signature) errors.push({ line, message: `${child.firstName} ${child.lastName} décrit autrement qu’à la ligne ${seen.line}` });
      } else {
        childLines.set(key, { line, key: signature });
        family.children.push(child);
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  if (families.size === 0) return { ok: false, errors: [{ line: header.line + 1, message: 'aucune ligne de famille' }] };
  return { ok: true, families: [...families.values()], lines: records.length };
}
