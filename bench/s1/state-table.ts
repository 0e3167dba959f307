/**
 * The table the peer and the raw limit persist to: one row per instance (`id`, `status`,
 * `state` JSON), every write its own transaction. On SQLite the file is opened with Eddy's
 * production settings (WAL, `synchronous=FULL`, busy timeout) and each write is
 * `BEGIN IMMEDIATE; …; COMMIT`, as Eddy's transactions are; on PostgreSQL each write is one
 * statement in autocommit (its own transaction), with the server's default durability.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { SQLITE_BUSY_TIMEOUT_MS } from '../../src/storage/index.js';
import type { Scratch } from '../support/bench-database.js';

/** Single-row write transactions and reads by primary key. */
export interface StateTable {
  insert(id: string, status: string, state: string): Promise<void>;
  update(id: string, status: string, state: string): Promise<void>;
  /** The stored state of `id` (throws when there is none). */
  load(id: string): Promise<string>;
  close(): Promise<void>;
}

class SqliteStateTable implements StateTable {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #update: Database.Statement;
  readonly #load: Database.Statement<[string], { state: string }>;
  readonly #begin: Database.Statement;
  readonly #commit: Database.Statement;
  readonly #rollback: Database.Statement;

  constructor(file: string) {
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    this.#db.exec('create table if not exists bench_states (id text primary key, status text not null, state text not null, updated_at text not null)');
    this.#insert = this.#db.prepare('insert into bench_states (id, status, state, updated_at) values (?, ?, ?, ?)');
    this.#update = this.#db.prepare('update bench_states set status = ?, state = ?, updated_at = ? where id = ?');
    this.#load = this.#db.prepare('select state from bench_states where id = ?');
    this.#begin = this.#db.prepare('begin immediate');
    this.#commit = this.#db.prepare('commit');
    this.#rollback = this.#db.prepare('rollback');
  }

  #write(run: () => Database.RunResult): void {
    this.#begin.run();
    try {
      if (run().changes !== 1) throw new Error('A state write changed no row.');
      this.#commit.run();
    } catch (error) {
      this.#rollback.run();
      throw error;
    }
  }

  async insert(id: string, status: string, state: string): Promise<void> {
    this.#write(() => this.#insert.run(id, status, state, new Date().toISOString()));
  }

  async update(id: string, status: string, state: string): Promise<void> {
    this.#write(() => this.#update.run(status, state, new Date().toISOString(), id));
  }

  async load(id: string): Promise<string> {
    const row = this.#load.get(id);
    if (row === undefined) throw new Error(`No stored state for ${id}.`);
    return row.state;
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

class PostgresStateTable implements StateTable {
  readonly #client: pg.Client;

  constructor(client: pg.Client) {
    this.#client = client;
  }

  static async open(url: string, schema: string): Promise<PostgresStateTable> {
    const client = new pg.Client({ connectionString: url, options: `-c search_path="${schema}"` });
    await client.connect();
    await client.query('create table if not exists bench_states (id text primary key, status text not null, state text not null, updated_at text not null)');
    return new PostgresStateTable(client);
  }

  async insert(id: string, status: string, state: string): Promise<void> {
    await this.#client.query({ name: 'bench-insert', text: 'insert into bench_states (id, status, state, updated_at) values ($1, $2, $3, $4)', values: [id, status, state, new Date().toISOString()] });
  }

  async update(id: string, status: string, state: string): Promise<void> {
    const result = await this.#client.query({ name: 'bench-update', text: 'update bench_states set status = $1, state = $2, updated_at = $3 where id = $4', values: [status, state, new Date().toISOString(), id] });
    if (result.rowCount !== 1) throw new Error(`No stored state for ${id}.`);
  }

  async load(id: string): Promise<string> {
    const result = await this.#client.query<{ state: string }>({ name: 'bench-load', text: 'select state from bench_states where id = $1', values: [id] });
    const row = result.rows[0];
    if (row === undefined) throw new Error(`No stored state for ${id}.`);
    return row.state;
  }

  async close(): Promise<void> {
    await this.#client.end();
  }
}

/** Opens the state table in `scratch`. */
export async function openStateTable(scratch: Scratch): Promise<StateTable> {
  return scratch.kind === 'sqlite' ? new SqliteStateTable(scratch.file) : PostgresStateTable.open(scratch.url, scratch.schema);
}
