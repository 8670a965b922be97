/**
 * The families' pages as functions of their data: the search, a family's
 * page (guardians with their access, children, then the bookings part of
 * views/bookings.ts), and the form that adds or edits one by hand.
 */
import type { ChildForm, FieldError, GuardianForm } from '../../core/families/saveFamily.js';
import type { FamilyRecord } from '../../core/ports.js';
import type { Town } from '../../core/town.js';
import { accessLabel, mealLabel, MEAL_LABELS, numericDate } from '../format.js';
import { html, type Html } from '../html.js';
import { csrfField, type PageView } from '../layout.js';
import type { FamilyHit } from '../queries/families.js';
import type { Flash } from '../session.js';
import { bookingSection, type BookingMonth } from './bookings.js';

/** Rows of guardians, and of children, the form holds at most (one empty row is added below that). */
export const MAX_ROWS = 20;

/** The search form and the families found (the first ones when there are many). */
export function familySearchPage(p: { q: string; hits: FamilyHit[]; total: number }): Html {
  const { q, hits, total } = p;
  return html`<h1>Familles</h1>
<form method="get" action="/familles" role="search" class="actions">
<label for="q">Rechercher (nom d’un responsable ou d’un enfant, email, téléphone, n° de dossier)</label>
<input type="search" id="q" name="q" value="${q}" size="40"><button type="submit">Rechercher</button></form>
<p class="actions no-print"><a class="button secondary" href="/familles/nouvelle">Ajouter une famille</a> <a class="button secondary" href="/familles/import">Importer un fichier CSV</a> <a class="button secondary" href="/familles/lettres">Lettres d’activation en lot</a> <a href="/ecoles">Écoles</a></p>
<p role="status">${q ? `${total} famille${total > 1 ? 's' : ''} trouvée${total > 1 ? 's' : ''} pour « ${q} »` : `${total} famille${total > 1 ? 's' : ''}`}${total > hits.length ? ` (les ${hits.length} premières affichées : précisez la recherche)` : ''}.</p>
${
  hits.length === 0
    ? ''
    : html`<div class="table-wrap"><table><caption class="visually-hidden">Familles trouvées</caption>
<thead><tr><th scope="col">Dossier</th><th scope="col">Responsables</th><th scope="col">Enfants</th></tr></thead>
<tbody>${hits.map(
        (f) => html`<tr><th scope="row"><a href="/familles/${f.id}">${f.reference}</a></th>
<td>${f.guardians.map((g, i) => html`${i ? html`<br>` : ''}${g.name}${g.email ? html` <span class="muted">${g.email}</span>` : ''}`)}</td>
<td>${f.children.map((c, i) => html`${i ? html`<br>` : ''}${c.firstName} ${c.lastName} <span class="muted">${c.className}</span>`)}</td></tr>`,
      )}</tbody></table></div>`
}`;
}

/** A family's page: its guardians (a code to issue, "try the assistant"), its children, and its month of bookings. */
export function familyPage(town: Town, p: { family: FamilyRecord; bookings: BookingMonth; csrf: string }): PageView {
  const { family, csrf } = p;
  const guardians = family.guardians.length
    ? html`<div class="table-wrap"><table><caption class="visually-hidden">Responsables</caption>
<thead><tr><th scope="col">Nom</th><th scope="col">Email</th><th scope="col">Téléphone</th><th scope="col">Accès</th><th scope="col" class="no-print">Actions</th></tr></thead>
<tbody>${family.guardians.map(
        (g) => html`<tr><th scope="row">${g.name}</th><td>${g.email ?? html`<span class="muted">—</span>`}</td><td>${g.phone ?? html`<span class="muted">—</span>`}</td><td>${accessLabel(g)}</td>
<td class="no-print"><form method="post" action="/familles/${family.id}/responsables/${g.id}/code" class="inline">${csrfField(csrf)}<button type="submit" class="small"${g.accessState !== 'inactive' ? html` data-confirm="Un nouveau code remplace celui déjà remis à ${g.name}. Continuer ?"` : ''}>${g.accessState === 'inactive' ? 'Émettre un code' : 'Nouveau code'}<span class="visually-hidden"> pour ${g.name}</span></button></form>
<a href="/essai?famille=${family.id}&amp;responsable=${g.id}">Essayer l’assistant<span class="visually-hidden"> en tant que ${g.name}</span></a></td></tr>`,
      )}</tbody></table></div>`
    : html`<p>Aucun responsable.</p>`;
  const children = family.children.length
    ? html`<div class="table-wrap"><table><caption class="visually-hidden">Enfants</caption>
<thead><tr><th scope="col">Enfant</th><th scope="col">Naissance</th><th scope="col">École</th><th scope="col">Classe</th><th scope="col">Régime</th><th scope="col">PAI</th></tr></thead>
<tbody>${family.children.map(
        (c) => html`<tr><th scope="row">${c.firstName} ${c.lastName}</th><td>${numericDate(c.birthDate)}</td><td>${c.school}</td><td>${c.className}</td><td>${mealLabel(c.mealType)}</td><td>${c.pai ? html`<strong>oui</strong>` : 'non'}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>Aucun enfant.</p>`;
  return {
    title: `Famille ${family.reference}`,
    body: html`<h1>Famille ${family.reference}</h1>
<p class="actions no-print"><a class="button secondary" href="/familles/${family.id}/modifier">Modifier</a> <a href="/activite?famille=${encodeURIComponent(family.reference)}">Activité de la famille</a> · <a href="/familles">Toutes les familles</a></p>
<h2>Responsables</h2>
${guardians}
<h2>Enfants</h2>
${children}
${bookingSection(town, family, p.bookings, csrf)}`,
  };
}

/** The form of a family (a new one when `family` is null), with the errors of a refused save. */
export function familyFormPage(p: { family: FamilyRecord | null; reference: string; guardians: GuardianForm[]; children: ChildForm[]; errors: FieldError[]; csrf: string }): PageView & { status: number; flash: Flash | undefined } {
  const error = (field: string) => p.errors.find((e) => e.field === field);
  const input = (id: string, field: string, label: string, value: string, type = 'text', extra: Html = html``) => {
    const e = error(field);
    return html`<div><label for="${id}">${label}</label>${e ? html`<p class="error-text" id="${id}-err">${e.message}</p>` : ''}<input type="${type}" id="${id}" name="${id}" value="${value}"${e ? html` aria-invalid="true" aria-describedby="${id}-err"` : ''}${extra}></div>`;
  };
  const guardians = [...p.guardians, ...(p.guardians.length < MAX_ROWS ? [{ name: '', email: '', phone: '' }] : [])];
  const children = [...p.children, ...(p.children.length < MAX_ROWS ? [{ firstName: '', lastName: '', birthDate: '', school: '', className: '', mealType: 'standard', pai: false }] : [])];
  const title = p.family ? `Modifier la famille ${p.family.reference}` : 'Ajouter une famille';
  return {
    title,
    status: p.errors.length ? 400 : 200,
    flash: p.errors.length
      ? { kind: 'error', lines: [`Rien n’a été enregistré : ${p.errors.length} erreur${p.errors.length > 1 ? 's' : ''} à corriger.`, ...p.errors.map((e) => e.message)] }
      : undefined,
    body: html`<h1>${title}</h1>
<form method="post" action="${p.family ? `/familles/${p.family.id}` : '/familles'}">
${csrfField(p.csrf)}
${p.family ? '' : input('reference', 'reference', 'Référence du dossier (n° CCAS)', p.reference, 'text', html` required`)}
<p class="muted">Les lignes laissées vides sont ignorées ; rien n’est supprimé.</p>
${guardians.map(
  (g, i) => html`<fieldset><legend>${g.id ? `Responsable : ${g.name}` : 'Nouveau responsable'}</legend>
${g.id ? html`<input type="hidden" name="g${i}_id" value="${g.id}">` : ''}
<div class="grid">${input(`g${i}_name`, `guardians.${i}.name`, 'Nom et prénom', g.name)}${input(`g${i}_email`, `guardians.${i}.email`, 'Email', g.email, 'email')}${input(`g${i}_phone`, `guardians.${i}.phone`, 'Téléphone', g.phone, 'tel')}</div></fieldset>`,
)}
${children.map(
  (c, i) => html`<fieldset><legend>${c.id ? `Enfant : ${c.firstName} ${c.lastName}` : 'Nouvel enfant'}</legend>
${c.id ? html`<input type="hidden" name="c${i}_id" value="${c.id}">` : ''}
<div class="grid">${input(`c${i}_firstName`, `children.${i}.firstName`, 'Prénom', c.firstName)}${input(`c${i}_lastName`, `children.${i}.lastName`, 'Nom', c.lastName)}${input(`c${i}_birthDate`, `children.${i}.birthDate`, 'Date de naissance (JJ/MM/AAAA)', c.birthDate)}
${input(`c${i}_school`, `children.${i}.school`, 'École', c.school)}${input(`c${i}_className`, `children.${i}.className`, 'Classe', c.className)}
<div><label for="c${i}_mealType">Régime</label><select id="c${i}_mealType" name="c${i}_mealType">${Object.entries(MEAL_LABELS).map(([v, l]) => html`<option value="${v}"${c.mealType === v ? html` selected` : ''}>${l}</option>`)}</select></div>
<div><label class="check"><input type="checkbox" name="c${i}_pai" value="1"${c.pai ? html` checked` : ''}> PAI (allergie ou régime médical)</label></div></div></fieldset>`,
)}
<div class="actions"><button type="submit">Enregistrer</button> <a href="${p.family ? `/familles/${p.family.id}` : '/familles'}">Retour sans enregistrer</a></div>
</form>`,
  };
}
