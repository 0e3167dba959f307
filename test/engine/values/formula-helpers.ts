/** Shared helpers for formula tests: a resolver over a plain map of variables. */
import type { FlowDataType, Reference } from '../../../src/flow-model/model.js';
import { FlowFault } from '../../../src/engine/fault.js';
import { compileFormula } from '../../../src/engine/formulas/formula.js';
import type { FormulaContext } from '../../../src/engine/formulas/formula.js';
import type { FlowValue } from '../../../src/engine/protocol.js';
import type { TypedValue } from '../../../src/engine/typed-value.js';

/** The time every formula test runs at unless it says otherwise. */
export const NOW = '2024-03-15T14:30:45.250Z';

/** A typed value. */
export function v(value: FlowValue, dataType?: FlowDataType, isCollection = false): TypedValue {
  return { value, dataType, isCollection };
}

/** Variables by reference text; plain values are untyped. */
export type Vars = Record<string, TypedValue | FlowValue>;

function isTyped(value: TypedValue | FlowValue): value is TypedValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'isCollection' in value && 'dataType' in value;
}

/** A resolver over `vars`; an unknown reference throws UNKNOWN_REFERENCE as the scope would. */
export function resolver(vars: Vars): (ref: Reference) => TypedValue {
  return (ref) => {
    if (!(ref.text in vars)) throw new FlowFault('UNKNOWN_REFERENCE', `Unknown reference ${ref.text}`);
    const value = vars[ref.text] ?? null;
    return isTyped(value) ? value : v(value);
  };
}

/** Evaluates a formula. */
export function run(expression: string, returnType: FlowDataType = 'String', vars: Vars = {}, context: Partial<FormulaContext> = {}, scale?: number): FlowValue {
  return compileFormula(expression, returnType, scale === undefined ? undefined : { scale }).evaluate(resolver(vars), { now: NOW, ...context });
}

/** The fault a formula raises, compiling or evaluating. */
export function faultOf(expression: string, returnType: FlowDataType = 'String', vars: Vars = {}): FlowFault {
  try {
    run(expression, returnType, vars);
  } catch (error) {
    if (error instanceof FlowFault) return error;
    throw error;
  }
  throw new Error(`expected ${expression} to fault`);
}
