/**
 * The durable job queue. A claim is one `UPDATE ... WHERE id IN (SELECT ... LIMIT n) RETURNING`
 * statement that leases the jobs (`locked_until`, a fresh `lease_token`): atomic under SQLite's
 * single writer, and with `FOR UPDATE SKIP LOCKED` on PostgreSQL so concurrent workers take
 * different jobs. The outer WHERE re-checks the lease, so a row re-read after another worker's
 * commit is not claimed twice. A crashed worker's jobs come back when their lease ends.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { JsonValue } from '../engine/index.js';
import { LeaseLostError, normalizeDateTime } from '../runtime/index.js';
import type { ClaimedJob, Job, JobQueue, JobStatus, NewJob } from '../runtime/index.js';
import type { JobsTable } from './database-schema.js';
import { orderedUuid, parseJson } from './sql-helpers.js';
import type { StoreContext } from './store-context.js';

function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id, kind: row.kind, payload: parseJson<JsonValue>(row.payload), dueAt: row.due_at, uniqueKey: row.unique_key, status: row.status as JobStatus,
    attempts: Number(row.attempts), lockedUntil: row.locked_until, lastError: row.last_error, createdDate: row.created_date, completedDate: row.completed_date,
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

  async schedule(job: NewJob): Promise<{ readonly job: Job; readonly created: boolean }> {
    const row = {
      id: orderedUuid(), kind: job.kind, payload: JSON.stringify(job.payload), due_at: isoTime(job.dueAt, 'dueAt'), unique_key: job.uniqueKey ?? null,
      status: 'pending', attempts: 0, locked_until: null, lease_token: null, last_error: null, created_date: this.#ctx.now(), completed_date: null,
    };
    return this.#ctx.atomic(async (db) => {
      const inserted = await db
        .insertInto('jobs')
        .values(row)
        .onConflict((oc) => oc.column('unique_key').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { job: toJob(inserted), created: true };
      const existing = await db.selectFrom('jobs').selectAll().where('unique_key', '=', row.unique_key).executeTakeFirstOrThrow();
      return { job: toJob(existing), created: false };
    });
  }

  async claimDue(now: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    const at = isoTime(now, 'now');
    const token = randomUUID();
    const lockedUntil = addMs(at, leaseMs);
    const skipLocked = this.#ctx.dialect === 'postgres' ? sql`for update skip locked` : sql``;
    const free = sql`status = 'pending' and due_at <= ${at} and (locked_until is null or locked_until <= ${at})`;
    const { rows } = await sql<Selectable<JobsTable>>`
      update jobs set locked_until = ${lockedUntil}, lease_token = ${token}, attempts = attempts + 1
      where id in (select id from jobs where ${free} order by due_at, id limit ${Math.max(0, limit)} ${skipLocked})
        and ${free}
      returning *`.execute(this.#ctx.db);
    return rows.map((row) => ({ ...toJob(row), leaseToken: token })).sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
  }

  async complete(job: ClaimedJob, now: string): Promise<void> {
    await this.#finish(job, { status: 'done', completed_date: isoTime(now, 'now'), locked_until: null, lease_token: null });
  }

  async retry(job: ClaimedJob, dueAt: string, error: string): Promise<void> {
    await this.#finish(job, { due_at: isoTime(dueAt, 'dueAt'), last_error: error, locked_until: null, lease_token: null });
  }

  async fail(job: ClaimedJob, error: string, now: string): Promise<void> {
    await this.#finish(job, { status: 'failed', last_error: error, completed_date: isoTime(now, 'now'), locked_until: null, lease_token: null });
  }

  async cancel(uniqueKey: string): Promise<boolean> {
    const result = await this.#ctx.db
      .updateTable('jobs')
      .set({ status: 'cancelled', completed_date: this.#ctx.now(), locked_until: null, lease_token: null })
      .where('unique_key', '=', uniqueKey)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async get(id: string): Promise<Job | undefined> {
    const row = await this.#ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  async list(filter: { readonly status?: JobStatus; readonly kind?: string; readonly limit?: number } = {}): Promise<Job[]> {
    let query = this.#ctx.db.selectFrom('jobs').selectAll().orderBy('due_at').orderBy('id').limit(Math.max(1, Math.min(filter.limit ?? 1000, 10_000)));
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    return (await query.execute()).map(toJob);
  }

  async nextDueAt(): Promise<string | undefined> {
    const { rows } = await sql<{ next: string | null }>`
      select min(case when locked_until is not null and locked_until > due_at then locked_until else due_at end) as next
      from jobs where status = 'pending'`.execute(this.#ctx.db);
    return rows[0]?.next ?? undefined;
  }

  /** Updates a claimed job if its lease is still ours; LeaseLostError otherwise. */
  async #finish(job: ClaimedJob, set: Partial<Selectable<JobsTable>>): Promise<void> {
    const result = await this.#ctx.db
      .updateTable('jobs')
      .set(set)
      .where('id', '=', job.id)
      .where('lease_token', '=', job.leaseToken)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw new LeaseLostError(`Job ${job.id} is no longer leased by this worker (its lease ended and another worker claimed it, or it was cancelled).`);
    }
  }
}
