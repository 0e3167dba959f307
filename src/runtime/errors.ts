/**
 * The catalogue of bad-request errors: typed errors with stable codes, Salesforce's own where it
 * has one (`MALFORMED_ID`, `STRING_TOO_LONG`, ...). The server maps them to HTTP statuses and to
 * Salesforce's `[{ message, errorCode, fields }]` body in one place; the runtime and storage only
 * throw them. Assert them in tests by `code`.
 */

/** Every stable error code. */
export const ERROR_CODES = [
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
] as const;

/** A stable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Base of every bad-request error: a stable `code`, a message naming the problem, the fields involved. */
export abstract class RequestError extends Error {
  abstract readonly code: ErrorCode;
  /** Field API names the error is about (Salesforce's `fields`). */
  readonly fields: readonly string[];

  constructor(message: string, fields: readonly string[] = []) {
    super(message);
    this.name = new.target.name;
    this.fields = fields;
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
