/**
 * The closed catalogue of fault codes: every `code` a {@link Fault} can carry. A fault is data
 * (persisted on the interview, shown as `$Flow.FaultMessage`'s origin), so its code is one of
 * these and nothing else; adding a code is an edit here that the type check then enforces.
 *
 * Codes are Salesforce's own where it has one (its DML `StatusCode` values for record
 * operations), Eddy's otherwise. See `docs/errors.md`.
 */

/** Every fault code, by who raises it. */
export const FAULT_CODES = [
  // --- The engine, while an element runs.
  'INVALID_TYPE',
  'INVALID_INPUT',
  'INVALID_CONDITION',
  'INVALID_ELEMENT',
  'INVALID_REFERENCE',
  'FORMULA_ERROR',
  'UNKNOWN_REFERENCE',
  'UNKNOWN_GLOBAL',
  'UNKNOWN_LABEL',
  'UNKNOWN_PICKLIST',
  'UNKNOWN_COMPONENT',
  'UNKNOWN_FLOW',
  'NULL_REFERENCE',
  'MISSING_ARGUMENT',
  'RUNAWAY_LOOP',
  'UNSUPPORTED',
  'CUSTOM_ERROR',
  'WAIT_IN_SCREEN_FLOW',
  'WAIT_IN_SUBFLOW',

  // --- An action port (the runtime's action registry, or a stub).
  'UNKNOWN_ACTION',
  'ACTION_FAILED',
  /** An Apex action threw (reported by an action port that calls Salesforce's Apex). */
  'APEX_ERROR',

  // --- A record port: the runtime's record-store errors (`runtime/errors.ts`), same codes.
  'NOT_FOUND',
  'INSUFFICIENT_ACCESS',
  'INVALID_FIELD',
  'INVALID_FIELD_FOR_INSERT_UPDATE',
  'FIELD_INTEGRITY_EXCEPTION',
  'STRING_TOO_LONG',
  'INVALID_TYPE_ON_FIELD_IN_RECORD',
  'REQUIRED_FIELD_MISSING',
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
  // A save the record port made failed in a record-triggered flow, or was rolled back with another record.
  'CANNOT_EXECUTE_FLOW_TRIGGER',
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  // REST-only codes (sObject Collections, /composite): no record port raises them, but the run
  // policy keeps every request code as the fault of the same code.
  'EXCEEDED_ID_LIMIT',
  'PROCESSING_HALTED',

  // --- A record port backed by Salesforce (its DML status codes Eddy's own store never raises:
  // no validation rules, duplicate rules or governor limits). Tests' in-memory stores use them.
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'DUPLICATES_DETECTED',
  'ENTITY_IS_LOCKED',
  'UNABLE_TO_LOCK_ROW',
  'STORAGE_LIMIT_EXCEEDED',
  'REQUEST_LIMIT_EXCEEDED',
  'QUERY_TIMEOUT',

  // --- The runtime, around a run: the interview cannot go on.
  'INACTIVE_USER',
  'INVALID_CURRENT_RECORD',
  'INVALID_WAIT_EVENT',
  'RESUME_FAILED',

  // --- No longer raised: port errors without a code, before the fault policy. Interviews
  // that failed then still carry it.
  'RECORD_OPERATION_FAILED',
] as const;

/** A stable fault code. */
export type FaultCode = (typeof FAULT_CODES)[number];
