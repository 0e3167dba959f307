/** `<recordDeletes>`: the records of `inputReference` by Id, or `object` + filters. */
import type { RecordDeleteElement } from '../../flow-model/index.js';
import { type ElementContext, next, type Outcome } from '../element-outcome.js';
import { FlowFault } from '../fault.js';
import { resolveFilters } from '../record-filters.js';
import { isObjectValue } from '../value-path.js';

/** Asks the runtime to delete the records. */
export function executeRecordDelete(element: RecordDeleteElement, ctx: ElementContext): Outcome {
  const { scope } = ctx;
  if (element.inputReference !== undefined) {
    const source = scope.resolve(element.inputReference);
    const list = source.value === null ? [] : Array.isArray(source.value) ? source.value : [source.value];
    const ids: string[] = [];
    let object = source.objectType;
    for (const item of list) {
      if (typeof item === 'string') ids.push(item);
      else if (isObjectValue(item) && typeof item.Id === 'string') {
        ids.push(item.Id);
        if (object === undefined && isObjectValue(item.attributes) && typeof item.attributes.type === 'string') object = item.attributes.type;
      } else throw new FlowFault('NULL_REFERENCE', `Delete "${element.name}": a record of ${element.inputReference.text} has no Id.`);
    }
    if (ids.length === 0) return next(element.connector);
    return { kind: 'request', request: { kind: 'recordDelete', object, ids } };
  }
  if (element.object === undefined) throw new FlowFault('INVALID_ELEMENT', `Delete "${element.name}" has neither an input reference nor an object.`);
  return {
    kind: 'request',
    request: { kind: 'recordDeleteWhere', object: element.object, filters: resolveFilters(element.filters, scope), logic: element.filterLogic },
  };
}

/** Goes on once the records are deleted. */
export function resumeRecordDelete(element: RecordDeleteElement): Outcome {
  return next(element.connector);
}
