/**
 * Formula checks: a formula that does not parse (or calls a function with the wrong number of
 * arguments) is `FLOW_INVALID`; a function Eddy cannot evaluate, or does not know, is an
 * `UNSUPPORTED_FUNCTION` warning (the formula faults when evaluated; the rest of the flow runs).
 */
import { diagnostic } from '../diagnostic-codes.js';
import type { FormulaUse } from '../flow-walk.js';
import { FORMULA_FUNCTION_ARITY, FormulaSyntaxError, formulaFunctions, parseFormula, UNSUPPORTED_FORMULA_FUNCTIONS } from '../formula-syntax.js';
import type { Diagnostic } from '../model.js';

/** `Formula "x"`, or `In "Screen_1", the validation rule of Email`. */
function describe(use: FormulaUse): string {
  if (use.owner === undefined) return `The flow's ${use.what}`;
  if (use.what === 'the expression') return `Formula "${use.owner}"`;
  return `In "${use.owner}", ${use.what}`;
}

/** Checks each formula once. */
export function checkFormulas(uses: readonly FormulaUse[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const use of uses) {
    const where = describe(use);
    for (const name of formulaFunctions(use.expression)) {
      if (UNSUPPORTED_FORMULA_FUNCTIONS.has(name)) {
        diagnostics.push(diagnostic('UNSUPPORTED_FUNCTION', 'warning', use.owner, `${where} uses ${name}(), which Eddy cannot evaluate; the formula faults when evaluated.`, `function:${name}`));
      } else if (!FORMULA_FUNCTION_ARITY.has(name)) {
        diagnostics.push(diagnostic('UNSUPPORTED_FUNCTION', 'warning', use.owner, `${where} uses ${name}(), which is not a formula function Eddy knows; the formula faults when evaluated.`, `function:${name}`));
      }
    }
    try {
      parseFormula(use.expression);
    } catch (error) {
      if (!(error instanceof FormulaSyntaxError)) throw error;
      if (error.code === 'UNKNOWN_FUNCTION') continue;
      diagnostics.push(diagnostic('FLOW_INVALID', 'error', use.owner, `${where} is not a valid formula: ${error.message}`));
    }
  }
  return diagnostics;
}
