/**
 * Parses orchestration stages: `<orchestratedStages>` with `<stageSteps>` (Orchestrator) and the
 * older `<steppedStages>` with `<steps>` (AppProcess, API 51), which use `exitCriteria` /
 * `entryCriteria` where the newer shape uses `exitConditions` / `entryConditions`.
 */
import type { ConditionSet, OrchestratedStageElement, OrchestratedStep } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import {
  parseConditionSet,
  parseConnector,
  parseElementBase,
  parseInputParameters,
  parseOutputParameters,
  parseValueTag,
} from '../values.js';
import { bool, list, text, trimmed, type XmlNode } from '../xml-node.js';

/** Tag names of the two shapes. */
interface StageShape {
  readonly steps: string;
  readonly exitConditions: string;
  readonly exitLogic: string;
  readonly entryConditions: string;
  readonly entryLogic: string;
}

const ORCHESTRATED: StageShape = { steps: 'stageSteps', exitConditions: 'exitConditions', exitLogic: 'exitConditionLogic', entryConditions: 'entryConditions', entryLogic: 'entryConditionLogic' };
const STEPPED: StageShape = { steps: 'steps', exitConditions: 'exitCriteria', exitLogic: 'exitCriteriaLogic', entryConditions: 'entryCriteria', entryLogic: 'entryCriteriaLogic' };

function optionalConditions(node: XmlNode, tag: string, logicTag: string, context: ParseContext, element: string): ConditionSet | undefined {
  const conditions = list(node, tag);
  return conditions.length === 0 ? undefined : parseConditionSet(conditions, text(node, logicTag), context, element);
}

/** `stepSubtype` when written, else what the action type implies. */
function stepType(node: XmlNode): string {
  const subtype = trimmed(node, 'stepSubtype');
  if (subtype !== undefined) return subtype;
  const actionType = trimmed(node, 'actionType');
  if (actionType === 'createWorkItem' || actionType === 'stepInteractive') return 'InteractiveStep';
  if (actionType === 'stepBackground') return 'BackgroundStep';
  return actionType ?? 'InteractiveStep';
}

function parseStep(node: XmlNode, shape: StageShape, context: ParseContext, stage: string): OrchestratedStep {
  const name = trimmed(node, 'name') ?? '';
  if (name === '') context.missing(stage, `A step of stage "${stage}"`, 'name');
  const entryActionType = trimmed(node, 'entryActionType');
  const entryActionInputParameters = parseInputParameters(list(node, 'entryActionInputParameters'), context, stage);
  return {
    name,
    label: text(node, 'label')?.trim() ?? name,
    stepType: stepType(node),
    actionName: trimmed(node, 'actionName'),
    actionType: trimmed(node, 'actionType'),
    entryConditions: optionalConditions(node, shape.entryConditions, shape.entryLogic, context, stage),
    entryActionName: trimmed(node, 'entryActionName'),
    exitActionName: trimmed(node, 'exitActionName'),
    requiresAsyncProcessing: bool(node, 'requiresAsyncProcessing', false),
    assignees: list(node, 'assignees').map((assignee) => ({
      type: trimmed(assignee, 'assigneeType') ?? 'User',
      assignee: parseValueTag(assignee, 'assignee', context, stage) ?? { kind: 'null' },
    })),
    inputParameters: parseInputParameters(list(node, 'inputParameters'), context, stage),
    outputParameters: parseOutputParameters(list(node, 'outputParameters'), context, stage),
    ...(entryActionType === undefined ? {} : { entryActionType }),
    ...(entryActionInputParameters.length === 0 ? {} : { entryActionInputParameters }),
  };
}

function parseStage(node: XmlNode, shape: StageShape, context: ParseContext): OrchestratedStageElement {
  const base = parseElementBase(node, context, 'stage');
  const exitActionType = trimmed(node, 'exitActionType');
  const exitActionInputParameters = parseInputParameters(list(node, 'exitActionInputParameters'), context, base.name);
  return {
    kind: 'orchestratedStage',
    ...base,
    steps: list(node, shape.steps).map((step) => parseStep(step, shape, context, base.name)),
    exitConditions: optionalConditions(node, shape.exitConditions, shape.exitLogic, context, base.name),
    exitActionName: trimmed(node, 'exitActionName'),
    connector: parseConnector(node, 'connector'),
    faultConnector: parseConnector(node, 'faultConnector'),
    ...(exitActionType === undefined ? {} : { exitActionType }),
    ...(exitActionInputParameters.length === 0 ? {} : { exitActionInputParameters }),
  };
}

/** An `<orchestratedStages>` entry. */
export function parseOrchestratedStage(node: XmlNode, context: ParseContext): OrchestratedStageElement {
  return parseStage(node, ORCHESTRATED, context);
}

/** A `<steppedStages>` entry (AppProcess), in the same model. */
export function parseSteppedStage(node: XmlNode, context: ParseContext): OrchestratedStageElement {
  return parseStage(node, STEPPED, context);
}
