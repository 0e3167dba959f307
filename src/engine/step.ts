/**
 * The engine's entry points: `start` a new interview and `step` a resting one. Both are pure:
 * they copy the state once, run elements until the interview needs the outside world, and
 * return `{ state, awaiting, effects }` (see `protocol.ts`).
 */
import type { CompiledFlow } from './compile.js';
import { cloneState } from './clone-state.js';
import { Interpreter } from './interpreter.js';
import { STATE_SCHEMA_VERSION, type FlowValue, type InterviewState, type StepContext, type StepInput, type StepResult } from './protocol.js';

/** Context for `start`: the step context plus the new interview's GUID (the runtime makes it). */
export type StartContext = StepContext & { readonly guid: string };

/**
 * Starts an interview of `flow`. `inputs` set input variables only (coerced to their types);
 * an unknown or non-input name, or a value of the wrong type, ends the interview at once as
 * `failed` with `INVALID_INPUT` / `INVALID_TYPE`. `$Record`/`$Record__Prior` come from the context.
 */
export function start(flow: CompiledFlow, inputs: Record<string, FlowValue>, context: StartContext): StepResult {
  const state: InterviewState = {
    schemaVersion: STATE_SCHEMA_VERSION,
    status: 'running',
    globals: {
      guid: context.guid,
      startTime: context.now,
      currentRecord: null,
      currentStage: null,
      activeStages: flow.stages.filter((stage) => stage.isActive).map((stage) => `${flow.apiName}:${stage.name}`),
      faultMessage: null,
    },
    frames: [{ flow: flow.apiName, current: flow.definition.startElement ?? null, vars: {}, loops: {}, history: [], stored: {}, visited: [] }],
    pending: null,
    waiting: null,
    fault: null,
    executed: 0,
  };
  const interpreter = new Interpreter(flow, state, context);
  const failed = interpreter.initialise(inputs);
  const awaiting = failed ?? interpreter.run();
  return { state, awaiting, effects: interpreter.effects };
}

/**
 * Applies one input to a resting interview and runs on. `state` is not modified. Throws
 * {@link import('./step-input-error.js').StepInputError} when the input does not fit the state
 * (e.g. `navigate` while waiting) or a subflow of the interview is not in `context.flows`.
 */
export function step(flow: CompiledFlow, state: InterviewState, input: StepInput, context: StepContext): StepResult {
  const copy = cloneState(state);
  const interpreter = new Interpreter(flow, copy, context);
  const awaiting = interpreter.handle(input);
  return { state: copy, awaiting, effects: interpreter.effects };
}
