/**
 * The catalogue of errors, closed: every stable code a client or a caller can see, each with its
 * typed error, Salesforce's code where it has one (`MALFORMED_ID`, `STRING_TOO_LONG`, ...).
 *
 * - Bad requests ({@link RequestError}): the caller's doing. The runtime and storage throw them;
 *   inside a run, the fault policy makes most of them faults of the flow.
 * - Infrastructure failures ({@link InfrastructureError}): the database was busy, aborted the
 *   transaction or could not be reached (storage translates its drivers' errors into them), or
 *   a worker lost its lease. Never a fault, never a bad request: the transaction rolls back and
 *   the failure is retried or surfaced as retryable.
 * - Transport codes: what the server answers for its own errors (a bad token, malformed JSON,
 *   an unknown route) and for infrastructure failures and bugs; listed here so that the codes a
 *   client can see are one list.
 *
 * The server maps them to HTTP statuses and Salesforce's `[{ message, errorCode, fields }]`
 * body in one place (`server/error-handler.ts`). Fault codes, the data a failed interview
 * carries, are the engine's (`engine/fault-codes.ts`). Assert errors in tests by `code`.
 */

/** Codes of bad requests. */
export const REQUEST_ERROR_CODES = [
  'NOT_FOUND',
  'INSUFFICIENT_ACCESS',
  'CONFLICT',
  'INVALID_FIELD',
  'INVALID_FIELD_FOR_INSERT_UPDATE',
  'FIELD_INTEGRITY_EXCEPTION',
  'STRING_TOO_LONG',
  'INVALID_TYPE',
  'INVALID_TYPE_ON_FIELD_IN_RECORD',
  'REQUIRED_FIELD_MISSING',
  'MISSING_ARGUMENT',
  'MALFORMED_ID',
  'MALFORMED_QUERY',
  'INVALID_QUERY_FILTER_OPERATOR',
  'INVALID_QUERY_LOCATOR',
  'ENTITY_IS_DELETED',
  'INVALID_CROSS_REFERENCE_KEY',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  'NUMBER_OUTSIDE_VALID_RANGE',
  'INVALID_EMAIL_ADDRESS',
  'DUPLICATE_VALUE',
  'DUPLICATE_USERNAME',
  'DELETE_FAILED',
  'INVALID_OPERATION',
  'INVALID_API_INPUT',
  'LIMIT_EXCEEDED',
  /** A record-triggered flow failed the save (an unhandled fault). */
  'CANNOT_EXECUTE_FLOW_TRIGGER',
  /** A record-triggered flow's Custom Error element refused the save. */
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  /** A record that was valid, rolled back because another of an all-or-none batch failed. */
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  /** More records or Ids in one call than it takes (sObject Collections: 200). */
  'EXCEEDED_ID_LIMIT',
  /** A `/composite` subrequest not run or rolled back because another of an all-or-none request failed. */
  'PROCESSING_HALTED',
] as const;

/** A bad request's code. */
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];

/** Codes of infrastructure failures. */
export const INFRASTRUCTURE_ERROR_CODES = ['STORAGE_BUSY', 'SERIALIZATION_FAILURE', 'STORAGE_UNAVAILABLE', 'LEASE_LOST'] as const;

/** An infrastructure failure's code. */
export type InfrastructureErrorCode = (typeof INFRASTRUCTURE_ERROR_CODES)[number];

/** Codes only the server's transport raises or answers with. */
export const TRANSPORT_ERROR_CODES = [
  'INVALID_SESSION_ID',
  'JSON_PARSER_ERROR',
  'METHOD_NOT_ALLOWED',
  'REQUEST_ENTITY_TOO_LARGE',
  'URI_TOO_LONG',
  'UNSUPPORTED_MEDIA_TYPE',
  'REQUEST_HEADER_FIELDS_TOO_LARGE',
  'INVALID_REQUEST',
  /** The answer to a retryable infrastructure failure. */
  'SERVER_UNAVAILABLE',
  /** The answer to a bug. */
  'UNKNOWN_EXCEPTION',
] as const;

/** A transport code. */
export type TransportErrorCode = (typeof TRANSPORT_ERROR_CODES)[number];

/** Any stable error code of the catalogue. */
export type ErrorCode = RequestErrorCode | InfrastructureErrorCode | TransportErrorCode;

/** Base of every bad-request error: a stable `code`, a message naming the problem, the fields involved. */
export abstract class RequestError extends Error {
  abstract readonly code: RequestErrorCode;
  /** Field API names the error is about (Salesforce's `fields`). */
  readonly fields: readonly string[];
  /** Further errors of the same failure (a Custom Error with several messages), answered after this one. */
  readonly additional: readonly RequestError[];

  constructor(message: string, fields: readonly string[] = [], options?: { readonly cause?: unknown; readonly additional?: readonly RequestError[] }) {
    super(message, options);
    this.name = new.target.name;
    this.fields = fields;
    this.additional = options?.additional ?? [];
  }
}

/** Whether `error` is one of the catalogue's errors. */
export function isRequestError(error: unknown): error is RequestError {
  return error instanceof RequestError;
}

/** The record, interview, flow or user does not exist — or the caller may not know that it does. */
export class NotFoundError extends RequestError {
  readonly code = 'NOT_FOUND' as const;
}

/** The caller lacks the permission or the sharing access the operation needs. */
export class InsufficientAccessError extends RequestError {
  readonly code = 'INSUFFICIENT_ACCESS' as const;
}

/** Someone else changed the row first (optimistic concurrency); reload and retry. */
export class ConflictError extends RequestError {
  readonly code = 'CONFLICT' as const;
}

/** No such field on the object (`No such column 'Foo' on sobject of type Account`). */
export class InvalidFieldError extends RequestError {
  readonly code = 'INVALID_FIELD' as const;
}

/** The field exists but cannot be set on create or update (`CreatedDate`, a formula, `Id` on insert). */
export class InvalidFieldForInsertUpdateError extends RequestError {
  readonly code = 'INVALID_FIELD_FOR_INSERT_UPDATE' as const;
}

/** A value breaks the field's integrity (a reference to the wrong kind of object, an invalid status change). */
export class FieldIntegrityError extends RequestError {
  readonly code = 'FIELD_INTEGRITY_EXCEPTION' as const;
}

/** A text value is longer than the field allows. */
export class StringTooLongError extends RequestError {
  readonly code = 'STRING_TOO_LONG' as const;
}

/** The object type is unknown or does not support the operation (`sObject type 'Foo' is not supported`). */
export class InvalidTypeError extends RequestError {
  readonly code = 'INVALID_TYPE' as const;
}

/** A value is not of the field's type (text for a number, an object for a date). */
export class InvalidTypeOnFieldError extends RequestError {
  readonly code = 'INVALID_TYPE_ON_FIELD_IN_RECORD' as const;
}

/** A required field has no value (`Required fields are missing: [LastName]`). */
export class RequiredFieldMissingError extends RequestError {
  readonly code = 'REQUIRED_FIELD_MISSING' as const;
}

/** A required argument is missing from the call (an update without `Id`). */
export class MissingArgumentError extends RequestError {
  readonly code = 'MISSING_ARGUMENT' as const;
}

/** A value is not a well-formed 15- or 18-character ID. */
export class MalformedIdError extends RequestError {
  readonly code = 'MALFORMED_ID' as const;
}

/** A query or filter cannot be understood (an unknown operator, bad logic). */
export class MalformedQueryError extends RequestError {
  readonly code = 'MALFORMED_QUERY' as const;
}

/** A SOQL filter uses an operator or value the field cannot take (`invalid ID field: abc`, LIKE on a number). */
export class InvalidQueryFilterOperatorError extends RequestError {
  readonly code = 'INVALID_QUERY_FILTER_OPERATOR' as const;
}

/** A query locator (`01g…-2000`) is unknown, expired, or belongs to another user. */
export class InvalidQueryLocatorError extends RequestError {
  readonly code = 'INVALID_QUERY_LOCATOR' as const;
}

/** The record was deleted. */
export class EntityIsDeletedError extends RequestError {
  readonly code = 'ENTITY_IS_DELETED' as const;
}

/** A reference names a record that does not exist (`invalid cross reference id`). */
export class InvalidCrossReferenceKeyError extends RequestError {
  readonly code = 'INVALID_CROSS_REFERENCE_KEY' as const;
}

/** A value is not among a restricted picklist's values. */
export class InvalidPicklistValueError extends RequestError {
  readonly code = 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' as const;
}

/** A number has more digits than the field's precision allows. */
export class NumberOutsideValidRangeError extends RequestError {
  readonly code = 'NUMBER_OUTSIDE_VALID_RANGE' as const;
}

/** An email field holds something that is not an email address. */
export class InvalidEmailAddressError extends RequestError {
  readonly code = 'INVALID_EMAIL_ADDRESS' as const;
}

/** A unique value is already taken (a developer name, a membership). */
export class DuplicateValueError extends RequestError {
  readonly code = 'DUPLICATE_VALUE' as const;
}

/** The username belongs to another user (Salesforce has a code of its own for it). */
export class DuplicateUsernameError extends RequestError {
  readonly code = 'DUPLICATE_USERNAME' as const;
}

/** A delete is refused by a rule (an active flow version, a version with paused interviews). */
export class DeleteFailedError extends RequestError {
  readonly code = 'DELETE_FAILED' as const;
}

/** The operation is not allowed in the current state (resuming a finished interview, activating an invalid draft). */
export class InvalidOperationError extends RequestError {
  readonly code = 'INVALID_OPERATION' as const;
}

/** Inputs to a flow or action are missing or of the wrong type. */
export class InvalidApiInputError extends RequestError {
  readonly code = 'INVALID_API_INPUT' as const;
}

/** A limit is reached (50 versions per flow, a query too large). */
export class LimitExceededError extends RequestError {
  readonly code = 'LIMIT_EXCEEDED' as const;
}

/** A record-triggered flow failed with an unhandled fault, so the record was not saved. */
export class CannotExecuteFlowTriggerError extends RequestError {
  readonly code = 'CANNOT_EXECUTE_FLOW_TRIGGER' as const;
}

/** A record-triggered flow's Custom Error refused the save (at a field, or for the record). */
export class FieldCustomValidationError extends RequestError {
  readonly code = 'FIELD_CUSTOM_VALIDATION_EXCEPTION' as const;
}

/** The record was valid but not saved: another record of the all-or-none batch failed. */
export class AllOrNoneRolledBackError extends RequestError {
  readonly code = 'ALL_OR_NONE_OPERATION_ROLLED_BACK' as const;
}

/** More records or Ids in one call than it takes (sObject Collections: at most 200). */
export class ExceededIdLimitError extends RequestError {
  readonly code = 'EXCEEDED_ID_LIMIT' as const;
}

/** A `/composite` subrequest was rolled back or not run: another subrequest of the all-or-none request failed. */
export class ProcessingHaltedError extends RequestError {
  readonly code = 'PROCESSING_HALTED' as const;
}

/** The typed error of each bad-request code: one table, checked complete by the type checker. */
const REQUEST_ERROR_CLASSES: Readonly<Record<RequestErrorCode, new (message: string, fields?: readonly string[], options?: { readonly additional?: readonly RequestError[] }) => RequestError>> = {
  NOT_FOUND: NotFoundError,
  INSUFFICIENT_ACCESS: InsufficientAccessError,
  CONFLICT: ConflictError,
  INVALID_FIELD: InvalidFieldError,
  INVALID_FIELD_FOR_INSERT_UPDATE: InvalidFieldForInsertUpdateError,
  FIELD_INTEGRITY_EXCEPTION: FieldIntegrityError,
  STRING_TOO_LONG: StringTooLongError,
  INVALID_TYPE: InvalidTypeError,
  INVALID_TYPE_ON_FIELD_IN_RECORD: InvalidTypeOnFieldError,
  REQUIRED_FIELD_MISSING: RequiredFieldMissingError,
  MISSING_ARGUMENT: MissingArgumentError,
  MALFORMED_ID: MalformedIdError,
  MALFORMED_QUERY: MalformedQueryError,
  INVALID_QUERY_FILTER_OPERATOR: InvalidQueryFilterOperatorError,
  INVALID_QUERY_LOCATOR: InvalidQueryLocatorError,
  ENTITY_IS_DELETED: EntityIsDeletedError,
  INVALID_CROSS_REFERENCE_KEY: InvalidCrossReferenceKeyError,
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: InvalidPicklistValueError,
  NUMBER_OUTSIDE_VALID_RANGE: NumberOutsideValidRangeError,
  INVALID_EMAIL_ADDRESS: InvalidEmailAddressError,
  DUPLICATE_VALUE: DuplicateValueError,
  DUPLICATE_USERNAME: DuplicateUsernameError,
  DELETE_FAILED: DeleteFailedError,
  INVALID_OPERATION: InvalidOperationError,
  INVALID_API_INPUT: InvalidApiInputError,
  LIMIT_EXCEEDED: LimitExceededError,
  CANNOT_EXECUTE_FLOW_TRIGGER: CannotExecuteFlowTriggerError,
  FIELD_CUSTOM_VALIDATION_EXCEPTION: FieldCustomValidationError,
  ALL_OR_NONE_OPERATION_ROLLED_BACK: AllOrNoneRolledBackError,
  EXCEEDED_ID_LIMIT: ExceededIdLimitError,
  PROCESSING_HALTED: ProcessingHaltedError,
};

/** The catalogue's typed error for `code` (a per-record save error made throwable again). */
export function requestErrorOf(code: RequestErrorCode, message: string, fields: readonly string[] = [], additional: readonly RequestError[] = []): RequestError {
  return new REQUEST_ERROR_CLASSES[code](message, fields, { additional });
}

/**
 * Base of infrastructure failures: not the caller's doing nor the flow's. The transaction they
 * happen in rolls back; `retryable` ones may succeed when run again (the job runner retries
 * them; the server answers 503 `SERVER_UNAVAILABLE`, which clients retry).
 */
export abstract class InfrastructureError extends Error {
  abstract readonly code: InfrastructureErrorCode;
  /** Whether running the same operation again may succeed. */
  abstract readonly retryable: boolean;

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Whether `error` is one of the catalogue's infrastructure failures. */
export function isInfrastructureError(error: unknown): error is InfrastructureError {
  return error instanceof InfrastructureError;
}

/** A lock is held by another transaction (PostgreSQL `lock_not_available`, SQLite `SQLITE_BUSY`). */
export class StorageBusyError extends InfrastructureError {
  readonly code = 'STORAGE_BUSY' as const;
  readonly retryable = true;
}

/** The database aborted the transaction to keep transactions serialisable (a serialization failure, a deadlock). */
export class SerializationFailureError extends InfrastructureError {
  readonly code = 'SERIALIZATION_FAILURE' as const;
  readonly retryable = true;
}

/** The database cannot be reached or is going away (a lost connection, too many connections, a shutdown). */
export class StorageUnavailableError extends InfrastructureError {
  readonly code = 'STORAGE_UNAVAILABLE' as const;
  readonly retryable = true;
}

/**
 * Internal: a worker's lease on a job or an outbox message ended and another worker took it
 * over, so this one must not record an outcome. Its holder drops the work; it never reaches a
 * client (the server treats one that does as a bug).
 */
export class LeaseLostError extends InfrastructureError {
  readonly code = 'LEASE_LOST' as const;
  readonly retryable = false;
}
