import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrateState, start, step, STATE_SCHEMA_VERSION, type FlowValue, type StepResult } from '../../src/engine/index.js';
import { roundTrip, startContext, stepContext } from './support/context.js';
import { loadFlow, runScript } from './support/harness.js';

const fiveScreens = loadFlow('test/engine/fixtures/Five_Screens.flow-meta.xml');
const answers: { values?: Record<string, FlowValue> }[] = [
  {},
  { values: { First_Name: 'Ada', Last_Name: 'Lovelace', Age: 36 } },
  { values: { Channel: 'email' } },
  { values: { Contact_Value: 'ada@example.com', Notes: 'Call after 5' } },
  {},
];

function screenName(result: StepResult): string | undefined {
  return result.awaiting.kind === 'screen' ? result.awaiting.screen.name : undefined;
}

describe('interview state', () => {
  it('is plain JSON that resumes identically after a round trip at every screen', async () => {
    const straight = await runScript(fiveScreens, { screens: answers });
    const paused = await runScript(fiveScreens, { screens: answers, pauseEveryScreen: true });
    expect(straight.outputs).toEqual({ summary: 'Ada Lovelace (36) by email: ada@example.com' });
    expect(paused.outputs).toEqual(straight.outputs);
    expect(paused.screens).toEqual(straight.screens);
    expect(roundTrip(paused.state)).toEqual(paused.state);
  });

  it('stays well under 2 KB for a paused five-screen flow', async () => {
    let result = start(fiveScreens, {}, startContext());
    let largest = 0;
    for (const answer of answers.slice(0, 4)) {
      result = step(fiveScreens, roundTrip(result.state), { kind: 'pause', values: answer.values ?? {} }, stepContext());
      largest = Math.max(largest, JSON.stringify(result.state).length);
      result = step(fiveScreens, roundTrip(result.state), { kind: 'navigate', action: 'NEXT', values: answer.values ?? {} }, stepContext());
    }
    expect(screenName(result)).toBe('Thanks');
    expect(largest).toBeLessThan(1024);
  });

  it('keeps only what resuming needs: set variables, no definition, no defaults', () => {
    const state = start(fiveScreens, {}, startContext()).state;
    expect(state).toEqual({
      schemaVersion: STATE_SCHEMA_VERSION,
      status: 'screen',
      globals: { guid: 'guid-1', startTime: '2024-01-15T09:00:00.000Z', currentRecord: null, currentStage: null, activeStages: [], faultMessage: null },
      frames: [{ flow: 'Five_Screens', current: 'Welcome', vars: {}, loops: {}, history: [], stored: {}, visited: [] }],
      pending: null,
      waiting: null,
      fault: null,
      executed: 0,
    });
  });

  it('does not change the state given to step', () => {
    const first = start(fiveScreens, {}, startContext());
    const second = step(fiveScreens, first.state, { kind: 'navigate', action: 'NEXT', values: {} }, stepContext());
    const frozen = JSON.stringify(second.state);
    step(fiveScreens, second.state, { kind: 'navigate', action: 'NEXT', values: { First_Name: 'A', Last_Name: 'B' } }, stepContext());
    expect(JSON.stringify(second.state)).toBe(frozen);
  });

  it('resumes a saved schema v1 state (fixture) to the same end', () => {
    const saved: unknown = JSON.parse(readFileSync('test/engine/fixtures/state-v1.json', 'utf8'));
    const state = migrateState(saved);
    const shown = step(fiveScreens, state, { kind: 'show' }, stepContext());
    expect(screenName(shown)).toBe('Details');
    const details = shown.awaiting.kind === 'screen' ? shown.awaiting.screen : undefined;
    expect(details?.fields.map((field) => [field.label, field.value])).toEqual([
      ['Your email', 'ada@example.com'],
      ['Notes', 'Call after 5'],
    ]);
    const next = step(fiveScreens, state, { kind: 'navigate', action: 'NEXT', values: { Contact_Value: 'ada@example.com' } }, stepContext());
    expect(screenName(next)).toBe('Thanks');
    const done = step(fiveScreens, next.state, { kind: 'navigate', action: 'FINISH', values: {} }, stepContext());
    expect(done.awaiting).toEqual({ kind: 'finished', outputs: { summary: 'Ada Lovelace (36) by email: ada@example.com' } });
  });

  it('refuses malformed state and unknown schema versions with typed errors', () => {
    expect(() => migrateState('nope')).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(() => migrateState({ status: 'screen' })).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(() => migrateState({ schemaVersion: 99 })).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_STATE_VERSION' }));
    expect(() => migrateState({ schemaVersion: 1, status: 'screen', globals: {}, frames: [] })).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('refuses input once the interview has ended', async () => {
    const run = await runScript(fiveScreens, { screens: answers });
    expect(() => step(fiveScreens, run.state, { kind: 'navigate', action: 'NEXT', values: {} }, stepContext())).toThrow(expect.objectContaining({ code: 'INTERVIEW_ENDED' }));
    expect(step(fiveScreens, run.state, { kind: 'show' }, stepContext()).awaiting).toEqual(run.result.awaiting);
  });
});
