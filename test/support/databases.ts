/**
 * Runs a block of tests once per storage backend: SQLite always (a WAL file in a temporary
 * folder), PostgreSQL when `EDDY_TEST_PG_URL` is set (`npm test` sets it). Each test gets a
 * fresh, migrated database — on PostgreSQL its own schema, so test files running in parallel
 * never meet — and a simulated clock that storage stamps dates with.
 *
 * ```ts
 * forEachDatabase('interview store', (ctx) => {
 *   it('saves an interview', async () => {
 *     const db = ctx.db();
 *     ...
 *   });
 * });
 * ```
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { openDatabase } from '../../src/storage/open-database.js';
import type { EddyDatabase } from '../../src/storage/open-database.js';

/** A storage backend under test. */
export type BackendName = 'sqlite' | 'postgres';

/** A clock tests move by hand; storage reads it for `CreatedDate` and friends. */
export class TestClock {
  #ms: number;

  constructor(start: string | Date = new Date()) {
    this.#ms = new Date(start).getTime();
  }

  /** The current simulated time. */
  now(): Date {
    return new Date(this.#ms);
  }

  /** The current simulated time as ISO-8601. */
  iso(): string {
    return this.now().toISOString();
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.#ms += ms;
  }

  /** Sets the clock. */
  set(time: string | Date): void {
    this.#ms = new Date(time).getTime();
  }
}

/** What a test gets from {@link forEachDatabase}. */
export interface DatabaseContext {
  readonly backend: BackendName;
  /** The current test's database. */
  db(): EddyDatabase;
  /** The current test's clock (starts at 2026-01-05T09:00:00.000Z). */
  clock(): TestClock;
  /** Another handle on the same database, as a second process would have; closed after the test. */
  openAnother(): Promise<EddyDatabase>;
}

/** Options of {@link forEachDatabase}. */
export interface ForEachDatabaseOptions {
  /** `test` (default): a fresh database per test; `suite`: one per backend for the whole block. */
  readonly isolation?: 'test' | 'suite';
  /** Start of the simulated clock. */
  readonly clockStart?: string;
}

/** The backends available in this run. */
export function availableBackends(): BackendName[] {
  return process.env.EDDY_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

interface Opened {
  readonly db: EddyDatabase;
  readonly clock: TestClock;
  readonly others: EddyDatabase[];
  readonly location: { readonly dir?: string; readonly schema?: string };
}

async function openFresh(backend: BackendName, clockStart: string): Promise<Opened> {
  const clock = new TestClock(clockStart);
  const now = (): Date => clock.now();
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'eddy-test-'));
    const db = await openDatabase({ file: join(dir, 'eddy.db'), clock: now });
    return { db, clock, others: [], location: { dir } };
  }
  const schema = `t_${process.pid}_${randomBytes(6).toString('hex')}`;
  const db = await openDatabase({ url: process.env.EDDY_TEST_PG_URL as string, schema, clock: now, poolSize: 5 });
  return { db, clock, others: [], location: { schema } };
}

async function openAnotherHandle(backend: BackendName, opened: Opened): Promise<EddyDatabase> {
  const now = (): Date => opened.clock.now();
  const db =
    backend === 'sqlite'
      ? await openDatabase({ file: join(opened.location.dir as string, 'eddy.db'), clock: now })
      : await openDatabase({ url: process.env.EDDY_TEST_PG_URL as string, schema: opened.location.schema as string, clock: now, poolSize: 5 });
  opened.others.push(db);
  return db;
}

async function dispose(opened: Opened): Promise<void> {
  for (const other of opened.others) await other.close();
  await opened.db.close();
  if (opened.location.dir) rmSync(opened.location.dir, { recursive: true, force: true });
  if (opened.location.schema) {
    const client = new pg.Client({ connectionString: process.env.EDDY_TEST_PG_URL });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${opened.location.schema}" cascade`);
    } finally {
      await client.end();
    }
  }
}

/** Declares `body`'s tests once per available backend (`describe('<name> [sqlite]')`, ...). */
export function forEachDatabase(name: string, body: (ctx: DatabaseContext) => void, options: ForEachDatabaseOptions = {}): void {
  const isolation = options.isolation ?? 'test';
  const clockStart = options.clockStart ?? '2026-01-05T09:00:00.000Z';
  for (const backend of availableBackends()) {
    describe(`${name} [${backend}]`, () => {
      let opened: Opened | undefined;
      const setUp = async (): Promise<void> => {
        opened = await openFresh(backend, clockStart);
      };
      const tearDown = async (): Promise<void> => {
        if (opened) await dispose(opened);
        opened = undefined;
      };
      if (isolation === 'test') {
        beforeEach(setUp);
        afterEach(tearDown);
      } else {
        beforeAll(setUp);
        afterAll(tearDown);
      }
      const current = (): Opened => {
        if (!opened) throw new Error('No database: use ctx.db() inside a test, not while declaring it.');
        return opened;
      };
      body({
        backend,
        db: () => current().db,
        clock: () => current().clock,
        openAnother: () => openAnotherHandle(backend, current()),
      });
    });
  }
}
