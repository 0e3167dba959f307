/**
 * `POST /composite`: up to 25 subrequests in order, each answered as
 * `{ body, httpHeaders, httpStatusCode, referenceId }` under a 200 `{ compositeResponse }`. A
 * subrequest may use an earlier one's result with `@{referenceId.path}` (`@{newAccount.id}`,
 * `@{q.records[0].Id}`) in its URL or body. Served subrequests: sObject create
 * (`POST /sobjects/{T}`), read, update and delete (`GET|PATCH|DELETE /sobjects/{T}/{id}`) of
 * business objects, through the runtime's save pipeline (record-triggered flows fire), and
 * `GET /query?q=`. With `allOrNone=true` every subrequest runs in ONE transaction
 * (`RecordSaveService.inTransaction`): the first failure rolls all of it back, and every other
 * subrequest answers 400 `PROCESSING_HALTED`. With `allOrNone=false` (the default) each runs in
 * its own transaction; one that refers to a failed one answers `PROCESSING_HALTED`.
 * `collateSubrequests` is accepted and ignored (subrequests always run in order).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FlowRecord } from '../../engine/index.js';
import { InvalidApiInputError, InvalidOperationError, InvalidFieldForInsertUpdateError, LimitExceededError, parseId, ProcessingHaltedError, sameId, throwableOf } from '../../runtime/index.js';
import type { SaveRequest, SaveUnit } from '../../runtime/index.js';
import { actorOf } from '../auth/authenticate.js';
import { mapError } from '../error-handler.js';
import { HttpError, notFound } from '../http-errors.js';
import { resource } from '../resource.js';
import type { ServerContext } from '../server-context.js';
import { apiVersionOf } from '../versioned-api.js';
import { allOrNoneOf } from './collection-routes.js';
import { restRecord } from './sobject-routes.js';

/** Subrequests one composite request takes. */
export const MAX_SUBREQUESTS = 25;

const HALTED_MESSAGE = 'The transaction was rolled back since another operation in the same transaction failed.';

/** One subrequest as sent. */
interface Subrequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly referenceId: string;
  readonly body?: unknown;
}

/** One subrequest's answer. */
export interface Subresponse {
  readonly body: unknown;
  readonly httpHeaders: Record<string, string>;
  readonly httpStatusCode: number;
  readonly referenceId: string;
}

function parseComposite(body: unknown): { allOrNone: boolean; subrequests: Subrequest[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HttpError('JSON_PARSER_ERROR', 'The body must be a JSON object with a compositeRequest array.');
  const { allOrNone, compositeRequest } = body as { allOrNone?: unknown; compositeRequest?: unknown };
  if (!Array.isArray(compositeRequest) || compositeRequest.length === 0) throw new InvalidApiInputError('compositeRequest must be a non-empty array of subrequests.', ['compositeRequest']);
  if (compositeRequest.length > MAX_SUBREQUESTS) throw new LimitExceededError(`A composite request can have at most ${MAX_SUBREQUESTS} subrequests; this one has ${compositeRequest.length}.`, ['compositeRequest']);
  const seen = new Set<string>();
  const subrequests = compositeRequest.map((raw: unknown, index): Subrequest => {
    const sub = (raw ?? {}) as Record<string, unknown>;
    const method = typeof sub.method === 'string' ? sub.method.toUpperCase() : '';
    if (method !== 'GET' && method !== 'POST' && method !== 'PATCH' && method !== 'DELETE') throw new InvalidApiInputError(`Subrequest ${index}: method must be GET, POST, PATCH or DELETE.`, ['method']);
    if (typeof sub.url !== 'string' || sub.url === '') throw new InvalidApiInputError(`Subrequest ${index}: url is required.`, ['url']);
    if (typeof sub.referenceId !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(sub.referenceId)) {
      throw new InvalidApiInputError(`Subrequest ${index}: referenceId must start with a letter and contain only letters, digits and underscores.`, ['referenceId']);
    }
    if (seen.has(sub.referenceId)) throw new InvalidApiInputError(`Duplicate referenceId: ${sub.referenceId}.`, ['referenceId']);
    seen.add(sub.referenceId);
    return { method, url: sub.url, referenceId: sub.referenceId, ...(sub.body === undefined ? {} : { body: sub.body }) };
  });
  return { allOrNone: allOrNoneOf(allOrNone), subrequests };
}

/** The value at `path` (`id`, `records[0].Id`) of an earlier answer's body. */
function valueAt(body: unknown, path: string): unknown {
  let value: unknown = body;
  for (const part of path.split('.').flatMap((segment) => segment.split(/\[(\d+)\]/).filter((p) => p !== ''))) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const REFERENCE = /@\{([A-Za-z][A-Za-z0-9_]*)\.([^}]+)\}/g;

/** Replaces `@{ref.path}` in strings of `value`; throws `PROCESSING_HALTED` for a failed or unknown reference. */
function resolve(value: unknown, answers: ReadonlyMap<string, Subresponse>): unknown {
  if (typeof value === 'string') {
    return value.replace(REFERENCE, (_whole, ref: string, path: string) => {
      const answer = answers.get(ref);
      if (answer === undefined || answer.httpStatusCode >= 400) {
        throw new ProcessingHaltedError(`Invalid reference specified. No value for ${ref}.${path} found in ${ref}. Provided referenceId ('${ref}') must be an earlier subrequest that succeeded.`);
      }
      const found = valueAt(answer.body, path);
      if (found === undefined || found === null || typeof found === 'object') throw new ProcessingHaltedError(`Invalid reference specified. No value for ${ref}.${path} found in ${ref}.`);
      return String(found as string | number | boolean);
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolve(item, answers));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, answers)]));
  return value;
}

/** A subrequest's URL split: its path after `/services/data/vNN.N`, its query, and its version. */
function routeOf(url: string, fallbackVersion: string): { path: string[]; query: URLSearchParams; version: string } {
  const parsed = new URL(url, 'http://composite.invalid');
  const match = /^\/services\/data\/v(\d{1,3}\.\d)(\/.*)?$/.exec(parsed.pathname);
  if (match === null) throw notFound();
  return { path: (match[2] ?? '').split('/').filter((p) => p !== '').map(decodeURIComponent), query: parsed.searchParams, version: match[1] ?? fallbackVersion };
}

function answer(referenceId: string, httpStatusCode: number, body: unknown, httpHeaders: Record<string, string> = {}): Subresponse {
  return { body, httpHeaders, httpStatusCode, referenceId };
}

/** Whether the subrequest is a SOQL query (run outside the save transaction). */
function isQuery(path: readonly string[]): boolean {
  return path.length === 1 && path[0] === 'query';
}

/** Registers `POST /composite` inside the versioned API. */
export function registerCompositeRoutes(api: FastifyInstance, context: ServerContext): void {
  /** Runs one sObject subrequest inside `unit`. Errors are thrown as the catalogue's. */
  const runSObject = async (unit: SaveUnit, sub: Subrequest, path: readonly string[], query: URLSearchParams, version: string): Promise<Subresponse> => {
    if (path[0] !== 'sobjects' || path.length < 2 || path.length > 3) throw notFound();
    const schema = await unit.tx.records.schema();
    const object = schema.describe(path[1] ?? '');
    if (object === undefined) throw notFound();
    if (object.storage !== 'records') throw new InvalidOperationError(`Eddy's /composite writes business records only: call /sobjects/${object.name} directly.`);
    const save = async (request: SaveRequest): Promise<string> => {
      const [result] = await unit.save(request);
      if (result === undefined) throw new Error('A save returned no result.');
      if (!result.success) throw throwableOf(result.errors);
      return result.id as string;
    };
    const body = (): Record<string, unknown> => {
      if (sub.body === null || typeof sub.body !== 'object' || Array.isArray(sub.body)) throw new HttpError('JSON_PARSER_ERROR', 'The subrequest needs a JSON object body.');
      return sub.body as Record<string, unknown>;
    };
    if (path.length === 2) {
      if (sub.method !== 'POST') throw new HttpError('METHOD_NOT_ALLOWED', `HTTP Method '${sub.method}' not allowed. Allowed are POST`);
      const id = await save({ operation: 'create', object: object.name, records: [{ ...body(), attributes: { type: object.name } } as FlowRecord], readOnlyFields: 'reject' });
      return answer(sub.referenceId, 201, { id, success: true, errors: [] }, { Location: `/services/data/v${version}/sobjects/${object.name}/${id}` });
    }
    const id = parseId(path[2] ?? '', 'Id');
    if (schema.objectForId(id)?.name !== object.name) throw notFound();
    const fields = (query.get('fields') ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '').map((f) => schema.fieldOrThrow(object.name, f).name);
    const existing = await unit.tx.records.getById(id, fields.length > 0 ? fields : sub.method === 'GET' ? undefined : ['Id']);
    if (!existing || !sameId(String(existing.Id), id)) throw notFound();
    switch (sub.method) {
      case 'GET':
        return answer(sub.referenceId, 200, restRecord(existing, `v${version}`));
      case 'PATCH': {
        const { Id: bodyId, ...changes } = body();
        if (bodyId !== undefined && (typeof bodyId !== 'string' || !sameId(bodyId, id))) throw new InvalidFieldForInsertUpdateError('Unable to change the Id of a record.', ['Id']);
        await save({ operation: 'update', object: object.name, records: [{ ...changes, attributes: { type: object.name }, Id: id } as FlowRecord], readOnlyFields: 'reject' });
        return answer(sub.referenceId, 204, null);
      }
      case 'DELETE':
        if (!object.deletable) throw new HttpError('METHOD_NOT_ALLOWED', `HTTP Method 'DELETE' not allowed on ${object.name}.`);
        await save({ operation: 'delete', object: object.name, records: [{ attributes: { type: object.name }, Id: id }] });
        return answer(sub.referenceId, 204, null);
      case 'POST':
        throw new HttpError('METHOD_NOT_ALLOWED', `HTTP Method 'POST' not allowed. Allowed are GET,PATCH,DELETE`);
    }
  };

  /** A thrown error as the subrequest's answer (a bug propagates). */
  const failed = (referenceId: string, error: unknown): Subresponse => {
    const mapped = mapError(error);
    if (mapped === undefined || mapped.statusCode >= 500) throw error;
    return answer(referenceId, mapped.statusCode, mapped.body, { ...mapped.headers });
  };

  resource(api, '/composite', {
    POST: async (request: FastifyRequest) => {
      const { allOrNone, subrequests } = parseComposite(request.body);
      const actor = actorOf(request);
      const version = apiVersionOf(request).replace(/^v/, '');
      const saves = (await context.runtime()).saves;
      const answers = new Map<string, Subresponse>();
      const out: Subresponse[] = [];

      if (!allOrNone) {
        for (const sub of subrequests) {
          let response: Subresponse;
          try {
            const url = resolve(sub.url, answers) as string;
            const resolved: Subrequest = { ...sub, url, ...(sub.body === undefined ? {} : { body: resolve(sub.body, answers) }) };
            const route = routeOf(url, version);
            if (isQuery(route.path)) {
              if (sub.method !== 'GET') throw new HttpError('METHOD_NOT_ALLOWED', `HTTP Method '${sub.method}' not allowed. Allowed are GET`);
              response = answer(sub.referenceId, 200, await context.soql.query(route.query.get('q') ?? '', actor.subject, { apiVersion: route.version, endpoint: 'query', includeDeleted: false }));
            } else {
              response = await saves.inTransaction(actor.userId, (unit) => runSObject(unit, resolved, route.path, route.query, route.version));
            }
          } catch (error) {
            response = failed(sub.referenceId, error);
          }
          answers.set(sub.referenceId, response);
          out.push(response);
        }
        return { compositeResponse: out };
      }

      const results = await saves.inTransaction(actor.userId, async (unit) => {
        let failure = false;
        for (const sub of subrequests) {
          if (failure) {
            out.push(failed(sub.referenceId, new ProcessingHaltedError(HALTED_MESSAGE)));
            continue;
          }
          let response: Subresponse;
          try {
            const url = resolve(sub.url, answers) as string;
            const resolved: Subrequest = { ...sub, url, ...(sub.body === undefined ? {} : { body: resolve(sub.body, answers) }) };
            const route = routeOf(url, version);
            if (isQuery(route.path)) throw new InvalidOperationError('Eddy does not run query subrequests in a composite request with allOrNone=true yet: send it with allOrNone=false, or query separately.');
            response = await runSObject(unit, resolved, route.path, route.query, route.version);
          } catch (error) {
            response = failed(sub.referenceId, error);
          }
          if (response.httpStatusCode >= 400) failure = true;
          answers.set(sub.referenceId, response);
          out.push(response);
        }
        if (!failure) return out;
        unit.rollBack();
        return out.map((response) => (response.httpStatusCode < 400 ? failed(response.referenceId, new ProcessingHaltedError(HALTED_MESSAGE)) : response));
      });
      return { compositeResponse: results };
    },
  });
}
