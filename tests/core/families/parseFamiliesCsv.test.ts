import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, parseFamiliesCsv, type CsvError, type FamilyImport } from '../../../src/core/families/parseFamiliesCsv.js';
import type { IsoDate } from '../../../src/core/time.js';

const TODAY = '2026-11-28' as IsoDate;
const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/csv');
const HEADER = CSV_COLUMNS.join(';');

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** A valid child line of family F-0001; `patch` replaces some columns. */
function line(patch: Partial<Record<(typeof CSV_COLUMNS)[number], string>> = {}, separator = ';'): string {
  const row = {
    famille: 'F-0001',
    responsable: 'Claire Martin',
    email: 'claire.martin@example.fr',
    telephone: '0612345678',
    enfant: 'Léa',
    nom: 'Martin',
    naissance: '2018-03-14',
    ecole: 'Jules Ferry',
    classe: 'CE1',
    regime: 'standard',
    pai: 'non',
    ...patch,
  };
  return CSV_COLUMNS.map((c) => row[c]).join(separator);
}

function csv(...lines: string[]): string {
  return [HEADER, ...lines].join('\n');
}

function families(text: string): FamilyImport[] {
  const result = parseFamiliesCsv(text, TODAY);
  if (!result.ok) throw new Error(`expected a valid file, got ${JSON.stringify(result.errors)}`);
  return result.families;
}

function errors(text: string): CsvError[] {
  const result = parseFamiliesCsv(text, TODAY);
  if (result.ok) throw new Error('expected errors, the file was accepted');
  return result.errors;
}

const LEA = { firstName: 'Léa', lastName: 'Martin', birthDate: '2018-03-14', school: 'Jules Ferry', className: 'CE1', mealType: 'standard', pai: false };
const TOM = { firstName: 'Tom', lastName: 'Martin', birthDate: '2020-09-02', school: 'Jules Ferry', className: 'GS', mealType: 'sans_porc', pai: true };
const CLAIRE = { name: 'Claire Martin', email: 'claire.martin@example.fr', phone: '0612345678' };

describe('parseFamiliesCsv: valid files', () => {
  it('reads the example file of the contract into one family, one guardian and two children', () => {
    const result = parseFamiliesCsv(fixture('families-example.csv'), TODAY);
    expect(result).toEqual({ ok: true, lines: 2, families: [{ reference: 'F-0001', guardians: [CLAIRE], children: [LEA, TOM] }] });
  });

  it.each([
    ['semicolons', ';'],
    ['commas', ','],
  ])('accepts fields separated by %s', (_name, separator) => {
    const text = [CSV_COLUMNS.join(separator), line({}, separator), line({ enfant: 'Tom', naissance: '2020-09-02', classe: 'GS', regime: 'sans_porc', pai: 'oui' }, separator)].join('\n');
    expect(families(text)).toEqual([{ reference: 'F-0001', guardians: [CLAIRE], children: [LEA, TOM] }]);
  });

  it('ignores a UTF-8 byte order mark before the header', () => {
    expect(families(`\uFEFF${fixture('families-example.csv')}`)).toEqual(families(fixture('families-example.csv')));
  });

  it('reads Windows CRLF line endings without leaving a carriage return in the last column', () => {
    const text = fixture('families-example.csv').replace(/\n/g, '\r\n');
    expect(families(text)[0]!.children.map((c) => c.pai)).toEqual([false, true]);
  });

  it('counts lines right with CRLF endings', () => {
    const text = csv(line(), line({ enfant: 'Tom', regime: 'halal' })).replace(/\n/g, '\r\n');
    expect(errors(text)).toEqual([{ line: 3, message: expect.stringContaining('halal') }]);
  });

  it('reads quoted fields holding the separator and doubled quotes', () => {
    const text = [
      CSV_COLUMNS.join(','),
      'F-0001,"Martin, Claire ""Clo""",claire.martin@example.fr,0612345678,Léa,Martin,2018-03-14,"Jules Ferry, annexe",CE1,standard,non',
    ].join('\n');
    const [family] = families(text);
    expect(family!.guardians[0]!.name).toBe('Martin, Claire "Clo"');
    expect(family!.children[0]!.school).toBe('Jules Ferry, annexe');
  });

  it('keeps counting lines after a quoted field that spans two lines', () => {
    const text = csv(line({ ecole: '"Jules Ferry\nannexe"' }), line({ enfant: 'Tom', pai: 'bof' }));
    expect(errors(text)).toEqual([{ line: 4, message: expect.stringContaining('pai') }]);
  });

  it('ignores blank lines, but still counts them', () => {
    const text = ['', HEADER, '', line(), '   ', '', line({ enfant: 'Tom', regime: 'halal' }), ''].join('\n');
    expect(errors(text)).toEqual([{ line: 7, message: expect.stringContaining('halal') }]);
    expect(families(['', HEADER, '', line(), '   ', ''].join('\n'))).toEqual([{ reference: 'F-0001', guardians: [CLAIRE], children: [LEA] }]);
  });

  it.each([
    ['AAAA-MM-JJ', '2018-03-14', '2018-03-14'],
    ['JJ/MM/AAAA', '14/03/2018', '2018-03-14'],
    ['JJ/MM/AAAA, leap day', '29/02/2020', '2020-02-29'],
    ['J/M/AAAA', '4/3/2018', '2018-03-04'],
  ])('reads a birth date written %s', (_form, written, iso) => {
    expect(families(csv(line({ naissance: written })))[0]!.children[0]!.birthDate).toBe(iso);
  });

  it('adds a guardian from a line of its own, with enfant empty', () => {
    const text = csv(line(), 'F-0001;Paul Martin;paul.martin@example.fr;0698765432;;;;;;;');
    expect(families(text)).toEqual([
      {
        reference: 'F-0001',
        guardians: [CLAIRE, { name: 'Paul Martin', email: 'paul.martin@example.fr', phone: '0698765432' }],
        children: [LEA],
      },
    ]);
  });

  it('gives a child two guardians when its line is repeated with the second one', () => {
    const text = csv(line(), line({ responsable: 'Paul Martin', email: 'paul.martin@example.fr', telephone: '06 98 76 54 32' }));
    const [family] = families(text);
    expect(family!.guardians.map((g) => [g.name, g.email, g.phone])).toEqual([
      ['Claire Martin', 'claire.martin@example.fr', '0612345678'],
      ['Paul Martin', 'paul.martin@example.fr', '0698765432'],
    ]);
    expect(family!.children).toEqual([LEA]);
  });

  it('groups the lines of several families by reference', () => {
    const result = families(fixture('families-two-guardians.csv'));
    expect(result.map((f) => [f.reference, f.guardians.length, f.children.map((c) => c.firstName)])).toEqual([
      ['F-0001', 2, ['Léa', 'Tom']],
      ['F-0002', 1, ['Yanis']],
    ]);
    expect(result[1]!.children[0]).toMatchObject({ birthDate: '2017-01-12', mealType: 'vegetarien' });
  });

  it('guesses the separator from the first line that is not blank', () => {
    const text = ['', CSV_COLUMNS.join(','), line({}, ',')].join('\n');
    expect(families(text)[0]!.children).toEqual([LEA]);
  });

  it('skips the all-empty rows a spreadsheet leaves behind', () => {
    expect(families(csv(line(), ';;;;;;;;;;', line({ enfant: 'Tom', naissance: '2020-09-02', classe: 'GS', regime: 'sans_porc', pai: 'oui' })))[0]!.children).toEqual([LEA, TOM]);
  });

  it('merges a guardian given once without and once with an email', () => {
    const fam = families(csv(line({ email: '', enfant: '', nom: '', naissance: '', ecole: '', classe: '', regime: '', pai: '' }), line()))[0]!;
    expect(fam.guardians).toEqual([CLAIRE]);
  });

  it('reads header names whatever their case and accents', () => {
    const header = 'Famille;Responsable;Email;Téléphone;Enfant;Nom;Naissance;École;Classe;Régime;PAI';
    expect(families([header, line()].join('\n'))).toEqual([{ reference: 'F-0001', guardians: [CLAIRE], children: [LEA] }]);
  });
});

describe('parseFamiliesCsv: errors, each with its line', () => {
  it.each([
    ['a 30th of February', { naissance: '2018-02-30' }, /date de naissance invalide « 2018-02-30 »/],
    ['a 31st of April, French form', { naissance: '31/04/2018' }, /date de naissance invalide « 31\/04\/2018 »/],
    ['a date in another form', { naissance: '14.03.2018' }, /date de naissance invalide/],
    ['a birth date after today', { naissance: '2027-01-01' }, /dans le futur/],
    ['an unknown regime', { regime: 'halal' }, /régime inconnu « halal »/],
    ['a pai that is neither oui nor non', { pai: 'peut-être' }, /pai doit être oui ou non/],
    ['an invalid email', { email: 'claire.martin@example' }, /email invalide « claire.martin@example »/],
    ['an invalid phone number', { telephone: '12345' }, /téléphone invalide/],
    ['an empty family reference', { famille: '' }, /famille vide/],
    ['an empty class', { classe: '' }, /classe vide/],
  ])('reports %s on its line', (_case, patch, message) => {
    const errs = errors(csv(line({ enfant: 'Tom', naissance: '2020-09-02' }), line(patch)));
    expect(errs).toEqual([{ line: 3, message: expect.stringMatching(message) }]);
  });

  it.each(CSV_COLUMNS.map((c) => [c]))('names the missing column %s of the header, on line 1', (column) => {
    const columns = CSV_COLUMNS.filter((c) => c !== column);
    const errs = errors([columns.join(';'), columns.map(() => 'x').join(';')].join('\n'));
    expect(errs).toHaveLength(1);
    expect(errs[0]!.line).toBe(1);
    expect(errs[0]!.message).toMatch(new RegExp(`^colonne manquante : ${column} `));
  });

  it('reports a line with too few fields', () => {
    const errs = errors(csv(line(), 'F-0001;Claire Martin;claire.martin@example.fr'));
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.every((e) => e.line === 3)).toBe(true);
    expect(errs.map((e) => e.message)).toContain('3 champs au lieu de 11');
  });

  it('reports the same child described differently on two lines, pointing to the first', () => {
    const errs = errors(csv(line(), line({ enfant: 'Tom', naissance: '2020-09-02' }), line({ classe: 'CE2' })));
    expect(errs).toEqual([{ line: 4, message: 'Léa Martin décrit autrement qu’à la ligne 2' }]);
  });

  it('reports one email used by two different guardians of a family', () => {
    const errs = errors(csv(line(), line({ responsable: 'Paul Martin', enfant: 'Tom', naissance: '2020-09-02' })));
    expect(errs).toEqual([{ line: 3, message: expect.stringContaining('claire.martin@example.fr') }]);
  });

  it('reports every error of the file, not just the first', () => {
    const errs = errors(fixture('families-errors.csv'));
    expect(errs.map((e) => e.line)).toEqual([2, 3, 4, 4, 4]);
    expect(errs.map((e) => e.message)).toEqual([
      expect.stringMatching(/date de naissance invalide « 2017-02-30 »/),
      expect.stringMatching(/régime inconnu « halal »/),
      expect.stringMatching(/email invalide/),
      expect.stringMatching(/date de naissance invalide « 31\/04\/2018 »/),
      expect.stringMatching(/pai doit être oui ou non/),
    ]);
  });

  it('returns no family at all when a single line is wrong', () => {
    const result = parseFamiliesCsv(csv(line(), line({ famille: 'F-0002', regime: 'halal' })), TODAY);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('families');
  });

  it.each([
    ['an empty file', ''],
    ['a header alone', HEADER],
  ])('refuses %s', (_case, text) => {
    expect(errors(text)).toHaveLength(1);
  });
});
