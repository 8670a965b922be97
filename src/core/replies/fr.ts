/** The French catalogue: every sentence a French-speaking parent reads. */
import { isoWeekday, type IsoDate } from '../time.js';
import type { Catalogue, LineData, ServiceFacts } from './catalogue.js';
import { capitalize, joinList } from './catalogue.js';
import { formatDateFr } from './format.js';

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const agree = (word: string, feminine: boolean) => (feminine ? `${word}e` : word);

/** "14 janvier": the date without its weekday. */
const dayMonth = (d: IsoDate) => formatDateFr(d).replace(/^\S+ /, '');

function dates(list: readonly IsoDate[]): string {
  const sorted = [...list].sort();
  if (sorted.length > 4) {
    // Every one the same weekday ("tous les jeudis jusqu'aux vacances"): "5 jeudis, du 14 janvier au 11 février".
    const wd = isoWeekday(sorted[0]!);
    if (sorted.every((d) => isoWeekday(d) === wd)) return `${sorted.length} ${WEEKDAYS[wd - 1]}s, du ${dayMonth(sorted[0]!)} au ${dayMonth(sorted[sorted.length - 1]!)}`;
    return `${sorted.length} jours, du ${formatDateFr(sorted[0]!)} au ${formatDateFr(sorted[sorted.length - 1]!)}`;
  }
  return joinList(sorted.map((d) => `le ${formatDateFr(d)}`), 'et');
}

const euros = (n: number) => `${n.toFixed(2).replace('.', ',')} €`;
const hm = (t: string) => t.replace(/^0/, '').replace(':', ' h ').replace(/ h 00$/, ' h');
const PER = { meal: 'le repas', session: 'la séance', day: 'la journée', halfDay: 'la demi-journée' } as const;
const days = (w: readonly number[]) => joinList(w.map((d) => WEEKDAYS[d - 1]!), 'et');

export const fr: Catalogue = {
  lang: 'fr',
  date: formatDateFr,
  dates,
  span: (from, to) => (from === to ? formatDateFr(from) : `${formatDateFr(from)} – ${formatDateFr(to)}`),
  weekday: (d) => WEEKDAYS[d - 1]!,
  outcome: {
    booked: (d: LineData) => `✅ ${d.child} : ${d.service} ${agree('réservé', d.feminine)} ${d.when}`,
    already_booked: (d) => `☑️ ${d.child} : ${d.service} déjà ${agree('réservé', d.feminine)} ${d.when}`,
    waiting_list: (d) => `⏳ ${d.child} : ${d.service} ${agree('complet', d.feminine)} ${d.when}, inscription sur la liste d’attente (${d.extra})`,
    already_waiting: (d) => `⏳ ${d.child} : déjà sur la liste d’attente de ${d.service} ${d.when} (${d.extra})`,
    cancelled: (d) => `✅ ${d.child} : ${d.service} ${agree('annulé', d.feminine)} ${d.when}`,
    left_waiting_list: (d) => `✅ ${d.child} : retiré de la liste d’attente de ${d.service} ${d.when}`,
    not_booked: (d) => `ℹ️ ${d.child} : ${d.service} n’était pas ${agree('réservé', d.feminine)} ${d.when}`,
    absent: (d) => `🤒 ${d.child} : absence notée pour ${d.service} ${d.when}`,
    already_absent: (d) => `☑️ ${d.child} : absence déjà notée pour ${d.service} ${d.when}`,
    refused: (d) => `⛔ ${d.child} : ${d.service} ${d.when} — ${d.extra}`,
  },
  reason: {
    SERVICE_NOT_RUNNING: (r, c) => `pas de ${c.service} le ${WEEKDAYS[r.weekday - 1]}`,
    CLOSED_DAY: (r) => {
      const c = r.closed;
      switch (c.code) {
        case 'SCHOOL_HOLIDAY':
          return `vacances scolaires (${c.name})`;
        case 'PUBLIC_HOLIDAY':
          return `jour férié (${c.name})`;
        case 'BRIDGE_DAY':
          return `pas d’école ce jour-là (${c.name})`;
        case 'CLOSURE':
          return `fermé ce jour-là (${c.reason})`;
        case 'OUTSIDE_SCHOOL_YEAR':
          return 'en dehors de l’année scolaire';
      }
    },
    DEADLINE_PASSED: (r, c) => `trop tard : les ${r.change === 'booking' ? 'réservations' : 'annulations'} fermaient le ${c.instant(r.deadline)}`,
    CANCELLATION_NOT_ALLOWED: () => 'ce service ne s’annule pas (une absence peut être signalée)',
    DAY_PASSED: () => 'ce jour est passé',
    UNKNOWN_CHILD: () => 'enfant inconnu dans votre famille',
    UNKNOWN_SERVICE: () => 'service inconnu',
  },
  waitingRank: (rank) => `rang ${rank}`,
  instant: (date, time) => `${formatDateFr(date)} à ${time}`,
  list: (items) => joinList(items, 'et'),

  // "Défaire" undoes a change: never "Annuler", which parents read as cancelling a booking.
  buttons: { confirm: 'Confirmer', drop: 'Laisser tomber', undo: 'Défaire', all: 'Tous' },
  keywords: { yes: 'OUI', no: 'NON', undo: 'DEFAIRE' },

  ask: {
    child: (s) => `Pour quel enfant ? (${s})`,
    service: (s) => `Pour quel service ? (${s})`,
    date: (s) => `Pour quel jour ? Par exemple « demain », « jeudi » ou « du 7 au 11 décembre ». (${s})`,
  },
  childChoices: (names) =>
    names.length === 1 ? `Répondez ${names[0]} si la demande est bien pour ${names[0]}.` : `Répondez ${joinList([...names, names.length === 2 ? 'les deux' : 'tous'], 'ou')}.`,
  confirm: (size, lines) =>
    [
      `Cela fait ${size} changements, à vérifier avant que je les fasse :`,
      ...lines.map((l) => {
        const verb = l.intent === 'book' ? 'réserver' : l.intent === 'cancel' ? 'annuler' : 'noter absent';
        const what = l.service ?? 'tout ce qui est réservé';
        return `• ${l.child} : ${verb} ${what}, ${l.when}`;
      }),
      'Confirmer ?',
    ].join('\n'),
  confirmUnverified: (s) =>
    `Je n’ai pas pu vérifier que ce message vient bien de vous : rien n’a encore été modifié. Voici ce que j’ai compris : ${s}. Pour l’appliquer, répondez OUI à cet email ; sinon, ignorez-le.`,
  undoNeedsProof: 'Je n’ai pas pu vérifier que ce message vient bien de vous : rien n’a été défait. Pour défaire un changement, répondez DEFAIRE à l’email qui l’a confirmé.',
  planSummary: (l) => {
    const verb = l.intent === 'book' ? 'réserver' : l.intent === 'cancel' ? 'annuler' : 'signaler absent';
    const what = l.services ?? (l.intent === 'book' ? '' : 'tout');
    return [verb, what, l.children && `pour ${l.children}`, l.when].filter(Boolean).join(' ');
  },
  unknownChildren: (written, known) =>
    `Je ne connais pas ${joinList(written, 'ni')} dans votre famille : ${known.length === 1 ? `l’enfant inscrit est ${known[0]}` : `vos enfants inscrits sont ${joinList(known, 'et')}`}. Rien n’a été modifié : réécrivez votre demande avec le prénom de l’enfant.`,
  unknownChildrenAsk: (written, known) =>
    `Je ne connais pas ${joinList(written, 'ni')} dans votre famille : ${known.length === 1 ? `l’enfant inscrit est ${known[0]}` : `vos enfants inscrits sont ${joinList(known, 'et')}`}. Rien n’a été modifié.`,
  pendingSetAside: '(Je laisse de côté la question précédente.)',
  expired: 'Cette question a expiré : écrivez à nouveau votre demande.',
  nothingPending: 'Je n’ai pas de question en attente : si vous répondiez à une question, elle a expiré et rien n’a été modifié. Écrivez à nouveau votre demande.',
  dropped: 'Entendu, rien n’a été modifié.',
  nothingToChange: 'Rien à modifier.',
  nothingWasBooked: (child, when) => `ℹ️ ${child} : rien n’était réservé ${when}`,
  illnessHint: 'Si votre enfant est malade, écrivez « … est malade » : l’absence est notée à tout moment.',
  noUndo: 'Il n’y a pas de changement récent à défaire.',
  undoExpired: 'Ce changement ne peut plus être défait (plus de 15 minutes).',
  undoneHead: '↩️ Défait :',
  correctedHead: '✏️ Corrigé :',
  noChildren: 'Aucun enfant n’est encore inscrit dans votre famille : contactez le CCAS.',
  tooLong: (max) => `Votre message est trop long pour que je le lise en entier (plus de ${max} caractères) : écrivez-moi votre demande en quelques lignes.`,
  greeting: (child) => `Bonjour ! Dites-moi ce que vous souhaitez réserver ou annuler, par exemple « ${child} mange à la cantine jeudi ».`,
  thanks: 'Je vous en prie, bonne journée !',
  undoAfterNo: 'Vous avez répondu « non » : voulez-vous que je défasse ce que je viens de faire ? Répondez « oui » ou touchez « Défaire » ; sinon, rien ne change.',
  keptAsIs: 'Entendu, je ne change rien.',
  stillAsking: 'J’ai encore besoin de votre réponse :',
  acknowledged: 'Entendu.',
  notUnderstood: (a) => `Désolé, je n’ai pas compris. Vous pouvez écrire par exemple : « ${a} mange à la cantine jeudi », « annule ${a} mercredi » ou « aide ».`,
  help: (children) => {
    const a = children[0] ?? 'Léa';
    const b = children[1] ?? children[0] ?? 'Tom';
    return [
      'Je réserve et j’annule la cantine, la garderie du matin et du soir et l’accueil du mercredi. Écrivez comme à une personne, par exemple :',
      `• « ${a} mange à la cantine lundi et mardi »`,
      `• « annule la garderie du soir de ${b} vendredi »`,
      `• « ${a} est malade aujourd’hui » (l’absence est notée, même le jour même)`,
      `• « qu’est-ce que ${a} a cette semaine ? »`,
      'Je réponds aussi aux questions sur les tarifs, les horaires, les menus et le règlement.',
      'Chaque changement peut être défait pendant 15 minutes avec le bouton « Défaire ».',
    ].join('\n');
  },
  listHead: (span, who) => (who?.length ? `Réservations de ${joinList(who, 'et')} (${span}) :` : `Réservations (${span}) :`),
  listEmpty: (span, who) => (who?.length ? `Aucune réservation pour ${joinList(who, 'et')} (${span}).` : `Aucune réservation (${span}).`),
  listLine: (date, items) => `• ${capitalize(date)} — ${items}`,
  listItem: (child, service, state) => `${child} : ${service}${state === 'absent' ? ' (absent)' : state === 'waiting' ? ' (liste d’attente)' : ''}`,
  serviceNotRunning: (service, weekday, runs) => `ℹ️ Pas de ${service} le ${WEEKDAYS[weekday - 1]} : ce service a lieu le ${days(runs)}.`,
  closedDay: (service, date, why) => `ℹ️ Pas de ${service} le ${date} : ${why}.`,
  leftOutHoliday: (name, from, to) => `ℹ️ Pas de service pendant les ${name.charAt(0).toLowerCase()}${name.slice(1)}, du ${from} au ${to} : ces jours ne sont pas compris.`,
  leftOutDays: (when, why) => `ℹ️ Pas de service ${when} (${why}) : non compris.`,
  noServiceOn: (phrases, asked) => `ℹ️ Aucun service n’a lieu ${joinList(phrases.map((p) => `« ${p} »`), 'ni')} (vacances, week-end ou jour férié)${asked === 'change' ? ' : rien n’a été modifié' : ''}.`,
  otherChildAmbiguous: 'Pour quel autre enfant ?',

  info: {
    prices: (lines, note) => ['Tarifs :', ...lines.map((l) => `• ${l}`), ...(note ? [note] : [])].join('\n'),
    priceLine: (s: ServiceFacts) => (s.price ? `${capitalize(s.name)} : ${fr.info.price(s.price)}` : null),
    price: (p) => `${euros(p.amount)} ${PER[p.per]}`,
    openHours: (h, w) => `de ${hm(h.from)} à ${hm(h.to)}, le ${days(w)}`,
    hours: (lines) => ['Horaires :', ...lines.map((l) => `• ${l}`)].join('\n'),
    hoursLine: (s) => (s.hours ? `${capitalize(s.name)} : ${fr.info.openHours(s.hours, s.weekdays)}` : null),
    menus: (url) => `Les menus de la cantine sont en ligne : ${url}`,
    rules: (url) => `Le règlement intérieur des services périscolaires : ${url}`,
    ccas: (c) => [`${c.name} : ${c.address}`, `Téléphone : ${c.phone}${c.email ? ` · ${c.email}` : ''}`, `Accueil : ${c.hours}`].join('\n'),
    unknown: (c) => `Je n’ai pas cette information. Le ${c.name} vous répondra : ${c.phone}${c.email ? `, ${c.email}` : ''} (${c.hours}), ${c.address}.`,
  },

  promotion: (child, service, when) => `🎉 Une place s’est libérée : ${child} a maintenant sa place (${service}) ${when}.`,
  staffCancellation: (child, service, feminine, when) => `ℹ️ ${child} : ${service} ${agree('annulé', feminine)} par le service enfance ${when}. Pour toute question, contactez le CCAS.`,
};
