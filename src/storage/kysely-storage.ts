/**
 * The {@link Storage} port on Kysely: sessions bind every adapter to one handle (the pool, or a
 * transaction), and `transaction()` runs work in Kysely's `transaction().execute`.
 *
 * A guard keeps the two apart: while a transaction runs, a query through the outer storage in
 * the same async context throws instead of waiting — on SQLite it would wait forever for the
 * single connection the transaction holds.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'kysely';
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Directory, FlowStore, InterviewStore, JobQueue, OAuthStore, RecordStore, SchemaStore, SettingsStore, Storage, StorageSession, WaitSubscriptionStore } from '../runtime/index.js';
import type { Database } from './database-schema.js';
import { KyselyDirectory } from './kysely-directory.js';
import { KyselyFlowStore } from './kysely-flow-store.js';
import { KyselyInterviewStore } from './kysely-interview-store.js';
import { KyselyJobQueue } from './kysely-job-queue.js';
import { KyselyOAuthStore } from './kysely-oauth-store.js';
import { KyselyRecordStore } from './kysely-record-store.js';
import { KyselySchemaStore } from './kysely-schema-store.js';
import { KyselySettingsStore } from './kysely-settings-store.js';
import { KyselyWaitSubscriptionStore } from './kysely-wait-subscription-store.js';
import type { DialectName, SchemaCache, StoreContext } from './store-context.js';

/** Options of {@link KyselyStorage}. */
export interface KyselyStorageOptions {
  readonly dialect: DialectName;
  /** The clock stamping `CreatedDate` and friends. */
  readonly clock: () => Date;
  /** Called once by `close()` after Kysely is destroyed. */
  readonly onClose?: () => Promise<void>;
  /** Where the SQL statements run are reported (tests count them); see {@link StatementObservers}. */
  readonly statements?: StatementObservers;
}

/**
 * Listeners of the SQL statements a database runs (its Kysely `log` hook): every statement,
 * inside transactions or not, precompiled or built. Tests count statements with it.
 */
export class StatementObservers {
  readonly #listeners = new Set<(sqlText: string) => void>();

  /** Calls `listener` with each statement's SQL until the returned function is called. */
  observe(listener: (sqlText: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reports one statement. */
  notify(sqlText: string): void {
    for (const listener of this.#listeners) listener(sqlText);
  }
}

/** All adapters bound to one context. */
export class KyselySession implements StorageSession {
  readonly interviews: InterviewStore;
  readonly flows: FlowStore;
  readonly records: RecordStore;
  readonly directory: Directory;
  readonly settings: SettingsStore;
  readonly schema: SchemaStore;
  readonly jobs: JobQueue;
  readonly waits: WaitSubscriptionStore;
  /** Connected apps and OAuth tokens (the server's identity endpoints). */
  readonly oauth: OAuthStore;
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    const schema = new KyselySchemaStore(ctx);
    this.schema = schema;
    this.interviews = new KyselyInterviewStore(ctx);
    this.flows = new KyselyFlowStore(ctx);
    this.records = new KyselyRecordStore(ctx, schema);
    this.directory = new KyselyDirectory(ctx);
    this.settings = new KyselySettingsStore(ctx);
    this.jobs = new KyselyJobQueue(ctx);
    this.waits = new KyselyWaitSubscriptionStore(ctx);
    this.oauth = new KyselyOAuthStore(ctx);
  }

  async savepoint<T>(work: () => Promise<T>): Promise<T> {
    const ctx = this.#ctx;
    if (ctx.inTransaction !== true) return work();
    const depth = (ctx.savepointDepth ?? 0) + 1;
    // Named by depth, not by a counter: the SQL text repeats, so SQLite's statement cache keeps it.
    const name = sql.raw(`eddy_sp_${depth}`);
    await sql`savepoint ${name}`.execute(ctx.db);
    ctx.savepointDepth = depth;
    try {
      const result = await work();
      await sql`release savepoint ${name}`.execute(ctx.db);
      return result;
    } catch (error) {
      await sql`rollback to savepoint ${name}`.execute(ctx.db);
      await sql`release savepoint ${name}`.execute(ctx.db);
      throw error;
    } finally {
      ctx.savepointDepth = depth - 1;
    }
  }
}

const OUTSIDE_TRANSACTION_MESSAGE = 'The storage was used outside the open transaction: inside storage.transaction(async (tx) => ...) use tx, not storage.';

/** Throws for queries made through the outer storage while a transaction is open in the same async context. */
class OutsideTransactionGuard implements KyselyPlugin {
  readonly #inTransaction: AsyncLocalStorage<boolean>;

  constructor(inTransaction: AsyncLocalStorage<boolean>) {
    this.#inTransaction = inTransaction;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.#inTransaction.getStore() === true) throw new Error(OUTSIDE_TRANSACTION_MESSAGE);
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** {@link Storage} on Kysely for SQLite and PostgreSQL. */
export class KyselyStorage extends KyselySession implements Storage {
  readonly dialect: DialectName;
  /** The raw Kysely instance (for SOQL, migrations and diagnostics); prefer the ports. */
  readonly db: Kysely<Database>;
  readonly #base: Kysely<Database>;
  readonly #inTransaction: AsyncLocalStorage<boolean>;
  readonly #clock: () => Date;
  readonly #schemaCache: SchemaCache;
  readonly #onClose: (() => Promise<void>) | undefined;
  readonly #statements: StatementObservers;
  #closed = false;

  constructor(base: Kysely<Database>, options: KyselyStorageOptions) {
    const inTransaction = new AsyncLocalStorage<boolean>();
    const guarded = base.withPlugin(new OutsideTransactionGuard(inTransaction));
    const schemaCache: SchemaCache = { revision: undefined, schema: undefined };
    const clock = options.clock;
    const run = <T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> => {
      if (inTransaction.getStore() === true) {
        return Promise.reject(new Error('Transactions do not nest: inside storage.transaction(async (tx) => ...) use tx.'));
      }
      return base.transaction().execute((trx) => inTransaction.run(true, () => work(trx)));
    };
    const assertUsable = (): void => {
      if (inTransaction.getStore() === true) throw new Error(OUTSIDE_TRANSACTION_MESSAGE);
    };
    super({ db: guarded, dialect: options.dialect, now: () => clock().toISOString(), atomic: run, schemaCache, assertUsable });
    this.db = guarded;
    this.dialect = options.dialect;
    this.#base = base;
    this.#inTransaction = inTransaction;
    this.#clock = clock;
    this.#schemaCache = schemaCache;
    this.#onClose = options.onClose;
    this.#statements = options.statements ?? new StatementObservers();
  }

  /** Calls `listener` with the SQL of every statement this database runs, until the returned function is called. */
  observeStatements(listener: (sqlText: string) => void): () => void {
    return this.#statements.observe(listener);
  }

  async transaction<T>(work: (tx: StorageSession) => Promise<T>): Promise<T> {
    if (this.#inTransaction.getStore() === true) {
      throw new Error('Transactions do not nest: inside storage.transaction(async (tx) => ...) use tx.');
    }
    return this.#base.transaction().execute((trx) =>
      this.#inTransaction.run(true, () => {
        const ctx: StoreContext = {
          db: trx,
          dialect: this.dialect,
          now: () => this.#clock().toISOString(),
          atomic: (inner) => inner(trx),
          schemaCache: this.#schemaCache,
          inTransaction: true,
          savepointDepth: 0,
        };
        return work(new KyselySession(ctx));
      }),
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#base.destroy();
    await this.#onClose?.();
  }
}
