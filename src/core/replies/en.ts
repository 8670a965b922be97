/** The English catalogue: every sentence an English-speaking parent reads (English typography: no space before ?!:;, “quotes”). */
import type { Catalogue, ServiceFacts } from './catalogue.js';
import { capitalize, joinList } from './catalogue.js';
import { formatDateEn } from './format.js';
import { isoWeekday, type IsoDate } from '../time.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "14 January": the date without its weekday. */
const dayMonth = (d: IsoDate) => formatDateEn(d).replace(/^\S+ /, '');

function dates(list: readonly IsoDate[]): string {
  const sorted = [...list].sort();
  if (sorted.length > 4) {
    // Every one the same weekday: "on 5 Thursdays from 14 January to 11 February".
    const wd = isoWeekday(sorted[0]!);
    if (sorted.every((d) => isoWeekday(d) === wd)) return `on ${sorted.length} ${WEEKDAYS[wd - 1]}s from ${dayMonth(sorted[0]!)} to ${dayMonth(sorted[sorted.length - 1]!)}`;
    return `on ${sorted.length} days from ${formatDateEn(sorted[0]!)} to ${formatDateEn(sorted[sorted.length - 1]!)}`;
  }
  return `on ${joinList(sorted.map(formatDateEn), 'and')}`;
}

const PER = { meal: 'a meal', session: 'a session', day: 'a day', halfDay: 'a half-day' } as const;
const days = (w: readonly number[]) => joinList(w.map((d) => `${WEEKDAYS[d - 1]}s`), 'and');

export const en: Catalogue = {
  lang: 'en',
  date: formatDateEn,
  dates,
  span: (from, to) => (from === to ? formatDateEn(from) : `${formatDateEn(from)} – ${formatDateEn(to)}`),
  weekday: (d) => WEEKDAYS[d - 1]!,
  outcome: {
    booked: (d) => `✅ ${d.child}: ${d.service} booked ${d.when}`,
    already_booked: (d) => `☑️ ${d.child}: ${d.service} already booked ${d.when}`,
    waiting_list: (d) => `⏳ ${d.child}: ${d.service} full ${d.when}, on the waiting list (${d.extra})`,
    already_waiting: (d) => `⏳ ${d.child}: already on the ${d.service} waiting list ${d.when} (${d.extra})`,
    cancelled: (d) => `✅ ${d.child}: ${d.service} cancelled ${d.when}`,
    left_waiting_list: (d) => `✅ ${d.child}: off the ${d.service} waiting list ${d.when}`,
    not_booked: (d) => `ℹ️ ${d.child}: ${d.service} was not booked ${d.when}`,
    absent: (d) => `🤒 ${d.child}: absence recorded for ${d.service} ${d.when}`,
    already_absent: (d) => `☑️ ${d.child}: absence already recorded for ${d.service} ${d.when}`,
    refused: (d) => `⛔ ${d.child}: ${d.service} ${d.when}: ${d.extra}`,
  },
  reason: {
    SERVICE_NOT_RUNNING: (r, c) => `no ${c.service} on ${WEEKDAYS[r.weekday - 1]}s`,
    CLOSED_DAY: (r) => {
      const c = r.closed;
      switch (c.code) {
        case 'SCHOOL_HOLIDAY':
          return `school holidays (${c.name})`;
        case 'PUBLIC_HOLIDAY':
          return `public holiday (${c.name})`;
        case 'BRIDGE_DAY':
          return `no school that day (${c.name})`;
        case 'CLOSURE':
          return `closed that day (${c.reason})`;
        case 'OUTSIDE_SCHOOL_YEAR':
          return 'outside the school year';
      }
    },
    DEADLINE_PASSED: (r, c) => `too late: ${r.change === 'booking' ? 'bookings' : 'cancellations'} closed on ${c.instant(r.deadline)}`,
    CANCELLATION_NOT_ALLOWED: () => 'this service cannot be cancelled (an absence can be reported)',
    DAY_PASSED: () => 'that day is over',
    UNKNOWN_CHILD: () => 'child not found in your family',
    UNKNOWN_SERVICE: () => 'unknown service',
  },
  waitingRank: (rank) => `position ${rank}`,
  instant: (date, time) => `${formatDateEn(date)} at ${time}`,
  list: (items) => joinList(items, 'and'),

  buttons: { confirm: 'Confirm', drop: 'Never mind', undo: 'Undo', all: 'All' },
  keywords: { yes: 'YES', no: 'NO', undo: 'UNDO' },

  ask: {
    child: (s) => `For which child? (${s})`,
    service: (s) => `Which service? (${s})`,
    date: (s) => `For which day? For example “tomorrow”, “Thursday” or “from 7 to 11 December”. (${s})`,
  },
  childChoices: (names) =>
    names.length === 1 ? `Answer ${names[0]} if the request is for ${names[0]}.` : `Answer ${joinList([...names, names.length === 2 ? 'both' : 'all'], 'or')}.`,
  confirm: (size, lines) =>
    [
      `This makes ${size} changes; please check them before I make them:`,
      ...lines.map((l) => {
        const verb = l.intent === 'book' ? 'book' : l.intent === 'cancel' ? 'cancel' : 'report absent for';
        const what = l.service ?? 'everything booked';
        return `• ${l.child}: ${verb} ${what} ${l.when}`;
      }),
      'Confirm?',
    ].join('\n'),
  confirmUnverified: (s) =>
    `I could not check that this message really comes from you, so nothing was changed yet. What I understood: ${s}. To apply it, reply YES to this email; otherwise ignore it.`,
  undoNeedsProof: 'I could not check that this message really comes from you, so nothing was undone. To undo a change, reply UNDO to the email that confirmed it.',
  planSummary: (l) => {
    const verb = l.intent === 'book' ? 'book' : l.intent === 'cancel' ? 'cancel' : 'report absent';
    const what = l.services ?? (l.intent === 'book' ? '' : 'everything');
    return [verb, what, l.children && `for ${l.children}`, l.when].filter(Boolean).join(' ');
  },
  unknownChildren: (written, known) =>
    `I do not know ${joinList(written, 'or')} in your family: ${known.length === 1 ? `the child registered is ${known[0]}` : `your registered children are ${joinList(known, 'and')}`}. Nothing was changed: please write your request again with your child’s first name.`,
  unknownChildrenAsk: (written, known) =>
    `I do not know ${joinList(written, 'or')} in your family: ${known.length === 1 ? `the child registered is ${known[0]}` : `your registered children are ${joinList(known, 'and')}`}. Nothing was changed.`,
  pendingSetAside: '(I have set the previous question aside.)',
  expired: 'This question has expired: please write your request again.',
  nothingPending: 'I have no question waiting: if you were answering one, it has expired and nothing was changed. Please write your request again.',
  dropped: 'All right, nothing was changed.',
  nothingToChange: 'Nothing to change.',
  nothingWasBooked: (child, when) => `ℹ️ ${child}: nothing was booked ${when}`,
  illnessHint: 'If your child is ill, write “… is sick”: the absence is recorded at any time.',
  noUndo: 'There is no recent change to undo.',
  undoExpired: 'This change can no longer be undone (15 minutes have passed).',
  undoneHead: '↩️ Undone:',
  correctedHead: '✏️ Corrected:',
  noChildren: 'No child is registered in your family yet: please contact the CCAS.',
  tooLong: (max) => `Your message is too long for me to read in full (over ${max} characters): please write your request in a few lines.`,
  greeting: (child) => `Hello! Tell me what you would like to book or cancel, for example “${child} has lunch at school on Thursday”.`,
  thanks: 'You are welcome, have a nice day!',
  undoAfterNo: 'You answered “no”: do you want me to undo what I have just done? Reply “yes” or tap “Undo”; otherwise nothing changes.',
  keptAsIs: 'All right, I am not changing anything.',
  stillAsking: 'I still need your answer:',
  acknowledged: 'All right.',
  notUnderstood: (a) => `Sorry, I did not understand. You can write for example: “${a} has lunch at school on Thursday”, “cancel ${a} on Wednesday” or “help”.`,
  help: (children) => {
    const a = children[0] ?? 'Léa';
    const b = children[1] ?? children[0] ?? 'Tom';
    return [
      'I book and cancel the school lunch, morning and after-school care and the Wednesday club. Write as you would to a person, for example:',
      `• “${a} has lunch at school on Monday and Tuesday”`,
      `• “cancel ${b}’s after-school care on Friday”`,
      `• “${a} is sick today” (the absence is recorded, even on the day itself)`,
      `• “what does ${a} have this week?”`,
      'I also answer questions about prices, opening hours, menus and the rules.',
      'Every change can be undone for 15 minutes with the “Undo” button.',
    ].join('\n');
  },
  listHead: (span, who) => (who?.length ? `Bookings for ${joinList(who, 'and')} (${span}):` : `Bookings (${span}):`),
  listEmpty: (span, who) => (who?.length ? `Nothing is booked for ${joinList(who, 'and')} (${span}).` : `Nothing is booked (${span}).`),
  listLine: (date, items) => `• ${capitalize(date)} — ${items}`,
  listItem: (child, service, state) => `${child}: ${service}${state === 'absent' ? ' (absent)' : state === 'waiting' ? ' (waiting list)' : ''}`,
  serviceNotRunning: (service, weekday, runs) => `ℹ️ There is no ${service} on ${WEEKDAYS[weekday - 1]}s: it runs on ${days(runs)}.`,
  closedDay: (service, date, why) => `ℹ️ No ${service} on ${date}: ${why}.`,
  leftOutHoliday: (name, from, to) => `ℹ️ No service during the school holidays (${name}), from ${from} to ${to}: those days are left out.`,
  leftOutDays: (when, why) => `ℹ️ No service ${when} (${why}): left out.`,
  noServiceOn: (phrases, asked) => `ℹ️ No service runs ${joinList(phrases.map((p) => `“${p}”`), 'or')} (holidays, weekend or public holiday)${asked === 'change' ? ': nothing was changed' : ''}.`,
  otherChildAmbiguous: 'For which other child?',

  info: {
    prices: (lines, note) => ['Prices:', ...lines.map((l) => `• ${l}`), ...(note ? [note] : [])].join('\n'),
    priceLine: (s: ServiceFacts) => (s.price ? `${capitalize(s.name)}: ${en.info.price(s.price)}` : null),
    price: (p) => `€${p.amount.toFixed(2)} ${PER[p.per]}`,
    openHours: (h, w) => `${h.from} to ${h.to}, on ${days(w)}`,
    hours: (lines) => ['Opening hours:', ...lines.map((l) => `• ${l}`)].join('\n'),
    hoursLine: (s) => (s.hours ? `${capitalize(s.name)}: ${en.info.openHours(s.hours, s.weekdays)}` : null),
    menus: (url) => `The canteen menus are online: ${url}`,
    rules: (url) => `The rules of the children’s services (règlement intérieur): ${url}`,
    ccas: (c) => [`${c.name}: ${c.address}`, `Phone: ${c.phone}${c.email ? ` · ${c.email}` : ''}`, `Opening hours: ${c.hours}`].join('\n'),
    unknown: (c) => `I do not have that information. The ${c.name} will answer you: ${c.phone}${c.email ? `, ${c.email}` : ''} (${c.hours}), ${c.address}.`,
  },

  promotion: (child, service, when) => `🎉 A place opened up: ${child} is now booked for ${service} ${when}.`,
  staffCancellation: (child, service, _feminine, when) => `ℹ️ ${child}: ${service} cancelled by the children’s services ${when}. For any question, contact the CCAS.`,
};
