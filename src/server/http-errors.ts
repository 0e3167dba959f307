/**
 * Errors only the HTTP layer raises (a missing token, a malformed body, an unknown route), with
 * the Salesforce `errorCode` and HTTP status they answer with. Everything the runtime and
 * storage raise is a `RequestError` (`runtime/errors.ts`); `error-handler.ts` maps both.
 */

/** Error codes of the HTTP layer, each with its status. */
export const HTTP_ERROR_STATUS = {
  INVALID_SESSION_ID: 401,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  JSON_PARSER_ERROR: 400,
  INVALID_FIELD: 400,
  MALFORMED_ID: 400,
  MISSING_ARGUMENT: 400,
  INVALID_TYPE: 400,
  INSUFFICIENT_ACCESS: 403,
  REQUEST_ENTITY_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SERVER_UNAVAILABLE: 503,
} as const;

/** An error code of the HTTP layer. */
export type HttpErrorCode = keyof typeof HTTP_ERROR_STATUS;

/** An error answered as `[{ message, errorCode, fields }]` with the code's status. */
export class HttpError extends Error {
  readonly errorCode: HttpErrorCode;
  readonly statusCode: number;
  readonly fields: readonly string[];
  /** Extra response headers (`Allow` for 405, `WWW-Authenticate` for 401). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(errorCode: HttpErrorCode, message: string, options: { readonly fields?: readonly string[]; readonly headers?: Readonly<Record<string, string>> } = {}) {
    super(message);
    this.name = 'HttpError';
    this.errorCode = errorCode;
    this.statusCode = HTTP_ERROR_STATUS[errorCode];
    this.fields = options.fields ?? [];
    this.headers = options.headers ?? {};
  }
}

/** Salesforce's message for anything that does not exist (or that the caller may not see). */
export const NOT_FOUND_MESSAGE = 'The requested resource does not exist';

/** 404 `NOT_FOUND` with Salesforce's message. */
export function notFound(message: string = NOT_FOUND_MESSAGE): HttpError {
  return new HttpError('NOT_FOUND', message);
}

/** 401 `INVALID_SESSION_ID`: only for a missing, invalid, expired or revoked token. */
export function invalidSession(): HttpError {
  return new HttpError('INVALID_SESSION_ID', 'Session expired or invalid', { headers: { 'www-authenticate': 'Bearer realm="eddy"' } });
}

/** An OAuth endpoint error, answered as `{ error, error_description }` (RFC 6749 §5.2). */
export class OAuthError extends Error {
  readonly error: string;
  readonly statusCode: number;

  constructor(error: string, description: string, statusCode = 400) {
    super(description);
    this.name = 'OAuthError';
    this.error = error;
    this.statusCode = statusCode;
  }
}
