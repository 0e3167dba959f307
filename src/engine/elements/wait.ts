/**
 * `<waits>` (autolaunched flows only). Each event whose conditions hold is waited for; with none,
 * the default connector is taken at once. The resume condition is data: an alarm time
 * (`AlarmTime` + `TimeOffset` in `TimeOffsetUnit` Hours|Days, negative allowed), a record-field
 * alarm for the runtime to compute, or a platform event with the values it must carry. The
 * `waitEvent` input resumes along that event's connector with its output parameters.
 */
import type { WaitElement, WaitEvent } from '../../flow-model/index.js';
import { type ElementContext, next, type Outcome } from '../element-outcome.js';
import { FlowFault } from '../fault.js';
import type { FlowValue, WaitEventCondition } from '../protocol.js';
import { StepInputError } from '../step-input-error.js';
import { getField } from '../value-path.js';
import { isBlank, valueToText } from '../values.js';

const MS_PER_UNIT = { Hours: 3_600_000, Days: 86_400_000 } as const;

function parameters(event: WaitEvent, ctx: ElementContext): Record<string, FlowValue> {
  const values: Record<string, FlowValue> = {};
  for (const parameter of event.inputParameters) values[parameter.name] = ctx.scope.evaluate(parameter.value).value;
  return values;
}

function offsetOf(values: Record<string, FlowValue>, event: WaitEvent): { offset: number; offsetUnit: 'Hours' | 'Days' } {
  const raw = getField(values, 'TimeOffset');
  const offset = isBlank(raw) ? 0 : Number(raw);
  if (!Number.isFinite(offset)) throw new FlowFault('INVALID_TYPE', `Wait event "${event.name}": TimeOffset ${JSON.stringify(raw)} is not a number.`);
  const unitText = isBlank(getField(values, 'TimeOffsetUnit')) ? 'Hours' : valueToText(getField(values, 'TimeOffsetUnit'));
  const offsetUnit = unitText.toLowerCase() === 'days' ? 'Days' : unitText.toLowerCase() === 'hours' ? 'Hours' : undefined;
  if (offsetUnit === undefined) throw new FlowFault('INVALID_TYPE', `Wait event "${event.name}": TimeOffsetUnit must be Hours or Days, not "${unitText}".`);
  return { offset, offsetUnit };
}

/** `AlarmTime` + offset as an ISO date-time; a blank alarm time means now (resume as soon as possible). */
export function alarmTime(alarm: FlowValue, offset: number, unit: 'Hours' | 'Days', now: string, event = 'alarm'): string {
  const text = isBlank(alarm) ? now : valueToText(alarm);
  const base = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(base)) throw new FlowFault('INVALID_TYPE', `Wait event "${event}": AlarmTime ${JSON.stringify(alarm)} is not a date or date-time.`);
  return new Date(base + offset * MS_PER_UNIT[unit]).toISOString();
}

function eventCondition(event: WaitEvent, ctx: ElementContext): WaitEventCondition {
  const values = parameters(event, ctx);
  switch (event.eventType) {
    case 'AlarmEvent': {
      const { offset, offsetUnit } = offsetOf(values, event);
      return { kind: 'alarm', event: event.name, resumeAt: alarmTime(getField(values, 'AlarmTime'), offset, offsetUnit, ctx.context.now, event.name) };
    }
    case 'DateRefAlarmEvent': {
      const { offset, offsetUnit } = offsetOf(values, event);
      const recordId = getField(values, 'EntityObjectId');
      return {
        kind: 'recordAlarm',
        event: event.name,
        object: valueToText(getField(values, 'TimeTableColumnEnumOrId') ?? ''),
        field: valueToText(getField(values, 'TimeFieldColumnEnumOrId') ?? ''),
        recordId: isBlank(recordId) ? null : valueToText(recordId),
        offset,
        offsetUnit,
      };
    }
    default:
      return { kind: 'platformEvent', event: event.name, eventType: event.eventType, filters: values };
  }
}

/** Waits for the events whose conditions hold, or takes the default connector. */
export function executeWait(element: WaitElement, ctx: ElementContext): Outcome {
  if (ctx.flow.hasScreens) {
    throw new FlowFault('WAIT_IN_SCREEN_FLOW', `Wait "${element.name}": flows with screens or choices cannot wait; only autolaunched flows can.`);
  }
  if (!ctx.isRoot) throw new FlowFault('WAIT_IN_SUBFLOW', `Wait "${element.name}": a flow that waits cannot run as a subflow.`);
  const events: WaitEventCondition[] = [];
  for (const event of element.events) {
    if (event.conditions !== undefined && !ctx.scope.test(event.conditions)) continue;
    events.push(eventCondition(event, ctx));
  }
  if (events.length === 0) return next(element.defaultConnector);
  return { kind: 'wait', wait: { element: element.name, events } };
}

/** Resumes along the connector of the event that occurred, storing its output parameters. */
export function resumeWait(element: WaitElement, ctx: ElementContext, eventName: string, outputs: Record<string, FlowValue>): Outcome {
  const waiting = ctx.state.waiting;
  const condition = waiting?.events.find((candidate) => candidate.event.toLowerCase() === eventName.toLowerCase());
  const event = element.events.find((candidate) => candidate.name.toLowerCase() === eventName.toLowerCase());
  if (condition === undefined || event === undefined) {
    throw new StepInputError('UNKNOWN_WAIT_EVENT', `Wait "${element.name}" is not waiting for an event named "${eventName}".`);
  }
  for (const parameter of event.outputParameters) {
    let value = getField(outputs, parameter.name);
    if (value === null && condition.kind === 'alarm' && parameter.name.toLowerCase() === 'alarmtime') value = condition.resumeAt;
    ctx.scope.write(parameter.target, value);
  }
  return next(event.connector);
}
