/**
 * The family import's pages as functions of their data: the upload form,
 * a refused file with its errors line by line, and the preview of what the
 * import would create and update (worked out by the route in a dry run).
 */
import type { ImportSummary } from '../../core/families/importFamilies.js';
import { CSV_COLUMNS, type FamilyImport } from '../../core/families/parseFamiliesCsv.js';
import { mealLabel, numericDate } from '../format.js';
import { html, type Html } from '../html.js';
import { csrfField } from '../layout.js';

/** The counts of an import (or of its dry run), one line per kind of record. */
export function summaryLines(s: ImportSummary): string[] {
  return [
    `Familles : ${s.familiesCreated} créée(s), ${s.familiesUpdated} mise(s) à jour, ${s.familiesUnchanged} inchangée(s).`,
    `Responsables : ${s.guardiansCreated} créé(s), ${s.guardiansUpdated} mis à jour.`,
    `Enfants : ${s.childrenCreated} créé(s), ${s.childrenUpdated} mis à jour.`,
  ];
}

const uploadForm = (csrf: string) => html`<form method="post" action="/familles/import" enctype="multipart/form-data">
${csrfField(csrf)}
<label for="fichier">Fichier CSV (UTF-8 ou Excel « CSV point-virgule », 2 Mo au plus)</label>
<input type="file" id="fichier" name="fichier" accept=".csv,text/csv" required>
<div class="actions"><button type="submit">Vérifier le fichier</button></div>
</form>`;

/** The first step: the file's format, and the upload form. */
export function importStartPage(csrf: string): Html {
  return html`<h1>Importer des familles</h1>
<p>Une ligne par enfant ; une famille à deux responsables répète la ligne de l’enfant avec le second, ou le met seul sur une ligne avec <code>enfant</code> vide. Séparateur <code>;</code> ou <code>,</code>, première ligne :</p>
<pre>${CSV_COLUMNS.join(';')}</pre>
<p><code>regime</code> : standard, sans_porc ou vegetarien ; <code>pai</code> : oui ou non ; <code>naissance</code> : AAAA-MM-JJ ou JJ/MM/AAAA. Les familles déjà connues (même référence) sont mises à jour ; rien n’est supprimé.</p>
<p><strong>Rien n’est enregistré à cette étape :</strong> le fichier est d’abord vérifié, puis vous confirmez.</p>
${uploadForm(csrf)}`;
}

/** A refused file: its errors, line by line, and the upload form again. */
export function importErrorsPage(p: { errors: { line: number; message: string }[]; csrf: string }): Html {
  return html`<h1>Importer des familles : fichier à corriger</h1>
<p>Corrigez ces lignes dans le fichier, puis envoyez-le de nouveau.</p>
<div class="table-wrap"><table><caption>Erreurs, ligne par ligne</caption><thead><tr><th scope="col" class="num">Ligne</th><th scope="col">Erreur</th></tr></thead>
<tbody>${p.errors.map((e) => html`<tr><td class="num">${e.line}</td><td>${e.message}</td></tr>`)}</tbody></table></div>
${uploadForm(p.csrf)}`;
}

export interface ImportPreview {
  /** The file's encoding as read. */
  encoding: string;
  /** The file's text, posted again on confirmation. */
  text: string;
  parsed: { families: FamilyImport[]; lines: number };
  /** What the import would do (its dry run). */
  summary: ImportSummary;
  /** The file numbers already known. */
  known: Set<string>;
  /** The families shown (the first ones of a long file). */
  shown: FamilyImport[];
  /** Schools of the file missing from the list staff keep. */
  unknownSchools: string[];
  csrf: string;
}

/** A valid file: what the import would do, the schools the list does not know, the confirmation, the file's families. */
export function importPreviewPage(p: ImportPreview): Html {
  const { encoding, text, parsed, summary, known, shown, unknownSchools } = p;
  return html`<h1>Importer des familles : vérification</h1>
<div class="flash ok" role="status"><p><strong>Fichier valide (${encoding}) : ${parsed.families.length} famille(s) sur ${parsed.lines} ligne(s). Rien n’est encore enregistré.</strong></p><ul>${summaryLines(summary).map((l) => html`<li>${l}</li>`)}</ul></div>
${unknownSchools.length ? html`<div class="note" role="alert"><p><strong>École(s) inconnue(s) de la liste des écoles : ${unknownSchools.join(', ')}.</strong> Vérifiez l’orthographe dans le fichier, ou ajoutez l’école à la <a href="/ecoles">liste</a>, avant de confirmer.</p></div>` : ''}
<form method="post" action="/familles/import/confirmer">
${csrfField(p.csrf)}
<textarea name="csv" hidden aria-hidden="true">${text}</textarea>
<div class="actions"><button type="submit">Confirmer l’import</button> <a href="/familles/import">Choisir un autre fichier</a></div>
</form>
<div class="table-wrap"><table><caption>Contenu du fichier${parsed.families.length > shown.length ? ` (${shown.length} premières familles)` : ''}</caption>
<thead><tr><th scope="col">Dossier</th><th scope="col">Responsables</th><th scope="col">Enfants</th></tr></thead>
<tbody>${shown.map(
        (f) => html`<tr><th scope="row">${f.reference} <span class="muted">${known.has(f.reference) ? '(connue)' : '(nouvelle)'}</span></th>
<td>${f.guardians.map((g, i) => html`${i ? html`<br>` : ''}${g.name}${g.email ? ` — ${g.email}` : ''}${g.phone ? ` — ${g.phone}` : ''}`)}</td>
<td>${f.children.map((c, i) => html`${i ? html`<br>` : ''}${c.firstName} ${c.lastName}, né(e) le ${numericDate(c.birthDate)}, ${c.school} ${c.className}, ${mealLabel(c.mealType)}${c.pai ? ', PAI' : ''}`)}</td></tr>`,
      )}</tbody></table></div>`;
}
