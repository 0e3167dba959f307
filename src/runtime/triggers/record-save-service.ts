/**
 * The record save service: the one way business records are written. A save of N records of one
 * object runs in one transaction through the {@link SavePipeline} (validation, record-triggered
 * flows, one write); the faulted triggered runs are recorded afterwards in a transaction of their
 * own (`trigger-failures.ts`). The interview service writes its flows' records through
 * {@link RecordSaveService.recordPort} inside its own transaction, so a screen flow's Create
 * Records fires the same flows.
 */
import type { FlowRecord, RecordPort, Request, StepContext } from '../../engine/index.js';
import { FlowFault } from '../../engine/index.js';
import type { UserPermissions } from '../access/sharing.js';
import type { ActionRegistry } from '../actions/action-registry.js';
import { InvalidOperationError, NotFoundError } from '../errors.js';
import type { FlowCache } from '../flows/flow-cache.js';
import { buildStepContext } from '../interviews/step-context.js';
import type { Clock } from '../ports/clock.js';
import type { Storage, StorageSession, UserRecord } from '../ports/index.js';
import { answerRecordRequests } from './batched-records.js';
import { type RecursionPolicy, type SaveFrame, SavePipeline } from './save-pipeline.js';
import type { SaveRequest, SaveResult } from './save-types.js';
import { recordTriggerFailures, type TriggerFailure } from './trigger-failures.js';
import { TriggerLookup } from './trigger-registry.js';

/** What {@link RecordSaveService} is built from. */
export interface RecordSaveServiceOptions {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly flows: FlowCache;
  readonly actions: ActionRegistry;
  /** What a recursive save of the same record runs (default `skipAfterSave`, see `docs/triggers.md`). */
  readonly recursion?: RecursionPolicy;
}

/** Who saves, when, and where their failed triggered runs are collected. */
export interface FrameInput {
  readonly user: UserRecord;
  readonly permissions: UserPermissions;
  readonly now: Date;
  readonly failures: TriggerFailure[];
}

/** Saves inside one transaction ({@link RecordSaveService.inTransaction}). */
export interface SaveUnit {
  readonly tx: StorageSession;
  /** The user who saves. */
  readonly user: UserRecord;
  /** Saves a batch in the unit's transaction, firing record-triggered flows. */
  save(request: SaveRequest): Promise<SaveResult[]>;
  /** Rolls the whole transaction back when the work returns. */
  rollBack(): void;
}

/** Thrown out of a unit's transaction to roll it back. */
class RollBackUnit extends Error {
  constructor() {
    super('The unit of saves was rolled back (all or none).');
  }
}

/** Saves batches of records, firing record-triggered flows. */
export class RecordSaveService {
  readonly #storage: Storage;
  readonly #clock: Clock;
  readonly #flows: FlowCache;
  readonly #pipeline: SavePipeline;

  constructor(options: RecordSaveServiceOptions) {
    this.#storage = options.storage;
    this.#clock = options.clock;
    this.#flows = options.flows;
    this.#pipeline = new SavePipeline({ flows: options.flows, actions: options.actions, ...(options.recursion === undefined ? {} : { recursion: options.recursion }) });
  }

  /**
   * Saves the batch as `actorId` in one transaction: one result per record, in order. Records
   * that fail (a bad value, a triggered flow's fault) store nothing; the others of other groups
   * are saved (`SaveRequest.groups`). Throws only for a bad actor, an unknown object, or
   * infrastructure failures.
   */
  async save(actorId: string, request: SaveRequest): Promise<SaveResult[]> {
    return this.inTransaction(actorId, (unit) => unit.save(request));
  }

  /**
   * Runs `work` as `actorId` in one transaction: every save it makes through `unit.save` shares
   * it (sObject Collections' type chunks, `/composite` with `allOrNone`), and `unit.tx` reads
   * what they wrote. `unit.rollBack()` makes the transaction roll back when `work` returns, and
   * `work`'s value is still returned (an all-or-none request answering its per-record results).
   * Faulted triggered runs are recorded afterwards, either way.
   */
  async inTransaction<T>(actorId: string, work: (unit: SaveUnit) => Promise<T>): Promise<T> {
    const now = this.#clock.now();
    const failures: TriggerFailure[] = [];
    let rolledBack: { readonly value: T } | undefined;
    try {
      return await this.#storage.transaction(async (tx) => {
        const user = await tx.directory.getUser(actorId);
        if (user === undefined) throw new NotFoundError(`No user with Id ${actorId}.`);
        if (!user.IsActive) throw new InvalidOperationError(`User ${user.Username} is inactive.`);
        const frame = this.frame(tx, { user, permissions: await tx.directory.permissionsOf(user.Id), now, failures });
        let rollBack = false;
        const value = await work({
          tx,
          user,
          save: (request) => this.saveIn(tx, frame, request),
          rollBack: () => {
            rollBack = true;
          },
        });
        if (!rollBack) return value;
        rolledBack = { value };
        throw new RollBackUnit();
      });
    } catch (error) {
      if (error instanceof RollBackUnit && rolledBack !== undefined) return rolledBack.value;
      throw error;
    } finally {
      await this.recordFailures(failures, now);
    }
  }

  /** Saves the batch inside `tx` with `frame` (from {@link frame}): the pipeline, no transaction of its own. */
  saveIn(tx: StorageSession, frame: SaveFrame, request: SaveRequest): Promise<SaveResult[]> {
    return this.#pipeline.run(tx, request, frame);
  }

  /** A top-level frame for saves made inside `tx` by `user` (an interview step's transaction). */
  frame(tx: StorageSession, input: FrameInput): SaveFrame {
    let built: Promise<StepContext> | undefined;
    const context = (): Promise<StepContext> => {
      built ??= buildStepContext({ session: tx, user: input.user, permissions: input.permissions, now: input.now });
      return built;
    };
    return this.#frameOf(tx, input, context);
  }

  /** {@link frame} with the operation's step context already built (an interview step's). */
  frameWith(tx: StorageSession, input: FrameInput & { readonly context: StepContext }): SaveFrame {
    return this.#frameOf(tx, input, () => Promise.resolve(input.context));
  }

  #frameOf(tx: StorageSession, input: FrameInput, context: () => Promise<StepContext>): SaveFrame {
    return {
      user: input.user,
      permissions: input.permissions,
      now: input.now,
      depth: 0,
      saving: new Set(),
      triggers: new TriggerLookup(tx, this.#flows),
      // A record-triggered flow runs in system context: no `$Record` or subflows of the caller's.
      context: async () => {
        const { record: _record, recordPrior: _prior, flows: _flows, ...base } = await context();
        return base;
      },
      failures: input.failures,
    };
  }

  /**
   * The engine's record port for one interview inside `tx`: reads from the store, writes through
   * the pipeline (all or none per element, firing record-triggered flows). A refused write is
   * thrown as the catalogue's error, which the fault policy makes the element's fault.
   */
  recordPort(tx: StorageSession, frame: SaveFrame): RecordPort {
    const write = async (request: Request): Promise<unknown> => {
      const schema = await tx.records.schema();
      const [answer] = await answerRecordRequests([request], { records: tx.records, schema, save: (nested) => this.#pipeline.run(tx, nested, frame) });
      if (answer === undefined) throw new Error('A record request got no answer.');
      if (answer.kind === 'fault') throw new FlowFault(answer.fault.code, answer.fault.message);
      const result = answer.result;
      return result.kind === 'ids' ? result.ids : result.kind === 'count' ? result.count : undefined;
    };
    return {
      query: (request) =>
        tx.records.query({ object: request.object, filters: request.filters, logic: request.logic, fields: request.fields, sort: request.sort, limit: request.limit }),
      create: async (records: readonly FlowRecord[]) => (await write({ kind: 'recordCreate', records })) as string[],
      update: async (records: readonly FlowRecord[]) => {
        await write({ kind: 'recordUpdate', records });
      },
      updateWhere: async (request) => (await write(request)) as number,
      delete: async (object, ids) => {
        await write({ kind: 'recordDelete', object, ids });
      },
      deleteWhere: async (request) => (await write(request)) as number,
    };
  }

  /** Records faulted triggered runs (failed interviews and error emails) in a transaction of their own. */
  async recordFailures(failures: readonly TriggerFailure[], now: Date = this.#clock.now()): Promise<void> {
    await recordTriggerFailures(this.#storage, failures, now);
  }
}
