/**
 * `<subflows>`: a `subflow` request (the runtime makes the definition available through
 * `context.flows` and answers `subflowReady`), then the subflow runs in a new frame of the same
 * interview. When it finishes, its output variables come back through `outputAssignments` or,
 * with `storeOutputAutomatically`, as `{!Subflow.outVar}`.
 */
import type { InputParameter, OutputParameter, SubflowElement } from '../../flow-model/index.js';
import type { CompiledFlow } from '../compile.js';
import { type ElementContext, next, type Outcome } from '../element-outcome.js';
import { FlowFault } from '../fault.js';
import type { FlowValue } from '../protocol.js';
import type { Scope } from '../scope.js';
import { getField } from '../value-path.js';

/** Asks the runtime for the subflow's definition. */
export function executeSubflow(element: SubflowElement): Outcome {
  return { kind: 'request', request: { kind: 'subflow', flowName: element.flowName } };
}

/** Enters the subflow once its definition is available. */
export function resumeSubflow(element: SubflowElement, ctx: ElementContext): Outcome {
  return enterSubflow(element.flowName, element.inputAssignments, element.name, ctx);
}

/** Copies the subflow's outputs back and follows the connector. */
export function completeSubflow(element: SubflowElement, ctx: ElementContext, outputs: Record<string, FlowValue>): Outcome {
  storeOutputs(element.outputAssignments, element.storeOutputAutomatically, element.name, ctx.scope, outputs);
  return next(element.connector);
}

/** The `enter` outcome for a flow called by a subflow element or a `flow` action. */
export function enterSubflow(flowName: string, inputs: readonly InputParameter[], element: string, ctx: ElementContext): Outcome {
  const child = ctx.context.flows?.(flowName);
  if (child === undefined) throw new FlowFault('UNKNOWN_FLOW', `"${element}" calls flow "${flowName}", which is not available.`);
  return { kind: 'enter', flow: child, vars: subflowInputs(child, inputs, element, ctx.scope) };
}

/** The child's initial variables: each input must name an input variable; values are coerced. */
export function subflowInputs(child: CompiledFlow, inputs: readonly InputParameter[], element: string, scope: Scope): Record<string, FlowValue> {
  const vars: Record<string, FlowValue> = {};
  for (const input of inputs) {
    const variable = child.resource(input.name);
    if (variable?.kind !== 'variable' || !variable.isInput) {
      throw new FlowFault('INVALID_INPUT', `"${element}" passes "${input.name}" to flow "${child.apiName}", which has no input variable of that name.`);
    }
    const value = scope.coerce(scope.evaluate(input.value, variable.dataType).value, variable);
    if (value !== null) vars[variable.name] = value;
  }
  return vars;
}

/** Writes outputs to their targets and, with `storeOutputAutomatically`, under the element's name. */
export function storeOutputs(
  parameters: readonly OutputParameter[],
  automatically: boolean,
  element: string,
  scope: Scope,
  outputs: Record<string, FlowValue>,
): void {
  for (const parameter of parameters) scope.write(parameter.target, getField(outputs, parameter.name));
  if (automatically && Object.keys(outputs).length > 0) scope.setVar(element, outputs, false);
}
