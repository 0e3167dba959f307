/**
 * Answers the record requests of a batch of interviews together, so that a batch of 200 costs
 * the statements of one (Salesforce's bulkification):
 * - queries that are identical run once; queries of the same shape — same object, fields, sort,
 *   limit and filters, but for the value of one `EqualTo` filter (`AccountId = {!$Record.AccountId}`)
 *   — run as one query with that filter as `In` over every value, and each interview gets the
 *   rows whose field has its value, in the query's order, up to its own limit;
 * - creates, updates and deletes of one object become one save through the pipeline, each
 *   interview's records one group: a record that fails fails only its own interview's request;
 * - `updateWhere` / `deleteWhere` (filters instead of records) find their records, then save
 *   them through the pipeline, one request at a time.
 * Any other shape of query runs on its own. Results and faults go back in request order.
 */
import type { FlowRecord, FlowValue, PortFault, Request, ResolvedFilter } from '../../engine/index.js';
import type { RecordQuery as EngineQuery } from '../../engine/index.js';
import type { OrgSchema } from '../org/org-schema.js';
import { classifyRunError } from '../interviews/run-error-policy.js';
import type { RecordStore } from '../ports/index.js';
import type { BatchAnswer } from './trigger-batch.js';
import { throwableOf, type SaveRequest, type SaveResult } from './save-types.js';

/** What answering needs: the transaction's records (reads) and the pipeline (writes). */
export interface BatchRecordPorts {
  readonly records: RecordStore;
  readonly schema: OrgSchema;
  /** A save through the pipeline, nested in the current one. */
  save(request: SaveRequest): Promise<SaveResult[]>;
}

type Query = EngineQuery;

/** The fault a failed record save gives the interview that asked for it. */
function faultOf(result: SaveResult): PortFault {
  const meaning = classifyRunError(throwableOf(result.errors));
  if (meaning.kind === 'fault') return meaning.fault;
  return { code: 'INVALID_OPERATION', message: result.errors.map((e) => e.message).join('; ') || 'The record was not saved.' };
}

/** Answers `requests` (all record requests) together; answers in request order. */
export async function answerRecordRequests(requests: readonly Request[], ports: BatchRecordPorts): Promise<BatchAnswer[]> {
  const answers: (BatchAnswer | undefined)[] = Array.from({ length: requests.length }, () => undefined);
  const queries: { index: number; request: Query }[] = [];
  const writes = new Map<string, { operation: SaveRequest['operation']; object: string; items: { index: number; records: FlowRecord[] }[] }>();
  for (const [index, request] of requests.entries()) {
    switch (request.kind) {
      case 'recordQuery':
        queries.push({ index, request });
        break;
      case 'recordCreate':
      case 'recordUpdate': {
        const operation = request.kind === 'recordCreate' ? 'create' : 'update';
        const types = new Set(request.records.map((record) => record.attributes?.type));
        const [type] = types;
        if (types.size !== 1 || typeof type !== 'string') {
          // Mixed (or missing) types: one save per type, in order, for this request alone.
          answers[index] = await saveMixed(operation, request.records, ports);
          break;
        }
        addWrite(writes, `${operation}:${type.toLowerCase()}`, operation, type, index, [...request.records]);
        break;
      }
      case 'recordDelete': {
        const byObject = new Map<string, FlowRecord[]>();
        let unknown: string | undefined;
        for (const id of request.ids) {
          const object = request.object ?? ports.schema.objectForId(id)?.name;
          if (object === undefined) unknown = id;
          else byObject.set(object, [...(byObject.get(object) ?? []), { attributes: { type: object }, Id: id }]);
        }
        if (unknown !== undefined) {
          answers[index] = { kind: 'fault', fault: { code: 'INVALID_CROSS_REFERENCE_KEY', message: `invalid cross reference id: ${unknown}` } };
          break;
        }
        const [first, ...rest] = [...byObject];
        if (first === undefined) answers[index] = { kind: 'result', result: { kind: 'count', count: 0 } };
        else if (rest.length > 0) answers[index] = await saveMixed('delete', [...byObject.values()].flat(), ports);
        else addWrite(writes, `delete:${first[0].toLowerCase()}`, 'delete', first[0], index, first[1]);
        break;
      }
      case 'recordUpdateWhere':
      case 'recordDeleteWhere':
        answers[index] = await saveWhere(request, ports);
        break;
      case 'action':
      case 'subflow':
        throw new Error(`answerRecordRequests: ${request.kind} is not a record request.`);
    }
  }
  for (const [index, answer] of await answerQueries(queries, ports.records)) answers[index] = answer;
  for (const write of writes.values()) {
    const records = write.items.flatMap((item) => item.records);
    const groups = write.items.flatMap((item, group) => item.records.map(() => group));
    const results = await ports.save({ operation: write.operation, object: write.object, records, groups });
    let offset = 0;
    for (const item of write.items) {
      const mine = results.slice(offset, offset + item.records.length);
      offset += item.records.length;
      const failed = mine.find((result) => !result.success);
      if (failed !== undefined) answers[item.index] = { kind: 'fault', fault: faultOf(failed) };
      else if (write.operation === 'create') answers[item.index] = { kind: 'result', result: { kind: 'ids', ids: mine.map((result) => result.id as string) } };
      else answers[item.index] = { kind: 'result', result: { kind: 'count', count: mine.length } };
    }
  }
  return answers.map((answer) => {
    if (answer === undefined) throw new Error('A record request of a batch was not answered.');
    return answer;
  });
}

function addWrite(
  writes: Map<string, { operation: SaveRequest['operation']; object: string; items: { index: number; records: FlowRecord[] }[] }>,
  key: string,
  operation: SaveRequest['operation'],
  object: string,
  index: number,
  records: FlowRecord[],
): void {
  const write = writes.get(key) ?? { operation, object, items: [] };
  write.items.push({ index, records });
  writes.set(key, write);
}

/** One request whose records are of several objects: one save per object, all or none per save. */
async function saveMixed(operation: SaveRequest['operation'], records: readonly FlowRecord[], ports: BatchRecordPorts): Promise<BatchAnswer> {
  const ids: string[] = [];
  const byType = new Map<string, FlowRecord[]>();
  for (const record of records) {
    const type = record.attributes?.type;
    if (typeof type !== 'string' || type === '') return { kind: 'fault', fault: { code: 'MISSING_ARGUMENT', message: 'Each record needs attributes.type (its object).' } };
    byType.set(type, [...(byType.get(type) ?? []), record]);
  }
  const idOf = new Map<FlowRecord, string>();
  for (const [object, list] of byType) {
    const results = await ports.save({ operation, object, records: list });
    const failed = results.find((result) => !result.success);
    if (failed !== undefined) return { kind: 'fault', fault: faultOf(failed) };
    list.forEach((record, i) => idOf.set(record, results[i]?.id as string));
  }
  for (const record of records) ids.push(idOf.get(record) as string);
  return operation === 'create' ? { kind: 'result', result: { kind: 'ids', ids } } : { kind: 'result', result: { kind: 'count', count: records.length } };
}

/** `updateWhere` / `deleteWhere`: the matching records' Ids, then one save of them. */
async function saveWhere(request: Extract<Request, { kind: 'recordUpdateWhere' | 'recordDeleteWhere' }>, ports: BatchRecordPorts): Promise<BatchAnswer> {
  let rows: FlowRecord[];
  try {
    rows = await ports.records.query({ object: request.object, filters: request.filters, logic: request.logic, fields: ['Id'] });
  } catch (error) {
    const meaning = classifyRunError(error);
    if (meaning.kind !== 'fault') throw error;
    return { kind: 'fault', fault: meaning.fault };
  }
  if (rows.length === 0) return { kind: 'result', result: { kind: 'count', count: 0 } };
  const object = ports.schema.describeOrThrow(request.object).name;
  const records = rows.map((row): FlowRecord => (request.kind === 'recordUpdateWhere' ? { ...request.values, attributes: { type: object }, Id: row.Id as string } : { attributes: { type: object }, Id: row.Id as string }));
  const results = await ports.save({ operation: request.kind === 'recordUpdateWhere' ? 'update' : 'delete', object, records });
  const failed = results.find((result) => !result.success);
  return failed !== undefined ? { kind: 'fault', fault: faultOf(failed) } : { kind: 'result', result: { kind: 'count', count: rows.length } };
}

/** The one `EqualTo` filter whose value differs between the queries of a group, if exactly one does. */
function varyingFilter(group: readonly Query[]): number | undefined {
  const first = group[0];
  if (first === undefined) return undefined;
  let varying: number | undefined;
  for (const [position, filter] of first.filters.entries()) {
    const same = group.every((query) => JSON.stringify(query.filters[position]?.value ?? null) === JSON.stringify(filter.value ?? null));
    if (same) continue;
    if (varying !== undefined || filter.operator !== 'EqualTo') return undefined;
    if (group.some((query) => query.filters[position]?.value === null || typeof query.filters[position]?.value === 'object')) return undefined;
    varying = position;
  }
  return varying;
}

/** A query's shape: everything but the values of its `EqualTo` filters. */
function shapeOf(query: Query): string {
  return JSON.stringify({
    object: query.object.toLowerCase(),
    fields: query.fields,
    sort: query.sort ?? null,
    limit: query.limit ?? null,
    logic: query.logic,
    filters: query.filters.map((filter) => ({ field: filter.field.toLowerCase(), operator: filter.operator, value: filter.operator === 'EqualTo' ? '?' : filter.value })),
  });
}

/** Whether condition logic is a plain AND of every filter (so one filter can become `In`). */
function isAllAnd(query: Query): boolean {
  const logic = query.logic;
  if (logic.op === 'condition') return query.filters.length <= 1;
  return logic.op === 'and' && logic.children.every((child) => child.op === 'condition');
}

function keyOf(value: FlowValue | undefined): string {
  return typeof value === 'string' ? value.toLowerCase() : JSON.stringify(value ?? null);
}

/** Runs the queries: identical ones once, same-shaped ones as one `In` query. */
async function answerQueries(queries: readonly { index: number; request: Query }[], records: RecordStore): Promise<Map<number, BatchAnswer>> {
  const answers = new Map<number, BatchAnswer>();
  const shapes = new Map<string, { index: number; request: Query }[]>();
  for (const query of queries) {
    const shape = shapeOf(query.request);
    shapes.set(shape, [...(shapes.get(shape) ?? []), query]);
  }
  for (const group of shapes.values()) {
    const identical = new Map<string, { index: number; request: Query }[]>();
    for (const query of group) {
      const key = JSON.stringify(query.request.filters.map((filter: ResolvedFilter) => filter.value));
      identical.set(key, [...(identical.get(key) ?? []), query]);
    }
    const distinct = [...identical.values()].map((same) => (same[0] as { request: Query }).request);
    const varying = distinct.length > 1 && isAllAnd(distinct[0] as Query) ? varyingFilter(distinct) : undefined;
    if (varying === undefined) {
      for (const same of identical.values()) {
        const answer = await runQuery((same[0] as { request: Query }).request, records);
        for (const query of same) answers.set(query.index, answer);
      }
      continue;
    }
    const first = distinct[0] as Query;
    const filter = first.filters[varying] as ResolvedFilter;
    const values = distinct.map((query) => query.filters[varying]?.value ?? null);
    const fields = first.fields.length === 0 || first.fields.some((f) => f.toLowerCase() === filter.field.toLowerCase()) ? first.fields : [...first.fields, filter.field];
    const combined: Query = {
      ...first,
      fields,
      // No limit on the combined query: each interview's limit applies to its own rows below.
      limit: undefined,
      filters: first.filters.map((f, position) => (position === varying ? { field: f.field, operator: 'In', value: values } : f)),
    };
    const answer = await runQuery(combined, records);
    for (const same of identical.values()) {
      const request = (same[0] as { request: Query }).request;
      let result: BatchAnswer = answer;
      if (answer.kind === 'result' && answer.result.kind === 'records') {
        const wanted = keyOf(request.filters[varying]?.value);
        const field = fieldName(answer.result.records, filter.field);
        let rows = answer.result.records.filter((row) => keyOf(row[field] ?? null) === wanted);
        if (request.limit !== undefined) rows = rows.slice(0, request.limit);
        if (fields !== first.fields) rows = rows.map((row) => withoutField(row, field));
        result = { kind: 'result', result: { kind: 'records', records: rows } };
      }
      for (const query of same) answers.set(query.index, result);
    }
  }
  return answers;
}

/** The spelling of `field` in the rows (the describe's, which may differ in case from the filter's). */
function fieldName(rows: readonly FlowRecord[], field: string): string {
  const row = rows[0];
  if (row === undefined) return field;
  return Object.keys(row).find((key) => key.toLowerCase() === field.toLowerCase()) ?? field;
}

function withoutField(row: FlowRecord, field: string): FlowRecord {
  const copy = { ...row };
  delete copy[field];
  return copy;
}

async function runQuery(request: Query, records: RecordStore): Promise<BatchAnswer> {
  try {
    const rows = await records.query({ object: request.object, filters: request.filters, logic: request.logic, fields: request.fields, sort: request.sort, limit: request.limit });
    return { kind: 'result', result: { kind: 'records', records: rows } };
  } catch (error) {
    const meaning = classifyRunError(error);
    if (meaning.kind !== 'fault') throw error;
    return { kind: 'fault', fault: meaning.fault };
  }
}
