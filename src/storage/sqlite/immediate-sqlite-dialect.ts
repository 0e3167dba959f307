/**
 * Kysely's SQLite dialect with one change: transactions begin with `BEGIN IMMEDIATE`, taking the
 * write lock up front. With a plain (deferred) `BEGIN`, two processes that both read and then
 * write deadlock on the lock upgrade and one fails with SQLITE_BUSY at once, whatever the busy
 * timeout; with `IMMEDIATE`, the second writer waits (up to `busy_timeout`) and then proceeds.
 * Within one process Kysely's SQLite driver already serialises use of its single connection.
 */
import { CompiledQuery, SqliteAdapter, SqliteDriver, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import type { DatabaseConnection, DatabaseIntrospector, Dialect, DialectAdapter, Driver, Kysely, QueryCompiler, SqliteDialectConfig } from 'kysely';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite through better-sqlite3, with `BEGIN IMMEDIATE` transactions. */
export class ImmediateSqliteDialect implements Dialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    this.#config = config;
  }

  createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
