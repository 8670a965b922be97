/**
 * The new text of a reply: what the parent wrote above (or, when they
 * answer below the quote, below) the quoted history, without the quoted
 * lines, the clients' separators ("Le … a écrit :", "-----Original
 * Message-----", Outlook's line of underscores and its "De : … Envoyé : …"
 * block), the signature after "-- ", a phone's "Envoyé de mon iPhone" and
 * mailing-list footers.
 *
 * Linear and bounded: the text is cut to MAX_SCANNED characters first, read
 * line by line once, and the patterns only ever see one short line (or two
 * joined, for Gmail's wrapped attribution), with no nested repetition.
 */

/** Characters of a body looked at (far beyond any request; a 766 KB thread is cut here first). */
export const MAX_SCANNED = 200_000;
/** Lines longer than this are text, never separators. */
const MAX_SEPARATOR = 400;
/** How far below a phone signature we look for more of the parent's text. */
const PHONE_LOOKAHEAD = 12;

const SIGNATURE = /^-- ?$/;
const ORIGINAL = /^-{2,} ?(original message|message d[’']origine|message original|forwarded message|message transf[ée]r[ée]|mensaje original|urspr[üu]ngliche nachricht|messaggio originale) ?-{2,}$/i;
/** The opening line of a forwarded message (Gmail, Outlook, Apple Mail), never of a reply's history. */
const FORWARD = /^(-{2,} ?(forwarded message|message transf[ée]r[ée]) ?-{2,}|d[ée]but du message r[ée]exp[ée]di[ée] ?:?|begin forwarded message ?:?)$/i;
/** The parent's words that hand over a forwarded message: "je vous transfère …, merci de faire le nécessaire", "forwarding my husband's note below". */
const HANDS_OVER = /(transf[èée]r|r[ée]exp[ée]di|ci-dessous|ci dessous|plus bas|faire le n[ée]cessaire|forward|below|sort (it|this) out)/i;
const RULE = /^(_{8,}|-{8,}|={8,})$/;
const HEADER_FROM = /^\*{0,2}(from|de|von|da|van)\s?\*{0,2}\s?:\s?\*{0,2}\s?\S/i;
const HEADER_OTHER = /^\*{0,2}(sent|envoy[ée]|date|gesendet|to|à|a|objet|subject|betreff|cc|reply-to|r[ée]pondre à)\s?\*{0,2}\s?:/i;
const ATTRIBUTION = /^(le|on|am|el|il|op)\s.{0,300}(a [ée]crit|wrote|schrieb|escribi[óo]|ha scritto|schreef)\s?:?$/i;
const WROTE_END = /(a [ée]crit|wrote|schrieb)\s?:$/i;
const PHONE = /^(envoy[ée] (de|depuis|à partir de) (mon|ma|un|une|l[’'])|sent from (my|mail for|outlook|yahoo|samsung)|get outlook for|obtenir outlook pour|t[ée]l[ée]charger outlook pour|sent via|envoy[ée] avec|sent with)\b/i;
const LIST_FOOTER = /^(you received this (message|email) because you are subscribed|vous (avez )?re[çc]u ce message (car|parce que) vous [êe]tes abonn[ée]|to unsubscribe from this group|pour vous d[ée]sabonner|pour vous d[ée]sinscrire|this (e-?mail|message) was sent to|unsubscribe\s?:|se d[ée]sinscrire\s?:|mailing list$|[a-z0-9._-]+ mailing list)/i;

const isQuote = (line: string) => line.trimStart().startsWith('>');
const clean = (line: string) => line.replace(/\u00a0/g, ' ').trim();

/** Whether line i opens the quoted history (or a signature, or a footer). */
function isSeparator(lines: readonly string[], i: number, phone = true): boolean {
  const t = clean(lines[i]!);
  if (t.length === 0 || t.length > MAX_SEPARATOR) return false;
  if (SIGNATURE.test(lines[i]!.replace(/\u00a0/g, ' ').trimStart())) return true;
  if (ORIGINAL.test(t) || FORWARD.test(t) || RULE.test(t) || LIST_FOOTER.test(t)) return true;
  if (ATTRIBUTION.test(t)) return true;
  const next = lines[i + 1] !== undefined ? clean(lines[i + 1]!) : '';
  // Gmail wraps a long attribution: "Le mar. 1 déc. 2026 à 18:30, Portail <…>" / "a écrit :"
  if (/^(le|on|am)\s/i.test(t) && next.length <= 60 && WROTE_END.test(next) && `${t} ${next}`.length <= MAX_SEPARATOR) return true;
  // "… wrote:" on a line of its own right above quoted lines
  if (WROTE_END.test(t)) {
    for (let j = i + 1; j < Math.min(lines.length, i + 3); j++) if (clean(lines[j]!) !== '') return isQuote(lines[j]!);
  }
  // "From: … / Sent: … / To: … / Subject: …" (Outlook, Apple Mail forwards), in English or French
  if (HEADER_FROM.test(t)) {
    let others = 0;
    for (let j = i + 1; j < Math.min(lines.length, i + 7); j++) if (HEADER_OTHER.test(clean(lines[j]!))) others++;
    return others >= 2;
  }
  if (phone && PHONE.test(t) && t.length <= 80) {
    // A signature only when nothing of the parent's follows it ("Sent from my office, …" mid-text is not one).
    for (let j = i + 1; j < Math.min(lines.length, i + 1 + PHONE_LOOKAHEAD); j++) {
      const u = clean(lines[j]!);
      if (u === '') continue;
      return isQuote(lines[j]!) || isSeparator(lines, j, false);
    }
    return i + 1 + PHONE_LOOKAHEAD >= lines.length;
  }
  return false;
}

/** The parent's lines from `start` up to the next separator, quoted lines left out. */
function collect(lines: readonly string[], start: number): { kept: string[]; end: number } {
  const kept: string[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    if (isSeparator(lines, i)) break;
    if (!isQuote(lines[i]!)) kept.push(lines[i]!.replace(/\s+$/, ''));
  }
  return { kept, end: i };
}

const hasContent = (lines: readonly string[]) => lines.some((l) => clean(l) !== '');

/** The new text of a plain-text body. */
export function newText(body: string): string {
  const lines = body.slice(0, MAX_SCANNED).replace(/\r\n?/g, '\n').split('\n');
  let { kept, end } = collect(lines, 0);
  if (!hasContent(kept) && end < lines.length) {
    // Answered below the quote: skip the separator and the quoted block, read what follows.
    let i = end + 1;
    while (i < lines.length && (isQuote(lines[i]!) || clean(lines[i]!) === '' || (i <= end + 2 && WROTE_END.test(clean(lines[i]!))))) i++;
    if (!SIGNATURE.test(lines[end]!.trimStart())) ({ kept } = collect(lines, i));
  }
  // "Je vous transfère le message de mon mari, merci de faire le nécessaire" above a forwarded
  // message: the family sends it as its own request, so its body (less its header lines) is read
  // too. A reply's quoted history ("Le … a écrit :", "Message d'origine") never is.
  if (end < lines.length && FORWARD.test(clean(lines[end]!)) && HANDS_OVER.test(kept.join(' '))) {
    let i = end + 1;
    while (i < lines.length && (clean(lines[i]!) === '' || HEADER_FROM.test(clean(lines[i]!)) || HEADER_OTHER.test(clean(lines[i]!)))) i++;
    kept = [...kept, '', ...collect(lines, i).kept];
  }
  return kept
    .join('\n')
    .replace(/\n[ \t\u00a0]*(\n[ \t\u00a0]*)+\n/g, '\n\n')
    .trim();
}

const ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", rsquo: '’', lsquo: '‘', laquo: '«', raquo: '»', hellip: '…', euro: '€',
  eacute: 'é', egrave: 'è', ecirc: 'ê', euml: 'ë', agrave: 'à', acirc: 'â', ccedil: 'ç', icirc: 'î', iuml: 'ï', ocirc: 'ô', ucirc: 'û', ugrave: 'ù', oelig: 'œ',
  Eacute: 'É', Egrave: 'È', Agrave: 'À', Ccedil: 'Ç',
};
/** Where the quoted history of an HTML reply starts (Gmail, Outlook, Apple Mail, Thunderbird, Yahoo). */
const HTML_QUOTE_MARKERS = ['<blockquote', 'class="gmail_quote', 'id="divrplyfwdmsg"', 'id="appendonsend"', 'class="moz-cite-prefix"', 'class="yahoo_quoted"', 'id="mail-editor-reference-message-container"'];

/**
 * The text of an HTML body when mailparser gives none (it gives up on deeply
 * nested markup): cut at the first quote container, tags dropped, common
 * entities decoded. One pass of indexOf and of a non-nested pattern.
 */
export function htmlFallbackText(html: string): string {
  let h = html.slice(0, MAX_SCANNED * 5);
  const lower = h.toLowerCase();
  let cut = h.length;
  for (const marker of HTML_QUOTE_MARKERS) {
    const i = lower.indexOf(marker);
    if (i >= 0) cut = Math.min(cut, marker.startsWith('<') ? i : Math.max(0, lower.lastIndexOf('<', i)));
  }
  h = h.slice(0, cut);
  for (const tag of ['style', 'script', 'head']) {
    let out = '';
    let from = 0;
    const l = h.toLowerCase();
    for (;;) {
      const open = l.indexOf(`<${tag}`, from);
      if (open < 0) break;
      const close = l.indexOf(`</${tag}>`, open);
      out += h.slice(from, open);
      from = close < 0 ? h.length : close + tag.length + 3;
    }
    h = out + h.slice(from);
  }
  return h
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^<>]*>/gi, '\n')
    .replace(/<[^<>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e] ?? m;
    });
}
