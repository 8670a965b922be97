/**
 * vitest global setup: a folder where the PostgreSQL test clusters of this
 * run are listed (tests/support/postgres.ts), and, once every test file has
 * finished, each of them stopped and removed, even when a test worker ended
 * without its exit hooks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REGISTRY_ENV, stopRegistered } from './postgres.js';

export default function setup(): () => void {
  const registry = fs.mkdtempSync(path.join(os.tmpdir(), 'portail-pg-registry-'));
  process.env[REGISTRY_ENV] = registry;
  return () => stopRegistered(registry);
}
