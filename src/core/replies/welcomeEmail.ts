import type { TownConfig } from '../config.js';
import { zonedParts } from '../time.js';
import { formatDateFr } from './format.js';

/**
 * The examples of what to write, with the family's own children's first
 * names (the first for the first and last example, the second, when there
 * is one, for the evening care), or without a name for a family with none.
 */
export function writingExamples(children: readonly string[]): string[] {
  const [first, second] = children;
  if (!first) return ['« Cantine lundi et mardi »', '« Annule la garderie du soir vendredi »', '« Qu’est-ce qui est réservé cette semaine ? »'];
  return [`« ${first} mange à la cantine lundi et mardi »`, `« Annule la garderie du soir de ${second ?? first} vendredi »`, `« Qu’est-ce que ${first} a cette semaine ? »`];
}

/** The welcome email sent with an activation code: how to use the assistant by email and on Telegram. */
export function welcomeEmail(input: {
  town: TownConfig;
  guardianName: string;
  code: string;
  expiresAt: Date;
  botUsername: string | null;
  /** The first names of the family's children, for the examples. */
  children?: readonly string[];
}): {
  subject: string;
  text: string;
} {
  const p = zonedParts(input.expiresAt, input.town.timeZone);
  const until = `${formatDateFr(p.date)} à ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  const telegram = input.botUsername
    ? `Sur Telegram : ouvrez https://t.me/${input.botUsername}?start=${input.code}\n(ou cherchez @${input.botUsername} et envoyez « /start ${input.code} »).`
    : `Sur Telegram : envoyez « /start ${input.code} » au robot du ${input.town.organisation}.`;
  return {
    subject: `Votre accès au Portail Famille – ${input.town.town}`,
    text: [
      `Bonjour ${input.guardianName},`,
      '',
      `Le ${input.town.organisation} a ouvert votre accès au Portail Famille : vous pouvez réserver ou annuler la cantine, la garderie du matin et du soir et l’accueil du mercredi en écrivant simplement, comme à une personne.`,
      '',
      `Votre code d’activation : ${input.code}`,
      `(valable une seule fois, jusqu’au ${until})`,
      '',
      telegram,
      '',
      'Par email : répondez simplement à ce message, par exemple :',
      ...writingExamples(input.children ?? []).map((e) => `  ${e}`),
      '',
      'Chaque demande reçoit une confirmation exacte de ce qui a été fait.',
      '',
      `— ${input.town.organisation}`,
    ].join('\n'),
  };
}
