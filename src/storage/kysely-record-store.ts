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
import { addToAutonumber, chunks, formatAutonumber, parseJson } from './sql-helpers.js';
import type { StoreContext } from './store-context.js';

/** Objects whose read-only `Name` is "FirstName LastName". */
const PERSON_NAMED: ReadonlySet<string> = new Set(['Contact', 'Lead']);
const DEFAULT_AUTONUMBER_FORMAT = '{00000000}';
/** Rows per multi-row INSERT (11 parameters a row, well under both drivers' limits). */
const WRITE_CHUNK = 500;
/** Ids per `IN` list. */
const READ_CHUNK = 1000;

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

  async missing(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    return missingIds(this.#ctx.db, await this.schema(), ids);
  }

  async create(records: readonly FlowRecord[], actorId: string, options: RecordWriteOptions = {}): Promise<string[]> {
    const schema = await this.schema();
    const writes = records.map((record) => this.#validate(schema, record, 'create', options));
    if (writes.length === 0) return [];
    return this.#ctx.atomic(async (db) => {
      await checkReferences(db, schema, writes.flatMap((w) => w.references));
      const now = this.#ctx.now();
      const defaultBusinessHoursId = writes.some((w) => needsDefaultBusinessHours(w.object, w.values)) ? (await selectRecordIds(db, schema, DEFAULT_BUSINESS_HOURS_QUERY, this.#ctx.dialect))[0] : undefined;
      const numbers = await reserveAutonumbers(db, writes);
      const row = (id: string, objectType: string, ownerId: string | null, data: Readonly<Record<string, JsonValue>>) => ({
        Id: id, object_type: objectType, OwnerId: ownerId, data: JSON.stringify(data),
        CreatedDate: now, CreatedById: actorId, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now, IsDeleted: 0,
      });
      // Rows the system creates beside the records asked for (a new file's ContentDocument and link).
      const companions: ReturnType<typeof row>[] = [];
      const rows = writes.map((write, index) => {
        const { object } = write;
        if (!object.keyPrefix) throw new InvalidTypeError(`${object.name} has no key prefix.`);
        const id = newId(object.keyPrefix);
        const data: Record<string, JsonValue> = {};
        const values = { ...write.values, ...systemDefaultsOnCreate(object, write.values, { userId: actorId, defaultBusinessHoursId }) };
        for (const [name, value] of Object.entries(values)) if (!RECORD_COLUMNS.has(name)) data[name] = value;
        for (const field of object.fields) {
          const n = numbers.get(`${object.name}.${field.name}`)?.[index];
          if (field.autoNumber && n !== undefined) data[field.name] = formatAutonumber(field.displayFormat ?? DEFAULT_AUTONUMBER_FORMAT, n, now);
        }
        if (PERSON_NAMED.has(object.name)) data.Name = personName(data);
        const ownerId = object.fields.some((f) => f.name === 'OwnerId') ? ((write.values.OwnerId as string | null | undefined) ?? actorId) : null;
        if (startsContentDocument(object.name, data)) {
          // A new file: the system creates its ContentDocument (content-versions.ts).
          const file = newContentDocument(data, id);
          const documentId = newId(schema.describeOrThrow('ContentDocument').keyPrefix ?? '069');
          Object.assign(data, file.version, { ContentDocumentId: documentId });
          companions.push(row(documentId, 'ContentDocument', ownerId, file.document));
          if (file.link) companions.push(row(newId(schema.describeOrThrow('ContentDocumentLink').keyPrefix ?? '06A'), 'ContentDocumentLink', null, { ...file.link, ContentDocumentId: documentId }));
        }
        return row(id, object.name, ownerId, data);
      });
      // One multi-row statement per chunk: a batch of 200 is one INSERT, whatever its size.
      for (const chunk of chunks([...companions, ...rows], WRITE_CHUNK)) await db.insertInto('records').values(chunk).execute();
      return rows.map((r) => r.Id);
    });
  }

  async update(records: readonly FlowRecord[], actorId: string, options: RecordWriteOptions = {}): Promise<void> {
    const schema = await this.schema();
    const writes = records.map((record) => this.#validate(schema, record, 'update', options));
    if (writes.length === 0) return;
    await this.#ctx.atomic((db) => this.#updateIn(db, schema, writes, actorId));
  }

  async updateWhere(query: RecordFilterQuery, values: Readonly<Record<string, FlowValue>>, actorId: string): Promise<number> {
    const schema = await this.schema();
    const object = schema.describeOrThrow(query.object);
    this.#assertStoredInRecords(object);
    return this.#ctx.atomic(async (db) => {
      const ids = await selectRecordIds(db, schema, query, this.#ctx.dialect);
      const writes = ids.map((Id) => this.#validate(schema, { ...values, attributes: { type: object.name }, Id }, 'update', {}));
      if (writes.length > 0) await this.#updateIn(db, schema, writes, actorId);
      return ids.length;
    });
  }

  async delete(ids: readonly string[]): Promise<void> {
    const normalized = ids.map((id) => parseId(id, 'Id'));
    if (normalized.length === 0) return;
    const schema = await this.schema();
    await this.#ctx.atomic((db) => this.#deleteIn(db, schema, normalized));
  }

  async deleteWhere(query: RecordFilterQuery): Promise<number> {
    const schema = await this.schema();
    this.#assertStoredInRecords(schema.describeOrThrow(query.object));
    return this.#ctx.atomic(async (db) => {
      const ids = await selectRecordIds(db, schema, query, this.#ctx.dialect);
      if (ids.length > 0) await this.#deleteIn(db, schema, ids);
      return ids.length;
    });
  }

  #validate(schema: OrgSchema, record: FlowRecord, mode: 'create' | 'update', options: RecordWriteOptions): ValidatedWrite {
    this.#assertStoredInRecords(schema.describeOrThrow(objectNameOf(record)));
    return validateRecordWrite(schema, objectNameOf(record), record, mode, { readOnlyFields: options.readOnlyFields ?? 'ignore' });
  }

  /**
   * Updates the records in a constant number of statements: one read of every row (`IN`), one
   * upsert of the new rows (`ON CONFLICT (Id) DO UPDATE`). An Id given twice is written once,
   * with the later values over the earlier ones.
   */
  async #updateIn(db: Kysely<Database>, schema: OrgSchema, writes: readonly ValidatedWrite[], actorId: string): Promise<void> {
    await checkReferences(db, schema, writes.flatMap((w) => w.references));
    const now = this.#ctx.now();
    const ids = [...new Set(writes.map((write) => write.id as string))];
    const rows = new Map<string, { Id: string; object_type: string; IsDeleted: number; data: unknown; OwnerId: string | null; CreatedDate: string; CreatedById: string }>();
    for (const chunk of chunks(ids, READ_CHUNK)) {
      const found = await db.selectFrom('records').select(['Id', 'object_type', 'IsDeleted', 'data', 'OwnerId', 'CreatedDate', 'CreatedById']).where('Id', 'in', chunk).execute();
      for (const row of found) rows.set(row.Id, { ...row, IsDeleted: Number(row.IsDeleted) });
    }
    const next = new Map<string, { data: Record<string, JsonValue>; OwnerId: string | null; object_type: string; CreatedDate: string; CreatedById: string }>();
    for (const write of writes) {
      const id = write.id as string;
      const row = rows.get(id);
      if (!row || row.object_type !== write.object.name) throw new InvalidCrossReferenceKeyError(`invalid cross reference id: ${id}`, ['Id']);
      if (row.IsDeleted) throw new EntityIsDeletedError(`entity is deleted: ${id}`, ['Id']);
      const current = next.get(id) ?? { data: { ...parseJson<Record<string, JsonValue>>(row.data) }, OwnerId: row.OwnerId, object_type: row.object_type, CreatedDate: row.CreatedDate, CreatedById: row.CreatedById };
      for (const [name, value] of Object.entries(write.values)) if (!RECORD_COLUMNS.has(name)) current.data[name] = value;
      if (PERSON_NAMED.has(write.object.name)) current.data.Name = personName(current.data);
      const ownerId = write.values.OwnerId;
      if (typeof ownerId === 'string') current.OwnerId = ownerId;
      next.set(id, current);
    }
    const values = [...next].map(([Id, row]) => ({
      Id, object_type: row.object_type, OwnerId: row.OwnerId, data: JSON.stringify(row.data),
      CreatedDate: row.CreatedDate, CreatedById: row.CreatedById, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now, IsDeleted: 0,
    }));
    for (const chunk of chunks(values, WRITE_CHUNK)) {
      await db
        .insertInto('records')
        .values(chunk)
        .onConflict((oc) =>
          oc.column('Id').doUpdateSet((eb) => ({
            data: eb.ref('excluded.data'),
            OwnerId: eb.ref('excluded.OwnerId'),
            LastModifiedDate: eb.ref('excluded.LastModifiedDate'),
            LastModifiedById: eb.ref('excluded.LastModifiedById'),
            SystemModstamp: eb.ref('excluded.SystemModstamp'),
          })),
        )
        .execute();
    }
  }

  /** Soft-deletes the records in a constant number of statements: one read (`IN`), one update (`IN`). */
  async #deleteIn(db: Kysely<Database>, schema: OrgSchema, ids: readonly string[]): Promise<void> {
    const now = this.#ctx.now();
    const unique = [...new Set(ids)];
    const deleted = new Map<string, boolean>();
    for (const chunk of chunks(unique, READ_CHUNK)) {
      for (const row of await db.selectFrom('records').select(['Id', 'IsDeleted']).where('Id', 'in', chunk).execute()) deleted.set(row.Id, Boolean(Number(row.IsDeleted)));
    }
    for (const id of unique) {
      const isDeleted = deleted.get(id);
      if (isDeleted === undefined) {
        const object = schema.objectForId(id);
        if (object && object.storage !== 'records') throw new InvalidOperationError(`${object.name} records cannot be deleted as records.`, ['Id']);
        throw new NotFoundError(`No record with Id ${id}.`, ['Id']);
      }
      if (isDeleted) throw new EntityIsDeletedError(`entity is deleted: ${id}`, ['Id']);
    }
    for (const chunk of chunks(unique, READ_CHUNK)) await db.updateTable('records').set({ IsDeleted: 1, SystemModstamp: now }).where('Id', 'in', chunk).execute();
  }

  #assertStoredInRecords(object: ObjectDescribe): void {
    if (object.storage !== 'records') throw new InvalidOperationError(`${object.name} records are not written through the record store.`);
  }

}

/** Every referenced record must exist (`INVALID_CROSS_REFERENCE_KEY`): one query per table referenced, whatever the number of records. */
async function checkReferences(db: Kysely<Database>, schema: OrgSchema, references: readonly ReferenceCheck[]): Promise<void> {
  const missing = await missingIds(db, schema, references.map((reference) => reference.id));
  const first = references.find((reference) => missing.has(reference.id));
  if (first !== undefined) throw new InvalidCrossReferenceKeyError(`${first.field}: invalid cross reference id: ${first.id}`, [first.field]);
}

/** Which of `ids` name no existing, undeleted record: one query per table they point into. */
export async function missingIds(db: Kysely<Database>, schema: OrgSchema, ids: readonly string[]): Promise<Set<string>> {
  const missing = new Set<string>();
  const bySource = new Map<string, { source: ReturnType<typeof sourceOf>; object: string; ids: string[] }[]>();
  for (const id of new Set(ids)) {
    const object = isValidId(id) ? schema.objectForId(parseId(id)) : undefined;
    if (!object) {
      missing.add(id);
      continue;
    }
    const source = sourceOf(object);
    const key = source.kind === 'records' ? 'records' : source.table;
    const groups = bySource.get(key) ?? [];
    let group = groups.find((g) => g.object === object.name);
    if (group === undefined) {
      group = { source, object: object.name, ids: [] };
      groups.push(group);
    }
    group.ids.push(id);
    bySource.set(key, groups);
  }
  for (const [key, groups] of bySource) {
    const all = groups.flatMap((group) => group.ids);
    const objectOf = new Map(groups.flatMap((group) => group.ids.map((id) => [parseId(id), group.object] as const)));
    const found = new Set<string>();
    for (const chunk of chunks(all.map((id) => parseId(id)), READ_CHUNK)) {
      const list = sql.join(chunk.map((id) => sql`${id}`));
      const first = groups[0];
      if (first === undefined) continue;
      const statement =
        key === 'records'
          ? sql<{ Id: string; object_type: string }>`select ${sql.ref('Id')}, object_type from records where ${sql.ref('Id')} in (${list}) and ${sql.ref('IsDeleted')} = 0`
          : sql<{ Id: string; object_type: string }>`select ${sql.ref('Id')}, '' as object_type from ${first.source.from} where ${sql.ref('Id')} in (${list})`;
      const { rows } = await statement.execute(db);
      for (const row of rows) if (key !== 'records' || objectOf.get(row.Id) === row.object_type) found.add(row.Id);
    }
    for (const id of all) if (!found.has(parseId(id))) missing.add(id);
  }
  return missing;
}

/**
 * Reserves the auto-numbers of a batch of creates: one statement per auto-number field, however
 * many records. Returns, by `Object.Field`, each write's number (by its index).
 */
async function reserveAutonumbers(db: Kysely<Database>, writes: readonly ValidatedWrite[]): Promise<Map<string, (number | undefined)[]>> {
  const reserved = new Map<string, (number | undefined)[]>();
  const counts = new Map<string, number[]>();
  writes.forEach((write, index) => {
    for (const field of write.object.fields) {
      if (!field.autoNumber) continue;
      const key = `${write.object.name}.${field.name}`;
      counts.set(key, [...(counts.get(key) ?? []), index]);
    }
  });
  for (const [key, indexes] of counts) {
    const last = await addToAutonumber(db, key, indexes.length);
    const numbers: (number | undefined)[] = [];
    indexes.forEach((index, position) => {
      numbers[index] = last - indexes.length + 1 + position;
    });
    reserved.set(key, numbers);
  }
  return reserved;
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
