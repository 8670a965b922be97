/** Telegram's limit for one message's text. */
export const TELEGRAM_MAX_TEXT = 4096;

/**
 * Cuts a text into messages Telegram accepts: at line breaks where possible,
 * never splitting a surrogate pair; an empty text becomes one "…".
 */
export function splitMessage(text: string, max = TELEGRAM_MAX_TEXT): string[] {
  const clean = text.trim() === '' ? '…' : text;
  const parts: string[] = [];
  let rest = clean;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = max;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  parts.push(rest);
  return parts;
}
