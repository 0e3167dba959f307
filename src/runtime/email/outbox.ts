/**
 * The outbox: the emails and notifications flows send, kept as jobs of the delivery kinds —
 * `email.send`, `email.alert`, `notification.send` — enqueued in the transaction of the step that
 * sent them, delivered by the job runner after commit. A message is its job: the job's status,
 * attempts and last error are the message's delivery state (one record, no copy to keep in
 * step), and Setup's Outbox lists the jobs of those kinds. The job's payload is the message's,
 * plus the `interviewId` of the interview that sent it.
 */
import type { JsonValue } from '../../engine/index.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import type { Job, JobStatus, StorageSession } from '../ports/index.js';

/** What a message is. */
export type OutboxKind = 'email' | 'emailAlert' | 'notification';

/** Job kind of an email a flow sends (`emailSimple`): delivered through the mailer. */
export const EMAIL_JOB = 'email.send';
/** Job kind of an email alert: kept, not delivered (Eddy has no email templates). */
export const EMAIL_ALERT_JOB = 'email.alert';
/** Job kind of a custom notification: kept, not delivered (Eddy has no notification channel). */
export const NOTIFICATION_JOB = 'notification.send';

const JOB_KINDS: Readonly<Record<OutboxKind, string>> = { email: EMAIL_JOB, emailAlert: EMAIL_ALERT_JOB, notification: NOTIFICATION_JOB };

/** The job kinds of outbox messages. */
export const OUTBOX_JOB_KINDS: readonly string[] = Object.values(JOB_KINDS);

/** Attempts of a delivery before it fails for good. */
export const DELIVERY_MAX_ATTEMPTS = 8;

/** A message's delivery state, from its job's status. */
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'cancelled';

/** Every outbox status. */
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sent', 'failed', 'cancelled'];

const JOB_STATUSES_OF: Readonly<Record<OutboxStatus, readonly JobStatus[]>> = {
  pending: ['queued', 'running'],
  sent: ['done'],
  failed: ['failed'],
  cancelled: ['cancelled'],
};

/** A message's payload: JSON fields. */
export type MessagePayload = { readonly [key: string]: JsonValue };

/** An email or notification, with its delivery state. */
export interface OutboxMessage {
  /** Its job's id. */
  readonly id: string;
  readonly kind: OutboxKind;
  /** The effect as the engine produced it, plus what the runtime resolved (addresses). */
  readonly payload: MessagePayload;
  readonly interviewId: string | null;
  readonly status: OutboxStatus;
  readonly attempts: number;
  /** When it is (next) tried, while pending. */
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly createdDate: string;
  readonly sentDate: string | null;
}

/** A message to add. */
export interface NewMessage {
  readonly kind: OutboxKind;
  readonly payload: MessagePayload;
  readonly interviewId: string | null;
}

function outboxKindOf(jobKind: string): OutboxKind | undefined {
  return (Object.keys(JOB_KINDS) as OutboxKind[]).find((kind) => JOB_KINDS[kind] === jobKind);
}

function outboxStatusOf(status: JobStatus): OutboxStatus {
  return (Object.keys(JOB_STATUSES_OF) as OutboxStatus[]).find((candidate) => JOB_STATUSES_OF[candidate].includes(status)) ?? 'pending';
}

/** The message a delivery job carries; undefined for a job of another kind. */
export function toOutboxMessage(job: Job): OutboxMessage | undefined {
  const kind = outboxKindOf(job.kind);
  if (kind === undefined) return undefined;
  const fields: MessagePayload = typeof job.payload === 'object' && job.payload !== null && !Array.isArray(job.payload) ? job.payload : { message: job.payload };
  const { interviewId, ...payload } = fields;
  const status = outboxStatusOf(job.status);
  return {
    id: job.id,
    kind,
    payload,
    interviewId: typeof interviewId === 'string' ? interviewId : null,
    status,
    attempts: job.attempts,
    nextAttemptAt: job.runAt,
    lastError: job.lastError,
    createdDate: job.createdDate,
    sentDate: status === 'sent' ? job.updatedDate : null,
  };
}

/** Adds a message to the outbox of `session` (its transaction): a delivery job due now. */
export async function addToOutbox(session: StorageSession, message: NewMessage): Promise<OutboxMessage> {
  const { job } = await enqueueJob(session, {
    kind: JOB_KINDS[message.kind],
    payload: { ...message.payload, interviewId: message.interviewId },
    maxAttempts: DELIVERY_MAX_ATTEMPTS,
  });
  return toOutboxMessage(job) as OutboxMessage;
}

/** The outbox, oldest first, optionally of one status; at most `limit` messages (default 1000). */
export async function listOutbox(session: StorageSession, filter: { readonly status?: OutboxStatus; readonly limit?: number } = {}): Promise<OutboxMessage[]> {
  const jobs = await session.jobs.list({
    kinds: OUTBOX_JOB_KINDS,
    ...(filter.status === undefined ? {} : { statuses: JOB_STATUSES_OF[filter.status] }),
    order: 'oldest',
    limit: filter.limit ?? 1000,
  });
  return jobs.map(toOutboxMessage).filter((message): message is OutboxMessage => message !== undefined);
}
