/** The page around every screen: landmarks, navigation, messages, and the sign-out button. */
import type { Flash } from './session.js';
import { html, type Html } from './html.js';

export type NavKey = 'home' | 'families' | 'waiting' | 'calendar' | 'activity' | 'try' | 'staff' | 'outbox' | 'information';

const NAV: { key: NavKey; href: string; label: string }[] = [
  { key: 'home', href: '/', label: 'Effectifs' },
  { key: 'families', href: '/familles', label: 'Familles' },
  { key: 'waiting', href: '/attente', label: 'Listes d’attente' },
  { key: 'calendar', href: '/calendrier', label: 'Calendrier' },
  { key: 'activity', href: '/activite', label: 'Activité' },
  { key: 'outbox', href: '/messages', label: 'Messages' },
  { key: 'information', href: '/informations', label: 'Informations' },
  { key: 'try', href: '/essai', label: 'Essayer l’assistant' },
];

/** Only administrateurs see these. */
const ADMIN_NAV: typeof NAV = [{ key: 'staff', href: '/agents', label: 'Comptes agents' }];

/** What a view returns for a whole page: its title and body, for `ctx.render` (views/*.ts). */
export interface PageView {
  title: string;
  body: Html;
}

export interface PageInput {
  title: string;
  body: Html;
  organisation: string;
  /** Signed-in staff (shows the navigation and the sign-out button). */
  staff?: { email: string; csrf: string; admin?: boolean } | null;
  current?: NavKey;
  flash?: Flash | null;
}

export function flashBox(flash: Flash | null | undefined): Html {
  if (!flash || flash.lines.length === 0) return html``;
  const [head, ...rest] = flash.lines;
  return html`<div class="flash ${flash.kind}" role="${flash.kind === 'error' ? 'alert' : 'status'}"><p><strong>${head}</strong></p>${
    rest.length ? html`<ul>${rest.map((l) => html`<li>${l}</li>`)}</ul>` : ''
  }</div>`;
}

/** The hidden CSRF field every form carries. */
export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export function page(p: PageInput): string {
  const nav = p.staff
    ? html`<button type="button" class="menu-button small" aria-expanded="false" aria-controls="nav-main" hidden>Menu</button>
<nav class="main" id="nav-main" aria-label="Navigation principale"><ul>${[...NAV, ...(p.staff.admin ? ADMIN_NAV : [])].map(
        (n) => html`<li><a href="${n.href}"${n.key === p.current ? html` aria-current="page"` : ''}>${n.label}</a></li>`,
      )}</ul></nav>
      <div class="who"><a href="/mot-de-passe">${p.staff.email}<span class="visually-hidden"> : changer de mot de passe</span></a>
        <form method="post" action="/deconnexion" class="inline">${csrfField(p.staff.csrf)}<button type="submit" class="small">Se déconnecter</button></form></div>`
    : '';
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} — Portail Famille</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header class="site" role="banner">
<a class="brand" href="/">Portail Famille — ${p.organisation}</a>
${nav}
</header>
<main id="contenu" tabindex="-1">
${flashBox(p.flash)}
${p.body}
</main>
<footer class="site-footer no-print muted" role="contentinfo"><p>${p.organisation} — tableau de bord des agents</p></footer>
</body>
</html>`.value;
}
