/**
 * The words of the answers the email channel gives outside the
 * conversation: to an unknown sender, to a message too long or unreadable,
 * to an address shared by several families. French first, English when the
 * guardian's language is English.
 */
import type { Lang } from '../conversation/texts.js';

export function unknownSenderText(organisation: string): string {
  return [
    'Bonjour,',
    '',
    `Cette adresse n’est pas celle d’une famille inscrite au Portail Famille du ${organisation}. Pour réserver la cantine, la garderie ou l’accueil du mercredi par email, présentez-vous à l’accueil du CCAS avec l’adresse email que vous souhaitez utiliser : vos accès seront activés.`,
    '',
    `— ${organisation}`,
  ].join('\n');
}

export function tooLongText(lang: Lang, maxChars: number, organisation: string): string {
  return lang === 'en'
    ? `Hello,\n\nYour message is too long for me to read safely (over ${maxChars} characters of new text). Please send your request in a few lines, for example: "Léa has lunch at school on Thursday".\n\n— ${organisation}`
    : `Bonjour,\n\nVotre message est trop long pour que je le lise sans risque d’erreur (plus de ${maxChars} caractères de texte nouveau). Envoyez votre demande en quelques lignes, par exemple : « Léa mange à la cantine jeudi ».\n\n— ${organisation}`;
}

export function unreadableText(lang: Lang, organisation: string): string {
  return lang === 'en'
    ? `Hello,\n\nI could not read your message (its format is damaged). Please write your request again in the body of a new email, in a few lines, for example: "Léa has lunch at school on Thursday".\n\n— ${organisation}`
    : `Bonjour,\n\nJe n’ai pas pu lire votre message (son format est abîmé). Écrivez à nouveau votre demande dans le corps d’un nouvel email, en quelques lignes, par exemple : « Léa mange à la cantine jeudi ».\n\n— ${organisation}`;
}

export function sharedAddressText(organisation: string): string {
  return [
    'Bonjour,',
    '',
    'Cette adresse email est enregistrée pour plusieurs familles : je ne peux pas savoir de laquelle vous parlez, et je n’ai rien modifié. Répondez plutôt à un email que le portail vous a envoyé pour la famille concernée, ou contactez l’accueil du CCAS, qui a été prévenu, pour donner une adresse à chaque famille.',
    '',
    `— ${organisation}`,
  ].join('\n');
}

/** Why a message was not acted on, as staff read it in the activity log. */
export const NOT_ACTED_FR: Record<string, string> = {
  automatic: 'message automatique (absence, liste, robot) : ni appliqué ni répondu',
  automatic_wording: 'ressemble à une réponse automatique : ni appliqué ni répondu',
  bounce: 'avis de non-remise : ignoré',
  own_address: 'message venant de notre propre adresse : ignoré',
  loop: 'message portant notre X-Loop : ignoré',
  no_sender: 'expéditeur illisible : ignoré',
  authentication_failed: 'authentification de l’expéditeur en échec (dmarc=fail) : ni appliqué ni répondu',
  unknown_sender: 'adresse inconnue : réponse type envoyée',
  unknown_sender_again: 'adresse inconnue, déjà répondu aujourd’hui : ignoré',
  shared_address: 'adresse partagée par plusieurs familles : rien modifié, à régler par le CCAS',
  unverified: 'expéditeur non vérifié : demande de confirmation envoyée à l’adresse enregistrée',
  too_long: 'texte trop long : réponse type envoyée',
  unreadable: 'message illisible : réponse type envoyée',
  loop_limit: 'trop d’échanges sans demande aujourd’hui : plus de réponse à cette adresse jusqu’à demain',
};
