/**
 * Message interpretation: free text from a parent in, booking actions out.
 * See the interpretation contract for the exact output rules.
 */
export { interpret, fuzzyKeyword } from './interpret.js';
export type { Action, ActionNote, Intent, InterpretContext, Interpretation } from './types.js';
export { tokenize, fold, type Token } from './normalize.js';
export { osaDistance } from './distance.js';
export { fuzzyChild, indexChildren } from './children.js';
export { rentree, resolveDayOnly, type DateContext } from './calendarDays.js';
export { parseDates } from './dateGrammar.js';
export { resolveWeekday, resolveDates } from './dateResolution.js';
export { serviceStart } from './services.js';
