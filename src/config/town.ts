/** Loads the town's configuration file (config/town.json unless TOWN_CONFIG names another). */
import fs from 'node:fs';
import path from 'node:path';
import { parseTownConfig, type TownConfig } from '../core/config.js';

export const DEFAULT_TOWN_CONFIG = path.resolve(import.meta.dirname, '../../config/town.json');

export function loadTownConfig(file = DEFAULT_TOWN_CONFIG): TownConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the town configuration ${file}: ${(error as Error).message}`);
  }
  return parseTownConfig(raw);
}
