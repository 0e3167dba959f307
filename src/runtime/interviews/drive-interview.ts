/**
 * The runtime's request loop: answers an interview's requests (record operations, actions,
 * subflows) through ports until it rests at a screen, a wait or its end. It is the engine's
 * `runUntilRest` with two differences the runtime needs:
 *
 * - a called subflow is loaded asynchronously (from the database, inside the operation's
 *   transaction) when the engine asks for it, then offered to the engine's synchronous lookup;
 * - only errors that describe a bad operation (the catalogue's typed errors, action errors, flow
 *   faults) become `requestFailed` — and so a fault the flow can route to its fault connector.
 *   Anything else (a lost connection, a bug) is rethrown, so the transaction rolls back instead
 *   of the flow taking its fault path over an infrastructure failure.
 */
import { type ActionPort, answerRequest, FlowFault, type RecordPort, step } from '../../engine/index.js';
import type { Effect, StepContext, StepInput, StepResult } from '../../engine/index.js';
import { ActionError } from '../actions/action-registry.js';
import { isRequestError } from '../errors.js';
import type { InterviewFlows } from './interview-flows.js';

/** What the loop answers requests with. */
export interface DrivePorts {
  readonly records: RecordPort;
  readonly actions: ActionPort;
  readonly flows: InterviewFlows;
}

/** Requests answered before the loop gives up (a guard against answering forever). */
const MAX_REQUESTS = 100_000;

/** Whether a port error is the flow's problem (a fault) rather than the infrastructure's. */
export function isFlowLevelError(error: unknown): error is Error & { readonly code: string } {
  return isRequestError(error) || error instanceof ActionError || error instanceof FlowFault;
}

/**
 * Answers `request` awaitings until the interview rests; the effects of every step are
 * collected in order. `result` comes from `start` or `step` with `context.flows` set to
 * `ports.flows.lookup`.
 */
export async function driveToRest(result: StepResult, ports: DrivePorts, context: StepContext): Promise<StepResult> {
  const stepContext: StepContext = { ...context, flows: ports.flows.lookup };
  const effects: Effect[] = [...result.effects];
  let current = result;
  for (let count = 0; current.awaiting.kind === 'request'; count++) {
    if (count >= MAX_REQUESTS) throw new Error(`The interview made more than ${MAX_REQUESTS} requests in one operation.`);
    const request = current.awaiting.request;
    let input: StepInput;
    try {
      if (request.kind === 'subflow' && (await ports.flows.load(request.flowName)) === undefined) {
        throw new FlowFault('UNKNOWN_FLOW', `Subflow "${request.flowName}": no flow with that API name is deployed.`);
      }
      input = { kind: 'requestResult', result: await answerRequest(request, { records: ports.records, actions: ports.actions, flows: ports.flows.lookup }) };
    } catch (error) {
      if (!isFlowLevelError(error)) throw error;
      input = { kind: 'requestFailed', error: { code: error.code, message: error.message } };
    }
    current = step(ports.flows.root, current.state, input, stepContext);
    effects.push(...current.effects);
  }
  return { ...current, effects };
}
