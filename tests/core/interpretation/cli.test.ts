/**
 * The contract command, run as a child process: one answer line per input
 * line, same order and ids, malformed lines answered with an error, and
 * nothing but answers on stdout.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function runCli(input: string, cwd = ROOT): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../../scripts/interpret.ts', import.meta.url))], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
    timeout: 60_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('scripts/interpret.ts', () => {
  it('answers every line in order, errors included, and keeps going', () => {
    const lines = [
      JSON.stringify({ id: 'a1', text: 'annule Léa mercredi', now: '2026-12-01T18:30:00+01:00', children: ['Léa', 'Tom'] }),
      '{"id": "broken", "text": ',
      JSON.stringify({ id: 'a2', text: 'Tom', now: 'yesterday', children: ['Tom'] }),
      JSON.stringify({ id: 'a3', text: 'Bonjour !', now: '2026-12-01T18:30:00+01:00', children: ['Noé'] }),
      JSON.stringify({ text: 'no id', now: '2026-12-01T18:30:00+01:00', children: [] }),
      JSON.stringify({ id: 'a4', text: 'Pas de cantine demain', now: '2026-12-03T19:10:00+01:00', children: ['Léa', 'Tom'], expected: [] }),
    ];
    const { stdout, status } = runCli(lines.join('\n') + '\n');
    expect(status).toBe(0);
    const out = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(6);
    expect(out[0]).toEqual({ id: 'a1', actions: [{ intent: 'cancel', children: ['Léa'], services: null, dates: ['2026-12-02'] }] });
    expect(out[1]).toMatchObject({ id: null });
    expect(typeof out[1]!.error).toBe('string');
    expect(out[2]).toMatchObject({ id: 'a2' });
    expect(String(out[2]!.error)).toContain('now');
    expect(out[3]).toEqual({ id: 'a3', actions: [{ intent: 'unknown', children: null, services: null, dates: null }] });
    expect(out[4]).toMatchObject({ id: null });
    expect(out[5]).toEqual({ id: 'a4', actions: [{ intent: 'cancel', children: null, services: ['canteen'], dates: ['2026-12-04'] }] });
  });

  it('finds the town configuration from any working directory', () => {
    const line = JSON.stringify({ id: 7, text: 'Tom mangera à la cantine jeudi', now: '2027-01-12T19:00:00+01:00', children: ['Tom'] });
    const { stdout, status } = runCli(line + '\n', fileURLToPath(new URL('../../fixtures/', import.meta.url)));
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ id: 7, actions: [{ intent: 'book', children: ['Tom'], services: ['canteen'], dates: ['2027-01-14'] }] });
  });

  it('prints nothing for empty input', () => {
    const { stdout, status } = runCli('');
    expect(status).toBe(0);
    expect(stdout).toBe('');
  });
});
