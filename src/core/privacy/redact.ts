/**
 * What may appear in logs: no email address in clear, no message text.
 * `maskEmail("claire.martin@example.fr")` is "c***@example.fr"; `redact`
 * masks every address in a line (an error from a mail server often quotes
 * one).
 */

const ADDRESS = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;

/** "c***@example.fr"; anything that is not an address gives "***". */
export function maskEmail(address: string | null | undefined): string {
  if (!address) return '-';
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/** The line with every email address in it masked. */
export function redact(line: string): string {
  return line.replace(ADDRESS, (_, first: string, domain: string) => `${first}***@${domain}`);
}

/** A log sink that masks addresses before writing. */
export function redactingLog(sink: (line: string) => void): (line: string) => void {
  return (line) => sink(redact(line));
}
