/**
 * A Kysely dialect around another whose driver translates database driver errors into the
 * runtime's catalogue (`driver-errors.ts`). Everything storage runs passes here: built queries,
 * raw `sql`, precompiled statements and the migrator through the connection's `executeQuery`,
 * BEGIN / COMMIT / ROLLBACK through the driver, connecting through `acquireConnection` — so no
 * layer above storage ever looks at a driver's error.
 */
import type { CompiledQuery, DatabaseConnection, DatabaseIntrospector, Dialect, DialectAdapter, Driver, Kysely, QueryCompiler, QueryResult, TransactionSettings } from 'kysely';
import { translateDriverError, translatingErrors } from './driver-errors.js';

/** A connection whose statements fail with translated errors. */
class TranslatingConnection implements DatabaseConnection {
  readonly inner: DatabaseConnection;

  constructor(inner: DatabaseConnection) {
    this.inner = inner;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return translatingErrors(() => this.inner.executeQuery<R>(compiledQuery));
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(compiledQuery, chunkSize);
    } catch (error) {
      throw translateDriverError(error);
    }
  }
}

/** The wrapped driver; it hands the inner driver its own connections back. */
class TranslatingDriver implements Driver {
  readonly #inner: Driver;
  readonly #connections = new WeakMap<DatabaseConnection, TranslatingConnection>();

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init(): Promise<void> {
    return translatingErrors(() => this.#inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await translatingErrors(() => this.#inner.acquireConnection());
    let connection = this.#connections.get(inner);
    if (connection === undefined) {
      connection = new TranslatingConnection(inner);
      this.#connections.set(inner, connection);
    }
    return connection;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return translatingErrors(() => this.#inner.beginTransaction(innerOf(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return translatingErrors(() => this.#inner.commitTransaction(innerOf(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return translatingErrors(() => this.#inner.rollbackTransaction(innerOf(connection)));
  }

  async savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    const savepoint = this.#inner.savepoint?.bind(this.#inner);
    if (savepoint === undefined) throw new Error('The database driver does not support savepoints.');
    return translatingErrors(() => savepoint(innerOf(connection), name, compileQuery));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    const rollback = this.#inner.rollbackToSavepoint?.bind(this.#inner);
    if (rollback === undefined) throw new Error('The database driver does not support savepoints.');
    return translatingErrors(() => rollback(innerOf(connection), name, compileQuery));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    const release = this.#inner.releaseSavepoint?.bind(this.#inner);
    if (release === undefined) throw new Error('The database driver does not support savepoints.');
    return translatingErrors(() => release(innerOf(connection), name, compileQuery));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#inner.releaseConnection(innerOf(connection));
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

function innerOf(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof TranslatingConnection ? connection.inner : connection;
}

/** `inner` with driver errors translated into the runtime's catalogue. */
export class TranslatingDialect implements Dialect {
  readonly #inner: Dialect;

  constructor(inner: Dialect) {
    this.#inner = inner;
  }

  createDriver(): Driver {
    return new TranslatingDriver(this.#inner.createDriver());
  }

  createQueryCompiler(): QueryCompiler {
    return this.#inner.createQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return this.#inner.createAdapter();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's dialect contract
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return this.#inner.createIntrospector(db);
  }
}
