/**
 * The runtime's composition: one object holding the storage, the clock, the flow cache, the
 * action registry, the interview service, the flow service, the scheduler of waits and the
 * outbox worker. The server and the CLI build it with {@link createRuntime} and call
 * `startBackground()` when they want waits resumed and email delivered by this process.
 *
 * Email is delivered when a mailer is given, or when `SMTP_URL` is set (nodemailer over SMTP);
 * otherwise messages stay pending in the outbox, visible there.
 */
import type { ComponentRegistry } from '../engine/index.js';
import { ActionRegistry } from './actions/action-registry.js';
import { type Clock, systemClock } from './ports/clock.js';
import { FlowCache } from './flows/flow-cache.js';
import { FlowService } from './flows/flow-service.js';
import { InterviewService, type InterviewServiceHooks, type WaitRetryOptions } from './interviews/interview-service.js';
import type { Mailer } from './ports/mailer.js';
import { OutboxWorker } from './email/outbox-worker.js';
import type { LoopErrorHandler } from './jobs/polling-loop.js';
import type { SoqlPort, Storage } from './ports/index.js';
import { QueryService } from './query/query-service.js';
import { Scheduler } from './jobs/scheduler.js';

/** What {@link createRuntime} is built from. */
export interface RuntimeOptions {
  readonly storage: Storage;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Delivers the outbox; without one, messages stay pending (the composition root builds the SMTP adapter). */
  readonly mailer?: Mailer;
  /** Invocable actions; default an empty registry. */
  readonly actions?: ActionRegistry;
  /** Custom screen components by extension name. */
  readonly components?: ComponentRegistry;
  /** How often the scheduler polls for due waits (default 250 ms). */
  readonly schedulerIntervalMs?: number;
  /** How often the outbox worker looks for email to send (default 1 s). */
  readonly outboxIntervalMs?: number;
  /** Retry policy of failed wait resumes. */
  readonly waitRetry?: WaitRetryOptions;
  /** Test hooks of the interview service. */
  readonly hooks?: InterviewServiceHooks;
  /** Where background failures are reported (default `console.error`). */
  readonly onBackgroundError?: LoopErrorHandler;
  /** SOQL over the storage (storage's `SoqlEngine`); without it, `query` refuses every call. */
  readonly soql?: SoqlPort;
}

/** The composed runtime. */
export interface Runtime {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly interviews: InterviewService;
  /** Deploying flows and managing versions. */
  readonly flows?: FlowService;
  readonly flowCache: FlowCache;
  /** SOQL for the API and the CLI. */
  readonly query: QueryService;
  readonly actions: ActionRegistry;
  readonly scheduler: Scheduler;
  /** The outbox worker, when there is a mailer to deliver through. */
  readonly outbox: OutboxWorker | undefined;
  /** Starts the scheduler and the outbox worker in this process. */
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
  const interviews = new InterviewService({
    storage,
    clock,
    flows: flowCache,
    actions,
    ...(options.components === undefined ? {} : { components: options.components }),
    ...(options.waitRetry === undefined ? {} : { waitRetry: options.waitRetry }),
    ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
  });
  const onError = options.onBackgroundError === undefined ? {} : { onError: options.onBackgroundError };
  const scheduler = new Scheduler({
    clock,
    resumeDue: (now) => interviews.resumeDueWaits(now),
    ...(options.schedulerIntervalMs === undefined ? {} : { intervalMs: options.schedulerIntervalMs }),
    ...onError,
  });
  const outbox =
    mailer === undefined
      ? undefined
      : new OutboxWorker({ storage, mailer, clock, ...(options.outboxIntervalMs === undefined ? {} : { intervalMs: options.outboxIntervalMs }), ...onError });
  return {
    storage,
    clock,
    interviews,
    flows: new FlowService(storage),
    flowCache,
    query: new QueryService(options.soql ?? missingSoqlPort),
    actions,
    scheduler,
    outbox,
    startBackground() {
      scheduler.start();
      outbox?.start();
    },
    async stop() {
      await scheduler.stop();
      await outbox?.stop();
    },
  };
}
