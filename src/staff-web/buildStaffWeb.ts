/**
 * The staff web (fastify). For now: the day's headcounts at a glance and a
 * health check; sign-in, families and lists come with the dashboard issue.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { countHeadcount } from '../core/bookings/countHeadcount.js';
import type { Clock } from '../core/time.js';
import { addDays } from '../core/time.js';
import { formatDateFr } from '../core/replies/format.js';
import type { App } from '../app.js';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function buildStaffWeb(deps: { app: App; clock: Clock; logger?: boolean }): FastifyInstance {
  const { app, clock } = deps;
  const web = Fastify({ logger: deps.logger ?? false });

  web.get('/health', async () => ({ ok: true }));

  web.get('/', async (_request, reply) => {
    const today = app.town.today(clock.now());
    const tomorrow = addDays(today, 1);
    const rows = await countHeadcount({ store: app.store, town: app.town }, { from: today, to: tomorrow });
    const section = (date: typeof today, title: string) => {
      const dayRows = rows.filter((r) => r.date === date);
      const body = dayRows.length
        ? `<table><thead><tr><th scope="col">Service</th><th scope="col">Inscrits</th><th scope="col">dont absents</th><th scope="col">Capacité</th><th scope="col">Liste d’attente</th></tr></thead><tbody>${dayRows
            .map((r) => `<tr><th scope="row">${escapeHtml(app.town.service(r.serviceCode)?.label ?? r.serviceCode)}</th><td>${r.booked}</td><td>${r.absent}</td><td>${r.capacity}</td><td>${r.waiting}</td></tr>`)
            .join('')}</tbody></table>`
        : '<p>Aucun service ce jour-là.</p>';
      return `<section><h2>${title} — ${formatDateFr(date)}</h2>${body}</section>`;
    };
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Portail Famille — ${escapeHtml(app.town.config.organisation)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #888;padding:.35rem .7rem;text-align:left}td{text-align:right}</style></head>
<body><h1>Portail Famille — ${escapeHtml(app.town.config.organisation)}</h1>${section(today, 'Aujourd’hui')}${section(tomorrow, 'Demain')}</body></html>`;
  });

  return web;
}
