/**
 * `UnofficialSF__LightningFlowComponents/Wait_for_User_to_Responsd.flow-meta.xml`: an autolaunched
 * flow that waits until three days after `$Flow.InterviewStartTime` (an `AlarmEvent` with
 * `TimeOffset` 3, `TimeOffsetUnit` Days), then sets its output `booleanWaitingPeriodElapsed`.
 * Time comes from a simulated clock.
 */
import { expect, it } from 'vitest';
import { start, step, StepInputError } from '../../src/engine/index.js';
import { loadFlow } from '../engine/support/harness.js';
import { describeWithShared } from '../support/shared-folder.js';
import { corpusFlow } from './support/corpus.js';
import { runBothWays } from './support/run-both-ways.js';

const FLOW = corpusFlow('UnofficialSF__LightningFlowComponents/Wait_for_User_to_Responsd.flow-meta.xml');
const DAY_MS = 24 * 60 * 60 * 1000;
/** Start two days before the end of February of a leap year: the alarm falls on 1 March. */
const STARTED = '2024-02-27T16:45:00.000Z';

function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

describeWithShared('Wait for User to Respond', () => {
  it('waits for an alarm three days after the interview start, as plain JSON state', () => {
    const flow = loadFlow(FLOW);
    const started = start(flow, {}, { now: STARTED, guid: 'wait-1' });

    expect(started.awaiting.kind).toBe('wait');
    expect(started.state.status).toBe('waiting');
    expect(started.state.globals.startTime).toBe(STARTED);
    const alarm = plusDays(started.state.globals.startTime, 3);
    expect(alarm).toBe('2024-03-01T16:45:00.000Z');
    expect(started.state.waiting).toEqual({ element: 'Wait_3_Days', events: [{ kind: 'alarm', event: 'configWait_3_Days', resumeAt: alarm }] });
    expect(started.effects).toEqual([]);
    // Nothing has run past the wait: the output is not set yet.
    expect(started.state.frames[0]?.vars).toEqual({});
    expect(JSON.parse(JSON.stringify(started.state))).toEqual(started.state);
  });

  it('resumes by the alarm event at the alarm time, takes the event path and sets the output', () => {
    const flow = loadFlow(FLOW);
    const waiting = JSON.parse(JSON.stringify(start(flow, {}, { now: STARTED, guid: 'wait-1' }).state)) as ReturnType<typeof start>['state'];
    const resumeAt = plusDays(STARTED, 3);

    const resumed = step(flow, waiting, { kind: 'waitEvent', event: 'configWait_3_Days', outputs: {} }, { now: resumeAt });

    expect(resumed.awaiting).toEqual({ kind: 'finished', outputs: { booleanWaitingPeriodElapsed: true } });
    expect(resumed.state.status).toBe('finished');
    // $Flow.InterviewStartTime is still the start, not the resume time.
    expect(resumed.state.globals.startTime).toBe(STARTED);
    expect(resumed.state.waiting).toBeNull();
  });

  it('refuses to resume by an event the wait does not have', () => {
    const flow = loadFlow(FLOW);
    const waiting = start(flow, {}, { now: STARTED, guid: 'wait-1' }).state;
    const resume = (): unknown => step(flow, waiting, { kind: 'waitEvent', event: 'Some_Other_Event', outputs: {} }, { now: plusDays(STARTED, 3) });
    expect(resume).toThrow(StepInputError);
    expect(resume).toThrow(expect.objectContaining({ code: 'UNKNOWN_WAIT_EVENT' }) as Error);
  });

  it('runs to its end on the simulated clock, straight and with the waiting state round-tripped through JSON', async () => {
    const run = await runBothWays(FLOW, () => ({ now: STARTED }));
    expect(run.waits).toEqual([{ element: 'Wait_3_Days', events: [{ kind: 'alarm', event: 'configWait_3_Days', resumeAt: plusDays(STARTED, 3) }] }]);
    expect(run.status).toBe('finished');
    expect(run.outputs).toEqual({ booleanWaitingPeriodElapsed: true });
    expect(run.screens).toEqual([]);
  });

  it('computes the alarm from the start time whatever the clock says at resumption', async () => {
    const started = '2023-12-30T23:30:00.000Z';
    const run = await runBothWays(FLOW, () => ({ now: started, waits: [{ event: 'configWait_3_Days', at: '2024-01-10T00:00:00.000Z' }] }));
    expect(run.waits[0]?.events[0]).toMatchObject({ resumeAt: '2024-01-02T23:30:00.000Z' });
    expect(run.outputs).toEqual({ booleanWaitingPeriodElapsed: true });
  });
});
