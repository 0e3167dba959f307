/**
 * FlowStageRelation rows for a pausing or waiting interview: one per stage in
 * `$Flow.ActiveStages` (`Active`, ordered by position from 0) and one for `$Flow.CurrentStage`
 * (`Current`; its order is its position among the active stages, else 0) — reference §1.4.
 */
import type { CompiledFlow, InterviewGlobals } from '../../engine/index.js';
import type { NewStageRelation } from '../ports/index.js';

/** The stage relations of an interview's globals; labels come from the flows' stage resources. */
export function stageRelationsOf(globals: InterviewGlobals, flows: readonly CompiledFlow[]): NewStageRelation[] {
  const active = globals.activeStages;
  const relations: NewStageRelation[] = active.map((stage, index) => ({ StageLabel: stageLabel(stage, flows), StageOrder: index, StageType: 'Active' }));
  const current = globals.currentStage;
  if (current !== null && current !== '') {
    const index = active.findIndex((stage) => stage.toLowerCase() === current.toLowerCase());
    relations.push({ StageLabel: stageLabel(current, flows), StageOrder: Math.max(0, index), StageType: 'Current' });
  }
  return relations;
}

/** `Flow:Stage` → the stage's label (its name when the flow or stage is unknown). */
function stageLabel(qualified: string, flows: readonly CompiledFlow[]): string {
  const separator = qualified.lastIndexOf(':');
  const flowName = separator < 0 ? undefined : qualified.slice(0, separator).toLowerCase();
  const stageName = (separator < 0 ? qualified : qualified.slice(separator + 1)).toLowerCase();
  for (const flow of flows) {
    if (flowName !== undefined && flow.apiName.toLowerCase() !== flowName) continue;
    const stage = flow.stages.find((candidate) => candidate.name.toLowerCase() === stageName);
    if (stage !== undefined) return stage.label;
  }
  return separator < 0 ? qualified : qualified.slice(separator + 1);
}
