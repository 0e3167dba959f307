/**
 * Durable waits: what a waiting interview leaves in the database so that it resumes once, and
 * only once, when its first event occurs.
 *
 * - An alarm (`AlarmEvent`, and `DateRefAlarmEvent` once its record's date is read) becomes a
 *   `wait.resume` job due at the alarm time. Its idempotency key names the interview, the
 *   interview's version while waiting, and the event, so the same wait is never scheduled twice
 *   and a job left from an earlier wait of the same interview cannot resume a later one.
 * - A platform event becomes a wait subscription (event type and the values the event must have).
 *
 * Resuming (by either) completes the job that fired, cancels the wait's other jobs and removes its
 * subscriptions, in the transaction that saves the resumed state.
 */
import type { Fault, FlowRecord, FlowValue, JsonValue, WaitCondition, WaitEventCondition } from '../../engine/index.js';
import { getField, valuesEqual } from '../../engine/index.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import { isValidId } from '../org/ids.js';
import type { StorageSession } from '../ports/index.js';

/** Job kind of an alarm that resumes a waiting interview. */
export const WAIT_RESUME_JOB = 'wait.resume';

/** The payload of a {@link WAIT_RESUME_JOB} job. */
export interface ResumeWaitPayload {
  readonly interviewId: string;
  /** The interview's version while it waits: a job for another version is stale. */
  readonly version: number;
  readonly element: string;
  readonly event: string;
}

/** An alarm with its time resolved. */
export interface ResolvedAlarm {
  readonly event: string;
  /** ISO-8601 date-time. */
  readonly resumeAt: string;
}

/** A wait with its alarm times resolved, ready to be scheduled. */
export interface ResolvedWait {
  readonly element: string;
  readonly alarms: readonly ResolvedAlarm[];
  readonly events: readonly Extract<WaitEventCondition, { kind: 'platformEvent' }>[];
}

const HOUR_MS = 60 * 60 * 1000;

/** The unique key of the job for one alarm of one wait. */
export function waitJobKey(interviewId: string, version: number, event: string): string {
  return `wait:${interviewId}:${version}:${event.toLowerCase()}`;
}

/** The payload of a job, or `undefined` when it is not a resume payload. */
export function parseResumeWaitPayload(payload: JsonValue): ResumeWaitPayload | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const { interviewId, version, element, event } = payload;
  if (typeof interviewId !== 'string' || typeof version !== 'number' || typeof element !== 'string' || typeof event !== 'string') return undefined;
  return { interviewId, version, element, event };
}

/**
 * Resolves the alarm times of a wait: `alarm` events carry theirs; a `recordAlarm` reads the
 * record's date or date-time field and adds the offset (a date means midnight UTC; a missing
 * record or an empty field means as soon as possible, as Salesforce resumes those "shortly").
 * Returns a fault when the record's field cannot be read.
 */
export async function resolveWait(session: StorageSession, wait: WaitCondition, now: Date): Promise<ResolvedWait | { readonly fault: Fault }> {
  const alarms: ResolvedAlarm[] = [];
  const events: Extract<WaitEventCondition, { kind: 'platformEvent' }>[] = [];
  for (const condition of wait.events) {
    switch (condition.kind) {
      case 'alarm':
        alarms.push({ event: condition.event, resumeAt: condition.resumeAt });
        break;
      case 'recordAlarm': {
        const resolved = await recordAlarmTime(session, condition, now);
        if ('fault' in resolved) return { fault: { ...resolved.fault, element: wait.element } };
        alarms.push({ event: condition.event, resumeAt: resolved.resumeAt });
        break;
      }
      case 'platformEvent':
        events.push(condition);
        break;
    }
  }
  return { element: wait.element, alarms, events };
}

async function recordAlarmTime(
  session: StorageSession,
  condition: Extract<WaitEventCondition, { kind: 'recordAlarm' }>,
  now: Date,
): Promise<{ readonly resumeAt: string } | { readonly fault: Fault }> {
  const schema = await session.records.schema();
  const field = schema.field(condition.object, condition.field);
  if (field === undefined || (field.type !== 'date' && field.type !== 'datetime')) {
    return {
      fault: {
        code: 'INVALID_WAIT_EVENT',
        message: `Wait event "${condition.event}": ${condition.object}.${condition.field} is not a date or date/time field.`,
        element: undefined,
      },
    };
  }
  const asap = { resumeAt: now.toISOString() };
  if (condition.recordId === null || !isValidId(condition.recordId)) return asap;
  const record: FlowRecord | undefined = await session.records.getById(condition.recordId, [field.name]);
  const value: FlowValue | undefined = record?.[field.name];
  if (typeof value !== 'string' || value === '') return asap;
  const base = Date.parse(field.type === 'date' ? `${value.slice(0, 10)}T00:00:00.000Z` : value);
  if (Number.isNaN(base)) return asap;
  const offsetMs = condition.offset * (condition.offsetUnit === 'Days' ? 24 * HOUR_MS : HOUR_MS);
  return { resumeAt: new Date(base + offsetMs).toISOString() };
}

/**
 * Schedules the wait's alarms (jobs of at most `maxAttempts` attempts) and subscribes to its
 * platform events, for the interview at `version`.
 */
export async function scheduleWait(session: StorageSession, interviewId: string, version: number, wait: ResolvedWait, maxAttempts: number): Promise<void> {
  for (const alarm of wait.alarms) {
    const payload: ResumeWaitPayload = { interviewId, version, element: wait.element, event: alarm.event };
    await enqueueJob(session, { kind: WAIT_RESUME_JOB, payload: { ...payload }, runAt: alarm.resumeAt, idempotencyKey: waitJobKey(interviewId, version, alarm.event), maxAttempts });
  }
  for (const event of wait.events) {
    await session.waits.add({ interviewId, element: wait.element, event: event.event, eventType: event.eventType, filters: event.filters });
  }
}

/** Cancels the alarms of a wait the interview was in at `version` and removes its subscriptions. */
export async function clearWait(session: StorageSession, interviewId: string, version: number, wait: WaitCondition): Promise<void> {
  for (const condition of wait.events) {
    if (condition.kind !== 'platformEvent') await session.jobs.cancelByKey(WAIT_RESUME_JOB, waitJobKey(interviewId, version, condition.event));
  }
  await session.waits.removeForInterview(interviewId);
}

/**
 * Whether a published event has the values a subscription asks for: every filter names a field
 * of the event (API names match case-insensitively) whose value equals the filter's, compared
 * as flow conditions compare (`EqualTo`: numbers by value, text exactly).
 */
export function eventMatches(filters: Readonly<Record<string, FlowValue>>, payload: Readonly<Record<string, FlowValue>>): boolean {
  return Object.entries(filters).every(([name, expected]) => {
    const actual = getField(payload as Record<string, FlowValue> & { [key: string]: FlowValue }, name);
    return valuesEqual({ value: actual, dataType: undefined, isCollection: Array.isArray(actual) }, { value: expected, dataType: undefined, isCollection: Array.isArray(expected) });
  });
}
