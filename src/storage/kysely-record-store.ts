/**
 * Records of business objects in the generic `records` table: type-checked creates and updates
 * (`record-validation.ts`), soft deletes, queries compiled by `record-query.ts`. System objects
 * (User, FlowInterview, ...) are readable here but written through their own ports.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { FlowRecord, FlowValue, JsonValue } from '../engine/index.js';
import { DEFAULT_BUSINESS_HOURS_QUERY, EntityIsDeletedError, newContentDocument, startsContentDocument, InvalidCrossReferenceKeyError, InvalidOperationError, InvalidTypeError, isValidId, MissingArgumentError, needsDefaultBusinessHours, newId, NotFoundError, parseId, systemDefaultsOnCreate, validateRecordWrite } from '../runtime/index.js';
import type { ObjectDescribe, OrgSchema, RecordFilterQuery, RecordQuery, RecordStore, RecordWriteOptions, ReferenceCheck, SchemaStore, ValidatedWrite } from '../runtime/index.js';
import type { Database } from './database-schema.js';
import { RECORD_COLUMNS, sourceOf } from './object-sources.js';
import { selectRecordIds, selectRecords } from './record-query.js';
import { formatAutonumber, nextAutonumber, parseJson } from './sql-helpers.js';
import type { StoreContext } from './store-context.js';

/** Objects whose read-only `Name` is "FirstName LastName". */
const PERSON_NAMED: ReadonlySet<string> = new Set(['Contact', 'Lead']);
const DEFAULT_AUTONUMBER_FORMAT = '{00000000}';

function objectNameOf(record: FlowRecord): string {
  const type = record.attributes?.type;
  if (typeof type !== 'string' || type === '') throw new MissingArgumentError('Each record needs attributes.type (its object).', ['attributes']);
  return type;
}

function personName(data: Readonly<Record<string, JsonValue>>): string {
  return [data.FirstName, data.LastName].filter((p) => typeof p === 'string' && p !== '').join(' ');
}

/** {@link RecordStore} on Kysely. */
export class KyselyRecordStore implements RecordStore {
  readonly #ctx: StoreContext;
  readonly #schemas: SchemaStore;

  constructor(ctx: StoreContext, schemas: SchemaStore) {
    this.#ctx = ctx;
    this.#schemas = schemas;
  }

  schema(): Promise<OrgSchema> {
    return this.#schemas.load();
  }

  async query(query: RecordQuery): Promise<FlowRecord[]> {
    return selectRecords(this.#ctx.db, await this.schema(), query, this.#ctx.dialect);
  }

  async getById(id: string, fields?: readonly string[]): Promise<FlowRecord | undefined> {
    if (!isValidId(id)) return undefined;
    const schema = await this.schema();
    const object = schema.objectForId(id);
    if (!object || !object.fields.some((f) => f.name === 'Id')) return undefined;
    const [record] = await selectRecords(this.#ctx.db, schema, { object: object.name, filters: [{ field: 'Id', operator: 'EqualTo', value: parseId(id) }], fields, limit: 1 }, this.#ctx.dialect);
    return record;
  }

  async exists(id: string): Promise<boolean> {
    return existsIn(this.#ctx.db, await this.schema(), id);
  }

  async create(records: readonly FlowRecord[], actorId: string, options: RecordWriteOptions = {}): Promise<string[]> {
    const schema = await this.schema();
    const writes = records.map((record) => this.#validate(schema, record, 'create', options));
    return this.#ctx.atomic(async (db) => {
      await checkReferences(db, schema, writes.flatMap((w) => w.references));
      const now = this.#ctx.now();
      const ids: string[] = [];
      const defaultBusinessHoursId = writes.some((w) => needsDefaultBusinessHours(w.object, w.values)) ? (await selectRecordIds(db, schema, DEFAULT_BUSINESS_HOURS_QUERY, this.#ctx.dialect))[0] : undefined;
      for (const write of writes) {
        const { object } = write;
        if (!object.keyPrefix) throw new InvalidTypeError(`${object.name} has no key prefix.`);
        const id = newId(object.keyPrefix);
        const data: Record<string, JsonValue> = {};
        const values = { ...write.values, ...systemDefaultsOnCreate(object, write.values, { userId: actorId, defaultBusinessHoursId }) };
        for (const [name, value] of Object.entries(values)) if (!RECORD_COLUMNS.has(name)) data[name] = value;
        for (const field of object.fields) {
          if (field.autoNumber) {
            const n = await nextAutonumber(db, `${object.name}.${field.name}`);
            data[field.name] = formatAutonumber(field.displayFormat ?? DEFAULT_AUTONUMBER_FORMAT, n, now);
          }
        }
        if (PERSON_NAMED.has(object.name)) data.Name = personName(data);
        const ownerId = object.fields.some((f) => f.name === 'OwnerId') ? ((write.values.OwnerId as string | null | undefined) ?? actorId) : null;
        if (startsContentDocument(object.name, data)) {
          // A new file: the system creates its ContentDocument (content-versions.ts).
          const file = newContentDocument(data, id);
          const documentId = newId(schema.describeOrThrow('ContentDocument').keyPrefix ?? '069');
          Object.assign(data, file.version, { ContentDocumentId: documentId });
          await insertRow(db, documentId, 'ContentDocument', ownerId, file.document, actorId, now);
          if (file.link) await insertRow(db, newId(schema.describeOrThrow('ContentDocumentLink').keyPrefix ?? '06A'), 'ContentDocumentLink', null, { ...file.link, ContentDocumentId: documentId }, actorId, now);
        }
        await insertRow(db, id, object.name, ownerId, data, actorId, now);
        ids.push(id);
      }
      return ids;
    });
  }

  async update(records: readonly FlowRecord[], actorId: string, options: RecordWriteOptions = {}): Promise<void> {
    const schema = await this.schema();
    const writes = records.map((record) => this.#validate(schema, record, 'update', options));
    await this.#ctx.atomic((db) => this.#updateIn(db, schema, writes, actorId));
  }

  async updateWhere(query: RecordFilterQuery, values: Readonly<Record<string, FlowValue>>, actorId: string): Promise<number> {
    const schema = await this.schema();
    const object = schema.describeOrThrow(query.object);
    this.#assertStoredInRecords(object);
    return this.#ctx.atomic(async (db) => {
      const ids = await selectRecordIds(db, schema, query, this.#ctx.dialect);
      const writes = ids.map((Id) => this.#validate(schema, { ...values, attributes: { type: object.name }, Id }, 'update', {}));
      await this.#updateIn(db, schema, writes, actorId);
      return ids.length;
    });
  }

  async delete(ids: readonly string[]): Promise<void> {
    const normalized = ids.map((id) => parseId(id, 'Id'));
    const schema = await this.schema();
    await this.#ctx.atomic((db) => this.#deleteIn(db, schema, normalized));
  }

  async deleteWhere(query: RecordFilterQuery): Promise<number> {
    const schema = await this.schema();
    this.#assertStoredInRecords(schema.describeOrThrow(query.object));
    return this.#ctx.atomic(async (db) => {
      const ids = await selectRecordIds(db, schema, query, this.#ctx.dialect);
      await this.#deleteIn(db, schema, ids);
      return ids.length;
    });
  }

  #validate(schema: OrgSchema, record: FlowRecord, mode: 'create' | 'update', options: RecordWriteOptions): ValidatedWrite {
    this.#assertStoredInRecords(schema.describeOrThrow(objectNameOf(record)));
    return validateRecordWrite(schema, objectNameOf(record), record, mode, { readOnlyFields: options.readOnlyFields ?? 'ignore' });
  }

  async #updateIn(db: Kysely<Database>, schema: OrgSchema, writes: readonly ValidatedWrite[], actorId: string): Promise<void> {
    await checkReferences(db, schema, writes.flatMap((w) => w.references));
    const now = this.#ctx.now();
    for (const write of writes) {
      const id = write.id as string;
      const row = await db.selectFrom('records').select(['Id', 'object_type', 'IsDeleted', 'data', 'OwnerId']).where('Id', '=', id).executeTakeFirst();
      if (!row || row.object_type !== write.object.name) throw new InvalidCrossReferenceKeyError(`invalid cross reference id: ${id}`, ['Id']);
      if (row.IsDeleted) throw new EntityIsDeletedError(`entity is deleted: ${id}`, ['Id']);
      const data = { ...parseJson<Record<string, JsonValue>>(row.data) };
      for (const [name, value] of Object.entries(write.values)) if (!RECORD_COLUMNS.has(name)) data[name] = value;
      if (PERSON_NAMED.has(write.object.name)) data.Name = personName(data);
      const ownerId = write.values.OwnerId;
      await db
        .updateTable('records')
        .set({
          data: JSON.stringify(data),
          ...(typeof ownerId === 'string' ? { OwnerId: ownerId } : {}),
          LastModifiedDate: now,
          LastModifiedById: actorId,
          SystemModstamp: now,
        })
        .where('Id', '=', id)
        .execute();
    }
  }

  async #deleteIn(db: Kysely<Database>, schema: OrgSchema, ids: readonly string[]): Promise<void> {
    const now = this.#ctx.now();
    for (const id of ids) {
      const row = await db.selectFrom('records').select(['IsDeleted']).where('Id', '=', id).executeTakeFirst();
      if (!row) {
        const object = schema.objectForId(id);
        if (object && object.storage !== 'records') throw new InvalidOperationError(`${object.name} records cannot be deleted as records.`, ['Id']);
        throw new NotFoundError(`No record with Id ${id}.`, ['Id']);
      }
      if (row.IsDeleted) throw new EntityIsDeletedError(`entity is deleted: ${id}`, ['Id']);
      await db.updateTable('records').set({ IsDeleted: 1, SystemModstamp: now }).where('Id', '=', id).execute();
    }
  }

  #assertStoredInRecords(object: ObjectDescribe): void {
    if (object.storage !== 'records') throw new InvalidOperationError(`${object.name} records are not written through the record store.`);
  }

}

/** Inserts one row of the `records` table, created by `actorId` at `now`. */
async function insertRow(db: Kysely<Database>, id: string, objectType: string, ownerId: string | null, data: Readonly<Record<string, JsonValue>>, actorId: string, now: string): Promise<void> {
  await db
    .insertInto('records')
    .values({
      Id: id, object_type: objectType, OwnerId: ownerId, data: JSON.stringify(data),
      CreatedDate: now, CreatedById: actorId, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now, IsDeleted: 0,
    })
    .execute();
}

/** Every referenced record must exist (`INVALID_CROSS_REFERENCE_KEY`). */
async function checkReferences(db: Kysely<Database>, schema: OrgSchema, references: readonly ReferenceCheck[]): Promise<void> {
  const seen = new Set<string>();
  for (const reference of references) {
    if (seen.has(reference.id)) continue;
    seen.add(reference.id);
    if (!(await existsIn(db, schema, reference.id))) {
      throw new InvalidCrossReferenceKeyError(`${reference.field}: invalid cross reference id: ${reference.id}`, [reference.field]);
    }
  }
}

/** Whether `id` names an existing, undeleted row of any object. */
export async function existsIn(db: Kysely<Database>, schema: OrgSchema, id: string): Promise<boolean> {
  if (!isValidId(id)) return false;
  const fullId = parseId(id);
  const object = schema.objectForId(fullId);
  if (!object) return false;
  const source = sourceOf(object);
  const statement =
    source.kind === 'records'
      ? sql<{ found: number }>`select 1 as found from records where ${sql.ref('Id')} = ${fullId} and ${sql.ref('IsDeleted')} = 0 and object_type = ${object.name}`
      : sql<{ found: number }>`select 1 as found from ${source.from} where ${sql.ref('Id')} = ${fullId}`;
  const { rows } = await statement.execute(db);
  return rows.length > 0;
}
