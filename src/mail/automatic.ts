/**
 * Mail that a machine wrote, recognised three ways: by its headers (RFC 3834
 * and the headers Exchange, Gmail and list servers add), by its subject
 * ("Réponse automatique : …", "Out of Office: …"), and by its wording
 * ("Je suis absente du … au …", "I am out of the office") — some
 * responders add no header at all. Bounces are told apart: never answered
 * either. Every pattern is anchored or bounded and runs on a bounded text.
 */

/** Header lines as read: lower-case key, unfolded value. */
export type HeaderLookup = (name: string) => string[];

/** Why the headers show automatic mail, or null. */
export function automaticByHeaders(header: HeaderLookup): string | null {
  const auto = header('auto-submitted')[0]?.trim().toLowerCase();
  if (auto && !/^no\b/.test(auto)) return `Auto-Submitted: ${auto.slice(0, 40)}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-auto-reply']) if (header(name).length) return name;
  const suppress = header('x-auto-response-suppress').join(',');
  if (/\b(all|oof|autoreply)\b/i.test(suppress)) return `X-Auto-Response-Suppress: ${suppress.slice(0, 40)}`;
  const precedence = header('precedence')[0]?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply', 'auto-reply'].includes(precedence)) return `Precedence: ${precedence}`;
  for (const name of ['list-id', 'list-unsubscribe', 'list-post', 'list-help']) if (header(name).length) return `mailing list (${name})`;
  if (header('feedback-id').length || header('x-campaign').length || header('x-mailchimp-campaign').length) return 'bulk mail';
  if (header('return-path').some((v) => /^\s*<\s*>\s*$/.test(v))) return 'empty return path';
  return null;
}

/** Whether the message is a delivery report or comes from a mailer daemon. */
export function isBounce(header: HeaderLookup, from: string | null, contentType: string, subject: string): boolean {
  if (/^multipart\/report\b/i.test(contentType.trim())) return true;
  if (header('x-failed-recipients').length) return true;
  if (from && /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounces?|no-?reply|do-?not-?reply|noreply-[^@]*)([+@])/i.test(from)) return true;
  return /^\s*(undelivered mail returned to sender|undeliverable\s*:|non remis\s*:|delivery status notification|mail delivery (failed|failure|subsystem)|returned mail\s*:|failure notice|message non remis|échec de la remise|notification d[’']état de (la )?remise)/i.test(subject);
}

const SUBJECT = new RegExp(
  [
    'r[ée]ponse automatique',
    'message d[’\']absence',
    'absences? du bureau',
    'absent(e)? du bureau',
    'avis d[’\']absence',
    'automatic reply',
    'auto(matic)?[ -]?reply',
    'autoreply',
    'auto-?response',
    'out of (the )?office',
    'ooo\\b',
    'auto\\s*:',
    'abwesenheit',
    'risposta automatica',
    'respuesta autom[áa]tica',
    'vacation (reply|response)',
    'away from (the )?office',
  ].map((p) => `(?:^|[\\s:\\[(])${p}`).join('|'),
  'i',
);

/** Whether the subject is an automatic reply's ("Réponse automatique : Re: Cantine"). */
export function automaticBySubject(subject: string): string | null {
  const s = subject.slice(0, 300);
  const m = SUBJECT.exec(s);
  return m ? `subject “${m[0].trim()}”` : null;
}

const WORDING: RegExp[] = [
  // French
  /\bje suis (actuellement |en ce moment |aujourd[’']hui )?absente? (du|jusqu|à partir|depuis|pour|le|ce|cette|en)\b/,
  /\bje serai (absente?|de retour|en cong[ée]s?) (du|jusqu|à partir|le|à compter)\b/,
  /\bje suis (actuellement |en ce moment )?(en cong[ée]s?|en vacances|en d[ée]placement|en formation|en arr[êe]t|hors du bureau|absente? du bureau)\b/,
  /\b(ceci est une |cette )?r[ée]ponse automatique\b/,
  /\bmessage (automatique|d[’']absence)\b/,
  /\bje (prendrai connaissance de|traiterai|lirai|r[ée]pondrai [àa]) (votre|vos) (message|mail|courriel|e-?mail)s? (à|dès|des|lors de) mon retour\b/,
  /\b(à|dès) mon retour,? je (prendrai|traiterai|r[ée]pondrai|lirai)\b/,
  /\bavec un acc[èe]s (limit[ée]|restreint) (à|aux) (mes |ma |mon )?(e-?mails?|mails|messagerie|courriels?|messages)\b/,
  /\bje n[’']ai pas acc[èe]s [àa] (mes |ma )?(e-?mails?|mails|messagerie|courriels?)\b/,
  // English
  /\bi am (currently |now )?(out of (the )?office|away from (the |my )?(office|desk|e-?mail)|on (annual |parental |maternity )?leave|on vacation|on holiday|travell?ing with)\b/,
  /\bi[’']?m (currently |now )?(out of (the )?office|away from (the |my )?(office|desk)|on (annual )?leave|on vacation|on holiday)\b/,
  /\bi will be (out of (the )?office|away|on leave|on vacation|back (on|in the office))\b/,
  /\b(this is an? )?auto(matic|mated)(ally generated)? (reply|response|message)\b/,
  /\bauto-?reply\b/,
  /\bout of (the )?office\b/,
  /\bwith (limited|no|restricted) access to (my )?e-?mails?\b/,
  /\bi will (respond|reply|get back to you|answer)( to (you|your (e-?mails?|messages?)))?( as soon as possible)?( when| upon| on| after) (i |my )?return\b/,
];

/** Whether the new text reads as an automatic reply; only its first 1,500 characters are looked at. */
export function automaticByWording(text: string): string | null {
  const head = text.slice(0, 1_500).toLowerCase().replace(/\s+/g, ' ');
  for (const re of WORDING) {
    const m = re.exec(head);
    if (m) return `wording “${m[0].slice(0, 60)}”`;
  }
  return null;
}
