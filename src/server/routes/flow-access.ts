/**
 * Who may see and change flows over the API. Reading flows needs Run Flows, Manage Flow or
 * Customize Application (403 otherwise); a flow restricted to enabled permission sets
 * (`IsAdditionalPermissionRequiredToRun`) does not exist for a user none of whose permission sets
 * enables it, unless they have Manage Flow (404, no hint); changing flows needs Manage Flow or
 * Customize Application (403) — the same rules `FlowService` and the sharing module apply.
 */
import { InsufficientAccessError } from '../../runtime/index.js';
import type { AccessSubject, FlowDefinitionRecord, FlowStore } from '../../runtime/index.js';

/** Whether the subject may read flow metadata at all. */
export function canReadFlows(subject: AccessSubject): boolean {
  const { runFlows, manageFlow, customizeApplication } = subject.permissions;
  return runFlows || manageFlow || customizeApplication;
}

/** 403 unless the subject may read flow metadata. */
export function requireFlowReader(subject: AccessSubject): void {
  if (!canReadFlows(subject)) throw new InsufficientAccessError('Reading flows needs the Run Flows, Manage Flow or Customize Application permission.');
}

/** 403 unless the subject may change flows. */
export function requireFlowManager(subject: AccessSubject): void {
  if (!subject.permissions.manageFlow && !subject.permissions.customizeApplication) {
    throw new InsufficientAccessError('Changing flows needs the Manage Flow or Customize Application permission.');
  }
}

/** 403 unless the subject may run flows. */
export function requireFlowRunner(subject: AccessSubject): void {
  if (!subject.permissions.runFlows && !subject.permissions.manageFlow) throw new InsufficientAccessError('Running flows needs the Run Flows permission.');
}

/** Whether the per-flow restriction lets the subject see the flow. */
export function canSeeFlow(subject: AccessSubject, definition: FlowDefinitionRecord): boolean {
  return !definition.IsAdditionalPermissionRequiredToRun || subject.permissions.manageFlow || subject.enabledFlowIds.includes(definition.Id);
}

/** The flow definition by API name if the subject may see it, else undefined. */
export async function visibleDefinitionByName(flows: FlowStore, subject: AccessSubject, apiName: string): Promise<FlowDefinitionRecord | undefined> {
  const definition = await flows.getDefinitionByName(apiName);
  return definition && canSeeFlow(subject, definition) ? definition : undefined;
}
