/**
 * Answers an interview's requests through ports until it rests at a screen, a wait or its end.
 * The runtime runs this inside one database transaction per user action; tests run it with
 * in-memory ports. Ports may be synchronous (better-sqlite3) or asynchronous (PostgreSQL).
 */
import type { CompiledFlow } from './compile.js';
import type { Effect, FlowRecord, FlowValue, Request, RequestResult, StepContext, StepInput, StepResult } from './protocol.js';
import { step } from './step.js';

/** A `recordQuery` request. */
export type RecordQuery = Extract<Request, { kind: 'recordQuery' }>;
/** A `recordUpdateWhere` request. */
export type RecordUpdateWhere = Extract<Request, { kind: 'recordUpdateWhere' }>;
/** A `recordDeleteWhere` request. */
export type RecordDeleteWhere = Extract<Request, { kind: 'recordDeleteWhere' }>;

/** The record store as the engine needs it. Throw an error with a `code` to fail the element. */
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

/** Invocable actions. Throw an error with a `code` (`UNKNOWN_ACTION`, `ACTION_FAILED`...) to fail the element. */
export interface ActionPort {
  invoke(actionType: string, actionName: string, inputs: Record<string, FlowValue>): Record<string, FlowValue> | Promise<Record<string, FlowValue>>;
}

/** Everything `runUntilRest` answers requests with. */
export interface Ports {
  readonly records: RecordPort;
  readonly actions: ActionPort;
  /** Compiled subflows by API name; `undefined` fails the subflow element with `UNKNOWN_FLOW`. */
  readonly flows: (apiName: string) => CompiledFlow | undefined;
}

/** Requests answered before `runUntilRest` gives up (a guard against a runtime answering forever). */
const MAX_REQUESTS = 100_000;

function errorCode(error: unknown, fallback: string): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return fallback;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Carries out one request through the ports. */
export async function answerRequest(request: Request, ports: Ports): Promise<RequestResult> {
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
      if (ports.flows(request.flowName) === undefined) {
        throw Object.assign(new Error(`Flow "${request.flowName}" is not available.`), { code: 'UNKNOWN_FLOW' });
      }
      return { kind: 'subflowReady' };
  }
}

function fallbackCode(request: Request): string {
  return request.kind === 'action' ? 'ACTION_FAILED' : request.kind === 'subflow' ? 'UNKNOWN_FLOW' : 'RECORD_OPERATION_FAILED';
}

/**
 * Answers `request` awaitings through the ports (a port error becomes `requestFailed` with
 * its `code`) until the interview awaits a screen, a wait or its end; effects of every step
 * are collected in order.
 */
export async function runUntilRest(flow: CompiledFlow, result: StepResult, ports: Ports, context: StepContext): Promise<StepResult> {
  const stepContext: StepContext = { ...context, flows: ports.flows };
  const effects: Effect[] = [...result.effects];
  let current = result;
  for (let count = 0; current.awaiting.kind === 'request'; count++) {
    if (count >= MAX_REQUESTS) throw new Error(`runUntilRest: more than ${MAX_REQUESTS} requests in one run.`);
    const request = current.awaiting.request;
    let input: StepInput;
    try {
      input = { kind: 'requestResult', result: await answerRequest(request, ports) };
    } catch (error) {
      input = { kind: 'requestFailed', error: { code: errorCode(error, fallbackCode(request)), message: errorMessage(error) } };
    }
    current = step(flow, current.state, input, stepContext);
    effects.push(...current.effects);
  }
  return { ...current, effects };
}
