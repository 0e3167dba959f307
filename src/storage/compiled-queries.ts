/**
 * Hot statements compiled once per dialect and run with fresh parameters: building and compiling
 * a Kysely query costs more than SQLite takes to run a primary-key read (about 5 µs against 3–7),
 * and a few statements run on every request (the access revision, an interview by Id, its
 * shares). Only for statements whose SQL text never depends on their parameters.
 */
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import type { StoreContext } from './store-context.js';

const COMPILED = new Map<string, CompiledQuery>();

/**
 * Runs the statement `key` with `parameters`, compiling it with `build` the first time for this
 * dialect. `build` must use placeholder values in the order `parameters` gives them.
 */
export async function runCompiled<R>(
  ctx: StoreContext,
  key: string,
  build: (db: Kysely<Database>) => Compilable<R>,
  parameters: readonly unknown[],
): Promise<R[]> {
  // Kysely's plugins (the outside-transaction guard) run when a query is compiled, not when a
  // compiled one runs: the session checks itself here instead.
  ctx.assertUsable?.();
  const cacheKey = `${ctx.dialect}:${key}`;
  let compiled = COMPILED.get(cacheKey);
  if (compiled === undefined) {
    compiled = build(ctx.db).compile();
    if (compiled.parameters.length !== parameters.length) {
      throw new Error(`Compiled statement ${key} takes ${compiled.parameters.length} parameters, not ${parameters.length}.`);
    }
    COMPILED.set(cacheKey, compiled);
  }
  const result = await ctx.db.executeQuery<R>({ ...compiled, parameters } as CompiledQuery<R>);
  return result.rows;
}
