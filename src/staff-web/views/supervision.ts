/**
 * The day page's supervision section: per service, the children counted by
 * age group, the adults the ratios require (ordinary, and with the PEDT
 * when the town has one), the adults planned with a small form to change
 * it, and a warning when fewer are planned than needed. A pure function of
 * its input; the numbers come from src/core/supervision/ratios.ts.
 */
import type { Ratio } from '../../core/config.js';
import { MAX_PLANNED_ADULTS } from '../../core/supervision/planStaff.js';
import type { SupervisionNeed } from '../../core/supervision/ratios.js';
import type { IsoDate } from '../../core/time.js';
import { html, type Html } from '../html.js';
import { csrfField } from '../layout.js';

export interface SupervisedServiceView {
  code: string;
  /** "Garderie du soir". */
  label: string;
  ratios: { ordinary: Ratio; withPedt: Ratio | null };
  need: SupervisionNeed;
  /** Adults planned, null when not entered yet. */
  planned: number | null;
}

export interface SupervisionView {
  date: IsoDate;
  /** Whether the town file has a `supervision` section at all. */
  configured: boolean;
  townHasPedt: boolean;
  services: SupervisedServiceView[];
  /** Labels of services running that day without ratios in the town file (the canteen unless declared). */
  unsupervised: string[];
  /** Whether the roll call of at least one of these services has been ticked that day. */
  attendanceTaken: boolean;
  /** The form's CSRF token. */
  csrf: string;
}

const fr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
const adults = (n: number) => plural(n, 'adulte', 'adultes');
const ratioText = (r: Ratio) => `1 adulte pour ${r.under6} enfants de moins de 6 ans, pour ${r.sixAndOver} de 6 ans et plus`;

/** "12 ÷ 10 + 20 ÷ 14 = 2,63 → 3": the mixed-group rule with the day's numbers. */
function calculation(need: SupervisionNeed, r: Ratio, result: number): string {
  const parts = [need.under6 ? `${need.under6} ÷ ${r.under6}` : '', need.sixAndOver ? `${need.sixAndOver} ÷ ${r.sixAndOver}` : ''].filter(Boolean);
  if (parts.length === 0) return 'aucun enfant';
  const exact = need.under6 / r.under6 + need.sixAndOver / r.sixAndOver;
  return `${parts.join(' + ')} = ${fr.format(exact)} → ${result}`;
}

/** The need the planned adults are compared with, and which ratios it is. */
function applicable(s: SupervisedServiceView, townHasPedt: boolean): { adults: number; ratios: string } {
  return townHasPedt && s.need.withPedt !== null ? { adults: s.need.withPedt, ratios: 'taux du PEDT' } : { adults: s.need.ordinary, ratios: 'taux ordinaires' };
}

export function supervisionSection(v: SupervisionView): Html {
  const head = html`<h2 id="encadrement">Encadrement</h2>`;
  if (!v.configured) return html`<section aria-labelledby="encadrement">${head}<p>Les taux d’encadrement ne sont pas renseignés dans le fichier de la commune (section « supervision » de config/town.json).</p></section>`;
  if (v.services.length === 0 && v.unsupervised.length === 0) return html``;
  const pedt = v.townHasPedt;
  const short = v.services.filter((s) => s.planned !== null && s.planned < applicable(s, pedt).adults);
  const missing = v.services.filter((s) => s.planned === null && applicable(s, pedt).adults > 0);
  const warning = short.length
    ? html`<div class="note" role="status"><p><strong>Encadrement insuffisant</strong></p><ul>${short.map((s) => {
        const need = applicable(s, pedt);
        const gap = need.adults - s.planned!;
        return html`<li><strong>${s.label} : il manque ${adults(gap)}</strong> — ${s.planned} prévu${s.planned! > 1 ? 's' : ''}, ${need.adults} requis (${need.ratios}).</li>`;
      })}</ul></div>`
    : html``;
  const table = v.services.length
    ? html`<p>Adultes requis par les taux d’encadrement et adultes prévus, ${v.attendanceTaken ? 'selon l’appel (enfants pointés présents, et inscrits pas encore pointés)' : 'selon les inscriptions (l’appel n’est pas encore fait)'} :</p>
<div class="table-wrap"><table><caption class="visually-hidden">Adultes requis et adultes prévus par service</caption>
<thead><tr><th scope="col">Service</th><th scope="col" class="num">Moins de 6 ans</th><th scope="col" class="num">6 ans et plus</th><th scope="col" class="num">Adultes requis (taux ordinaires)</th>${pedt ? html`<th scope="col" class="num">Adultes requis avec le PEDT</th>` : ''}<th scope="col" class="num">Adultes prévus</th><th scope="col" class="no-print">Saisir</th></tr></thead>
<tbody>${v.services.map((s) => {
        const need = applicable(s, pedt);
        const isShort = s.planned !== null && s.planned < need.adults;
        return html`<tr${isShort ? html` class="full"` : ''}><th scope="row" data-label="Service">${s.label}</th>
<td class="num" data-label="Moins de 6 ans">${s.need.under6}${s.need.unknownAge ? html` <span class="muted">(dont ${s.need.unknownAge} sans date de naissance, comptés ici)</span>` : ''}</td>
<td class="num" data-label="6 ans et plus">${s.need.sixAndOver}</td>
<td class="num" data-label="Adultes requis (taux ordinaires)"><strong>${s.need.ordinary}</strong> <span class="muted">(${calculation(s.need, s.ratios.ordinary, s.need.ordinary)} ; ${ratioText(s.ratios.ordinary)})</span></td>
${pedt ? html`<td class="num" data-label="Adultes requis avec le PEDT">${s.ratios.withPedt && s.need.withPedt !== null ? html`<strong>${s.need.withPedt}</strong> <span class="muted">(${calculation(s.need, s.ratios.withPedt, s.need.withPedt)} ; ${ratioText(s.ratios.withPedt)})</span>` : '—'}</td>` : ''}
<td class="num" data-label="Adultes prévus">${s.planned === null ? html`<span class="muted">non saisi</span>` : isShort ? html`<strong class="state-absent">${s.planned} (il en manque ${need.adults - s.planned})</strong>` : html`<strong>${s.planned}</strong>`}</td>
<td class="no-print" data-label="Saisir les adultes prévus"><form method="post" action="/jour/${v.date}/encadrement" class="actions">${csrfField(v.csrf)}<input type="hidden" name="service" value="${s.code}">
<label for="adultes-${s.code}" class="visually-hidden">Adultes prévus — ${s.label}</label><input type="text" inputmode="numeric" pattern="[0-9]{1,3}" maxlength="3" size="4" id="adultes-${s.code}" name="adultes" value="${s.planned ?? ''}" required title="Un nombre entier de 0 à ${MAX_PLANNED_ADULTS}">
<button type="submit" class="small secondary">Enregistrer<span class="visually-hidden"> : adultes prévus, ${s.label}</span></button></form></td></tr>`;
      })}</tbody></table></div>`
    : html``;
  return html`<section aria-labelledby="encadrement">${head}
${warning}
${missing.length ? html`<p class="muted">Adultes prévus pas encore saisis : ${missing.map((s) => s.label).join(', ')}.</p>` : ''}
${table}
<p>Enfants comptés : les inscrits du jour, sans les absences signalées ni les enfants pointés absents ; un enfant pointé présent compte toujours. L’âge est celui du jour même : un enfant a 6 ans le jour de son sixième anniversaire.</p>
<p>Règle : chaque enfant de moins de 6 ans compte pour une part d’adulte (1/10 pour un taux d’un adulte pour 10), chaque enfant de 6 ans et plus pour une part plus petite (1/14) ; on additionne les parts et on arrondit à l’adulte supérieur. Par exemple 12 enfants de moins de 6 ans et 20 de 6 ans et plus : 12 ÷ 10 + 20 ÷ 14 = 2,63, soit 3 adultes.</p>
<p class="muted">Taux du fichier de la commune (Code de l’action sociale et des familles, article R227-16), à vérifier par la commune${pedt ? ' ; la commune a un PEDT : l’encadrement prévu est comparé aux taux du PEDT' : ''}.${v.unsupervised.length ? ` Sans taux d’encadrement dans ce fichier : ${v.unsupervised.join(', ')} (la pause méridienne ne compte comme accueil périscolaire que si la commune l’a déclarée comme tel).` : ''}</p>
</section>`;
}
