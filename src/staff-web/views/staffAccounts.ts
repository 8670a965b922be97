/** The staff accounts page (/agents): data in, HTML out. */
import { ROLES } from '../../core/staff/staffAccounts.js';
import type { Town } from '../../core/town.js';
import { instantFr } from '../format.js';
import { html, type Html } from '../html.js';
import { csrfField } from '../layout.js';

const ROLE_LABELS = { administrateur: 'Administrateur (comptes, fermetures, configuration, et tout le reste)', agent: 'Agent (familles, réservations, listes)' } as const;

export interface StaffAccountRow {
  id: number;
  email: string;
  role: string;
  disabledAt: Date | null;
  mustChangePassword: boolean;
}

export function staffAccountsPage(p: { users: StaffAccountRow[]; live: Map<number, number>; csrf: string; town: Town }): Html {
  const { users, live, csrf, town } = p;
  return html`<h1>Comptes agents</h1>
<h2>Ajouter un compte (ou réinitialiser son mot de passe)</h2>
<form method="post" action="/agents" class="no-print">${csrfField(csrf)}
<div class="grid"><div><label for="email">Adresse email</label><input type="email" id="email" name="email" required maxlength="200"></div>
<div><label for="role">Rôle</label><select id="role" name="role">${ROLES.map((r) => html`<option value="${r}"${r === 'agent' ? html` selected` : ''}>${ROLE_LABELS[r]}</option>`)}</select></div></div>
<p class="note">Un mot de passe à usage unique s’affiche une seule fois : remettez-le à la personne, qui en choisit un à la première connexion.</p>
<div class="actions"><button type="submit">Créer le compte</button></div></form>
<h2>Comptes</h2>
<div class="table-wrap"><table><caption class="visually-hidden">Comptes agents</caption>
<thead><tr><th scope="col">Email</th><th scope="col">Rôle</th><th scope="col">État</th><th scope="col" class="num">Sessions ouvertes</th><th scope="col" class="no-print">Actions</th></tr></thead>
<tbody>${users.map(
        (u) => html`<tr><th scope="row">${u.email}</th><td>${u.role}</td><td>${u.disabledAt ? `désactivé le ${instantFr(u.disabledAt, town)}` : u.mustChangePassword ? 'mot de passe à choisir' : 'actif'}</td><td class="num">${live.get(u.id) ?? 0}</td>
<td class="no-print"><form method="post" action="/agents/${u.id}" class="inline">${csrfField(csrf)}<label for="role-${u.id}" class="visually-hidden">Rôle de ${u.email}</label><select id="role-${u.id}" name="role">${ROLES.map((r) => html`<option value="${r}"${r === u.role ? html` selected` : ''}>${r}</option>`)}</select>
<button type="submit" name="action" value="role" class="small secondary">Changer le rôle</button>
<button type="submit" name="action" value="${u.disabledAt ? 'enable' : 'disable'}" class="small${u.disabledAt ? ' secondary' : ' danger'}">${u.disabledAt ? 'Réactiver' : 'Désactiver'}<span class="visually-hidden"> ${u.email}</span></button>
<button type="submit" name="action" value="sessions" class="small secondary">Fermer ses sessions<span class="visually-hidden"> (${u.email})</span></button></form></td></tr>`,
      )}</tbody></table></div>`;
}

/** The one-time password of an account just created (or reset), shown this once. */
export function oneTimePasswordPage(p: { email: string; role: string; password: string; existed: boolean }): Html {
  return html`<h1>${p.existed ? 'Mot de passe réinitialisé' : 'Compte créé'}</h1>
<p>Compte <strong>${p.email}</strong>, rôle <strong>${p.role}</strong>. Mot de passe à usage unique, à remettre à la personne :</p>
<p class="code">${p.password}</p>
<p>Il ne sera plus affiché. ${p.existed ? 'Les sessions ouvertes de ce compte sont fermées.' : ''}</p>
<p><a href="/agents">Retour aux comptes</a></p>`;
}
