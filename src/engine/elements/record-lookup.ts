/**
 * `<recordLookups>`: a `recordQuery` request (filters resolved, first record only → limit 1,
 * sort, queried fields), then the result is stored: automatically under the element's name,
 * into `outputReference`, or field by field through `outputAssignments`.
 */
import type { RecordLookupElement } from '../../flow-model/index.js';
import { type ElementContext, next, type Outcome } from '../element-outcome.js';
import type { FlowRecord, RequestResult } from '../protocol.js';
import { resolveFilters } from '../record-filters.js';
import { getField, isObjectValue, recordValue } from '../value-path.js';

/** Asks the runtime for the records. */
export function executeRecordLookup(element: RecordLookupElement, ctx: ElementContext): Outcome {
  const fields = element.outputAssignments.length > 0 ? element.outputAssignments.map((assignment) => assignment.field) : element.queriedFields;
  return {
    kind: 'request',
    request: {
      kind: 'recordQuery',
      object: element.object,
      filters: resolveFilters(element.filters, ctx.scope),
      logic: element.filterLogic,
      fields,
      sort: element.sortField === undefined ? undefined : { field: element.sortField, order: element.sortOrder ?? 'Asc' },
      limit: element.getFirstRecordOnly ? 1 : element.limit,
    },
  };
}

/** Stores the records found. No record stores null (a record variable or a collection alike). */
export function resumeRecordLookup(element: RecordLookupElement, ctx: ElementContext, result: RequestResult): Outcome {
  const records: readonly FlowRecord[] = result.kind === 'records' ? result.records : [];
  const first = recordValue(records[0]);
  const found = element.getFirstRecordOnly ? first : records.length === 0 ? null : recordValue(records);
  if (element.storeOutputAutomatically) ctx.scope.setVar(element.name, found, false);
  if (element.outputReference !== undefined) ctx.scope.write(element.outputReference, found);
  if (element.outputAssignments.length > 0 && (first !== null || element.assignNullValuesIfNoRecordsFound)) {
    for (const assignment of element.outputAssignments) {
      ctx.scope.write(assignment.target, isObjectValue(first) ? getField(first, assignment.field) : null);
    }
  }
  return next(element.connector);
}
