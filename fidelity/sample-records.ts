/**
 * Records a flow needs before it can run as a user would run it: the record a screen flow is
 * launched from (`recordId`), the record an autolaunched flow gets as an sObject input, the
 * record a lookup field points to. One record per object per org, created on first use with a
 * plausible value in every required field (a required lookup gets its own sample record).
 */
import type { FieldDescribe, OrgSchema, Storage } from '../src/runtime/index.js';
import type { FlowRecord } from '../src/engine/index.js';

/** Why a sample record cannot be made: the object is not in the org's describe. */
export class UnknownObjectError extends Error {
  readonly object: string;

  constructor(object: string) {
    super(`sObject type '${object}' is not supported.`);
    this.name = 'UnknownObjectError';
    this.object = object;
  }
}

/** Today's date, `YYYY-MM-DD`, in UTC. */
export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** A plausible value for a required field of a sample record, or undefined when it needs a record (a reference). */
function plausibleFieldValue(field: FieldDescribe, now: Date): string | number | boolean | undefined {
  switch (field.type) {
    case 'email':
      return 'fidelity@example.com';
    case 'phone':
      return '+1 415 555 0100';
    case 'url':
      return 'https://example.com';
    case 'picklist':
    case 'multipicklist':
    case 'combobox':
      return field.picklistValues.find((value) => value.active)?.value ?? 'Fidelity';
    case 'boolean':
      return false;
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return 1;
    case 'date':
      return today(now);
    case 'datetime':
      return now.toISOString();
    case 'time':
      return '12:00:00.000Z';
    case 'reference':
    case 'id':
      return undefined;
    case 'string':
    case 'textarea':
    case 'encryptedstring':
      return `Fidelity ${field.label}`.slice(0, Math.max(1, field.length || 80));
  }
}

/** Sample records of one org, one per object, created on first use. */
export class SampleRecords {
  readonly #storage: Storage;
  readonly #actorId: string;
  readonly #now: Date;
  readonly #ids = new Map<string, Promise<string>>();
  #schema: OrgSchema | undefined;

  constructor(storage: Storage, actorId: string, now: Date) {
    this.#storage = storage;
    this.#actorId = actorId;
    this.#now = now;
  }

  async schema(): Promise<OrgSchema> {
    this.#schema ??= await this.#storage.schema.load();
    return this.#schema;
  }

  /** The Id of the sample record of `object` (created now when there is none); throws {@link UnknownObjectError}. */
  idOf(object: string, depth = 0): Promise<string> {
    const key = object.toLowerCase();
    // Users are not records a flow's user creates: the running administrator stands for any user.
    if (key === 'user') return Promise.resolve(this.#actorId);
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#create(object, depth);
      this.#ids.set(key, id);
      // A failed creation is not cached: the next caller sees the same error afresh.
      id.catch(() => this.#ids.delete(key));
    }
    return id;
  }

  /** The sample record of `object` with every field, as a flow sees a record it was given. */
  async recordOf(object: string): Promise<FlowRecord> {
    const id = await this.idOf(object);
    const record = await this.#storage.records.getById(id);
    if (record === undefined) throw new Error(`The sample ${object} ${id} disappeared.`);
    return record;
  }

  /** A record of `object` not saved yet (no Id), with its required fields filled: what a caller passes to a flow that creates it. */
  async newRecordOf(object: string): Promise<FlowRecord> {
    const { type, values } = await this.#values(object, 0);
    return { attributes: { type }, ...values } as FlowRecord;
  }

  async #values(object: string, depth: number): Promise<{ readonly type: string; readonly values: Record<string, unknown> }> {
    const schema = await this.schema();
    const describe = schema.describe(object);
    if (describe === undefined) throw new UnknownObjectError(object);
    const values: Record<string, unknown> = {};
    for (const field of describe.fields) {
      if (!field.createable || field.nillable || field.defaultedOnCreate || field.defaultValue !== null) continue;
      const value = plausibleFieldValue(field, this.#now);
      if (value !== undefined) values[field.name] = value;
      else if (field.type === 'reference' && depth < 3) {
        const target = field.referenceTo.find((name) => name !== describe.name && schema.describe(name) !== undefined);
        if (target !== undefined) values[field.name] = await this.idOf(target, depth + 1);
      }
    }
    // Name-like fields a user always fills, when the object has them and they are writable.
    for (const name of ['Name', 'LastName', 'Subject', 'Title']) {
      const field = schema.field(describe.name, name);
      if (field !== undefined && field.createable && values[field.name] === undefined) values[field.name] = `Fidelity ${describe.label}`;
    }
    return { type: describe.name, values };
  }

  /** Groups are the directory's: a public group stands for any group. */
  async #group(): Promise<string> {
    const group = await this.#storage.directory.createGroup({ Name: 'Fidelity Group', DeveloperName: 'Fidelity_Group', Type: 'Regular' }, this.#actorId);
    return group.Id;
  }

  async #create(object: string, depth: number): Promise<string> {
    if (object.toLowerCase() === 'group') return this.#group();
    const { type, values } = await this.#values(object, depth);
    const [id] = await this.#storage.records.create([{ attributes: { type }, ...values } as FlowRecord], this.#actorId);
    if (id === undefined) throw new Error(`Creating a sample ${type} returned no Id.`);
    return id;
  }
}
