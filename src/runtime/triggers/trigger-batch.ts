/**
 * Runs the N interviews of one record-triggered flow for a batch of N records together, as
 * Salesforce bulkifies them: every interview runs until it needs the outside world; their record
 * requests are answered together (identical and same-shaped queries as one query, writes of one
 * object as one save: `batched-records.ts`); then each steps on. Actions and subflow loads are
 * answered one by one. The engine stays pure: this is the request loop of `engine/driver.ts`
 * (`runUntilRest`) over many interviews at once, with the same fault policy.
 */
import { randomUUID } from 'node:crypto';
import { answerRequest, start, step } from '../../engine/index.js';
import type { ActionPort, Effect, Fault, FaultPolicy, FlowPort, FlowRecord, PortFault, RecordPort, Request, RequestResult, StepContext, StepInput, StepResult } from '../../engine/index.js';

/** An answer to one interview's request: a result, or the fault its element gets. */
export type BatchAnswer = { readonly kind: 'result'; readonly result: RequestResult } | { readonly kind: 'fault'; readonly fault: PortFault };

/** What the interviews of a batch are answered through. */
export interface BatchPorts {
  /** Answers record requests of several interviews at once, in the order given. */
  records(requests: readonly Request[]): Promise<BatchAnswer[]>;
  readonly actions: ActionPort;
  readonly flows: FlowPort;
  readonly faults: FaultPolicy;
}

/** One triggered interview's input. */
export interface TriggerInput {
  readonly record: FlowRecord;
  readonly prior: FlowRecord | null;
}

/** How one triggered interview ended. */
export type TriggerOutcome =
  | { readonly kind: 'finished'; readonly record: FlowRecord | null; readonly effects: readonly Effect[] }
  | { readonly kind: 'failed'; readonly fault: Fault; readonly effects: readonly Effect[] };

const RECORD_REQUESTS: ReadonlySet<Request['kind']> = new Set(['recordQuery', 'recordCreate', 'recordUpdate', 'recordUpdateWhere', 'recordDelete', 'recordDeleteWhere']);

/** Record requests never reach `answerRequest` here: they are answered as a batch. */
const NO_RECORDS: RecordPort = {
  query: () => Promise.reject(new Error('unreachable')),
  create: () => Promise.reject(new Error('unreachable')),
  update: () => Promise.reject(new Error('unreachable')),
  updateWhere: () => Promise.reject(new Error('unreachable')),
  delete: () => Promise.reject(new Error('unreachable')),
  deleteWhere: () => Promise.reject(new Error('unreachable')),
};

/** Rounds of answers before the loop gives up (a guard against a runtime answering forever). */
const MAX_ROUNDS = 100_000;

/** Runs one interview of `ports.flows.root` per input, together; outcomes in input order. */
export async function runTriggeredInterviews(inputs: readonly TriggerInput[], ports: BatchPorts, context: StepContext): Promise<TriggerOutcome[]> {
  const flow = ports.flows.root;
  const base: StepContext = { ...context, flows: ports.flows.lookup };
  const contexts = inputs.map((input): StepContext => ({ ...base, record: input.record, recordPrior: input.prior }));
  const results: StepResult[] = inputs.map((_, i) => start(flow, {}, { ...(contexts[i] as StepContext), guid: randomUUID() }));
  const effects: Effect[][] = results.map((result) => [...result.effects]);
  for (let round = 0; ; round++) {
    if (round >= MAX_ROUNDS) throw new Error(`Triggered interviews of ${flow.apiName} made more than ${MAX_ROUNDS} rounds of requests.`);
    const waiting = results.flatMap((result, index) => (result.awaiting.kind === 'request' ? [{ index, request: result.awaiting.request }] : []));
    if (waiting.length === 0) break;
    const inputsNow = new Map<number, StepInput>();
    const records = waiting.filter((w) => RECORD_REQUESTS.has(w.request.kind));
    if (records.length > 0) {
      const answers = await ports.records(records.map((w) => w.request));
      records.forEach((w, i) => inputsNow.set(w.index, toInput(answers[i])));
    }
    const others = { records: NO_RECORDS, actions: ports.actions, flows: ports.flows };
    for (const w of waiting) {
      if (RECORD_REQUESTS.has(w.request.kind)) continue;
      try {
        inputsNow.set(w.index, { kind: 'requestResult', result: await answerRequest(w.request, others) });
      } catch (error) {
        const fault = ports.faults(error);
        if (fault === undefined) throw error;
        inputsNow.set(w.index, { kind: 'requestFailed', error: fault });
      }
    }
    for (const [index, input] of inputsNow) {
      const current = results[index] as StepResult;
      const next = step(flow, current.state, input, contexts[index] as StepContext);
      results[index] = next;
      (effects[index] as Effect[]).push(...next.effects);
    }
  }
  return results.map((result, index) => outcomeOf(result, effects[index] as Effect[], flow.apiName));
}

function toInput(answer: BatchAnswer | undefined): StepInput {
  if (answer === undefined) throw new Error('A record request of a batch got no answer.');
  return answer.kind === 'result' ? { kind: 'requestResult', result: answer.result } : { kind: 'requestFailed', error: answer.fault };
}

function outcomeOf(result: StepResult, effects: readonly Effect[], flowName: string): TriggerOutcome {
  const awaiting = result.awaiting;
  switch (awaiting.kind) {
    case 'finished': {
      const record = result.state.frames[0]?.vars['$Record'];
      return { kind: 'finished', record: record !== null && typeof record === 'object' && !Array.isArray(record) ? (record as unknown as FlowRecord) : null, effects };
    }
    case 'failed':
      return { kind: 'failed', fault: awaiting.fault, effects };
    case 'screen':
    case 'wait':
      // Flow Builder allows neither in a record-triggered flow's immediate path.
      return {
        kind: 'failed',
        fault: { code: 'UNSUPPORTED', message: `Flow "${flowName}" reached a ${awaiting.kind === 'screen' ? 'screen' : 'wait'}, which a record-triggered flow cannot use.`, element: awaiting.kind === 'screen' ? awaiting.screen.name : awaiting.wait.element },
        effects,
      };
    case 'request':
      throw new Error('A triggered interview ended with a request outstanding.');
  }
}
