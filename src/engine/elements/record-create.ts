/**
 * `<recordCreates>`, in both shapes: `inputReference` (a record variable or collection; the new
 * Ids are written back into the records) or `object` + `inputAssignments` (the new Id goes to
 * `assignRecordIdToReference` and, with `storeOutputAutomatically`, to `{!Element}`).
 */
import type { RecordCreateElement } from '../../flow-model/index.js';
import { type ElementContext, next, type Outcome } from '../element-outcome.js';
import { FlowFault } from '../fault.js';
import type { FlowRecord, FlowValue, RequestResult } from '../protocol.js';
import { isObjectValue } from '../value-path.js';

/** The records an `inputReference` holds, typed with `objectType` when they lack `attributes`. */
export function referencedRecords(value: FlowValue, objectType: string | undefined, element: string): FlowRecord[] {
  const list = value === null ? [] : Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (!isObjectValue(item)) throw new FlowFault('INVALID_TYPE', `Element "${element}" expects records, got ${JSON.stringify(item)}.`);
    if (isObjectValue(item.attributes)) return item as unknown as FlowRecord;
    return { ...item, attributes: { type: objectType ?? '' } } as FlowRecord;
  });
}

/** Asks the runtime to create the records. */
export function executeRecordCreate(element: RecordCreateElement, ctx: ElementContext): Outcome {
  if (element.inputReference !== undefined) {
    const source = ctx.scope.resolve(element.inputReference);
    if (source.value === null && !source.isCollection) {
      throw new FlowFault('NULL_REFERENCE', `Create "${element.name}": ${element.inputReference.text} has no record to create.`);
    }
    const records = referencedRecords(source.value, source.objectType, element.name);
    if (records.length === 0) return next(element.connector);
    return { kind: 'request', request: { kind: 'recordCreate', records } };
  }
  if (element.object === undefined) throw new FlowFault('INVALID_ELEMENT', `Create "${element.name}" has neither an input reference nor an object.`);
  const record: FlowRecord = { attributes: { type: element.object } };
  for (const assignment of element.inputAssignments) record[assignment.field] = ctx.scope.evaluate(assignment.value).value;
  return { kind: 'request', request: { kind: 'recordCreate', records: [record] } };
}

/** Stores the new Ids. */
export function resumeRecordCreate(element: RecordCreateElement, ctx: ElementContext, result: RequestResult): Outcome {
  const ids = result.kind === 'ids' ? result.ids : [];
  if (element.inputReference !== undefined) {
    const source = ctx.scope.resolve(element.inputReference);
    if (Array.isArray(source.value)) {
      ctx.scope.write(element.inputReference, source.value.map((record, index) => (isObjectValue(record) ? { ...record, Id: ids[index] ?? null } : record)));
    } else if (isObjectValue(source.value)) {
      ctx.scope.write(element.inputReference, { ...source.value, Id: ids[0] ?? null });
    }
    return next(element.connector);
  }
  const id = ids[0] ?? null;
  if (element.assignRecordIdToReference !== undefined) ctx.scope.write(element.assignRecordIdToReference, id);
  if (element.storeOutputAutomatically) ctx.scope.setVar(element.name, id, false);
  return next(element.connector);
}
