/**
 * The interpretation contract's command: JSON lines in on stdin
 * ({"id", "text", "now", "children"}), one JSON line out per input, in the
 * same order and with the same id ({"id", "actions"}). A line that is not
 * valid gives {"id": <id or null>, "error": "..."} and the run goes on.
 * Only answers go to stdout; diagnostics go to stderr.
 *
 *   npm run --silent interpret < cases.jsonl > answers.jsonl
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SchoolCalendar } from '../src/core/calendar.js';
import { parseTownConfig } from '../src/core/config.js';
import { interpret } from '../src/core/interpretation/index.js';

const MAX_TEXT = 20_000;
const OFFSET_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

const inputSchema = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string().max(MAX_TEXT, `text longer than ${MAX_TEXT} characters`),
  now: z
    .string()
    .regex(OFFSET_INSTANT, 'now must be an ISO 8601 instant with an offset, e.g. 2026-12-01T18:30:00+01:00')
    .refine((s) => !Number.isNaN(new Date(s).getTime()), 'now is not a real instant'),
  children: z.array(z.string().trim().min(1, 'a child name is empty')).max(30),
});

type Id = string | number | null;

/** The town configuration, found from this file's place in the repository (not from the working directory). */
function loadTown(): { config: ReturnType<typeof parseTownConfig>; calendar: SchoolCalendar } {
  const path = fileURLToPath(new URL('../config/town.json', import.meta.url));
  const config = parseTownConfig(JSON.parse(readFileSync(path, 'utf8')));
  return { config, calendar: new SchoolCalendar(config.calendar) };
}

function idOf(value: unknown): Id {
  if (value && typeof value === 'object' && 'id' in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return null;
}

/** The answer line for one input line; never throws. */
function answerLine(line: string, town: ReturnType<typeof loadTown>): string {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return JSON.stringify({ id: null, error: 'malformed JSON line' });
  }
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
    return JSON.stringify({ id: idOf(raw), error: `invalid input: ${why}` });
  }
  const { id, text, now, children } = parsed.data;
  try {
    const result = interpret(text, { now: new Date(now), children, config: town.config, calendar: town.calendar });
    return JSON.stringify({ id, actions: result.actions });
  } catch (err) {
    process.stderr.write(`interpret failed for id ${String(id)}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return JSON.stringify({ id, error: 'internal error while interpreting this message' });
  }
}

async function main(): Promise<void> {
  const town = loadTown();
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let buffer: string[] = [];
  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const chunk = buffer.join('\n') + '\n';
    buffer = [];
    if (!process.stdout.write(chunk)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  };
  for await (const raw of rl) {
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '') continue;
    buffer.push(answerLine(line, town));
    if (buffer.length >= 256) await flush();
  }
  await flush();
}

main().catch((err: unknown) => {
  process.stderr.write(`interpret: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
