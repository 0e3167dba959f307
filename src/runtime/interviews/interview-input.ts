/**
 * Checks of the interview service's arguments, made before its transaction opens. They arrive
 * from HTTP and the CLI as unchecked JSON, so a wrong shape is a typed bad request
 * (`InvalidApiInputError` and its kin, naming the field) rather than a fault inside the flow.
 */
import type { FlowValue } from '../../engine/protocol.js';
import { InvalidApiInputError, InvalidPicklistValueError, MissingArgumentError, NumberOutsideValidRangeError, StringTooLongError } from '../errors.js';
import { parseId } from '../org/ids.js';
import type { InterviewStatus } from '../ports/index.js';
import { INTERVIEW_STATUSES } from '../org/system-objects.js';

/** The longest pause reason a user may enter (Salesforce's UI limit). */
export const MAX_PAUSE_REASON_LENGTH = 255;

/** The interview's 18-character Id (`MalformedIdError` otherwise). */
export function parseInterviewId(interviewId: string): string {
  return parseId(interviewId, 'interviewId');
}

/** The flow to start: a non-blank API name. */
export function checkFlowApiName(flowApiName: string): void {
  if (typeof flowApiName !== 'string' || flowApiName.trim() === '') throw new MissingArgumentError('The flow API name is required.', ['flowApiName']);
}

/** A screen navigation's action. */
export function checkNavigateAction(action: unknown): 'NEXT' | 'BACK' | 'FINISH' {
  if (action !== 'NEXT' && action !== 'BACK' && action !== 'FINISH') {
    throw new InvalidApiInputError(`action must be NEXT, BACK or FINISH, not ${JSON.stringify(action)}.`, ['action']);
  }
  return action;
}

/** The pause reason as `PauseLabel` stores it: at most {@link MAX_PAUSE_REASON_LENGTH} characters, null when blank. */
export function checkPauseReason(given: string | undefined): string | null {
  const reason = given ?? null;
  if (reason === null) return null;
  if (typeof reason !== 'string') throw new InvalidApiInputError('The pause reason must be text.', ['reason']);
  if (reason.length > MAX_PAUSE_REASON_LENGTH) {
    throw new StringTooLongError(`The pause reason is ${reason.length} characters long; at most ${MAX_PAUSE_REASON_LENGTH} are allowed.`, ['reason']);
  }
  return reason.trim() === '' ? null : reason;
}

/** The interview version a client last saw, when it names one: a positive integer. */
export function checkVersion(version: number | undefined): void {
  if (version === undefined) return;
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new InvalidApiInputError('version must be an integer.', ['version']);
  if (version < 1 || !Number.isSafeInteger(version)) throw new NumberOutsideValidRangeError(`version must be a positive integer (an interview's version), not ${version}.`, ['version']);
}

/** A platform event's type: an API name such as `Order_Shipped__e`. */
export function checkEventType(eventType: string): void {
  if (typeof eventType !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(eventType)) {
    throw new InvalidApiInputError(`The event type must be an API name such as Order_Shipped__e, not ${JSON.stringify(eventType)}.`, ['eventType']);
  }
}

/** Values by name (screen values, start inputs, an event's payload); none when absent. */
export function checkValues(values: unknown, field = 'values'): Record<string, FlowValue> {
  if (values === undefined || values === null) return {};
  if (typeof values !== 'object' || Array.isArray(values)) throw new InvalidApiInputError(`${field} must be an object of values by name.`, [field]);
  return values as Record<string, FlowValue>;
}

/** Interview statuses, matched case-insensitively to the picklist's values. */
export function checkStatuses(statuses: readonly string[]): InterviewStatus[] {
  if (!Array.isArray(statuses)) throw new InvalidApiInputError('statuses must be a list.', ['statuses']);
  return statuses.map((status) => {
    const known = INTERVIEW_STATUSES.find((candidate) => candidate.toLowerCase() === String(status).toLowerCase());
    if (known === undefined) throw new InvalidPicklistValueError(`InterviewStatus: bad value for restricted picklist field: ${String(status)}`, ['statuses']);
    return known;
  });
}

/** The most interviews one list answers. */
export const MAX_LIST_LIMIT = 2000;
/** The largest list offset (Salesforce's SOQL OFFSET limit). */
export const MAX_LIST_OFFSET = 2000;

/** A list's limit or offset: an integer of at least `minimum` and at most `maximum` (`NUMBER_OUTSIDE_VALID_RANGE` above it). */
export function checkCount(value: number, field: string, minimum: number, maximum: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) throw new InvalidApiInputError(`${field} must be an integer of at least ${minimum}.`, [field]);
  if (value > maximum) throw new NumberOutsideValidRangeError(`${field} must be at most ${maximum}, not ${value}.`, [field]);
  return value;
}
