/**
 * An incoming email, read once at the edge: who sent it, what it answers,
 * whether it is automatic mail, what its sender authentication says, and
 * the new text only (quoted replies, signatures and HTML cut away).
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import EmailReplyParser from 'email-reply-parser';

/** Messages larger than this get a short answer asking for a shorter one. */
export const MAX_MESSAGE_BYTES = 1_000_000;
/** New text longer than this gets the same answer. */
export const MAX_NEW_TEXT = 2_000;

export interface AuthResult {
  authservId: string;
  dmarc: string | null;
  spf: string | null;
  dkim: string | null;
}

export interface InboundMail {
  /** Message-ID with its angle brackets, or a hash of the source when it has none. */
  id: string;
  messageId: string | null;
  from: string | null;
  /** Every address it was sent to (To, Cc, Delivered-To), lower case. */
  recipients: string[];
  subject: string;
  references: string[];
  /** The new text, without quotes and signature. */
  text: string;
  size: number;
  /** Automatic mail that must never be answered (auto-replies, bounces, lists, bulk). */
  automatic: string | null;
  auth: AuthResult[];
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => v.address?.toLowerCase()).filter((x): x is string => !!x));
}

function header(mail: ParsedMail, name: string): string[] {
  const v = mail.headers.get(name);
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (typeof x === 'string' ? x : typeof x === 'object' && x && 'value' in x ? String((x as { value: unknown }).value) : String(x)));
}

/** Reads `Authentication-Results` headers (RFC 8601): the authserv-id and the dmarc, spf and dkim results. */
export function parseAuthResults(values: string[]): AuthResult[] {
  return values.map((raw) => {
    const text = raw.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
    const authservId = (text.split(';')[0] ?? '').trim().split(' ')[0]!.toLowerCase();
    const result = (method: string) => new RegExp(`(?:^|[;\\s])${method}\\s*=\\s*([a-z]+)`, 'i').exec(text)?.[1]?.toLowerCase() ?? null;
    return { authservId, dmarc: result('dmarc'), spf: result('spf'), dkim: result('dkim') };
  });
}

/** Why a message is automatic (RFC 3834 and common practice), or null for a person's message. */
function automaticReason(mail: ParsedMail, from: string | null): string | null {
  const auto = header(mail, 'auto-submitted')[0]?.trim().toLowerCase();
  if (auto && auto !== 'no') return `Auto-Submitted: ${auto}`;
  const precedence = header(mail, 'precedence')[0]?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  if (header(mail, 'x-autoreply').length || header(mail, 'x-autorespond').length || header(mail, 'x-auto-response-suppress').some((v) => /all|oof|autoreply/i.test(v))) {
    return 'auto-reply header';
  }
  // mailparser folds List-* headers into one object: look at the raw lines.
  if (mail.headerLines.some((l) => l.key === 'list-id' || l.key === 'list-unsubscribe' || l.key === 'list-post')) return 'mailing list';
  const contentType = header(mail, 'content-type')[0]?.toLowerCase() ?? '';
  if (contentType.includes('multipart/report')) return 'delivery report';
  if (from && /^(mailer-daemon|postmaster|no-?reply|bounces?)([+@])/i.test(from)) return `sender ${from}`;
  const returnPath = mail.headerLines.find((l) => l.key === 'return-path')?.line ?? '';
  if (/<\s*>/.test(returnPath)) return 'empty return path';
  return null;
}

/** The new text of a message: HTML turned to text, quoted replies and signatures removed. */
export function newText(mail: Pick<ParsedMail, 'text' | 'html'>): string {
  let text = mail.text ?? '';
  if (!text.trim() && mail.html) text = mail.html.replace(/<(br|\/p|\/div|\/li)[^>]*>/gi, '\n').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  const visible = new EmailReplyParser().parseReply(text.replace(/\r\n/g, '\n'));
  return visible
    .split('\n')
    .filter((l) => !/^>/.test(l.trim()))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Parses a raw message. Never throws: a message that cannot be parsed comes back with what could be read. */
export async function readInbound(source: Buffer): Promise<InboundMail> {
  const hash = `<sha256.${createHash('sha256').update(source).digest('hex')}@portail-famille>`;
  let mail: ParsedMail;
  try {
    mail = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true });
  } catch {
    return { id: hash, messageId: null, from: null, recipients: [], subject: '', references: [], text: '', size: source.length, automatic: 'unreadable message', auth: [] };
  }
  const from = addresses(mail.from)[0] ?? null;
  const refs = mail.references ? (Array.isArray(mail.references) ? mail.references : [mail.references]) : [];
  return {
    id: mail.messageId ?? hash,
    messageId: mail.messageId ?? null,
    from,
    recipients: [...addresses(mail.to), ...addresses(mail.cc), ...header(mail, 'delivered-to').map((a) => a.trim().toLowerCase())],
    subject: mail.subject ?? '',
    references: [...refs, ...(mail.inReplyTo && !refs.includes(mail.inReplyTo) ? [mail.inReplyTo] : [])],
    text: source.length > MAX_MESSAGE_BYTES ? '' : newText(mail),
    size: source.length,
    automatic: automaticReason(mail, from),
    auth: parseAuthResults(header(mail, 'authentication-results')),
  };
}

/**
 * What sender authentication says: `fail` when any Authentication-Results
 * reports dmarc=fail (or, from the town's own server, spf and dkim both
 * failing); `pass` only when the town's own server (its authserv-id)
 * reports dmarc=pass; otherwise `none`.
 */
export function authVerdict(auth: AuthResult[], trustedAuthservId: string | undefined): 'pass' | 'fail' | 'none' {
  if (auth.some((a) => a.dmarc === 'fail')) return 'fail';
  const trusted = trustedAuthservId ? auth.filter((a) => a.authservId === trustedAuthservId.toLowerCase()) : [];
  if (trusted.some((a) => a.spf === 'fail' && (a.dkim === 'fail' || a.dkim === 'none'))) return 'fail';
  if (trusted.some((a) => a.dmarc === 'pass')) return 'pass';
  return 'none';
}
