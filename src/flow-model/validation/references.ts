/**
 * `REFERENCE_UNKNOWN`: every reference must start with a resource, an element (its outputs, a
 * loop's current item), a screen field, a choice, an outcome, a stage or step, or a documented
 * global; `$Flow.X`, `$GlobalConstant.X` and `$System.X` names are checked against the documented lists.
 */
import { diagnostic } from '../diagnostic-codes.js';
import type { ReferenceUse } from '../flow-walk.js';
import { FLOW_GLOBALS, GLOBAL_CONSTANTS, GLOBAL_ROOTS, SYSTEM_GLOBALS } from '../global-variables.js';
import type { Diagnostic, FlowDefinition, Reference } from '../model.js';
import type { FlowIndex } from './flow-index.js';

/** Why a `$` global is unknown here, or `undefined` when it is fine. */
function globalProblem(ref: Reference, definition: FlowDefinition): string | undefined {
  const root = ref.root.toLowerCase();
  const first = (ref.path[0] ?? '').toLowerCase();
  if (!GLOBAL_ROOTS.has(root)) return `${ref.root} is not a Salesforce global variable`;
  switch (root) {
    case '$flow':
      return FLOW_GLOBALS.has(first) ? undefined : `$Flow.${ref.path[0] ?? ''} is not one of the documented $Flow globals`;
    case '$globalconstant':
      return GLOBAL_CONSTANTS.has(first) ? undefined : `$GlobalConstant.${ref.path[0] ?? ''} is not True, False or EmptyString`;
    case '$system':
      return SYSTEM_GLOBALS.has(first) ? undefined : `$System.${ref.path[0] ?? ''} is not $System.OriginDateTime`;
    case '$record':
      return definition.start?.object === undefined ? '$Record exists only in flows triggered by a record (the start has no object)' : undefined;
    case '$record__prior':
      if (definition.start?.object === undefined) return '$Record__Prior exists only in record-triggered flows';
      return definition.start.recordTriggerType === 'Create' ? '$Record__Prior exists only when the flow runs on updates' : undefined;
    default:
      return undefined;
  }
}

/** Checks each reference's root against the index. */
export function checkReferences(definition: FlowDefinition, index: FlowIndex, uses: readonly ReferenceUse[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const use of uses) {
    const { ref } = use;
    let problem: string | undefined;
    if (ref.root.startsWith('$')) problem = globalProblem(ref, definition);
    else if (!index.scope.has(ref.root.toLowerCase())) problem = `no resource, element or screen field is named "${ref.root}"`;
    if (problem === undefined) continue;
    const key = `${use.owner ?? ''}\u0000${ref.text.toLowerCase()}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const who = use.owner === undefined ? 'The flow' : `"${use.owner}"`;
    diagnostics.push(diagnostic('REFERENCE_UNKNOWN', 'error', use.owner, `${who} references {!${ref.text}}, but ${problem}.`));
  }
  return diagnostics;
}
