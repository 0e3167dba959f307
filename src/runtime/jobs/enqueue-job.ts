/**
 * Enqueuing a job: a row written in the caller's session, so that the job exists if and only if
 * the caller's transaction commits (a resume's alarm with the interview's wait, an email with the
 * step that sent it). Code that has no runner at hand (the interview service, the effects of a
 * step) enqueues through this function; the runner's `enqueue` adds its kinds' defaults.
 */
import type { JsonValue } from '../../engine/index.js';
import type { Job, StorageSession } from '../ports/index.js';

/** Attempts of a job whose kind sets no other limit. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** A job to enqueue. */
export interface JobRequest {
  readonly kind: string;
  readonly payload: JsonValue;
  /** ISO-8601 date-time; default now (the storage's clock). */
  readonly runAt?: string;
  /** At most one job of the kind ever has this key: enqueuing it again returns the first. */
  readonly idempotencyKey?: string;
  /** Default {@link DEFAULT_MAX_ATTEMPTS}. */
  readonly maxAttempts?: number;
}

/** Enqueues a job in `tx`; with a key the kind already has, returns that job and `created: false`. */
export async function enqueueJob(tx: StorageSession, request: JobRequest): Promise<{ readonly job: Job; readonly created: boolean }> {
  return tx.jobs.add({
    kind: request.kind,
    payload: request.payload,
    ...(request.runAt === undefined ? {} : { runAt: request.runAt }),
    ...(request.idempotencyKey === undefined ? {} : { idempotencyKey: request.idempotencyKey }),
    maxAttempts: request.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  });
}
