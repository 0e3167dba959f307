/**
 * The one place database driver errors are recognised: by the drivers' error codes (SQLite's
 * extended result codes as better-sqlite3 reports them, PostgreSQL's SQLSTATE as pg reports
 * them, Node's socket errors), never by message text. {@link TranslatingDialect} applies it to
 * every statement and connection, so above storage only the runtime's catalogue is seen:
 *
 * - a unique index refusing a write → `DuplicateValueError` (a bad request; a flow fault);
 * - a lock held by another transaction → `StorageBusyError` (infrastructure, retryable);
 * - a serialization failure or a deadlock → `SerializationFailureError` (infrastructure, retryable);
 * - a lost or refused connection, a shutdown → `StorageUnavailableError` (infrastructure, retryable).
 *
 * Any other driver error (a missing table, a syntax error) is a bug and passes unchanged. The
 * driver's error stays the translated error's `cause`, for the logs.
 */
import { DuplicateValueError, isInfrastructureError, isRequestError, SerializationFailureError, StorageBusyError, StorageUnavailableError } from '../runtime/index.js';

/** What a driver code means. */
type Meaning = 'unique' | 'busy' | 'serialization' | 'unavailable';

/** Driver error codes by meaning: SQLite (better-sqlite3), PostgreSQL (pg), Node's sockets. */
const MEANINGS: ReadonlyMap<string, Meaning> = new Map<string, Meaning>([
  // SQLite: a UNIQUE or PRIMARY KEY constraint.
  ['SQLITE_CONSTRAINT_UNIQUE', 'unique'],
  ['SQLITE_CONSTRAINT_PRIMARYKEY', 'unique'],
  // PostgreSQL unique_violation.
  ['23505', 'unique'],
  // SQLite: another connection holds the lock past the busy timeout, or a shared-cache lock.
  ['SQLITE_BUSY', 'busy'],
  ['SQLITE_BUSY_RECOVERY', 'busy'],
  ['SQLITE_BUSY_SNAPSHOT', 'busy'],
  ['SQLITE_BUSY_TIMEOUT', 'busy'],
  ['SQLITE_LOCKED', 'busy'],
  ['SQLITE_LOCKED_SHAREDCACHE', 'busy'],
  // PostgreSQL lock_not_available (NOWAIT, lock_timeout).
  ['55P03', 'busy'],
  // PostgreSQL serialization_failure, deadlock_detected.
  ['40001', 'serialization'],
  ['40P01', 'serialization'],
  // PostgreSQL connection_exception family, admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
  ['08000', 'unavailable'],
  ['08001', 'unavailable'],
  ['08003', 'unavailable'],
  ['08004', 'unavailable'],
  ['08006', 'unavailable'],
  ['57P01', 'unavailable'],
  ['57P02', 'unavailable'],
  ['57P03', 'unavailable'],
  ['53300', 'unavailable'],
  // Node's sockets (pg connecting to or talking with the server).
  ['ECONNREFUSED', 'unavailable'],
  ['ECONNRESET', 'unavailable'],
  ['ETIMEDOUT', 'unavailable'],
  ['EPIPE', 'unavailable'],
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The catalogue error a driver error means, or the error itself when it means nothing known. */
export function translateDriverError(error: unknown): unknown {
  if (isRequestError(error) || isInfrastructureError(error)) return error;
  const code = codeOf(error);
  const meaning = code === undefined ? undefined : MEANINGS.get(code);
  if (meaning === undefined) return error;
  const cause = { cause: error };
  switch (meaning) {
    case 'unique':
      // Two concurrent writes of the same unique value both pass the check made before writing;
      // the index stops the second one. That is the caller's duplicate, not a bug.
      return new DuplicateValueError('duplicate value found: another request has just saved the same unique value.', [], cause);
    case 'busy':
      return new StorageBusyError(`The database is busy: another transaction holds a lock this one needs (${code}).`, cause);
    case 'serialization':
      return new SerializationFailureError(`The database aborted the transaction against a concurrent one (${code}); it may be run again.`, cause);
    case 'unavailable':
      return new StorageUnavailableError(`The database is unavailable (${code}).`, cause);
  }
}

/** Runs `work`, translating what it rejects with. */
export async function translatingErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateDriverError(error);
  }
}
