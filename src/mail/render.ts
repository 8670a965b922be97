/**
 * A conversation reply as an email: plain text and HTML, with the choices
 * of the buttons written as words to reply with ("Répondez OUI pour
 * confirmer", "Répondez 1 pour Léa, 2 pour Tom").
 */
import type { Reply } from '../core/conversation/converse.js';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** "Répondez OUI pour confirmer ou NON pour laisser tomber." */
export function choicesLine(reply: Reply): string | null {
  const buttons = reply.buttons.flat();
  if (buttons.length === 0) return null;
  const en = reply.lang === 'en';
  const parts = buttons.map((b) => (en ? `${b.keyword} for “${b.label}”` : `${b.keyword} pour « ${b.label} »`));
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} ${en ? 'or' : 'ou'} ${parts[parts.length - 1]}` : parts[0];
  const undo = buttons.some((b) => b.data.startsWith('u:'));
  const tail = undo ? (en ? ' (within 15 minutes)' : ' (dans les 15 minutes)') : '';
  return en ? `Reply ${list}${tail}.` : `Répondez ${list}${tail}.`;
}

export function renderEmail(reply: Reply, signature: string): { text: string; html: string } {
  const choices = choicesLine(reply);
  const body = [reply.text, ...(choices ? ['', choices] : []), '', `— ${signature}`].join('\n');
  const html = `<div style="font-family:sans-serif;line-height:1.4">${reply.text
    .split('\n')
    .map((l) => `<p style="margin:0 0 .4em">${escapeHtml(l)}</p>`)
    .join('')}${choices ? `<p style="margin:1em 0"><strong>${escapeHtml(choices)}</strong></p>` : ''}<p style="color:#555">— ${escapeHtml(signature)}</p></div>`;
  return { text: body, html };
}

/** "Re: " once, whatever the client put there (the rule lives with the email use case). */
export { replySubject } from '../core/messages/receiveEmail.js';
