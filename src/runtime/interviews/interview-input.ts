/**
 * Checks of the interview service's arguments, made before its transaction opens. They arrive
 * from HTTP and the CLI as unchecked JSON, so a wrong shape is a typed bad request
 * (`InvalidApiInputError` and its kin, naming the field) rather than a fault inside the flow.
 */
import type { FlowValue } from '../../engine/index.js';
import { ConflictError, InvalidApiInputError, InvalidPicklistValueError, MissingArgumentError, NumberOutsideValidRangeError, StringTooLongError } from '../errors.js';
import { parseId } from '../org/ids.js';
import type { InterviewStatus, StoredInterview } from '../ports/index.js';
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

/**
 * Which screen a navigation answers. When given, an interview that has moved on — another submit
 * of the same screen won — fails with `ConflictError` naming where it is now. The HTTP API requires
 * one of the two (`docs/api.md`); in-process callers holding the view should pass it.
 */
export interface ScreenAnswered {
  /** The interview's `version` in the view the client answers. */
  readonly version?: number;
  /** The name of the screen the client shows (`screen.name`). */
  readonly screen?: string;
}

/** The shape of a {@link ScreenAnswered}: a positive integer version, a non-blank screen name. */
export function checkScreenAnswered(answered: ScreenAnswered): void {
  checkVersion(answered.version);
  const screen = answered.screen;
  if (screen !== undefined && (typeof screen !== 'string' || screen.trim() === '')) throw new InvalidApiInputError('screen must be the name of the screen you answer.', ['screen']);
}

/**
 * `ConflictError` unless `interview` is still where the client saw it: at `version`, and at the
 * screen named `screen`. The message says where it is now, so the client can show that instead.
 */
export function requireScreenAnswered(interview: StoredInterview, answered: ScreenAnswered): void {
  const movedFromVersion = answered.version !== undefined && answered.version !== interview.version;
  const screenNow = interview.InterviewStatus === 'Running' ? interview.CurrentElement : null;
  const movedFromScreen = answered.screen !== undefined && answered.screen !== screenNow;
  if (!movedFromVersion && !movedFromScreen) return;
  const now =
    screenNow !== null
      ? `at screen "${screenNow}" (version ${interview.version})`
      : `${interview.InterviewStatus === 'Paused' ? (interview.WasPausedFromScreen ? 'paused' : 'waiting') : interview.InterviewStatus.toLowerCase()} (version ${interview.version})`;
  const asked = [answered.screen === undefined ? undefined : `screen "${answered.screen}"`, answered.version === undefined ? undefined : `version ${answered.version}`].filter((part) => part !== undefined).join(', ');
  throw new ConflictError(`Interview ${interview.Id} is now ${now}, not at the ${asked} this request answers: it changed since you read it (another submit may have won). Reload it to see where it is.`, [movedFromVersion ? 'version' : 'screen']);
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
