/**
 * `<recordUpdates>`: records from `inputReference` (optionally narrowed by filters and given
 * field values, as "update the triggering record" does), or `object` + filters +
 * `inputAssignments` as a `recordUpdateWhere` request. In a before-save flow, updating
 * `$Record` changes the record in memory and makes no request, as Salesforce does.
 */
import type { RecordUpdateElement } from '../../flow-model/index.js';
import { type ElementContext, next, type Outcome } from '../element-outcome.js';
import { FlowFault } from '../fault.js';
import type { FlowRecord, FlowValue } from '../protocol.js';
import { matchesFilters, resolveFilters } from '../record-filters.js';
import { referencedRecords } from './record-create.js';
import { recordValue } from '../value-path.js';

function isBeforeSave(ctx: ElementContext): boolean {
  return (ctx.flow.definition.start?.triggerType ?? '').toLowerCase() === 'recordbeforesave';
}

/** Asks the runtime to update the records (or updates `$Record` in a before-save flow). */
export function executeRecordUpdate(element: RecordUpdateElement, ctx: ElementContext): Outcome {
  const { scope } = ctx;
  const values: Record<string, FlowValue> = {};
  for (const assignment of element.inputAssignments) values[assignment.field] = scope.evaluate(assignment.value).value;
  if (element.inputReference !== undefined) {
    const reference = element.inputReference;
    const source = scope.resolve(reference);
    const filters = resolveFilters(element.filters, scope);
    let records = referencedRecords(source.value, source.objectType, element.name).filter((record) => matchesFilters(recordValue(record), filters, element.filterLogic));
    if (reference.root.toLowerCase() === '$record' && reference.path.length === 0 && isBeforeSave(ctx)) {
      if (records.length > 0) for (const [field, value] of Object.entries(values)) scope.write({ ...reference, path: [field], text: `${reference.text}.${field}` }, value);
      return next(element.connector);
    }
    if (element.inputAssignments.length > 0) {
      records = records.map((record): FlowRecord => ({ attributes: record.attributes, Id: record.Id, ...values }));
    }
    if (records.length === 0) return next(element.connector);
    if (records.some((record) => typeof record.Id !== 'string' || record.Id === '')) {
      throw new FlowFault('MISSING_ARGUMENT', `Update "${element.name}": Id not specified in an update call (${reference.text}).`);
    }
    return { kind: 'request', request: { kind: 'recordUpdate', records } };
  }
  if (element.object === undefined) throw new FlowFault('INVALID_ELEMENT', `Update "${element.name}" has neither an input reference nor an object.`);
  return {
    kind: 'request',
    request: { kind: 'recordUpdateWhere', object: element.object, filters: resolveFilters(element.filters, scope), logic: element.filterLogic, values },
  };
}

/** Goes on once the records are updated. */
export function resumeRecordUpdate(element: RecordUpdateElement): Outcome {
  return next(element.connector);
}
