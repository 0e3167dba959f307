/**
 * A prepared-statement cache for Kysely's SQLite driver. The driver calls `prepare(sql)` for
 * every statement it runs, and preparing (parsing and planning) costs SQLite more than running
 * the small statements Eddy issues — a quarter of the CPU of a REST read in the benchmark
 * (`docs/benchmarks.md`). Statements are kept by their SQL text, least recently used first out.
 *
 * Reusing a statement is safe here: the driver runs one statement at a time on its single
 * connection, and `all()` / `run()` reset the statement when they return.
 */
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** How many distinct statements are kept by default. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 500;

/** `database` with `prepare` answered from a cache of at most `capacity` statements. */
export function cachingStatements(database: SqliteDatabase, capacity = DEFAULT_STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached !== undefined) {
        // Map iteration order is insertion order: re-inserting marks it most recently used.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) {
        const oldest = statements.keys().next();
        if (oldest.done !== true) statements.delete(oldest.value);
      }
      return statement;
    },
  };
}
