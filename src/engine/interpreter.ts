// Over 400 lines: the interpreter is one state machine (element dispatch, frames, connectors); splitting it would scatter its transitions.
/**
 * The interpreter loop behind `start` and `step`: runs the executing frame's elements until
 * the interview needs the outside world (a screen, a request, a wait) or ends; turns thrown
 * {@link FlowFault}s into fault paths or a failed interview; pushes and pops subflow frames;
 * and guards against runaway loops.
 */
import type { FlowElement } from '../flow-model/index.js';
import { assertNever } from './assert-never.js';
import type { CompiledFlow } from './compile.js';
import type { ElementContext, Outcome } from './element-outcome.js';
import { complete as completeAction, executeActionCall, resumeActionCall } from './elements/action-call.js';
import { executeAssignment } from './elements/assignment.js';
import { executeCollectionProcessor } from './elements/collection-processor.js';
import { executeCustomError } from './elements/custom-error.js';
import { executeDecision } from './elements/decision.js';
import { executeLoop } from './elements/loop.js';
import { executeOrchestratedStage } from './elements/orchestrated-stage.js';
import { executeRecordCreate, resumeRecordCreate } from './elements/record-create.js';
import { executeRecordDelete, resumeRecordDelete } from './elements/record-delete.js';
import { executeRecordLookup, resumeRecordLookup } from './elements/record-lookup.js';
import { executeRecordUpdate, resumeRecordUpdate } from './elements/record-update.js';
import { executeScreen, resumeScreen } from './elements/screen.js';
import { completeSubflow, executeSubflow, resumeSubflow } from './elements/subflow.js';
import { executeTransform } from './elements/transform.js';
import { executeUnsupported } from './elements/unsupported.js';
import { executeWait, resumeWait } from './elements/wait.js';
import { FlowFault } from './fault.js';
import { RECORD_KEY, RECORD_PRIOR_KEY } from './globals.js';
import type { Awaiting, Effect, Fault, FlowValue, Frame, InterviewState, RequestResult, ScreenErrors, StepContext, StepInput } from './protocol.js';
import { backFromScreen, currentScreen, pauseScreen, presentScreen, previewScreen, submitScreen } from './screens/screen.js';
import { initialiseDefaults, Scope } from './scope.js';
import { StepInputError } from './step-input-error.js';
import { recordValue } from './value-path.js';

/** Element executions allowed between two screens or waits unless the context says otherwise. */
export const DEFAULT_MAX_ELEMENTS = 2000;

/** Runs one element. */
function executeElement(element: FlowElement, ctx: ElementContext): Outcome {
  switch (element.kind) {
    case 'assignment':
      return executeAssignment(element, ctx);
    case 'decision':
      return executeDecision(element, ctx);
    case 'loop':
      return executeLoop(element, ctx);
    case 'screen':
      return executeScreen(element, ctx);
    case 'recordLookup':
      return executeRecordLookup(element, ctx);
    case 'recordCreate':
      return executeRecordCreate(element, ctx);
    case 'recordUpdate':
      return executeRecordUpdate(element, ctx);
    case 'recordDelete':
      return executeRecordDelete(element, ctx);
    case 'subflow':
      return executeSubflow(element);
    case 'actionCall':
      return executeActionCall(element, ctx);
    case 'collectionProcessor':
      return executeCollectionProcessor(element, ctx);
    case 'customError':
      return executeCustomError(element, ctx);
    case 'wait':
      return executeWait(element, ctx);
    case 'transform':
      return executeTransform(element);
    case 'orchestratedStage':
      return executeOrchestratedStage(element);
    case 'unsupported':
      return executeUnsupported(element);
    default:
      return assertNever(element, 'element');
  }
}

/** Gives an element the runtime's answer to its request. */
function resumeElement(element: FlowElement, ctx: ElementContext, result: RequestResult): Outcome {
  switch (element.kind) {
    case 'recordLookup':
      return resumeRecordLookup(element, ctx, result);
    case 'recordCreate':
      return resumeRecordCreate(element, ctx, result);
    case 'recordUpdate':
      return resumeRecordUpdate(element);
    case 'recordDelete':
      return resumeRecordDelete(element);
    case 'subflow':
      return resumeSubflow(element, ctx);
    case 'actionCall':
      return resumeActionCall(element, ctx, result);
    case 'screen':
      return resumeScreen(element, ctx, result);
    case 'assignment':
    case 'decision':
    case 'loop':
    case 'collectionProcessor':
    case 'customError':
    case 'wait':
    case 'transform':
    case 'orchestratedStage':
    case 'unsupported':
      throw new Error(`Element "${element.name}" (${element.kind}) makes no requests; it cannot take a result.`);
    default:
      return assertNever(element, 'element');
  }
}

/** One interpreter run over a (copied) state. */
export class Interpreter {
  readonly state: InterviewState;
  readonly context: StepContext;
  readonly effects: Effect[] = [];
  readonly #root: CompiledFlow;
  readonly #maxElements: number;

  constructor(root: CompiledFlow, state: InterviewState, context: StepContext) {
    this.#root = root;
    this.state = state;
    this.context = context;
    this.#maxElements = context.maxElementsPerTransaction ?? DEFAULT_MAX_ELEMENTS;
  }

  #top(): Frame {
    const frame = this.state.frames.at(-1);
    if (frame === undefined) throw new Error('Interview state has no frame.');
    return frame;
  }

  #flowOf(frame: Frame, index: number): CompiledFlow {
    if (index === 0) {
      if (frame.flow !== this.#root.apiName) throw new StepInputError('UNKNOWN_FLOW', `The interview runs flow "${frame.flow}", not "${this.#root.apiName}".`);
      return this.#root;
    }
    const flow = this.context.flows?.(frame.flow);
    if (flow === undefined) throw new StepInputError('UNKNOWN_FLOW', `Subflow "${frame.flow}" of the interview is not available through context.flows.`);
    return flow;
  }

  /** The context executors get for the executing frame. */
  elementContext(): ElementContext {
    const index = this.state.frames.length - 1;
    const frame = this.#top();
    const flow = this.#flowOf(frame, index);
    return {
      flow,
      frame,
      state: this.state,
      context: this.context,
      scope: new Scope(flow, frame, this.state, this.context),
      isRoot: index === 0,
      emit: (effect) => this.effects.push(effect),
    };
  }

  /** Sets up the root frame: inputs (input variables only, coerced), `$Record`, computed defaults. */
  initialise(inputs: Record<string, FlowValue>): Awaiting | undefined {
    const ctx = this.elementContext();
    try {
      for (const [name, value] of Object.entries(inputs)) {
        const variable = ctx.flow.resource(name);
        if (variable?.kind !== 'variable' || !variable.isInput) {
          throw new FlowFault('INVALID_INPUT', `Flow "${ctx.flow.apiName}" has no input variable named "${name}".`);
        }
        let coerced: FlowValue;
        try {
          coerced = ctx.scope.coerce(value, variable);
        } catch (error) {
          if (error instanceof FlowFault) throw new FlowFault(error.code, `Input "${name}": ${error.message}`);
          throw error;
        }
        ctx.scope.setVar(variable.name, coerced, variable.defaultValue !== undefined);
      }
      if (this.context.record != null) ctx.frame.vars[RECORD_KEY] = recordValue(this.context.record);
      if (this.context.recordPrior != null) ctx.frame.vars[RECORD_PRIOR_KEY] = recordValue(this.context.recordPrior);
      initialiseDefaults(ctx.scope);
    } catch (error) {
      if (error instanceof FlowFault) return this.#fail(error.toFault());
      throw error;
    }
    return undefined;
  }

  /** Runs elements until the interview rests. */
  run(): Awaiting {
    for (;;) {
      const frame = this.#top();
      if (frame.current === null) {
        const done = this.#finishFrame();
        if (done !== undefined) return done;
        continue;
      }
      const ctx = this.elementContext();
      const element = ctx.flow.element(frame.current);
      if (element === undefined) {
        return this.#fail({ code: 'UNKNOWN_REFERENCE', message: `Flow "${ctx.flow.apiName}" has no element "${frame.current}".`, element: frame.current });
      }
      this.state.executed += 1;
      if (this.state.executed > this.#maxElements) {
        return this.#fail({
          code: 'RUNAWAY_LOOP',
          message: `Element "${element.name}" would be execution number ${this.state.executed} since the last screen or wait (limit ${this.#maxElements}): the flow seems to loop without end.`,
          element: element.name,
        });
      }
      if (ctx.flow.tracksVisits(element.name) && !frame.visited.includes(element.name)) frame.visited.push(element.name);
      const rest = this.#perform(element, ctx, () => executeElement(element, ctx));
      if (rest !== undefined) return rest;
    }
  }

  /** Applies a step input to the resting interview and runs on. */
  handle(input: StepInput): Awaiting {
    if (input.kind === 'show') return this.current();
    const status = this.state.status;
    if (status === 'finished' || status === 'error') throw new StepInputError('INTERVIEW_ENDED', `The interview has ${status === 'error' ? 'failed' : 'finished'}; it takes no more input.`);
    switch (input.kind) {
      case 'navigate': {
        this.#expect('screen', input.kind);
        const ctx = this.elementContext();
        const screen = currentScreen(ctx);
        this.state.status = 'running';
        const rest = this.#perform(screen, ctx, () =>
          input.action === 'BACK' ? backFromScreen(screen, ctx, input.values) : submitScreen(screen, ctx, input.values),
        );
        return rest ?? this.run();
      }
      case 'preview':
        this.#expect('screen', input.kind);
        return this.#preview(input.values);
      case 'pause': {
        this.#expect('screen', input.kind);
        const ctx = this.elementContext();
        const screen = currentScreen(ctx);
        pauseScreen(screen, ctx, input.values);
        return this.current();
      }
      case 'requestResult':
      case 'requestFailed': {
        this.#expect('awaitingEffect', input.kind);
        const pending = this.state.pending;
        if (pending === null) throw new StepInputError('INVALID_STEP_INPUT', 'The interview has no outstanding request.');
        const ctx = this.elementContext();
        const element = ctx.flow.elementOrThrow(pending.element);
        this.state.status = 'running';
        this.state.pending = null;
        const rest =
          input.kind === 'requestFailed'
            ? this.#fault(new FlowFault(input.error.code, input.error.message, element.name), element)
            : this.#perform(element, ctx, () => resumeElement(element, ctx, input.result));
        return rest ?? this.run();
      }
      case 'waitEvent': {
        this.#expect('waiting', input.kind);
        const waiting = this.state.waiting;
        const ctx = this.elementContext();
        const element = waiting === null ? undefined : ctx.flow.element(waiting.element);
        if (element?.kind !== 'wait') throw new StepInputError('INVALID_STEP_INPUT', 'The interview is not waiting at a Wait element.');
        this.state.status = 'running';
        this.state.executed = 0;
        const rest = this.#perform(element, ctx, () => resumeWait(element, ctx, input.event, input.outputs));
        this.state.waiting = null;
        return rest ?? this.run();
      }
      default:
        return assertNever(input, 'step input');
    }
  }

  /** What the resting interview awaits (re-rendering the screen from the state). */
  current(): Awaiting {
    const state = this.state;
    switch (state.status) {
      case 'screen':
        return this.#showScreen(this.elementContext(), undefined) ?? this.run();
      case 'awaitingEffect':
        if (state.pending === null) throw new Error('Interview awaits a request but has none.');
        return { kind: 'request', element: state.pending.element, request: state.pending.request };
      case 'waiting':
        if (state.waiting === null) throw new Error('Interview is waiting without a condition.');
        return { kind: 'wait', wait: state.waiting };
      case 'finished':
        return { kind: 'finished', outputs: this.#outputs(this.elementContext()) };
      case 'error':
        if (state.fault === null) throw new Error('Interview failed without a fault.');
        return { kind: 'failed', fault: state.fault };
      case 'running':
        return this.run();
      default:
        return assertNever(state.status, 'status');
    }
  }

  #expect(status: InterviewState['status'], input: string): void {
    if (this.state.status !== status) {
      throw new StepInputError('INVALID_STEP_INPUT', `A "${input}" input needs an interview in status "${status}"; it is "${this.state.status}".`);
    }
  }

  /** Runs an executor step and applies its outcome; faults go to fault handling. */
  #perform(element: FlowElement, ctx: ElementContext, run: () => Outcome): Awaiting | undefined {
    try {
      return this.#apply(run(), element, ctx);
    } catch (error) {
      if (error instanceof FlowFault) return this.#fault(error, element);
      throw error;
    }
  }

  #apply(outcome: Outcome, element: FlowElement, ctx: ElementContext): Awaiting | undefined {
    switch (outcome.kind) {
      case 'next':
        ctx.frame.current = outcome.connector?.target ?? null;
        return undefined;
      case 'request':
        this.state.status = 'awaitingEffect';
        this.state.pending = { element: element.name, request: outcome.request };
        return { kind: 'request', element: element.name, request: outcome.request };
      case 'screen':
        return this.#showScreen(ctx, outcome.errors);
      case 'wait':
        this.state.status = 'waiting';
        this.state.waiting = outcome.wait;
        this.state.executed = 0;
        return { kind: 'wait', wait: outcome.wait };
      case 'enter': {
        const frame: Frame = {
          flow: outcome.flow.apiName,
          ...(outcome.flow.versionId === undefined ? {} : { version: outcome.flow.versionId }),
          current: outcome.flow.definition.startElement ?? null,
          vars: outcome.vars,
          loops: {},
          history: [],
          stored: {},
          visited: [],
        };
        this.state.frames.push(frame);
        initialiseDefaults(new Scope(outcome.flow, frame, this.state, this.context));
        return undefined;
      }
      default:
        return assertNever(outcome, 'outcome');
    }
  }

  /**
   * The shown screen rendered with proposed values. A fault while rendering (a formula the new
   * values break) is a bad input, not the interview's fault: a preview changes nothing.
   */
  #preview(values: Record<string, FlowValue>): Awaiting {
    const ctx = this.elementContext();
    try {
      return { kind: 'screen', screen: previewScreen(currentScreen(ctx), ctx, values) };
    } catch (error) {
      if (error instanceof FlowFault) throw new StepInputError('INVALID_STEP_INPUT', `The screen cannot be previewed with these values: ${error.message}`);
      throw error;
    }
  }

  /** Shows the frame's current screen, or asks for the record choices it still needs. */
  #showScreen(ctx: ElementContext, errors: ScreenErrors | undefined): Awaiting | undefined {
    const screen = currentScreen(ctx);
    if (errors !== undefined) ctx.frame.errors = errors;
    const presented = presentScreen(screen, ctx);
    if (presented.kind === 'request') {
      this.state.status = 'awaitingEffect';
      this.state.pending = { element: screen.name, request: presented.request };
      return { kind: 'request', element: screen.name, request: presented.request };
    }
    this.state.status = 'screen';
    this.state.executed = 0;
    return { kind: 'screen', screen: presented.model };
  }

  /** Follows the fault connector of the element (or of the subflow elements calling it), else fails. */
  #fault(error: FlowFault, element: FlowElement): Awaiting | undefined {
    const fault = error.toFault(element.name);
    let current: FlowElement = element;
    for (;;) {
      const connector = 'faultConnector' in current ? current.faultConnector : undefined;
      if (connector !== undefined) {
        this.state.globals.faultMessage = fault.message;
        this.#top().current = connector.target;
        this.state.status = 'running';
        return undefined;
      }
      if (this.state.frames.length === 1) return this.#fail(fault);
      this.state.frames.pop();
      const ctx = this.elementContext();
      const caller = ctx.frame.current === null ? undefined : ctx.flow.element(ctx.frame.current);
      if (caller === undefined) return this.#fail(fault);
      current = caller;
    }
  }

  #fail(fault: Fault): Awaiting {
    this.state.status = 'error';
    this.state.fault = fault;
    this.state.pending = null;
    this.state.waiting = null;
    return { kind: 'failed', fault };
  }

  #outputs(ctx: ElementContext): Record<string, FlowValue> {
    const outputs: Record<string, FlowValue> = {};
    for (const variable of ctx.flow.outputVariables) outputs[variable.name] = ctx.scope.variable(variable).value;
    if (ctx.isRoot && Object.hasOwn(ctx.frame.vars, RECORD_KEY)) outputs[RECORD_KEY] = ctx.frame.vars[RECORD_KEY] ?? null;
    return outputs;
  }

  /** The executing frame reached its end: finish the interview, or return to the calling element. */
  #finishFrame(): Awaiting | undefined {
    const ctx = this.elementContext();
    const outputs = this.#outputs(ctx);
    if (ctx.isRoot) {
      this.state.status = 'finished';
      return { kind: 'finished', outputs };
    }
    this.state.frames.pop();
    const parent = this.elementContext();
    const caller = parent.frame.current === null ? undefined : parent.flow.element(parent.frame.current);
    if (caller === undefined) throw new Error('A subflow frame returned to no calling element.');
    return this.#perform(caller, parent, () => {
      if (caller.kind === 'subflow') return completeSubflow(caller, parent, outputs);
      if (caller.kind === 'actionCall') return completeAction(caller, parent, outputs);
      throw new Error(`Element "${caller.name}" (${caller.kind}) cannot call a subflow.`);
    });
  }
}
