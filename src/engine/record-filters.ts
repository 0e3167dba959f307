/** Record filters: resolving their values for a request, and matching records in memory. */
import type { LogicNode, RecordFilter } from '../flow-model/index.js';
import { evaluateCondition, evaluateLogic } from './conditions.js';
import type { FlowValue, ResolvedFilter } from './protocol.js';
import type { Scope } from './scope.js';
import { getPath, isObjectValue } from './value-path.js';

/** The filters with their values resolved in `scope`. */
export function resolveFilters(filters: readonly RecordFilter[], scope: Scope): ResolvedFilter[] {
  return filters.map((filter) => ({ field: filter.field, operator: filter.operator, value: scope.evaluate(filter.value).value }));
}

/** Whether a record matches resolved filters combined by `logic` (no filters: every record). */
export function matchesFilters(record: FlowValue, filters: readonly ResolvedFilter[], logic: LogicNode): boolean {
  if (filters.length === 0) return true;
  if (!isObjectValue(record)) return false;
  return evaluateLogic(logic, (index) => {
    const filter = filters[index];
    if (filter === undefined) return false;
    const left = getPath(record, filter.field.split('.'));
    return evaluateCondition(
      filter.operator,
      { value: left, dataType: undefined, isCollection: Array.isArray(left) },
      { value: filter.value, dataType: undefined, isCollection: Array.isArray(filter.value) },
    );
  });
}
