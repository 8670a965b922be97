/**
 * Whether an email really comes from the address in its From, as far as the
 * town's receiving server can tell: only the Authentication-Results written
 * by that server (its authserv-id) count, and only a DMARC pass or a DKIM
 * pass aligned with the From domain proves the sender.
 */

/** One method's result in an Authentication-Results header ("dkim=pass header.d=example.fr"). */
export interface AuthMethodResult {
  method: string;
  result: string;
  /** Properties in lower case ("header.d", "header.i", "header.from", "smtp.mailfrom"), values as written. */
  props: Record<string, string>;
}

/** One Authentication-Results header, in the order of the message (topmost first). */
export interface AuthResultsHeader {
  authservId: string;
  results: AuthMethodResult[];
}

export type SenderVerdict = 'pass' | 'fail' | 'none';

/** The domain of an address, lower case ("Claire@Example.FR" → "example.fr"). */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase().replace(/\.$/, '');
}

/**
 * Relaxed alignment (RFC 7489 §3.1.1) without the Public Suffix List: the
 * signing domain is the From domain, a parent of it or a child of it, and
 * has at least two labels. A DKIM pass for a public suffix ("co.uk") cannot
 * happen: nobody holds its keys.
 */
export function aligned(signingDomain: string, fromDomain: string): boolean {
  const d = signingDomain.toLowerCase().replace(/^@/, '').replace(/\.$/, '');
  const f = fromDomain.toLowerCase();
  if (!d.includes('.') || !f) return false;
  return d === f || f.endsWith(`.${d}`) || d.endsWith(`.${f}`);
}

/**
 * The verdict on the From domain: `fail` when any header says dmarc=fail;
 * `pass` when the topmost Authentication-Results — the one the town's
 * receiving server adds last, above whatever the sender wrote — bears the
 * town's authserv-id and reports dmarc=pass for the From domain, or
 * dkim=pass with header.d or header.i aligned with it; otherwise `none` (no
 * header, none, softfail, temperror, another server's verdict, our
 * authserv-id further down where a sender can write it, no authserv-id
 * configured).
 */
export function senderVerdict(headers: readonly AuthResultsHeader[], trustedAuthservId: string | undefined, fromAddress: string): SenderVerdict {
  if (headers.some((h) => h.results.some((r) => r.method === 'dmarc' && r.result === 'fail'))) return 'fail';
  const top = headers[0];
  if (!trustedAuthservId || !top || top.authservId !== trustedAuthservId.toLowerCase()) return 'none';
  const fromDomain = domainOf(fromAddress);
  if (top.results.some((r) => r.method === 'dmarc' && r.result === 'pass' && (!r.props['header.from'] || r.props['header.from'].toLowerCase() === fromDomain))) return 'pass';
  const dkimAligned = top.results.some((r) => {
    if (r.method !== 'dkim' || r.result !== 'pass') return false;
    const d = r.props['header.d'] ?? (r.props['header.i'] ? domainOf(r.props['header.i']) : '');
    return d !== '' && aligned(d, fromDomain);
  });
  return dkimAligned ? 'pass' : 'none';
}
