/**
 * Declares a REST resource: its path and a handler per method. The methods it does not have
 * answer 405 `METHOD_NOT_ALLOWED` with an `Allow` header (Fastify alone would say 404), as
 * Salesforce does: `HTTP Method 'PUT' not allowed. Allowed are GET,HEAD`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidApiInputError, NumberOutsideValidRangeError } from '../runtime/index.js';
import { HttpError } from './http-errors.js';

/** A route handler: returns the body to send (or the reply after sending). */
export type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** The methods a resource may have. */
export type ResourceMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const ALL_METHODS: readonly ResourceMethod[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

/** Options of a resource. */
export interface ResourceOptions {
  /** Answer without credentials. */
  readonly public?: boolean;
}

/** Registers `path` with `handlers`, and 405 for the other methods. */
export function resource(app: FastifyInstance, path: string, handlers: Partial<Record<ResourceMethod, Handler>>, options: ResourceOptions = {}): void {
  const allowed = ALL_METHODS.filter((m) => handlers[m] !== undefined);
  const allowHeader = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])].join(',');
  const config = { public: options.public === true };
  for (const method of ALL_METHODS) {
    const handler = handlers[method];
    if (handler) {
      app.route({ method, url: path, config, handler });
    } else {
      app.route({
        method,
        url: path,
        config,
        handler: (request) => {
          throw new HttpError('METHOD_NOT_ALLOWED', `HTTP Method '${request.method}' not allowed. Allowed are ${allowHeader}`, { headers: { allow: allowHeader } });
        },
      });
    }
  }
}

/** The path parameters of a request. */
export function paramsOf(request: FastifyRequest): Readonly<Record<string, string>> {
  return (request.params ?? {}) as Record<string, string>;
}

/** The query string parameters of a request (repeated keys: the last value). */
export function queryOf(request: FastifyRequest): Readonly<Record<string, string>> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value) && typeof value[value.length - 1] === 'string') out[key] = value[value.length - 1] as string;
  }
  return out;
}

/** Bounds of an integer query parameter. */
export interface IntegerBounds {
  readonly min: number;
  readonly max: number;
}

/**
 * An integer query parameter (`limit=`, `offset=`), or undefined when absent or empty. Anything
 * but digits is 400 `INVALID_API_INPUT`; a number outside `bounds` is 400
 * `NUMBER_OUTSIDE_VALID_RANGE`, as Salesforce answers an OFFSET above 2,000 — never a number the
 * database would choke on.
 */
export function integerParam(text: string | undefined, name: string, bounds: IntegerBounds): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^-?\d+$/.test(text.trim())) throw new InvalidApiInputError(`${name} must be a whole number, not "${text.slice(0, 40)}".`, [name]);
  const value = Number(text.trim());
  if (!Number.isSafeInteger(value) || value < bounds.min || value > bounds.max) {
    throw new NumberOutsideValidRangeError(`${name} must be between ${bounds.min} and ${bounds.max.toLocaleString('en-US')}, not ${text.slice(0, 40)}.`, [name]);
  }
  return value;
}
