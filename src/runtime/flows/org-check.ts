/**
 * The org-aware step of deploy and activation: a flow's objects, fields, relationship paths,
 * picklist values and actions checked against the org's describe and action registry
 * (`checkAgainstSchema` in the flow-model, which stays org-agnostic). Salesforce refuses to
 * activate such a flow; Eddy stores it as a Draft and refuses its activation, naming each problem
 * and the project file a missing custom object or field needs (`docs/runtime.md`, "Deploy
 * validation against the org").
 */
import { checkAgainstSchema, type Diagnostic, type FlowDefinition } from '../../flow-model/index.js';
import type { ActionRegistry } from '../actions/action-registry.js';
import type { OrgSchema } from '../org/org-schema.js';

/** Action types the runtime answers itself, whatever the registry holds. */
const BUILT_IN_ACTION_TYPES: ReadonlySet<string> = new Set(['emailsimple', 'emailalert', 'flow', 'chatterpost', 'customnotificationaction']);

/** Whether the runtime can run an action of this type and name: a built-in type, or one registered. */
export function actionExists(registry: ActionRegistry, actionType: string, actionName: string): boolean {
  return BUILT_IN_ACTION_TYPES.has(actionType.toLowerCase()) || registry.get(actionType, actionName) !== undefined;
}

/**
 * The org-dependent errors of `definition` against `schema` (and `actions`, when given: without
 * a registry, actions are not checked).
 */
export function checkFlowAgainstOrg(definition: FlowDefinition, schema: OrgSchema, actions?: ActionRegistry): Diagnostic[] {
  return checkAgainstSchema(definition, schema, actions === undefined ? {} : { hasAction: (type, name) => actionExists(actions, type, name) });
}
