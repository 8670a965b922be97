/**
 * Sends the email outbox over SMTP (nodemailer): every message from
 * MAIL_FROM, marked Auto-Submitted so other robots never answer it, in the
 * thread it answers. Failures stay in the outbox and are retried.
 */
import nodemailer from 'nodemailer';
import type { App } from '../app.js';
import { sendDue } from '../notifications.js';
import type { EmailPayload } from './processInbound.js';
import { bareAddress } from './replyAddress.js';

export type Send = (to: string, text: string, subject: string | null, payload: string | null) => Promise<void>;

/** A sender for SMTP_URL (smtp://host:port, or smtps://user:pass@host:port). */
export function smtpSender(smtpUrl: string, mailFrom: string): { send: Send; close(): void } {
  const u = new URL(smtpUrl);
  const secure = u.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    // One connection kept open: a new SMTP session per reply costs ~20x the send.
    pool: true,
    maxConnections: 1,
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 25,
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    // smtp:// is for a relay on the town's own network: no STARTTLS unless offered and working.
    ...(secure ? {} : { ignoreTLS: !u.searchParams.has('starttls') }),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(to, text, subject, payloadJson) {
      const payload = (payloadJson ? JSON.parse(payloadJson) : {}) as EmailPayload;
      await transport.sendMail({
        from: mailFrom,
        to,
        subject: subject ?? 'Portail Famille',
        text,
        ...(payload.html ? { html: payload.html } : {}),
        ...(payload.replyTo ? { replyTo: payload.replyTo } : {}),
        ...(payload.inReplyTo ? { inReplyTo: payload.inReplyTo } : {}),
        ...(payload.references?.length ? { references: payload.references } : {}),
        // Our own Message-ID, signed for the guardian: their reply in this thread proves the sender.
        ...(payload.messageId ? { messageId: payload.messageId } : {}),
        // X-Loop: a copy of our own mail coming back is never answered.
        headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', 'X-Loop': bareAddress(mailFrom) },
      });
    },
    close: () => transport.close(),
  };
}

/** Sends what is due in the email outbox; returns how many went out. */
export function sendEmailOutbox(app: App, send: Send, now: Date): Promise<number> {
  return sendDue(app, 'email', now, send);
}
