/**
 * The durable job queue. A claim is one `UPDATE ... WHERE id IN (SELECT ... LIMIT n) RETURNING`
 * statement that leases the jobs to their worker (`running`, `lease_owner`, `lease_until`,
 * attempts + 1): atomic under SQLite's single writer (a statement is its own transaction, and
 * Eddy's transactions begin `IMMEDIATE`), and with `FOR UPDATE SKIP LOCKED` on PostgreSQL so that
 * concurrent workers take different jobs without waiting for each other. The outer WHERE checks
 * again that a job is free, so a row re-read after another worker's commit is not claimed twice.
 *
 * A running job whose lease ran out is free again: its worker died (or stalled), and the next
 * claim takes it over with one more attempt. Every later change of a running job names the claim
 * it was made under (owner and attempt); a stale worker's change matches no row and throws
 * `LeaseLostError`.
 */
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { JsonValue } from '../engine/index.js';
import { LeaseLostError, normalizeDateTime } from '../runtime/index.js';
import type { Job, JobClaim, JobFilter, JobQueue, JobStatus, NewJob } from '../runtime/index.js';
import type { JobsTable } from './database-schema.js';
import { orderedUuid, parseJson } from './sql-helpers.js';
import type { StoreContext } from './store-context.js';

const DEFAULT_LIST_LIMIT = 100;
const MAX_LIST_LIMIT = 1000;

function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id,
    kind: row.kind,
    payload: parseJson<JsonValue>(row.payload),
    status: row.status as JobStatus,
    runAt: row.run_at,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    lastError: row.last_error,
    idempotencyKey: row.idempotency_key,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    createdDate: row.created_date,
    updatedDate: row.updated_date,
  };
}

/** `text` as a canonical ISO date-time (so text comparison orders times); throws on garbage. */
export function isoTime(text: string, what: string): string {
  const iso = normalizeDateTime(text);
  if (!iso) throw new Error(`${what} must be an ISO-8601 date-time, got "${text}".`);
  return iso;
}

/** `iso` plus `ms` milliseconds. */
export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

/** {@link JobQueue} on Kysely. */
export class KyselyJobQueue implements JobQueue {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  async add(job: NewJob): Promise<{ readonly job: Job; readonly created: boolean }> {
    if (job.kind.trim() === '') throw new Error('A job needs a kind.');
    if (!Number.isInteger(job.maxAttempts) || job.maxAttempts < 1) throw new Error(`maxAttempts must be a whole number of at least 1, got ${job.maxAttempts}.`);
    const now = this.#ctx.now();
    const row = {
      id: orderedUuid(),
      kind: job.kind,
      payload: JSON.stringify(job.payload),
      status: 'queued',
      run_at: job.runAt === undefined ? now : isoTime(job.runAt, 'runAt'),
      attempts: 0,
      max_attempts: job.maxAttempts,
      last_error: null,
      idempotency_key: job.idempotencyKey ?? null,
      lease_owner: null,
      lease_until: null,
      created_date: now,
      updated_date: now,
    };
    return this.#ctx.atomic(async (db) => {
      const inserted = await db
        .insertInto('jobs')
        .values(row)
        .onConflict((oc) => oc.columns(['kind', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { job: toJob(inserted), created: true };
      const existing = await db
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', row.kind)
        .where('idempotency_key', '=', row.idempotency_key)
        .executeTakeFirstOrThrow();
      return { job: toJob(existing), created: false };
    });
  }

  async claim(claim: JobClaim): Promise<Job[]> {
    const at = isoTime(claim.now, 'now');
    const postgres = this.#ctx.dialect === 'postgres';
    const free = sql`((status = 'queued' and run_at <= ${at}) or (status = 'running' and lease_until <= ${at}))`;
    // Materialized: PostgreSQL could otherwise run a LIMIT subquery once per candidate row and
    // claim more than `limit` jobs.
    const { rows } = await sql<Selectable<JobsTable>>`
      with due as ${postgres ? sql`materialized` : sql``} (
        select id from jobs where ${free} order by run_at, id limit ${Math.max(0, claim.limit)} ${postgres ? sql`for update skip locked` : sql``}
      )
      update jobs set status = 'running', lease_owner = ${claim.owner}, lease_until = ${addMs(at, claim.leaseMs)}, attempts = attempts + 1, updated_date = ${at}
      where id in (select id from due) and ${free}
      returning *`.execute(this.#ctx.db);
    return rows.map(toJob).sort((a, b) => a.runAt.localeCompare(b.runAt) || a.id.localeCompare(b.id));
  }

  async extendLeases(owner: string, ids: readonly string[], leaseUntil: string): Promise<string[]> {
    if (ids.length === 0) return [];
    const until = isoTime(leaseUntil, 'leaseUntil');
    const rows = await this.#ctx.db
      .updateTable('jobs')
      .set({ lease_until: sql<string>`case when lease_until < ${until} then ${until} else lease_until end` })
      .where('id', 'in', [...ids])
      .where('status', '=', 'running')
      .where('lease_owner', '=', owner)
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  }

  async complete(job: Job, now: string): Promise<void> {
    const at = isoTime(now, 'now');
    await this.#settle(job, { status: 'done', lease_owner: null, lease_until: null, updated_date: at });
  }

  async reschedule(job: Job, runAt: string, error: string, now: string): Promise<void> {
    await this.#settle(job, { status: 'queued', run_at: isoTime(runAt, 'runAt'), last_error: error, lease_owner: null, lease_until: null, updated_date: isoTime(now, 'now') });
  }

  async fail(job: Job, error: string, now: string): Promise<void> {
    await this.#settle(job, { status: 'failed', last_error: error, lease_owner: null, lease_until: null, updated_date: isoTime(now, 'now') });
  }

  async cancelByKey(kind: string, idempotencyKey: string): Promise<boolean> {
    const result = await this.#ctx.db
      .updateTable('jobs')
      .set({ status: 'cancelled', updated_date: this.#ctx.now() })
      .where('kind', '=', kind)
      .where('idempotency_key', '=', idempotencyKey)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async get(id: string): Promise<Job | undefined> {
    const row = await this.#ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  async list(filter: JobFilter = {}): Promise<Job[]> {
    const newest = filter.order !== 'oldest';
    const limit = Math.max(1, Math.min(filter.limit ?? DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT));
    let query = this.#ctx.db.selectFrom('jobs').selectAll().orderBy('id', newest ? 'desc' : 'asc').limit(limit);
    if (filter.statuses !== undefined) query = filter.statuses.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('status', 'in', [...filter.statuses]);
    if (filter.kinds !== undefined) query = filter.kinds.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('kind', 'in', [...filter.kinds]);
    if (filter.after !== undefined) query = query.where('id', newest ? '<' : '>', filter.after);
    return (await query.execute()).map(toJob);
  }

  async requeue(id: string, now: string): Promise<Job | undefined> {
    const at = isoTime(now, 'now');
    const row = await this.#ctx.db
      .updateTable('jobs')
      .set({ status: 'queued', run_at: at, attempts: 0, lease_owner: null, lease_until: null, updated_date: at })
      .where('id', '=', id)
      .where('status', 'in', ['failed', 'cancelled'])
      .returningAll()
      .executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  async cancel(id: string, now: string): Promise<Job | undefined> {
    const row = await this.#ctx.db
      .updateTable('jobs')
      .set({ status: 'cancelled', updated_date: isoTime(now, 'now') })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  /** Updates a running job if the claim is still `job`'s; LeaseLostError otherwise. */
  async #settle(job: Job, set: Partial<Selectable<JobsTable>>): Promise<void> {
    const result = await this.#ctx.db
      .updateTable('jobs')
      .set(set)
      .where('id', '=', job.id)
      .where('status', '=', 'running')
      .where('lease_owner', '=', job.leaseOwner)
      .where('attempts', '=', job.attempts)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw new LeaseLostError(`Job ${job.id} (attempt ${job.attempts}) is no longer held by this worker: its lease ran out and another worker took it over, or it was cancelled.`);
    }
  }
}
