/**
 * The fault policy of a run: which errors a port throws while an interview runs are faults of
 * the flow and which are not. The one request loop (`engine/driver.ts`) judges port errors by
 * it, in production and in the end-to-end engine tests alike.
 *
 * As in Salesforce, what a record operation or an action refuses is the flow's fault: a
 * validation error, a missing required field, a duplicate value, an unknown or failing action.
 * The element takes its fault connector with `$Flow.FaultMessage` set, or the interview ends in
 * error with the fault. What the infrastructure fails at is not the flow's: a lock or
 * serialisation failure, a lost connection or lease, a concurrent change (`CONFLICT`). Those roll
 * the whole transaction back, to be retried (the job runner) or surfaced (the server's 409 and
 * 503) — a user's interview is not marked failed because the database was busy. Any other error
 * is a bug: thrown and logged, never recorded as the flow's fault.
 */
import type { FaultCode, FaultPolicy, PortFault } from '../../engine/index.js';
import { FlowFault } from '../../engine/index.js';
import { ActionError, type ActionErrorCode } from '../actions/action-registry.js';
import { isInfrastructureError, isRequestError, type RequestErrorCode } from '../errors.js';

/** What an error thrown inside a run is. */
export type RunErrorKind =
  | { readonly kind: 'fault'; readonly fault: PortFault }
  | { readonly kind: 'infrastructure'; readonly retryable: boolean }
  | { readonly kind: 'bug' };

/**
 * Each bad-request error inside a run: the fault it is (same code), or infrastructure. A new
 * catalogue code fails the type check until it is decided here.
 */
const REQUEST_ERRORS_IN_A_RUN: Readonly<Record<RequestErrorCode, FaultCode | 'infrastructure'>> = {
  NOT_FOUND: 'NOT_FOUND',
  INSUFFICIENT_ACCESS: 'INSUFFICIENT_ACCESS',
  // Someone changed the same row meanwhile: run it again on what they left, not the fault path.
  CONFLICT: 'infrastructure',
  INVALID_FIELD: 'INVALID_FIELD',
  INVALID_FIELD_FOR_INSERT_UPDATE: 'INVALID_FIELD_FOR_INSERT_UPDATE',
  FIELD_INTEGRITY_EXCEPTION: 'FIELD_INTEGRITY_EXCEPTION',
  STRING_TOO_LONG: 'STRING_TOO_LONG',
  INVALID_TYPE: 'INVALID_TYPE',
  INVALID_TYPE_ON_FIELD_IN_RECORD: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
  REQUIRED_FIELD_MISSING: 'REQUIRED_FIELD_MISSING',
  MISSING_ARGUMENT: 'MISSING_ARGUMENT',
  MALFORMED_ID: 'MALFORMED_ID',
  MALFORMED_QUERY: 'MALFORMED_QUERY',
  INVALID_QUERY_FILTER_OPERATOR: 'INVALID_QUERY_FILTER_OPERATOR',
  INVALID_QUERY_LOCATOR: 'INVALID_QUERY_LOCATOR',
  ENTITY_IS_DELETED: 'ENTITY_IS_DELETED',
  INVALID_CROSS_REFERENCE_KEY: 'INVALID_CROSS_REFERENCE_KEY',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  NUMBER_OUTSIDE_VALID_RANGE: 'NUMBER_OUTSIDE_VALID_RANGE',
  INVALID_EMAIL_ADDRESS: 'INVALID_EMAIL_ADDRESS',
  DUPLICATE_VALUE: 'DUPLICATE_VALUE',
  DUPLICATE_USERNAME: 'DUPLICATE_USERNAME',
  DELETE_FAILED: 'DELETE_FAILED',
  INVALID_OPERATION: 'INVALID_OPERATION',
  INVALID_API_INPUT: 'INVALID_API_INPUT',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  CANNOT_EXECUTE_FLOW_TRIGGER: 'CANNOT_EXECUTE_FLOW_TRIGGER',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  ALL_OR_NONE_OPERATION_ROLLED_BACK: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  // REST-only codes (sObject Collections, /composite): no record port raises them.
  EXCEEDED_ID_LIMIT: 'EXCEEDED_ID_LIMIT',
  PROCESSING_HALTED: 'PROCESSING_HALTED',
};

/** Each action error inside a run. Registration errors cannot come out of a call: a bug if they do. */
const ACTION_ERRORS_IN_A_RUN: Readonly<Record<ActionErrorCode, FaultCode | 'bug'>> = {
  UNKNOWN_ACTION: 'UNKNOWN_ACTION',
  ACTION_FAILED: 'ACTION_FAILED',
  INVALID_INPUT: 'INVALID_INPUT',
  DUPLICATE_ACTION: 'bug',
  INVALID_ACTION: 'bug',
  INVALID_ACTION_MODULE: 'bug',
};

const BUG: RunErrorKind = { kind: 'bug' };

function fault(code: FaultCode, message: string): RunErrorKind {
  return { kind: 'fault', fault: { code, message } };
}

/** Classifies an error thrown by a port (a record store, an action, a flow load) during a run. */
export function classifyRunError(error: unknown): RunErrorKind {
  if (error instanceof FlowFault) return fault(error.code, error.message);
  if (error instanceof ActionError) {
    const meaning = ACTION_ERRORS_IN_A_RUN[error.code];
    return meaning === 'bug' ? BUG : fault(meaning, error.message);
  }
  if (isRequestError(error)) {
    const meaning = REQUEST_ERRORS_IN_A_RUN[error.code];
    return meaning === 'infrastructure' ? { kind: 'infrastructure', retryable: true } : fault(meaning, error.message);
  }
  if (isInfrastructureError(error)) return { kind: 'infrastructure', retryable: error.retryable };
  return BUG;
}

/** The production fault policy: faults as {@link classifyRunError} finds them; everything else is rethrown. */
export const runFaultPolicy: FaultPolicy = (error) => {
  const meaning = classifyRunError(error);
  return meaning.kind === 'fault' ? meaning.fault : undefined;
};
