/**
 * The conversation, whatever the channel: a guardian's message (or the
 * press of a button) → interpretation → a plan of booking changes → applied
 * at once when clear and small, or put to the guardian as a question → a
 * reply saying exactly what changed, what did not, and why.
 */
import { bookChildren } from '../bookings/bookChildren.js';
import { cancelBookings } from '../bookings/cancelBookings.js';
import { listBookings } from '../bookings/listBookings.js';
import type { AbsenceOutcome, BookOutcome, CancelOutcome, Promotion } from '../bookings/outcomes.js';
import { reportAbsence } from '../bookings/reportAbsence.js';
import { ChildId, type GuardianId } from '../ids.js';
import { fold, interpret, type Interpretation } from '../interpretation/index.js';
import type { Actor, Channel } from '../model.js';
import type { BookingStore, ConversationStore, FamilyRecord, FamilyStore, GuardianRecord } from '../ports.js';
import { addDays, isoWeekday, type IsoDate } from '../time.js';
import type { Town } from '../town.js';
import { datesPhrase, outcomeLines } from './outcomeLines.js';
import {
  CONFIRM_ABOVE,
  emptyState,
  minutesLater,
  PENDING_MINUTES,
  prune,
  UNDO_MINUTES,
  type ConversationState,
  type Planned,
  type UndoItem,
} from './state.js';
import { formatDate, helpText, LABELS, notUnderstoodText, serviceName, type Lang } from './texts.js';

/** A button under a reply: its label, the data it sends back, and the word that does the same by email. */
export interface Button {
  label: string;
  data: string;
  keyword: string;
}

export interface Reply {
  lang: Lang;
  text: string;
  buttons: Button[][];
  /** Waiting-list places granted to other families by this change, for the channels to announce. */
  promotions: Promotion[];
  /** The message asked nothing about bookings (not understood, or only for help): the email channel's loop limit counts these. */
  noRequest?: true;
}

export interface ConversationDeps {
  store: BookingStore;
  families: FamilyStore;
  conversations: ConversationStore;
  town: Town;
  /** Short random ids for pending questions and undo entries. */
  newId: () => string;
}

export interface MessageInput {
  guardian: GuardianRecord;
  channel: Channel;
  text: string;
  now: Date;
  /**
   * The sender is not proven (an email without the town server's pass, out
   * of our thread): nothing is changed; what was understood is put to the
   * guardian as a question to confirm by replying to our email.
   */
  confirmFirst?: boolean;
}

/** Longest message read (the email channel answers longer new text with a request for a shorter one). */
const MAX_TEXT = 20_000;

const YES = /^(oui|ouais|ok|okay|d ?accord|dac|yes|yep|yeah|sure|confirm\w*|vas y|go|c est bon|parfait|valide\w*)\b/;
const NO = /^(non|no|nope|laisse tomber|laissez tomber|never ?mind|pas la peine|stop)\b/;
const UNDO = /^(finalement non|non finalement|annule ca|annule ça|annulez ca|defai\w*|defaire|undo|revert|oublie ca|oubliez)\b/;
const ALSO = /\b(aussi|pareil|idem|de meme|egalement|meme chose|too|also|same)\b/;
const THAT_DAY = /\b(ce jour la|ce jour-la|le meme jour|ces jours la|that day|the same day|those days)\b/;
const ABSENCE = /\b(malade|absente?s?|fievre|grippe|gastro|sick|ill|fever|medecin|docteur|rdv medical|rendez vous medical|hopital|hospitalise\w*)\b/;

function normalized(text: string): string {
  return fold(text)
    .replace(/['’`]/g, ' ')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function reply(lang: Lang, text: string, buttons: Button[][] = [], promotions: Promotion[] = []): Reply {
  return { lang, text, buttons, promotions };
}

/** Handles one message from a guardian and returns the answer; the state is saved before returning. */
export async function handleMessage(deps: ConversationDeps, input: MessageInput): Promise<Reply> {
  const family = await deps.families.byId(input.guardian.familyId);
  const children = family?.children ?? [];
  const text = input.text.slice(0, MAX_TEXT);
  const state = prune((await deps.conversations.load(input.guardian.id)) ?? emptyState(), input.now);
  const session = new Session(deps, input, family, state);
  const answer = await session.onText(text);
  await deps.conversations.save(input.guardian.id, session.state, input.now);
  return children.length === 0 && family
    ? reply(answer.lang, answer.lang === 'en' ? 'No child is registered in your family yet: please contact the CCAS.' : 'Aucun enfant n’est encore inscrit dans votre famille : contactez le CCAS.')
    : answer;
}

/** Handles the press of a button (its data), as if the guardian had answered in words. */
export async function handleButton(deps: ConversationDeps, input: Omit<MessageInput, 'text'> & { data: string }): Promise<Reply> {
  const family = await deps.families.byId(input.guardian.familyId);
  const state = prune((await deps.conversations.load(input.guardian.id)) ?? emptyState(), input.now);
  const session = new Session(deps, { ...input, text: '' }, family, state);
  const answer = await session.onButton(input.data);
  await deps.conversations.save(input.guardian.id, session.state, input.now);
  return answer;
}

/** The guardian's bookings from today to the end of next week (the /reservations command). */
export async function upcomingBookings(deps: ConversationDeps, input: Omit<MessageInput, 'text'>): Promise<Reply> {
  const family = await deps.families.byId(input.guardian.familyId);
  const session = new Session(deps, { ...input, text: '' }, family, emptyState());
  return session.listAll();
}

/** What the assistant can do, with examples using the family's children's names. */
export async function helpReply(deps: ConversationDeps, guardian: GuardianRecord): Promise<Reply> {
  const family = await deps.families.byId(guardian.familyId);
  return reply(guardian.language, helpText(guardian.language, (family?.children ?? []).map((c) => c.firstName)));
}

class Session {
  lang: Lang;
  readonly children: FamilyRecord['children'];
  private readonly actor: Actor;
  private readonly confirmFirst: boolean;

  constructor(
    private readonly deps: ConversationDeps,
    private readonly input: MessageInput,
    private readonly family: FamilyRecord | null,
    public state: ConversationState,
  ) {
    this.lang = state.pending?.lang ?? input.guardian.language;
    this.children = family?.children ?? [];
    this.actor = { type: 'guardian', id: input.guardian.id as GuardianId };
    this.confirmFirst = input.confirmFirst === true;
  }

  private get town(): Town {
    return this.deps.town;
  }

  private childName = (id: number) => this.children.find((c) => c.id === id)?.firstName ?? '?';

  private names(): string[] {
    return this.children.map((c) => c.firstName);
  }

  async onText(raw: string): Promise<Reply> {
    const text = normalized(raw);
    const interpretation: Interpretation = interpret(raw, {
      now: this.input.now,
      children: this.names(),
      config: this.town.config,
      calendar: this.town.calendar,
    });
    // A short answer ("1", "oui") says little about the language: keep the question's.
    const shortAnswer = this.state.pending !== null && text.split(' ').length <= 2;
    if (!shortAnswer && text !== '') this.lang = interpretation.language;

    const pending = this.state.pending;
    if (pending) {
      const answered = this.answerPending(text, interpretation);
      if (answered) return answered;
    }
    if (UNDO.test(text)) return this.confirmFirst ? this.undoNeedsProof() : this.undoLast();

    const planned: Planned[] = [];
    const extras: Reply[] = [];
    interpretation.actions.forEach((action, i) => {
      const note = interpretation.notes[i];
      if (action.intent === 'help') extras.push(reply(this.lang, helpText(this.lang, this.names())));
      if (action.intent !== 'book' && action.intent !== 'cancel') return;
      const childIds = action.children ? this.idsOf(action.children) : null;
      const dates = action.dates ? [...new Set([...action.dates, ...(note?.droppedDates ?? [])])].sort() : null;
      const intent = action.intent === 'cancel' && ABSENCE.test(text) ? 'absence' : action.intent;
      planned.push({ intent, childIds, services: action.services, dates });
    });

    // Lists are answered directly.
    const lists = interpretation.actions.filter((a) => a.intent === 'list');
    const listReplies: Reply[] = [];
    for (const a of lists) listReplies.push(await this.list(a.children ? this.idsOf(a.children) : null, a.dates));
    const requests = planned;

    if (requests.length === 0) {
      // A follow-up such as "et pour Tom aussi" or "the same for Tom".
      const followUp = this.followUp(text, interpretation);
      if (followUp) return this.proceed(followUp, [...listReplies, ...extras]);
      if (listReplies.length > 0) return merge(this.lang, [...listReplies, ...extras]);
      if (extras.length > 0) return { ...merge(this.lang, extras), noRequest: true };
      return { ...reply(this.lang, notUnderstoodText(this.lang, this.names())), noRequest: true };
    }
    // "ce jour-là": dates from the last exchange.
    if (this.state.last && THAT_DAY.test(text)) {
      const lastDates = [...new Set(this.state.last.actions.flatMap((a) => a.dates ?? []))].sort();
      for (const r of requests) if (!r.dates || r.dates.length === 0) r.dates = lastDates;
    }
    return this.proceed(requests, [...listReplies, ...extras]);
  }

  async onButton(data: string): Promise<Reply> {
    const [kind, id, arg] = data.split(':');
    if (kind === 'u') return this.confirmFirst ? this.undoNeedsProof() : this.undo(id ?? '');
    const pending = this.state.pending;
    if (!pending || pending.id !== id) {
      return reply(this.lang, this.lang === 'en' ? 'This question has expired: please write your request again.' : 'Cette question a expiré : écrivez à nouveau votre demande.');
    }
    this.lang = pending.lang;
    this.state.pending = null;
    if (kind === 'd') return reply(this.lang, this.lang === 'en' ? 'All right, nothing was changed.' : 'Entendu, rien n’a été modifié.');
    if (kind === 'c') return this.confirmFirst ? this.ask('confirm', pending.actions, await this.size(pending.actions)) : this.apply(pending.actions);
    if (kind === 'k') {
      const ids = arg === 'all' ? this.children.map((c) => c.id as number) : [Number(arg)].filter((n) => this.children.some((c) => c.id === n));
      for (const a of pending.actions) if (!a.childIds) a.childIds = ids;
      return this.proceed(pending.actions, []);
    }
    if (kind === 's') {
      const code = this.town.service(arg ?? '') ? arg! : null;
      for (const a of pending.actions) if (!a.services && code) a.services = [code];
      return this.proceed(pending.actions, []);
    }
    return reply(this.lang, notUnderstoodText(this.lang, this.names()));
  }

  /** A reply that completes the pending question, or null when the message is about something else. */
  private answerPending(text: string, interpretation: Interpretation): Promise<Reply> | null {
    const pending = this.state.pending!;
    if (pending.kind === 'confirm') {
      if (YES.test(text)) return this.onButton(`c:${pending.id}`);
      if (NO.test(text)) return this.onButton(`d:${pending.id}`);
      return null;
    }
    if (NO.test(text) && text.split(' ').length <= 3) return this.onButton(`d:${pending.id}`);
    if (pending.kind === 'child') {
      const number = /^(\d)$/.exec(text);
      if (number) {
        const n = Number(number[1]);
        if (n >= 1 && n <= this.children.length) return this.onButton(`k:${pending.id}:${this.children[n - 1]!.id}`);
        if (n === this.children.length + 1) return this.onButton(`k:${pending.id}:all`);
      }
      if (/^(tous|toutes|les deux|les 2|les trois|tous les \w+|all|both|everyone)\b/.test(text)) return this.onButton(`k:${pending.id}:all`);
      const named = interpretation.actions.find((a) => a.children)?.children;
      if (named) {
        const ids = this.idsOf(named);
        for (const a of pending.actions) if (!a.childIds) a.childIds = ids;
        this.state.pending = null;
        return this.proceed(pending.actions, []);
      }
      return null;
    }
    if (pending.kind === 'service') {
      const number = /^(\d)$/.exec(text);
      const services = this.town.serviceList;
      if (number && Number(number[1]) >= 1 && Number(number[1]) <= services.length) return this.onButton(`s:${pending.id}:${services[Number(number[1]) - 1]!.code}`);
      const named = interpretation.actions.find((a) => a.services)?.services;
      if (named) {
        for (const a of pending.actions) if (!a.services) a.services = named;
        this.state.pending = null;
        return this.proceed(pending.actions, []);
      }
      return null;
    }
    // A date.
    const dates = interpretation.actions.find((a) => a.dates && a.dates.length > 0)?.dates;
    if (dates) {
      for (const a of pending.actions) if (!a.dates) a.dates = dates;
      this.state.pending = null;
      return this.proceed(pending.actions, []);
    }
    return null;
  }

  /** "et pour Tom aussi", "pareil pour Tom", "the same for Tom": the last request again, for other children. */
  private followUp(text: string, interpretation: Interpretation): Planned[] | null {
    const last = this.state.last;
    if (!last || !ALSO.test(text)) return null;
    const named = interpretation.actions.find((a) => a.children)?.children;
    const ids = named ? this.idsOf(named) : this.namedIn(text);
    if (ids.length === 0) return null;
    return last.actions.map((a) => ({ ...a, childIds: ids }));
  }

  /** The children whose first name stands as a word in `text` (already folded). */
  private namedIn(text: string): number[] {
    const words = ` ${text.replace(/-/g, ' ')} `;
    return this.children.filter((c) => words.includes(` ${normalized(c.firstName).replace(/-/g, ' ')} `)).map((c) => c.id);
  }

  private idsOf(names: readonly string[]): number[] {
    return names.map((n) => this.children.find((c) => c.firstName === n)?.id).filter((id): id is ChildId => id !== undefined);
  }

  /** Asks for what is missing, asks to confirm what is large, applies the rest. */
  private async proceed(actions: Planned[], before: Reply[]): Promise<Reply> {
    const missingChild = actions.find((a) => !a.childIds || a.childIds.length === 0);
    if (missingChild && this.children.length === 1) for (const a of actions) if (!a.childIds?.length) a.childIds = [this.children[0]!.id];
    if (actions.some((a) => !a.childIds || a.childIds.length === 0)) return merge(this.lang, [...before, this.ask('child', actions)]);
    if (actions.some((a) => a.intent === 'book' && !a.services)) return merge(this.lang, [...before, this.ask('service', actions)]);
    if (actions.some((a) => !a.dates)) return merge(this.lang, [...before, this.ask('date', actions)]);
    const size = await this.size(actions);
    if (size > CONFIRM_ABOVE || this.confirmFirst) return merge(this.lang, [...before, this.ask('confirm', actions, size)]);
    return merge(this.lang, [...before, await this.apply(actions)]);
  }

  private ask(kind: 'child' | 'service' | 'date' | 'confirm', actions: Planned[], size = 0): Reply {
    const id = this.deps.newId();
    // A question sent by email to confirm an unproven message waits for the guardian to read it.
    const minutes = this.confirmFirst ? 24 * 60 : PENDING_MINUTES;
    this.state.pending = { id, kind, actions, expiresAt: minutesLater(this.input.now, minutes), lang: this.lang };
    const en = this.lang === 'en';
    const drop: Button = { label: LABELS.drop[this.lang], data: `d:${id}`, keyword: en ? 'NO' : 'NON' };
    switch (kind) {
      case 'child': {
        const buttons = this.children.map((c, i) => ({ label: c.firstName, data: `k:${id}:${c.id}`, keyword: String(i + 1) }));
        buttons.push({ label: LABELS.all[this.lang], data: `k:${id}:all`, keyword: String(this.children.length + 1) });
        return reply(this.lang, en ? `For which child? (${this.describe(actions)})` : `Pour quel enfant ? (${this.describe(actions)})`, [buttons, [drop]]);
      }
      case 'service': {
        const buttons = this.town.serviceList.map((s, i) => ({ label: capitalize(serviceName(s, s.code, this.lang)), data: `s:${id}:${s.code}`, keyword: String(i + 1) }));
        return reply(this.lang, en ? `Which service? (${this.describe(actions)})` : `Pour quel service ? (${this.describe(actions)})`, [...pairs(buttons), [drop]]);
      }
      case 'date':
        return reply(
          this.lang,
          en ? `For which day? For example "tomorrow", "Thursday" or "from 7 to 11 December". (${this.describe(actions)})` : `Pour quel jour ? Par exemple « demain », « jeudi » ou « du 7 au 11 décembre ». (${this.describe(actions)})`,
          [[drop]],
        );
      case 'confirm':
        if (this.confirmFirst) {
          return reply(
            this.lang,
            en
              ? `I could not check that this message really comes from you, so nothing was changed yet. What I understood: ${this.describe(actions)}. To apply it, reply YES to this email; otherwise ignore it.`
              : `Je n’ai pas pu vérifier que ce message vient bien de vous : rien n’a encore été modifié. Voici ce que j’ai compris : ${this.describe(actions)}. Pour l’appliquer, répondez OUI à cet email ; sinon, ignorez-le.`,
            [[{ label: LABELS.confirm[this.lang], data: `c:${id}`, keyword: en ? 'YES' : 'OUI' }, drop]],
          );
        }
        return reply(
          this.lang,
          en
            ? `This changes ${size} bookings: ${this.describe(actions)}. Confirm?`
            : `Cela fait ${size} changements : ${this.describe(actions)}. Confirmer ?`,
          [[{ label: LABELS.confirm[this.lang], data: `c:${id}`, keyword: en ? 'YES' : 'OUI' }, drop]],
        );
    }
  }

  /** A short summary of planned actions: "réserver cantine pour Léa, 23 jours, du … au …". */
  private describe(actions: Planned[]): string {
    const en = this.lang === 'en';
    return actions
      .map((a) => {
        const verb = a.intent === 'book' ? (en ? 'book' : 'réserver') : a.intent === 'cancel' ? (en ? 'cancel' : 'annuler') : en ? 'report absent' : 'signaler absent';
        const who = a.childIds?.length ? a.childIds.map(this.childName).join(en ? ' and ' : ' et ') : '';
        const what = a.services ? a.services.map((c) => serviceName(this.town.service(c), c, this.lang)).join(', ') : a.intent === 'book' ? '' : en ? 'everything' : 'tout';
        const when = a.dates?.length ? datesPhrase(a.dates, this.lang) : '';
        return [verb, what, who && (en ? `for ${who}` : `pour ${who}`), when].filter(Boolean).join(' ');
      })
      .join(' ; ');
  }

  /** How many bookings a plan would change (for cancellations: those that exist). */
  private async size(actions: Planned[]): Promise<number> {
    let n = 0;
    for (const a of actions) {
      const dates = a.dates ?? [];
      if (dates.length === 0) continue;
      if (a.intent === 'book') {
        for (const code of a.services ?? []) {
          const service = this.town.service(code);
          if (!service) continue;
          n += dates.filter((d) => this.town.calendar.runs(service, d)).length * (a.childIds?.length ?? 0);
        }
      } else {
        const rows = await listBookings({ store: this.deps.store }, { childIds: (a.childIds ?? []).map(ChildId), from: dates[0], to: dates[dates.length - 1] });
        const set = new Set(dates);
        n += rows.filter((r) => set.has(r.date) && r.state !== 'cancelled' && (!a.services || a.services.includes(r.serviceCode))).length;
      }
    }
    return n;
  }

  /** Applies the plan through the booking use cases and says what happened. */
  private async apply(actions: Planned[]): Promise<Reply> {
    const base = { actor: this.actor, channel: this.input.channel, now: this.input.now, familyId: this.family?.id };
    const lines: string[] = [];
    const undo: UndoItem[] = [];
    const promotions: Promotion[] = [];
    const ctx = { town: this.town.config, lang: this.lang, childName: this.childName };
    for (const a of actions) {
      const req = { ...base, childIds: (a.childIds ?? []).map(ChildId), serviceCodes: a.services, dates: a.dates ?? [] };
      let outcomes: (BookOutcome | CancelOutcome | AbsenceOutcome)[] = [];
      if (a.intent === 'book') {
        outcomes = await bookChildren(this.deps, { ...req, serviceCodes: a.services ?? [] });
      } else if (a.intent === 'cancel') {
        const r = await cancelBookings(this.deps, req);
        outcomes = r.items;
        promotions.push(...r.promotions);
      } else {
        const r = await reportAbsence(this.deps, { ...req, reason: this.input.text.slice(0, 200) });
        outcomes = r.items;
        promotions.push(...r.promotions);
      }
      lines.push(...outcomeLines(outcomes, ctx));
      if (a.services === null && a.intent !== 'book') {
        // "annule tout": say which days held nothing at all.
        for (const childId of a.childIds ?? []) {
          const empty = (a.dates ?? []).filter((d) => !outcomes.some((o) => o.childId === childId && o.date === d));
          if (empty.length > 0) lines.push(this.lang === 'en' ? `ℹ️ ${this.childName(childId)}: nothing was booked ${datesPhrase(empty, this.lang)}` : `ℹ️ ${this.childName(childId)} : rien n’était réservé ${datesPhrase(empty, this.lang)}`);
        }
      }
      undo.push(...undoItems(outcomes));
      if (a.intent === 'cancel' && outcomes.some((o) => o.outcome === 'refused' && o.reason.code === 'DEADLINE_PASSED')) {
        lines.push(this.lang === 'en' ? 'If your child is ill, write "… is sick": the absence is recorded at any time.' : 'Si votre enfant est malade, écrivez « … est malade » : l’absence est notée à tout moment.');
      }
    }
    this.state.last = { actions, at: this.input.now.toISOString() };
    const buttons: Button[][] = [];
    if (undo.length > 0) {
      const id = this.deps.newId();
      this.state.undo.push({ id, items: undo, expiresAt: minutesLater(this.input.now, UNDO_MINUTES) });
      buttons.push([{ label: LABELS.undo[this.lang], data: `u:${id}`, keyword: this.lang === 'en' ? 'UNDO' : 'DEFAIRE' }]);
    }
    if (lines.length === 0) lines.push(this.lang === 'en' ? 'Nothing to change.' : 'Rien à modifier.');
    return reply(this.lang, lines.join('\n'), buttons, promotions);
  }

  /** An unproven message cannot undo: the guardian answers our own email instead. */
  private undoNeedsProof(): Promise<Reply> {
    return Promise.resolve(
      reply(
        this.lang,
        this.lang === 'en'
          ? 'I could not check that this message really comes from you, so nothing was undone. To undo a change, reply UNDO to the email that confirmed it.'
          : 'Je n’ai pas pu vérifier que ce message vient bien de vous : rien n’a été défait. Pour défaire un changement, répondez DEFAIRE à l’email qui l’a confirmé.',
      ),
    );
  }

  private undoLast(): Promise<Reply> {
    const last = this.state.undo[this.state.undo.length - 1];
    if (!last) return Promise.resolve(reply(this.lang, this.lang === 'en' ? 'There is no recent change to undo.' : 'Il n’y a pas de changement récent à défaire.'));
    return this.undo(last.id);
  }

  /** Reverts an applied change, as far as the deadlines allow. */
  private async undo(id: string): Promise<Reply> {
    const entry = this.state.undo.find((u) => u.id === id);
    if (!entry) {
      return reply(this.lang, this.lang === 'en' ? 'This change can no longer be undone (15 minutes have passed).' : 'Ce changement ne peut plus être défait (plus de 15 minutes).');
    }
    this.state.undo = this.state.undo.filter((u) => u.id !== id);
    const base = { actor: this.actor, channel: this.input.channel, now: this.input.now, familyId: this.family?.id };
    const ctx = { town: this.town.config, lang: this.lang, childName: this.childName };
    const lines: string[] = [];
    const promotions: Promotion[] = [];
    const byChange = new Map<string, UndoItem[]>();
    for (const item of entry.items) {
      const revert = item.after === 'booked' || item.after === 'waiting' ? 'cancel' : 'book';
      const key = `${revert}|${item.childId}|${item.serviceCode}`;
      byChange.set(key, [...(byChange.get(key) ?? []), item]);
    }
    for (const [key, items] of byChange) {
      const [revert] = key.split('|');
      const req = { ...base, childIds: [ChildId(items[0]!.childId)], serviceCodes: [items[0]!.serviceCode], dates: items.map((i) => i.date) };
      if (revert === 'cancel') {
        const r = await cancelBookings(this.deps, req);
        lines.push(...outcomeLines(r.items, ctx));
        promotions.push(...r.promotions);
      } else {
        lines.push(...outcomeLines(await bookChildren(this.deps, req), ctx));
      }
    }
    this.state.last = null;
    const head = this.lang === 'en' ? '↩️ Undone:' : '↩️ Défait :';
    return reply(this.lang, [head, ...lines].join('\n'), [], promotions);
  }

  listAll(): Promise<Reply> {
    return this.list(null, null);
  }

  /** What is booked for some children (all when null) on some days (when null: from today to the end of next week). */
  private async list(childIds: number[] | null, dates: readonly IsoDate[] | null): Promise<Reply> {
    const today = this.town.today(this.input.now);
    const from = dates?.length ? dates[0]! : today;
    const to = dates?.length ? dates[dates.length - 1]! : addDays(today, 14 - isoWeekday(today));
    const ids = childIds ?? this.children.map((c) => c.id as number);
    const rows = (await listBookings({ store: this.deps.store }, { childIds: ids.map(ChildId), from, to })).filter(
      (r) => r.state !== 'cancelled' && (!dates || dates.includes(r.date)),
    );
    const en = this.lang === 'en';
    const span = `${formatDate(from, this.lang)} – ${formatDate(to, this.lang)}`;
    if (rows.length === 0) return reply(this.lang, en ? `Nothing is booked (${span}).` : `Aucune réservation (${span}).`);
    const lines = [en ? `Bookings (${span}):` : `Réservations (${span}) :`];
    const byDate = new Map<string, string[]>();
    for (const r of rows) {
      const name = serviceName(this.town.service(r.serviceCode), r.serviceCode, this.lang);
      const mark = r.state === 'absent' ? (en ? ' (absent)' : ' (absent)') : r.state === 'waiting' ? (en ? ' (waiting list)' : ' (liste d’attente)') : '';
      byDate.set(r.date, [...(byDate.get(r.date) ?? []), `${r.firstName} : ${name}${mark}`]);
    }
    for (const [date, items] of byDate) lines.push(`• ${capitalize(formatDate(date as IsoDate, this.lang))} — ${items.join(', ')}`);
    return reply(this.lang, lines.join('\n'));
  }
}

/** What undoing each applied outcome takes. */
function undoItems(outcomes: readonly (BookOutcome | CancelOutcome | AbsenceOutcome)[]): UndoItem[] {
  const items: UndoItem[] = [];
  for (const o of outcomes) {
    const slot = { childId: o.childId, serviceCode: o.serviceCode, date: o.date };
    if (o.outcome === 'booked') items.push({ ...slot, before: 'none', after: 'booked' });
    else if (o.outcome === 'waiting_list') items.push({ ...slot, before: 'none', after: 'waiting' });
    else if (o.outcome === 'cancelled') items.push({ ...slot, before: 'booked', after: 'cancelled' });
    else if (o.outcome === 'absent') items.push({ ...slot, before: 'booked', after: 'absent' });
  }
  return items;
}

function merge(lang: Lang, replies: Reply[]): Reply {
  if (replies.length === 1) return replies[0]!;
  return {
    lang,
    text: replies.map((r) => r.text).join('\n\n'),
    buttons: replies.flatMap((r) => r.buttons),
    promotions: replies.flatMap((r) => r.promotions),
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function pairs<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += 2) out.push(items.slice(i, i + 2));
  return out;
}
