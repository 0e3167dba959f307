/**
 * sObject Collections (`/composite/sobjects`, REST API v42+): create, update and delete up to 200
 * records in one call, and retrieve up to 200 by Id. Every write goes through the runtime's save
 * pipeline (`docs/triggers.md`) in ONE transaction: consecutive records of one type are one chunk
 * and one `save` (so a record-triggered flow runs once per chunk, bulkified), with `allOrNone`
 * false (the default) each record its own group (partial save), true one group for the whole
 * call (any failure rolls everything back; the valid records answer
 * `ALL_OR_NONE_OPERATION_ROLLED_BACK`). The answer is 200 with one `{ id, success, errors }` per
 * record, in request order. Only business objects (`storage: 'records'`) are written, as the
 * single-record routes do; a record of another or unknown type fails alone with `INVALID_TYPE`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FlowRecord, JsonValue } from '../../engine/index.js';
import { ExceededIdLimitError, InvalidApiInputError, InvalidFieldError, isValidId, LimitExceededError, MissingArgumentError, parseId } from '../../runtime/index.js';
import type { ObjectDescribe, OrgSchema, SaveError, SaveOperation, SaveResult, SaveUnit } from '../../runtime/index.js';
import { actorOf } from '../auth/authenticate.js';
import { HttpError, notFound } from '../http-errors.js';
import { paramsOf, queryOf, resource } from '../resource.js';
import type { ServerContext } from '../server-context.js';
import { apiVersionOf } from '../versioned-api.js';
import { restRecord } from './sobject-routes.js';

/** Records or Ids one call takes. */
export const MAX_COLLECTION_RECORDS = 200;
/** Chunks (runs of consecutive records of one type) one call takes. */
export const MAX_CHUNKS = 10;

const ROLLED_BACK: SaveError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

/** One record of a collection call, checked: its object and what the pipeline saves. */
interface Entry {
  readonly index: number;
  readonly object: string;
  readonly operation: SaveOperation;
  readonly record: FlowRecord;
}

/** A collection write: one result per record, in order, or a per-record error found before saving. */
export interface CollectionWrite {
  readonly allOrNone: boolean;
  /** `consecutive` (default): a chunk per run of one type, as Salesforce; `byOperation`: an upsert's creates, then its updates. */
  readonly chunks?: 'consecutive' | 'byOperation';
  /** Each record: what to save, or its error. */
  readonly entries: readonly (Entry | SaveError)[];
}

function typeError(message: string): SaveError {
  return { statusCode: 'INVALID_TYPE', message, fields: [] };
}

/** The business object named `type` (case-insensitive), or the record's error. */
function businessObject(schema: OrgSchema, type: unknown, operation: SaveOperation): ObjectDescribe | SaveError {
  if (typeof type !== 'string' || type === '') return typeError('Each record needs attributes.type: the sObject type.');
  const object = schema.describe(type);
  if (object === undefined) return typeError(`sObject type '${type}' is not supported.`);
  if (object.storage !== 'records') return typeError(`sObject type '${object.name}' cannot be written through sObject Collections: use /sobjects/${object.name}.`);
  if (operation === 'delete' && !object.deletable) return typeError(`entity type cannot be deleted: ${object.name}`);
  return object;
}

/** `allOrNone` of a body or query: a boolean, or `"true"`/`"false"`; default false. */
export function allOrNoneOf(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new InvalidApiInputError('allOrNone must be true or false.', ['allOrNone']);
}

function tooMany(): ExceededIdLimitError {
  return new ExceededIdLimitError(`record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`);
}

/** The `{ allOrNone, records }` body of a create or update, checked record by record. */
export function parseRecordsBody(body: unknown, schema: OrgSchema, operation: 'create' | 'update'): CollectionWrite {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HttpError('JSON_PARSER_ERROR', 'The body must be a JSON object with a records array.');
  const { allOrNone, records } = body as { allOrNone?: unknown; records?: unknown };
  if (!Array.isArray(records)) throw new InvalidApiInputError('records must be an array of records.', ['records']);
  if (records.length > MAX_COLLECTION_RECORDS) throw tooMany();
  const entries = records.map((raw: unknown, index): Entry | SaveError => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { statusCode: 'INVALID_API_INPUT', message: 'Each record must be a JSON object.', fields: [] };
    const { attributes, id, Id, ...fields } = raw as Record<string, unknown>;
    const object = businessObject(schema, (attributes as { type?: unknown } | null | undefined)?.type, operation);
    if ('statusCode' in object) return object;
    const given = Id ?? id;
    if (operation === 'update') {
      if (given === undefined || given === null || given === '') return { statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] };
      return { index, object: object.name, operation, record: { ...fields, attributes: { type: object.name }, Id: given } as FlowRecord };
    }
    // A create with an Id: the pipeline refuses it as the single-record route does.
    return { index, object: object.name, operation, record: { ...fields, ...(given === undefined ? {} : { Id: given }), attributes: { type: object.name } } as FlowRecord };
  });
  return { allOrNone: allOrNoneOf(allOrNone), entries };
}

/** `?ids=a,b&allOrNone=` of a delete, each Id's object found from its key prefix. */
export function parseDeleteQuery(query: Readonly<Record<string, string>>, schema: OrgSchema): CollectionWrite {
  const ids = (query.ids ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (ids.length === 0) throw new MissingArgumentError('ids: the Ids of the records to delete, separated by commas.', ['ids']);
  if (ids.length > MAX_COLLECTION_RECORDS) throw tooMany();
  const entries = ids.map((id, index): Entry | SaveError => {
    if (!isValidId(id)) return { statusCode: 'MALFORMED_ID', message: `malformed id ${id}`, fields: [] };
    const owner = schema.objectForId(id);
    if (owner === undefined) return { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: `invalid cross reference id: ${id}`, fields: [] };
    const object = businessObject(schema, owner.name, 'delete');
    if ('statusCode' in object) return object;
    return { index, object: object.name, operation: 'delete', record: { attributes: { type: object.name }, Id: parseId(id, 'Id') } };
  });
  return { allOrNone: allOrNoneOf(query.allOrNone), entries };
}

/** Consecutive entries of one object and operation: Salesforce's chunks, each one `save`. */
function chunksOf(entries: readonly Entry[], mode: 'consecutive' | 'byOperation'): Entry[][] {
  if (mode === 'byOperation') return [entries.filter((e) => e.operation === 'create'), entries.filter((e) => e.operation !== 'create')].filter((chunk) => chunk.length > 0);
  const chunks: Entry[][] = [];
  for (const entry of entries) {
    const last = chunks[chunks.length - 1];
    if (last !== undefined && last[0]?.object === entry.object && last[0].operation === entry.operation) last.push(entry);
    else chunks.push([entry]);
  }
  return chunks;
}

/**
 * Runs a collection write inside a unit of saves; with `allOrNone` any failure rolls the unit
 * back and every record not failed itself answers `ALL_OR_NONE_OPERATION_ROLLED_BACK`.
 */
export async function runCollectionWrite(unit: SaveUnit, write: CollectionWrite): Promise<SaveResult[]> {
  const results: (SaveResult | undefined)[] = write.entries.map((entry): SaveResult | undefined => ('statusCode' in entry ? { id: null, success: false, errors: [entry] } : undefined));
  const entries = write.entries.filter((entry): entry is Entry => !('statusCode' in entry));
  let failed = results.some((result) => result !== undefined);
  const chunks = chunksOf(entries, write.chunks ?? 'consecutive');
  if (chunks.length > MAX_CHUNKS) throw new LimitExceededError(`Cannot have more than ${MAX_CHUNKS} chunks in a single operation. Please rearrange the data to reduce chunking.`, ['records']);
  for (const chunk of chunks) {
    if (failed && write.allOrNone) break;
    const saved = await unit.save({
      operation: chunk[0]?.operation ?? 'create',
      object: chunk[0]?.object ?? '',
      records: chunk.map((entry) => entry.record),
      groups: chunk.map((_, i) => (write.allOrNone ? 0 : i)),
      readOnlyFields: 'reject',
    });
    chunk.forEach((entry, i) => {
      const result = saved[i];
      results[entry.index] = result;
      if (result !== undefined && !result.success) failed = true;
    });
  }
  if (!(failed && write.allOrNone)) return results.map((result) => result ?? { id: null, success: false, errors: [ROLLED_BACK] });
  unit.rollBack();
  return write.entries.map((entry, index): SaveResult => {
    const result = results[index];
    if (result !== undefined && !result.success && result.errors[0]?.statusCode !== 'ALL_OR_NONE_OPERATION_ROLLED_BACK') return result;
    const id = 'statusCode' in entry || entry.operation === 'create' ? null : typeof entry.record.Id === 'string' ? entry.record.Id : null;
    return { id, success: false, errors: [ROLLED_BACK] };
  });
}

/**
 * Upsert (`PATCH /composite/sobjects/{T}/{Field}`, v46+): inside the unit, finds each record's
 * match by the external Id field (or `Id`) in one query; no match is a create, one an update,
 * several `DUPLICATE_VALUE`; a value given twice in the call fails both records. Creates are one
 * chunk and updates another. Returns the write and, per record, whether it is a create.
 */
export async function resolveUpsert(unit: SaveUnit, object: ObjectDescribe, field: string, write: CollectionWrite): Promise<{ write: CollectionWrite; created: boolean[] }> {
  const keyOf = (entry: Entry): string | undefined => {
    const value = entry.record[field];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  const entries = write.entries.filter((entry): entry is Entry => !('statusCode' in entry));
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const key = keyOf(entry);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const keys = [...counts.keys()];
  const matches = new Map<string, string[]>();
  if (keys.length > 0) {
    const rows = await unit.tx.records.query({ object: object.name, filters: [{ field, operator: 'In', value: keys }], fields: [field] });
    for (const row of rows) {
      const key = String(row[field] as string | number);
      matches.set(key, [...(matches.get(key) ?? []), String(row.Id)]);
    }
  }
  const resolved = write.entries.map((entry): Entry | SaveError => {
    if ('statusCode' in entry) return entry;
    const key = keyOf(entry);
    if (key === undefined) return { statusCode: 'MISSING_ARGUMENT', message: `${field} not specified`, fields: [field] };
    if ((counts.get(key) ?? 0) > 1) return { statusCode: 'DUPLICATE_VALUE', message: `Duplicate external id specified: ${key}`, fields: [field] };
    const found = matches.get(key) ?? [];
    if (found.length > 1) return { statusCode: 'DUPLICATE_VALUE', message: `${field}: more than one record found for external id field: ${found.join(', ')}`, fields: [field] };
    const { Id: _id, ...values } = entry.record;
    if (found[0] === undefined) return { ...entry, operation: 'create', record: field === 'Id' ? (values as FlowRecord) : entry.record };
    return { ...entry, operation: 'update', record: { ...values, Id: found[0] } as FlowRecord };
  });
  const created = resolved.map((entry) => !('statusCode' in entry) && entry.operation === 'create');
  return { write: { allOrNone: write.allOrNone, entries: resolved, chunks: 'byOperation' }, created };
}

/** `ids` and `fields` of a retrieve, from the query (GET) or the body (POST). */
function retrieveArgs(request: FastifyRequest): { ids: string[]; fields: string[] } {
  const list = (value: unknown): string[] =>
    Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter((part) => part !== '') : [];
  const source = request.method === 'GET' ? queryOf(request) : ((request.body ?? {}) as Record<string, unknown>);
  return { ids: list(source.ids), fields: list(source.fields) };
}

/** Registers `/composite/sobjects` inside the versioned API. */
export function registerCollectionRoutes(api: FastifyInstance, context: ServerContext): void {
  const schemaOf = async (request: FastifyRequest): Promise<OrgSchema> => (request.actor ? request.actor.cache.schema() : context.storage.records.schema());
  const write = async (request: FastifyRequest, parsed: CollectionWrite): Promise<SaveResult[]> =>
    (await context.runtime()).saves.inTransaction(actorOf(request).userId, (unit) => runCollectionWrite(unit, parsed));

  resource(api, '/composite/sobjects/:type/:field', {
    PATCH: async (request) => {
      const schema = await schemaOf(request);
      const object = schema.describe(paramsOf(request).type ?? '');
      if (object === undefined || object.storage !== 'records') throw notFound();
      const field = schema.fieldOrThrow(object.name, paramsOf(request).field ?? '');
      if (field.name !== 'Id' && !field.externalId) throw new InvalidFieldError(`Field ${field.name} is not an external ID or indexed field for ${object.name}`, [field.name]);
      const parsed = parseRecordsBody(request.body, schema, 'create');
      const checked: CollectionWrite = {
        allOrNone: parsed.allOrNone,
        entries: parsed.entries.map((entry) =>
          'statusCode' in entry || entry.object === object.name ? entry : { statusCode: 'INVALID_TYPE', message: `Each record must be of type ${object.name}, not ${entry.object}.`, fields: [] },
        ),
      };
      return (await context.runtime()).saves.inTransaction(actorOf(request).userId, async (unit) => {
        const { write: resolved, created } = await resolveUpsert(unit, object, field.name, checked);
        const results = await runCollectionWrite(unit, resolved);
        return results.map((result, index) => ({ ...result, created: result.success && created[index] === true }));
      });
    },
  });

  resource(api, '/composite/sobjects', {
    POST: async (request) => write(request, parseRecordsBody(request.body, await schemaOf(request), 'create')),
    PATCH: async (request) => write(request, parseRecordsBody(request.body, await schemaOf(request), 'update')),
    DELETE: async (request) => write(request, parseDeleteQuery(queryOf(request), await schemaOf(request))),
  });

  const retrieve = async (request: FastifyRequest): Promise<(Record<string, JsonValue> | null)[]> => {
    const schema = await schemaOf(request);
    const object = schema.describe(paramsOf(request).type ?? '');
    if (object === undefined || object.storage !== 'records') throw notFound();
    const { ids, fields } = retrieveArgs(request);
    if (ids.length === 0) throw new MissingArgumentError('ids: the Ids of the records to retrieve.', ['ids']);
    if (fields.length === 0) throw new MissingArgumentError('fields: the fields to retrieve.', ['fields']);
    if (ids.length > MAX_COLLECTION_RECORDS) throw tooMany();
    const names = fields.map((name) => schema.fieldOrThrow(object.name, name).name);
    const version = apiVersionOf(request);
    const out: (Record<string, JsonValue> | null)[] = [];
    for (const id of ids) {
      const owner = isValidId(id) ? schema.objectForId(id) : undefined;
      const record = owner?.name === object.name ? await context.storage.records.getById(id, names) : undefined;
      out.push(record ? restRecord(record, version) : null);
    }
    return out;
  };
  resource(api, '/composite/sobjects/:type', { GET: retrieve, POST: retrieve });
}
