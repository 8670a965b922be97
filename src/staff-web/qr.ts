/** The activation letters' Telegram link and its QR code (an SVG drawn server-side by the qrcode library). */
import QRCode from 'qrcode';
import { raw, type Html } from './html.js';

/** The Telegram deep link of a code. */
export function telegramLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}

/** A QR code of `text` as an SVG element, drawn server-side. */
export async function qrSvg(text: string, label: string): Promise<Html> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  // qrcode's SVG is its own markup (no user text in it); it gets a name for screen readers.
  return raw(svg.replace('<svg ', `<svg role="img" aria-label="${label.replace(/[<>&"]/g, '')}" `));
}
