/**
 * The interview service: start, read, navigate, pause, resume, delete and list flow interviews,
 * resume waiting interviews by their alarms and by platform events.
 *
 * Every change is ONE transaction (see `docs/runtime.md`): load the interview through the one
 * access check, claim it (an optimistic `save` that bumps its version, so a concurrent writer
 * fails at once with `ConflictError` instead of running the flow twice), `step` the engine,
 * answer its requests through ports bound to the transaction (record writes, actions,
 * subflows), then save the new state with its record and stage relations, its effects (outbox)
 * and its waits (jobs, subscriptions) — all committed together, or nothing.
 *
 * A run that ends in an unhandled fault is Salesforce's failed transaction: its record writes and
 * effects roll back, and a second transaction records the interview as `Error` with the fault.
 *
 * Bad requests throw the catalogue's typed errors (`errors.ts`); faults are data in the view.
 */
import { randomUUID } from 'node:crypto';
import type { CompiledFlow } from '../engine/compile.js';
import { FlowFault } from '../engine/fault.js';
import { renderInterviewLabel } from '../engine/interview-label.js';
import { migrateState } from '../engine/migrate-state.js';
import type { Awaiting, ComponentRegistry, Fault, FlowValue, InterviewState, StepContext, StepInput, StepResult, WaitCondition } from '../engine/protocol.js';
import { start, step } from '../engine/step.js';
import { StepInputError } from '../engine/step-input-error.js';
import { coerceValue } from '../engine/values.js';
import { accessCacheFor, type AccessCache, type AccessView } from './access-cache.js';
import type { ActionRegistry } from './action-registry.js';
import type { Clock } from './clock.js';
import { driveToRest, type DrivePorts } from './drive-interview.js';
import { enqueueEffects } from './effect-outbox.js';
import {
  ConflictError,
  InsufficientAccessError,
  InvalidApiInputError,
  InvalidCrossReferenceKeyError,
  InvalidOperationError,
  InvalidPicklistValueError,
  MalformedIdError,
  MissingArgumentError,
  NotFoundError,
  StringTooLongError,
} from './errors.js';
import type { FlowCache, LoadedFlowVersion } from './flow-cache.js';
import { isValidId, parseId } from './ids.js';
import { InterviewFlows } from './interview-flows.js';
import { toInterviewRecordView, toInterviewView, type InterviewView } from './interview-view.js';
import type {
  ClaimedJob,
  FlowInterviewSummary,
  InterviewChanges,
  InterviewListQuery,
  InterviewStatus,
  Storage,
  StorageSession,
  StoredInterview,
  UserRecord,
  Viewer,
} from './ports.js';
import type { AccessSubject, InterviewAccess } from './sharing.js';
import { stageRelationsOf } from './stage-relations.js';
import { buildStepContext } from './step-context.js';
import { storageRecordPort } from './storage-record-port.js';
import { INTERVIEW_STATUSES } from './system-objects.js';
import {
  backoffMs,
  clearWait,
  eventMatches,
  parseResumeWaitPayload,
  resolveWait,
  RESUME_WAIT_JOB,
  scheduleWait,
  type ResolvedWait,
} from './wait-jobs.js';

export type { InterviewView, InterviewAwaiting, InterviewRecordView } from './interview-view.js';

/** The longest pause reason a user may enter (Salesforce's UI limit). */
export const MAX_PAUSE_REASON_LENGTH = 255;
/** `FlowInterview.Error` and `InterviewLabel` hold at most 1000 characters. */
const MAX_TEXT_1000 = 1000;

/** The service's operations, as hooks name them. */
export type InterviewOperation = 'start' | 'navigate' | 'pause' | 'resume' | 'delete' | 'resumeWait';

/** Test hooks: code run at fixed points of an operation. */
export interface InterviewServiceHooks {
  /**
   * Runs inside the operation's transaction after everything is written, just before commit.
   * Crash tests block here and kill the process; throwing rolls the operation back.
   */
  readonly beforeCommit?: (operation: InterviewOperation, interviewId: string) => Promise<void> | void;
}

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

/** What {@link InterviewService} is built from. */
export interface InterviewServiceOptions {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly flows: FlowCache;
  readonly actions: ActionRegistry;
  readonly components?: ComponentRegistry;
  readonly waitRetry?: WaitRetryOptions;
  readonly hooks?: InterviewServiceHooks;
}

/** Options of {@link InterviewService.start}. */
export interface StartOptions {
  readonly inputs?: Record<string, FlowValue>;
  /** A record the flow starts from: passed as the `recordId` input variable when the flow has one. */
  readonly recordId?: string;
  /** A specific version (admins only: Manage Flow or Customize Application). */
  readonly versionId?: string;
}

/** A screen navigation. */
export interface NavigateCommand {
  readonly action: 'NEXT' | 'BACK' | 'FINISH';
  readonly values?: Record<string, FlowValue>;
  /** The version the client last saw; a different stored version fails with `ConflictError`. */
  readonly version?: number;
}

/** Options of {@link InterviewService.pause}. */
export interface PauseOptions {
  /** Why the user paused (`PauseLabel`), at most 255 characters. */
  readonly reason?: string;
  /** Values entered on the screen; valid ones are kept for the resume. */
  readonly values?: Record<string, FlowValue>;
  readonly version?: number;
}

/** A list query: whose interviews, and which. */
export interface InterviewListRequest {
  /** `mine`: owned by the user; `record`: related to `recordId`; `flow`: of `flowApiName`; `all`: every interview (Manage Flow). */
  readonly scope: 'mine' | 'record' | 'flow' | 'all';
  readonly recordId?: string;
  readonly flowApiName?: string;
  readonly statuses?: readonly string[];
  readonly limit?: number;
  readonly offset?: number;
}

/** The acting user and what the access rules know about them. */
interface Actor {
  readonly user: UserRecord;
  readonly subject: AccessSubject;
  /** This operation's view of the access cache. */
  readonly view: AccessView;
}

/** One operation: its name, the user the flow runs as, and its time. */
interface Operation {
  readonly name: InterviewOperation;
  readonly runAs: UserRecord;
  readonly permissions: AccessSubject['permissions'];
  readonly now: Date;
  /** The access cache, when the operation opened it. */
  readonly view?: AccessView;
}

/** Where {@link InterviewService.#commitRest} writes: a new row, or a claimed existing one. */
type Target =
  | { readonly kind: 'create'; readonly guid: string; readonly versionId: string; readonly ownerId: string }
  | {
      readonly kind: 'save';
      readonly id: string;
      readonly version: number;
      /** The wait the interview was in before this operation, at its version (to clear). */
      readonly priorWait: { readonly wait: WaitCondition; readonly version: number } | undefined;
    };

/** A run that ended in an unhandled fault: thrown to roll the transaction back. */
class RunFailed extends Error {
  readonly state: InterviewState;
  readonly fault: Fault;
  readonly flowApiName: string;

  constructor(state: InterviewState, fault: Fault, flowApiName: string) {
    super(fault.message);
    this.name = 'RunFailed';
    this.state = state;
    this.fault = fault;
    this.flowApiName = flowApiName;
  }
}

/** Start, read, navigate, pause, resume, delete and list interviews; resume waits. */
export class InterviewService {
  readonly #storage: Storage;
  readonly #clock: Clock;
  readonly #flows: FlowCache;
  readonly #actions: ActionRegistry;
  readonly #components: ComponentRegistry | undefined;
  readonly #hooks: InterviewServiceHooks;
  readonly #retry: Required<WaitRetryOptions>;
  readonly #access: AccessCache;

  constructor(options: InterviewServiceOptions) {
    this.#storage = options.storage;
    this.#clock = options.clock;
    this.#flows = options.flows;
    this.#actions = options.actions;
    this.#components = options.components;
    this.#hooks = options.hooks ?? {};
    this.#access = accessCacheFor(options.storage);
    this.#retry = {
      maxAttempts: options.waitRetry?.maxAttempts ?? 5,
      baseDelayMs: options.waitRetry?.baseDelayMs ?? 1000,
      maxDelayMs: options.waitRetry?.maxDelayMs ?? 5 * 60_000,
      leaseMs: options.waitRetry?.leaseMs ?? 60_000,
      batchSize: options.waitRetry?.batchSize ?? 20,
    };
  }

  /**
   * Starts an interview of the flow's active version (the latest one for an admin when none is
   * active; `versionId` picks one, admins only). A screen flow runs to its first screen; an
   * autolaunched flow runs to its end or to a wait. The interview is stored in every case
   * (Running at a screen, Paused when waiting, Completed, or Error).
   */
  async start(actorId: string, flowApiName: string, options: StartOptions = {}): Promise<InterviewView> {
    const now = this.#clock.now();
    const guid = randomUUID();
    if (typeof flowApiName !== 'string' || flowApiName.trim() === '') throw new MissingArgumentError('The flow API name is required.', ['flowApiName']);
    let owner: string | undefined;
    let versionId: string | undefined;
    try {
      return await this.#storage.transaction(async (tx) => {
        const actor = await this.#actor(tx, actorId);
        owner = actor.user.Id;
        requireRunFlows(actor.subject);
        const loaded = await this.#chooseVersion(tx, actor.subject, flowApiName, options.versionId);
        versionId = loaded.versionId;
        const inputs = await startInputs(tx, loaded.flow, options);
        const op: Operation = { name: 'start', runAs: actor.user, permissions: actor.subject.permissions, now, view: actor.view };
        const flows = new InterviewFlows(loaded.flow, this.#flows, tx);
        const context = await this.#context(tx, op);
        const started = start(loaded.flow, inputs, { ...context, flows: flows.lookup, guid });
        const rest = await driveToRest(started, this.#ports(tx, op, flows), context);
        const saved = await this.#commitRest(tx, op, { kind: 'create', guid, versionId: loaded.versionId, ownerId: actor.user.Id }, flows, rest, context);
        return toInterviewView(saved, loaded.developerName, rest.awaiting);
      });
    } catch (error) {
      if (!(error instanceof RunFailed) || owner === undefined || versionId === undefined) throw error;
      const failedOwner = owner;
      const failedVersion = versionId;
      const failed = error;
      const saved = await this.#storage.transaction(async (tx) =>
        tx.interviews.create(
          { Guid: guid, FlowVersionViewId: failedVersion, OwnerId: failedOwner, ...failureChanges(failed), state: failedState(failed) },
          failedOwner,
        ),
      );
      return toInterviewView(saved, failed.flowApiName, { kind: 'failed', fault: failed.fault });
    }
  }

  /**
   * The interview as `actorId` may see it (`NotFoundError` when it does not exist or they may not
   * read it). With `screen: false` a screen is not rendered (the view has no `screen`): for
   * callers that want the record and its outputs, such as the sObject resource. `cache` is a
   * view of the access cache the caller opened for this request (it is not checked again).
   */
  async get(actorId: string, interviewId: string, options: { readonly screen?: boolean; readonly cache?: AccessView } = {}): Promise<InterviewView> {
    const id = parseInterviewId(interviewId);
    const actor = await this.#actor(this.#storage, actorId, options.cache);
    const { interview } = await this.#loadForUser(this.#storage, actor, id, 'read');
    const loaded = await this.#flows.load(interview.FlowVersionViewId);
    if (options.screen === false && interview.state.status === 'screen') {
      return { interview: toInterviewRecordView(interview, loaded.developerName), awaiting: interview.InterviewStatus === 'Paused' ? 'paused' : 'screen' };
    }
    const awaiting = await this.#show(interview, loaded, actor);
    return toInterviewView(interview, loaded.developerName, awaiting);
  }

  /**
   * Submits the shown screen (`NEXT`, `FINISH`) or goes back (`BACK`). Field errors come back
   * on the same screen; the interview advances otherwise. The interview must be running (not
   * paused: resume it first) and the user must be allowed to resume it.
   */
  async navigate(actorId: string, interviewId: string, command: NavigateCommand): Promise<InterviewView> {
    const action = command?.action;
    if (action !== 'NEXT' && action !== 'BACK' && action !== 'FINISH') {
      throw new InvalidApiInputError(`action must be NEXT, BACK or FINISH, not ${JSON.stringify(action)}.`, ['action']);
    }
    const values = checkValues(command.values);
    return this.#advance('navigate', actorId, interviewId, command.version, (interview) => {
      requireRunning(interview);
      return { input: { kind: 'navigate', action, values } };
    });
  }

  /**
   * Pauses the interview at its screen, keeping the valid values entered. Needs the org setting
   * "Let users pause flows" and a screen that offers Pause. When `$Flow.CurrentRecord` is set, it
   * must name an existing record: the interview is related to it (FlowRecordRelation).
   */
  async pause(actorId: string, interviewId: string, options: PauseOptions = {}): Promise<InterviewView> {
    const reason = options.reason ?? null;
    if (reason !== null && typeof reason !== 'string') throw new InvalidApiInputError('The pause reason must be text.', ['reason']);
    if (reason !== null && reason.length > MAX_PAUSE_REASON_LENGTH) {
      throw new StringTooLongError(`The pause reason is ${reason.length} characters long; at most ${MAX_PAUSE_REASON_LENGTH} are allowed.`, ['reason']);
    }
    const values = checkValues(options.values);
    return this.#advance('pause', actorId, interviewId, options.version, async (interview, actor) => {
      requireRunning(interview);
      if (!(await actor.view.organization()).allowPause) {
        throw new InvalidOperationError('Pausing flows is turned off for this org ("Let users pause flows").');
      }
      return {
        input: { kind: 'pause', values },
        pause: { reason: reason === null || reason.trim() === '' ? null : reason },
        check: (rest) => {
          if (rest.awaiting.kind === 'screen' && !rest.awaiting.screen.actions.includes('PAUSE')) {
            throw new InvalidOperationError(`Screen "${rest.awaiting.screen.name}" does not allow pausing.`);
          }
        },
      };
    });
  }

  /**
   * Resumes a paused interview on the flow version it was paused on, showing its screen with the
   * values kept. Needs resume access ("Let users resume shared flow interviews").
   */
  async resume(actorId: string, interviewId: string): Promise<InterviewView> {
    return this.#advance('resume', actorId, interviewId, undefined, (interview) => {
      if (interview.InterviewStatus === 'Running') {
        // Someone resumed it first (or it was never paused): the caller's view is stale.
        throw new ConflictError(`Interview ${interview.Id} is running, not paused: it was resumed already.`);
      }
      if (interview.InterviewStatus !== 'Paused') {
        throw new InvalidOperationError(`Interview ${interview.Id} is not paused (it is ${interview.InterviewStatus}).`);
      }
      if (!interview.WasPausedFromScreen) {
        throw new InvalidOperationError(`Interview ${interview.Id} is waiting at "${interview.CurrentElement ?? ''}"; it resumes when its event occurs.`);
      }
      return { input: { kind: 'show' } };
    });
  }

  /**
   * Deletes an interview (its relations, shares and waits go with it). Needs read access plus
   * Manage Flow or ownership; fails with `ConflictError` while another operation changes it.
   */
  async delete(actorId: string, interviewId: string): Promise<void> {
    const id = parseInterviewId(interviewId);
    await this.#storage.transaction(async (tx) => {
      const actor = await this.#actor(tx, actorId);
      const { interview } = await this.#loadForUser(tx, actor, id, 'delete', true);
      await tx.interviews.save(id, interview.version, {}, actor.user.Id);
      const waiting = migrateState(interview.state).waiting;
      if (waiting !== null) await clearWait(tx, id, interview.version, waiting);
      await tx.interviews.delete(id);
      await this.#hooks.beforeCommit?.('delete', id);
    });
  }

  /**
   * Interviews the user may read: their own (`mine`), those related to a record (`record`), of
   * a flow (`flow`), or — for Manage Flow users — every interview (`all`). Newest first.
   */
  async list(actorId: string, query: InterviewListRequest): Promise<FlowInterviewSummary[]> {
    const actor = await this.#actor(this.#storage, actorId);
    const filter: { -readonly [K in keyof InterviewListQuery]: InterviewListQuery[K] } = {};
    let viewer: Viewer = actor.subject;
    switch (query?.scope) {
      case 'mine':
        filter.ownerId = actor.user.Id;
        break;
      case 'record':
        if (query.recordId === undefined || query.recordId === '') throw new MissingArgumentError('recordId is required to list the interviews of a record.', ['recordId']);
        filter.relatedRecordId = parseId(query.recordId, 'recordId');
        break;
      case 'flow': {
        if (query.flowApiName === undefined || query.flowApiName === '') throw new MissingArgumentError('flowApiName is required to list the interviews of a flow.', ['flowApiName']);
        const definition = await this.#storage.flows.getDefinitionByName(query.flowApiName);
        if (definition === undefined) throw new NotFoundError(`No flow named "${query.flowApiName}".`, ['flowApiName']);
        filter.flowDefinitionId = definition.Id;
        break;
      }
      case 'all':
        if (!actor.subject.permissions.manageFlow) throw new InsufficientAccessError('Listing every interview needs the Manage Flow permission.');
        viewer = 'system';
        break;
      default:
        throw new InvalidApiInputError(`scope must be mine, record, flow or all, not ${JSON.stringify(query?.scope)}.`, ['scope']);
    }
    if (query.statuses !== undefined) filter.statuses = checkStatuses(query.statuses);
    if (query.limit !== undefined) filter.limit = checkCount(query.limit, 'limit', 1);
    if (query.offset !== undefined) filter.offset = checkCount(query.offset, 'offset', 0);
    return this.#storage.interviews.list(filter, viewer, await actor.view.settings());
  }

  /**
   * Publishes a platform event: every interview waiting for `eventType` whose wait's values
   * match the payload resumes (each in its own transaction). Returns how many resumed.
   */
  async publishEvent(actorId: string, eventType: string, payload: Record<string, FlowValue>): Promise<{ resumed: number }> {
    if (typeof eventType !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(eventType)) {
      throw new InvalidApiInputError(`The event type must be an API name such as Order_Shipped__e, not ${JSON.stringify(eventType)}.`, ['eventType']);
    }
    const fields = checkValues(payload, 'payload');
    await this.#actor(this.#storage, actorId);
    const subscriptions = await this.#storage.waits.listByEventType(eventType);
    const seen = new Set<string>();
    let resumed = 0;
    for (const subscription of subscriptions) {
      if (seen.has(subscription.interviewId) || !eventMatches(subscription.filters, fields)) continue;
      seen.add(subscription.interviewId);
      const event: Record<string, FlowValue> = { attributes: { type: eventType }, ...fields };
      try {
        const done = await this.#resumeWaiting(subscription.interviewId, undefined, subscription.event, undefined, (flow, element) => eventOutputs(flow, element, subscription.event, event));
        if (done) resumed++;
      } catch (error) {
        // Another event or alarm resumed it first: it is no longer waiting for this one.
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    return { resumed };
  }

  /**
   * Resumes the interviews whose alarms are due at `now` (default: the clock), each in its own
   * transaction that also completes its job — so a resume runs once. A resume that fails for a
   * reason other than the flow (the database, a bug) is retried with backoff, then the interview
   * is recorded as failed. Returns how many interviews resumed.
   */
  async resumeDueWaits(now: Date = this.#clock.now()): Promise<number> {
    let resumed = 0;
    for (;;) {
      const jobs = await this.#storage.jobs.claimDue(now.toISOString(), this.#retry.batchSize, this.#retry.leaseMs);
      for (const job of jobs) resumed += await this.#runJob(job, now);
      if (jobs.length < this.#retry.batchSize) return resumed;
    }
  }

  // -------------------------------------------------------------------------------------------

  async #runJob(job: ClaimedJob, now: Date): Promise<number> {
    if (job.kind !== RESUME_WAIT_JOB) {
      // Not ours: hand it back for whoever handles that kind.
      await this.#storage.jobs.retry(job, new Date(now.getTime() + 60_000).toISOString(), `No handler for job kind "${job.kind}" in this process.`).catch(ignoreConflict);
      return 0;
    }
    const payload = parseResumeWaitPayload(job.payload);
    if (payload === undefined) {
      await this.#storage.jobs.fail(job, 'The job payload is not a wait resume.', now.toISOString()).catch(ignoreConflict);
      return 0;
    }
    try {
      return (await this.#resumeWaiting(payload.interviewId, payload.version, payload.event, { job, now }, () => ({}))) ? 1 : 0;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (job.attempts < this.#retry.maxAttempts) {
        const retryAt = new Date(now.getTime() + backoffMs(job.attempts, this.#retry.baseDelayMs, this.#retry.maxDelayMs));
        await this.#storage.jobs.retry(job, retryAt.toISOString(), message).catch(ignoreConflict);
        return 0;
      }
      await this.#storage.jobs.fail(job, message, now.toISOString()).catch(ignoreConflict);
      await this.#recordResumeFailure(payload, job.attempts, message);
      return 0;
    }
  }

  /** After the last retry: the waiting interview is recorded as failed (if it still waits there). */
  async #recordResumeFailure(payload: { readonly interviewId: string; readonly version: number; readonly element: string }, attempts: number, message: string): Promise<void> {
    await this.#storage.transaction(async (tx) => {
      const interview = await tx.interviews.get(payload.interviewId);
      if (interview === undefined || interview.version !== payload.version) return;
      const state = migrateState(interview.state);
      const fault: Fault = { code: 'RESUME_FAILED', message: `The interview could not resume after ${attempts} attempts: ${message}`, element: payload.element };
      await tx.interviews.save(interview.Id, interview.version, { ...failureChanges({ fault }), state: { ...state, status: 'error', fault, waiting: null } }, interview.CreatedById);
      if (state.waiting !== null) await clearWait(tx, interview.Id, interview.version, state.waiting);
      await tx.interviews.setRecordRelations(interview.Id, [], interview.CreatedById);
      await tx.interviews.setStageRelations(interview.Id, [], interview.CreatedById);
    });
  }

  /**
   * Resumes a waiting interview by one of its events, as the user who started it. Returns false
   * when the interview no longer waits for that event at `version` (a stale job or
   * subscription); the job, if any, is completed either way.
   */
  async #resumeWaiting(
    interviewId: string,
    version: number | undefined,
    event: string,
    job: { readonly job: ClaimedJob; readonly now: Date } | undefined,
    outputs: (flow: CompiledFlow, element: string) => Record<string, FlowValue>,
  ): Promise<boolean> {
    const now = job?.now ?? this.#clock.now();
    let loaded: StoredInterview | undefined;
    try {
      return await this.#storage.transaction(async (tx) => {
        const interview = await tx.interviews.get(interviewId);
        const state = interview === undefined ? undefined : migrateState(interview.state);
        const waiting = state?.waiting ?? null;
        if (
          interview === undefined ||
          state === undefined ||
          waiting === null ||
          state.status !== 'waiting' ||
          interview.InterviewStatus !== 'Paused' ||
          (version !== undefined && interview.version !== version) ||
          !waiting.events.some((candidate) => candidate.event.toLowerCase() === event.toLowerCase())
        ) {
          if (job !== undefined) await tx.jobs.complete(job.job, now.toISOString());
          return false;
        }
        loaded = interview;
        const runAs = await tx.directory.getUser(interview.CreatedById);
        const loadedVersion = await this.#flows.load(interview.FlowVersionViewId, tx);
        if (runAs === undefined || !runAs.IsActive) {
          throw new RunFailed(state, { code: 'INACTIVE_USER', message: `The user who started the interview (${interview.CreatedById}) is inactive or deleted, so it cannot resume.`, element: waiting.element }, loadedVersion.developerName);
        }
        const op: Operation = { name: 'resumeWait', runAs, permissions: await tx.directory.permissionsOf(runAs.Id), now };
        const claimed = await tx.interviews.save(interview.Id, interview.version, {}, runAs.Id);
        const flows = new InterviewFlows(loadedVersion.flow, this.#flows, tx);
        const context = await this.#context(tx, op);
        const input: StepInput = { kind: 'waitEvent', event, outputs: outputs(loadedVersion.flow, waiting.element) };
        const rest = await driveToRest(stepOrThrow(loadedVersion.flow, state, input, { ...context, flows: flows.lookup }), this.#ports(tx, op, flows), context);
        if (job !== undefined) await tx.jobs.complete(job.job, now.toISOString());
        await this.#commitRest(tx, op, { kind: 'save', id: interview.Id, version: claimed.version, priorWait: { wait: waiting, version: interview.version } }, flows, rest, context);
        return true;
      });
    } catch (error) {
      if (!(error instanceof RunFailed) || loaded === undefined) throw error;
      await this.#recordFailure(loaded, error, loaded.CreatedById, job);
      return true;
    }
  }

  /**
   * The shared body of navigate, pause and resume: one transaction that loads the interview
   * through the access check, claims it, steps, answers requests and commits the rest.
   */
  async #advance(
    name: InterviewOperation,
    actorId: string,
    interviewId: string,
    expectedVersion: number | undefined,
    plan: (interview: StoredInterview, actor: Actor) => Plan | Promise<Plan>,
  ): Promise<InterviewView> {
    const id = parseInterviewId(interviewId);
    if (expectedVersion !== undefined && (typeof expectedVersion !== 'number' || !Number.isInteger(expectedVersion))) {
      throw new InvalidApiInputError('version must be an integer.', ['version']);
    }
    const now = this.#clock.now();
    let loaded: StoredInterview | undefined;
    let actingUser: string | undefined;
    try {
      return await this.#storage.transaction(async (tx) => {
        const actor = await this.#actor(tx, actorId);
        actingUser = actor.user.Id;
        // Locked as it is read (PostgreSQL; SQLite serialises writers): a second resume of the
        // same interview waits here, then sees the first one's result.
        const { interview } = await this.#loadForUser(tx, actor, id, 'resume', true);
        if (expectedVersion !== undefined && expectedVersion !== interview.version) {
          throw new ConflictError(`Interview ${id} is at version ${interview.version}, not ${expectedVersion}: it changed since you read it. Reload it and try again.`);
        }
        const steps = await plan(interview, actor);
        loaded = interview;
        const version = await this.#flows.load(interview.FlowVersionViewId, tx);
        const state = migrateState(interview.state);
        const flows = new InterviewFlows(version.flow, this.#flows, tx);
        await flows.loadFrames(state);
        const op: Operation = { name, runAs: actor.user, permissions: actor.subject.permissions, now, view: actor.view };
        const context = await this.#context(tx, op);
        const rest = await driveToRest(stepOrThrow(version.flow, state, steps.input, { ...context, flows: flows.lookup }), this.#ports(tx, op, flows), context);
        steps.check?.(rest);
        const saved = await this.#commitRest(tx, op, { kind: 'save', id, version: interview.version, priorWait: undefined }, flows, rest, context, steps.pause);
        return toInterviewView(saved, version.developerName, rest.awaiting);
      });
    } catch (error) {
      if (!(error instanceof RunFailed) || loaded === undefined || actingUser === undefined) throw error;
      const saved = await this.#recordFailure(loaded, error, actingUser, undefined);
      return toInterviewView(saved, error.flowApiName, { kind: 'failed', fault: error.fault });
    }
  }

  /**
   * Writes the interview at rest: its row (created, or saved over the claim), relations, outbox
   * messages and waits. A failed run throws {@link RunFailed} so that the transaction rolls back.
   */
  async #commitRest(
    tx: StorageSession,
    op: Operation,
    target: Target,
    flows: InterviewFlows,
    rest: StepResult,
    context: StepContext,
    pause?: { readonly reason: string | null },
  ): Promise<StoredInterview> {
    const awaiting = rest.awaiting;
    if (awaiting.kind === 'failed') throw new RunFailed(rest.state, awaiting.fault, flows.root.apiName);
    if (awaiting.kind === 'request') throw new Error('An interview was stored while a request was outstanding.');
    const paused = pause !== undefined || awaiting.kind === 'wait';
    const relatedIds = paused ? await this.#currentRecord(tx, rest.state, awaiting, flows.root.apiName, pause !== undefined) : [];
    let wait: ResolvedWait | undefined;
    if (awaiting.kind === 'wait') {
      const resolved = await resolveWait(tx, awaiting.wait, op.now);
      if ('fault' in resolved) throw new RunFailed(rest.state, resolved.fault, flows.root.apiName);
      wait = resolved;
    }
    const changes: InterviewChanges = {
      ...restChanges(awaiting),
      ...(pause !== undefined ? { InterviewStatus: 'Paused', WasPausedFromScreen: true, PauseLabel: pause.reason } : {}),
      InterviewLabel: truncate(renderInterviewLabel(flows.root, rest.state, context), MAX_TEXT_1000),
      state: rest.state,
    };
    const saved =
      target.kind === 'create'
        ? await tx.interviews.create({ Guid: target.guid, FlowVersionViewId: target.versionId, OwnerId: target.ownerId, InterviewStatus: changes.InterviewStatus ?? 'Running', ...changes, state: rest.state }, op.runAs.Id)
        : await tx.interviews.save(target.id, target.version, changes, op.runAs.Id);
    if (target.kind === 'save' && target.priorWait !== undefined) await clearWait(tx, saved.Id, target.priorWait.version, target.priorWait.wait);
    // The row was just written in this transaction: the relations need no existence check.
    const written = { parentChecked: true };
    if (paused) {
      await tx.interviews.setRecordRelations(saved.Id, relatedIds, op.runAs.Id, written);
      await tx.interviews.setStageRelations(saved.Id, stageRelationsOf(rest.state.globals, flows.all()), op.runAs.Id, written);
    } else if (target.kind === 'save' && awaiting.kind === 'finished') {
      await tx.interviews.setRecordRelations(saved.Id, [], op.runAs.Id, written);
      await tx.interviews.setStageRelations(saved.Id, [], op.runAs.Id, written);
    }
    await enqueueEffects(tx, rest.effects, saved.Id, { userEmail: op.runAs.Email });
    if (wait !== undefined) await scheduleWait(tx, saved.Id, saved.version, wait);
    await this.#hooks.beforeCommit?.(op.name, saved.Id);
    return saved;
  }

  /**
   * `$Flow.CurrentRecord` of a pausing or waiting interview, which must name an existing record:
   * a pause fails with a typed error (nothing changes), a wait fails the interview.
   */
  async #currentRecord(tx: StorageSession, state: InterviewState, awaiting: Awaiting, flowApiName: string, isPause: boolean): Promise<string[]> {
    const current = state.globals.currentRecord;
    if (current === null || current === '') return [];
    const exists = isValidId(current) && (await tx.records.exists(current));
    if (exists) return [parseId(current)];
    const message = `$Flow.CurrentRecord is "${current}", which is not ${isValidId(current) ? 'an existing record' : 'a valid record ID'}; the interview cannot pause.`;
    if (isPause) {
      if (!isValidId(current)) throw new MalformedIdError(message, ['$Flow.CurrentRecord']);
      throw new InvalidCrossReferenceKeyError(message, ['$Flow.CurrentRecord']);
    }
    const element = awaiting.kind === 'wait' ? awaiting.wait.element : undefined;
    throw new RunFailed(state, { code: 'INVALID_CURRENT_RECORD', message, element }, flowApiName);
  }

  /** Records a failed run in a transaction of its own (the run's writes were rolled back). */
  async #recordFailure(
    interview: StoredInterview,
    failed: RunFailed,
    actorId: string,
    job: { readonly job: ClaimedJob; readonly now: Date } | undefined,
  ): Promise<StoredInterview> {
    return this.#storage.transaction(async (tx) => {
      const saved = await tx.interviews.save(interview.Id, interview.version, { ...failureChanges(failed), state: failedState(failed) }, actorId);
      const prior = migrateState(interview.state).waiting;
      if (job !== undefined) await tx.jobs.complete(job.job, job.now.toISOString());
      if (prior !== null) await clearWait(tx, interview.Id, interview.version, prior);
      await tx.interviews.setRecordRelations(interview.Id, [], actorId);
      await tx.interviews.setStageRelations(interview.Id, [], actorId);
      return saved;
    });
  }

  /** What the stored interview awaits, re-rendered (a screen with its values). Reads only. */
  async #show(interview: StoredInterview, loaded: LoadedFlowVersion, actor: Actor): Promise<Awaiting> {
    const state = migrateState(interview.state);
    const flows = new InterviewFlows(loaded.flow, this.#flows, this.#storage);
    await flows.loadFrames(state);
    const op: Operation = { name: 'resume', runAs: actor.user, permissions: actor.subject.permissions, now: this.#clock.now(), view: actor.view };
    const context = await this.#context(this.#storage, op);
    const shown = stepOrThrow(loaded.flow, state, { kind: 'show' }, { ...context, flows: flows.lookup });
    if (shown.awaiting.kind !== 'request') return shown.awaiting;
    // Record choice sets re-query their options: answer with reads only (nothing is stored).
    return (await driveToRest(shown, this.#ports(this.#storage, op, flows), context)).awaiting;
  }

  /** The acting user: must exist and be active. */
  async #actor(session: StorageSession, actorId: string, opened?: AccessView): Promise<Actor> {
    const view = opened ?? (await this.#access.open(session));
    return { ...(await view.actor(actorId)), view };
  }

  /**
   * THE access check of every read and change: the interview if `actor` may `need` it.
   * Unreadable interviews are `NotFoundError` (revealing nothing); readable ones the user may not
   * resume or delete are `InsufficientAccessError`.
   */
  async #loadForUser(
    session: StorageSession,
    actor: Actor,
    id: string,
    need: keyof Pick<InterviewAccess, 'read' | 'resume' | 'delete'>,
    forUpdate = false,
  ): Promise<{ interview: StoredInterview; access: InterviewAccess }> {
    const found = await session.interviews.getForUser(id, actor.subject, { lookups: actor.view, forUpdate });
    if (found === undefined) throw new NotFoundError(`No interview with Id ${id}.`, ['interviewId']);
    if (!found.access[need]) {
      const what = need === 'resume' ? 'resume or change' : need;
      throw new InsufficientAccessError(`You may read interview ${id} but not ${what} it.`);
    }
    return found;
  }

  async #chooseVersion(tx: StorageSession, subject: AccessSubject, flowApiName: string, versionId: string | undefined): Promise<LoadedFlowVersion> {
    const definition = await tx.flows.getDefinitionByName(flowApiName);
    if (definition === undefined) throw new NotFoundError(`No flow named "${flowApiName}".`, ['flowApiName']);
    const { manageFlow, customizeApplication } = subject.permissions;
    const isAdmin = manageFlow || customizeApplication;
    if (definition.IsAdditionalPermissionRequiredToRun && !manageFlow && !subject.enabledFlowIds.includes(definition.Id)) {
      throw new InsufficientAccessError(`Flow "${definition.DeveloperName}" may be run only by users whose permission sets enable it.`);
    }
    let chosen: string | null;
    if (versionId !== undefined) {
      if (!isAdmin) throw new InsufficientAccessError('Only flow admins (Manage Flow or Customize Application) may run a specific flow version.');
      const version = await tx.flows.getVersion(parseId(versionId, 'versionId'));
      if (version === undefined || version.DefinitionId !== definition.Id) throw new NotFoundError(`Flow "${definition.DeveloperName}" has no version ${versionId}.`, ['versionId']);
      chosen = version.Id;
    } else {
      chosen = definition.ActiveVersionId ?? (isAdmin ? definition.LatestVersionId : null);
    }
    if (chosen === null) throw new InvalidOperationError(`Flow "${definition.DeveloperName}" has no active version.`);
    return this.#flows.load(chosen, tx);
  }

  async #context(session: StorageSession, op: Operation): Promise<StepContext> {
    return buildStepContext({ session, user: op.runAs, permissions: op.permissions, now: op.now, components: this.#components, cache: op.view });
  }

  #ports(session: StorageSession, op: Operation, flows: InterviewFlows): DrivePorts {
    return {
      records: storageRecordPort(session.records, op.runAs.Id),
      actions: this.#actions.portFor({ userId: op.runAs.Id, now: op.now.toISOString() }),
      flows,
    };
  }
}

/** What an operation feeds the engine, and checks on the result before anything is written. */
interface Plan {
  readonly input: StepInput;
  readonly pause?: { readonly reason: string | null };
  readonly check?: (rest: StepResult) => void;
}

function stepOrThrow(flow: CompiledFlow, state: InterviewState, input: StepInput, context: StepContext): StepResult {
  try {
    return step(flow, state, input, context);
  } catch (error) {
    if (error instanceof StepInputError) throw new InvalidOperationError(error.message);
    throw error;
  }
}

/** The row's fields for an interview at rest. */
function restChanges(awaiting: Exclude<Awaiting, { kind: 'failed' | 'request' }>): InterviewChanges {
  switch (awaiting.kind) {
    case 'screen':
      return { InterviewStatus: 'Running', CurrentElement: awaiting.screen.name, WasPausedFromScreen: false, PauseLabel: null, Error: null };
    case 'wait':
      return { InterviewStatus: 'Paused', CurrentElement: awaiting.wait.element, WasPausedFromScreen: false, PauseLabel: null, Error: null };
    case 'finished':
      return { InterviewStatus: 'Completed', CurrentElement: null, WasPausedFromScreen: false, PauseLabel: null, Error: null };
  }
}

function failureChanges(failed: { readonly fault: Fault }): InterviewChanges & { InterviewStatus: InterviewStatus } {
  return { InterviewStatus: 'Error', CurrentElement: failed.fault.element ?? null, WasPausedFromScreen: false, PauseLabel: null, Error: truncate(failed.fault.message, MAX_TEXT_1000) };
}

function failedState(failed: RunFailed): InterviewState {
  return failed.state.status === 'error' ? failed.state : { ...failed.state, status: 'error', fault: failed.fault, waiting: null };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function parseInterviewId(interviewId: string): string {
  return parseId(interviewId, 'interviewId');
}

function requireRunFlows(subject: AccessSubject): void {
  if (!subject.permissions.runFlows && !subject.permissions.manageFlow) throw new InsufficientAccessError('Running flows needs the Run Flows permission.');
}

function requireRunning(interview: StoredInterview): void {
  if (interview.InterviewStatus === 'Paused' && interview.WasPausedFromScreen) {
    throw new InvalidOperationError(`Interview ${interview.Id} is paused; resume it first.`);
  }
  if (interview.InterviewStatus !== 'Running') {
    throw new InvalidOperationError(`Interview ${interview.Id} is ${interview.InterviewStatus === 'Paused' ? 'waiting' : interview.InterviewStatus.toLowerCase()}; it has no screen to submit.`);
  }
}

function checkValues(values: unknown, field = 'values'): Record<string, FlowValue> {
  if (values === undefined || values === null) return {};
  if (typeof values !== 'object' || Array.isArray(values)) throw new InvalidApiInputError(`${field} must be an object of values by name.`, [field]);
  return values as Record<string, FlowValue>;
}

function checkStatuses(statuses: readonly string[]): InterviewStatus[] {
  if (!Array.isArray(statuses)) throw new InvalidApiInputError('statuses must be a list.', ['statuses']);
  return statuses.map((status) => {
    const known = INTERVIEW_STATUSES.find((candidate) => candidate.toLowerCase() === String(status).toLowerCase());
    if (known === undefined) throw new InvalidPicklistValueError(`InterviewStatus: bad value for restricted picklist field: ${String(status)}`, ['statuses']);
    return known;
  });
}

function checkCount(value: number, field: string, minimum: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) throw new InvalidApiInputError(`${field} must be an integer of at least ${minimum}.`, [field]);
  return value;
}

/**
 * The start inputs: `inputs` checked against the flow's input variables and coerced (a wrong
 * name or type is `InvalidApiInputError`, before anything runs), plus `recordId` (which must
 * name an existing record) as the `recordId` input variable when the flow has one.
 */
async function startInputs(tx: StorageSession, flow: CompiledFlow, options: StartOptions): Promise<Record<string, FlowValue>> {
  const given = checkValues(options.inputs, 'inputs');
  const inputs: Record<string, FlowValue> = {};
  for (const [name, value] of Object.entries(given)) {
    const variable = flow.resource(name);
    if (variable?.kind !== 'variable' || !variable.isInput) {
      const names = flow.inputVariables.map((v) => v.name).join(', ') || '(none)';
      throw new InvalidApiInputError(`Flow "${flow.apiName}" has no input variable named "${name}". Its input variables are: ${names}.`, [name]);
    }
    try {
      inputs[variable.name] = coerceValue(value, variable.dataType, { isCollection: variable.isCollection, scale: variable.scale, objectType: variable.objectType });
    } catch (error) {
      if (error instanceof FlowFault) {
        const expected = `${variable.isCollection ? 'a collection of ' : ''}${variable.dataType}${variable.objectType === undefined ? '' : ` (${variable.objectType})`}`;
        throw new InvalidApiInputError(`Input "${variable.name}" of flow "${flow.apiName}" must be ${expected}: ${error.message}`, [variable.name]);
      }
      throw error;
    }
    if (variable.isCollection && value !== null && !Array.isArray(value)) {
      throw new InvalidApiInputError(`Input "${variable.name}" of flow "${flow.apiName}" is a collection: pass a list.`, [variable.name]);
    }
  }
  if (options.recordId !== undefined) {
    const recordId = parseId(options.recordId, 'recordId');
    if (!(await tx.records.exists(recordId))) throw new NotFoundError(`No record with Id ${recordId}.`, ['recordId']);
    const variable = flow.resource('recordId');
    if (variable?.kind === 'variable' && variable.isInput && !Object.keys(inputs).some((name) => name.toLowerCase() === 'recordid')) {
      // A record variable named recordId gets the record itself (read with all its fields).
      const record = variable.dataType === 'SObject' && !variable.isCollection ? await tx.records.getById(recordId) : undefined;
      // A FlowRecord's optional fields are never undefined once read from storage: it is a FlowValue.
      inputs[variable.name] = record === undefined ? recordId : (record as unknown as FlowValue);
    }
  }
  return inputs;
}

/**
 * The outputs of a platform event for a wait event's output parameters: a parameter named like
 * a field of the event gets that field; any other gets the event message as a record (Flow
 * Builder's "store the event in a record variable").
 */
function eventOutputs(flow: CompiledFlow, elementName: string, eventName: string, event: { readonly [field: string]: FlowValue }): Record<string, FlowValue> {
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

function ignoreConflict(error: unknown): void {
  if (!(error instanceof ConflictError)) throw error;
}
