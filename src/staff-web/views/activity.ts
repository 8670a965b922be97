/**
 * The activity log page as a function of its rows: the filter form, which
 * families a search found, the events in words (auditText.ts), and the
 * links to the newer and older pages.
 */
import type { IsoDate } from '../../core/time.js';
import type { Town } from '../../core/town.js';
import { auditTable, type AuditRow, type Names } from '../auditText.js';
import { html, type Html } from '../html.js';

export interface ActivityInput {
  /** What was searched ('' for every family). */
  query: string;
  from: IsoDate | null;
  to: IsoDate | null;
  /** The page starts after this event (null: the newest). */
  before: number | null;
  /** The family whose file number was searched, or the families a name found (at most `maxFamilies`). */
  exact: { id: number; reference: string } | null;
  found: { id: number; reference: string }[];
  maxFamilies: number;
  rows: AuditRow[];
  names: Names;
  /** Older events follow. */
  more: boolean;
}

/** One page of the activity log, newest first. */
export function activityPage(town: Town, p: ActivityInput): Html {
  const { query, from, to, before, exact, found, rows, names, more } = p;
  const MAX_FAMILIES = p.maxFamilies;
  const familyIds = exact ? [exact.id] : found.map((f) => f.id);
  const older = new URLSearchParams({ ...(query ? { famille: query } : {}), ...(from ? { du: from } : {}), ...(to ? { au: to } : {}), avant: String(rows[rows.length - 1]?.id ?? 0) });
  const first = new URLSearchParams({ ...(query ? { famille: query } : {}), ...(from ? { du: from } : {}), ...(to ? { au: to } : {}) });
  return html`<h1>Activité</h1>
<form method="get" action="/activite" class="no-print"><div class="grid">
<div><label for="famille">Famille (n° de dossier, nom d’un responsable ou d’un enfant, email, téléphone)</label><input type="text" id="famille" name="famille" value="${query}"></div>
<div><label for="du">Du</label><input type="date" id="du" name="du" value="${from ?? ''}"></div>
<div><label for="au">Au (inclus)</label><input type="date" id="au" name="au" value="${to ?? ''}"></div></div>
<div class="actions"><button type="submit">Filtrer</button> <a href="/activite">Tout afficher</a></div></form>
${query && familyIds.length === 0 ? html`<p class="flash error" role="alert">Aucune famille ne correspond à « ${query} ».</p>` : ''}
${exact ? html`<p>Activité de la famille <a href="/familles/${exact.id}">${exact.reference}</a>.</p>` : ''}
${found.length ? html`<p>Activité de ${found.length === MAX_FAMILIES ? `${MAX_FAMILIES} familles au plus` : `${found.length} famille${found.length > 1 ? 's' : ''}`} : ${found.map((f, i) => html`${i ? ', ' : ''}<a href="/familles/${f.id}">${f.reference}</a>`)}.</p>` : ''}
${before ? html`<p class="no-print"><a href="/activite?${first.toString()}">← Les plus récentes</a></p>` : ''}
${rows.length === 0 ? html`<p>Aucune activité${from || to ? ' sur cette période' : ''}.</p>` : auditTable(rows, names, town, 'Journal d’activité')}
${more ? html`<p class="no-print"><a href="/activite?${older.toString()}">Plus ancien →</a></p>` : ''}`;
}
