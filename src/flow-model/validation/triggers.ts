/**
 * Record-triggered flows: a before-save flow ("Fast Field Updates") may use only the elements
 * Salesforce allows there — Assignment, Decision, Get Records, Loop, Collection Sort/Filter,
 * Custom Error, and Update Records of `$Record` (which changes the record in memory); Flow
 * Builder refuses the others when the flow is saved, so Eddy refuses them at deploy.
 */
import { diagnostic } from '../diagnostic-codes.js';
import type { Diagnostic, FlowDefinition, FlowElement } from '../model.js';
import { recordTriggerOf } from '../triggers/record-trigger.js';

function allowedBeforeSave(element: FlowElement): boolean {
  switch (element.kind) {
    case 'assignment':
    case 'decision':
    case 'recordLookup':
    case 'loop':
    case 'collectionProcessor':
    case 'customError':
      return true;
    case 'recordUpdate':
      return element.inputReference !== undefined && element.inputReference.root.toLowerCase() === '$record' && element.inputReference.path.length === 0;
    case 'actionCall':
    case 'orchestratedStage':
    case 'recordCreate':
    case 'recordDelete':
    case 'screen':
    case 'subflow':
    case 'transform':
    case 'unsupported':
    case 'wait':
      return false;
  }
}

/** Elements a before-save flow may not contain. */
export function checkTriggers(definition: FlowDefinition): Diagnostic[] {
  const trigger = recordTriggerOf(definition);
  if (trigger?.timing !== 'beforeSave') return [];
  return definition.elements
    .filter((element) => !allowedBeforeSave(element))
    .map((element) =>
      diagnostic(
        'TRIGGER_ELEMENT_NOT_ALLOWED',
        'error',
        element.name,
        `"${element.name}" (${element.kind}) cannot run in a before-save flow: a flow that makes fast field updates may use only Assignment, Decision, Get Records, Loop, Collection Sort/Filter, Custom Error and Update Records of $Record. Make it an after-save flow ("Actions and Related Records").`,
      ),
    );
}
