/**
 * The contract between the interpreter loop and the element executors in `elements/`: an
 * executor reads and writes the frame through its {@link ElementContext} and says what happens
 * next with an {@link Outcome}. Executors throw {@link import('./fault.js').FlowFault} for faults.
 */
import type { Connector } from '../flow-model/index.js';
import type { CompiledFlow } from './compile.js';
import type { Effect, FlowValue, Frame, InterviewState, Request, ScreenErrors, StepContext, WaitCondition } from './protocol.js';
import type { Scope } from './scope.js';

/** What an executor may use: the executing frame, its flow, the state and a way to emit effects. */
export interface ElementContext {
  readonly flow: CompiledFlow;
  readonly frame: Frame;
  readonly state: InterviewState;
  readonly context: StepContext;
  readonly scope: Scope;
  /** Whether the frame is the interview's root (not a subflow). */
  readonly isRoot: boolean;
  /** Records a fire-and-forget effect (email, notification). */
  emit(effect: Effect): void;
}

/** What happens after an element ran. */
export type Outcome =
  /** Go on along a connector; `undefined` ends the frame (the flow or subflow finishes). */
  | { readonly kind: 'next'; readonly connector: Connector | undefined }
  /** Stop until the runtime answers the request (`requestResult` / `requestFailed`). */
  | { readonly kind: 'request'; readonly request: Request }
  /** Show the frame's current screen, with errors if any. */
  | { readonly kind: 'screen'; readonly errors?: ScreenErrors }
  /** Wait for one of the events. */
  | { readonly kind: 'wait'; readonly wait: WaitCondition }
  /** Run a subflow in a new frame with these input values. */
  | { readonly kind: 'enter'; readonly flow: CompiledFlow; readonly vars: Record<string, FlowValue> };

/** Shorthand for a `next` outcome. */
export function next(connector: Connector | undefined): Outcome {
  return { kind: 'next', connector };
}
