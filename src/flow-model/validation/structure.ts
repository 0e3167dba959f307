/**
 * Structural rules: the flow has a process type and one unambiguous start, connectors point at
 * elements, every element is reachable, API names are unique, and waits are not in screen flows.
 */
import { diagnostic } from '../diagnostic-codes.js';
import { elementConnectors, entryConnectors } from '../flow-walk.js';
import type { Diagnostic, FlowDefinition } from '../model.js';
import type { FlowIndex } from './flow-index.js';

/** `FLOW_INVALID` for what a runnable flow must have. */
export function checkFlowBasics(definition: FlowDefinition): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (definition.processType.trim() === '') {
    diagnostics.push(diagnostic('FLOW_INVALID', 'error', undefined, 'The flow has no <processType>: Eddy cannot tell a screen flow from an autolaunched one.'));
  }
  for (const element of definition.elements) {
    if (element.kind === 'decision' && element.outcomes.length === 0) {
      diagnostics.push(diagnostic('FLOW_INVALID', 'error', element.name, `Decision "${element.name}" has no outcomes.`));
    }
  }
  return diagnostics;
}

/** `START_MISSING` and `START_AMBIGUOUS`. */
export function checkStart(definition: FlowDefinition): Diagnostic[] {
  const legacy = definition.startElement;
  const modern = definition.start?.connector?.target;
  if (legacy !== undefined && modern !== undefined && legacy !== modern) {
    return [
      diagnostic('START_AMBIGUOUS', 'error', undefined, `The flow starts both at "${modern}" (<start>) and at "${legacy}" (<startElementReference>); keep one.`),
    ];
  }
  const hasScheduledPaths = (definition.start?.scheduledPaths ?? []).some((path) => path.connector !== undefined);
  if (legacy === undefined && modern === undefined && !hasScheduledPaths && definition.elements.length > 0) {
    return [diagnostic('START_MISSING', 'error', undefined, 'The flow has elements but no start: connect <start> (or set <startElementReference>) to the first element.')];
  }
  return [];
}

/** `CONNECTOR_DANGLING`: a connector whose target is not an element of the flow. */
export function checkConnectors(definition: FlowDefinition, index: FlowIndex): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const uses = [...entryConnectors(definition), ...definition.elements.flatMap((element) => elementConnectors(element))];
  for (const use of uses) {
    if (index.elements.has(use.connector.target.toLowerCase())) continue;
    const from = use.owner === undefined ? `The ${use.what}` : `The ${use.what} of "${use.owner}"`;
    const resource = index.resources.get(use.connector.target.toLowerCase());
    const hint = resource === undefined ? 'no element has that name' : `that is a ${resource.kind}, not an element`;
    diagnostics.push(diagnostic('CONNECTOR_DANGLING', 'error', use.owner, `${from} goes to "${use.connector.target}", but ${hint}.`));
  }
  return diagnostics;
}

/** `ELEMENT_UNREACHABLE` (warning): elements no path from the start (or a scheduled path) reaches. */
export function checkReachability(definition: FlowDefinition, index: FlowIndex): Diagnostic[] {
  const entries = entryConnectors(definition);
  if (entries.length === 0) return [];
  const reached = new Set<string>();
  const pending = entries.map((use) => use.connector.target.toLowerCase());
  while (pending.length > 0) {
    const name = pending.pop() ?? '';
    if (reached.has(name)) continue;
    const element = index.elements.get(name);
    if (element === undefined) continue;
    reached.add(name);
    for (const use of elementConnectors(element)) pending.push(use.connector.target.toLowerCase());
  }
  return definition.elements
    .filter((element) => element.name !== '' && !reached.has(element.name.toLowerCase()))
    .map((element) => diagnostic('ELEMENT_UNREACHABLE', 'warning', element.name, `"${element.name}" is never reached: no connector leads to it from the start.`));
}

/** `NAME_DUPLICATE`: two elements, resources, screen fields, outcomes, events or steps with one API name. */
export function checkDuplicateNames(index: FlowIndex): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, { name: string; what: string }>();
  for (const thing of index.named) {
    if (thing.name === '') continue;
    const key = thing.name.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, thing);
      continue;
    }
    const where = thing.parent === undefined ? '' : ` of "${thing.parent}"`;
    diagnostics.push(
      diagnostic('NAME_DUPLICATE', 'error', thing.parent ?? thing.name, `The name "${thing.name}" (${thing.what}${where}) is already used by a ${first.what}; API names must be unique in a flow, ignoring case.`),
    );
  }
  return diagnostics;
}

/** `WAIT_IN_SCREEN_FLOW`: waits pause autolaunched flows only. */
export function checkWaits(definition: FlowDefinition, index: FlowIndex): Diagnostic[] {
  if (definition.processType !== 'Flow' && !index.hasScreens) return [];
  const why = definition.processType === 'Flow' ? 'this is a screen flow' : 'this flow has screens';
  return definition.elements
    .filter((element) => element.kind === 'wait')
    .map((element) => diagnostic('WAIT_IN_SCREEN_FLOW', 'error', element.name, `Wait "${element.name}" cannot be used: ${why}, and waits are only allowed in autolaunched flows.`));
}
