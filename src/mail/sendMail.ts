/**
 * Sends the email outbox over SMTP (nodemailer): every message from
 * MAIL_FROM, marked Auto-Submitted so other robots never answer it, in the
 * thread it answers. Failures stay in the outbox and are retried.
 *
 * Every email to a guardian carries one of our signed Message-IDs
 * (src/core/messages/threadIds.ts): the replies and confirmation requests
 * choose theirs when queued; the others (welcome, notices…) get one here,
 * derived from their outbox row, so that a resend after a crash carries the
 * same one. A reply to any of them is then recognised as in our thread.
 */
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { App } from '../app.js';
import { threadMessageId } from '../core/messages/threadIds.js';
import { GuardianId } from '../core/ids.js';
import { sendDue } from '../outbox/sendDue.js';
import type { EmailPayload } from './processInbound.js';
import { bareAddress, messageIdDomain } from './replyAddress.js';

/** The outbox row being sent, when there is one (its id and guardian make its Message-ID). */
export interface SentRow {
  id: number;
  guardianId: number | null;
}

export type Send = (to: string, text: string, subject: string | null, payload: string | null, row?: SentRow) => Promise<void>;

/** The signed Message-ID of outbox row `outboxId` to `guardianId`: the same at every try. */
export function outboxMessageId(secret: string, guardianId: number, outboxId: number, mailFrom: string): string {
  const nonce = createHmac('sha256', secret).update(`outbox-message-id:${outboxId}:${guardianId}`).digest('base64url').slice(0, 22);
  return threadMessageId(secret, GuardianId(guardianId), nonce, messageIdDomain(mailFrom));
}

/**
 * A sender for SMTP_URL (smtp://host:port, or smtps://user:pass@host:port).
 * `secret` (APP_SECRET) signs the Message-IDs it gives the emails queued
 * without one; `npm start` and the admin commands always pass it.
 */
export function smtpSender(smtpUrl: string, mailFrom: string, secret?: string): { send: Send; close(): void } {
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
    async send(to, text, subject, payloadJson, row) {
      const payload = (payloadJson ? JSON.parse(payloadJson) : {}) as EmailPayload;
      const messageId = payload.messageId ?? (secret && row?.guardianId != null ? outboxMessageId(secret, row.guardianId, row.id, mailFrom) : undefined);
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
        ...(messageId ? { messageId } : {}),
        // X-Loop: a copy of our own mail coming back is never answered.
        headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', 'X-Loop': bareAddress(mailFrom) },
      });
    },
    close: () => transport.close(),
  };
}

/** Sends what is due in the email outbox (each message claimed first: one sender at a time); returns how many went out. */
export function sendEmailOutbox(app: App, send: Send, now: Date, log?: (line: string) => void): Promise<number> {
  return sendDue(app, 'email', now, send, log ? { log } : {});
}
