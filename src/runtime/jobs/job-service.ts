/**
 * Background jobs as Setup → Background Jobs, the REST API and `eddy jobs` see them,
 * permission-checked like the rest of Setup: reading needs Customize Application or Manage Flow
 * (as the outbox does), retrying and cancelling need Customize Application
 * (`InsufficientAccessError` otherwise). Retry puts a failed or cancelled job back in the queue,
 * due now with its attempts reset; cancel stops a queued one. A running job is neither: it
 * finishes, fails or is taken over on its own.
 */
import { requirePermission, type PermissionName } from '../access/require-permission.js';
import { InvalidApiInputError, InvalidOperationError, MalformedIdError, NotFoundError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import { JOB_STATUSES, type Job, type JobStatus, type StorageSession } from '../ports/index.js';

const READ: readonly PermissionName[] = ['customizeApplication', 'manageFlow'];
const CHANGE: readonly PermissionName[] = ['customizeApplication'];

/** The most jobs one page lists. */
export const MAX_JOB_PAGE_SIZE = 1000;
/** A page's size when the caller names none. */
export const DEFAULT_JOB_PAGE_SIZE = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which jobs to list, as a caller sends them (checked here). */
export interface JobListRequest {
  readonly status?: string;
  readonly kind?: string;
  readonly limit?: number;
  /** The last id of the previous page. */
  readonly after?: string;
}

/** A page of jobs, newest first. */
export interface JobPage {
  readonly records: readonly Job[];
  /** The `after` of the next page; undefined on the last one. */
  readonly nextAfter: string | undefined;
}

/** `id` when it is a job id (a UUID); `MalformedIdError` otherwise. */
export function checkJobId(id: string, field = 'id'): string {
  if (!UUID.test(id)) throw new MalformedIdError(`Job ID: id value of incorrect type: ${id} (a job ID is a UUID such as 01959f1c-2f4a-7c3e-9d2b-5e8f1a2b3c4d).`, [field]);
  return id.toLowerCase();
}

function checkStatus(status: string): JobStatus {
  const known = JOB_STATUSES.find((candidate) => candidate === status);
  if (known === undefined) throw new InvalidApiInputError(`status must be one of ${JOB_STATUSES.join(', ')}, not "${status}".`, ['status']);
  return known;
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_JOB_PAGE_SIZE) throw new InvalidApiInputError(`limit must be a whole number from 1 to ${MAX_JOB_PAGE_SIZE}, not ${limit}.`, ['limit']);
  return limit;
}

/** List, read, retry and cancel jobs, for Setup. */
export class JobService {
  readonly #storage: StorageSession;
  readonly #clock: Clock;

  constructor(storage: StorageSession, clock: Clock) {
    this.#storage = storage;
    this.#clock = clock;
  }

  /** Jobs, newest first, of one status and kind when given; a page at a time. */
  async list(actorId: string, request: JobListRequest = {}): Promise<JobPage> {
    await requirePermission(this.#storage.directory, actorId, READ, 'Viewing background jobs');
    const limit = checkLimit(request.limit ?? DEFAULT_JOB_PAGE_SIZE);
    const jobs = await this.#storage.jobs.list({
      ...(request.status === undefined ? {} : { statuses: [checkStatus(request.status)] }),
      ...(request.kind === undefined ? {} : { kinds: [request.kind] }),
      ...(request.after === undefined ? {} : { after: checkJobId(request.after, 'after') }),
      limit: limit + 1,
    });
    const records = jobs.slice(0, limit);
    return { records, nextAfter: jobs.length > limit ? records[records.length - 1]?.id : undefined };
  }

  /** One job (`NotFoundError` when there is none). */
  async get(actorId: string, id: string): Promise<Job> {
    await requirePermission(this.#storage.directory, actorId, READ, 'Viewing background jobs');
    return this.#existing(checkJobId(id));
  }

  /** Queues a failed or cancelled job again, due now, attempts reset (`InvalidOperationError` in another state). */
  async retry(actorId: string, id: string): Promise<Job> {
    await requirePermission(this.#storage.directory, actorId, CHANGE, 'Retrying a background job');
    const jobId = checkJobId(id);
    const retried = await this.#storage.jobs.requeue(jobId, this.#clock.now().toISOString());
    if (retried !== undefined) return retried;
    const job = await this.#existing(jobId);
    throw new InvalidOperationError(`Job ${job.id} is ${job.status}: only failed or cancelled jobs can be retried.`);
  }

  /** Cancels a queued job (`InvalidOperationError` in another state). */
  async cancel(actorId: string, id: string): Promise<Job> {
    await requirePermission(this.#storage.directory, actorId, CHANGE, 'Cancelling a background job');
    const jobId = checkJobId(id);
    const cancelled = await this.#storage.jobs.cancel(jobId, this.#clock.now().toISOString());
    if (cancelled !== undefined) return cancelled;
    const job = await this.#existing(jobId);
    throw new InvalidOperationError(`Job ${job.id} is ${job.status}: only queued jobs can be cancelled.`);
  }

  async #existing(id: string): Promise<Job> {
    const job = await this.#storage.jobs.get(id);
    if (job === undefined) throw new NotFoundError(`No job with ID ${id}.`);
    return job;
  }
}
