/**
 * Interpreter benchmark: the dev corpus, repeated, on one core (one
 * JavaScript thread), after a warm-up. Prints messages per second, the
 * p50/p99 time of one message, and two baselines measured in the same run
 * on the same messages: folding the text (`normalize('NFD').toLowerCase()`)
 * and a bare chrono-node parse (French then English) of the text.
 *
 *   npx tsx -e "import('./bench/interpreter.ts').then(m=>m.runInterpreterBench())"
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import { SchoolCalendar } from '../src/core/calendar.js';
import { parseTownConfig } from '../src/core/config.js';
import { interpret } from '../src/core/interpretation/index.js';

interface Case {
  text: string;
  now: Date;
  children: string[];
}

function loadCorpus(): Case[] {
  const path = fileURLToPath(new URL('../tests/fixtures/nlu/dev.jsonl', import.meta.url));
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const c = JSON.parse(l) as { text: string; now: string; children: string[] };
      return { text: c.text, now: new Date(c.now), children: c.children };
    });
}

function percentile(sorted: Float64Array, p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

interface Stats {
  perSecond: number;
  p50: number;
  p99: number;
  meanMs: number;
}

/** Times `fn` on every case, `rounds` times over, one call per sample; returns throughput and latency percentiles (ms). */
function measure(cases: readonly Case[], rounds: number, fn: (c: Case) => unknown): Stats {
  const samples = new Float64Array(cases.length * rounds);
  let k = 0;
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (const c of cases) {
      const s = process.hrtime.bigint();
      const out = fn(c);
      samples[k++] = Number(process.hrtime.bigint() - s) / 1e6;
      if (out !== undefined) sink++;
    }
  }
  const totalMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (sink < 0) console.log(sink);
  samples.sort();
  return { perSecond: (samples.length / totalMs) * 1000, p50: percentile(samples, 50), p99: percentile(samples, 99), meanMs: totalMs / samples.length };
}

/** Runs the interpreter benchmark and prints its figures. */
export async function runInterpreterBench(): Promise<void> {
  const configPath = fileURLToPath(new URL('../config/town.json', import.meta.url));
  const config = parseTownConfig(JSON.parse(readFileSync(configPath, 'utf8')));
  const calendar = new SchoolCalendar(config.calendar);
  const cases = loadCorpus();

  const run = (c: Case): unknown => interpret(c.text, { now: c.now, children: c.children, config, calendar });
  const fold = (c: Case): unknown => c.text.normalize('NFD').toLowerCase();
  const bareChrono = (c: Case): unknown => {
    const ref = { instant: c.now, timezone: 'CET' };
    return chrono.fr.parse(c.text, ref, { forwardDate: true }).length + chrono.en.parse(c.text, ref, { forwardDate: true }).length;
  };

  // Warm-up: let the JIT settle on every path.
  measure(cases, 30, run);
  measure(cases, 30, fold);
  measure(cases, 10, bareChrono);

  const rounds = 200;
  const main = measure(cases, rounds, run);
  const base = measure(cases, rounds, fold);
  const chronoStats = measure(cases, 50, bareChrono);

  const f = (x: number, d = 3): string => x.toFixed(d);
  console.log(`interpreter bench: ${cases.length} dev messages × ${rounds} rounds, one thread, after warm-up`);
  console.log(`  interpret            ${f(main.perSecond, 0).padStart(9)} msgs/s   p50 ${f(main.p50)} ms   p99 ${f(main.p99)} ms`);
  console.log(`  baseline NFD+lower   ${f(base.perSecond, 0).padStart(9)} msgs/s   p50 ${f(base.p50, 4)} ms   p99 ${f(base.p99, 4)} ms   interpret/baseline mean time ×${f(main.meanMs / base.meanMs, 0)}`);
  console.log(`  baseline bare chrono ${f(chronoStats.perSecond, 0).padStart(9)} msgs/s   p50 ${f(chronoStats.p50)} ms   p99 ${f(chronoStats.p99)} ms   interpret/chrono mean time ×${f(main.meanMs / chronoStats.meanMs, 2)}`);
  console.log(`  p99 budget 5 ms: ${main.p99 < 5 ? 'met' : 'MISSED'}`);
}
