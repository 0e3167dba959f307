/**
 * `<collectionProcessors>`. Sort orders the referenced collection in place (by fields, nulls
 * and empty texts first or last, then keeps `limit` items); Filter stores the items whose
 * conditions or formula hold as `{!FilterName}`, each item seen as `currentItem_...`
 * (the name in `assignNextValueToReference`). Recommendation mapping is unsupported.
 */
import type { CollectionProcessorElement } from '../../flow-model/index.js';
import { type ElementContext, next, type Outcome } from '../element-outcome.js';
import { FlowFault } from '../fault.js';
import type { FlowValue } from '../protocol.js';
import { typed } from '../scope.js';
import { getField, isObjectValue } from '../value-path.js';
import { compareValues } from '../values.js';

function items(value: FlowValue): FlowValue[] {
  return value === null ? [] : Array.isArray(value) ? [...value] : [value];
}

function isEmpty(value: FlowValue): boolean {
  return value === null || value === '';
}

function sortKey(item: FlowValue, field: string | undefined): FlowValue {
  if (field === undefined) return item;
  return isObjectValue(item) ? getField(item, field) : null;
}

function sortItems(element: CollectionProcessorElement, list: FlowValue[]): FlowValue[] {
  const sorted = list.sort((a, b) => {
    for (const option of element.sortOptions) {
      const left = sortKey(a, option.field);
      const right = sortKey(b, option.field);
      const leftEmpty = isEmpty(left);
      const rightEmpty = isEmpty(right);
      if (leftEmpty || rightEmpty) {
        if (leftEmpty && rightEmpty) continue;
        return (leftEmpty ? -1 : 1) * (option.doesPutEmptyStringAndNullFirst ? 1 : -1);
      }
      const order = compareValues(typed(left), typed(right)) ?? 0;
      if (order !== 0) return option.order === 'Desc' ? -order : order;
    }
    return 0;
  });
  return element.limit === undefined ? sorted : sorted.slice(0, element.limit);
}

/** Sorts or filters the collection. */
export function executeCollectionProcessor(element: CollectionProcessorElement, ctx: ElementContext): Outcome {
  const { scope } = ctx;
  const source = scope.resolve(element.collection);
  switch (element.processorType) {
    case 'SortCollectionProcessor':
      scope.write(element.collection, sortItems(element, items(source.value)));
      return next(element.connector);
    case 'FilterCollectionProcessor': {
      const itemName = (element.assignNextValueToReference?.root ?? `currentItem_${element.name}`).toLowerCase();
      const kept = items(source.value).filter((item) => {
        const itemScope = scope.withBindings(new Map([[itemName, typed(item, source.dataType, false, source.objectType)]]));
        if (element.formula !== undefined) return itemScope.formula(element.formula, 'Boolean') === true;
        return element.conditions === undefined || itemScope.test(element.conditions);
      });
      scope.setVar(element.name, kept, false);
      return next(element.connector);
    }
    default:
      throw new FlowFault('UNSUPPORTED', `Collection processor "${element.name}" of type ${element.processorType} is not supported by Eddy.`);
  }
}
