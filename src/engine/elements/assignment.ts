/** `<assignments>`: each item in order, each seeing the ones before it. */
import type { AssignmentElement } from '../../flow-model/index.js';
import { type ElementContext, next, type Outcome } from '../element-outcome.js';
import { applyAssignment } from '../values.js';

/** Applies the assignment items in order and follows the connector. */
export function executeAssignment(element: AssignmentElement, ctx: ElementContext): Outcome {
  for (const item of element.items) {
    const target = ctx.scope.resolve(item.target);
    const value = ctx.scope.evaluate(item.value, target.dataType);
    ctx.scope.write(item.target, applyAssignment(item.operator, target, value));
  }
  return next(element.connector);
}
