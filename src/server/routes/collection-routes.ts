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
import { ExceededIdLimitError, InvalidApiInputError, isValidId, MissingArgumentError, parseId } from '../../runtime/index.js';
import type { ObjectDescribe, OrgSchema, SaveError, SaveOperation, SaveResult, SaveUnit } from '../../runtime/index.js';
import { actorOf } from '../auth/authenticate.js';
import { HttpError, notFound } from '../http-errors.js';
import { paramsOf, queryOf, resource } from '../resource.js';
import type { ServerContext } from '../server-context.js';
import { apiVersionOf } from '../versioned-api.js';
import { restRecord } from './sobject-routes.js';

/** Records or Ids one call takes. */
export const MAX_COLLECTION_RECORDS = 200;

const ROLLED_BACK: SaveError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

/** One record of a collection call, checked: its object and what the pipeline saves. */
interface Entry {
  readonly index: number;
  readonly object: string;
  readonly record: FlowRecord;
}

/** A collection write: one result per record, in order, or a per-record error found before saving. */
export interface CollectionWrite {
  readonly operation: SaveOperation;
  readonly allOrNone: boolean;
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
      return { index, object: object.name, record: { ...fields, attributes: { type: object.name }, Id: given } as FlowRecord };
    }
    // A create with an Id: the pipeline refuses it as the single-record route does.
    return { index, object: object.name, record: { ...fields, ...(given === undefined ? {} : { Id: given }), attributes: { type: object.name } } as FlowRecord };
  });
  return { operation, allOrNone: allOrNoneOf(allOrNone), entries };
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
    return { index, object: object.name, record: { attributes: { type: object.name }, Id: parseId(id, 'Id') } };
  });
  return { operation: 'delete', allOrNone: allOrNoneOf(query.allOrNone), entries };
}

/** Consecutive entries of one object: Salesforce's chunks, each one `save`. */
function chunksOf(entries: readonly Entry[]): Entry[][] {
  const chunks: Entry[][] = [];
  for (const entry of entries) {
    const last = chunks[chunks.length - 1];
    if (last !== undefined && last[0]?.object === entry.object) last.push(entry);
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
  for (const chunk of chunksOf(entries)) {
    if (failed && write.allOrNone) break;
    const saved = await unit.save({
      operation: write.operation,
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
    const id = 'statusCode' in entry || write.operation === 'create' ? null : typeof entry.record.Id === 'string' ? entry.record.Id : null;
    return { id, success: false, errors: [ROLLED_BACK] };
  });
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
