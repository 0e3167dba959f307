/**
 * Resuming waiting interviews, around the interview service's transaction: alarm jobs (claimed
 * in batches; a resume that fails for a reason other than the flow is retried with backoff, and
 * after the last attempt the interview is recorded as failed) and platform events (the outputs an
 * event gives its wait). The resume itself — load, step, commit — stays the service's one
 * transaction loop: the runner is handed it as a function.
 */
import type { CompiledFlow, FlowValue } from '../../engine/index.js';
import { LeaseLostError } from '../errors.js';
import { recordResumeFailure } from '../interviews/interview-failure.js';
import type { ClaimedJob, Storage } from '../ports/index.js';
import { backoffMs, parseResumeWaitPayload, RESUME_WAIT_JOB, type ResumeWaitPayload } from './wait-jobs.js';

/** Retry policy of alarm resumes that fail for reasons other than the flow itself. */
export interface WaitRetryOptions {
  /** Attempts before the interview is recorded as failed (default 5). */
  readonly maxAttempts?: number;
  /** First retry delay, doubled on each attempt (default 1 s). */
  readonly baseDelayMs?: number;
  /** Longest retry delay (default 5 min). */
  readonly maxDelayMs?: number;
  /** How long a claimed job is reserved for its resume (default 60 s). */
  readonly leaseMs?: number;
  /** Jobs claimed at once (default 20). */
  readonly batchSize?: number;
}

/**
 * Resumes the interview a job names, in a transaction that also completes the job. False when
 * the interview no longer waits there (a stale job).
 */
export type ResumeByJob = (payload: ResumeWaitPayload, job: { readonly job: ClaimedJob; readonly now: Date }) => Promise<boolean>;

/** Runs the due alarm jobs of waiting interviews through the service's resume. */
export class WaitJobRunner {
  readonly #storage: Storage;
  readonly #retry: Required<WaitRetryOptions>;
  readonly #resume: ResumeByJob;

  constructor(storage: Storage, retry: WaitRetryOptions | undefined, resume: ResumeByJob) {
    this.#storage = storage;
    this.#resume = resume;
    this.#retry = {
      maxAttempts: retry?.maxAttempts ?? 5,
      baseDelayMs: retry?.baseDelayMs ?? 1000,
      maxDelayMs: retry?.maxDelayMs ?? 5 * 60_000,
      leaseMs: retry?.leaseMs ?? 60_000,
      batchSize: retry?.batchSize ?? 20,
    };
  }

  /** Resumes the interviews whose alarms are due at `now`, batch by batch. Returns how many resumed. */
  async runDue(now: Date): Promise<number> {
    let resumed = 0;
    for (;;) {
      const jobs = await this.#storage.jobs.claimDue(now.toISOString(), this.#retry.batchSize, this.#retry.leaseMs);
      for (const job of jobs) resumed += await this.#run(job, now);
      if (jobs.length < this.#retry.batchSize) return resumed;
    }
  }

  async #run(job: ClaimedJob, now: Date): Promise<number> {
    if (job.kind !== RESUME_WAIT_JOB) {
      // Not ours: hand it back for whoever handles that kind.
      await this.#storage.jobs.retry(job, new Date(now.getTime() + 60_000).toISOString(), `No handler for job kind "${job.kind}" in this process.`).catch(ignoreLeaseLost);
      return 0;
    }
    const payload = parseResumeWaitPayload(job.payload);
    if (payload === undefined) {
      await this.#storage.jobs.fail(job, 'The job payload is not a wait resume.', now.toISOString()).catch(ignoreLeaseLost);
      return 0;
    }
    try {
      return (await this.#resume(payload, { job, now })) ? 1 : 0;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (job.attempts < this.#retry.maxAttempts) {
        const retryAt = new Date(now.getTime() + backoffMs(job.attempts, this.#retry.baseDelayMs, this.#retry.maxDelayMs));
        await this.#storage.jobs.retry(job, retryAt.toISOString(), message).catch(ignoreLeaseLost);
        return 0;
      }
      await this.#storage.jobs.fail(job, message, now.toISOString()).catch(ignoreLeaseLost);
      await recordResumeFailure(this.#storage, payload, job.attempts, message);
      return 0;
    }
  }
}

/**
 * The outputs of a platform event for a wait event's output parameters: a parameter named like
 * a field of the event gets that field; any other gets the event message as a record (Flow
 * Builder's "store the event in a record variable").
 */
export function eventOutputs(flow: CompiledFlow, elementName: string, eventName: string, event: { readonly [field: string]: FlowValue }): Record<string, FlowValue> {
  const element = flow.element(elementName);
  if (element?.kind !== 'wait') return {};
  const waitEvent = element.events.find((candidate) => candidate.name.toLowerCase() === eventName.toLowerCase());
  const outputs: Record<string, FlowValue> = {};
  for (const parameter of waitEvent?.outputParameters ?? []) {
    const field = Object.keys(event).find((key) => key.toLowerCase() === parameter.name.toLowerCase());
    outputs[parameter.name] = field === undefined ? event : (event[field] ?? null);
  }
  return outputs;
}

function ignoreLeaseLost(error: unknown): void {
  if (!(error instanceof LeaseLostError)) throw error;
}
