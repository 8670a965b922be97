// `npm run bench`: every benchmark, one after the other, printing its figures.
import { runBotBench } from './bot.js';
import { runCityDataBench } from './cityData.js';
import { runMailBench } from './mail.js';
import { runRentreeBench } from './rentree.js';
import { runStaffWebBench } from './staffWeb.js';

const benches: [string, () => Promise<void>][] = [
  ['booking core (rentrée)', runRentreeBench],
  ['city data (6,700 families, a school year)', runCityDataBench],
];
try {
  const { runInterpreterBench } = (await import('./interpreter.js')) as { runInterpreterBench: () => Promise<void> };
  benches.push(['interpreter', runInterpreterBench]);
} catch {
  // The interpreter bench arrives with the interpreter.
}
benches.push(['telegram bot (end to end)', runBotBench]);
benches.push(['mail (end to end)', runMailBench]);
benches.push(['staff web pages (rentrée data)', runStaffWebBench]);
const only = process.argv[2];
for (const [name, run] of benches) {
  if (only && !name.includes(only)) continue;
  console.log(`\n== ${name}`);
  await run();
}
