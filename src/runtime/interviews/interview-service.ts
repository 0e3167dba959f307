// Over 400 lines: the transaction loop of every interview operation stays in one place on purpose; everything it calls out to has a file of its own.
/**
 * The interview service: start, read, preview, navigate, pause, resume, delete and list flow
 * interviews, resume waiting interviews by their alarms and by platform events.
 *
 * Every change is ONE transaction (see `docs/runtime.md`): load and lock the interview through
 * the one access check (PostgreSQL `FOR UPDATE NOWAIT`, so a concurrent writer fails at once with
 * `ConflictError` instead of running the flow twice; SQLite serialises writers), `step` the engine,
 * answer its requests through ports bound to the transaction (record writes, actions,
 * subflows), then save the new state with its record and stage relations, its effects (outbox)
 * and its waits (jobs, subscriptions) — all committed together, or nothing.
 *
 * A run that ends in an unhandled fault is Salesforce's failed transaction: its record writes and
 * effects roll back, and a second transaction records the interview as `Error` with the fault.
 *
 * Bad requests throw the catalogue's typed errors (`errors.ts`); faults are data in the view.
 *
 * The transaction loop (`#advance`, `#commitRest`, and `#resumeWaiting` for waits) lives here
 * alone; what it calls out to has a file each: argument checks (`interview-input.ts`), the access
 * check (`interview-access.ts`), what a start settles first (`interview-start.ts`), list queries
 * (`interview-list.ts`), the row's fields (`interview-changes.ts`), failed runs
 * (`interview-failure.ts`) and the alarm job kind and platform-event outputs (`wait-resume.ts`).
 */
import { randomUUID } from 'node:crypto';
import type { Awaiting, CompiledFlow, ComponentRegistry, FlowValue, InterviewState, StepContext, StepInput, StepResult, WaitCondition } from '../../engine/index.js';
import { migrateState, start, step, StepInputError } from '../../engine/index.js';
import { recordTriggerOf } from '../../flow-model/index.js';
import { type AccessCache, accessCacheFor, type AccessView } from '../access/access-cache.js';
import type { ActionRegistry } from '../actions/action-registry.js';
import type { Clock } from '../ports/clock.js';
import { type DrivePorts, driveToRest } from './drive-interview.js';
import { enqueueEffects } from './effect-outbox.js';
import { ConflictError, InvalidCrossReferenceKeyError, InvalidOperationError, MalformedIdError } from '../errors.js';
import type { FlowCache, LoadedFlowVersion } from '../flows/flow-cache.js';
import { isValidId, parseId } from '../org/ids.js';
import { type Actor, loadForUser } from './interview-access.js';
import { interviewLabel, restChanges } from './interview-changes.js';
import { recordFailure, recordStartFailure, RunFailed } from './interview-failure.js';
import { InterviewFlows } from './interview-flows.js';
import { checkEventType, checkFlowApiName, checkNavigateAction, checkPauseReason, checkScreenAnswered, checkValues, parseInterviewId, requireScreenAnswered, type ScreenAnswered } from './interview-input.js';
import { listQuery, type InterviewListRequest } from './interview-list.js';
import { chooseVersionId, requireRunFlows, startInputs } from './interview-start.js';
import { toInterviewRecordView, toInterviewView, type InterviewView } from './interview-view.js';
import type { JobCompletion } from '../jobs/job-runner.js';
import type { FlowInterviewSummary, InterviewChanges, Storage, StorageSession, StoredInterview, UserRecord } from '../ports/index.js';
import type { AccessSubject } from '../access/sharing.js';
import { stageRelationsOf } from './stage-relations.js';
import { buildStepContext } from './step-context.js';
import type { RecordSaveService } from '../triggers/record-save-service.js';
import type { TriggerFailure } from '../triggers/trigger-failures.js';
import { storageRecordPort } from './storage-record-port.js';
import { deleteInterviewAs } from './interview-delete.js';
import { clearWait, eventMatches, resolveWait, scheduleWait, type ResolvedWait, type ResumeWaitPayload } from '../waits/wait-jobs.js';
import { eventOutputs, waitRetryPolicy, type WaitRetryOptions } from '../waits/wait-resume.js';

export type { InterviewView, InterviewAwaiting, InterviewRecordView } from './interview-view.js';
export type { InterviewListRequest } from './interview-list.js';
export type { ScreenAnswered } from './interview-input.js';
export type { WaitRetryOptions } from '../waits/wait-resume.js';

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

/** What {@link InterviewService} is built from. */
export interface InterviewServiceOptions {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly flows: FlowCache;
  readonly actions: ActionRegistry;
  /** Where the flows' record writes go: the save pipeline, which fires record-triggered flows. */
  readonly saves: RecordSaveService;
  readonly components?: ComponentRegistry;
  readonly waitRetry?: WaitRetryOptions;
  readonly hooks?: InterviewServiceHooks;
  /** The server's public base URL for `$Api` (a function when it is known only once the server listens). */
  readonly serverUrl?: string | (() => string | undefined);
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
export interface NavigateCommand extends ScreenAnswered {
  readonly action: 'NEXT' | 'BACK' | 'FINISH';
  readonly values?: Record<string, FlowValue>;
}

/** Options of {@link InterviewService.pause}. */
export interface PauseOptions extends ScreenAnswered {
  /** Why the user paused (`PauseLabel`), at most 255 characters. */
  readonly reason?: string;
  /** Values entered on the screen; valid ones are kept for the resume. */
  readonly values?: Record<string, FlowValue>;
}

/** One operation: its name, the user the flow runs as, and its time. */
interface Operation {
  readonly name: InterviewOperation;
  readonly runAs: UserRecord;
  readonly permissions: AccessSubject['permissions'];
  readonly now: Date;
  /** The access cache, when the operation opened it. */
  readonly view?: AccessView;
  /** Record-triggered runs its record writes faulted: recorded after its transaction. */
  readonly failures: TriggerFailure[];
}

/** Where {@link InterviewService.#commitRest} writes: a new row, or an existing one at a known version. */
type Target =
  | { readonly kind: 'create'; readonly guid: string; readonly versionId: string; readonly ownerId: string }
  | {
      readonly kind: 'save';
      readonly id: string;
      readonly version: number;
      /** The wait the interview was in before this operation, at its version (to clear). */
      readonly priorWait: { readonly wait: WaitCondition; readonly version: number } | undefined;
    };

/** Start, read, navigate, pause, resume, delete and list interviews; resume waits. */
export class InterviewService {
  readonly #storage: Storage;
  readonly #clock: Clock;
  readonly #flows: FlowCache;
  readonly #actions: ActionRegistry;
  readonly #saves: RecordSaveService;
  readonly #components: ComponentRegistry | undefined;
  readonly #serverUrl: () => string | undefined;
  readonly #hooks: InterviewServiceHooks;
  readonly #access: AccessCache;
  /** Attempts of the alarm jobs this service schedules. */
  readonly #alarmAttempts: number;

  constructor(options: InterviewServiceOptions) {
    this.#storage = options.storage;
    this.#clock = options.clock;
    this.#flows = options.flows;
    this.#actions = options.actions;
    this.#saves = options.saves;
    this.#components = options.components;
    const serverUrl = options.serverUrl;
    this.#serverUrl = typeof serverUrl === 'function' ? serverUrl : () => serverUrl;
    this.#hooks = options.hooks ?? {};
    this.#access = accessCacheFor(options.storage);
    this.#alarmAttempts = waitRetryPolicy(options.waitRetry).maxAttempts;
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
    checkFlowApiName(flowApiName);
    let owner: string | undefined;
    let versionId: string | undefined;
    const failures: TriggerFailure[] = [];
    try {
      return await this.#storage.transaction(async (tx) => {
        const actor = await this.#actor(tx, actorId);
        owner = actor.user.Id;
        requireRunFlows(actor.subject);
        const loaded = await this.#flows.load(await chooseVersionId(tx, actor.subject, flowApiName, options.versionId), tx);
        refuseTriggeredStart(loaded.flow);
        versionId = loaded.versionId;
        const inputs = await startInputs(tx, loaded.flow, options);
        const op: Operation = { name: 'start', runAs: actor.user, permissions: actor.subject.permissions, now, view: actor.view, failures };
        const flows = new InterviewFlows(loaded.flow, this.#flows, tx);
        const context = await this.#context(tx, op);
        const started = start(loaded.flow, inputs, { ...context, flows: flows.lookup, guid });
        const rest = await driveToRest(started, this.#ports(tx, op, flows, context), context);
        const saved = await this.#commitRest(tx, op, { kind: 'create', guid, versionId: loaded.versionId, ownerId: actor.user.Id }, flows, rest, context);
        return toInterviewView(saved, loaded.developerName, rest.awaiting);
      });
    } catch (error) {
      if (!(error instanceof RunFailed) || owner === undefined || versionId === undefined) throw error;
      const saved = await recordStartFailure(this.#storage, { guid, versionId, ownerId: owner }, error);
      return toInterviewView(saved, error.flowApiName, { kind: 'failed', fault: error.fault });
    } finally {
      await this.#saves.recordFailures(failures, now);
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
    const { interview } = await loadForUser(this.#storage, actor, id, 'read');
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
    const action = checkNavigateAction(command?.action);
    const values = checkValues(command.values);
    return this.#advance('navigate', actorId, interviewId, command, (interview) => {
      requireRunning(interview);
      return { input: { kind: 'navigate', action, values } };
    });
  }

  /**
   * The shown screen as it would be with `values` entered — fields whose visibility depends on
   * them, display text — so a client can update the screen while the user types. Reads only:
   * nothing is validated or stored, and the interview's version does not change. Needs what
   * navigate needs: resume access and an interview running at a screen.
   */
  async preview(actorId: string, interviewId: string, values: Record<string, FlowValue>): Promise<InterviewView> {
    const id = parseInterviewId(interviewId);
    const proposed = checkValues(values);
    const actor = await this.#actor(this.#storage, actorId);
    const { interview } = await loadForUser(this.#storage, actor, id, 'resume');
    requireRunning(interview);
    const loaded = await this.#flows.load(interview.FlowVersionViewId);
    const awaiting = await this.#show(interview, loaded, actor, { kind: 'preview', values: proposed });
    return toInterviewView(interview, loaded.developerName, awaiting);
  }

  /**
   * Pauses the interview at its screen, keeping the valid values entered. Needs the org setting
   * "Let users pause flows" and a screen that offers Pause. When `$Flow.CurrentRecord` is set, it
   * must name an existing record: the interview is related to it (FlowRecordRelation).
   */
  async pause(actorId: string, interviewId: string, options: PauseOptions = {}): Promise<InterviewView> {
    const reason = checkPauseReason(options.reason);
    const values = checkValues(options.values);
    return this.#advance('pause', actorId, interviewId, options, async (interview, actor) => {
      requireRunning(interview);
      if (!(await actor.view.organization()).allowPause) {
        throw new InvalidOperationError('Pausing flows is turned off for this org ("Let users pause flows").');
      }
      return {
        input: { kind: 'pause', values },
        pause: { reason },
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
    return this.#advance('resume', actorId, interviewId, {}, (interview) => {
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
      await deleteInterviewAs(tx, actor, id);
      await this.#hooks.beforeCommit?.('delete', id);
    });
  }

  /**
   * Interviews the user may read: their own (`mine`), those related to a record (`record`), of
   * a flow (`flow`), or — for Manage Flow users — every interview (`all`). Newest first.
   */
  async list(actorId: string, query: InterviewListRequest): Promise<FlowInterviewSummary[]> {
    const actor = await this.#actor(this.#storage, actorId);
    const { filter, viewer } = await listQuery(this.#storage, actor, query);
    return this.#storage.interviews.list(filter, viewer, await actor.view.settings());
  }

  /**
   * Publishes a platform event: every interview waiting for `eventType` whose wait's values
   * match the payload resumes (each in its own transaction). Returns how many resumed.
   */
  async publishEvent(actorId: string, eventType: string, payload: Record<string, FlowValue>): Promise<{ resumed: number }> {
    checkEventType(eventType);
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
   * Resumes the interview an alarm job names (the `wait.resume` handler), in one transaction that
   * also completes the job — so a resume runs once. Returns false when the interview no longer
   * waits there (the job is completed all the same). A failure outside the flow (the database, a
   * bug) is thrown for the job runner to retry.
   */
  async resumeByAlarm(payload: ResumeWaitPayload, job: JobCompletion): Promise<boolean> {
    return this.#resumeWaiting(payload.interviewId, payload.version, payload.event, job, () => ({}));
  }

  // -------------------------------------------------------------------------------------------

  /**
   * Resumes a waiting interview by one of its events, as the user who started it. Returns false
   * when the interview no longer waits for that event at `version` (a stale job or
   * subscription); the job, if any, is completed either way.
   */
  async #resumeWaiting(
    interviewId: string,
    version: number | undefined,
    event: string,
    job: JobCompletion | undefined,
    outputs: (flow: CompiledFlow, element: string) => Record<string, FlowValue>,
  ): Promise<boolean> {
    const now = job?.now ?? this.#clock.now();
    let loaded: StoredInterview | undefined;
    const failures: TriggerFailure[] = [];
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
          await job?.complete(tx);
          return false;
        }
        loaded = interview;
        const runAs = await tx.directory.getUser(interview.CreatedById);
        const loadedVersion = await this.#flows.load(interview.FlowVersionViewId, tx);
        if (runAs === undefined || !runAs.IsActive) {
          throw new RunFailed(state, { code: 'INACTIVE_USER', message: `The user who started the interview (${interview.CreatedById}) is inactive or deleted, so it cannot resume.`, element: waiting.element }, loadedVersion.developerName);
        }
        const op: Operation = { name: 'resumeWait', runAs, permissions: await tx.directory.permissionsOf(runAs.Id), now, failures };
        const claimed = await tx.interviews.save(interview.Id, interview.version, {}, runAs.Id);
        const flows = new InterviewFlows(loadedVersion.flow, this.#flows, tx);
        const context = await this.#context(tx, op);
        const input: StepInput = { kind: 'waitEvent', event, outputs: outputs(loadedVersion.flow, waiting.element) };
        const rest = await driveToRest(stepOrThrow(loadedVersion.flow, state, input, { ...context, flows: flows.lookup }), this.#ports(tx, op, flows, context), context);
        await job?.complete(tx);
        await this.#commitRest(tx, op, { kind: 'save', id: interview.Id, version: claimed.version, priorWait: { wait: waiting, version: interview.version } }, flows, rest, context);
        return true;
      });
    } catch (error) {
      if (!(error instanceof RunFailed) || loaded === undefined) throw error;
      await recordFailure(this.#storage, loaded, error, loaded.CreatedById, job);
      return true;
    } finally {
      await this.#saves.recordFailures(failures, now);
    }
  }

  /**
   * The shared body of navigate, pause and resume: one transaction that loads the interview
   * and locks it through the access check, steps, answers requests and commits the rest.
   */
  async #advance(
    name: InterviewOperation,
    actorId: string,
    interviewId: string,
    answered: ScreenAnswered,
    plan: (interview: StoredInterview, actor: Actor) => Plan | Promise<Plan>,
  ): Promise<InterviewView> {
    const id = parseInterviewId(interviewId);
    checkScreenAnswered(answered);
    const now = this.#clock.now();
    let loaded: StoredInterview | undefined;
    let actingUser: string | undefined;
    const failures: TriggerFailure[] = [];
    try {
      return await this.#storage.transaction(async (tx) => {
        const actor = await this.#actor(tx, actorId);
        actingUser = actor.user.Id;
        // Locked as it is read (PostgreSQL; SQLite serialises writers). A request that says which
        // screen it answers waits for a concurrent writer, then finds out whether it still
        // answers the interview (409 naming where it is now); one that does not is refused at once.
        const answersKnownScreen = answered.version !== undefined || answered.screen !== undefined;
        const { interview } = await loadForUser(tx, actor, id, 'resume', answersKnownScreen ? 'wait' : true);
        requireScreenAnswered(interview, answered);
        const steps = await plan(interview, actor);
        loaded = interview;
        const version = await this.#flows.load(interview.FlowVersionViewId, tx);
        const state = migrateState(interview.state);
        const flows = new InterviewFlows(version.flow, this.#flows, tx);
        await flows.loadFrames(state);
        const op: Operation = { name, runAs: actor.user, permissions: actor.subject.permissions, now, view: actor.view, failures };
        const context = await this.#context(tx, op);
        const rest = await driveToRest(stepOrThrow(version.flow, state, steps.input, { ...context, flows: flows.lookup }), this.#ports(tx, op, flows, context), context);
        steps.check?.(rest);
        const saved = await this.#commitRest(tx, op, { kind: 'save', id, version: interview.version, priorWait: undefined }, flows, rest, context, steps.pause);
        return toInterviewView(saved, version.developerName, rest.awaiting);
      });
    } catch (error) {
      if (!(error instanceof RunFailed) || loaded === undefined || actingUser === undefined) throw error;
      const saved = await recordFailure(this.#storage, loaded, error, actingUser, undefined);
      return toInterviewView(saved, error.flowApiName, { kind: 'failed', fault: error.fault });
    } finally {
      await this.#saves.recordFailures(failures, now);
    }
  }

  /**
   * Writes the interview at rest: its row (created, or saved at the version read), relations, outbox
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
      InterviewLabel: interviewLabel(flows.root, rest.state, context),
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
    if (wait !== undefined) await scheduleWait(tx, saved.Id, saved.version, wait, this.#alarmAttempts);
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

  /**
   * What the stored interview awaits, re-rendered (a screen with its values, or with proposed
   * ones for a preview). Reads only.
   */
  async #show(interview: StoredInterview, loaded: LoadedFlowVersion, actor: Actor, input: StepInput = { kind: 'show' }): Promise<Awaiting> {
    const state = migrateState(interview.state);
    const flows = new InterviewFlows(loaded.flow, this.#flows, this.#storage);
    await flows.loadFrames(state);
    const op: Operation = { name: 'resume', runAs: actor.user, permissions: actor.subject.permissions, now: this.#clock.now(), view: actor.view, failures: [] };
    const context = await this.#context(this.#storage, op);
    const shown = stepOrThrow(loaded.flow, state, input, { ...context, flows: flows.lookup });
    if (shown.awaiting.kind !== 'request') return shown.awaiting;
    // Record choice sets re-query their options: answer with reads only (nothing is stored).
    return (await driveToRest(shown, this.#ports(this.#storage, op, flows, context), context)).awaiting;
  }

  /** The acting user: must exist and be active. */
  async #actor(session: StorageSession, actorId: string, opened?: AccessView): Promise<Actor> {
    const view = opened ?? (await this.#access.open(session));
    return { ...(await view.actor(actorId)), view };
  }

  async #context(session: StorageSession, op: Operation): Promise<StepContext> {
    return buildStepContext({ session, user: op.runAs, permissions: op.permissions, now: op.now, components: this.#components, cache: op.view, serverUrl: this.#serverUrl() });
  }

  #ports(session: StorageSession, op: Operation, flows: InterviewFlows, context: StepContext): DrivePorts {
    const frame = this.#saves.frameWith(session, { user: op.runAs, permissions: op.permissions, now: op.now, failures: op.failures, context });
    return {
      records: storageRecordPort(session, op.runAs.Id, this.#saves.recordPort(session, frame), async () => {
        const view = op.view ?? (await this.#access.open(session));
        return { ...(await view.actor(op.runAs.Id)), view };
      }),
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

/**
 * A record-triggered flow runs when its records are saved, never by hand: Salesforce refuses to
 * start one (the Flow REST API does not list it as an invocable action, and the flow's Run
 * button is disabled), and so does Eddy — `$Record` would be empty.
 */
function refuseTriggeredStart(flow: CompiledFlow): void {
  const trigger = recordTriggerOf(flow.definition);
  if (trigger === undefined) return;
  throw new InvalidOperationError(
    `Flow "${flow.apiName}" is a record-triggered flow: it runs when a ${trigger.object} record is saved, and can't be started by hand or through the API.`,
  );
}

function requireRunning(interview: StoredInterview): void {
  if (interview.InterviewStatus === 'Paused' && interview.WasPausedFromScreen) {
    throw new InvalidOperationError(`Interview ${interview.Id} is paused; resume it first.`);
  }
  if (interview.InterviewStatus !== 'Running') {
    throw new InvalidOperationError(`Interview ${interview.Id} is ${interview.InterviewStatus === 'Paused' ? 'waiting' : interview.InterviewStatus.toLowerCase()}; it has no screen to submit.`);
  }
}
