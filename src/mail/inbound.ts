/**
 * An incoming email, read once at the edge into the facts the core decides
 * on (src/core/messages/receiveEmail.ts): who it is from, what it answers,
 * whether a machine wrote it, what the servers' Authentication-Results
 * say, and the new text only (quotes, signatures and attachments left out).
 * Never throws: a message that cannot be parsed comes back `unreadable`,
 * with its sender when the raw header can still tell it.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { MAX_NEW_TEXT, type ReceivedEmail } from '../core/messages/receiveEmail.js';
import { parseAuthResults } from './authResults.js';
import { automaticByHeaders, automaticBySubject, automaticByWording, isBounce, type HeaderLookup } from './automatic.js';
import { htmlFallbackText, newText } from './quotes.js';

/** MIME parts read (mailparser's default of 1,000 would drop a 1,000-part mail unanswered). */
const MAX_PARTS = 10_000;
/** Larger sources are not parsed (the text of a request is never there): answered as too long. */
export const MAX_SOURCE_BYTES = 50_000_000;

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const out: string[] = [];
  const walk = (vs: AddressObject['value']) => {
    for (const v of vs) {
      if (v.address) out.push(v.address.toLowerCase());
      if (v.group) walk(v.group);
    }
  };
  for (const a of list) walk(a.value);
  return out;
}

/** Unfolded raw header values by lower-case name, in order (mailparser folds some of them into objects). */
function rawHeaders(mail: Pick<ParsedMail, 'headerLines'>): HeaderLookup {
  const map = new Map<string, string[]>();
  for (const l of mail.headerLines) {
    const value = l.line.slice(l.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    map.set(l.key, [...(map.get(l.key) ?? []), value]);
  }
  return (name) => map.get(name) ?? [];
}

/** The header block of a raw message, read without a MIME parser: for a message mailparser cannot read. */
function headerBlockLookup(source: Buffer): HeaderLookup {
  const head = source.subarray(0, 64_000).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ');
  const map = new Map<string, string[]>();
  for (const line of block.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const key = line.slice(0, i).trim().toLowerCase();
    map.set(key, [...(map.get(key) ?? []), line.slice(i + 1).trim()]);
  }
  return (name) => map.get(name) ?? [];
}

const ADDRESS = /[^\s<>()",;:@]+@[^\s<>()",;:@]+\.[^\s<>()",;:@]+/g;
const addressesIn = (values: string[]) => values.flatMap((v) => (v.match(ADDRESS) ?? []).map((a) => a.toLowerCase()));

function idList(value: string | string[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((v) => v.match(/<[^<>\s]{1,250}>/g) ?? []).slice(0, 100);
}

/** What the edge reads from the headers alone (also for a message that cannot be parsed). */
function fromHeaders(header: HeaderLookup, id: string) {
  return {
    messageId: idList(header('message-id')[0])[0] ?? id,
    references: [...new Set([...idList(header('references')), ...idList(header('in-reply-to'))])],
    xLoop: header('x-loop').map((v) => v.toLowerCase().slice(0, 300)),
    auth: parseAuthResults(header('authentication-results')),
  };
}

/** Reads a raw message. */
export async function readInbound(source: Buffer): Promise<ReceivedEmail> {
  const digest = `<sha256.${createHash('sha256').update(source).digest('hex')}@portail-famille>`;
  const unreadable = (header: HeaderLookup): ReceivedEmail => ({
    ...fromHeaders(header, digest),
    from: addressesIn(header('from')).slice(0, 10),
    recipients: addressesIn([...header('to'), ...header('cc'), ...header('delivered-to')]).slice(0, 50),
    sender: addressesIn(header('sender'))[0] ?? null,
    subject: (header('subject')[0] ?? '').slice(0, 300),
    text: '',
    textLength: 0,
    unreadable: true,
    automatic: automaticByHeaders(header) ?? automaticBySubject(header('subject')[0] ?? ''),
    automaticWording: null,
    bounce: isBounce(header, addressesIn(header('from'))[0] ?? null, header('content-type')[0] ?? '', header('subject')[0] ?? ''),
  });
  if (source.length > MAX_SOURCE_BYTES) return { ...unreadable(headerBlockLookup(source)), unreadable: false, textLength: Number.MAX_SAFE_INTEGER };

  let mail: ParsedMail;
  try {
    mail = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true, maxChildNodes: MAX_PARTS });
  } catch {
    return unreadable(headerBlockLookup(source));
  }
  const header = rawHeaders(mail);
  const from = addresses(mail.from).slice(0, 10);
  const subject = (mail.subject ?? '').slice(0, 300);
  // mailparser writes the text of an HTML-only message itself (quotes as "> "); attachments never reach `text`.
  const body = mail.text?.trim() ? mail.text : mail.html ? htmlFallbackText(mail.html) : '';
  const text = newText(body);
  const contentType = header('content-type')[0] ?? '';
  return {
    ...fromHeaders(header, digest),
    from,
    recipients: [...addresses(mail.to), ...addresses(mail.cc), ...addressesIn(header('delivered-to'))].slice(0, 50),
    sender: addresses(mail.headers.get('sender') as AddressObject | undefined)[0] ?? null,
    subject,
    text: text.slice(0, MAX_NEW_TEXT + 1),
    textLength: text.length,
    unreadable: false,
    automatic: automaticByHeaders(header) ?? automaticBySubject(subject),
    automaticWording: automaticByWording(text),
    bounce: isBounce(header, from[0] ?? null, contentType, subject),
  };
}
