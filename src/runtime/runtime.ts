/**
 * The runtime's composition: one object holding the storage, the clock, the flow cache, the
 * action registry, the interview service, the flow service and the job runner — which runs wait
 * alarms (`wait.resume`) and delivers the outbox (`email.send`, ...). The server and the CLI
 * build it with {@link createRuntime} and call `startBackground()` when they want this process
 * to run jobs.
 *
 * Email is delivered through the given mailer, or over SMTP when `SMTP_URL` is set (nodemailer);
 * otherwise email jobs fail with a message saying so (see `email/email-delivery.ts`).
 */
import type { ComponentRegistry } from '../engine/index.js';
import { ActionRegistry } from './actions/action-registry.js';
import { type Clock, systemClock } from './ports/clock.js';
import { FlowCache } from './flows/flow-cache.js';
import { FlowService } from './flows/flow-service.js';
import { InterviewService, type InterviewServiceHooks, type WaitRetryOptions } from './interviews/interview-service.js';
import { registerEmailDelivery } from './email/email-delivery.js';
import { JobRunner, type JobRunnerOptions } from './jobs/job-runner.js';
import type { LoopErrorHandler } from './jobs/polling-loop.js';
import type { Mailer } from './ports/mailer.js';
import type { SoqlPort, Storage } from './ports/index.js';
import { QueryService } from './query/query-service.js';
import { registerWaitResume } from './waits/wait-resume.js';
import { RecordSaveService } from './triggers/record-save-service.js';
import type { RecursionPolicy } from './triggers/save-pipeline.js';

/** What {@link createRuntime} is built from. */
export interface RuntimeOptions {
  readonly storage: Storage;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Delivers email; without one, email jobs fail saying so (the composition root builds the SMTP adapter from `SMTP_URL`). */
  readonly mailer?: Mailer;
  /** Invocable actions; default an empty registry. */
  readonly actions?: ActionRegistry;
  /** Custom screen components by extension name. */
  readonly components?: ComponentRegistry;
  /** The job runner's polling, batches and leases (default: every 250 ms, 20 jobs, 60 s). */
  readonly jobRunner?: Pick<JobRunnerOptions, 'pollIntervalMs' | 'batchSize' | 'leaseMs' | 'heartbeatMs' | 'owner'>;
  /** Retry policy of failed wait resumes. */
  readonly waitRetry?: WaitRetryOptions;
  /** Test hooks of the interview service. */
  readonly hooks?: InterviewServiceHooks;
  /** Where background failures are reported (default `console.error`). */
  readonly onBackgroundError?: LoopErrorHandler;
  /** SOQL over the storage (storage's `SoqlEngine`); without it, `query` refuses every call. */
  readonly soql?: SoqlPort;
  /** The server's public base URL (`https://eddy.example.com`), for `$Api.Partner_Server_URL_*`; a function when it is known only once the server listens. */
  readonly serverUrl?: string | (() => string | undefined);
  /** What a recursive save of the same record runs (`docs/triggers.md`); default `skipAfterSave`. */
  readonly recursion?: RecursionPolicy;
}

/** The composed runtime. */
export interface Runtime {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly interviews: InterviewService;
  /** Every write of business records: the save pipeline, which fires record-triggered flows. */
  readonly saves: RecordSaveService;
  /** Deploying flows and managing versions. */
  readonly flows?: FlowService;
  readonly flowCache: FlowCache;
  /** SOQL for the API and the CLI. */
  readonly query: QueryService;
  readonly actions: ActionRegistry;
  /** The job runner: wait alarms and email delivery, and any kind registered on it. */
  readonly jobs: JobRunner;
  /** What email is delivered through, when there is a mailer. */
  readonly mailer: Mailer | undefined;
  /** Starts the job runner's polling loop in this process. */
  startBackground(): void;
  /** Stops the background work (not the storage, nor the mailer it was given). */
  stop(): Promise<void>;
}

/** The SOQL port of a runtime built without one: every call says so. */
const missingSoqlPort: SoqlPort = {
  query: () => Promise.reject(new Error('This runtime was built without a SOQL port (RuntimeOptions.soql).')),
  queryMore: () => Promise.reject(new Error('This runtime was built without a SOQL port (RuntimeOptions.soql).')),
  columns: () => Promise.reject(new Error('This runtime was built without a SOQL port (RuntimeOptions.soql).')),
  objectOf: () => undefined,
};

/** Builds the runtime over an open storage. */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { storage } = options;
  const clock = options.clock ?? systemClock;
  const actions = options.actions ?? new ActionRegistry();
  const mailer = options.mailer;
  const flowCache = new FlowCache(storage);
  const saves = new RecordSaveService({ storage, clock, flows: flowCache, actions, ...(options.recursion === undefined ? {} : { recursion: options.recursion }) });
  const interviews = new InterviewService({
    storage,
    clock,
    flows: flowCache,
    actions,
    saves,
    ...(options.components === undefined ? {} : { components: options.components }),
    ...(options.waitRetry === undefined ? {} : { waitRetry: options.waitRetry }),
    ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
    ...(options.serverUrl === undefined ? {} : { serverUrl: options.serverUrl }),
  });
  const jobs = new JobRunner({ storage, clock, ...options.jobRunner, ...(options.onBackgroundError === undefined ? {} : { onError: options.onBackgroundError }) });
  registerWaitResume(jobs, { storage, resume: (payload, job) => interviews.resumeByAlarm(payload, job), ...(options.waitRetry === undefined ? {} : { retry: options.waitRetry }) });
  registerEmailDelivery(jobs, mailer);
  return {
    storage,
    clock,
    interviews,
    saves,
    flows: new FlowService(storage, { actions }),
    flowCache,
    query: new QueryService(options.soql ?? missingSoqlPort),
    actions,
    jobs,
    mailer,
    startBackground() {
      jobs.start();
    },
    async stop() {
      await jobs.stop();
    },
  };
}
