/**
 * Resuming waiting interviews, around the interview service's transaction: alarms are
 * `wait.resume` jobs of the job runner (a resume that fails for a reason other than the flow is
 * retried with backoff, and after the last attempt the interview is recorded as failed), and
 * platform events give their wait outputs. The resume itself — load, step, commit, and complete
 * the job in that same transaction — stays the service's one transaction loop: the registration
 * is handed it as a function.
 */
import type { CompiledFlow, FlowValue } from '../../engine/index.js';
import { recordResumeFailure } from '../interviews/interview-failure.js';
import type { JobCompletion, JobRunner } from '../jobs/job-runner.js';
import { PermanentJobError } from '../jobs/job-errors.js';
import type { Storage } from '../ports/index.js';
import { parseResumeWaitPayload, type ResumeWaitPayload, WAIT_RESUME_JOB } from './wait-jobs.js';

/** Retry policy of alarm resumes that fail for reasons other than the flow itself. */
export interface WaitRetryOptions {
  /** Attempts before the interview is recorded as failed (default 5). */
  readonly maxAttempts?: number;
  /** First retry delay, doubled on each attempt (default 1 s). */
  readonly baseDelayMs?: number;
  /** Longest retry delay (default 5 min). */
  readonly maxDelayMs?: number;
}

/** The policy with its defaults. */
export function waitRetryPolicy(options: WaitRetryOptions | undefined): Required<WaitRetryOptions> {
  return { maxAttempts: options?.maxAttempts ?? 5, baseDelayMs: options?.baseDelayMs ?? 1000, maxDelayMs: options?.maxDelayMs ?? 5 * 60_000 };
}

/**
 * Resumes the interview a job names, in a transaction that also completes the job. False when
 * the interview no longer waits there (a stale job, completed all the same).
 */
export type ResumeByAlarm = (payload: ResumeWaitPayload, job: JobCompletion) => Promise<boolean>;

/** What {@link registerWaitResume} needs. */
export interface WaitResumeRegistration {
  readonly storage: Storage;
  readonly retry?: WaitRetryOptions;
  /** `InterviewService.resumeByAlarm`. */
  readonly resume: ResumeByAlarm;
}

/** Registers the `wait.resume` kind: alarms resume their interview through the service's transaction. */
export function registerWaitResume(runner: JobRunner, registration: WaitResumeRegistration): void {
  const policy = waitRetryPolicy(registration.retry);
  runner.register(
    WAIT_RESUME_JOB,
    async (payload, context) => {
      const resume = parseResumeWaitPayload(payload);
      if (resume === undefined) throw new PermanentJobError('The job payload is not a wait resume.');
      return registration.resume(resume, context);
    },
    {
      maxAttempts: policy.maxAttempts,
      backoff: { baseDelayMs: policy.baseDelayMs, maxDelayMs: policy.maxDelayMs },
      onFailed: async (job, error) => {
        const resume = parseResumeWaitPayload(job.payload);
        if (resume !== undefined) await recordResumeFailure(registration.storage, resume, job.attempts, error);
      },
    },
  );
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
