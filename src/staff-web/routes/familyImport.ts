/**
 * Importing families from the CSV of the contract in three steps: upload,
 * preview (every error with its line, or exactly what the import would
 * create and update, worked out by running it and rolling it back), then
 * confirm. Nothing is written before the confirmation, nor at all while
 * one line is wrong.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { importFamilies } from '../../core/families/importFamilies.js';
import { parseFamiliesCsv, type FamilyImport } from '../../core/families/parseFamiliesCsv.js';
import type { Area } from '../context.js';
import { foldName } from '../schoolOrder.js';
import { dryRun } from '../dryRun.js';
import { str } from '../forms.js';
import { knownReferences } from '../queries/families.js';
import { form, query } from '../schemas.js';
import { importErrorsPage, importPreviewPage, importStartPage, summaryLines } from '../views/familyImport.js';

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

export const familyImportRoutes: Area = async (web, { ctx }) => {
  const { app } = ctx;

  web.get('/familles/import', { schema: { querystring: query() } }, async (req, reply) =>
    ctx.render(req, reply, {
      title: 'Importer des familles',
      current: 'families',
      body: importStartPage(ctx.csrf(reply)),
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
        body: importErrorsPage({ errors: parsed.errors, csrf: ctx.csrf(reply) }),
      });
    }
    const summary = await dryRun(ctx, (sandbox) => importFamilies({ families: sandbox.families }, { families: parsed.families, actor: ctx.actor(req), channel: 'web', now: ctx.now() }));
    const known = await knownReferences(app.db, parsed.families.map((f) => f.reference));
    const shown: FamilyImport[] = parsed.families.slice(0, PREVIEW_FAMILIES);
    const schoolList = await ctx.schools.list();
    const listed = new Set(schoolList.map(foldName));
    const unknownSchools = schoolList.length ? [...new Set(parsed.families.flatMap((f) => f.children.map((c) => c.school)).filter((s) => !listed.has(foldName(s))))] : [];
    return ctx.render(req, reply, {
      title: 'Importer des familles',
      current: 'families',
      body: importPreviewPage({ encoding, text, parsed, summary, known, shown, unknownSchools, csrf: ctx.csrf(reply) }),
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
