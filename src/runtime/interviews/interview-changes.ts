/**
 * The FlowInterview row fields an interview's outcome sets: at rest (Running at a screen, Paused
 * at a wait, Completed at its end) or failed (Error, with the fault's element and message). Text
 * is cut to its 1000-character column, so a long label or fault message never fails the save.
 */
import type { Awaiting, CompiledFlow, Fault, InterviewState, StepContext } from '../../engine/index.js';
import { renderInterviewLabel } from '../../engine/index.js';
import type { InterviewChanges, InterviewStatus } from '../ports/index.js';

/** `FlowInterview.Error` and `InterviewLabel` hold at most 1000 characters. */
const MAX_TEXT_1000 = 1000;

/** The row's fields for an interview at rest. */
export function restChanges(awaiting: Exclude<Awaiting, { kind: 'failed' | 'request' }>): InterviewChanges {
  switch (awaiting.kind) {
    case 'screen':
      return { InterviewStatus: 'Running', CurrentElement: awaiting.screen.name, WasPausedFromScreen: false, PauseLabel: null, Error: null };
    case 'wait':
      return { InterviewStatus: 'Paused', CurrentElement: awaiting.wait.element, WasPausedFromScreen: false, PauseLabel: null, Error: null };
    case 'finished':
      return { InterviewStatus: 'Completed', CurrentElement: null, WasPausedFromScreen: false, PauseLabel: null, Error: null };
  }
}

/** The row's fields for an interview failed by `fault`. */
export function failureChanges(failed: { readonly fault: Fault }): InterviewChanges & { InterviewStatus: InterviewStatus } {
  return { InterviewStatus: 'Error', CurrentElement: failed.fault.element ?? null, WasPausedFromScreen: false, PauseLabel: null, Error: truncate(failed.fault.message, MAX_TEXT_1000) };
}

/** The row's `InterviewLabel`: the flow's label rendered against the interview's state. */
export function interviewLabel(flow: CompiledFlow, state: InterviewState, context: StepContext): string {
  return truncate(renderInterviewLabel(flow, state, context), MAX_TEXT_1000);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
