/** Elements Eddy recognises but cannot run (`apexPluginCalls`, legacy `steps`...). */
import type { UnsupportedElement } from '../../flow-model/index.js';
import type { Outcome } from '../element-outcome.js';
import { FlowFault } from '../fault.js';

/** Faults with `UNSUPPORTED`, naming the metadata element. */
export function executeUnsupported(element: UnsupportedElement): Outcome {
  throw new FlowFault('UNSUPPORTED', `Element "${element.name}" (<${element.xmlTag}>) is not supported by Eddy.`);
}
