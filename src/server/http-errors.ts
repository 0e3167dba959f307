/**
 * Errors only the HTTP layer raises (a missing token, a malformed body, a method the resource
 * does not take), with a transport code of the runtime's catalogue (`runtime/errors.ts`) and
 * the headers they answer with. What the catalogue already has — a record that does not exist,
 * a permission the caller lacks — the server throws as the catalogue's own error
 * (`NotFoundError`, `InsufficientAccessError`). `error-handler.ts` maps every code to its HTTP
 * status, in one table.
 */
import { NotFoundError, type TransportErrorCode } from '../runtime/index.js';

/** A transport failure, answered as `[{ message, errorCode, fields }]` with the code's status. */
export class HttpError extends Error {
  readonly errorCode: TransportErrorCode;
  readonly fields: readonly string[];
  /** Extra response headers (`Allow` for 405, `WWW-Authenticate` for 401). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(errorCode: TransportErrorCode, message: string, options: { readonly fields?: readonly string[]; readonly headers?: Readonly<Record<string, string>> } = {}) {
    super(message);
    this.name = 'HttpError';
    this.errorCode = errorCode;
    this.fields = options.fields ?? [];
    this.headers = options.headers ?? {};
  }
}

/** Salesforce's message for anything that does not exist (or that the caller may not see). */
export const NOT_FOUND_MESSAGE = 'The requested resource does not exist';

/** The catalogue's `NOT_FOUND` (404) with Salesforce's message. */
export function notFound(message: string = NOT_FOUND_MESSAGE): NotFoundError {
  return new NotFoundError(message);
}

/** 401 `INVALID_SESSION_ID`: only for a missing, invalid, expired or revoked token. */
export function invalidSession(): HttpError {
  return new HttpError('INVALID_SESSION_ID', 'Session expired or invalid', { headers: { 'www-authenticate': 'Bearer realm="eddy"' } });
}
