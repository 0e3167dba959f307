/**
 * Name lookups over a definition, built once per validation: elements, resources, and every
 * name a merge field may start with. Salesforce API names are case-insensitive, so keys are
 * lower case.
 */
import type { FlowDefinition, FlowElement, FlowResource, ScreenField } from '../model.js';

/** Something with an API name, and what it is (for messages). */
export interface NamedThing {
  readonly name: string;
  readonly what: string;
  /** The element it belongs to (outcomes, screen fields, wait events, steps). */
  readonly parent: string | undefined;
}

/** Lookups by lower-case name. */
export interface FlowIndex {
  readonly elements: ReadonlyMap<string, FlowElement>;
  readonly resources: ReadonlyMap<string, FlowResource>;
  /** Every name a reference may start with (elements, resources, screen fields, outcomes ...). */
  readonly scope: ReadonlyMap<string, NamedThing>;
  /** Every named thing, duplicates included, in definition order. */
  readonly named: readonly NamedThing[];
  /** Whether the flow has a screen element. */
  readonly hasScreens: boolean;
}

function screenFields(fields: readonly ScreenField[], screen: string, into: NamedThing[]): void {
  for (const field of fields) {
    // ObjectProvided fields are named after the record field they edit (`rec.Name`); the record
    // variable is what references use.
    if (field.fieldType !== 'ObjectProvided' && field.name !== '') into.push({ name: field.name, what: 'screen field', parent: screen });
    screenFields(field.fields, screen, into);
  }
}

/** Builds the lookups for one definition. */
export function indexFlow(definition: FlowDefinition): FlowIndex {
  const elements = new Map<string, FlowElement>();
  const resources = new Map<string, FlowResource>();
  const named: NamedThing[] = [];
  let hasScreens = false;
  for (const resource of definition.resources) {
    if (resource.name === '') continue;
    named.push({ name: resource.name, what: resource.kind, parent: undefined });
    if (!resources.has(resource.name.toLowerCase())) resources.set(resource.name.toLowerCase(), resource);
  }
  for (const element of definition.elements) {
    if (element.name !== '') {
      named.push({ name: element.name, what: element.kind === 'unsupported' ? element.xmlTag : element.kind, parent: undefined });
      if (!elements.has(element.name.toLowerCase())) elements.set(element.name.toLowerCase(), element);
    }
    switch (element.kind) {
      case 'screen':
        hasScreens = true;
        screenFields(element.fields, element.name, named);
        for (const action of element.actions ?? []) named.push({ name: action.name, what: 'screen action', parent: element.name });
        break;
      case 'decision':
        for (const outcome of element.outcomes) named.push({ name: outcome.name, what: 'outcome', parent: element.name });
        break;
      case 'wait':
        for (const event of element.events) named.push({ name: event.name, what: 'wait event', parent: element.name });
        break;
      case 'orchestratedStage':
        for (const step of element.steps) named.push({ name: step.name, what: 'stage step', parent: element.name });
        break;
      case 'assignment':
      case 'loop':
      case 'recordLookup':
      case 'recordCreate':
      case 'recordUpdate':
      case 'recordDelete':
      case 'subflow':
      case 'actionCall':
      case 'collectionProcessor':
      case 'customError':
      case 'transform':
      case 'unsupported':
        break;
    }
  }
  const scope = new Map<string, NamedThing>();
  for (const thing of named) {
    const key = thing.name.toLowerCase();
    if (thing.name !== '' && !scope.has(key)) scope.set(key, thing);
  }
  return { elements, resources, scope, named, hasScreens };
}
