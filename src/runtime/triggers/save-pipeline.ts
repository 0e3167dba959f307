// Over 400 lines: the order of execution of one save (validation, before-save flows, the write, after-save flows, partial-save retries) reads best as one sequence; what it calls out to has a file each.
/**
 * The save pipeline: every write of business records goes through it (the REST sObject
 * resources, flows' Create/Update/Delete Records, the UI and the CLI), a BATCH of N records of one
 * object with one operation, in Salesforce's order of execution (`docs/triggers.md`):
 *
 * 1. load the stored records (update, delete: one query) and check the new values (types,
 *    required fields, references: a constant number of queries);
 * 2. before-save flows (create, update) or before-delete flows (delete), in trigger order, their
 *    N interviews run together (`trigger-batch.ts`); changes to `$Record` are kept with the
 *    record, with no write of their own; the changed values are checked again;
 * 3. one write of every record left (the record store: a constant number of statements);
 * 4. after-save flows, in trigger order, with `$Record` as saved (Id, system fields) and
 *    `$Record__Prior`; their record writes are nested saves through this same pipeline.
 *
 * A record whose flow faults fails with `CANNOT_EXECUTE_FLOW_TRIGGER` (a Custom Error:
 * `FIELD_CUSTOM_VALIDATION_EXCEPTION` at its field or for the record) and fails its group
 * (`SaveRequest.groups`). Everything one attempt wrote is under a savepoint: when an after-save
 * flow fails a group, the attempt is rolled back and run again without the failed groups — the
 * partial-save retry of Salesforce, at most three attempts — so nothing of a failed record is
 * stored. Recursion: a nested save of a record already being saved up the stack runs steps 1–3
 * and skips after-save flows (Salesforce's "recursive save"), unless the policy says to fire
 * them again; nesting stops at {@link MAX_SAVE_DEPTH}.
 */
import type { Effect, FlowRecord, FlowValue, JsonValue, StepContext } from '../../engine/index.js';
import { FlowFault, meetsEntryConditions, valuesEqual } from '../../engine/index.js';
import type { SaveEvent, TriggerTiming } from '../../flow-model/index.js';
import type { UserPermissions } from '../access/sharing.js';
import type { ActionRegistry } from '../actions/action-registry.js';
import { directoryObjectOf, updateDirectoryRecords } from '../directory/flow-directory-updates.js';
import { isRequestError, type RequestErrorCode } from '../errors.js';
import type { FlowCache } from '../flows/flow-cache.js';
import { enqueueEffects } from '../interviews/effect-outbox.js';
import { InterviewFlows } from '../interviews/interview-flows.js';
import { runFaultPolicy } from '../interviews/run-error-policy.js';
import { isValidId, parseId } from '../org/ids.js';
import type { ObjectDescribe, OrgSchema } from '../org/org-schema.js';
import { validateRecordWrite, type ValidatedWrite } from '../org/record-validation.js';
import type { StorageSession, UserRecord } from '../ports/index.js';
import { answerRecordRequests } from './batched-records.js';
import { recordErrors, saveErrorOf, type SaveError, type SaveRequest, type SaveResult } from './save-types.js';
import { runTriggeredInterviews, type TriggerInput, type TriggerOutcome } from './trigger-batch.js';
import { faultErrors, type TriggerFailure } from './trigger-failures.js';
import type { ActiveTrigger, TriggerLookup } from './trigger-registry.js';

/** Nested saves allowed (Apex's trigger stack depth). */
export const MAX_SAVE_DEPTH = 16;

/** Attempts of a partial save (Salesforce: the first, then two retries with the survivors). */
const MAX_ATTEMPTS = 3;

/**
 * What a nested save of a record already being saved up the stack runs: `skipAfterSave`
 * (default) runs before-save flows and skips after-save flows, Salesforce's "recursive save"
 * (steps 9–17 skipped); `refireAfterSave` runs after-save flows again, bounded by the depth.
 */
export type RecursionPolicy = 'skipAfterSave' | 'refireAfterSave';

/** One save's place in a transaction: who saves, and the saves it is nested in. */
export interface SaveFrame {
  /** The user who saved: `$User` of the triggered flows, and the records' LastModifiedBy. */
  readonly user: UserRecord;
  readonly permissions: UserPermissions;
  readonly now: Date;
  /** Nested saves above this one (0 at the top). */
  readonly depth: number;
  /** Ids of records whose save is in progress up the stack. */
  readonly saving: ReadonlySet<string>;
  /** The transaction's active record-triggered flows. */
  readonly triggers: TriggerLookup;
  /** The step context of the transaction, without `$Record`: built the first time a flow runs (a save that fires none reads nothing for it). */
  readonly context: () => Promise<StepContext>;
  /** Faulted triggered runs, recorded after the transaction (`trigger-failures.ts`). */
  readonly failures: TriggerFailure[];
}

/** What the pipeline is built from. */
export interface SavePipelineOptions {
  readonly flows: FlowCache;
  readonly actions: ActionRegistry;
  readonly recursion?: RecursionPolicy;
}

/** Thrown inside an attempt to roll it back and run the survivors again. */
class RetrySave extends Error {
  constructor() {
    super('A triggered flow failed records after they were written: the attempt rolls back.');
  }
}

/** One record on its way through an attempt. */
interface Item {
  readonly index: number;
  /** `$Record`: the record as it will be saved. */
  record: FlowRecord;
  /** `$Record__Prior`: the stored record (update, delete). */
  readonly prior: FlowRecord | null;
  /** What is written: the fields given, then the before-save flows' changes. */
  values: Record<string, JsonValue>;
}

/** A batch save of one object through validation, triggered flows and one write. */
export class SavePipeline {
  readonly #flows: FlowCache;
  readonly #actions: ActionRegistry;
  readonly #recursion: RecursionPolicy;

  constructor(options: SavePipelineOptions) {
    this.#flows = options.flows;
    this.#actions = options.actions;
    this.#recursion = options.recursion ?? 'skipAfterSave';
  }

  /** Saves the batch in `tx`; one result per record, in order. Infrastructure errors and bugs propagate. */
  async run(tx: StorageSession, request: SaveRequest, frame: SaveFrame): Promise<SaveResult[]> {
    const count = request.records.length;
    const groups = request.groups ?? request.records.map(() => 0);
    const results: (SaveResult | undefined)[] = Array.from({ length: count }, () => undefined);
    const failedGroups = new Set<number>();
    const fail = (index: number, errors: readonly SaveError[]): void => {
      const record = request.records[index];
      results[index] = { id: request.operation === 'create' ? null : typeof record?.Id === 'string' ? record.Id : null, success: false, errors };
      failedGroups.add(groups[index] ?? 0);
    };
    if (frame.depth > MAX_SAVE_DEPTH) {
      for (let i = 0; i < count; i++) fail(i, [{ statusCode: 'LIMIT_EXCEEDED', message: 'maximum trigger depth exceeded', fields: [] }]);
      return results as SaveResult[];
    }
    const directory = request.operation === 'update' ? directoryObjectOf(request.object) : undefined;
    if (directory !== undefined) {
      // Users and groups live in the directory, which applies REST's rules to a flow's update (record-triggered flows on them are not fired).
      try {
        await tx.savepoint(() => updateDirectoryRecords(tx, directory, request.records, frame.user.Id));
        return request.records.map((record) => ({ id: typeof record.Id === 'string' ? record.Id : null, success: true, errors: [] }));
      } catch (error) {
        if (!isRequestError(error)) throw error;
        for (let i = 0; i < count; i++) fail(i, [saveErrorOf(error)]);
        return results as SaveResult[];
      }
    }
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const live = [...request.records.keys()].filter((i) => results[i] === undefined && !failedGroups.has(groups[i] ?? 0));
      if (live.length === 0) break;
      try {
        const ids = await tx.savepoint(() => this.#attempt(tx, request, live, frame, { fail, failedGroups, groups }));
        for (const i of live) if (results[i] === undefined && !failedGroups.has(groups[i] ?? 0)) results[i] = { id: ids.get(i) ?? null, success: true, errors: [] };
        break;
      } catch (error) {
        if (!(error instanceof RetrySave)) throw error;
        if (attempt === MAX_ATTEMPTS) {
          for (const i of live) if (results[i] === undefined) fail(i, [{ statusCode: 'LIMIT_EXCEEDED', message: 'Too many batch retries in the presence of Apex triggers and partial failures.', fields: [] }]);
        }
      }
    }
    return results.map((result, index): SaveResult => {
      if (result !== undefined) return result;
      const record = request.records[index];
      const id = request.operation === 'create' ? null : typeof record?.Id === 'string' ? record.Id : null;
      return { id, success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] }] };
    });
  }

  /** One attempt over the live records; returns the Ids written, by record index. */
  async #attempt(
    tx: StorageSession,
    request: SaveRequest,
    live: readonly number[],
    frame: SaveFrame,
    state: { readonly fail: (index: number, errors: readonly SaveError[]) => void; readonly failedGroups: ReadonlySet<number>; readonly groups: readonly number[] },
  ): Promise<Map<number, string>> {
    const schema = await tx.records.schema();
    const object = schema.describeOrThrow(request.object);
    const alive = (items: readonly Item[]): Item[] => items.filter((item) => !state.failedGroups.has(state.groups[item.index] ?? 0));
    let items = alive(await this.#prepare(tx, schema, object, request, live, state.fail));
    const event: SaveEvent = request.operation;
    const before: TriggerTiming = request.operation === 'delete' ? 'beforeDelete' : 'beforeSave';
    let beforeDeleteFailed = false;
    for (const trigger of await frame.triggers.flows(object.name, before, event)) {
      const outcomes = await this.#runFlow(tx, schema, trigger, items, frame, (index, errors) => {
        beforeDeleteFailed ||= request.operation === 'delete';
        state.fail(index, errors);
      });
      for (const [item, outcome] of outcomes) {
        if (outcome.kind !== 'finished' || request.operation === 'delete' || outcome.record === null) continue;
        this.#keepBeforeSaveChanges(schema, object, request.operation, item, outcome.record, state.fail);
      }
      items = alive(items);
    }
    // Before-delete flows may write (a before-save flow cannot): a failed one rolls the attempt back.
    if (beforeDeleteFailed) throw new RetrySave();
    if (request.operation === 'create') {
      // Step 5: system validation again, with required fields, on the values the flows left.
      for (const item of items) {
        const errors = recordErrors(() => validateRecordWrite(schema, object.name, { ...item.values, attributes: { type: object.name } }, 'create', { readOnlyFields: 'ignore' }));
        if (errors !== undefined) state.fail(item.index, errors);
      }
      items = alive(items);
    }
    if (items.length === 0) return new Map();
    const ids = await this.#write(tx, request, object, items, frame, state.fail);
    items = alive(items);
    const afterSave = request.operation === 'delete' ? [] : await frame.triggers.flows(object.name, 'afterSave', event);
    if (afterSave.length === 0 || items.length === 0) return ids;
    const saved = await this.#reread(tx, object, items.map((item) => ids.get(item.index) as string));
    const afterItems = items.map((item): Item => ({ ...item, record: saved.get(ids.get(item.index) as string) ?? item.record }));
    const recursive = (item: Item): boolean => frame.saving.has(ids.get(item.index) as string);
    const eligible = afterItems.filter((item) => this.#recursion === 'refireAfterSave' || !recursive(item));
    const nested: SaveFrame = { ...frame, depth: frame.depth + 1, saving: new Set([...frame.saving, ...afterItems.map((item) => ids.get(item.index) as string)]) };
    let failed = false;
    for (const trigger of afterSave) {
      const outcomes = await this.#runFlow(tx, schema, trigger, alive(eligible), nested, (index, errors) => {
        failed = true;
        state.fail(index, errors);
      });
      if (failed) break;
      void outcomes;
    }
    if (failed) throw new RetrySave();
    return ids;
  }

  /** Step 1: the stored records and the checked values of each live record; failures are recorded. */
  async #prepare(
    tx: StorageSession,
    schema: OrgSchema,
    object: ObjectDescribe,
    request: SaveRequest,
    live: readonly number[],
    fail: (index: number, errors: readonly SaveError[]) => void,
  ): Promise<Item[]> {
    const priors = request.operation === 'create' ? new Map<string, FlowRecord>() : await this.#reread(tx, object, live.map((i) => String(request.records[i]?.Id ?? '')));
    const items: Item[] = [];
    const writes = new Map<number, ValidatedWrite>();
    for (const index of live) {
      const input = request.records[index] as FlowRecord;
      if (request.operation === 'delete') {
        const prior = priors.get(normalId(input.Id));
        if (prior === undefined) {
          fail(index, [{ statusCode: 'ENTITY_IS_DELETED', message: `entity is deleted: ${String(input.Id ?? '')}`, fields: ['Id'] }]);
          continue;
        }
        items.push({ index, record: prior, prior, values: {} });
        continue;
      }
      let write: ValidatedWrite | undefined;
      const given = request.operation === 'update' && (request.readOnlyFields ?? 'ignore') === 'ignore' ? unchangedDropped(input, priors.get(normalId(input.Id))) : input;
      const errors = recordErrors(() => {
        write = validateRecordWrite(schema, object.name, { ...given, attributes: { type: object.name } }, request.operation === 'create' ? 'create' : 'update', {
          readOnlyFields: request.readOnlyFields ?? 'ignore',
          // Required fields are checked after before-save flows, which may fill them.
          requiredFields: 'later',
        });
      });
      if (errors !== undefined || write === undefined) {
        fail(index, errors ?? []);
        continue;
      }
      const prior = request.operation === 'update' ? priors.get(normalId(write.id)) : undefined;
      if (request.operation === 'update' && prior === undefined) {
        fail(index, [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: `invalid cross reference id: ${String(write.id ?? '')}`, fields: ['Id'] }]);
        continue;
      }
      writes.set(index, write);
      const values = { ...write.values };
      const record: FlowRecord = prior === undefined ? { attributes: { type: object.name }, ...values } : { ...prior, ...values };
      items.push({ index, record, prior: prior ?? null, values });
    }
    const references = [...writes.values()].flatMap((write) => write.references.map((reference) => reference.id));
    if (references.length > 0) {
      const missing = await tx.records.missing(references);
      for (const [index, write] of writes) {
        const bad = write.references.find((reference) => missing.has(reference.id));
        if (bad !== undefined) fail(index, [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: `${bad.field}: invalid cross reference id: ${bad.id}`, fields: [bad.field] }]);
      }
    }
    return items;
  }

  /** Keeps what a before-save flow changed in `$Record`, checked again as the record's own values. */
  #keepBeforeSaveChanges(schema: OrgSchema, object: ObjectDescribe, operation: 'create' | 'update', item: Item, after: FlowRecord, fail: (index: number, errors: readonly SaveError[]) => void): void {
    const changes: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(after)) {
      if (name === 'attributes' || name === 'Id' || value === undefined) continue;
      const was = item.record[name];
      if (!valuesEqual({ value: was ?? null, dataType: undefined, isCollection: false, objectType: undefined }, { value, dataType: undefined, isCollection: false, objectType: undefined })) changes[name] = value;
    }
    if (Object.keys(changes).length === 0) return;
    let write: ValidatedWrite | undefined;
    const errors = recordErrors(() => {
      // A create is checked whole again (required fields come after all before-save flows); an update, its changes with its Id.
      const input = operation === 'create' ? { ...item.values, ...changes } : { ...changes, Id: item.prior?.Id };
      write = validateRecordWrite(schema, object.name, { ...input, attributes: { type: object.name } }, operation, { readOnlyFields: 'ignore', requiredFields: 'later' });
    });
    if (errors !== undefined || write === undefined) {
      fail(item.index, errors ?? []);
      return;
    }
    if (operation === 'create') item.values = { ...write.values };
    else Object.assign(item.values, write.values);
    item.record = { ...item.record, ...write.values };
  }

  /** Step 3: one write of the records left; a refused write fails them all and rolls the attempt back. */
  async #write(tx: StorageSession, request: SaveRequest, object: ObjectDescribe, items: readonly Item[], frame: SaveFrame, fail: (index: number, errors: readonly SaveError[]) => void): Promise<Map<number, string>> {
    const ids = new Map<number, string>();
    try {
      switch (request.operation) {
        case 'create': {
          const created = await tx.records.create(items.map((item) => ({ ...item.values, attributes: { type: object.name } })), frame.user.Id);
          items.forEach((item, i) => ids.set(item.index, created[i] as string));
          break;
        }
        case 'update':
          await tx.records.update(items.map((item) => ({ ...item.values, attributes: { type: object.name }, Id: item.prior?.Id as string })), frame.user.Id);
          for (const item of items) ids.set(item.index, item.prior?.Id as string);
          break;
        case 'delete':
          await tx.records.delete(items.map((item) => item.prior?.Id as string));
          for (const item of items) ids.set(item.index, item.prior?.Id as string);
          break;
      }
    } catch (error) {
      if (!isRequestError(error)) throw error;
      for (const item of items) fail(item.index, [saveErrorOf(error)]);
      // Roll the attempt back: on PostgreSQL the refused statement aborted it until the savepoint.
      throw new RetrySave();
    }
    return ids;
  }

  /** The records with these Ids, with every field (one query). */
  async #reread(tx: StorageSession, object: ObjectDescribe, ids: readonly string[]): Promise<Map<string, FlowRecord>> {
    const wanted = [...new Set(ids.filter((id) => id !== ''))];
    const found = new Map<string, FlowRecord>();
    if (wanted.length === 0) return found;
    let rows: FlowRecord[];
    try {
      rows = await tx.records.query({ object: object.name, filters: [{ field: 'Id', operator: 'In', value: wanted }] });
    } catch (error) {
      // Malformed Ids in the request: no record found for them.
      if (isRequestError(error)) return found;
      throw error;
    }
    for (const row of rows) found.set(normalId(row.Id), row);
    return found;
  }

  /**
   * Runs one flow's interviews for the items that meet its entry conditions, together. A failed
   * interview fails its record (and is kept for the failed-runs record); effects of the others
   * go to the outbox in this attempt's savepoint.
   */
  async #runFlow(
    tx: StorageSession,
    schema: OrgSchema,
    trigger: ActiveTrigger,
    items: readonly Item[],
    frame: SaveFrame,
    fail: (index: number, errors: readonly SaveError[]) => void,
  ): Promise<Map<Item, TriggerOutcome>> {
    const outcomes = new Map<Item, TriggerOutcome>();
    const chosen: Item[] = [];
    if (items.length === 0) return outcomes;
    const base = await frame.context();
    for (const item of items) {
      const context: StepContext = { ...base, record: item.record, recordPrior: item.prior };
      try {
        if (meetsEntryConditions(trigger.flow, context)) chosen.push(item);
      } catch (error) {
        if (!(error instanceof FlowFault)) throw error;
        const fault = error.toFault('start');
        fail(item.index, faultErrors(trigger, fault));
        frame.failures.push({ trigger, fault, recordId: typeof item.record.Id === 'string' ? item.record.Id : null, userId: frame.user.Id });
      }
    }
    if (chosen.length === 0) return outcomes;
    const flows = new InterviewFlows(trigger.flow, this.#flows, tx);
    const inputs: TriggerInput[] = chosen.map((item) => ({ record: item.record, prior: item.prior }));
    const results = await runTriggeredInterviews(
      inputs,
      {
        records: (requests) => answerRecordRequests(requests, { records: tx.records, schema, save: (nested) => this.run(tx, nested, frame) }),
        actions: this.#actions.portFor({ userId: frame.user.Id, now: frame.now.toISOString() }),
        flows,
        faults: runFaultPolicy,
      },
      base,
    );
    const effects: Effect[] = [];
    chosen.forEach((item, i) => {
      const outcome = results[i] as TriggerOutcome;
      outcomes.set(item, outcome);
      if (outcome.kind === 'failed') {
        fail(item.index, faultErrors(trigger, outcome.fault));
        frame.failures.push({ trigger, fault: outcome.fault, recordId: typeof item.record.Id === 'string' ? item.record.Id : null, userId: frame.user.Id });
      } else {
        effects.push(...outcome.effects);
      }
    });
    if (effects.length > 0) await enqueueEffects(tx, effects, null, { userEmail: frame.user.Email });
    return outcomes;
  }
}

/**
 * A flow's update without the fields it gives unchanged: a flow that writes back a record it
 * read with all its fields (Update Records of a Get Records collection) changes only what
 * differs, and a value the store holds is not checked again — Eddy's org may hold a null where
 * Salesforce defaults a value it cannot default (a non-nillable `BusinessHoursId`).
 */
function unchangedDropped(input: FlowRecord, prior: FlowRecord | undefined): FlowRecord {
  if (prior === undefined) return input;
  const kept: FlowRecord = { attributes: input.attributes };
  for (const [name, value] of Object.entries(input)) {
    if (name === 'attributes') continue;
    if (name !== 'Id' && Object.hasOwn(prior, name) && JSON.stringify(prior[name] ?? null) === JSON.stringify(value ?? null)) continue;
    kept[name] = value;
  }
  return kept;
}

/** An Id as the store returns it (18 characters) for map keys; '' for none. */
function normalId(id: FlowValue | undefined): string {
  if (typeof id !== 'string') return '';
  return isValidId(id) ? parseId(id) : id;
}

/** The statuses a save error may carry (for documentation and tests). */
export type SaveStatusCode = RequestErrorCode;
