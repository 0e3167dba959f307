/** The interview label (`<interviewLabel>`, e.g. `Survey {!$Flow.CurrentDateTime}`), rendered for the runtime. */
import type { CompiledFlow } from './compile.js';
import { FlowFault } from './fault.js';
import type { InterviewState, StepContext } from './protocol.js';
import { Scope } from './scope.js';

/**
 * The flow's interview label with merge fields resolved against the root frame, or the flow's
 * label when it has none. A reference that cannot be resolved renders the label's raw text.
 */
export function renderInterviewLabel(flow: CompiledFlow, state: InterviewState, context: StepContext): string {
  const template = flow.definition.interviewLabel;
  const root = state.frames[0];
  if (template === undefined || root === undefined) return flow.definition.label;
  try {
    return new Scope(flow, root, state, context).render(template, false);
  } catch (error) {
    if (error instanceof FlowFault) return template.text;
    throw error;
  }
}
