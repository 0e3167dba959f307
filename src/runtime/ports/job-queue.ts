/** The durable job queue the job runner works from (`runtime/jobs/job-runner.ts`). */
import type { JsonValue } from '../../engine/index.js';
import type { IsoDateTime } from './common.js';

/**
 * A job's life: `queued` (waiting for `runAt`), `running` (leased by a worker until
 * `leaseUntil`), then `done`, `failed` (gave up; `lastError` says why) or `cancelled`.
 */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** Every job status, in the order of a job's life. */
export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'done', 'failed', 'cancelled'];

/** A durable job: resume a waiting interview, send an email, ... */
export interface Job {
  /** A UUID v7: ids sort in creation order. */
  readonly id: string;
  /** What runs it: the name a handler is registered under (`wait.resume`, `email.send`). */
  readonly kind: string;
  readonly payload: JsonValue;
  readonly status: JobStatus;
  /** When it may run (again). */
  readonly runAt: IsoDateTime;
  /** Attempts so far; a claim counts one, so a running job's is the attempt in progress. */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lastError: string | null;
  /** At most one job of a kind has a given key, ever (done ones too). */
  readonly idempotencyKey: string | null;
  /** The worker holding a running job, and until when. */
  readonly leaseOwner: string | null;
  readonly leaseUntil: IsoDateTime | null;
  readonly createdDate: IsoDateTime;
  readonly updatedDate: IsoDateTime;
}

/** What `add` needs. */
export interface NewJob {
  readonly kind: string;
  readonly payload: JsonValue;
  /** Default: now. */
  readonly runAt?: IsoDateTime;
  readonly idempotencyKey?: string | null;
  readonly maxAttempts: number;
}

/** What `claim` needs. */
export interface JobClaim {
  readonly now: IsoDateTime;
  readonly limit: number;
  readonly leaseMs: number;
  /** Who claims: the worker's id, kept in `leaseOwner`. */
  readonly owner: string;
}

/** Which jobs `list` returns: newest first, or oldest first. */
export interface JobFilter {
  readonly statuses?: readonly JobStatus[];
  readonly kinds?: readonly string[];
  /** Default 100, at most 1000. */
  readonly limit?: number;
  /** `newest` (default) or `oldest` first; ids order creation. */
  readonly order?: 'newest' | 'oldest';
  /** Only jobs after this id in the list's order: the next page. */
  readonly after?: string;
}

/**
 * The jobs, safe with several workers and processes. A running job is changed only with proof
 * of its claim (the claimed {@link Job}: its `leaseOwner` and `attempts`): a worker whose lease
 * ran out and was taken over gets `ConflictError` instead of overwriting the new claim.
 */
export interface JobQueue {
  /** Adds a job (in this session's transaction); with a key the kind already has, returns that job and `created: false`. */
  add(job: NewJob): Promise<{ readonly job: Job; readonly created: boolean }>;
  /**
   * Claims up to `limit` jobs due at `now`, earliest first — queued ones, and running ones whose
   * lease ran out (their worker died) — for `leaseMs`: status `running`, attempts + 1. Concurrent
   * claimers get disjoint jobs.
   */
  claim(claim: JobClaim): Promise<Job[]>;
  /** Extends the leases `owner` still holds among `ids` to `leaseUntil` (never shortens one); returns those ids. */
  extendLeases(owner: string, ids: readonly string[], leaseUntil: IsoDateTime): Promise<string[]>;
  /** Marks a claimed job done (`ConflictError` when the claim was lost). */
  complete(job: Job, now: IsoDateTime): Promise<void>;
  /** Puts a claimed job back in the queue, due at `runAt`, with the error of the attempt (`ConflictError` when the claim was lost). */
  reschedule(job: Job, runAt: IsoDateTime, error: string, now: IsoDateTime): Promise<void>;
  /** Gives up on a claimed job: `failed`, keeping the error (`ConflictError` when the claim was lost). */
  fail(job: Job, error: string, now: IsoDateTime): Promise<void>;
  /** Cancels the queued job of `kind` with this key; returns whether there was one. */
  cancelByKey(kind: string, idempotencyKey: string): Promise<boolean>;
  get(id: string): Promise<Job | undefined>;
  list(filter?: JobFilter): Promise<Job[]>;
  /** A failed or cancelled job queued again to run now, its attempts reset; undefined when there is no such job in those states. */
  requeue(id: string, now: IsoDateTime): Promise<Job | undefined>;
  /** A queued job cancelled; undefined when there is no such queued job. */
  cancel(id: string, now: IsoDateTime): Promise<Job | undefined>;
}
