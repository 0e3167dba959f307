/**
 * `<loops>`: one item per visit, ascending or descending. The position lives in the frame's
 * `loops`; it is dropped when the items run out, so re-entering the loop starts over.
 */
import type { LoopElement } from '../../flow-model/index.js';
import { type ElementContext, next, type Outcome } from '../element-outcome.js';

/** Assigns the next item and follows `nextValueConnector`, or ends the loop. */
export function executeLoop(element: LoopElement, ctx: ElementContext): Outcome {
  const { frame, scope } = ctx;
  const collection = scope.resolve(element.collection).value;
  const items = Array.isArray(collection) ? collection : collection === null ? [] : [collection];
  const position = frame.loops[element.name] ?? 0;
  if (position < items.length) {
    const item = items[element.order === 'Desc' ? items.length - 1 - position : position] ?? null;
    frame.loops[element.name] = position + 1;
    if (element.assignNextValueTo !== undefined) scope.write(element.assignNextValueTo, item);
    else scope.setVar(element.name, item, false);
    return next(element.nextValueConnector);
  }
  delete frame.loops[element.name];
  if (element.assignNextValueTo === undefined) scope.setVar(element.name, null, false);
  return next(element.noMoreValuesConnector);
}
