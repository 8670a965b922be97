/**
 * Importing families from the CSV of the contract in three steps: upload,
 * preview (every error with its line, or exactly what the import would
 * create and update, worked out by running it and rolling it back), then
 * confirm. Nothing is written before the confirmation, nor at all while
 * one line is wrong.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { importFamilies, type ImportSummary } from '../../core/families/importFamilies.js';
import { CSV_COLUMNS, parseFamiliesCsv, type FamilyImport } from '../../core/families/parseFamiliesCsv.js';
import type { Area } from '../context.js';
import { foldName } from '../schoolOrder.js';
import { dryRun } from '../dryRun.js';
import { str } from '../forms.js';
import { mealLabel, numericDate } from '../format.js';
import { html } from '../html.js';
import { csrfField } from '../layout.js';
import { form, query } from '../schemas.js';

/** Most rows shown in a preview (the import itself takes the whole file). */
const PREVIEW_FAMILIES = 200;

/** Reads an upload: UTF-8, or Windows-1252 as Excel writes "CSV (séparateur : point-virgule)". */
export function decodeCsv(bytes: Buffer): { text: string; encoding: 'UTF-8' | 'Windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

function summaryLines(s: ImportSummary): string[] {
  return [
    `Familles : ${s.familiesCreated} créée(s), ${s.familiesUpdated} mise(s) à jour, ${s.familiesUnchanged} inchangée(s).`,
    `Responsables : ${s.guardiansCreated} créé(s), ${s.guardiansUpdated} mis à jour.`,
    `Enfants : ${s.childrenCreated} créé(s), ${s.childrenUpdated} mis à jour.`,
  ];
}

export const familyImportRoutes: Area = async (web, { ctx }) => {
  const { app } = ctx;

  const uploadForm = (csrf: string) => html`<form method="post" action="/familles/import" enctype="multipart/form-data">
${csrfField(csrf)}
<label for="fichier">Fichier CSV (UTF-8 ou Excel « CSV point-virgule », 2 Mo au plus)</label>
<input type="file" id="fichier" name="fichier" accept=".csv,text/csv" required>
<div class="actions"><button type="submit">Vérifier le fichier</button></div>
</form>`;

  web.get('/familles/import', { schema: { querystring: query() } }, async (req, reply) =>
    ctx.render(req, reply, {
      title: 'Importer des familles',
      current: 'families',
      body: html`<h1>Importer des familles</h1>
<p>Une ligne par enfant ; une famille à deux responsables répète la ligne de l’enfant avec le second, ou le met seul sur une ligne avec <code>enfant</code> vide. Séparateur <code>;</code> ou <code>,</code>, première ligne :</p>
<pre>${CSV_COLUMNS.join(';')}</pre>
<p><code>regime</code> : standard, sans_porc ou vegetarien ; <code>pai</code> : oui ou non ; <code>naissance</code> : AAAA-MM-JJ ou JJ/MM/AAAA. Les familles déjà connues (même référence) sont mises à jour ; rien n’est supprimé.</p>
<p><strong>Rien n’est enregistré à cette étape :</strong> le fichier est d’abord vérifié, puis vous confirmez.</p>
${uploadForm(ctx.csrf(reply))}`,
    }),
  );

  const preview = async (req: FastifyRequest, reply: FastifyReply, text: string, encoding: string) => {
    const parsed = parseFamiliesCsv(text, ctx.today());
    if (!parsed.ok) {
      return ctx.render(req, reply, {
        title: 'Importer des familles',
        current: 'families',
        status: 422,
        flash: { kind: 'error', lines: [`Fichier refusé : ${parsed.errors.length} erreur${parsed.errors.length > 1 ? 's' : ''}. Rien n’a été importé.`] },
        body: html`<h1>Importer des familles : fichier à corriger</h1>
<p>Corrigez ces lignes dans le fichier, puis envoyez-le de nouveau.</p>
<div class="table-wrap"><table><caption>Erreurs, ligne par ligne</caption><thead><tr><th scope="col" class="num">Ligne</th><th scope="col">Erreur</th></tr></thead>
<tbody>${parsed.errors.map((e) => html`<tr><td class="num">${e.line}</td><td>${e.message}</td></tr>`)}</tbody></table></div>
${uploadForm(ctx.csrf(reply))}`,
      });
    }
    const summary = await dryRun(ctx, (sandbox) => importFamilies({ families: sandbox.families }, { families: parsed.families, actor: ctx.actor(req), channel: 'web', now: ctx.now() }));
    const known = new Set((await app.db.family.findMany({ where: { reference: { in: parsed.families.map((f) => f.reference) } }, select: { reference: true } })).map((f) => f.reference));
    const shown: FamilyImport[] = parsed.families.slice(0, PREVIEW_FAMILIES);
    const schoolList = await ctx.schools.list();
    const listed = new Set(schoolList.map(foldName));
    const unknownSchools = schoolList.length ? [...new Set(parsed.families.flatMap((f) => f.children.map((c) => c.school)).filter((s) => !listed.has(foldName(s))))] : [];
    return ctx.render(req, reply, {
      title: 'Importer des familles',
      current: 'families',
      body: html`<h1>Importer des familles : vérification</h1>
<div class="flash ok" role="status"><p><strong>Fichier valide (${encoding}) : ${parsed.families.length} famille(s) sur ${parsed.lines} ligne(s). Rien n’est encore enregistré.</strong></p><ul>${summaryLines(summary).map((l) => html`<li>${l}</li>`)}</ul></div>
${unknownSchools.length ? html`<div class="note" role="alert"><p><strong>École(s) inconnue(s) de la liste des écoles : ${unknownSchools.join(', ')}.</strong> Vérifiez l’orthographe dans le fichier, ou ajoutez l’école à la <a href="/ecoles">liste</a>, avant de confirmer.</p></div>` : ''}
<form method="post" action="/familles/import/confirmer">
${csrfField(ctx.csrf(reply))}
<textarea name="csv" hidden aria-hidden="true">${text}</textarea>
<div class="actions"><button type="submit">Confirmer l’import</button> <a href="/familles/import">Choisir un autre fichier</a></div>
</form>
<div class="table-wrap"><table><caption>Contenu du fichier${parsed.families.length > shown.length ? ` (${shown.length} premières familles)` : ''}</caption>
<thead><tr><th scope="col">Dossier</th><th scope="col">Responsables</th><th scope="col">Enfants</th></tr></thead>
<tbody>${shown.map(
        (f) => html`<tr><th scope="row">${f.reference} <span class="muted">${known.has(f.reference) ? '(connue)' : '(nouvelle)'}</span></th>
<td>${f.guardians.map((g, i) => html`${i ? html`<br>` : ''}${g.name}${g.email ? ` — ${g.email}` : ''}${g.phone ? ` — ${g.phone}` : ''}`)}</td>
<td>${f.children.map((c, i) => html`${i ? html`<br>` : ''}${c.firstName} ${c.lastName}, né(e) le ${numericDate(c.birthDate)}, ${c.school} ${c.className}, ${mealLabel(c.mealType)}${c.pai ? ', PAI' : ''}`)}</td></tr>`,
      )}</tbody></table></div>`,
    });
  };

  web.post('/familles/import', { config: { csrfInHandler: true } }, async (req, reply) => {
    if (!req.isMultipart()) return ctx.problem(req, reply, 400, 'Demande refusée', 'Choisissez un fichier à envoyer.', '/familles/import');
    const fields: Record<string, string> = {};
    let bytes: Buffer | null = null;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') bytes = await part.toBuffer();
        else fields[part.fieldname] = String(part.value);
      }
    } catch (error) {
      // A body that is not the multipart it says ("Unexpected end of form"): the browser's upload
      // broke off or was forged, not our fault. The limits' own errors (413) keep their status.
      if ((error as { statusCode?: number }).statusCode) throw error;
      return ctx.problem(req, reply, 400, 'Demande refusée', 'Le fichier n’a pas pu être lu jusqu’au bout. Choisissez-le de nouveau et recommencez.', '/familles/import');
    }
    // The token is a field of the multipart form, read above: checked once the parts are in.
    (req as { body: unknown }).body = fields;
    if (!ctx.csrfValid(req, reply)) return reply;
    if (!bytes || bytes.length === 0) return ctx.problem(req, reply, 400, 'Fichier vide', 'Le fichier envoyé est vide.', '/familles/import');
    const { text, encoding } = decodeCsv(bytes);
    return preview(req, reply, text, encoding);
  });

  web.post('/familles/import/confirmer', { schema: { body: form('csv') } }, async (req, reply) => {
    const text = str(req.body, 'csv');
    const parsed = parseFamiliesCsv(text, ctx.today());
    if (!parsed.ok) return preview(req, reply, text, 'UTF-8');
    const summary = await importFamilies({ families: app.families }, { families: parsed.families, actor: ctx.actor(req), channel: 'web', now: ctx.now() });
    return ctx.redirect(req, reply, '/familles', {
      kind: 'ok',
      lines: [`Import terminé : ${parsed.families.length} famille(s) lue(s).`, ...summaryLines(summary), 'Lettres d’activation de ces familles : « Lettres d’activation en lot », familles créées ou mises à jour aujourd’hui.'],
    });
  });
};
