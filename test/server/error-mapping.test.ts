/**
 * Database errors that are the caller's doing, not Eddy's: a unique index refusing the second of
 * two concurrent creates is answered as Salesforce's DUPLICATE_VALUE (400), not a 500. The errors
 * here are the drivers' real ones.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { mapError } from '../../src/server/error-handler.js';
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
