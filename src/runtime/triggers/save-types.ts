/**
 * The save pipeline's vocabulary: a save request (N records of one object, one operation), and
 * each record's result in Salesforce's shape (`{ id, success, errors: [{ statusCode, message,
 * fields }] }`), which the REST sObject resources and sObject Collections answer.
 */
import type { FlowRecord } from '../../engine/index.js';
import { isRequestError, type RequestError, requestErrorOf, type RequestErrorCode } from '../errors.js';

/** What a save does to its records. */
export type SaveOperation = 'create' | 'update' | 'delete';

/** One error of a record's save. */
export interface SaveError {
  readonly statusCode: RequestErrorCode;
  readonly message: string;
  readonly fields: readonly string[];
}

/** A record's outcome, in request order. `id` is the new Id of a create, the record's own otherwise (null when a create failed). */
export interface SaveResult {
  readonly id: string | null;
  readonly success: boolean;
  readonly errors: readonly SaveError[];
}

/** A batch of records of one object to save with one operation. */
export interface SaveRequest {
  readonly operation: SaveOperation;
  /** The object's API name. */
  readonly object: string;
  /** create: the new records; update: `Id` and the fields to change; delete: `Id`. */
  readonly records: readonly FlowRecord[];
  /**
   * Each record's group: a record that fails fails its whole group, and the other groups are
   * saved without it (Salesforce's partial save). Default: one group, all or none. A REST
   * collection with `allOrNone=false` gives each record its own group; a flow's bulkified DML
   * gives each interview's records one group.
   */
  readonly groups?: readonly number[];
  /** Read-only fields given: `reject` (REST) or `ignore` (flows, which write back what they read). Default `ignore`. */
  readonly readOnlyFields?: 'ignore' | 'reject';
}

/** The catalogue error as a record's save error. */
export function saveErrorOf(error: RequestError): SaveError {
  return { statusCode: error.code, message: error.message, fields: [...error.fields] };
}

/** A record's errors as one throwable catalogue error (the first, with the others as `additional`). */
export function throwableOf(errors: readonly SaveError[]): RequestError {
  const [first, ...rest] = errors;
  if (first === undefined) return requestErrorOf('INVALID_OPERATION', 'The record was not saved.');
  return requestErrorOf(first.statusCode, first.message, first.fields, rest.map((more) => requestErrorOf(more.statusCode, more.message, more.fields)));
}

/** Runs `work` for one record: a catalogue error becomes its save errors; anything else propagates. */
export function recordErrors(work: () => void): SaveError[] | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    if (isRequestError(error)) return [saveErrorOf(error)];
    throw error;
  }
}
