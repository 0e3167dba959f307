/** `<transforms>`: parsed, not executed yet. */
import type { TransformElement } from '../../flow-model/index.js';
import type { Outcome } from '../element-outcome.js';
import { FlowFault } from '../fault.js';

/** Faults with `UNSUPPORTED`: Eddy does not run Transform elements yet. */
export function executeTransform(element: TransformElement): Outcome {
  throw new FlowFault('UNSUPPORTED', `Transform "${element.name}" is not supported by Eddy yet.`);
}
