import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { keepStatements } from '../../src/db/statementCache.js';
import { tempDir } from '../support/app.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function open(file: string): { db: Database.Database; compiled: string[] } {
  const db = new Database(file, { timeout: 0 });
  const compiled: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    compiled.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  keepStatements(db, 2);
  return { db, compiled };
}

describe('kept prepared statements', () => {
  it('compiles a statement once and binds it afresh each time, as the adapter uses it (bind, then run or raw().all())', () => {
    const dir = tempDir();
    dirs.push(dir);
    const { db, compiled } = open(path.join(dir, 'a.db'));
    db.prepare('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)').run();
    const insert = 'INSERT INTO t (name) VALUES (?)';
    for (const name of ['a', 'b', 'c']) expect(db.prepare(insert).bind([name]).run().changes).toBe(1);
    const select = 'SELECT id, name FROM t WHERE id >= ? ORDER BY id';
    const first = db.prepare(select).bind([2]);
    expect(first.reader).toBe(true);
    expect(first.columns().map((c) => c.name)).toEqual(['id', 'name']);
    expect(first.raw().all()).toEqual([[2, 'b'], [3, 'c']]);
    expect(db.prepare(select).bind([3]).all()).toEqual([{ id: 3, name: 'c' }]);
    expect(compiled.filter((s) => s === insert)).toHaveLength(1);
    expect(compiled.filter((s) => s === select)).toHaveLength(1);
    // Beyond the limit (2 here), the least recently used is compiled again.
    db.prepare('SELECT 1').all();
    db.prepare('SELECT 2').all();
    db.prepare(insert).bind(['d']).run();
    expect(compiled.filter((s) => s === insert)).toHaveLength(2);
    db.close();
  });
});
