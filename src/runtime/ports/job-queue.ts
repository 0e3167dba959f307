/** The durable job queue. */
import type { JsonValue } from '../../engine/index.js';
import type { IsoDateTime } from './common.js';

/** Job states: `pending` (possibly leased), `done`, `failed` (gave up), `cancelled`. */
export type JobStatus = 'pending' | 'done' | 'failed' | 'cancelled';

/** A durable job: resume a waiting interview, retry a resume, ... */
export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly payload: JsonValue;
  readonly dueAt: IsoDateTime;
  /** At most one job ever exists per unique key (also after it is done), so a wait is never scheduled twice. */
  readonly uniqueKey: string | null;
  readonly status: JobStatus;
  readonly attempts: number;
  readonly lockedUntil: IsoDateTime | null;
  readonly lastError: string | null;
  readonly createdDate: IsoDateTime;
  readonly completedDate: IsoDateTime | null;
}

/** A job a worker claimed; its `leaseToken` proves the claim. */
export interface ClaimedJob extends Job {
  readonly leaseToken: string;
}

/** What `schedule` needs. */
export interface NewJob {
  readonly kind: string;
  readonly payload: JsonValue;
  readonly dueAt: IsoDateTime;
  readonly uniqueKey?: string | null;
}

/** The durable scheduler's queue; safe with several workers and processes. */
export interface JobQueue {
  /** Schedules a job; with a `uniqueKey` already used, returns the existing job and `created: false`. */
  schedule(job: NewJob): Promise<{ readonly job: Job; readonly created: boolean }>;
  /**
   * Claims up to `limit` pending jobs due at `now` (earliest first) for `leaseMs`: no other
   * claimer gets them until the lease ends. Attempts + 1.
   */
  claimDue(now: IsoDateTime, limit: number, leaseMs: number): Promise<ClaimedJob[]>;
  /** Marks a claimed job done (`LeaseLostError` if its lease was lost to another worker). */
  complete(job: ClaimedJob, now: IsoDateTime): Promise<void>;
  /** Puts a claimed job back, due at `dueAt` (the caller's backoff), recording the error. */
  retry(job: ClaimedJob, dueAt: IsoDateTime, error: string): Promise<void>;
  /** Gives up on a claimed job (`failed`). */
  fail(job: ClaimedJob, error: string, now: IsoDateTime): Promise<void>;
  /** Cancels the pending job with this unique key; returns whether there was one. */
  cancel(uniqueKey: string): Promise<boolean>;
  get(id: string): Promise<Job | undefined>;
  list(filter?: { readonly status?: JobStatus; readonly kind?: string; readonly limit?: number }): Promise<Job[]>;
  /** When the next pending job is due (a scheduler sleeps until then), or undefined. */
  nextDueAt(): Promise<IsoDateTime | undefined>;
}
