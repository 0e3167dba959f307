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
import type { ComponentRegistry } from '../engine/protocol.js';
import { ActionRegistry, loadActionModules } from './actions/action-registry.js';
import { systemClock, type Clock } from './ports/clock.js';
import { FlowCache } from './flows/flow-cache.js';
import { FlowService } from './flows/flow-service.js';
import { InterviewService, type InterviewServiceHooks, type WaitRetryOptions } from './interviews/interview-service.js';
import { registerEmailDelivery } from './email/email-delivery.js';
import { createSmtpMailer, type Mailer, type SmtpMailer } from './email/mailer.js';
import { JobRunner, type JobRunnerOptions } from './jobs/job-runner.js';
import type { LoopErrorHandler } from './jobs/polling-loop.js';
import type { Storage } from './ports/index.js';
import { registerWaitResume } from './waits/wait-resume.js';

/** What {@link createRuntime} is built from. */
export interface RuntimeOptions {
  readonly storage: Storage;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Delivers the outbox; default an SMTP mailer when `SMTP_URL` is set, else none (email jobs fail, saying so). */
  readonly mailer?: Mailer;
  /** Invocable actions; default an empty registry. */
  readonly actions?: ActionRegistry;
  /** A folder of action modules to load into the registry (see `loadActionModules`). */
  readonly actionsFolder?: string;
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
  /** The environment `SMTP_URL` is read from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The composed runtime. */
export interface Runtime {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly interviews: InterviewService;
  /** Deploying flows and managing versions. */
  readonly flows?: FlowService;
  readonly flowCache: FlowCache;
  readonly actions: ActionRegistry;
  /** The job runner: wait alarms and email delivery, and any kind registered on it. */
  readonly jobs: JobRunner;
  /** What email is delivered through, when there is a mailer. */
  readonly mailer: Mailer | undefined;
  /** Starts the job runner's polling loop in this process. */
  startBackground(): void;
  /** Stops the background work and closes the mailer this runtime created (not the storage). */
  stop(): Promise<void>;
}

/** Builds the runtime over an open storage. */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { storage } = options;
  const clock = options.clock ?? systemClock;
  const actions = options.actions ?? new ActionRegistry();
  if (options.actionsFolder !== undefined) await loadActionModules(options.actionsFolder, actions);
  const smtpUrl = (options.env ?? process.env)['SMTP_URL'];
  const ownMailer: SmtpMailer | undefined = options.mailer === undefined && smtpUrl !== undefined && smtpUrl !== '' ? createSmtpMailer(smtpUrl) : undefined;
  const mailer = options.mailer ?? ownMailer;
  const flowCache = new FlowCache(storage);
  const interviews = new InterviewService({
    storage,
    clock,
    flows: flowCache,
    actions,
    ...(options.components === undefined ? {} : { components: options.components }),
    ...(options.waitRetry === undefined ? {} : { waitRetry: options.waitRetry }),
    ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
  });
  const jobs = new JobRunner({ storage, clock, ...options.jobRunner, ...(options.onBackgroundError === undefined ? {} : { onError: options.onBackgroundError }) });
  registerWaitResume(jobs, { storage, resume: (payload, job) => interviews.resumeByAlarm(payload, job), ...(options.waitRetry === undefined ? {} : { retry: options.waitRetry }) });
  registerEmailDelivery(jobs, mailer);
  return {
    storage,
    clock,
    interviews,
    flows: new FlowService(storage),
    flowCache,
    actions,
    jobs,
    mailer,
    startBackground() {
      jobs.start();
    },
    async stop() {
      await jobs.stop();
      ownMailer?.close();
    },
  };
}
