/**
 * How errors become responses. Database errors arrive translated by storage into the runtime's
 * catalogue: a unique index refusing the second of two concurrent creates is Salesforce's
 * DUPLICATE_VALUE (400), not a 500; a lock another transaction holds is a retryable 503. The
 * database errors here are the drivers' real ones.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ConflictError, LeaseLostError, NotFoundError, StorageUnavailableError } from '../../src/runtime/errors.js';
import { mapError } from '../../src/server/error-handler.js';
import { HttpError, invalidSession, notFound } from '../../src/server/http-errors.js';
import { forEachDatabase } from '../support/databases.js';

forEachDatabase('error mapping', (ctx) => {
  it('answers a unique-index violation from the driver as DUPLICATE_VALUE', async () => {
    const db = ctx.db();
    await sql`insert into autonumbers (name, last_value) values ('Twice', 1)`.execute(db.db);
    const error = await sql`insert into autonumbers (name, last_value) values ('Twice', 2)`.execute(db.db).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeDefined();
    expect(mapError(error)).toMatchObject({ statusCode: 400, body: [{ errorCode: 'DUPLICATE_VALUE' }] });
  });

  it('answers a lock held by another transaction as 503 SERVER_UNAVAILABLE, which clients retry', async () => {
    const db = ctx.db();
    await sql`insert into autonumbers (name, last_value) values ('Locked', 1)`.execute(db.db);
    const other = await ctx.openAnother();
    if (ctx.backend === 'sqlite') await sql`pragma busy_timeout = 0`.execute(other.db);
    const error = await db.db.transaction().execute(async (trx) => {
      await sql`update autonumbers set last_value = 2 where name = 'Locked'`.execute(trx);
      const second =
        ctx.backend === 'postgres'
          ? sql`select * from autonumbers where name = 'Locked' for update nowait`.execute(other.db)
          : other.db.transaction().execute((trx2) => sql`update autonumbers set last_value = 3 where name = 'Locked'`.execute(trx2));
      return second.then(
        () => undefined,
        (caught: unknown) => caught,
      );
    });
    expect(mapError(error)).toMatchObject({ statusCode: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE' }] });
  });

  it('still answers other database errors as bugs (500 by the caller)', async () => {
    const db = ctx.db();
    const error = await sql`select * from no_such_table`.execute(db.db).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeDefined();
    expect(mapError(error)).toBeUndefined();
  });
});

describe('mapError', () => {
  it('maps the catalogue’s errors by code, whoever throws them', () => {
    expect(mapError(new NotFoundError('The requested resource does not exist'))).toMatchObject({ statusCode: 404, body: [{ errorCode: 'NOT_FOUND' }] });
    expect(mapError(notFound())).toMatchObject({ statusCode: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] });
    expect(mapError(new ConflictError('changed meanwhile'))).toMatchObject({ statusCode: 409, body: [{ errorCode: 'CONFLICT' }] });
    expect(mapError(new StorageUnavailableError('connection lost'))).toMatchObject({ statusCode: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE' }] });
  });

  it('maps the transport’s own errors with their headers', () => {
    expect(mapError(invalidSession())).toMatchObject({ statusCode: 401, body: [{ errorCode: 'INVALID_SESSION_ID' }], headers: { 'www-authenticate': 'Bearer realm="eddy"' } });
    expect(mapError(new HttpError('METHOD_NOT_ALLOWED', 'no', { headers: { allow: 'GET' } }))).toMatchObject({ statusCode: 405, headers: { allow: 'GET' } });
  });

  it('treats an internal signal that escaped (a lost lease) as a bug, never as an HTTP error', () => {
    expect(mapError(new LeaseLostError('Job 1 is no longer leased by this worker.'))).toBeUndefined();
  });
});
