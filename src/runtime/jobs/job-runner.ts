/**
 * The durable job runner: one polling loop (every 250 ms by default) that claims due jobs of
 * every kind in batches, leased to this worker, and runs each through the handler registered for
 * its kind. Wait alarms (`wait.resume`) and email delivery (`email.send`) are such kinds.
 *
 * - A job is enqueued in its caller's transaction (`enqueue(tx, ...)`): rolled back with it, it
 *   never existed. An idempotency key makes a second enqueue return the first job.
 * - A claim leases the job (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so runners never wait for each
 *   other; SQLite serialises writers). A heartbeat extends the leases while the batch runs; a
 *   worker that dies stops extending them, and once they run out another worker takes the jobs
 *   over, counting one more attempt.
 * - A handler that returns completes the job. A handler that commits work of its own completes
 *   the job in that transaction (`context.complete(tx)` or `context.transaction(work)`): the work
 *   and the completion commit together, so a crash never runs it twice.
 * - A handler that throws is retried with exponential backoff until the job's `maxAttempts`;
 *   a {@link PermanentJobError} fails it at once. A failed job keeps its error text, and the
 *   kind's `onFailed` runs once.
 * - A job whose kind has no handler fails once, visibly: `No handler is registered for job kind
 *   'x'` (register every kind in every process that runs jobs).
 */
import { randomUUID } from 'node:crypto';
import type { JsonValue } from '../../engine/index.js';
import { LeaseLostError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Job, Storage, StorageSession } from '../ports/index.js';
import { backoffMs, type BackoffPolicy } from './backoff.js';
import { enqueueJob, type JobRequest } from './enqueue-job.js';
import { jobErrorText, PermanentJobError } from './job-errors.js';
import { LeaseHeartbeat } from './lease-heartbeat.js';
import { type LoopErrorHandler, PollingLoop } from './polling-loop.js';

/** How often the runner polls for due jobs: an alarm resumes within about a second. */
export const DEFAULT_JOB_POLL_INTERVAL_MS = 250;

/** Retry delays of kinds that set none: 1 s, doubling, at most 5 minutes. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 1000, maxDelayMs: 5 * 60_000 };

/** How work that commits on its own completes the job that runs it: in the same transaction. */
export interface JobCompletion {
  /** The time of this round. */
  readonly now: Date;
  /** Marks the job done in `tx`, the handler's own transaction: both commit, or neither. */
  complete(tx: StorageSession): Promise<void>;
}

/** What a handler gets besides the payload. */
export interface JobContext extends JobCompletion {
  /** The job as claimed: `attempts` is this attempt's number (1 for the first). */
  readonly job: Job;
  readonly attempt: number;
  /** Aborted when the job's lease is lost to another worker. */
  readonly signal: AbortSignal;
  /** Runs `work` in one transaction that also completes the job. */
  transaction<T>(work: (tx: StorageSession) => Promise<T>): Promise<T>;
}

/** Runs one job of its kind; throws to have it retried (or failed, with a {@link PermanentJobError}). */
export type JobHandler = (payload: JsonValue, context: JobContext) => Promise<unknown>;

/** A kind's policy. */
export interface JobKindOptions {
  /** Attempts of the jobs `enqueue` adds of this kind (default 5). */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffPolicy;
  /** Runs once after a job of this kind failed for good, with its error text. */
  readonly onFailed?: (job: Job, error: string) => Promise<void>;
}

/** Options of {@link JobRunner}. */
export interface JobRunnerOptions {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly pollIntervalMs?: number;
  /** Jobs claimed at once (default 20). */
  readonly batchSize?: number;
  /** How long a claim holds a job before another worker may take it over (default 60 s). */
  readonly leaseMs?: number;
  /** How often the leases of a running batch are extended (default a third of the lease). */
  readonly heartbeatMs?: number;
  /** This worker's id in `leaseOwner` (default `eddy-<pid>-<random>`). */
  readonly owner?: string;
  /** Where failures of the loop, the heartbeat and `onFailed` go (default `console.error`). */
  readonly onError?: LoopErrorHandler;
}

/** What a round did (jobs whose claim was lost to another worker count for that worker). */
export interface JobRunSummary {
  readonly done: number;
  /** Failed for now, queued again with backoff. */
  readonly retried: number;
  /** Given up on. */
  readonly failed: number;
}

type Outcome = keyof JobRunSummary | 'lost';

interface Kind {
  readonly handler: JobHandler;
  readonly options: JobKindOptions;
}

/** Registers handlers by kind and runs due jobs, on demand (`runDue`) or in the background. */
export class JobRunner {
  readonly pollIntervalMs: number;
  readonly owner: string;
  readonly #storage: Storage;
  readonly #clock: Clock;
  readonly #batchSize: number;
  readonly #leaseMs: number;
  readonly #heartbeatMs: number;
  readonly #onError: LoopErrorHandler;
  readonly #kinds = new Map<string, Kind>();
  readonly #loop: PollingLoop;
  readonly #totals: Record<keyof JobRunSummary, number> = { done: 0, retried: 0, failed: 0 };

  constructor(options: JobRunnerOptions) {
    this.#storage = options.storage;
    this.#clock = options.clock;
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_JOB_POLL_INTERVAL_MS;
    this.#batchSize = options.batchSize ?? 20;
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#heartbeatMs = options.heartbeatMs ?? Math.max(1, Math.floor(this.#leaseMs / 3));
    this.owner = options.owner ?? `eddy-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.#onError = options.onError ?? ((error) => console.error('eddy jobs:', error));
    this.#loop = new PollingLoop({ name: 'eddy jobs', intervalMs: this.pollIntervalMs, round: () => this.runDue(), onError: this.#onError });
  }

  /** Registers the handler of `kind` (once per kind). */
  register(kind: string, handler: JobHandler, options: JobKindOptions = {}): void {
    if (this.#kinds.has(kind)) throw new Error(`A handler is already registered for job kind '${kind}'.`);
    this.#kinds.set(kind, { handler, options });
  }

  /** Enqueues a job in `tx` with its kind's attempt limit (see {@link enqueueJob}). */
  enqueue(tx: StorageSession, request: JobRequest): Promise<{ readonly job: Job; readonly created: boolean }> {
    const maxAttempts = request.maxAttempts ?? this.#kinds.get(request.kind)?.options.maxAttempts;
    return enqueueJob(tx, { ...request, ...(maxAttempts === undefined ? {} : { maxAttempts }) });
  }

  /** Whether the background loop runs. */
  get running(): boolean {
    return this.#loop.running;
  }

  /** What this runner's rounds did so far. */
  get totals(): JobRunSummary {
    return { ...this.#totals };
  }

  /** Starts polling (the first round runs at once). */
  start(): void {
    this.#loop.start();
  }

  /** Stops polling and waits for the round in progress. */
  async stop(): Promise<void> {
    await this.#loop.stop();
  }

  /** One round: runs every job due at `now` (default the clock), batch by batch. */
  async runDue(now: Date = this.#clock.now()): Promise<JobRunSummary> {
    const summary: Record<keyof JobRunSummary, number> = { done: 0, retried: 0, failed: 0 };
    for (;;) {
      const jobs = await this.#storage.jobs.claim({ now: now.toISOString(), limit: this.#batchSize, leaseMs: this.#leaseMs, owner: this.owner });
      if (jobs.length === 0) break;
      const heartbeat = new LeaseHeartbeat({ storage: this.#storage, clock: this.#clock, owner: this.owner, leaseMs: this.#leaseMs, intervalMs: this.#heartbeatMs, onError: this.#onError }, jobs);
      try {
        for (const job of jobs) {
          const outcome = await this.#run(job, now, heartbeat.signal(job.id));
          heartbeat.release(job.id);
          if (outcome === 'lost') continue;
          summary[outcome]++;
          this.#totals[outcome]++;
        }
      } finally {
        heartbeat.stop();
      }
      if (jobs.length < this.#batchSize) break;
    }
    return summary;
  }

  async #run(job: Job, now: Date, signal: AbortSignal): Promise<Outcome> {
    const at = now.toISOString();
    const kind = this.#kinds.get(job.kind);
    if (kind === undefined) return this.#fail(job, `No handler is registered for job kind '${job.kind}'.`, at, undefined);
    if (job.attempts > job.maxAttempts) {
      const reason = `Gave up after ${job.maxAttempts} attempts: the worker running the last one stopped before it finished (its lease ran out).`;
      return this.#fail(job, job.lastError === null ? reason : `${reason} Last error: ${job.lastError}`, at, kind);
    }
    // Whether the handler completed the job in a transaction of its own; that transaction may
    // still have rolled back, so the stored job is what tells.
    let completeCalled = false;
    const complete = async (tx: StorageSession): Promise<void> => {
      completeCalled = true;
      await tx.jobs.complete(job, at);
    };
    const context: JobContext = {
      job,
      attempt: job.attempts,
      now,
      signal,
      complete,
      transaction: (work) =>
        this.#storage.transaction(async (tx) => {
          const result = await work(tx);
          await complete(tx);
          return result;
        }),
    };
    try {
      await kind.handler(job.payload, context);
    } catch (error) {
      if (completeCalled && (await this.#completedBefore(job))) {
        // The job's work committed; what failed after it is a bug of the handler, not the job's.
        this.#onError(error);
        return 'done';
      }
      const message = jobErrorText(error);
      if (error instanceof PermanentJobError || job.attempts >= job.maxAttempts) return this.#fail(job, message, at, kind);
      const retryAt = new Date(now.getTime() + backoffMs(job.attempts, kind.options.backoff ?? DEFAULT_BACKOFF)).toISOString();
      return (await this.#settle(() => this.#storage.jobs.reschedule(job, retryAt, message, at))) ? 'retried' : 'lost';
    }
    if (completeCalled && (await this.#completedBefore(job))) return 'done';
    return (await this.#settle(() => this.#storage.jobs.complete(job, at))) ? 'done' : 'lost';
  }

  /** Whether this attempt's handler completed the job in its own (committed) transaction. */
  async #completedBefore(job: Job): Promise<boolean> {
    const stored = await this.#storage.jobs.get(job.id);
    return stored?.status === 'done' && stored.attempts === job.attempts;
  }

  async #fail(job: Job, error: string, at: string, kind: Kind | undefined): Promise<Outcome> {
    const held = await this.#settle(() => this.#storage.jobs.fail(job, error, at));
    if (!held) return 'lost';
    if (kind?.options.onFailed !== undefined) {
      try {
        await kind.options.onFailed(job, error);
      } catch (failure) {
        this.#onError(failure);
      }
    }
    return 'failed';
  }

  /** Records an outcome; false when the claim was lost (another worker took the job over: not an error). */
  async #settle(write: () => Promise<void>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      if (error instanceof LeaseLostError) return false;
      throw error;
    }
  }
}
