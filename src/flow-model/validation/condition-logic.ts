/** `CONDITION_LOGIC_INVALID`: custom condition or filter logic that does not parse or names a missing condition. */
import { parseConditionLogic } from '../condition-logic.js';
import { diagnostic } from '../diagnostic-codes.js';
import type { ConditionSet, Diagnostic, FlowDefinition, ScreenField } from '../model.js';

/** Checks every condition set and every filter logic of the flow. */
export function checkConditionLogic(definition: FlowDefinition): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const check = (text: string | undefined, count: number, owner: string | undefined, what: string): void => {
    const { error } = parseConditionLogic(text, count);
    if (error !== undefined) diagnostics.push(diagnostic('CONDITION_LOGIC_INVALID', 'error', owner, `${what}: ${error}.`));
  };
  const checkSet = (set: ConditionSet | undefined, owner: string, what: string): void => {
    if (set !== undefined) check(set.logicText, set.conditions.length, owner, what);
  };
  const checkFields = (fields: readonly ScreenField[], screen: string): void => {
    for (const field of fields) {
      checkSet(field.visibility, screen, `The visibility rule of "${field.name}" on screen "${screen}"`);
      checkFields(field.fields, screen);
    }
  };
  const start = definition.start;
  if (start !== undefined) check(start.filterLogicText, start.filters.length, 'start', 'The entry conditions of the start');
  for (const resource of definition.resources) {
    if (resource.kind === 'dynamicChoiceSet') check(resource.filterLogicText, resource.filters.length, resource.name, `The filters of choice set "${resource.name}"`);
  }
  for (const element of definition.elements) {
    switch (element.kind) {
      case 'decision':
        for (const outcome of element.outcomes) checkSet(outcome.conditions, element.name, `Outcome "${outcome.name}" of decision "${element.name}"`);
        break;
      case 'screen':
        checkFields(element.fields, element.name);
        break;
      case 'recordLookup':
      case 'recordUpdate':
      case 'recordDelete':
        check(element.filterLogicText, element.filters.length, element.name, `The filters of "${element.name}"`);
        break;
      case 'collectionProcessor':
        checkSet(element.conditions, element.name, `The conditions of "${element.name}"`);
        break;
      case 'wait':
        for (const event of element.events) checkSet(event.conditions, element.name, `Event "${event.name}" of wait "${element.name}"`);
        break;
      case 'orchestratedStage':
        checkSet(element.exitConditions, element.name, `The exit conditions of stage "${element.name}"`);
        for (const step of element.steps) checkSet(step.entryConditions, element.name, `The entry conditions of step "${step.name}"`);
        break;
      case 'assignment':
      case 'loop':
      case 'recordCreate':
      case 'subflow':
      case 'actionCall':
      case 'customError':
      case 'transform':
      case 'unsupported':
        break;
    }
  }
  return diagnostics;
}
