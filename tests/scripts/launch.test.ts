// scripts/launch.mjs: the entry points run from built JavaScript, rebuilt only when a source changed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'launch-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function setUp(): void {
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.mkdirSync(path.join(dir, 'src/lib'), { recursive: true });
  fs.copyFileSync(path.join(repo, 'scripts/launch.mjs'), path.join(dir, 'scripts/launch.mjs'));
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  fs.writeFileSync(path.join(dir, 'src/lib/greet.ts'), "export const greet = (who: string): string => `bonjour ${who}`;\n");
  fs.writeFileSync(
    path.join(dir, 'src/main.ts'),
    "import { greet } from './lib/greet.js';\nconst name: string = process.argv[2] ?? '?';\nconsole.log(`${greet(name)} built=${process.env.PORTAIL_LAUNCH_BUILT} ${path()}`);\nfunction path(): string { return import.meta.url.includes('/dist/') ? 'dist' : 'src'; }\n",
  );
}

const run = (...args: string[]): string => execFileSync(process.execPath, ['scripts/launch.mjs', 'src/main.ts', ...args], { cwd: dir, encoding: 'utf8' }).trim();

describe('launch', () => {
  setUp();

  it('builds on the first run, then starts from dist without building again', () => {
    expect(run('Léa')).toBe('bonjour Léa built=1 dist');
    expect(run('Tom')).toBe('bonjour Tom built=0 dist');
    expect(fs.existsSync(path.join(dir, 'dist/lib/greet.js'))).toBe(true);
  });

  it('rebuilds when a source changes', () => {
    const file = path.join(dir, 'src/lib/greet.ts');
    fs.writeFileSync(file, "export const greet = (who: string): string => `salut ${who}`;\n");
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(file, later, later);
    expect(run('Zoé')).toBe('salut Zoé built=1 dist');
    expect(run('Zoé')).toBe('salut Zoé built=0 dist');
  });

  it('refuses an entry outside src/', () => {
    expect(() => execFileSync(process.execPath, ['scripts/launch.mjs', 'bench/run.ts'], { cwd: dir, stdio: 'pipe' })).toThrow();
  });
});
