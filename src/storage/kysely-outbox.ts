/**
 * The outbox: emails and notifications written in the same transaction as the state change that
 * caused them, delivered after commit. Claims lease messages like the job queue does, so a
 * sender that crashes hands its messages back when the lease ends (delivery is at least once).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { JsonValue } from '../engine/index.js';
import { LeaseLostError } from '../runtime/index.js';
import type { ClaimedMessage, Outbox, OutboxMessage, OutboxStatus } from '../runtime/index.js';
import type { OutboxTable } from './database-schema.js';
import { addMs, isoTime } from './kysely-job-queue.js';
import { orderedUuid, parseJson } from './sql-helpers.js';
import type { StoreContext } from './store-context.js';

function toMessage(row: Selectable<OutboxTable>): OutboxMessage {
  return {
    id: row.id, kind: row.kind, payload: parseJson<JsonValue>(row.payload), interviewId: row.interview_id, status: row.status as OutboxStatus,
    attempts: Number(row.attempts), nextAttemptAt: row.next_attempt_at, lastError: row.last_error, createdDate: row.created_date, sentDate: row.sent_date,
  };
}

/** {@link Outbox} on Kysely. */
export class KyselyOutbox implements Outbox {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  async add(message: { readonly kind: string; readonly payload: JsonValue; readonly interviewId?: string | null }): Promise<OutboxMessage> {
    const now = this.#ctx.now();
    const row = {
      id: orderedUuid(), kind: message.kind, payload: JSON.stringify(message.payload), interview_id: message.interviewId ?? null, status: 'pending',
      attempts: 0, next_attempt_at: now, lease_token: null, last_error: null, created_date: now, sent_date: null,
    };
    await this.#ctx.db.insertInto('outbox').values(row).execute();
    return toMessage(row);
  }

  async claimPending(now: string, limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    const at = isoTime(now, 'now');
    const token = randomUUID();
    const skipLocked = this.#ctx.dialect === 'postgres' ? sql`for update skip locked` : sql``;
    const due = sql`status = 'pending' and next_attempt_at <= ${at}`;
    const { rows } = await sql<Selectable<OutboxTable>>`
      update outbox set next_attempt_at = ${addMs(at, leaseMs)}, lease_token = ${token}, attempts = attempts + 1
      where id in (select id from outbox where ${due} order by next_attempt_at, id limit ${Math.max(0, limit)} ${skipLocked})
        and ${due}
      returning *`.execute(this.#ctx.db);
    return rows.map((row) => ({ ...toMessage(row), leaseToken: token })).sort((a, b) => a.createdDate.localeCompare(b.createdDate) || a.id.localeCompare(b.id));
  }

  async markSent(message: ClaimedMessage, now: string): Promise<void> {
    await this.#finish(message, { status: 'sent', sent_date: isoTime(now, 'now'), lease_token: null });
  }

  async markFailed(message: ClaimedMessage, error: string, retryAt?: string): Promise<void> {
    await this.#finish(message, retryAt !== undefined ? { next_attempt_at: isoTime(retryAt, 'retryAt'), last_error: error, lease_token: null } : { status: 'failed', last_error: error, lease_token: null });
  }

  async list(filter: { readonly status?: OutboxStatus; readonly interviewId?: string; readonly limit?: number } = {}): Promise<OutboxMessage[]> {
    let query = this.#ctx.db.selectFrom('outbox').selectAll().orderBy('created_date').orderBy('id').limit(Math.max(1, Math.min(filter.limit ?? 1000, 10_000)));
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.interviewId) query = query.where('interview_id', '=', filter.interviewId);
    return (await query.execute()).map(toMessage);
  }

  async #finish(message: ClaimedMessage, set: Partial<Selectable<OutboxTable>>): Promise<void> {
    const result = await this.#ctx.db
      .updateTable('outbox')
      .set(set)
      .where('id', '=', message.id)
      .where('lease_token', '=', message.leaseToken)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new LeaseLostError(`Outbox message ${message.id} is no longer leased by this sender.`);
  }
}
