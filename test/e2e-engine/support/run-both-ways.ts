/**
 * Runs a scripted interview twice, straight through and with a pause (JSON round trip of the
 * state, re-show, pause with the values about to be submitted) at every screen and wait, and
 * asserts that both runs give the same result: status, fault, outputs, variables, every screen
 * shown, effects, waits, the whole record store and its operation log, the action calls and
 * the final state.
 */
import { expect } from 'vitest';
import { runScript, type ScriptOptions, type ScriptRun } from '../../engine/support/harness.js';

/** Everything a run did that a user, a record store or an action could observe. */
export function observable(run: ScriptRun): Record<string, unknown> {
  return {
    status: run.status,
    fault: run.fault,
    outputs: run.outputs,
    vars: run.vars,
    screens: run.screens,
    effects: run.effects,
    waits: run.waits,
    records: run.records.snapshot(),
    recordOperations: run.records.log,
    actionCalls: run.actions.calls,
    state: JSON.parse(JSON.stringify(run.state)) as unknown,
  };
}

/** Asserts that two runs did the same thing (see {@link observable}). */
export function expectSameRun(actual: ScriptRun, expected: ScriptRun): void {
  expect(observable(actual)).toEqual(observable(expected));
}

/**
 * Runs `flow` with the options `options()` makes (called once per run, so each run gets fresh
 * record stores and action stubs), straight and paused at every screen; asserts they agree and
 * returns the straight run.
 */
export async function runBothWays(flow: string, options: () => ScriptOptions): Promise<ScriptRun> {
  const straight = await runScript(flow, options());
  const paused = await runScript(flow, { ...options(), pauseEveryScreen: true });
  expectSameRun(paused, straight);
  return straight;
}
