/**
 * Where a benchmark task stores its data: a fresh SQLite file in a temporary folder, or a fresh
 * schema in the benchmark's own PostgreSQL database. Every task gets its own and removes it when
 * it ends, so runs never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The database a task runs on. */
export type BenchDatabase = { readonly kind: 'sqlite' } | { readonly kind: 'postgres'; readonly url: string };

/** A scratch place for one task: a SQLite file, or a PostgreSQL schema. */
export type Scratch =
  | { readonly kind: 'sqlite'; readonly file: string; remove(): Promise<void> }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string; remove(): Promise<void> };

/** Creates a scratch place on `database`, named after `label`. */
export async function createScratch(database: BenchDatabase, label: string): Promise<Scratch> {
  if (database.kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `eddy-bench-${label}-`));
    return {
      kind: 'sqlite',
      file: join(dir, 'bench.db'),
      async remove() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `bench_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await runAdmin(database.url, `create schema "${schema}"`);
  return {
    kind: 'postgres',
    url: database.url,
    schema,
    async remove() {
      await runAdmin(database.url, `drop schema if exists "${schema}" cascade`);
    },
  };
}

/** Runs one statement on its own connection. */
export async function runAdmin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** True when a PostgreSQL server answers at `url` (within `timeoutMs`). */
export async function isPostgresReachable(url: string, timeoutMs = 3000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A dedicated PostgreSQL database for one benchmark invocation: created now, dropped by `drop()`. */
export interface DedicatedDatabase {
  /** The URL of the new database. */
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** Creates `eddy_bench_<pid>_<random>` on the server of `serverUrl`. */
export async function createDedicatedDatabase(serverUrl: string): Promise<DedicatedDatabase> {
  const name = `eddy_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  await runAdmin(serverUrl, `create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      await runAdmin(serverUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}
