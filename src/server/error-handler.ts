/**
 * The one place errors become HTTP responses. REST errors answer Salesforce's shape
 * `[{ message, errorCode, fields }]`; OAuth endpoints answer RFC 6749's `{ error,
 * error_description }`. Rules from the clients reference: 401 only for a missing or invalid
 * token (jsforce refreshes and retries on 401 — a permission failure there would loop forever);
 * 403 for permission failures; no 5xx for an error that will happen again (jsforce retries GETs
 * on 5xx for 15 s) — only transient infrastructure failures are 503, and bugs 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isInfrastructureError, isRequestError, type RequestErrorCode, type TransportErrorCode } from '../runtime/index.js';
import { HttpError, NOT_FOUND_MESSAGE } from './http-errors.js';
import { OAuthError } from '../runtime/index.js';

/** One entry of Salesforce's error body. */
export interface SalesforceError {
  readonly message: string;
  readonly errorCode: string;
  readonly fields: readonly string[];
}

/** An error as it will be sent: status, body and extra headers. */
export interface MappedError {
  readonly statusCode: number;
  readonly body: readonly SalesforceError[];
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * HTTP status of each catalogue code a response can carry: the one table. A new code fails the
 * type check until it is mapped here. Infrastructure failures answer `SERVER_UNAVAILABLE`.
 */
const STATUS: Readonly<Record<RequestErrorCode | TransportErrorCode, number>> = {
  NOT_FOUND: 404,
  INSUFFICIENT_ACCESS: 403,
  CONFLICT: 409,
  INVALID_FIELD: 400,
  INVALID_FIELD_FOR_INSERT_UPDATE: 400,
  FIELD_INTEGRITY_EXCEPTION: 400,
  STRING_TOO_LONG: 400,
  INVALID_TYPE: 400,
  INVALID_TYPE_ON_FIELD_IN_RECORD: 400,
  REQUIRED_FIELD_MISSING: 400,
  MISSING_ARGUMENT: 400,
  MALFORMED_ID: 400,
  MALFORMED_QUERY: 400,
  ENTITY_IS_DELETED: 400,
  INVALID_CROSS_REFERENCE_KEY: 400,
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 400,
  NUMBER_OUTSIDE_VALID_RANGE: 400,
  INVALID_EMAIL_ADDRESS: 400,
  DUPLICATE_VALUE: 400,
  DUPLICATE_USERNAME: 400,
  DELETE_FAILED: 400,
  INVALID_OPERATION: 400,
  INVALID_API_INPUT: 400,
  LIMIT_EXCEEDED: 400,
  CANNOT_EXECUTE_FLOW_TRIGGER: 400,
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 400,
  ALL_OR_NONE_OPERATION_ROLLED_BACK: 400,
  EXCEEDED_ID_LIMIT: 400,
  PROCESSING_HALTED: 400,
  INVALID_QUERY_FILTER_OPERATOR: 400,
  INVALID_QUERY_LOCATOR: 400,
  INVALID_SESSION_ID: 401,
  JSON_PARSER_ERROR: 400,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_ENTITY_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
  INVALID_REQUEST: 400,
  SERVER_UNAVAILABLE: 503,
  UNKNOWN_EXCEPTION: 500,
};

/** Fastify's own request errors, by status. */
const FASTIFY_STATUS_CODES: Readonly<Record<number, TransportErrorCode | 'NOT_FOUND'>> = {
  400: 'JSON_PARSER_ERROR',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'REQUEST_ENTITY_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  431: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
};

/** Fastify's routing errors that mean "no such resource": a path that does not decode, or a parameter past its length. */
const FASTIFY_NOT_FOUND_CODES: ReadonlySet<string> = new Set(['FST_ERR_BAD_URL', 'FST_ERR_MAX_PARAM_LENGTH']);

/** An `http-errors` client error, as `@fastify/static` (through `send`) throws them. */
function isStaticFileError(error: unknown): error is { readonly statusCode: number; readonly message: string } {
  const candidate = error as { expose?: unknown; statusCode?: unknown } | null;
  return candidate?.expose === true && typeof candidate.statusCode === 'number' && candidate.statusCode >= 400 && candidate.statusCode < 500;
}

function one(
  errorCode: RequestErrorCode | TransportErrorCode,
  message: string,
  fields: readonly string[] = [],
  headers: Readonly<Record<string, string>> = {},
  statusCode: number = STATUS[errorCode],
): MappedError {
  return { statusCode, body: [{ message, errorCode, fields }], headers };
}

/**
 * Maps an error to a Salesforce-shaped response; `undefined` for a bug (the caller answers 500),
 * which includes an internal signal that escaped (a lost lease). Driver errors arrive here
 * already translated by storage into the catalogue (`storage/driver-errors.ts`).
 */
export function mapError(error: unknown): MappedError | undefined {
  if (error instanceof HttpError) return one(error.errorCode, error.message, error.fields, error.headers);
  if (isRequestError(error)) {
    const mapped = one(error.code, error.message, error.fields);
    if (error.additional.length === 0) return mapped;
    return { ...mapped, body: [...mapped.body, ...error.additional.map((more) => ({ message: more.message, errorCode: more.code, fields: more.fields }))] };
  }
  if (isInfrastructureError(error)) {
    return error.retryable ? one('SERVER_UNAVAILABLE', 'The server is temporarily unavailable; try again shortly.') : undefined;
  }
  const fastify = error as Partial<FastifyError> | null;
  if (typeof fastify?.code === 'string' && FASTIFY_NOT_FOUND_CODES.has(fastify.code)) return one('NOT_FOUND', NOT_FOUND_MESSAGE);
  if (isStaticFileError(error)) {
    // The static file plugin refuses a path it cannot serve (`/assets/%00` 400, `..%2f` 403):
    // to the client, that file does not exist. Other refusals (a bad Range) keep their status.
    const status = error.statusCode;
    if (status === 400 || status === 403 || status === 404) return one('NOT_FOUND', NOT_FOUND_MESSAGE);
    return one(FASTIFY_STATUS_CODES[status] ?? 'INVALID_REQUEST', error.message, [], {}, status);
  }
  if (typeof fastify?.code === 'string' && fastify.code.startsWith('FST_') && typeof fastify.statusCode === 'number' && fastify.statusCode < 500) {
    const errorCode = FASTIFY_STATUS_CODES[fastify.statusCode] ?? 'INVALID_REQUEST';
    return one(errorCode, fastify.message ?? errorCode, [], {}, fastify.statusCode);
  }
  return undefined;
}

/** Fastify error handler of the REST API (`/services/data`, `/id`, userinfo). */
export function handleApiError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const mapped = mapError(error);
  if (mapped) {
    if (mapped.statusCode >= 500) request.log.warn({ err: error }, 'transient failure');
    return reply.code(mapped.statusCode).headers(mapped.headers).send(mapped.body);
  }
  request.log.error({ err: error }, 'unexpected error');
  return reply
    .code(STATUS.UNKNOWN_EXCEPTION)
    .send(one('UNKNOWN_EXCEPTION', `An unexpected error occurred. Please include this ErrorId if you contact support: ${request.id}`).body);
}

/** Fastify error handler of the OAuth endpoints: `{ error, error_description }`. */
export function handleOAuthError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('cache-control', 'no-store');
  if (error instanceof OAuthError) return reply.code(error.statusCode).send({ error: error.error, error_description: error.message });
  const mapped = mapError(error);
  if (mapped && mapped.statusCode < 500) {
    return reply.code(mapped.statusCode).send({ error: 'invalid_request', error_description: mapped.body[0]?.message ?? 'invalid request' });
  }
  if (mapped) return reply.code(mapped.statusCode).send({ error: 'temporarily_unavailable', error_description: 'try again shortly' });
  request.log.error({ err: error }, 'unexpected error');
  return reply.code(500).send({ error: 'server_error', error_description: `unexpected error (${request.id})` });
}
