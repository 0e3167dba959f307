/**
 * `UNSUPPORTED_*`: what Eddy cannot run yet, named so the report can count it. Severity rule:
 * a **warning** when Eddy can still run the rest of the flow (the construct faults or is skipped
 * only where it is reached), an **error** when Eddy cannot run the flow at all (Process Builder).
 */
import { diagnostic } from '../diagnostic-codes.js';
import type { Diagnostic, FlowDefinition } from '../model.js';
import { classifyProcessType } from '../process-types.js';

/** Action types with a built-in implementation or the invocable-action registry behind them. */
export const SUPPORTED_ACTION_TYPES: ReadonlySet<string> = new Set(['apex', 'emailSimple', 'emailAlert', 'flow', 'chatterPost', 'customNotificationAction']);

/** Collection processors the engine runs. */
const SUPPORTED_PROCESSORS: ReadonlySet<string> = new Set(['SortCollectionProcessor', 'FilterCollectionProcessor']);

function checkProcessType(definition: FlowDefinition): Diagnostic[] {
  const { processType } = definition;
  if (processType.trim() === '') return [];
  const construct = `processType:${processType}`;
  switch (classifyProcessType(processType)) {
    case 'screen':
    case 'autolaunched':
      return [];
    case 'autolaunchedContext':
      return [diagnostic('UNSUPPORTED_PROCESS_TYPE', 'warning', undefined, `Process type ${processType} runs as an autolaunched flow: the Salesforce context that normally calls it is not simulated.`, construct)];
    case 'orchestration':
      return [diagnostic('UNSUPPORTED_PROCESS_TYPE', 'warning', undefined, `Process type ${processType}: orchestrations are parsed and validated, but Eddy does not run them yet.`, construct)];
    case 'processBuilder':
      return [diagnostic('UNSUPPORTED_PROCESS_TYPE', 'error', undefined, `Process type ${processType} is a Process Builder process; Eddy does not run Process Builder (migrate it to a record-triggered flow).`, construct)];
    case 'unknown':
      return [diagnostic('UNSUPPORTED_PROCESS_TYPE', 'warning', undefined, `Process type ${processType} is not one Eddy knows; it runs as a screen flow if it has screens, else as an autolaunched flow.`, construct)];
  }
}

/** Process types, element kinds, collection processors, action types and scheduled paths Eddy cannot run. */
export function checkSupport(definition: FlowDefinition): Diagnostic[] {
  const diagnostics = checkProcessType(definition);
  const orchestration = classifyProcessType(definition.processType) === 'orchestration';
  for (const element of definition.elements) {
    switch (element.kind) {
      case 'transform':
        diagnostics.push(diagnostic('UNSUPPORTED_ELEMENT', 'warning', element.name, `Transform "${element.name}" cannot run yet; the flow faults if it reaches it.`, 'element:transforms'));
        break;
      case 'unsupported':
        diagnostics.push(diagnostic('UNSUPPORTED_ELEMENT', 'warning', element.name, `"${element.name}" is a <${element.xmlTag}> element, which Eddy cannot run; the flow faults if it reaches it.`, `element:${element.xmlTag}`));
        break;
      case 'orchestratedStage':
        // In an orchestration the process-type diagnostic already says stages do not run.
        if (!orchestration) diagnostics.push(diagnostic('UNSUPPORTED_ELEMENT', 'warning', element.name, `Stage "${element.name}" belongs in an orchestration; Eddy does not run orchestration stages yet.`, 'element:orchestratedStages'));
        break;
      case 'collectionProcessor':
        if (!SUPPORTED_PROCESSORS.has(element.processorType)) {
          diagnostics.push(diagnostic('UNSUPPORTED_ELEMENT', 'warning', element.name, `Collection processor "${element.name}" is a ${element.processorType}, which Eddy cannot run; the flow faults if it reaches it.`, `element:${element.processorType}`));
        }
        break;
      case 'screen':
        if ((element.actions ?? []).length > 0) {
          diagnostics.push(diagnostic('UNSUPPORTED_ELEMENT', 'warning', element.name, `Screen "${element.name}" has screen actions, which Eddy does not run; the screen shows without them.`, 'element:screen actions'));
        }
        break;
      case 'actionCall':
        if (!SUPPORTED_ACTION_TYPES.has(element.actionType)) {
          diagnostics.push(
            diagnostic('UNSUPPORTED_ACTION_TYPE', 'warning', element.name, `Action "${element.name}" has action type ${element.actionType} (${element.actionName}), which has no built-in implementation; it runs only if a handler is registered for it.`, `actionType:${element.actionType}`),
          );
        }
        break;
      case 'assignment':
      case 'decision':
      case 'loop':
      case 'recordLookup':
      case 'recordCreate':
      case 'recordUpdate':
      case 'recordDelete':
      case 'subflow':
      case 'customError':
      case 'wait':
        break;
    }
  }
  for (const path of definition.start?.scheduledPaths ?? []) {
    diagnostics.push(diagnostic('UNSUPPORTED_ELEMENT', 'warning', 'start', `Scheduled path "${path.name}" (${path.pathType ?? path.timeSource ?? 'scheduled'}) is not run by Eddy: only the immediate path runs.`, 'start:scheduledPaths'));
  }
  return diagnostics;
}
