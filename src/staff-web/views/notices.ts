/** How staff read who was told of their change, and whom to call. */
import type { FamilyToCall } from '../queries/reach.js';
import { html, type Html } from '../html.js';

const who = (f: FamilyToCall) => `${f.reference} — ${f.guardians.map((g) => `${g.name}${g.phone ? ` (${g.phone})` : ' (pas de téléphone)'}`).join(', ') || 'aucun responsable'}`;

/** The lines of a confirmation: how many families hear of it, and those to call. */
export function reachLines(reach: { reached: number; toCall: FamilyToCall[] }): string[] {
  const lines = [`${reach.reached} famille(s) prévenue(s) par Telegram ou par email.`];
  if (reach.toCall.length) {
    lines.push(`${reach.toCall.length} famille(s) sans Telegram ni email, à appeler (liste gardée sur la page du jour) :`);
    lines.push(...reach.toCall.map(who));
  }
  return lines;
}

/** The list kept on a day's page: families a staff change touched that no channel reaches. */
export function toCallSection(toCall: FamilyToCall[]): Html {
  if (toCall.length === 0) return html``;
  return html`<section class="to-call" aria-labelledby="a-appeler"><h2 id="a-appeler">Familles à appeler (${toCall.length})</h2>
<p>Ces familles ont perdu une réservation ce jour-là par une action du service et n’ont ni Telegram ni email : prévenez-les par téléphone.</p>
<ul class="cards">${toCall.map(
    (f) => html`<li><a href="/familles/${f.familyId}">${f.reference}</a> — ${f.guardians.length === 0 ? 'aucun responsable' : f.guardians.map((g, i) => html`${i ? ', ' : ''}${g.name} ${g.phone ? html`<a href="tel:${g.phone.replace(/[^\d+]/g, '')}">${g.phone}</a>` : html`<span class="muted">(pas de téléphone)</span>`}`)}</li>`,
  )}</ul></section>`;
}
