/**
 * Fast multi-row inserts into Eddy's tables for generating data: a connection of its own (a
 * second better-sqlite3 connection on the same WAL file, or a pg client in the same schema) and
 * prepared multi-row statements reused for every full batch — no query builder per row.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { SQLITE_BUSY_TIMEOUT_MS } from '../../src/storage/index.js';
import type { Scratch } from '../support/bench-database.js';

/** Rows per statement. */
export const ROWS_PER_STATEMENT = 250;

/** Inserts rows given as value arrays in `columns` order. */
export interface BulkInserter {
  /** Runs `work` in one transaction. */
  transaction(work: () => Promise<void>): Promise<void>;
  insert(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  close(): Promise<void>;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function insertSql(table: string, columns: readonly string[], rowCount: number, placeholder: (index: number) => string): string {
  let index = 0;
  const rows = Array.from({ length: rowCount }, () => `(${columns.map(() => placeholder(++index)).join(', ')})`);
  return `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${rows.join(', ')}`;
}

class SqliteBulkInserter implements BulkInserter {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.#db = new Database(file);
    this.#db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    // Generated data need not survive a power cut; what is measured afterwards runs on Eddy's own connection.
    this.#db.pragma('synchronous = OFF');
    this.#db.pragma('cache_size = -262144');
  }

  async transaction(work: () => Promise<void>): Promise<void> {
    this.#db.exec('begin immediate');
    try {
      await work();
      this.#db.exec('commit');
    } catch (error) {
      this.#db.exec('rollback');
      throw error;
    }
  }

  async insert(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
    for (let offset = 0; offset < rows.length; offset += ROWS_PER_STATEMENT) {
      const batch = rows.slice(offset, offset + ROWS_PER_STATEMENT);
      const key = `${table}:${batch.length}`;
      let statement = this.#statements.get(key);
      if (statement === undefined) {
        statement = this.#db.prepare(insertSql(table, columns, batch.length, () => '?'));
        this.#statements.set(key, statement);
      }
      statement.run(batch.flat());
    }
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}

class PostgresBulkInserter implements BulkInserter {
  readonly #client: pg.Client;

  constructor(client: pg.Client) {
    this.#client = client;
  }

  static async open(url: string, schema: string): Promise<PostgresBulkInserter> {
    const client = new pg.Client({ connectionString: url, options: `-c search_path="${schema}"` });
    await client.connect();
    return new PostgresBulkInserter(client);
  }

  async transaction(work: () => Promise<void>): Promise<void> {
    await this.#client.query('begin');
    try {
      await work();
      await this.#client.query('commit');
    } catch (error) {
      await this.#client.query('rollback');
      throw error;
    }
  }

  async insert(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
    for (let offset = 0; offset < rows.length; offset += ROWS_PER_STATEMENT) {
      const batch = rows.slice(offset, offset + ROWS_PER_STATEMENT);
      await this.#client.query({ name: `bulk-${table}-${batch.length}`, text: insertSql(table, columns, batch.length, (i) => `$${i}`), values: batch.flat() });
    }
  }

  async close(): Promise<void> {
    await this.#client.end();
  }
}

/** A bulk inserter on the database of `scratch`. */
export async function openBulkInserter(scratch: Scratch): Promise<BulkInserter> {
  return scratch.kind === 'sqlite' ? new SqliteBulkInserter(scratch.file) : PostgresBulkInserter.open(scratch.url, scratch.schema);
}
