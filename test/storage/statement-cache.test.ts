/**
 * The SQLite prepared-statement cache: each distinct SQL text is prepared once and reused, the
 * least recently used statement goes first when the cache is full, and a reused statement runs
 * with its new parameters.
 */
import { describe, expect, it } from 'vitest';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { cachingStatements } from '../../src/storage/sqlite/statement-cache.js';
import { openDatabase } from '../../src/storage/open-database.js';

function countingDatabase(): { database: SqliteDatabase; prepared: string[]; closed: () => boolean } {
  const prepared: string[] = [];
  let closed = false;
  const database: SqliteDatabase = {
    close: () => {
      closed = true;
    },
    prepare: (sql: string): SqliteStatement => {
      prepared.push(sql);
      return { reader: true, all: () => [sql], run: () => ({ changes: 0, lastInsertRowid: 0 }), iterate: () => [][Symbol.iterator]() };
    },
  };
  return { database, prepared, closed: () => closed };
}

describe('SQLite statement cache', () => {
  it('prepares each distinct statement once and hands back the same statement after that', () => {
    const { database, prepared } = countingDatabase();
    const cached = cachingStatements(database, 10);
    const first = cached.prepare('select 1');
    expect(cached.prepare('select 1')).toBe(first);
    cached.prepare('select 2');
    expect(prepared).toEqual(['select 1', 'select 2']);
  });

  it('drops the least recently used statement when it is full', () => {
    const { database, prepared } = countingDatabase();
    const cached = cachingStatements(database, 2);
    cached.prepare('a');
    cached.prepare('b');
    cached.prepare('a');
    cached.prepare('c');
    cached.prepare('a');
    cached.prepare('b');
    expect(prepared).toEqual(['a', 'b', 'c', 'b']);
  });

  it('closes the database it wraps', () => {
    const { database, closed } = countingDatabase();
    cachingStatements(database).close();
    expect(closed()).toBe(true);
  });

  it('runs a reused statement with its new parameters in an opened database', async () => {
    const db = await openDatabase({ file: ':memory:' });
    try {
      const actor = (await db.settings.getOrganization()).automatedProcessUserId;
      const ann = await db.directory.createUser({ Username: 'ann@example.com', Email: 'ann@example.com', LastName: 'Ann' }, actor);
      const bob = await db.directory.createUser({ Username: 'bob@example.com', Email: 'bob@example.com', LastName: 'Bob' }, actor);
      expect((await db.directory.getUser(ann.Id))?.LastName).toBe('Ann');
      expect((await db.directory.getUser(bob.Id))?.LastName).toBe('Bob');
      expect((await db.directory.getUser(ann.Id))?.LastName).toBe('Ann');
    } finally {
      await db.close();
    }
  });
});
