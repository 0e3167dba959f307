/**
 * Runs a flow end to end with scripted screen inputs, in-memory records and action stubs, and
 * a simulated clock for waits. Requests are answered by the production request loop (the
 * runtime's `driveToRest`: the engine's one loop with the production fault policy), so a port
 * error is a fault here exactly when it is one in production. With `pauseEveryScreen`, the state goes through a JSON round
 * trip at every screen (and every wait), is re-shown and must render the same screen, then is
 * paused with the values about to be submitted and round-tripped again, so a paused run must
 * give the same result as an uninterrupted one.
 *
 * ```ts
 * const run = await runScript('../shared/flows/x/Flow.flow-meta.xml', {
 *   inputs: { recordId: '001...' },
 *   screens: [{ screen: 'Welcome', values: { Name: 'Ada' } }, { action: 'FINISH' }],
 *   records: { Account: [{ Name: 'Acme' }] },
 *   actions: { 'apex:ChangeOwner': (inputs) => ({ ok: true }) },
 *   pauseEveryScreen: true,
 * });
 * expect(run.status).toBe('finished');
 * ```
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseFlowXml } from '../../../src/flow-model/parse-flow-xml.js';
import { driveToRest } from '../../../src/runtime/interviews/drive-interview.js';
import {
  compileFlow,
  start,
  step,
  type CompiledFlow,
  type Effect,
  type Fault,
  type FlowValue,
  type InterviewState,
  type ScreenModel,
  type StepContext,
  type StepInput,
  type StepResult,
  type WaitCondition,
} from '../../../src/engine/index.js';
import { MemoryActions, type ActionHandler } from './memory-actions.js';
import { MemoryRecords } from './memory-records.js';

/** One scripted screen. */
export interface ScriptScreen {
  /** The screen expected (its name); the run throws when another screen shows. */
  readonly screen?: string;
  /** Values to submit, by field name (components: an object of outputs). */
  readonly values?: Record<string, FlowValue>;
  /** Navigation; default FINISH when the screen offers it, else NEXT. */
  readonly action?: 'NEXT' | 'BACK' | 'FINISH';
}

/** One scripted wait resumption; default: the first event, at its alarm time. */
export interface ScriptWait {
  readonly event?: string;
  readonly outputs?: Record<string, FlowValue>;
  /** Clock time of the resumption (default: the alarm's `resumeAt`, else the current time). */
  readonly at?: string;
}

/** Options of {@link runScript}. */
export interface ScriptOptions {
  readonly inputs?: Record<string, FlowValue>;
  readonly screens?: readonly ScriptScreen[];
  /** Seed records by object, or a store to use. */
  readonly records?: MemoryRecords | Record<string, readonly Record<string, FlowValue>[]>;
  /** Action stubs by `actionType:actionName`, or a port to use. */
  readonly actions?: MemoryActions | Record<string, ActionHandler>;
  /** Subflows by API name (XML paths or compiled); flows beside the main file are found too. */
  readonly flows?: Record<string, string | CompiledFlow>;
  /** JSON round trip + re-show + pause at every screen and wait. */
  readonly pauseEveryScreen?: boolean;
  /** Waits to resume, in order; when exhausted, each wait resumes with its first event. */
  readonly waits?: readonly ScriptWait[];
  /** Start time of the simulated clock (default 2024-01-15T09:00:00.000Z). */
  readonly now?: string;
  readonly guid?: string;
  /** Extra context (user, labels, components, picklists, record...). */
  readonly context?: Partial<StepContext>;
  /** Stop after this many screens (a guard; default 200). */
  readonly maxScreens?: number;
}

/** What a scripted run did. */
export interface ScriptRun {
  readonly status: InterviewState['status'];
  readonly result: StepResult;
  readonly state: InterviewState;
  /** Every screen shown, in order (a rejected submission shows its screen again, with errors). */
  readonly screens: ScreenModel[];
  readonly effects: Effect[];
  readonly waits: WaitCondition[];
  readonly records: MemoryRecords;
  readonly actions: MemoryActions;
  readonly outputs: Record<string, FlowValue> | undefined;
  readonly fault: Fault | undefined;
  /** The root frame's variables at the end. */
  readonly vars: Record<string, FlowValue>;
}

const compiledByPath = new Map<string, CompiledFlow>();

/** Parses and compiles a flow file (cached by path); throws on parse errors. */
export function loadFlow(path: string): CompiledFlow {
  const cached = compiledByPath.get(path);
  if (cached !== undefined) return cached;
  const { definition, diagnostics } = parseFlowXml(readFileSync(path, 'utf8'), { fileName: basename(path) });
  if (definition === undefined) throw new Error(`${path} does not parse: ${diagnostics.map((d) => d.message).join('; ')}`);
  const compiled = compileFlow(definition);
  compiledByPath.set(path, compiled);
  return compiled;
}

function roundTrip(state: InterviewState): InterviewState {
  return JSON.parse(JSON.stringify(state)) as InterviewState;
}

/** Runs a flow to its end (or failure) following the script. */
export async function runScript(source: string | CompiledFlow, options: ScriptOptions = {}): Promise<ScriptRun> {
  const flow = typeof source === 'string' ? loadFlow(source) : source;
  const folder = typeof source === 'string' ? dirname(source) : undefined;
  const records = options.records instanceof MemoryRecords ? options.records : new MemoryRecords(options.records);
  const actions = options.actions instanceof MemoryActions ? options.actions : new MemoryActions(options.actions);
  const flows = (name: string): CompiledFlow | undefined => {
    const given = options.flows?.[name];
    if (given !== undefined) return typeof given === 'string' ? loadFlow(given) : given;
    if (folder === undefined) return undefined;
    for (const candidate of [`${name}.flow-meta.xml`, `${name}.flow`]) {
      const path = join(folder, candidate);
      if (existsSync(path)) return loadFlow(path);
    }
    return undefined;
  };
  const ports = { records, actions, flows: { root: flow, lookup: flows, load: flows } };
  let now = options.now ?? '2024-01-15T09:00:00.000Z';
  const context = (): StepContext => ({ ...options.context, now, flows });
  const screens: ScreenModel[] = [];
  const effects: Effect[] = [];
  const waits: WaitCondition[] = [];
  const script = [...(options.screens ?? [])];
  const waitScript = [...(options.waits ?? [])];
  const maxScreens = options.maxScreens ?? 200;

  const advance = async (state: InterviewState, input: StepInput): Promise<StepResult> => {
    const result = await driveToRest(step(flow, state, input, context()), ports, context());
    effects.push(...result.effects);
    return result;
  };

  let result = await driveToRest(start(flow, options.inputs ?? {}, { ...context(), guid: options.guid ?? 'interview-guid-1' }), ports, context());
  effects.push(...result.effects);
  for (;;) {
    const awaiting = result.awaiting;
    if (awaiting.kind === 'screen') {
      screens.push(awaiting.screen);
      if (screens.length > maxScreens) {
        const last = screens.slice(-3).map((shown) => `${shown.name} ${JSON.stringify(shown.errors)}`).join(' → ');
        throw new Error(`runScript: more than ${maxScreens} screens (last: ${last}).`);
      }
      const next = script.shift();
      if (next === undefined) {
        const trail = screens.map((shown) => `${shown.name}${Object.keys(shown.errors).length > 0 ? ` (errors: ${JSON.stringify(shown.errors)})` : ''}`).join(' → ');
        throw new Error(`runScript: the script has no input for screen "${awaiting.screen.name}" (screens: ${trail}).`);
      }
      if (next.screen !== undefined && next.screen !== awaiting.screen.name) {
        throw new Error(`runScript: expected screen "${next.screen}", got "${awaiting.screen.name}".`);
      }
      const values = next.values ?? {};
      const action = next.action ?? (awaiting.screen.actions.includes('FINISH') ? 'FINISH' : 'NEXT');
      let state = result.state;
      if (options.pauseEveryScreen === true) {
        state = roundTrip(state);
        const shown = step(flow, state, { kind: 'show' }, context());
        if (shown.awaiting.kind !== 'screen' || !isDeepStrictEqual(shown.awaiting.screen, awaiting.screen)) {
          throw new Error(`runScript: screen "${awaiting.screen.name}" renders differently after a JSON round trip of the state.`);
        }
        state = roundTrip(step(flow, state, { kind: 'pause', values }, context()).state);
      }
      result = await advance(state, { kind: 'navigate', action, values });
      continue;
    }
    if (awaiting.kind === 'wait') {
      waits.push(awaiting.wait);
      const scripted = waitScript.shift() ?? {};
      const event = awaiting.wait.events.find((candidate) => scripted.event === undefined || candidate.event === scripted.event);
      if (event === undefined) throw new Error(`runScript: the wait has no event "${scripted.event ?? ''}".`);
      now = scripted.at ?? (event.kind === 'alarm' && event.resumeAt > now ? event.resumeAt : now);
      const state = options.pauseEveryScreen === true ? roundTrip(result.state) : result.state;
      result = await advance(state, { kind: 'waitEvent', event: event.event, outputs: scripted.outputs ?? {} });
      continue;
    }
    break;
  }
  const final = result.awaiting;
  return {
    status: result.state.status,
    result,
    state: result.state,
    screens,
    effects,
    waits,
    records,
    actions,
    outputs: final.kind === 'finished' ? final.outputs : undefined,
    fault: final.kind === 'failed' ? final.fault : undefined,
    vars: result.state.frames[0]?.vars ?? {},
  };
}
