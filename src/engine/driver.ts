/**
 * The request loop, the only one: answers an interview's requests (record operations, actions,
 * subflows) through ports until it rests at a screen, a wait or its end. The runtime runs it
 * inside one database transaction per user action, with its storage ports and its fault policy
 * (`runtime/interviews/drive-interview.ts`); the end-to-end tests run it with in-memory ports
 * and that same policy. It does no I/O of its own: ports may be synchronous (better-sqlite3,
 * in-memory) or asynchronous (PostgreSQL).
 *
 * Errors: a port error the {@link FaultPolicy} reads as a fault of the flow becomes
 * `requestFailed` (the element's fault connector, or the interview ends in error with it);
 * any other error leaves the loop unchanged, so the caller's transaction rolls back and the
 * caller retries it (the job runner) or surfaces it (the server) — see `docs/errors.md`.
 */
import type { CompiledFlow } from './compile.js';
import type { FaultCode } from './fault-codes.js';
import { FlowFault } from './fault.js';
import type { Effect, FlowRecord, FlowValue, Request, RequestResult, StepContext, StepInput, StepResult } from './protocol.js';
import { step } from './step.js';

/** A `recordQuery` request. */
export type RecordQuery = Extract<Request, { kind: 'recordQuery' }>;
/** A `recordUpdateWhere` request. */
export type RecordUpdateWhere = Extract<Request, { kind: 'recordUpdateWhere' }>;
/** A `recordDeleteWhere` request. */
export type RecordDeleteWhere = Extract<Request, { kind: 'recordDeleteWhere' }>;

/** The record store as the engine needs it. Throw a {@link FlowFault} (or whatever the policy reads as a fault) to fail the element. */
export interface RecordPort {
  /** Records matching the query (only `fields` when given, plus `attributes` and `Id`). */
  query(request: RecordQuery): readonly FlowRecord[] | Promise<readonly FlowRecord[]>;
  /** Creates the records; returns their new Ids in order. */
  create(records: readonly FlowRecord[]): readonly string[] | Promise<readonly string[]>;
  /** Updates the records by Id. */
  update(records: readonly FlowRecord[]): void | Promise<void>;
  /** Updates matching records; returns how many. */
  updateWhere(request: RecordUpdateWhere): number | Promise<number>;
  /** Deletes records by Id. */
  delete(object: string | undefined, ids: readonly string[]): void | Promise<void>;
  /** Deletes matching records; returns how many. */
  deleteWhere(request: RecordDeleteWhere): number | Promise<number>;
}

/** Invocable actions. Throw a {@link FlowFault} (or whatever the policy reads as a fault) to fail the element. */
export interface ActionPort {
  invoke(actionType: string, actionName: string, inputs: Record<string, FlowValue>): Record<string, FlowValue> | Promise<Record<string, FlowValue>>;
}

/** The flows an interview runs: its own, and the subflows it calls. */
export interface FlowPort {
  /** The flow of the interview's root frame. */
  readonly root: CompiledFlow;
  /** A flow made available so far, by API name: the engine's synchronous `StepContext.flows`. */
  readonly lookup: (apiName: string) => CompiledFlow | undefined;
  /** Makes a called subflow available to `lookup` (loading it if need be); `undefined` when there is no such flow. */
  load(apiName: string): CompiledFlow | undefined | Promise<CompiledFlow | undefined>;
}

/** A port error read as a fault of the running flow: what the failed element gets. */
export interface PortFault {
  readonly code: FaultCode;
  readonly message: string;
}

/**
 * Decides what an error thrown by a port means: a fault of the running flow (returned: the
 * element takes its fault connector, or the interview fails with it), or not (`undefined`:
 * the loop rethrows the error unchanged, so the caller's transaction rolls back).
 */
export type FaultPolicy = (error: unknown) => PortFault | undefined;

/** Everything `runUntilRest` answers requests with, and the rule it judges their errors by. */
export interface Ports {
  readonly records: RecordPort;
  readonly actions: ActionPort;
  readonly flows: FlowPort;
  readonly faults: FaultPolicy;
}

/**
 * The engine's own rule: only a {@link FlowFault} is a fault. The runtime's policy extends it
 * with its catalogue (`runtime/interviews/run-error-policy.ts`).
 */
export const flowFaultsOnly: FaultPolicy = (error) => (error instanceof FlowFault ? { code: error.code, message: error.message } : undefined);

/** Requests answered before `runUntilRest` gives up (a guard against a runtime answering forever). */
const MAX_REQUESTS = 100_000;

/** Carries out one request through the ports; errors are the ports' own, unjudged. */
export async function answerRequest(request: Request, ports: Omit<Ports, 'faults'>): Promise<RequestResult> {
  switch (request.kind) {
    case 'recordQuery':
      return { kind: 'records', records: await ports.records.query(request) };
    case 'recordCreate':
      return { kind: 'ids', ids: await ports.records.create(request.records) };
    case 'recordUpdate':
      await ports.records.update(request.records);
      return { kind: 'count', count: request.records.length };
    case 'recordUpdateWhere':
      return { kind: 'count', count: await ports.records.updateWhere(request) };
    case 'recordDelete':
      await ports.records.delete(request.object, request.ids);
      return { kind: 'count', count: request.ids.length };
    case 'recordDeleteWhere':
      return { kind: 'count', count: await ports.records.deleteWhere(request) };
    case 'action':
      return { kind: 'actionOutputs', outputs: await ports.actions.invoke(request.actionType, request.actionName, request.inputs) };
    case 'subflow':
      if ((await ports.flows.load(request.flowName)) === undefined) {
        throw new FlowFault('UNKNOWN_FLOW', `Subflow "${request.flowName}": no flow with that API name is available.`);
      }
      return { kind: 'subflowReady' };
  }
}

/**
 * Answers `request` awaitings through the ports until the interview awaits a screen, a wait or
 * its end; the effects of every step are collected in order. A port error the policy reads as
 * a fault becomes `requestFailed`; any other is rethrown. `result` comes from `start` or `step`
 * with `context.flows` set to `ports.flows.lookup`.
 */
export async function runUntilRest(result: StepResult, ports: Ports, context: StepContext): Promise<StepResult> {
  const stepContext: StepContext = { ...context, flows: ports.flows.lookup };
  const effects: Effect[] = [...result.effects];
  let current = result;
  for (let count = 0; current.awaiting.kind === 'request'; count++) {
    if (count >= MAX_REQUESTS) throw new Error(`The interview made more than ${MAX_REQUESTS} requests in one run.`);
    let input: StepInput;
    try {
      input = { kind: 'requestResult', result: await answerRequest(current.awaiting.request, ports) };
    } catch (error) {
      const fault = ports.faults(error);
      if (fault === undefined) throw error;
      input = { kind: 'requestFailed', error: fault };
    }
    current = step(ports.flows.root, current.state, input, stepContext);
    effects.push(...current.effects);
  }
  return { ...current, effects };
}
