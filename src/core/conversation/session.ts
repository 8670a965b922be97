/**
 * What every step of the conversation shares for one message or button:
 * the dependencies, the guardian's family, the saved state, the language of
 * the reply and its catalogue.
 */
import { ChildId, type GuardianId } from '../ids.js';
import type { Actor } from '../model.js';
import type { FamilyRecord } from '../ports.js';
import { catalogue, type Catalogue, type Lang } from '../replies/catalogue.js';
import type { Town } from '../town.js';
import { serviceName } from './texts.js';
import type { ConversationState } from './state.js';
import type { ConversationDeps, MessageInput } from './types.js';

export class Session {
  lang: Lang;
  readonly children: FamilyRecord['children'];
  readonly actor: Actor;

  constructor(
    readonly deps: ConversationDeps,
    readonly input: MessageInput,
    readonly family: FamilyRecord | null,
    public state: ConversationState,
  ) {
    this.lang = state.pending?.lang ?? input.guardian.language;
    this.children = family?.children ?? [];
    this.actor = { type: 'guardian', id: input.guardian.id as GuardianId };
  }

  get town(): Town {
    return this.deps.town;
  }

  get words(): Catalogue {
    return catalogue(this.lang);
  }

  /** The sender is not proven: nothing is changed before the guardian confirms from our own email. */
  get confirmFirst(): boolean {
    return this.input.confirmFirst === true;
  }

  get now(): Date {
    return this.input.now;
  }

  childName = (id: number): string => this.children.find((c) => c.id === id)?.firstName ?? '?';

  names(): string[] {
    return this.children.map((c) => c.firstName);
  }

  allChildIds(): number[] {
    return this.children.map((c) => c.id as number);
  }

  idsOf(names: readonly string[]): number[] {
    return names.map((n) => this.children.find((c) => c.firstName === n)?.id).filter((id): id is ChildId => id !== undefined);
  }

  serviceName(code: string): string {
    return serviceName(this.town.service(code), code, this.lang);
  }

  /** What the booking use cases need besides the request itself. */
  base() {
    return { actor: this.actor, channel: this.input.channel, now: this.input.now, familyId: this.family?.id };
  }

  lineContext() {
    return { town: this.town.config, lang: this.lang, childName: this.childName };
  }
}
