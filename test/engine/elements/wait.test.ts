import { describe, expect, it } from 'vitest';
import { StepInputError, start, step } from '../../../src/engine/index.js';
import { alarmTime } from '../../../src/engine/elements/wait.js';
import { roundTrip, startContext, stepContext } from '../support/context.js';
import { assignment, connector, flowFromXml, num, ref, str, variable } from '../support/flow-xml.js';
import { runScript } from '../support/harness.js';

function param(name: string, value: string): string {
  return `<inputParameters><name>${name}</name><value>${value}</value></inputParameters>`;
}

function waitFlow(events: string, extra = ''): ReturnType<typeof flowFromXml> {
  return flowFromXml(
    variable('path', 'String', { output: true }) +
      variable('resumedAt', 'DateTime', { output: true }) +
      variable('when', 'DateTime', { input: true }) +
      variable('skip', 'Boolean', { input: true, defaultValue: '<booleanValue>false</booleanValue>' }) +
      `<waits><name>Pause_Here</name><label>Pause</label>${connector('Default_Path', 'defaultConnector')}<defaultConnectorLabel>Default</defaultConnectorLabel>${events}</waits>` +
      assignment('Alarm_Path', [['path', 'Assign', str('alarm')]]) +
      assignment('Event_Path', [['path', 'Assign', str('event')]]) +
      assignment('Default_Path', [['path', 'Assign', str('default')]]) +
      extra,
    { start: 'Pause_Here' },
  );
}

const alarmEvent = (offset: string, unit: string) => `<waitEvents><name>Alarm</name><label>Alarm</label><eventType>AlarmEvent</eventType>
  <conditionLogic>and</conditionLogic><conditions><leftValueReference>skip</leftValueReference><operator>EqualTo</operator><rightValue><booleanValue>false</booleanValue></rightValue></conditions>
  ${param('AlarmTime', ref('when'))}${param('TimeOffset', offset)}${param('TimeOffsetUnit', str(unit))}
  <outputParameters><assignToReference>resumedAt</assignToReference><name>AlarmTime</name></outputParameters>
  ${connector('Alarm_Path')}</waitEvents>`;

describe('wait element', () => {
  it('computes the alarm from AlarmTime plus TimeOffset in hours or days, negative allowed', () => {
    expect(alarmTime('2024-03-01T10:00:00.000Z', 3, 'Days', 'now')).toBe('2024-03-04T10:00:00.000Z');
    expect(alarmTime('2024-03-01T10:00:00.000Z', -2, 'Hours', 'now')).toBe('2024-03-01T08:00:00.000Z');
    expect(alarmTime('2024-03-01', 1, 'Hours', 'now')).toBe('2024-03-01T01:00:00.000Z');
    expect(alarmTime(null, 0, 'Hours', '2024-01-15T09:00:00.000Z')).toBe('2024-01-15T09:00:00.000Z');
  });

  it('waits with the resume time as data, then resumes along the event connector with its outputs', () => {
    const flow = waitFlow(alarmEvent(num(-1), 'Days'));
    const first = start(flow, { when: '2024-02-10T12:00:00.000Z' }, startContext());
    expect(first.awaiting).toEqual({ kind: 'wait', wait: { element: 'Pause_Here', events: [{ kind: 'alarm', event: 'Alarm', resumeAt: '2024-02-09T12:00:00.000Z' }] } });
    expect(first.state.status).toBe('waiting');
    const resumed = step(flow, roundTrip(first.state), { kind: 'waitEvent', event: 'Alarm', outputs: {} }, stepContext({ now: '2024-02-09T12:00:05.000Z' }));
    expect(resumed.awaiting).toEqual({ kind: 'finished', outputs: { path: 'alarm', resumedAt: '2024-02-09T12:00:00.000Z' } });
    expect(resumed.state.waiting).toBeNull();
  });

  it('takes the default path at once when no event conditions hold', () => {
    const flow = waitFlow(alarmEvent(num(1), 'Hours'));
    expect(start(flow, { when: '2024-02-10T12:00:00.000Z', skip: true }, startContext()).awaiting).toEqual({
      kind: 'finished',
      outputs: { path: 'default', resumedAt: null },
    });
  });

  it('waits for a platform event with the filter values it must carry', async () => {
    const flow = waitFlow(
      `<waitEvents><name>Order_Shipped</name><label>Shipped</label><eventType>Order_Shipped__e</eventType>
        ${param('Order_Number__c', str('A-42'))}${connector('Event_Path')}</waitEvents>` + alarmEvent(num(2), 'Days'),
    );
    const first = start(flow, { when: '2024-02-10T12:00:00.000Z' }, startContext());
    expect(first.awaiting).toEqual({
      kind: 'wait',
      wait: {
        element: 'Pause_Here',
        events: [
          { kind: 'platformEvent', event: 'Order_Shipped', eventType: 'Order_Shipped__e', filters: { Order_Number__c: 'A-42' } },
          { kind: 'alarm', event: 'Alarm', resumeAt: '2024-02-12T12:00:00.000Z' },
        ],
      },
    });
    const run = await runScript(flow, { inputs: { when: '2024-02-10T12:00:00.000Z' }, waits: [{ event: 'Order_Shipped' }], pauseEveryScreen: true });
    expect(run.outputs?.path).toBe('event');
  });

  it('refuses a waitEvent for an event the interview is not waiting for', () => {
    const flow = waitFlow(alarmEvent(num(1), 'Hours'));
    const first = start(flow, { when: '2024-02-10T12:00:00.000Z' }, startContext());
    expect(() => step(flow, first.state, { kind: 'waitEvent', event: 'Other', outputs: {} }, stepContext())).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_WAIT_EVENT' }),
    );
    expect(() => step(flow, first.state, { kind: 'navigate', action: 'NEXT', values: {} }, stepContext())).toThrow(StepInputError);
  });

  it('faults with WAIT_IN_SCREEN_FLOW in a flow with screens', () => {
    const flow = waitFlow(
      alarmEvent(num(1), 'Hours'),
      `<screens><name>Unused</name><label>Unused</label><allowBack>true</allowBack><allowFinish>true</allowFinish><allowPause>true</allowPause><showFooter>true</showFooter><showHeader>true</showHeader></screens>`,
    );
    expect(start(flow, { when: '2024-02-10T12:00:00.000Z' }, startContext()).awaiting).toMatchObject({
      kind: 'failed',
      fault: { code: 'WAIT_IN_SCREEN_FLOW', element: 'Pause_Here' },
    });
  });
});
