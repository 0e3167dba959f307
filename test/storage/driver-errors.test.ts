/**
 * Storage translates database driver errors into the runtime's catalogue, by the drivers' error
 * codes, at one place (`storage/driver-errors.ts`, applied to every statement by
 * `storage/translating-dialect.ts`). The database tests provoke the real errors on each backend.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  DuplicateValueError,
  SerializationFailureError,
  StorageBusyError,
  StorageUnavailableError,
} from '../../src/runtime/errors.js';
import { translateDriverError } from '../../src/storage/driver-errors.js';
import type { EddyDatabase } from '../../src/storage/open-database.js';
import { forEachDatabase } from '../support/databases.js';

/** What `work` rejects with (fails the test when it resolves). */
async function rejection(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => expect.fail('expected the statement to fail'),
    (error: unknown) => error,
  );
}

function driverError(code: string, message = 'driver message'): Error {
  return Object.assign(new Error(message), { code });
}

describe('translateDriverError', () => {
  it.each([
    ['SQLITE_CONSTRAINT_UNIQUE', DuplicateValueError, 'DUPLICATE_VALUE'],
    ['SQLITE_CONSTRAINT_PRIMARYKEY', DuplicateValueError, 'DUPLICATE_VALUE'],
    ['23505', DuplicateValueError, 'DUPLICATE_VALUE'],
    ['SQLITE_BUSY', StorageBusyError, 'STORAGE_BUSY'],
    ['SQLITE_LOCKED', StorageBusyError, 'STORAGE_BUSY'],
    ['55P03', StorageBusyError, 'STORAGE_BUSY'],
    ['40001', SerializationFailureError, 'SERIALIZATION_FAILURE'],
    ['40P01', SerializationFailureError, 'SERIALIZATION_FAILURE'],
    ['57P01', StorageUnavailableError, 'STORAGE_UNAVAILABLE'],
    ['08006', StorageUnavailableError, 'STORAGE_UNAVAILABLE'],
    ['ECONNREFUSED', StorageUnavailableError, 'STORAGE_UNAVAILABLE'],
  ])('translates the driver code %s into the catalogue, keeping the driver error as the cause', (code, type, catalogueCode) => {
    const original = driverError(code);
    const translated = translateDriverError(original);
    expect(translated).toBeInstanceOf(type);
    expect(translated).toMatchObject({ code: catalogueCode, cause: original });
  });

  it('marks lock, serialisation and connection failures retryable', () => {
    for (const code of ['SQLITE_BUSY', '55P03', '40001', '08006']) expect(translateDriverError(driverError(code))).toMatchObject({ retryable: true });
  });

  it('reads codes, not message text: an unknown code passes unchanged whatever its message says', () => {
    const missingTable = driverError('42P01', 'duplicate key value violates unique constraint; could not obtain lock');
    expect(translateDriverError(missingTable)).toBe(missingTable);
    const noCode = new Error('UNIQUE constraint failed: autonumbers.name');
    expect(translateDriverError(noCode)).toBe(noCode);
  });

  it('leaves errors of the catalogue as they are', () => {
    const conflict = new ConflictError('changed meanwhile');
    expect(translateDriverError(conflict)).toBe(conflict);
  });
});

forEachDatabase('driver errors', (ctx) => {
  async function seed(db: EddyDatabase, name: string): Promise<void> {
    await sql`insert into autonumbers (name, last_value) values (${name}, 1)`.execute(db.db);
  }

  it('answers a real unique violation as DUPLICATE_VALUE, inside a transaction or not', async () => {
    const db = ctx.db();
    await seed(db, 'Twice');
    const outside = await rejection(sql`insert into autonumbers (name, last_value) values ('Twice', 2)`.execute(db.db));
    expect(outside).toBeInstanceOf(DuplicateValueError);
    expect((outside as DuplicateValueError).cause).toMatchObject({ code: ctx.backend === 'postgres' ? '23505' : 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    const inside = await rejection(db.db.transaction().execute((trx) => sql`insert into autonumbers (name, last_value) values ('Twice', 3)`.execute(trx)));
    expect(inside).toMatchObject({ code: 'DUPLICATE_VALUE' });
    const { rows } = await sql<{ last_value: number }>`select last_value from autonumbers where name = 'Twice'`.execute(db.db);
    expect(rows.map((row) => Number(row.last_value))).toEqual([1]);
  });

  it('answers a real lock conflict as STORAGE_BUSY: a second writer that will not wait for the first', async () => {
    const db = ctx.db();
    await seed(db, 'Locked');
    const other = await ctx.openAnother();
    // PostgreSQL: a NOWAIT lock on the row the first transaction holds; SQLite: a second
    // connection's write transaction while the first holds the write lock, with no busy wait.
    if (ctx.backend === 'sqlite') await sql`pragma busy_timeout = 0`.execute(other.db);
    const busy = await db.db.transaction().execute(async (trx) => {
      await sql`update autonumbers set last_value = last_value + 1 where name = 'Locked'`.execute(trx);
      const second =
        ctx.backend === 'postgres'
          ? sql`select last_value from autonumbers where name = 'Locked' for update nowait`.execute(other.db)
          : other.db.transaction().execute((trx2) => sql`update autonumbers set last_value = 100 where name = 'Locked'`.execute(trx2));
      return rejection(second);
    });
    expect(busy).toBeInstanceOf(StorageBusyError);
    expect(busy).toMatchObject({ code: 'STORAGE_BUSY', retryable: true, cause: { code: ctx.backend === 'postgres' ? '55P03' : 'SQLITE_BUSY' } });
    const { rows } = await sql<{ last_value: number }>`select last_value from autonumbers where name = 'Locked'`.execute(other.db);
    expect(rows.map((row) => Number(row.last_value))).toEqual([2]);
  });

  it.runIf(ctx.backend === 'postgres')('answers a real serialization failure as SERIALIZATION_FAILURE (PostgreSQL)', async () => {
    const db = ctx.db();
    await seed(db, 'Serial');
    const other = await ctx.openAnother();
    const failure = await rejection(
      db.db
        .transaction()
        .setIsolationLevel('serializable')
        .execute(async (first) => {
          await sql`select last_value from autonumbers where name = 'Serial'`.execute(first);
          await other.db
            .transaction()
            .setIsolationLevel('serializable')
            .execute((second) => sql`update autonumbers set last_value = 10 where name = 'Serial'`.execute(second));
          await sql`update autonumbers set last_value = 20 where name = 'Serial'`.execute(first);
        }),
    );
    expect(failure).toBeInstanceOf(SerializationFailureError);
    expect(failure).toMatchObject({ code: 'SERIALIZATION_FAILURE', retryable: true, cause: { code: '40001' } });
  });

  it('lets a bug through untranslated: a statement on a table that does not exist', async () => {
    const error = await rejection(sql`select * from no_such_table`.execute(ctx.db().db));
    expect(error).not.toHaveProperty('retryable');
    expect(error).toMatchObject({ code: ctx.backend === 'postgres' ? '42P01' : 'SQLITE_ERROR' });
  });
});
