/** The sign-in and password pages: data in, HTML out. */
import { MIN_PASSWORD_LENGTH } from '../../core/staff/changeStaffPassword.js';
import { html, type Html } from '../html.js';
import { csrfField } from '../layout.js';

/** The sign-in form; `today` in words, `noStaff` when no account exists yet (says how to create one). */
export function signInPage(p: { today: string; noStaff: boolean; csrf: string; suite: string; email: string }): Html {
  return html`<h1>Connexion des agents</h1>
<p>Aujourd’hui : ${p.today}.</p>
${p.noStaff ? html`<p class="note">Aucun compte agent n’existe encore. Sur le serveur, créez-en un avec <code>npm run admin -- staff-add prenom.nom@mairie.fr</code> : un mot de passe à usage unique s’affiche, à changer à la première connexion.</p>` : ''}
<form method="post" action="/connexion">
${csrfField(p.csrf)}
<input type="hidden" name="suite" value="${p.suite}">
<label for="email">Adresse email</label>
<input type="email" id="email" name="email" autocomplete="username" required value="${p.email}">
<label for="password">Mot de passe</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<div class="actions"><button type="submit">Se connecter</button></div>
</form>`;
}

/** Choosing one's password: forced at first sign-in (`first`), or changing it. */
export function passwordPage(p: { first: boolean; csrf: string }): Html {
  return html`<h1>${p.first ? 'Choisissez votre mot de passe' : 'Changer de mot de passe'}</h1>
${p.first ? html`<p>Première connexion avec le mot de passe à usage unique : choisissez maintenant le vôtre pour continuer.</p>` : ''}
<form method="post" action="/mot-de-passe">
${csrfField(p.csrf)}
<label for="current">Mot de passe actuel</label>
<input type="password" id="current" name="current" autocomplete="current-password" required>
<label for="next">Nouveau mot de passe (au moins ${MIN_PASSWORD_LENGTH} caractères)</label>
<input type="password" id="next" name="next" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
<label for="confirmation">Nouveau mot de passe, une seconde fois</label>
<input type="password" id="confirmation" name="confirmation" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
<div class="actions"><button type="submit">Enregistrer</button>${p.first ? '' : html` <a href="/">Retour sans changer</a>`}</div>
</form>`;
}
