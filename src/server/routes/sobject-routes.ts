/**
 * The sObject resources: describe global (`/sobjects`), object basic info and create
 * (`/sobjects/{T}`), describe (`/sobjects/{T}/describe`) and records (`/sobjects/{T}/{id}`).
 *
 * Business objects (Account, Contact, Case, custom objects, ...) are written through the
 * runtime's save pipeline, which fires record-triggered flows (`docs/triggers.md`), and read
 * through the records port: no record sharing (Eddy's records have none yet), but the object's
 * and fields' create/update permissions and type checks apply, and read-only or unknown fields are refused
 * (`INVALID_FIELD_FOR_INSERT_UPDATE`, `INVALID_FIELD`). Users, groups, roles and the org are
 * readable by every user. Other system objects (Flow, FlowInterview, platform events) answer
 * through {@link SObjectHandlers} registered by their own modules, which apply sharing.
 * An unknown object in a path is 404; a record of another object, or one that does not exist,
 * is 404 too; a malformed Id is 400 `MALFORMED_ID`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FlowRecord, JsonValue } from '../../engine/index.js';
import { InvalidFieldForInsertUpdateError, parseId, sameId, throwableOf } from '../../runtime/index.js';
import type { ObjectDescribe, OrgSchema, SaveRequest } from '../../runtime/index.js';
import { actorOf } from '../auth/authenticate.js';
import { describeGlobalEntry, describeObject, recordAttributes } from '../describe-shapes.js';
import { HttpError, notFound } from '../http-errors.js';
import { paramsOf, queryOf, resource } from '../resource.js';
import type { ServerContext } from '../server-context.js';
import { apiVersionOf } from '../versioned-api.js';

/** What a record operation gets. */
export interface SObjectRequest {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly schema: OrgSchema;
  readonly object: ObjectDescribe;
  readonly version: string;
}

/** Behaviour of one object that is not a plain business record (Flow, FlowInterview, ...). Absent methods answer 405. */
export interface SObjectHandlers {
  /** Names `?fields=` may use besides the describe's fields (the seed's `ApiName`, `HasFinished`...). */
  readonly extraFields?: readonly string[];
  /** `GET /sobjects/{T}`. */
  basicInfo?(call: SObjectRequest): Promise<unknown>;
  /** `POST /sobjects/{T}`; answers 201 `{ id, success, errors }` itself. */
  create?(call: SObjectRequest, body: Record<string, unknown>): Promise<unknown>;
  /** `GET /sobjects/{T}/{id}`; `fields` are canonical names (empty: all). */
  get?(call: SObjectRequest, id: string, fields: readonly string[]): Promise<unknown>;
  /** `PATCH /sobjects/{T}/{id}`; the route answers 204. */
  update?(call: SObjectRequest, id: string, body: Record<string, unknown>): Promise<void>;
  /** `DELETE /sobjects/{T}/{id}`; the route answers 204. */
  delete?(call: SObjectRequest, id: string): Promise<void>;
}

/** Special objects by lower-cased API name; `*__e` resolves to the `__e` entry (platform events). */
export type SObjectHandlerRegistry = ReadonlyMap<string, SObjectHandlers>;

/** System objects every user may read by Id. */
const READABLE_SYSTEM_OBJECTS: ReadonlySet<string> = new Set(['User', 'Group', 'UserRole', 'Organization']);

/** The body of a write as a JSON object; anything else is 400 `JSON_PARSER_ERROR`. */
export function objectBodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (body === undefined) throw new HttpError('JSON_PARSER_ERROR', 'The HTTP entity body is required, but this request has no entity body.');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError('JSON_PARSER_ERROR', `Can not deserialize SObject out of ${Array.isArray(body) ? 'START_ARRAY' : 'VALUE'} token`);
  }
  return body as Record<string, unknown>;
}

/**
 * `?fields=a,b` as canonical field names of `object`, or of `extra` names (400 `INVALID_FIELD`
 * for an unknown one).
 */
export function requestedFields(request: FastifyRequest, schema: OrgSchema, object: ObjectDescribe, extra: readonly string[] = []): string[] {
  const list = queryOf(request).fields;
  if (list === undefined || list.trim() === '') return [];
  return list
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => extra.find((e) => e.toLowerCase() === name.toLowerCase()) ?? schema.fieldOrThrow(object.name, name).name);
}

/** A record as the REST API returns it: `attributes { type, url }` first, then the fields. */
export function restRecord(record: FlowRecord, version: string): Record<string, JsonValue> {
  const { attributes, ...fields } = record;
  const id = typeof record.Id === 'string' ? record.Id : undefined;
  const out: Record<string, JsonValue> = { attributes: recordAttributes(attributes.type, id, version) };
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) out[name] = value;
  return out;
}

/** 405 for a method an object does not support. */
function methodNotAllowed(request: FastifyRequest, object: ObjectDescribe): HttpError {
  return new HttpError('METHOD_NOT_ALLOWED', `HTTP Method '${request.method}' not allowed on ${object.name}.`);
}

/**
 * Registers the sObject routes inside the versioned API, under `prefix` (`/tooling` serves the
 * same objects as Tooling API paths, `/tooling/sobjects/Flow/{id}`).
 */
export function registerSObjectRoutes(api: FastifyInstance, context: ServerContext, special: SObjectHandlerRegistry = new Map(), prefix = ''): void {
  const records = context.storage.records;

  /** Saves one record through the runtime's save pipeline (record-triggered flows fire); a failure is thrown as its first error. */
  const saveOne = async (actorId: string, save: SaveRequest): Promise<string> => {
    const [result] = await (await context.runtime()).saves.save(actorId, save);
    if (result === undefined) throw new Error('A save returned no result.');
    if (!result.success) throw throwableOf(result.errors);
    return result.id as string;
  };

  const handlersOf = (object: ObjectDescribe): SObjectHandlers | undefined =>
    special.get(object.name.toLowerCase()) ?? (object.name.toLowerCase().endsWith('__e') ? special.get('__e') : undefined);

  /** The object named in the path; platform events (`X__e`) resolve when a handler exists. */
  const objectOf = async (request: FastifyRequest): Promise<{ schema: OrgSchema; object: ObjectDescribe }> => {
    const schema = request.actor ? await request.actor.cache.schema() : await records.schema();
    const name = paramsOf(request).type ?? '';
    const object = schema.describe(name);
    if (object) return { schema, object };
    if (name.toLowerCase().endsWith('__e') && special.has('__e')) {
      return { schema, object: { name, label: name, labelPlural: name, keyPrefix: 'e00', custom: true, createable: true, updateable: false, deletable: false, queryable: false, fields: [], storage: 'system' } };
    }
    throw notFound();
  };

  const call = async (request: FastifyRequest, reply: FastifyReply): Promise<SObjectRequest> => {
    const { schema, object } = await objectOf(request);
    return { request, reply, schema, object, version: apiVersionOf(request) };
  };

  /** The record Id in the path, checked to belong to the object (404 otherwise). */
  const recordIdOf = (target: SObjectRequest): string => {
    const id = parseId(paramsOf(target.request).id ?? '', 'Id');
    const owner = target.schema.objectForId(id);
    if (!owner || owner.name !== target.object.name) throw notFound();
    return id;
  };

  const existingRecord = async (target: SObjectRequest, id: string, fields: readonly string[] = []): Promise<FlowRecord> => {
    const record = await records.getById(id, fields.length > 0 ? fields : undefined);
    if (!record || !sameId(String(record.Id), id)) throw notFound();
    return record;
  };

  resource(api, `${prefix}/sobjects`, {
    GET: async (request) => {
      const schema = await records.schema();
      const version = apiVersionOf(request);
      return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: schema.objects().map((o) => describeGlobalEntry(o, version)) };
    },
  });

  resource(api, `${prefix}/sobjects/:type/describe`, {
    GET: async (request, reply) => {
      const target = await call(request, reply);
      return describeObject(target.schema, target.object, target.version);
    },
  });

  resource(api, `${prefix}/sobjects/:type`, {
    GET: async (request, reply) => {
      const target = await call(request, reply);
      const handlers = handlersOf(target.object);
      if (handlers?.basicInfo) return handlers.basicInfo(target);
      const recentItems: Record<string, JsonValue>[] = [];
      if (target.object.storage === 'records' || READABLE_SYSTEM_OBJECTS.has(target.object.name)) {
        const nameField = target.object.fields.find((f) => f.nameField)?.name;
        const rows = await records.query({
          object: target.object.name,
          filters: [],
          fields: nameField ? [nameField] : [],
          sort: { field: 'LastModifiedDate', order: 'Desc' },
          limit: 10,
        });
        recentItems.push(...rows.map((row) => restRecord(row, target.version)));
      }
      return { objectDescribe: describeGlobalEntry(target.object, target.version), recentItems };
    },
    POST: async (request, reply) => {
      const target = await call(request, reply);
      const body = objectBodyOf(request);
      const handlers = handlersOf(target.object);
      if (handlers) {
        if (!handlers.create) throw methodNotAllowed(request, target.object);
        return handlers.create(target, body);
      }
      if (target.object.storage !== 'records') throw methodNotAllowed(request, target.object);
      const id = await saveOne(actorOf(request).userId, { operation: 'create', object: target.object.name, records: [{ ...body, attributes: { type: target.object.name } } as FlowRecord], readOnlyFields: 'reject' });
      return reply.code(201).send({ id, success: true, errors: [] });
    },
  });

  resource(api, `${prefix}/sobjects/:type/:id`, {
    GET: async (request, reply) => {
      const target = await call(request, reply);
      const handlers = handlersOf(target.object);
      const fields = requestedFields(request, target.schema, target.object, handlers?.extraFields);
      if (handlers) {
        if (!handlers.get) throw methodNotAllowed(request, target.object);
        return handlers.get(target, recordIdOf(target), fields);
      }
      if (target.object.storage !== 'records' && !READABLE_SYSTEM_OBJECTS.has(target.object.name)) throw notFound();
      return restRecord(await existingRecord(target, recordIdOf(target), fields), target.version);
    },
    PATCH: async (request, reply) => {
      const target = await call(request, reply);
      const handlers = handlersOf(target.object);
      const body = objectBodyOf(request);
      if (handlers) {
        if (!handlers.update) throw methodNotAllowed(request, target.object);
        await handlers.update(target, recordIdOf(target), body);
        return reply.code(204).send();
      }
      if (target.object.storage !== 'records') throw methodNotAllowed(request, target.object);
      const id = recordIdOf(target);
      const { Id: bodyId, ...changes } = body;
      if (bodyId !== undefined && (typeof bodyId !== 'string' || !sameId(bodyId, id))) {
        throw new InvalidFieldForInsertUpdateError('Unable to change the Id of a record.', ['Id']);
      }
      await existingRecord(target, id, ['Id']);
      await saveOne(actorOf(request).userId, { operation: 'update', object: target.object.name, records: [{ ...changes, attributes: { type: target.object.name }, Id: id } as FlowRecord], readOnlyFields: 'reject' });
      return reply.code(204).send();
    },
    DELETE: async (request, reply) => {
      const target = await call(request, reply);
      const handlers = handlersOf(target.object);
      if (handlers) {
        if (!handlers.delete) throw methodNotAllowed(request, target.object);
        await handlers.delete(target, recordIdOf(target));
        return reply.code(204).send();
      }
      if (target.object.storage !== 'records' || !target.object.deletable) throw methodNotAllowed(request, target.object);
      const id = recordIdOf(target);
      await existingRecord(target, id, ['Id']);
      await saveOne(actorOf(request).userId, { operation: 'delete', object: target.object.name, records: [{ attributes: { type: target.object.name }, Id: id }] });
      return reply.code(204).send();
    },
  });
}
