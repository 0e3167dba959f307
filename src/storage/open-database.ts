/**
 * Opens Eddy's database: SQLite by default (`.eddy/eddy.db` in the working folder, created on
 * first use), PostgreSQL when the URL (or `DATABASE_URL`) is `postgres://...`. Runs the
 * migrations and creates the org on first use.
 *
 * SQLite settings: WAL (readers never block the writer), `synchronous=FULL` (a commit survives a
 * power cut, not only a crash — a paused interview must not be lost; it costs one fsync per
 * commit), `foreign_keys=ON`, `busy_timeout=5000` (another process's writer is waited for).
 * Prepared statements are cached by their SQL text (`sqlite/statement-cache.ts`). Both dialects
 * are wrapped so that driver errors reach the layers above as the runtime's catalogue errors
 * (`translating-dialect.ts`, `driver-errors.ts`).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, sql } from 'kysely';
import pg from 'pg';
import type { Database as Tables } from './database-schema.js';
import { initializeOrganization } from './kysely-settings-store.js';
import { KyselyStorage, StatementObservers } from './kysely-storage.js';
import type { LogEvent } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import { ScopedPostgresDialect } from './postgres/scoped-postgres-dialect.js';
import { ImmediateSqliteDialect } from './sqlite/immediate-sqlite-dialect.js';
import { cachingStatements } from './sqlite/statement-cache.js';
import { TranslatingDialect } from './translating-dialect.js';

/** Where the database is. */
export interface OpenDatabaseOptions {
  /** `postgres://...` / `postgresql://...`, or `sqlite:<file>`; default `DATABASE_URL`, else the SQLite file. */
  readonly url?: string;
  /** SQLite file (default `.eddy/eddy.db` under `cwd`); `:memory:` for a private in-memory database. */
  readonly file?: string;
  /** Base folder for the default SQLite file (default `process.cwd()`). */
  readonly cwd?: string;
  /** PostgreSQL schema to use, created if missing (tests give each file its own). */
  readonly schema?: string;
  /** Clock for `CreatedDate` and friends (default the system clock). */
  readonly clock?: () => Date;
  /** PostgreSQL pool size (default 10). */
  readonly poolSize?: number;
}

/** The opened database: every storage port, transactions, and `close()`. */
export type EddyDatabase = KyselyStorage;

/** The SQLite busy timeout: how long a writer waits for another process's write transaction. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

function isPostgresUrl(url: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(url);
}

/**
 * Runs the migrations to the latest version (idempotent); throws the first migration error.
 * `schema` (PostgreSQL) names where the migration tables are: Kysely looks for them in every
 * schema otherwise, and takes another schema's tables for its own while that schema migrates.
 */
export async function migrateToLatest(db: Kysely<Tables>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider, ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

async function openPostgres(url: string, options: OpenDatabaseOptions, log: (event: LogEvent) => void): Promise<Kysely<Tables>> {
  const schema = options.schema;
  if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`Invalid PostgreSQL schema name "${schema}".`);
  if (schema !== undefined) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`create schema if not exists "${schema}"`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema !== undefined ? { options: `-c search_path="${schema}"` } : {}),
  });
  return new Kysely<Tables>({ dialect: new TranslatingDialect(new ScopedPostgresDialect({ pool })), log });
}

function openSqlite(file: string, log: (event: LogEvent) => void): Kysely<Tables> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  return new Kysely<Tables>({ dialect: new TranslatingDialect(new ImmediateSqliteDialect({ database: cachingStatements(database) })), log });
}

/** Opens (and on first use creates, migrates and initialises) the database. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<EddyDatabase> {
  const url = options.url;
  const clock = options.clock ?? (() => new Date());
  let kysely: Kysely<Tables>;
  let dialect: 'sqlite' | 'postgres';
  const statements = new StatementObservers();
  const log = (event: LogEvent): void => {
    if (event.level === 'query') statements.notify(event.query.sql);
  };
  if (url !== undefined && url !== '' && isPostgresUrl(url)) {
    kysely = await openPostgres(url, options, log);
    dialect = 'postgres';
  } else {
    const fromUrl = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length).replace(/^\/\//, '') : undefined;
    if (url && !fromUrl) throw new Error(`Unsupported database URL "${url}": use postgres://... or sqlite:<file>.`);
    const file = options.file ?? fromUrl ?? resolve(options.cwd ?? process.cwd(), '.eddy', 'eddy.db');
    kysely = openSqlite(file === ':memory:' ? file : resolve(options.cwd ?? process.cwd(), file), log);
    dialect = 'sqlite';
  }
  try {
    await migrateToLatest(kysely, dialect === 'postgres' ? options.schema : undefined);
    await initializeOrganization(kysely, dialect, clock().toISOString());
  } catch (error) {
    await kysely.destroy();
    throw error;
  }
  return new KyselyStorage(kysely, { dialect, clock, statements });
}

/** Checks the connection (`select 1`). */
export async function pingDatabase(db: EddyDatabase): Promise<void> {
  await sql`select 1`.execute(db.db);
}
