/**
 * Shared helpers for the interpreter tests: the town configuration and
 * calendar from config/town.json, and a short way to interpret a message.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SchoolCalendar } from '../../../src/core/calendar.js';
import { parseTownConfig } from '../../../src/core/config.js';
import { interpret, type Action, type Interpretation } from '../../../src/core/interpretation/index.js';

export const config = parseTownConfig(JSON.parse(readFileSync(fileURLToPath(new URL('../../../config/town.json', import.meta.url)), 'utf8')));
export const calendar = new SchoolCalendar(config.calendar);

/** Léa and Tom, the default family of these tests. */
export const FAMILY = ['Léa', 'Tom'];

/** Interprets `text` received at `now` (an ISO instant with offset) for a family. */
export function read(text: string, now: string, children: string[] = FAMILY): Interpretation {
  return interpret(text, { now: new Date(now), children, config, calendar });
}

/** The actions, in a stable order, for set comparison. */
export function actionsOf(text: string, now: string, children: string[] = FAMILY): Action[] {
  return sortActions(read(text, now, children).actions);
}

export function sortActions(actions: readonly Action[]): Action[] {
  return [...actions].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** A contract action, for expectations. */
export function act(intent: Action['intent'], children: string[] | null, services: string[] | null, dates: string[] | null): Action {
  return { intent, children, services, dates } as Action;
}

/** The dates of the single action a message gives. */
export function datesOf(text: string, now: string, children: string[] = FAMILY): string[] | null {
  const actions = read(text, now, children).actions;
  if (actions.length !== 1) throw new Error(`expected one action for "${text}", got ${JSON.stringify(actions)}`);
  return actions[0]!.dates;
}

/** A labelled case of a corpus file (JSON lines, as the interpretation contract's corpora). */
export interface Case {
  id: string;
  text: string;
  now: string;
  children: string[];
  expected: Action[];
}

/** Reads a corpus of labelled cases, one JSON object a line; `expected` is the list of actions or `{ "actions": [...] }`. */
export function loadCases(url: URL): Case[] {
  return readFileSync(fileURLToPath(url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const c = JSON.parse(l) as Omit<Case, 'expected'> & { expected: Action[] | { actions: Action[] } };
      return { ...c, expected: Array.isArray(c.expected) ? c.expected : c.expected.actions };
    });
}

/** An action as one comparable string, every field included. */
export function canonical(a: Action): string {
  return JSON.stringify({ intent: a.intent, children: a.children, services: a.services, dates: a.dates });
}

/** The contract's scoring: the set of actions equals the expected set. */
export function sameSet(got: readonly Action[], expected: readonly Action[]): boolean {
  const g = [...new Set(got.map(canonical))].sort();
  const e = [...new Set(expected.map(canonical))].sort();
  return g.length === e.length && got.length === expected.length && g.every((x, i) => x === e[i]);
}

/** Scores a corpus as the contract does; `wrong` describes each case missed, expected beside got. */
export function scoreCorpus(cases: readonly Case[]): { score: number; right: number; wrong: string[] } {
  const wrong: string[] = [];
  for (const c of cases) {
    const got = read(c.text, c.now, c.children).actions;
    if (!sameSet(got, c.expected)) {
      wrong.push(`${c.id} ${JSON.stringify(c.text)}\n    expected ${c.expected.map(canonical).join(' ')}\n    got      ${got.map(canonical).join(' ')}`);
    }
  }
  return { score: (cases.length - wrong.length) / cases.length, right: cases.length - wrong.length, wrong };
}
