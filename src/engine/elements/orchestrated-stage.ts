/** `<orchestratedStages>`: orchestrations run in a later issue. */
import type { OrchestratedStageElement } from '../../flow-model/index.js';
import type { Outcome } from '../element-outcome.js';
import { FlowFault } from '../fault.js';

/** Faults with `UNSUPPORTED`: orchestration stages are not executed by the flow engine. */
export function executeOrchestratedStage(element: OrchestratedStageElement): Outcome {
  throw new FlowFault('UNSUPPORTED', `Orchestration stage "${element.name}" cannot run in a flow interview: orchestrations are not supported yet.`);
}
