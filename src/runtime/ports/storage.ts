/** The storage: every port bound to one connection or transaction, and transactions. */
import type { Directory } from './directory.js';
import type { FlowStore } from './flow-store.js';
import type { InterviewStore } from './interview-store.js';
import type { JobQueue } from './job-queue.js';
import type { RecordStore } from './record-store.js';
import type { SchemaStore } from './schema-store.js';
import type { SettingsStore } from './settings-store.js';
import type { WaitSubscriptionStore } from './wait-subscription-store.js';

/** All ports, bound to one connection or transaction. */
export interface StorageSession {
  readonly interviews: InterviewStore;
  readonly flows: FlowStore;
  readonly records: RecordStore;
  readonly directory: Directory;
  readonly settings: SettingsStore;
  readonly schema: SchemaStore;
  readonly jobs: JobQueue;
  readonly waits: WaitSubscriptionStore;
  /**
   * Runs `work` so that its writes can be undone alone: inside a transaction, under a savepoint
   * rolled back when `work` throws (the error is rethrown), released when it resolves — one DML
   * statement of Salesforce, which fails without failing its transaction. Outside a transaction
   * it just runs `work` (each port call is atomic on its own there).
   */
  savepoint<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * The storage: ports usable directly (each call commits on its own; multi-row operations are
 * still atomic), and transactions for work that must commit together.
 */
export interface Storage extends StorageSession {
  /**
   * Runs `work` in one transaction: commits when it resolves, rolls back when it throws (and
   * rethrows). Writers are serialised (SQLite `BEGIN IMMEDIATE`; row locks on PostgreSQL).
   * Transactions do not nest.
   */
  transaction<T>(work: (tx: StorageSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
