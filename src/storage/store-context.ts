/**
 * What every Kysely adapter gets: the database handle of its session (the pool, or one
 * transaction), the dialect, the clock, and `atomic` to make a multi-statement operation
 * all-or-nothing whether or not the caller opened a transaction.
 */
import type { Kysely } from 'kysely';
import type { OrgSchema } from '../runtime/index.js';
import type { Database } from './database-schema.js';

/** The SQL dialects Eddy supports. */
export type DialectName = 'sqlite' | 'postgres';

/** The describe cached per database, keyed by the org's `schema_revision`. */
export interface SchemaCache {
  revision: string | undefined;
  schema: OrgSchema | undefined;
}

/** Shared by the adapters of one session. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Current time as ISO-8601 UTC. */
  now(): string;
  /** Runs `work` in the session's transaction, or in a new one when the session has none. */
  atomic<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  readonly schemaCache: SchemaCache;
  /**
   * Throws when this session may not be used now (the outer storage inside one of its own
   * transactions). Kysely's plugin does the same for built queries; precompiled ones call this.
   */
  readonly assertUsable?: () => void;
  /** Savepoints opened and not yet released or rolled back (only inside a transaction). */
  savepointDepth?: number;
  /** Whether `db` is one transaction. */
  readonly inTransaction?: boolean;
}
