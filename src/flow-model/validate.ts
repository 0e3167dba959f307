/**
 * `validateFlow`: every definition problem of a parsed flow as a list of diagnostics (never
 * thrown). The rules live in `validation/`, one file per group; `docs/flow-model.md` lists the
 * codes and their severities.
 */
import { collectUses } from './flow-walk.js';
import type { Diagnostic, FlowDefinition } from './model.js';
import { checkConditionLogic } from './validation/condition-logic.js';
import { indexFlow } from './validation/flow-index.js';
import { checkFormulas } from './validation/formulas.js';
import { checkReferences } from './validation/references.js';
import {
  checkConnectors,
  checkDuplicateNames,
  checkFlowBasics,
  checkReachability,
  checkStart,
  checkWaits,
} from './validation/structure.js';
import { checkSupport } from './validation/support.js';
import { checkTriggers } from './validation/triggers.js';
import { checkTypes } from './validation/types.js';

/** Validates a parsed flow: structure, references, types, condition logic and what Eddy cannot run. */
export function validateFlow(definition: FlowDefinition): Diagnostic[] {
  const index = indexFlow(definition);
  const uses = collectUses(definition);
  const start = checkStart(definition);
  return [
    ...checkFlowBasics(definition),
    ...start,
    ...checkConnectors(definition, index),
    ...checkDuplicateNames(index),
    ...checkReferences(definition, index, uses.references),
    ...checkTypes(definition, index),
    ...checkConditionLogic(definition),
    ...checkFormulas(uses.formulas),
    ...checkWaits(definition, index),
    ...checkSupport(definition),
    ...checkTriggers(definition),
    // Without a start, every element would be "unreachable": START_MISSING says it once.
    ...(start.length === 0 ? checkReachability(definition, index) : []),
  ];
}
